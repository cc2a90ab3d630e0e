package store

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gapwise/internal/model"
)

func testCatalogue(title string) model.Catalogue {
	return model.Catalogue{Framework: testRef, Source: "courses.csv", Entries: []model.CatalogueEntry{
		{Title: title, Provider: "Trust L&D", URL: "https://learning.example/" + title, Type: "Course", Items: []string{"A", "C"}},
		{Title: "Mentoring circle", Items: []string{"B"}},
	}}
}

// A catalogue is stored whole, read back in its order, replaced only when
// asked, and refused whole when one entry names an item the framework lacks.
func TestCatalogueSaveReplaceRemove(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gapwise.db")
	s := openAt(t, path)
	if _, err := s.SeedPacks(ctx, []PackData{packOf(t, tinyFramework("1"))}); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := s.Catalogue(ctx, testRef); err != nil || ok {
		t.Fatalf("catalogue before import: ok %v, %v", ok, err)
	}
	if _, err := s.SaveCatalogue(ctx, testCatalogue("Data audit course"), false); err != nil {
		t.Fatal(err)
	}
	c, ok, err := s.Catalogue(ctx, testRef)
	if err != nil || !ok {
		t.Fatalf("read back: %v %v", ok, err)
	}
	if len(c.Entries) != 2 || c.Entries[0].Title != "Data audit course" || strings.Join(c.Entries[0].Items, ",") != "A,C" ||
		c.Entries[0].URL != "https://learning.example/Data audit course" || c.Entries[1].Items[0] != "B" || c.Source != "courses.csv" {
		t.Errorf("read back %+v", c)
	}

	// A second import is refused without replace, and leaves the first.
	_, err = s.SaveCatalogue(ctx, testCatalogue("Other"), false)
	wantKind(t, err, model.Conflict)
	if !strings.Contains(err.Error(), "already has a learning catalogue (2 entries)") {
		t.Errorf("conflict says %q", err)
	}
	// An unknown item refuses the whole import: the old catalogue stays.
	bad := testCatalogue("Broken")
	bad.Entries = append(bad.Entries, model.CatalogueEntry{Title: "Nowhere", Items: []string{"Z"}})
	_, err = s.SaveCatalogue(ctx, bad, true)
	wantKind(t, err, model.Invalid)
	if c, _, _ := s.Catalogue(ctx, testRef); len(c.Entries) != 2 || c.Entries[0].Title != "Data audit course" {
		t.Errorf("after a refused import: %+v", c.Entries)
	}
	n, err := s.SaveCatalogue(ctx, testCatalogue("Replacement course"), true)
	if err != nil || n != 2 {
		t.Fatalf("replace: %d, %v", n, err)
	}
	list, err := s.Catalogues(ctx)
	if err != nil || len(list) != 1 || list[0].Entries != 2 || list[0].Framework != testRef {
		t.Fatalf("list: %+v %v", list, err)
	}

	// The framework version cannot be removed while its catalogue is there.
	err = s.RemovePack(ctx, testRef)
	wantKind(t, err, model.Conflict)
	if !strings.Contains(err.Error(), "learning catalogue") {
		t.Errorf("RemovePack says %q", err)
	}

	// Removal is erasure: the titles are gone from the file and its log.
	if n, err := s.RemoveCatalogue(ctx, testRef); err != nil || n != 2 {
		t.Fatalf("remove: %d %v", n, err)
	}
	_, err = s.RemoveCatalogue(ctx, testRef)
	wantKind(t, err, model.NotFound)
	for _, p := range []string{path, path + "-wal"} {
		data, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		for _, mark := range []string{"Replacement course", "Data audit course", "learning.example"} {
			if bytes.Contains(data, []byte(mark)) {
				t.Errorf("%s still holds %q", filepath.Base(p), mark)
			}
		}
	}
	if err := s.RemovePack(ctx, testRef); err != nil {
		t.Errorf("RemovePack after the catalogue went: %v", err)
	}
}

// A database at schema 6 holding data upgrades to 7 with its data intact and
// can then hold a catalogue.
func TestMigrateToCataloguesKeepsData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gapwise.db")
	old := storeAtVersion(t, path, 6)
	if _, err := old.SeedPacks(ctx, []PackData{packOf(t, tinyFramework("1"))}); err != nil {
		t.Fatal(err)
	}
	p, a := newAssessment(t, old)
	rateAtOldSchema(t, old, a.ID, model.Rating{Item: "A", Level: 2, Evidence: "audit"})
	if _, err := old.CreatePlan(ctx, model.Plan{PersonID: p.ID, Framework: testRef, Title: "2026",
		Actions: []model.Action{{Objective: "Audit", Items: []string{"A"}}}}); err != nil {
		t.Fatal(err)
	}
	old.Close()

	s := openAt(t, path)
	if s.SchemaVersion() != LatestSchema {
		t.Fatalf("SchemaVersion() = %d", s.SchemaVersion())
	}
	rs, err := s.Ratings(ctx, a.ID)
	if err != nil || len(rs) != 1 || rs[0].Evidence != "audit" {
		t.Fatalf("ratings after upgrade: %+v %v", rs, err)
	}
	plans, err := s.PlansFor(ctx, p.ID)
	if err != nil || len(plans) != 1 || len(plans[0].Actions) != 1 {
		t.Fatalf("plans after upgrade: %+v %v", plans, err)
	}
	if _, err := s.SaveCatalogue(ctx, testCatalogue("Course"), false); err != nil {
		t.Fatal(err)
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) != 0 {
		t.Errorf("Check after upgrade: %v %v", problems, err)
	}
}
