package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"gapwise/internal/model"
)

// The rules for writing hold on whichever connection a write reaches:
// the one that opened the file, one the pool opens later, and one a bulk
// load or a batch import has used (each changes the connection's temp
// schema, where the rules live, and must leave them as they were).
func TestRulesHoldOnEveryConnection(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		using func(t *testing.T, s *Store)
	}{
		{"the connection that opened the file", func(t *testing.T, s *Store) {}},
		{"a connection opened later", func(t *testing.T, s *Store) {
			s.db.SetMaxIdleConns(0) // each statement now takes a new connection
			t.Cleanup(func() { s.db.SetMaxIdleConns(maxConns) })
		}},
		{"after a bulk load on it", func(t *testing.T, s *Store) {
			s.db.SetMaxOpenConns(1) // the load and the write below share one connection
			if err := s.BulkLoad(ctx, []BulkPerson{{Person: model.Person{Name: "Bulk Example", Discipline: model.Nurse}}}); err != nil {
				t.Fatal(err)
			}
		}},
		{"after a batch import on it", func(t *testing.T, s *Store) {
			s.db.SetMaxOpenConns(1)
			if _, err := s.ImportBatch(ctx, "", []ImportItem{importItem(0)}); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t)
			p, a := newAssessment(t, s)
			tc.using(t, s)
			err := s.SetRating(ctx, a.ID, model.Rating{Item: "B", Level: 3}) // B defines 4-7
			if model.KindOf(err) != model.Invalid || !strings.Contains(err.Error(), "level is not defined") {
				t.Errorf("a rating at a level its item does not define: %v; want the rule's refusal", err)
			}
			plan, err := s.CreatePlan(ctx, model.Plan{PersonID: p.ID, Framework: testRef, Title: "2026"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.SaveAction(ctx, plan.ID, model.Action{Objective: "x", Activity: "juggling"}); model.KindOf(err) != model.Invalid {
				t.Errorf("an action of an unknown activity: %v; want the rule's refusal", err)
			}
			if err := s.SetRating(ctx, a.ID, model.Rating{Item: "B", Level: 5}); err != nil {
				t.Errorf("a good rating: %v", err)
			}
		})
	}
}

// A store opened for reading reads what was saved, refuses to write, and
// leaves the file exactly as it was.
func TestReaderReadsAndNeverWrites(t *testing.T) {
	ctx := context.Background()
	w := newStore(t)
	path := w.Path()
	_, a := newAssessment(t, w)
	if err := w.SetRating(ctx, a.ID, model.Rating{Item: "A", Level: 2, Evidence: "audit"}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	before := stateOf(t, path)

	r, err := OpenReader(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := r.Ratings(ctx, a.ID)
	if err != nil || len(rs) != 1 || rs[0].Level != 2 || rs[0].Evidence != "audit" {
		t.Errorf("ratings read for reading: %+v %v", rs, err)
	}
	if err := r.SetRating(ctx, a.ID, model.Rating{Item: "A", Level: 3}); err == nil {
		t.Error("a store opened for reading saved a rating")
	}
	if _, err := r.CreatePerson(ctx, model.Person{Name: "Bo Example", Discipline: model.Doctor}); err == nil {
		t.Error("a store opened for reading added a person")
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if err := before.same(stateOf(t, path)); err != nil {
		t.Errorf("the file after a reading session: %v", err)
	}
	w = openAt(t, path)
	if rs, err := w.Ratings(ctx, a.ID); err != nil || len(rs) != 1 || rs[0].Level != 2 {
		t.Errorf("ratings after the reading session: %+v %v", rs, err)
	}
}

// A file of an older schema opened for reading is upgraded, as Open does,
// and its old stored triggers give way to the rules on its connections.
func TestReaderUpgradesAnOlderFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gapwise.db")
	old := storeAtVersion(t, path, LatestSchema-1)
	if !strings.Contains(schemaOf(t, old), "trigger ratings_level_insert") {
		t.Fatal("the older file has no stored level trigger")
	}
	old.Close()

	s, err := OpenReader(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if s.SchemaVersion() != LatestSchema {
		t.Errorf("schema %d after opening for reading; want %d", s.SchemaVersion(), LatestSchema)
	}
	if schema := schemaOf(t, s); strings.Contains(schema, "trigger ") {
		t.Errorf("triggers still stored after the upgrade:\n%s", schema)
	}
	if _, err := s.SeedPacks(ctx, []PackData{packOf(t, tinyFramework("1"))}); err != nil {
		t.Fatal(err)
	}
	_, a := newAssessment(t, s)
	if err := s.SetRating(ctx, a.ID, model.Rating{Item: "B", Level: 3}); model.KindOf(err) != model.Invalid {
		t.Errorf("a bad level after the upgrade: %v; want the rule's refusal", err)
	}
}
