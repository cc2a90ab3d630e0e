package store

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gapwise/internal/model"
)

// importItem is a person's self-assessment of test@1 with one rating of A
// at level 1, numbered i; Ratings can be changed before it is imported.
func importItem(i int) ImportItem {
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	p := model.Person{ID: fmt.Sprintf("aaaaaaaa-0000-4000-8000-%012d", i), Name: fmt.Sprintf("Member %04d", i), Discipline: model.Nurse}
	a := model.Assessment{ID: fmt.Sprintf("bbbbbbbb-0000-4000-8000-%012d", i), PersonID: p.ID, Framework: testRef,
		Kind: model.SelfAssessment, CreatedAt: at, UpdatedAt: at}
	return ImportItem{Person: p, Assessment: a, StoredUpdated: at,
		Ratings: []model.Rating{{Item: "A", Level: 1}, {Item: "B", Level: 5, Confidence: 2}, {Item: "C", Level: 0}}}
}

func countRows(t *testing.T, s *Store, query string, args ...any) int {
	t.Helper()
	var n int
	if err := s.db.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// triggerSQL is the level trigger's definition on a connection of s ("" if
// it has none).
func triggerSQL(t *testing.T, s *Store) string {
	t.Helper()
	var def string
	s.db.QueryRowContext(context.Background(), "SELECT sql FROM sqlite_temp_schema WHERE type = 'trigger' AND name = ?", levelTrigger).Scan(&def)
	return def
}

// message is what a refusal says, without the SQLite error behind it.
func message(err error) string {
	var e *model.Error
	if errors.As(err, &e) {
		return e.Msg
	}
	return err.Error()
}

// The batch import checks levels and items once a file instead of by the
// trigger and foreign key: for every level of every item, and an item the
// framework does not have, the two refuse the same ratings with the same
// message.
func TestImportChecksMatchTheSchema(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	_, a := newAssessment(t, s)
	n := 0
	for _, item := range []string{"A", "B", "C", "Z"} {
		for level := -1; level <= 8; level++ {
			r := model.Rating{Item: item, Level: level}
			rateErr := s.SetRating(ctx, a.ID, r) // the trigger (and CHECK level >= 0)
			n++
			it := importItem(n)
			it.Ratings = []model.Rating{r}
			done, err := s.ImportBatch(ctx, "", []ImportItem{it})
			if err != nil {
				t.Fatal(err)
			}
			batchErr := done[0].Err
			if (rateErr == nil) != (batchErr == nil) {
				t.Errorf("%s at level %d: the trigger says %v, the batch import %v", item, level, rateErr, batchErr)
				continue
			}
			if rateErr != nil && (model.KindOf(rateErr) != model.KindOf(batchErr) || message(rateErr) != message(batchErr)) {
				t.Errorf("%s at level %d: refused as %q by the trigger but %q by the batch import", item, level, rateErr, batchErr)
			}
		}
	}
}

// A file with a level its item does not define, in the middle of a batch of
// a thousand, is refused whole (no person, assessment or rating of it) with
// the reason; the others are written; and afterwards the schema is exactly
// as before, its trigger still refusing such a rating from anywhere else.
func TestImportBatchBadLevelInTheMiddleRefusesThatFile(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	before := triggerSQL(t, s)
	if before == "" {
		t.Fatal("the schema has no level trigger")
	}
	items := make([]ImportItem, 1000)
	for i := range items {
		items[i] = importItem(i)
	}
	bad := &items[500]
	bad.Ratings = append(bad.Ratings[:1:1], model.Rating{Item: "B", Level: 3}) // B defines 4-7 (the decoder would refuse it; the store must too)
	done, err := s.ImportBatch(ctx, "", items)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range done {
		switch {
		case i == 500:
			if model.KindOf(d.Err) != model.Invalid || !strings.Contains(fmt.Sprint(d.Err), `rating level 3 is not valid for item "B"`) {
				t.Errorf("the bad file: %v; want its level named", d.Err)
			}
		case d.Err != nil || d.Outcome != Added:
			t.Errorf("file %d: %v %v", i, d.Outcome, d.Err)
		}
	}
	if n := countRows(t, s, "SELECT count(*) FROM people WHERE id = ?", bad.Person.ID) +
		countRows(t, s, "SELECT count(*) FROM assessments WHERE id = ?", bad.Assessment.ID) +
		countRows(t, s, "SELECT count(*) FROM ratings WHERE assessment = ?", bad.Assessment.ID); n != 0 {
		t.Errorf("%d rows of the refused file were written", n)
	}
	if n := countRows(t, s, "SELECT count(*) FROM ratings"); n != 999*3 {
		t.Errorf("%d ratings written; want %d", n, 999*3)
	}
	if after := triggerSQL(t, s); after != before {
		t.Errorf("the level trigger after the import:\n%s\nwant\n%s", after, before)
	}
	_, a := newAssessment(t, s)
	if _, err := s.db.ExecContext(ctx, `INSERT INTO ratings (assessment, framework, item, level, rated_at)
		VALUES (?, 'test@1', 'B', 3, '2026-03-01T09:00:00Z')`, a.ID); err == nil || !strings.Contains(err.Error(), "level is not defined") {
		t.Errorf("a bad level written directly after the import: %v; want the trigger's refusal", err)
	}
}

// A batch that fails part-way (here the context is cancelled at file 600 of
// 1,000) writes nothing, and leaves the trigger in place.
func TestImportBatchFailingMidwayLeavesDatabaseAsBefore(t *testing.T) {
	s := newStore(t)
	before := triggerSQL(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := s.ImportEach(ctx, "", 1000, func(i int) (ImportItem, error) {
		if i == 600 {
			cancel()
		}
		return importItem(i), nil
	})
	if err == nil {
		t.Fatal("the cancelled batch reported success")
	}
	if n := countRows(t, s, "SELECT count(*) FROM people") + countRows(t, s, "SELECT count(*) FROM ratings"); n != 0 {
		t.Errorf("%d rows written by a failed batch", n)
	}
	if after := triggerSQL(t, s); after != before {
		t.Errorf("the level trigger after a failed batch: %q", after)
	}
}

// Environment switch that turns the test binary into a batch importer that
// stops half-way, for the kill test below.
const crashImportEnv = "GAPWISE_STORE_CRASH_IMPORT"

// crashImportChild imports a batch and, half-way (trigger set aside, rows
// written), says so and waits to be killed.
func crashImportChild(path string) {
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	_, err = s.ImportEach(ctx, "", 1000, func(i int) (ImportItem, error) {
		if i == 500 {
			fmt.Println("half-way")
			time.Sleep(time.Minute)
		}
		return importItem(i), nil
	})
	fmt.Fprintln(os.Stderr, "not killed:", err)
	os.Exit(4)
}

// TestKilledBatchImportLeavesDatabaseAsBefore kills a batch import with
// SIGKILL after 500 files were written in its transaction, with the level
// trigger set aside: the database opens clean, with nothing of the batch and
// the trigger as it was.
func TestKilledBatchImportLeavesDatabaseAsBefore(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a child process")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gapwise.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SeedPacks(ctx, []PackData{packOf(t, tinyFramework("1"))}); err != nil {
		t.Fatal(err)
	}
	before := triggerSQL(t, s)
	s.Close()

	runCtx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(runCtx, os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashImportEnv+"="+path)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	killed := false
	for sc.Scan() {
		if sc.Text() == "half-way" {
			cmd.Process.Kill() // SIGKILL: no rollback, no Close
			killed = true
		}
	}
	cmd.Wait()
	if !killed {
		t.Fatalf("the child never got half-way:\n%s", stderr.String())
	}

	s = openAt(t, path)
	if problems, err := s.Check(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("Check after the kill: %v, %v", problems, err)
	}
	if n := countRows(t, s, "SELECT count(*) FROM people") + countRows(t, s, "SELECT count(*) FROM ratings"); n != 0 {
		t.Errorf("%d rows of the killed batch found", n)
	}
	if after := triggerSQL(t, s); after != before {
		t.Errorf("the level trigger after the kill: %q; want it as before", after)
	}
}

// A target of an item the framework version does not have refuses its file,
// as the foreign key did.
func TestImportBatchRefusesATargetOfAnUnknownItem(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	good, bad := importItem(1), importItem(2)
	good.Targets = []model.Target{{Item: "A", Level: 2, Source: "manual"}}
	bad.Targets = []model.Target{{Item: "Z", Level: 2, Source: "manual"}}
	done, err := s.ImportBatch(ctx, "", []ImportItem{good, bad})
	if err != nil {
		t.Fatal(err)
	}
	if done[0].Err != nil || model.KindOf(done[1].Err) != model.Invalid || !strings.Contains(fmt.Sprint(done[1].Err), `item "Z" is not in framework test@1`) {
		t.Errorf("the good file: %v; the file with a target of an unknown item: %v", done[0].Err, done[1].Err)
	}
	if n := countRows(t, s, "SELECT count(*) FROM targets"); n != 1 {
		t.Errorf("%d targets written; want the good file's 1", n)
	}
}

// A newer file replacing an assessment takes its rating reviews with the old
// ratings (the foreign key's cascade, which the batch writes without); after
// the batch no foreign key anywhere is broken, and every connection of the
// pool has foreign keys on again.
func TestImportBatchLeavesForeignKeysWhole(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	team, err := s.CreateTeam(ctx, model.Team{Name: "Ward", Framework: testRef})
	if err != nil {
		t.Fatal(err)
	}
	old := importItem(1)
	if done, err := s.ImportBatch(ctx, team.ID, []ImportItem{old}); err != nil || done[0].Err != nil {
		t.Fatal(err, done[0].Err)
	}
	if _, err := s.db.ExecContext(ctx, "INSERT INTO rating_reviews (assessment, item, reason) VALUES (?, 'A', 'check this')", old.Assessment.ID); err != nil {
		t.Fatal(err)
	}
	newer := importItem(1)
	newer.Assessment.UpdatedAt = newer.Assessment.UpdatedAt.Add(time.Hour)
	newer.StoredUpdated = old.Assessment.UpdatedAt
	newer.Previous = []byte(`{}`)
	newer.Ratings = []model.Rating{{Item: "B", Level: 6}}
	done, err := s.ImportBatch(ctx, team.ID, []ImportItem{newer, importItem(2)})
	if err != nil || done[0].Outcome != Replaced || done[1].Outcome != Added {
		t.Fatalf("%+v %v", done, err)
	}
	if n := countRows(t, s, "SELECT count(*) FROM rating_reviews"); n != 0 {
		t.Errorf("%d rating reviews left of ratings the newer file replaced", n)
	}
	rows, err := s.db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		rows.Scan(&table, &rowid, &parent, &fk)
		t.Errorf("a row of %s points at a missing %s", table, parent)
	}
	rows.Close()
	var conns []*sql.Conn
	for range maxConns { // all of the pool at once: each a distinct connection
		c, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns = append(conns, c)
	}
	for i, c := range conns {
		var on int
		if err := c.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&on); err != nil || on != 1 {
			t.Errorf("connection %d after a batch import: foreign_keys = %d, %v", i, on, err)
		}
	}
}

// The check before a batch's commit finds a row the batch might have left
// pointing nowhere, and refuses the batch.
func TestBatchForeignKeyCheckRefusesADanglingRow(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	err := s.writeBatch(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO memberships (team, person, joined_at) VALUES ('no-such-team', 'no-such-person', '2026-03-01T09:00:00Z')")
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "memberships") {
		t.Errorf("a membership of no team: %v; want the batch refused", err)
	}
	if n := countRows(t, s, "SELECT count(*) FROM memberships"); n != 0 {
		t.Errorf("%d memberships written", n)
	}
}
