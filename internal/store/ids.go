package store

import (
	"crypto/rand"
	"database/sql"
	"fmt"
	"time"
)

// newID makes a random (version 4) UUID. IDs are UUIDs so that people and
// assessments made on different laptops merge without clashes.
func newID() string {
	var b [16]byte
	rand.Read(b[:]) // never fails; it crashes the program rather than return weak bytes
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// stampLayout is RFC 3339 in UTC with a fixed three-digit fraction, so that
// stored timestamps sort correctly as text.
const stampLayout = "2006-01-02T15:04:05.000Z"

// now is the current time at the precision the database keeps, so a value
// returned to the caller equals the one read back later.
func now() time.Time { return time.Now().UTC().Truncate(time.Millisecond) }

// norm brings a caller's time to the stored precision, using fallback when
// it is unset.
func norm(t, fallback time.Time) time.Time {
	if t.IsZero() {
		return fallback
	}
	return t.UTC().Truncate(time.Millisecond)
}

func stamp(t time.Time) string { return t.UTC().Format(stampLayout) }

// stampDest scans a stored timestamp into a time.Time.
type stampDest struct{ t *time.Time }

func (d stampDest) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case string:
		s = v
	case []byte:
		s = string(v)
	case nil:
		*d.t = time.Time{}
		return nil
	default:
		return fmt.Errorf("timestamp stored as %T", src)
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("timestamp %q: %w", s, err)
	}
	*d.t = t.UTC()
	return nil
}

func ts(t *time.Time) stampDest { return stampDest{t} }

// nullable stores "" as NULL, for columns where NULL means "none".
func nullable(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
