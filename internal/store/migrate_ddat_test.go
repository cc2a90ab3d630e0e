package store

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gapwise/frameworks"
	"gapwise/internal/model"
)

// alteredDDaT rebuilds the ddat@2025-q3 pack as first shipped from the
// altered sources: the skill "Ownership and initiative" named "Ownership and
// topic" (id ownership-and-topic), defined at all four levels.
func alteredDDaT(t *testing.T) PackData {
	t.Helper()
	packs, err := frameworks.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(packs, func(p frameworks.Pack) bool { return p.Framework.Ref.String() == "ddat@2025-q3" })
	raw := strings.ReplaceAll(string(packs[i].Raw), "ownership-and-initiative", "ownership-and-topic")
	raw = strings.ReplaceAll(raw, `"Ownership and initiative"`, `"Ownership and topic"`)
	f, err := frameworks.Parse([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	it, _ := f.Item("ownership-and-topic")
	it.Levels = []int{1, 2, 3, 4}
	data, err := frameworks.Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	return PackData{Framework: f, Raw: data}
}

// TestMigrateDDaTOwnershipAndInitiative: a database at schema 3 holding a
// rating, a target, a team target and a role requirement on the altered id
// keeps every one of them on the corrected id after the upgrade and the
// corrected pack's seeding, and nothing refers to the old id.
func TestMigrateDDaTOwnershipAndInitiative(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gapwise.db")
	ddat := model.FrameworkRef{ID: "ddat", Version: "2025-q3"}

	s := storeAtVersion(t, path, 3)
	if _, err := s.SeedPacks(ctx, []PackData{alteredDDaT(t)}); err != nil {
		t.Fatal(err)
	}
	p, err := s.CreatePerson(ctx, model.Person{Name: "Ada Example", Discipline: model.Nurse})
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.CreateAssessment(ctx, model.Assessment{PersonID: p.ID, Framework: ddat, Kind: model.SelfAssessment, Assessor: p.Name})
	if err != nil {
		t.Fatal(err)
	}
	rateAtOldSchema(t, s, a.ID, model.Rating{Item: "ownership-and-topic", Level: 2, Confidence: 4, Evidence: "Led the audit"})
	rateAtOldSchema(t, s, a.ID, model.Rating{Item: "accessibility", Level: 1})
	if err := s.SetTargets(ctx, a.ID, []model.Target{{Item: "ownership-and-topic", Level: 3, Source: "manual"}}); err != nil {
		t.Fatal(err)
	}
	var reqs int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM requirements WHERE framework = 'ddat@2025-q3' AND item = 'ownership-and-topic'").Scan(&reqs); err != nil || reqs != 46 {
		t.Fatalf("altered pack: %d requirements on ownership-and-topic (%v), want 46", reqs, err)
	}
	s.Close()

	s = openAt(t, path)
	if s.SchemaVersion() != LatestSchema {
		t.Fatalf("schema %d", s.SchemaVersion())
	}
	packs, err := frameworks.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	var data []PackData
	for _, p := range packs {
		data = append(data, PackData{Framework: p.Framework, Raw: p.Raw, SHA256: p.SHA256})
	}
	if _, err := s.SeedPacks(ctx, data); err != nil {
		t.Fatal(err)
	}

	ratings, err := s.Ratings(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(ratings, func(r model.Rating) bool { return r.Item == "ownership-and-initiative" })
	if len(ratings) != 2 || i < 0 || ratings[i].Level != 2 || ratings[i].Confidence != 4 || ratings[i].Evidence != "Led the audit" {
		t.Errorf("ratings after upgrade = %+v", ratings)
	}
	targets, err := s.Targets(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(targets) != 1 || targets[0].Item != "ownership-and-initiative" || targets[0].Level != 3 {
		t.Errorf("targets after upgrade = %+v", targets)
	}
	for _, q := range []struct {
		sql  string
		want int
	}{
		{"SELECT count(*) FROM items WHERE framework = 'ddat@2025-q3' AND id = 'ownership-and-topic'", 0},
		{"SELECT count(*) FROM items WHERE framework = 'ddat@2025-q3' AND id = 'ownership-and-initiative' AND title = 'Ownership and initiative' AND levels = '1,2,3' AND in_pack = 1", 1},
		{"SELECT count(*) FROM requirements WHERE framework = 'ddat@2025-q3' AND item = 'ownership-and-initiative'", 46},
		{"SELECT count(*) FROM items WHERE framework = 'ddat@2025-q3' AND in_pack = 0", 0},
	} {
		var n int
		if err := s.db.QueryRowContext(ctx, q.sql).Scan(&n); err != nil || n != q.want {
			t.Errorf("%s = %d (%v), want %d", q.sql, n, err, q.want)
		}
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("Check after upgrade: %v %v", problems, err)
	}
}
