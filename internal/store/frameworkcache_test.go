package store

import (
	"context"
	"strings"
	"testing"
)

func compiled(t *testing.T, s *Store, codec int) []byte {
	t.Helper()
	var got []byte
	sum, err := s.FrameworkChecksum(context.Background(), testRef) // as the workspace asks: for the pack's JSON now
	if err != nil {
		t.Fatal(err)
	}
	err = s.CompiledFramework(context.Background(), testRef, sum, codec, func(data []byte) { got = append([]byte{}, data...) })
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// A compiled form is only ever handed back for the JSON it was made from
// and the codec that wrote it: a corrected pack, another codec or a save
// racing a change to the pack never yields a stale framework.
func TestCompiledFrameworkNeverStale(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if got := compiled(t, s, 1); got != nil {
		t.Fatalf("a new database has a compiled form: %q", got)
	}
	_, sum, err := s.FrameworkSource(ctx, testRef)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveCompiledFramework(ctx, testRef, sum, 1, []byte("v1 form")); err != nil {
		t.Fatal(err)
	}
	if got := compiled(t, s, 1); string(got) != "v1 form" {
		t.Fatalf("saved form read back as %q", got)
	}
	if got := compiled(t, s, 2); got != nil {
		t.Errorf("another codec's form was handed back: %q", got)
	}

	// Made from JSON the pack no longer has: not saved.
	if err := s.SaveCompiledFramework(ctx, testRef, "0000000000000000000000000000000000000000000000000000000000000000", 1, []byte("stale")); err != nil {
		t.Fatal(err)
	}
	if got := compiled(t, s, 1); string(got) != "v1 form" {
		t.Errorf("a form made from other JSON replaced the current one: %q", got)
	}

	// A corrected pack drops the form made from the old JSON.
	fixed := tinyFramework("1", "E")
	if _, err := s.SeedPacks(ctx, []PackData{packOf(t, fixed)}); err != nil {
		t.Fatal(err)
	}
	if got := compiled(t, s, 1); got != nil {
		t.Errorf("after a corrected pack the old compiled form is still handed back: %q", got)
	}
	// Even a row left behind (say, written by hand) is not used once the
	// checksum differs.
	if _, err := s.db.Exec("INSERT INTO framework_cache (ref, sha256, codec, data) VALUES (?, ?, 1, x'00')", testRef.String(), sum); err != nil {
		t.Fatal(err)
	}
	if got := compiled(t, s, 1); got != nil {
		t.Errorf("a form under the old checksum was handed back: %q", got)
	}

	// A version with a compiled form can still be removed.
	if err := s.RemovePack(ctx, testRef); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, "SELECT count(*) FROM framework_cache"); n != 0 {
		t.Errorf("%d compiled forms left after removing the version", n)
	}
}

// Listing the versions and their checksums reads the covering index, never
// the rows with their JSON (which at every start read 1.6 MB).
func TestFrameworkListingUsesTheIndex(t *testing.T) {
	s := newStore(t)
	for _, q := range []string{
		"SELECT id || '@' || version, sha256 FROM frameworks",
		"SELECT id, version, name, provisional, licence, attribution, sha256, seeded_at, updated_at FROM frameworks ORDER BY id, version",
		"SELECT sha256 FROM frameworks INDEXED BY frameworks_listing WHERE id = 'test' AND version = '1'",
	} {
		rows, err := s.db.Query("EXPLAIN QUERY PLAN " + q)
		if err != nil {
			t.Fatal(err)
		}
		var plan string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan += detail + "; "
		}
		rows.Close()
		if want := "USING COVERING INDEX frameworks_listing"; !strings.Contains(plan, want) {
			t.Errorf("%s\nplan %q, want %q", q, plan, want)
		}
	}
}
