package workspace

import (
	"context"
	"fmt"
	"testing"

	"gapwise/internal/model"
)

// BenchmarkAddMembers1000 is issue 12's "adding 1,000 people to a team"
// (target under 2 s): one transaction for the lot.
func BenchmarkAddMembers1000(b *testing.B) {
	ctx := context.Background()
	ws := openTemp(b)
	ids := make([]string, 1000)
	for i := range ids {
		p, err := ws.AddPerson(ctx, model.Person{Name: fmt.Sprintf("Person %04d", i), Discipline: model.Nurse})
		if err != nil {
			b.Fatal(err)
		}
		ids[i] = p.ID
	}
	fw := model.FrameworkRef{ID: "fci", Version: "2020-provisional"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		team, err := ws.CreateTeam(ctx, fmt.Sprintf("Team %d", i), fw)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if n, err := ws.AddMembers(ctx, team.ID, ids); err != nil || n != len(ids) {
			b.Fatalf("added %d: %v", n, err)
		}
	}
}
