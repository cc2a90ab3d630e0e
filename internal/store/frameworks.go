package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"gapwise/internal/model"
)

// FrameworkInfo describes one pack version held in the database.
type FrameworkInfo struct {
	Ref         model.FrameworkRef
	Name        string
	Provisional bool
	Licence     string
	Attribution string
	SHA256      string
	SeededAt    time.Time // when this version was first added
	UpdatedAt   time.Time // when its pack data last changed
}

// ListFrameworks lists every pack version held, by framework id then version.
func (s *Store) ListFrameworks(ctx context.Context) ([]FrameworkInfo, error) {
	// Every column here is in the frameworks_listing index, which SQLite
	// reads instead of the rows (and their JSON).
	rows, err := s.reader(ctx).QueryContext(ctx, `SELECT id, version, name, provisional, licence, attribution, sha256, seeded_at, updated_at
		FROM frameworks ORDER BY id, version`)
	if err != nil {
		return nil, fail(err, "cannot list frameworks")
	}
	defer rows.Close()
	var out []FrameworkInfo
	for rows.Next() {
		var f FrameworkInfo
		if err := rows.Scan(&f.Ref.ID, &f.Ref.Version, &f.Name, &f.Provisional, &f.Licence, &f.Attribution,
			&f.SHA256, ts(&f.SeededAt), ts(&f.UpdatedAt)); err != nil {
			return nil, fail(err, "cannot list frameworks")
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fail(err, "cannot list frameworks")
	}
	return out, nil
}

// FrameworkRaw returns the pack JSON of one version exactly as it was seeded.
func (s *Store) FrameworkRaw(ctx context.Context, ref model.FrameworkRef) ([]byte, error) {
	var raw []byte
	err := s.reader(ctx).QueryRowContext(ctx, "SELECT raw FROM frameworks WHERE ref = ?", ref.String()).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, model.Errorf(model.NotFound, "framework %s is not in this database", ref)
	}
	if err != nil {
		return nil, fail(err, "cannot read framework %s", ref)
	}
	return raw, nil
}

// frameworkExists is for friendly NotFound errors before a foreign key
// would refuse the row with a vaguer one.
func frameworkExists(ctx context.Context, q queryer, ref model.FrameworkRef) error {
	var one int
	err := q.QueryRowContext(ctx, "SELECT 1 FROM frameworks WHERE ref = ?", ref.String()).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Errorf(model.NotFound, "framework %s is not in this database", ref)
	}
	if err != nil {
		return fail(err, "cannot read framework %s", ref)
	}
	return nil
}

// itemLevels returns an item's defined levels; NotFound-free: an unknown
// item is the caller's input error, so it is Invalid.
func itemLevels(ctx context.Context, q queryer, framework, item string) ([]int, error) {
	var levels string
	err := q.QueryRowContext(ctx, "SELECT levels FROM items WHERE framework = ? AND id = ?", framework, item).Scan(&levels)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, model.Errorf(model.Invalid, "item %q is not in framework %s", item, framework)
	}
	if err != nil {
		return nil, fail(err, "cannot read item %q", item)
	}
	return parseLevels(levels), nil
}

func parseRef(s string) model.FrameworkRef {
	ref, err := model.ParseFrameworkRef(s)
	if err != nil {
		return model.FrameworkRef{ID: s}
	}
	return ref
}

// FrameworkSource returns the pack JSON of one version and its SHA-256, the
// checksum a compiled form made from it is saved under.
func (s *Store) FrameworkSource(ctx context.Context, ref model.FrameworkRef) (raw []byte, sha256 string, err error) {
	err = s.reader(ctx).QueryRowContext(ctx, "SELECT raw, sha256 FROM frameworks WHERE ref = ?", ref.String()).Scan(&raw, &sha256)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", model.Errorf(model.NotFound, "framework %s is not in this database", ref)
	}
	if err != nil {
		return nil, "", fail(err, "cannot read framework %s", ref)
	}
	return raw, sha256, nil
}

// FrameworkChecksum returns the SHA-256 of one version's pack JSON, read
// from the frameworks_listing index (the row's JSON is never walked past),
// so that a built-in pack can be taken from the program's own compiled form
// (frameworks.BuiltInCompiled) when the database holds exactly its JSON.
func (s *Store) FrameworkChecksum(ctx context.Context, ref model.FrameworkRef) (string, error) {
	var sum string
	err := s.reader(ctx).QueryRowContext(ctx, "SELECT sha256 FROM frameworks INDEXED BY frameworks_listing WHERE id = ? AND version = ?",
		ref.ID, ref.Version).Scan(&sum)
	if errors.Is(err, sql.ErrNoRows) {
		return "", model.Errorf(model.NotFound, "framework %s is not in this database", ref)
	}
	if err != nil {
		return "", fail(err, "cannot read framework %s", ref)
	}
	return sum, nil
}

// CompiledFramework reads the compiled form of ref (frameworks/compiled.go)
// saved with the given codec from the pack's JSON whose checksum is sha256
// (FrameworkChecksum's answer), if there is one: never one made from JSON
// the pack no longer has.
//
// use gets the bytes only until it returns (they are not copied again for
// the caller: DDaT's is 400 KB); it is not called when there is none.
func (s *Store) CompiledFramework(ctx context.Context, ref model.FrameworkRef, sha256 string, codec int, use func(data []byte)) error {
	rows, err := s.reader(ctx).QueryContext(ctx, `SELECT data FROM framework_cache WHERE ref = ? AND codec = ? AND sha256 = ?`,
		ref.String(), codec, sha256)
	if err != nil {
		return fail(err, "cannot read framework %s", ref)
	}
	defer rows.Close()
	if rows.Next() {
		var data sql.RawBytes
		if err := rows.Scan(&data); err != nil {
			return fail(err, "cannot read framework %s", ref)
		}
		use(data)
	}
	return fail(rows.Err(), "cannot read framework %s", ref)
}

// SaveCompiledFramework keeps data as the compiled form of ref's JSON whose
// checksum is sha256, replacing any older one. When the pack's JSON has
// changed since it was read, nothing is saved.
func (s *Store) SaveCompiledFramework(ctx context.Context, ref model.FrameworkRef, sha256 string, codec int, data []byte) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO framework_cache (ref, sha256, codec, data)
			SELECT ref, sha256, ?, ? FROM frameworks WHERE ref = ? AND sha256 = ?
			ON CONFLICT (ref) DO UPDATE SET sha256 = excluded.sha256, codec = excluded.codec, data = excluded.data`,
			codec, data, ref.String(), sha256)
		return fail(err, "cannot save framework %s", ref)
	})
}
