package store

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gapwise/internal/model"
)

// dumpFrameworks renders every framework-owned row, so a test can tell
// whether seeding changed anything at all.
func dumpFrameworks(t *testing.T, s *Store) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		"SELECT ref, name, sha256, seeded_at, updated_at, length(raw) FROM frameworks ORDER BY ref",
		"SELECT framework, id, title, coalesce(parent, '-'), position FROM item_groups ORDER BY framework, id",
		"SELECT framework, id, title, coalesce(group_id, '-'), levels, position, in_pack FROM items ORDER BY framework, id",
		"SELECT framework, id, title, position FROM roles ORDER BY framework, id",
		"SELECT framework, id, role, rank FROM role_levels ORDER BY framework, id",
		"SELECT framework, role, coalesce(role_level, '-'), item, level FROM requirements ORDER BY 1, 2, 3, 4",
	} {
		rows, err := s.db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			rows.Scan(ptrs...)
			fmt.Fprintln(&b, vals...)
		}
		rows.Close()
	}
	return b.String()
}

func count(t *testing.T, s *Store, query string, args ...any) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSeedPacksIdempotentAndAdditive(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, filepath.Join(t.TempDir(), "gapwise.db"))
	v1, v2 := packOf(t, tinyFramework("1")), packOf(t, tinyFramework("2", "D"))

	added, err := s.SeedPacks(ctx, []PackData{v1})
	if err != nil || !slices.Equal(added, []model.FrameworkRef{{ID: "test", Version: "1"}}) {
		t.Fatalf("first seed: added %v, %v", added, err)
	}
	for table, want := range map[string]int{"items": 3, "item_groups": 2, "roles": 2, "role_levels": 2, "requirements": 4} {
		if n := count(t, s, "SELECT count(*) FROM "+table); n != want {
			t.Errorf("%s: %d rows, want %d", table, n, want)
		}
	}
	_, a := newAssessment(t, s)
	if err := s.SetRating(ctx, a.ID, model.Rating{Item: "B", Level: 5, Evidence: "led the data migration"}); err != nil {
		t.Fatal(err)
	}
	before, ratingsBefore := dumpFrameworks(t, s), mustRatings(t, s, a.ID)

	added, err = s.SeedPacks(ctx, []PackData{v1})
	if err != nil || added != nil {
		t.Fatalf("second seed: added %v, %v", added, err)
	}
	if after := dumpFrameworks(t, s); after != before {
		t.Errorf("seeding the same pack again changed the database:\n%s\nwas\n%s", after, before)
	}

	added, err = s.SeedPacks(ctx, []PackData{v1, v2})
	if err != nil || !slices.Equal(added, []model.FrameworkRef{{ID: "test", Version: "2"}}) {
		t.Fatalf("new version: added %v, %v", added, err)
	}
	if !strings.HasPrefix(dumpFrameworks(t, s), "test@1") {
		t.Error("dump lost test@1")
	}
	if n := count(t, s, "SELECT count(*) FROM items WHERE framework = 'test@2'"); n != 4 {
		t.Errorf("test@2 has %d items, want 4", n)
	}
	if n := count(t, s, "SELECT count(*) FROM items WHERE framework = 'test@1'"); n != 3 {
		t.Errorf("test@1 has %d items, want 3", n)
	}
	if got := mustRatings(t, s, a.ID); !slices.Equal(got, ratingsBefore) {
		t.Errorf("a new pack version changed ratings: %v, was %v", got, ratingsBefore)
	}

	list, err := s.ListFrameworks(ctx)
	if err != nil || len(list) != 2 || list[0].Ref.Version != "1" || list[1].Ref.Version != "2" {
		t.Fatalf("ListFrameworks: %+v, %v", list, err)
	}
	if list[1].Name != "Test framework 2" || list[1].Licence != "CC-BY-4.0" || len(list[1].SHA256) != 64 || list[1].SeededAt.IsZero() {
		t.Errorf("ListFrameworks[1] = %+v", list[1])
	}
	raw, err := s.FrameworkRaw(ctx, model.FrameworkRef{ID: "test", Version: "2"})
	if err != nil || string(raw) != string(v2.Raw) {
		t.Errorf("FrameworkRaw: %d bytes, %v", len(raw), err)
	}
	_, err = s.FrameworkRaw(ctx, model.FrameworkRef{ID: "test", Version: "3"})
	wantKind(t, err, model.NotFound)
}

