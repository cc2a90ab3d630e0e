package workspace

import (
	"context"
	"fmt"
	"testing"

	"gapwise/internal/model"
)

// TestSetTeamTargetsInBulk: FCI and SFIA team targets in one step, each
// level fitted to the item (capped or raised as anywhere else).
func TestSetTeamTargetsInBulk(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	fciRef := model.FrameworkRef{ID: "fci", Version: "2020-provisional"}
	sfiaRef := model.FrameworkRef{ID: "sfia", Version: "9"}
	fci, err := w.Framework(ctx, fciRef)
	if err != nil {
		t.Fatal(err)
	}
	sfia, err := w.Framework(ctx, sfiaRef)
	if err != nil {
		t.Fatal(err)
	}
	group := fci.Items[0].Group
	top := fci.TopGroup(group)
	inTop := 0
	for i := range fci.Items {
		if fci.TopGroup(fci.Items[i].Group) == top {
			inTop++
		}
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	team, err := w.CreateTeam(ctx, "Digital nursing", fciRef)
	must(err)
	other, err := w.CreateTeam(ctx, "Pharmacy informatics", fciRef)
	must(err)
	sfiaTeam, err := w.CreateTeam(ctx, "Architects", sfiaRef)
	must(err)
	lead, err := w.AddPerson(ctx, model.Person{Name: "Lead", Discipline: model.Disciplines[0], InformaticsWTE: 0.5})
	must(err)
	a, err := w.StartAssessment(ctx, lead.ID, fciRef, model.SelfAssessment, "", model.Scope{})
	must(err)
	for _, r := range []model.Rating{{Item: fci.Items[0].ID, Level: 3}, {Item: fci.Items[1].ID, Level: 0}, {Item: fci.Items[2].ID, Level: 2}} {
		if err := w.Rate(ctx, a.ID, r); err != nil {
			t.Fatal(err)
		}
	}
	sfiaA, err := w.StartAssessment(ctx, lead.ID, sfiaRef, model.SelfAssessment, "", model.Scope{})
	must(err)
	if err := w.SetTeamTarget(ctx, model.TeamID(other.ID), model.ItemID(fci.Items[5].ID), 1); err != nil {
		t.Fatal(err)
	}
	// PROG is defined at 2 to 6 in SFIA 9: 7 caps to its top, 1 raises to 2.
	prog, _ := sfia.Item("PROG")
	levels := func(teamID string) map[string]int {
		ts, err := w.TeamTargets(ctx, teamID)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]int{}
		for _, x := range ts {
			m[x.Item] = x.Level
		}
		return m
	}
	tests := []struct {
		name    string
		team    string
		from    TeamTargetsFrom
		fails   bool
		wantErr model.ErrorKind
		check   func(m map[string]int) string
	}{
		{name: "all FCI items at 2", team: team.ID, from: TeamTargetsFrom{All: true, Level: 2}, check: func(m map[string]int) string {
			if len(m) != len(fci.Items) || m[fci.Items[3].ID] != 2 {
				return fmt.Sprintf("%d targets, want %d at 2", len(m), len(fci.Items))
			}
			return ""
		}},
		{name: "a domain at 3 keeps the rest", team: team.ID, from: TeamTargetsFrom{Group: top.ID, Level: 3}, check: func(m map[string]int) string {
			three := 0
			for _, l := range m {
				if l == 3 {
					three++
				}
			}
			if len(m) != len(fci.Items) || three != inTop {
				return fmt.Sprintf("%d targets, %d at 3; want %d, %d at 3", len(m), three, len(fci.Items), inTop)
			}
			return ""
		}},
		{name: "all at 9 capped to each item's top", team: sfiaTeam.ID, from: TeamTargetsFrom{All: true, Level: 9}, check: func(m map[string]int) string {
			if m["PROG"] != prog.Levels[len(prog.Levels)-1] {
				return fmt.Sprintf("PROG %d, want %d", m["PROG"], prog.Levels[len(prog.Levels)-1])
			}
			return ""
		}},
		{name: "all at 1 raised into each item's levels", team: sfiaTeam.ID, from: TeamTargetsFrom{All: true, Level: 1}, check: func(m map[string]int) string {
			if m["PROG"] != prog.Levels[0] || !prog.ValidLevel(m["PROG"]) {
				return fmt.Sprintf("PROG %d, want %d", m["PROG"], prog.Levels[0])
			}
			return ""
		}},
		{name: "from a person's assessment: rated levels above 0", team: team.ID, from: TeamTargetsFrom{FromAssessment: a.ID}, check: func(m map[string]int) string {
			if len(m) != 2 || m[fci.Items[0].ID] != 3 || m[fci.Items[2].ID] != 2 {
				return fmt.Sprintf("%v", m)
			}
			return ""
		}},
		{name: "copied from another team", team: team.ID, from: TeamTargetsFrom{FromTeam: other.ID}, check: func(m map[string]int) string {
			if len(m) != 1 || m[fci.Items[5].ID] != 1 {
				return fmt.Sprintf("%v", m)
			}
			return ""
		}},
		{name: "level 0 refused", team: team.ID, from: TeamTargetsFrom{All: true}, fails: true, wantErr: model.Invalid},
		{name: "unknown group", team: team.ID, from: TeamTargetsFrom{Group: "nope", Level: 2}, fails: true, wantErr: model.NotFound},
		{name: "two sources at once", team: team.ID, from: TeamTargetsFrom{All: true, Level: 2, FromTeam: other.ID}, fails: true, wantErr: model.Invalid},
		{name: "nothing chosen", team: team.ID, fails: true, wantErr: model.Invalid},
		{name: "another framework's assessment", team: team.ID, from: TeamTargetsFrom{FromAssessment: sfiaA.ID}, fails: true, wantErr: model.Invalid},
		{name: "another framework's team", team: team.ID, from: TeamTargetsFrom{FromTeam: sfiaTeam.ID}, fails: true, wantErr: model.Invalid},
		{name: "its own targets", team: team.ID, from: TeamTargetsFrom{FromTeam: team.ID}, fails: true, wantErr: model.Invalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := levels(tc.team)
			err := w.SetTeamTargetsInBulk(ctx, tc.team, tc.from)
			if tc.fails {
				if model.KindOf(err) != tc.wantErr {
					t.Fatalf("error %v (kind %v), want kind %v", err, model.KindOf(err), tc.wantErr)
				}
				if after := levels(tc.team); len(after) != len(before) {
					t.Errorf("a refused change altered the targets: %d, was %d", len(after), len(before))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if msg := tc.check(levels(tc.team)); msg != "" {
				t.Error(msg)
			}
		})
	}
}
