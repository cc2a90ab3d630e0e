package store

import (
	"context"
	"database/sql"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Dump returns every row of every table as text, tables by name and rows
// sorted, with each value's type: the database's content independent of how
// SQLite lays out its pages. Two dumps are equal exactly when the content
// is, which is how tests prove that a refused import changed nothing.
// Tables named in skip are left out (the framework tables are most of a
// database's bytes and no import of an assessment touches them), and so is
// framework_cache always: it is derived from the frameworks' JSON, and
// reading a framework for the first time may fill it.
func (s *Store) Dump(ctx context.Context, skip ...string) (string, error) {
	var b strings.Builder
	err := s.read(ctx, func(tx *sql.Tx) error {
		var tables []string
		rows, err := tx.QueryContext(ctx, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
		if err != nil {
			return err
		}
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				rows.Close()
				return err
			}
			tables = append(tables, name)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, t := range tables {
			if t == "framework_cache" || slices.Contains(skip, t) {
				continue
			}
			lines, err := dumpTable(ctx, tx, t)
			if err != nil {
				return fmt.Errorf("table %s: %w", t, err)
			}
			fmt.Fprintf(&b, "== %s (%d rows)\n", t, len(lines))
			for _, l := range lines {
				b.WriteString(l)
				b.WriteByte('\n')
			}
		}
		return nil
	})
	if err != nil {
		return "", fail(err, "cannot dump %s", s.path)
	}
	return b.String(), nil
}

func dumpTable(ctx context.Context, tx *sql.Tx, table string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT * FROM "`+strings.ReplaceAll(table, `"`, `""`)+`"`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var out []string
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		var b strings.Builder
		for i, v := range vals {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(cols[i])
			switch x := v.(type) {
			case nil:
				b.WriteString("=null")
			case string: // length first, so no value can pose as the next column
				b.WriteString("=text:" + strconv.Itoa(len(x)) + ":" + x)
			case []byte:
				b.WriteString("=blob:" + hex.EncodeToString(x))
			case int64:
				b.WriteString("=int:" + strconv.FormatInt(x, 10))
			case float64:
				b.WriteString("=real:" + strconv.FormatFloat(x, 'g', -1, 64))
			default:
				fmt.Fprintf(&b, "=%T:%v", x, x)
			}
		}
		out = append(out, b.String())
	}
	slices.Sort(out)
	return out, rows.Err()
}
