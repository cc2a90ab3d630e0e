package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"gapwise/internal/model"
)

// ImportPacks adds framework versions a user imported, all in one
// transaction: either every pack is stored or none is. A version already in
// the database is refused (Conflict), never replaced: ratings made against
// it must keep meaning what they meant.
func (s *Store) ImportPacks(ctx context.Context, packs []PackData) error {
	if len(packs) == 0 {
		return model.Errorf(model.Invalid, "no framework to import")
	}
	seen := map[string]bool{}
	for i := range packs {
		p := &packs[i]
		if p.Framework == nil || p.Framework.Ref.ID == "" || p.Framework.Ref.Version == "" {
			return model.Errorf(model.Invalid, "framework %d has no id and version", i+1)
		}
		ref := p.Framework.Ref.String()
		if seen[ref] {
			return model.Errorf(model.Invalid, "%s is given twice", ref)
		}
		seen[ref] = true
		sum := sha256.Sum256(p.Raw)
		p.SHA256 = hex.EncodeToString(sum[:])
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		at := stamp(now())
		for _, p := range packs {
			var sha string
			err := tx.QueryRowContext(ctx, "SELECT sha256 FROM frameworks WHERE ref = ?", p.Framework.Ref.String()).Scan(&sha)
			switch {
			case err == nil && sha == p.SHA256:
				return model.Errorf(model.Conflict, "%s is already in this database with exactly this content", p.Framework.Ref)
			case err == nil:
				return model.Errorf(model.Conflict, "%s is already in this database with other content; import it under another version (--as %s@NEW-VERSION)", p.Framework.Ref, p.Framework.Ref.ID)
			case !errors.Is(err, sql.ErrNoRows):
				return fail(err, "cannot read the framework list")
			}
			if err := writePack(ctx, tx, p, at, false); err != nil {
				return err
			}
		}
		return nil
	})
}

// FrameworkUsers lists what refers to a framework version: assessments (by
// id, with the person's name), teams, plans and appraisals. A version with
// users cannot be removed.
func (s *Store) FrameworkUsers(ctx context.Context, ref model.FrameworkRef) ([]string, error) {
	var out []string
	err := s.read(ctx, func(tx *sql.Tx) error {
		for _, q := range []struct{ what, sql string }{
			{"assessment", `SELECT a.id || ' (' || p.name || ', ' || a.kind || ')' FROM assessments a JOIN people p ON p.id = a.person WHERE a.framework = ? ORDER BY a.created_at`},
			{"team", `SELECT id || ' (' || name || ')' FROM teams WHERE framework = ? ORDER BY name`},
			{"plan", `SELECT id FROM plans WHERE framework = ? ORDER BY created_at`},
			{"appraisal", `SELECT id FROM appraisals WHERE framework = ? ORDER BY created_at`},
			{"learning catalogue", `SELECT '(' || (SELECT count(*) FROM catalogue_entries e WHERE e.framework = c.framework) || ' entries; gapwise-cli catalogue rm)' FROM catalogues c WHERE c.framework = ?`},
		} {
			rows, err := tx.QueryContext(ctx, q.sql, ref.String())
			if err != nil {
				return fail(err, "cannot read what uses %s", ref)
			}
			for rows.Next() {
				var s string
				if err := rows.Scan(&s); err != nil {
					rows.Close()
					return fail(err, "cannot read what uses %s", ref)
				}
				out = append(out, q.what+" "+s)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return fail(err, "cannot read what uses %s", ref)
			}
		}
		return nil
	})
	return out, err
}

// RemovePack deletes one framework version and everything of its own
// (groups, items, roles, requirements). It is refused (Conflict, naming
// them) while any assessment, team, plan or appraisal uses the version;
// the check and the delete are one transaction.
func (s *Store) RemovePack(ctx context.Context, ref model.FrameworkRef) error {
	users, err := s.FrameworkUsers(ctx, ref)
	if err != nil {
		return err
	}
	if len(users) > 0 {
		return usedErr(ref, users)
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		if err := frameworkExists(ctx, tx, ref); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM assessments WHERE framework = ?1) + (SELECT count(*) FROM teams WHERE framework = ?1)
			+ (SELECT count(*) FROM plans WHERE framework = ?1) + (SELECT count(*) FROM appraisals WHERE framework = ?1)`, ref.String()).Scan(&n); err != nil {
			return fail(err, "cannot read what uses %s", ref)
		}
		if n > 0 { // something arrived since we looked
			return model.Errorf(model.Conflict, "%s is in use; try again to see by what", ref)
		}
		for _, q := range []string{
			"DELETE FROM framework_cache WHERE ref = ?",
			"DELETE FROM requirements WHERE framework = ?",
			"DELETE FROM role_levels WHERE framework = ?",
			"DELETE FROM roles WHERE framework = ?",
			"DELETE FROM items WHERE framework = ?",
			"UPDATE item_groups SET parent = NULL WHERE framework = ?",
			"DELETE FROM item_groups WHERE framework = ?",
			"DELETE FROM frameworks WHERE ref = ?",
		} {
			if _, err := tx.ExecContext(ctx, q, ref.String()); err != nil {
				return fail(err, "cannot remove %s", ref)
			}
		}
		return nil
	})
}

func usedErr(ref model.FrameworkRef, users []string) error {
	const show = 10
	list := users
	more := ""
	if len(list) > show {
		list = list[:show]
		more = fmt.Sprintf(" and %d more", len(users)-show)
	}
	return model.Errorf(model.Conflict, "%s is still used by %s%s; delete or carry those forward first", ref, strings.Join(list, ", "), more)
}
