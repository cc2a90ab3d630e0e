package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"gapwise/internal/model"
)

// CatalogueInfo is a stored learning catalogue's summary.
type CatalogueInfo struct {
	Framework  model.FrameworkRef
	Source     string
	ImportedAt time.Time
	Entries    int
}

// SaveCatalogue stores a framework version's learning catalogue in one
// transaction. When the version already has one it is refused (Conflict,
// saying how many entries it has) unless replace is set, in which case the
// old one is deleted in the same transaction: a failed import leaves the old
// catalogue as it was. It returns how many entries were replaced.
func (s *Store) SaveCatalogue(ctx context.Context, c model.Catalogue, replace bool) (replaced int, err error) {
	at := norm(c.ImportedAt, now())
	err = s.write(ctx, func(tx *sql.Tx) error {
		if err := frameworkExists(ctx, tx, c.Framework); err != nil {
			return err
		}
		ref := c.Framework.String()
		var n int
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM catalogue_entries WHERE framework = ?`, ref).Scan(&n)
		if err != nil {
			return fail(err, "cannot read the learning catalogue of %s", ref)
		}
		var exists int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM catalogues WHERE framework = ?`, ref).Scan(&exists); err != nil {
			return fail(err, "cannot read the learning catalogue of %s", ref)
		}
		if exists > 0 {
			if !replace {
				return model.Errorf(model.Conflict, "%s already has a learning catalogue (%s); replace it to import another", ref, model.Plural(n, "entry", "entries"))
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM catalogues WHERE framework = ?`, ref); err != nil {
				return fail(err, "cannot replace the learning catalogue of %s", ref)
			}
			replaced = n
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO catalogues (framework, source, imported_at) VALUES (?, ?, ?)`, ref, c.Source, stamp(at)); err != nil {
			return fail(err, "cannot save the learning catalogue of %s", ref)
		}
		entry, err := tx.PrepareContext(ctx, `INSERT INTO catalogue_entries (framework, position, title, provider, url, type) VALUES (?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return fail(err, "cannot save the learning catalogue of %s", ref)
		}
		defer entry.Close()
		item, err := tx.PrepareContext(ctx, `INSERT INTO catalogue_items (framework, position, item) VALUES (?, ?, ?)`)
		if err != nil {
			return fail(err, "cannot save the learning catalogue of %s", ref)
		}
		defer item.Close()
		for i, e := range c.Entries {
			if len(e.Items) == 0 {
				return model.Errorf(model.Invalid, "catalogue entry %q develops no item", e.Title)
			}
			if _, err := entry.ExecContext(ctx, ref, i+1, e.Title, e.Provider, e.URL, e.Type); err != nil {
				return fail(err, "cannot save catalogue entry %q", e.Title)
			}
			for _, id := range e.Items {
				if _, err := item.ExecContext(ctx, ref, i+1, id); err != nil {
					if isForeignKey(err) {
						return model.Errorf(model.Invalid, "catalogue entry %q: %s has no item %q", e.Title, ref, id)
					}
					return fail(err, "cannot save catalogue entry %q", e.Title)
				}
			}
		}
		return nil
	})
	return replaced, err
}

// Catalogue returns a framework version's learning catalogue; ok is false
// when it has none.
func (s *Store) Catalogue(ctx context.Context, ref model.FrameworkRef) (c model.Catalogue, ok bool, err error) {
	err = s.read(ctx, func(tx *sql.Tx) error {
		c = model.Catalogue{Framework: ref}
		err := tx.QueryRowContext(ctx, `SELECT source, imported_at FROM catalogues WHERE framework = ?`, ref.String()).Scan(&c.Source, ts(&c.ImportedAt))
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		ok = true
		rows, err := tx.QueryContext(ctx, `SELECT e.position, e.title, e.provider, e.url, e.type, ci.item
			FROM catalogue_entries e JOIN catalogue_items ci ON ci.framework = e.framework AND ci.position = e.position
			LEFT JOIN items it ON it.framework = ci.framework AND it.id = ci.item
			WHERE e.framework = ? ORDER BY e.position, it.position`, ref.String())
		if err != nil {
			return err
		}
		defer rows.Close()
		last := 0
		for rows.Next() {
			var pos int
			var e model.CatalogueEntry
			var item string
			if err := rows.Scan(&pos, &e.Title, &e.Provider, &e.URL, &e.Type, &item); err != nil {
				return err
			}
			if pos != last {
				c.Entries = append(c.Entries, e)
				last = pos
			}
			k := len(c.Entries) - 1
			c.Entries[k].Items = append(c.Entries[k].Items, item)
		}
		return rows.Err()
	})
	if err != nil {
		return model.Catalogue{}, false, fail(err, "cannot read the learning catalogue of %s", ref)
	}
	return c, ok, nil
}

// Catalogues lists the stored learning catalogues by framework version.
func (s *Store) Catalogues(ctx context.Context) ([]CatalogueInfo, error) {
	var out []CatalogueInfo
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT c.framework, c.source, c.imported_at,
			(SELECT count(*) FROM catalogue_entries e WHERE e.framework = c.framework)
			FROM catalogues c ORDER BY c.framework`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var ci CatalogueInfo
			var ref string
			if err := rows.Scan(&ref, &ci.Source, ts(&ci.ImportedAt), &ci.Entries); err != nil {
				return err
			}
			ci.Framework = parseRef(ref)
			out = append(out, ci)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fail(err, "cannot list learning catalogues")
	}
	return out, nil
}

// RemoveCatalogue deletes a framework version's learning catalogue and
// clears the deleted bytes from the file (see scrub). It returns how many
// entries went; NotFound when the version has none.
func (s *Store) RemoveCatalogue(ctx context.Context, ref model.FrameworkRef) (int, error) {
	var n int
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM catalogue_entries WHERE framework = ?`, ref.String()).Scan(&n); err != nil {
			return fail(err, "cannot read the learning catalogue of %s", ref)
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM catalogues WHERE framework = ?`, ref.String())
		if err != nil {
			return fail(err, "cannot remove the learning catalogue of %s", ref)
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return model.Errorf(model.NotFound, "%s has no learning catalogue", ref)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, s.scrub(ctx)
}