func mustRatings(t *testing.T, s *Store, id string) []model.Rating {
	t.Helper()
	rs, err := s.Ratings(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// A corrected pack (same version, new checksum) updates titles and role
// profiles and adds items, but keeps every item a rating may point at.
func TestSeedPacksCorrectedPackKeepsItems(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	_, a := newAssessment(t, s)
	for _, r := range []model.Rating{{Item: "A", Level: 2}, {Item: "B", Level: 4}} {
		if err := s.SetRating(ctx, a.ID, r); err != nil {
			t.Fatal(err)
		}
	}
	before := mustRatings(t, s, a.ID)

	fixed := tinyFramework("1", "E")
	fixed.Items = fixed.Items[1:] // A withdrawn
	fixed.Items[0].Title = "Beta (corrected)"
	fixed.Roles = fixed.Roles[1:] // the analyst ladder is gone
	added, err := s.SeedPacks(ctx, []PackData{packOf(t, fixed)})
	if err != nil || added != nil {
		t.Fatalf("added %v, %v; a corrected pack is not a new version", added, err)
	}

	var title string
	s.db.QueryRow("SELECT title FROM items WHERE framework = 'test@1' AND id = 'B'").Scan(&title)
	if title != "Beta (corrected)" {
		t.Errorf("B title %q", title)
	}
	if n := count(t, s, "SELECT count(*) FROM items WHERE framework = 'test@1' AND id = 'A' AND in_pack = 0"); n != 1 {
		t.Error("withdrawn item A was not kept and marked")
	}
	if n := count(t, s, "SELECT count(*) FROM items WHERE framework = 'test@1' AND id = 'E' AND in_pack = 1"); n != 1 {
		t.Error("new item E missing")
	}
	if n := count(t, s, "SELECT count(*) FROM role_levels WHERE framework = 'test@1'"); n != 0 {
		t.Errorf("%d role levels left from the old ladder", n)
	}
	if got := mustRatings(t, s, a.ID); !slices.Equal(got, before) {
		t.Errorf("ratings changed: %v, was %v", got, before)
	}
	if raw, _ := s.FrameworkRaw(ctx, testRef); !strings.Contains(string(raw), "Beta (corrected)") {
		t.Error("stored raw JSON not updated")
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
		t.Errorf("Check: %v, %v", problems, err)
	}
}

func TestSeedPacksRefusesBadPacksWhole(t *testing.T) {
	ctx := context.Background()
	unknownItem := tinyFramework("3")
	unknownItem.Roles[1].Requirements = append(unknownItem.Roles[1].Requirements, model.Requirement{Item: "Z", Level: 2})
	unknownGroup := tinyFramework("3")
	unknownGroup.Items[0].Group = "nowhere"
	duplicate := tinyFramework("3", "A")
	badSum := packOf(t, tinyFramework("3"))
	badSum.SHA256 = strings.Repeat("0", 64)
	tests := []struct {
		name string
		pack PackData
	}{
		{"requirement of unknown item", packOf(t, unknownItem)},
		{"item in unknown group", packOf(t, unknownGroup)},
		{"item twice", packOf(t, duplicate)},
		{"wrong checksum", badSum},
		{"no framework", PackData{Raw: []byte("{}")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := openAt(t, filepath.Join(t.TempDir(), "gapwise.db"))
			good := packOf(t, tinyFramework("1"))
			added, err := s.SeedPacks(ctx, []PackData{good, tc.pack})
			wantKind(t, err, model.Invalid)
			t.Log(err)
			if added != nil || count(t, s, "SELECT count(*) FROM frameworks") != 0 {
				t.Errorf("a refused call still added packs: %v", added)
			}
		})
	}
}

// A corrected pack that no longer defines a level someone is rated at keeps
// the rating and flags it for review, saying why.
func TestSeedPacksCorrectedPackFlagsUndefinedLevels(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	_, a := newAssessment(t, s)
	for _, r := range []model.Rating{{Item: "B", Level: 7}, {Item: "C", Level: 2}} {
		if err := s.SetRating(ctx, a.ID, r); err != nil {
			t.Fatal(err)
		}
	}
	before := mustRatings(t, s, a.ID)
	fixed := tinyFramework("1")
	fixed.Items[1].Levels = []int{4, 5, 6} // B's level 7 is withdrawn
	if _, err := s.SeedPacks(ctx, []PackData{packOf(t, fixed)}); err != nil {
		t.Fatal(err)
	}
	reviews, err := s.Reviews(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(reviews) != 1 || !strings.Contains(reviews["B"], "level 7 is no longer defined") {
		t.Errorf("reviews %v, want B flagged for its level 7", reviews)
	}
	if got := mustRatings(t, s, a.ID); !slices.Equal(got, before) {
		t.Errorf("ratings changed: %v, was %v", got, before)
	}
}
