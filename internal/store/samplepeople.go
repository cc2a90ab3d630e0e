package store

import (
	"context"
	"database/sql/driver"
	"fmt"
)

// scanCachePages is the page cache of a connection while it scans a table
// once: a scan needs only the page it is on, and a page kept in SQLite's
// cache costs 8 KB of the app's memory (modernc's allocator rounds each
// 4 KB page with its header up to 8 KB).
const scanCachePages = 16

// HasSamplePeople reports whether anyone in the database is sample data.
// No index covers the flag, so this reads the whole people table; it does
// so through a small page cache, so that the check the app makes at start
// on an organisation's database (10,000 people, 1.5 MB of pages) does not
// leave about 3 MB of pages cached that nothing on screen needs (issue 12).
func (s *Store) HasSamplePeople(ctx context.Context) (bool, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return false, fail(err, "cannot look for sample people")
	}
	defer conn.Close()
	var cacheSize int
	if err := conn.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&cacheSize); err != nil {
		return false, fail(err, "cannot look for sample people")
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = %d", scanCachePages)); err != nil {
		return false, fail(err, "cannot look for sample people")
	}
	defer func() {
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf("PRAGMA cache_size = %d", cacheSize)); err != nil {
			// Never hand the pool a connection with a cache too small for its work.
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	var found bool
	if err := conn.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM people WHERE sample = 1)").Scan(&found); err != nil {
		return false, fail(err, "cannot look for sample people")
	}
	return found, nil
}
