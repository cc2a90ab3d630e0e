package store

import (
	"context"
	"path/filepath"
	"testing"

	"gapwise/internal/model"
)

// rateAtOldSchema writes a rating the way a Gapwise before schema 8 did
// (no interest column), for tests that build a database at an old schema:
// SetRating writes the current schema's columns.
func rateAtOldSchema(t *testing.T, s *Store, assessmentID string, r model.Rating) {
	t.Helper()
	at := stamp(now())
	if _, err := s.db.Exec(`INSERT INTO ratings (assessment, framework, item, level, confidence, evidence, rated_at)
		SELECT id, framework, ?, ?, ?, ?, ? FROM assessments WHERE id = ?`,
		r.Item, r.Level, r.Confidence, r.Evidence, at, assessmentID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec("UPDATE assessments SET updated_at = ? WHERE id = ?", at, assessmentID); err != nil {
		t.Fatal(err)
	}
}

// TestMigrateRatingInterest upgrades a schema-7 database: every rating
// keeps its level, confidence, evidence, time and review flag, none carries
// interest, and afterwards interest is saved, replaced and read back.
func TestMigrateRatingInterest(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gapwise.db")
	old := storeAtVersion(t, path, 7)
	if _, err := old.SeedPacks(ctx, []PackData{packOf(t, tinyFramework("1"))}); err != nil {
		t.Fatal(err)
	}
	_, a := newAssessment(t, old)
	rateAtOldSchema(t, old, a.ID, model.Rating{Item: "A", Level: 2, Confidence: 3, Evidence: "audit"})
	rateAtOldSchema(t, old, a.ID, model.Rating{Item: "B", Level: 0})
	if _, err := old.db.Exec("INSERT INTO rating_reviews (assessment, item, reason) VALUES (?, 'A', 'descriptor 2')", a.ID); err != nil {
		t.Fatal(err)
	}
	before, err := old.Ratings(ctx, a.ID)
	if err == nil {
		t.Fatalf("schema 7 has no interest column, yet Ratings read %v", before)
	}
	old.Close()

	s := openAt(t, path)
	if s.SchemaVersion() != LatestSchema {
		t.Fatalf("schema %d after upgrade", s.SchemaVersion())
	}
	got, err := s.Ratings(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Item != "A" || got[0].Level != 2 || got[0].Confidence != 3 || got[0].Evidence != "audit" ||
		got[0].Interest || got[1].Item != "B" || got[1].Level != 0 || got[1].Interest || got[0].RatedAt.IsZero() {
		t.Fatalf("ratings after upgrade: %+v", got)
	}
	if n := count(t, s, "SELECT count(*) FROM rating_reviews"); n != 1 {
		t.Errorf("%d review flags after upgrade, want 1", n)
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) != 0 {
		t.Errorf("Check after upgrade: %v %v", problems, err)
	}

	// Interest is saved, and a later rating without it clears it.
	for _, want := range []bool{true, false} {
		if err := s.SetRating(ctx, a.ID, model.Rating{Item: "B", Level: 4, Interest: want}); err != nil {
			t.Fatal(err)
		}
		rs, _ := s.Ratings(ctx, a.ID)
		if rs[1].Interest != want {
			t.Errorf("after SetRating with interest %v: %+v", want, rs[1])
		}
	}
	if _, err := s.db.Exec("UPDATE ratings SET interest = 2 WHERE item = 'A'"); err == nil {
		t.Error("the database accepted interest 2")
	}
}

// TestLatestRatingsCarryInterest: the team read packs interest with the
// level and confidence and gives each back unchanged.
func TestLatestRatingsCarryInterest(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	p, a := newAssessment(t, s)
	if err := s.SetRatings(ctx, a.ID, []model.Rating{
		{Item: "A", Level: 3, Confidence: 5, Interest: true},
		{Item: "B", Level: 0, Interest: true},
		{Item: "C", Level: 3, Confidence: 2},
	}); err != nil {
		t.Fatal(err)
	}
	got, err := s.LatestRatings(ctx, testRef, model.SelfAssessment, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []model.Rating{{Item: "A", Level: 3, Confidence: 5, Interest: true}, {Item: "B", Level: 0, Interest: true}, {Item: "C", Level: 3, Confidence: 2}}
	rs := got[p.ID]
	if len(rs) != len(want) {
		t.Fatalf("got %+v, want %+v", rs, want)
	}
	for i := range want {
		if rs[i] != want[i] {
			t.Errorf("rating %d: got %+v, want %+v", i, rs[i], want[i])
		}
	}
}
