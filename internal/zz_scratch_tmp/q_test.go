package scratch

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

const latest = `WITH latest AS (
	SELECT id, person FROM (
		SELECT id, person, row_number() OVER (
			PARTITION BY person ORDER BY updated_at DESC, created_at DESC, id DESC) AS k
		FROM assessments WHERE framework = 'ddat@2025-q3' AND kind = 'self'
	) WHERE k = 1
)
`

func run(t *testing.T, db *sql.DB, name, q string, ncol int) {
	ctx := context.Background()
	t0 := time.Now()
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	dest := make([]any, ncol)
	vals := make([]sql.RawBytes, ncol)
	for i := range dest {
		dest[i] = &vals[i]
	}
	n, bytes := 0, 0
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			t.Fatal(err)
		}
		n++
		bytes += len(vals[ncol-1])
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	t.Logf("%-28s %8d rows %9d bytes %.3f s", name, n, bytes, time.Since(t0).Seconds())
}

func TestShapes(t *testing.T) {
	db, err := sql.Open("sqlite", "file:/tmp/tb/org.db?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	for range 2 {
		run(t, db, "4 cols text", latest+`SELECT l.person, r.item, r.level, r.confidence FROM latest l JOIN ratings r ON r.assessment = l.id`, 4)
		run(t, db, "count only", latest+`SELECT count(*), sum(r.level) FROM latest l JOIN ratings r ON r.assessment = l.id`, 2)
		run(t, db, "2 cols item, packed", latest+`SELECT r.item, r.level*8+r.confidence FROM latest l JOIN ratings r ON r.assessment = l.id`, 2)
		run(t, db, "group_concat per person", latest+`SELECT l.person, (SELECT group_concat(r.item || ' ' || (r.level*8+r.confidence), ' ') FROM ratings r WHERE r.assessment = l.id) FROM latest l`, 2)
		run(t, db, "full scan 4 cols", `SELECT assessment, item, level, confidence FROM ratings NOT INDEXED WHERE framework = 'ddat@2025-q3'`, 4)
		run(t, db, "full scan count", `SELECT count(*), sum(level) FROM ratings NOT INDEXED WHERE framework = 'ddat@2025-q3'`, 2)
	}
	_ = strings.Repeat
}
