package store

import (
	"context"
	"testing"
	"time"

	"gapwise/internal/model"
)

// The previous assessment a gaps view compares with is the person's latest
// one of the same kind and framework version made strictly before it:
// never an appraiser's, another version's, another person's, a later one,
// or the assessment itself.
func TestPreviousAssessment(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if _, err := s.SeedPacks(ctx, []PackData{packOf(t, tinyFramework("2"))}); err != nil {
		t.Fatal(err)
	}
	v2 := model.FrameworkRef{ID: "test", Version: "2"}
	ada, err := s.CreatePerson(ctx, model.Person{Name: "Ada Example", Discipline: model.Nurse})
	if err != nil {
		t.Fatal(err)
	}
	bob, err := s.CreatePerson(ctx, model.Person{Name: "Bob Example", Discipline: model.Doctor})
	if err != nil {
		t.Fatal(err)
	}
	day := func(d int) time.Time { return time.Date(2026, 3, d, 9, 0, 0, 0, time.UTC) }
	made := map[string]model.Assessment{}
	for _, x := range []struct {
		name   string
		person model.Person
		ref    model.FrameworkRef
		kind   model.AssessmentKind
		at     time.Time
	}{
		{"first", ada, testRef, model.SelfAssessment, day(1)},
		{"second", ada, testRef, model.SelfAssessment, day(5)},
		{"appraiser", ada, testRef, model.AppraiserAssessment, day(6)},
		{"other version", ada, v2, model.SelfAssessment, day(7)},
		{"bob's", bob, testRef, model.SelfAssessment, day(8)},
		{"third", ada, testRef, model.SelfAssessment, day(10)},
		{"same moment as third", ada, testRef, model.SelfAssessment, day(10)},
		{"appraiser later", ada, testRef, model.AppraiserAssessment, day(12)},
	} {
		a, err := s.CreateAssessment(ctx, model.Assessment{PersonID: x.person.ID, Framework: x.ref, Kind: x.kind, Assessor: "Dr Who", CreatedAt: x.at})
		if err != nil {
			t.Fatalf("%s: %v", x.name, err)
		}
		made[x.name] = a
	}
	for _, c := range []struct{ of, want string }{
		{"first", ""},
		{"second", "first"},
		{"third", "second"}, // not the one made at the same moment, nor the appraiser's or v2 in between
		{"same moment as third", "second"},
		{"appraiser later", "appraiser"},
		{"other version", ""},
		{"bob's", ""},
	} {
		got, err := s.PreviousAssessment(ctx, made[c.of])
		if err != nil {
			t.Fatalf("%s: %v", c.of, err)
		}
		switch {
		case c.want == "" && got != nil:
			t.Errorf("before %s: got %s (%s), want none", c.of, got.ID, got.CreatedAt)
		case c.want != "" && (got == nil || got.ID != made[c.want].ID):
			t.Errorf("before %s: got %v, want %s", c.of, got, c.want)
		}
	}
}

// LevelsByItem gives each rated item's level and when it was rated: what a
// comparison of two assessments shows.
func TestLevelsByItem(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	_, a := newAssessment(t, s)
	at := time.Date(2026, 4, 2, 8, 30, 0, 0, time.UTC)
	if err := s.SetRating(ctx, a.ID, model.Rating{Item: "B", Level: 7, Confidence: 4, Evidence: "audit lead", RatedAt: at}); err != nil {
		t.Fatal(err)
	}
	got, err := s.LevelsByItem(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Item != "B" || got[0].Level != 7 || !got[0].RatedAt.Equal(at) {
		t.Errorf("LevelsByItem = %+v; want item B at level 7, rated %s", got, at)
	}
	_, err = s.LevelsByItem(ctx, "no-such-assessment")
	wantKind(t, err, model.NotFound)
}
