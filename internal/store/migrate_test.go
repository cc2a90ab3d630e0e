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

func TestMigrationsAreNumberedFromOne(t *testing.T) {
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != LatestSchema {
		t.Fatalf("%d migrations, LatestSchema %d", len(ms), LatestSchema)
	}
}

func schemaOf(t *testing.T, s *Store) string { return schemaWhere(t, s, "true") }

// tablesAndIndexesOf is schemaOf without triggers.
func tablesAndIndexesOf(t *testing.T, s *Store) string { return schemaWhere(t, s, "type <> 'trigger'") }

func schemaWhere(t *testing.T, s *Store, cond string) string {
	t.Helper()
	return strings.Join(textColumn(t, s, "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema WHERE "+cond+" ORDER BY name"), "\n")
}

// rulesOf names the rules for writing (rules.sql) on a connection of s.
func rulesOf(t *testing.T, s *Store) []string {
	t.Helper()
	return textColumn(t, s, "SELECT name FROM sqlite_temp_schema WHERE type = 'trigger' ORDER BY name")
}

// textColumn is the one text column query returns, row by row.
func textColumn(t *testing.T, s *Store, query string) []string {
	t.Helper()
	rows, err := s.db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestMigrateFromEmpty(t *testing.T) {
	s := openAt(t, filepath.Join(t.TempDir(), "gapwise.db"))
	if s.SchemaVersion() != LatestSchema {
		t.Errorf("SchemaVersion() = %d, want %d", s.SchemaVersion(), LatestSchema)
	}
	var appID, version int
	s.db.QueryRow("PRAGMA application_id").Scan(&appID)
	s.db.QueryRow("PRAGMA user_version").Scan(&version)
	if appID != ApplicationID || version != LatestSchema {
		t.Errorf("application_id %#x user_version %d", appID, version)
	}
	schema := schemaOf(t, s)
	for _, table := range []string{"frameworks", "item_groups", "items", "roles", "role_levels", "requirements", "people",
		"teams", "memberships", "assessments", "assessment_history", "ratings", "targets", "team_targets", "plans",
		"actions", "action_items", "settings"} {
		if !strings.Contains(schema, "table "+table+":") {
			t.Errorf("no table %s", table)
		}
	}
	for _, index := range []string{"assessments_by_person", "memberships_by_person"} {
		if !strings.Contains(schema, "index "+index+":") {
			t.Errorf("no index %s", index)
		}
	}
	// Migration 3: ratings is its own primary key.
	var sql string
	s.db.QueryRow("SELECT sql FROM sqlite_schema WHERE name = 'ratings'").Scan(&sql)
	if !strings.Contains(sql, "WITHOUT ROWID") || strings.Contains(schema, "index ratings_by_item:") {
		t.Errorf("ratings after migration 3: %s", sql)
	}
	// Migration 10: the file stores no triggers; the connection has the rules.
	if strings.Contains(schema, "trigger ") {
		t.Errorf("triggers stored in the file after migration 10:\n%s", schema)
	}
	if got := rulesOf(t, s); len(got) != strings.Count(rulesSQL, "CREATE TEMP TRIGGER") || len(got) != 13 {
		t.Errorf("rules on a connection: %v; want the 13 of rules.sql", got)
	}
}

func TestReopenIsNoOp(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gapwise.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SeedPacks(ctx, []PackData{packOf(t, tinyFramework("1"))}); err != nil {
		t.Fatal(err)
	}
	_, a := newAssessment(t, s)
	if err := s.SetRating(ctx, a.ID, model.Rating{Item: "A", Level: 2}); err != nil {
		t.Fatal(err)
	}
	schema := schemaOf(t, s)
	s.Close()
	before := stateOf(t, path)

	s = openAt(t, path)
	if got := schemaOf(t, s); got != schema {
		t.Errorf("schema changed on reopen:\n%s\nwas\n%s", got, schema)
	}
	rs, err := s.Ratings(ctx, a.ID)
	if err != nil || len(rs) != 1 || rs[0].Level != 2 {
		t.Errorf("ratings after reopen: %v, %v", rs, err)
	}
	s.Close()
	if !slices.Equal(before.data, stateOf(t, path).data) {
		t.Error("opening and closing an up-to-date database changed the file")
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gapwise.db")
	gapwiseDB(t, path)
	rawDB(t, path, fmt.Sprintf("PRAGMA user_version = %d", LatestSchema+1))
	before := stateOf(t, path)
	_, err := Open(context.Background(), path)
	wantKind(t, err, model.Newer)
	want := fmt.Sprintf("(schema %d, this version knows up to %d)", LatestSchema+1, LatestSchema)
	if !strings.Contains(err.Error(), want) {
		t.Errorf("message %q lacks %q", err, want)
	}
	if err := before.same(stateOf(t, path)); err != nil {
		t.Error(err)
	}
}

// TestSchemaConstraints proves the database itself refuses bad rows, so a
// bug in any caller cannot store them.
func TestSchemaConstraints(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	if _, err := s.SeedPacks(ctx, []PackData{packOf(t, tinyFramework("2", "D"))}); err != nil {
		t.Fatal(err)
	}
	p, a := newAssessment(t, s)
	ins := func(table, cols string, vals ...any) func() error {
		return func() error {
			marks := strings.TrimSuffix(strings.Repeat("?, ", len(vals)), ", ")
			_, err := s.db.Exec(fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", table, cols, marks), vals...)
			return err
		}
	}
	const now = "2026-01-01T00:00:00.000Z"
	person := "id, name, discipline, informatics_wte, created_at, updated_at"
	rating := "assessment, framework, item, level, confidence, rated_at"
	tests := []struct {
		name string
		run  func() error
	}{
		{"unknown discipline", ins("people", person, "p2", "Bo", "surgeon", 0.0, now, now)},
		{"negative WTE", ins("people", person, "p2", "Bo", "nurse", -0.1, now, now)},
		{"blank name", ins("people", person, "p2", " ", "nurse", 0.0, now, now)},
		{"unknown assessment kind", ins("assessments", "id, person, framework, kind, created_at, updated_at", "a2", p.ID, "test@1", "peer", now, now)},
		{"assessment of unknown framework", ins("assessments", "id, person, framework, kind, created_at, updated_at", "a2", p.ID, "test@9", "self", now, now)},
		{"negative level", ins("ratings", rating, a.ID, "test@1", "A", -1, 0, now)},
		{"level the item lacks", ins("ratings", rating, a.ID, "test@1", "A", 5, 0, now)},
		{"level as text", ins("ratings", rating, a.ID, "test@1", "A", "high", 0, now)},
		{"confidence 6", ins("ratings", rating, a.ID, "test@1", "A", 1, 6, now)},
		{"unknown item", ins("ratings", rating, a.ID, "test@1", "Z", 1, 0, now)},
		{"item of another version", ins("ratings", rating, a.ID, "test@2", "D", 1, 0, now)},
		{"target level the item lacks", ins("targets", "assessment, framework, item, level, set_at", a.ID, "test@1", "B", 3, now)},
		{"plan for nobody", ins("plans", "id, framework, created_at, updated_at", "pl", "test@1", now, now)},
		{"plan for person and team", func() error {
			if _, err := s.db.Exec("INSERT INTO teams (id, name, framework, created_at) VALUES ('t', 'T', 'test@1', ?)", now); err != nil {
				return nil // would hide the check under test
			}
			return ins("plans", "id, person, team, framework, created_at, updated_at", "pl", p.ID, "t", "test@1", now, now)()
		}},
		{"bad action status", ins("actions", "id, plan, position, status, created_at, updated_at", "ac", "nope", 0, "maybe", now, now)},
		{"bad due date", func() error {
			if _, err := s.CreatePlan(ctx, model.Plan{ID: "pl2", PersonID: p.ID, Framework: testRef}); err != nil {
				return nil
			}
			return ins("actions", "id, plan, position, due, created_at, updated_at", "ac", "pl2", 0, "2026-13-01", now, now)()
		}},
		{"history that is not JSON", ins("assessment_history", "assessment, replaced_at, snapshot", a.ID, now, "{oops")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			if err == nil {
				t.Fatal("the database accepted it")
			}
			if k := kindOf(err); k != model.Invalid {
				t.Errorf("kind %v (%v), want invalid input", k, err)
			}
		})
	}
}
