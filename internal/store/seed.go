package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gapwise/internal/model"
)

// PackData is one framework pack as shipped: the parsed framework, the pack
// file's bytes, and the SHA-256 of those bytes (computed when empty).
type PackData struct {
	Framework *model.Framework
	Raw       []byte
	SHA256    string
}

// SeedPacks records every pack version the database does not have yet, all
// in one transaction, and returns the refs it added. It is cheap to call at
// every start: when every pack is already present with the same checksum it
// reads one small table and writes nothing.
//
// A new version of a framework is added beside the older ones; ratings are
// never touched. When a version already present arrives with a different
// checksum (a corrected pack), its stored JSON, titles and role profiles are
// replaced and new items added, but no item is ever deleted: ratings,
// targets and plans made against an item must keep pointing at it, and a
// person's record is worth more than a tidy pack. Items the corrected pack
// no longer lists are kept and marked in_pack = 0.
func (s *Store) SeedPacks(ctx context.Context, packs []PackData) (added []model.FrameworkRef, err error) {
	packs = slices.Clone(packs) // checksums are filled in below; the caller's slice stays as it was
	seen := map[string]bool{}
	for i := range packs {
		p := &packs[i]
		if p.Framework == nil {
			return nil, model.Errorf(model.Invalid, "pack %d has no framework", i+1)
		}
		ref := p.Framework.Ref
		if ref.ID == "" || ref.Version == "" || strings.Contains(ref.ID, "@") {
			return nil, model.Errorf(model.Invalid, "pack %d has no valid framework id and version (%q)", i+1, ref.String())
		}
		if seen[ref.String()] {
			return nil, model.Errorf(model.Invalid, "pack %s is given twice", ref)
		}
		seen[ref.String()] = true
		sum := sha256.Sum256(p.Raw)
		actual := hex.EncodeToString(sum[:])
		if p.SHA256 != "" && !strings.EqualFold(p.SHA256, actual) {
			return nil, model.Errorf(model.Invalid, "pack %s: its checksum does not match its contents", ref)
		}
		p.SHA256 = actual
	}

	stored, err := s.packChecksums(ctx)
	if err != nil {
		return nil, err
	}
	var pending []PackData
	for _, p := range packs {
		if stored[p.Framework.Ref.String()] != p.SHA256 {
			pending = append(pending, p)
		}
	}
	if len(pending) == 0 {
		return nil, nil
	}

	err = s.write(ctx, func(tx *sql.Tx) error {
		added = nil
		at := stamp(now())
		for _, p := range pending {
			var sha string
			err := tx.QueryRowContext(ctx, "SELECT sha256 FROM frameworks WHERE ref = ?", p.Framework.Ref.String()).Scan(&sha)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				if err := writePack(ctx, tx, p, at, false); err != nil {
					return err
				}
				added = append(added, p.Framework.Ref)
			case err != nil:
				return fail(err, "cannot read the framework list")
			case sha != p.SHA256: // a corrected pack (another Gapwise may have seeded this very one since we looked; then they match)
				if err := writePack(ctx, tx, p, at, true); err != nil {
					return err
				}
				if err := flagUndefinedLevels(ctx, tx, p.Framework.Ref.String()); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return added, nil
}

// PackChecksums maps each stored pack version ("id@version") to the SHA-256
// of the pack file it was seeded from, so a caller can see that seeding has
// nothing to do without parsing any pack.
func (s *Store) PackChecksums(ctx context.Context) (map[string]string, error) {
	return s.packChecksums(ctx)
}

func (s *Store) packChecksums(ctx context.Context) (map[string]string, error) {
	// id || '@' || version is ref (a CHECK says so) and is in the
	// frameworks_listing index with sha256, so the rows and their JSON are
	// not read.
	rows, err := s.reader(ctx).QueryContext(ctx, "SELECT id || '@' || version, sha256 FROM frameworks")
	if err != nil {
		return nil, fail(err, "cannot read the framework list")
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var ref, sha string
		if err := rows.Scan(&ref, &sha); err != nil {
			return nil, fail(err, "cannot read the framework list")
		}
		out[ref] = sha
	}
	if err := rows.Err(); err != nil {
		return nil, fail(err, "cannot read the framework list")
	}
	return out, nil
}

// writePack stores one pack version. With existing set it updates a version
// already present in place, keeping every item (see SeedPacks).
func writePack(ctx context.Context, tx *sql.Tx, p PackData, at string, existing bool) error {
	f := p.Framework
	ref := f.Ref.String()
	bad := func(err error, what string, args ...any) error {
		if isConstraint(err) {
			return model.Wrap(model.Invalid, err, "pack %s: "+what, append([]any{ref}, args...)...)
		}
		return fail(err, "cannot store pack %s", ref)
	}

	if existing {
		_, err := tx.ExecContext(ctx, `UPDATE frameworks SET name = ?, provisional = ?, licence = ?, attribution = ?,
			raw = ?, sha256 = ?, updated_at = ? WHERE ref = ?`,
			f.Name, boolInt(f.Provisional), f.Licence, f.Attribution, p.Raw, p.SHA256, at, ref)
		if err != nil {
			return bad(err, "cannot update its record")
		}
		// Role profiles are replaced wholesale: nothing refers to them by
		// key. The compiled form was made from the old JSON.
		for _, q := range []string{
			"DELETE FROM framework_cache WHERE ref = ?",
			"UPDATE items SET in_pack = 0 WHERE framework = ?",
			"DELETE FROM requirements WHERE framework = ?",
			"DELETE FROM role_levels WHERE framework = ?",
			"DELETE FROM roles WHERE framework = ?",
		} {
			if _, err := tx.ExecContext(ctx, q, ref); err != nil {
				return bad(err, "cannot replace its role profiles")
			}
		}
	} else {
		_, err := tx.ExecContext(ctx, `INSERT INTO frameworks
			(ref, id, version, name, provisional, licence, attribution, raw, sha256, seeded_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			ref, f.Ref.ID, f.Ref.Version, f.Name, boolInt(f.Provisional), f.Licence, f.Attribution, p.Raw, p.SHA256, at, at)
		if err != nil {
			return bad(err, "cannot record it")
		}
	}

	groups, err := tx.PrepareContext(ctx, `INSERT INTO item_groups (framework, id, title, kind, parent, position)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (framework, id) DO UPDATE SET title = excluded.title, kind = excluded.kind,
			parent = excluded.parent, position = excluded.position`)
	if err != nil {
		return fail(err, "cannot store pack %s", ref)
	}
	defer groups.Close()
	for i, g := range f.Groups {
		if _, err := groups.ExecContext(ctx, ref, g.ID, g.Title, g.Kind, nullable(g.Parent), i); err != nil {
			return bad(err, "group %q", g.ID)
		}
	}

	items, err := tx.PrepareContext(ctx, `INSERT INTO items (framework, id, title, group_id, levels, position, in_pack)
		VALUES (?, ?, ?, ?, ?, ?, 1)
		ON CONFLICT (framework, id) DO UPDATE SET title = excluded.title, group_id = excluded.group_id,
			levels = excluded.levels, position = excluded.position, in_pack = 1`)
	if err != nil {
		return fail(err, "cannot store pack %s", ref)
	}
	defer items.Close()
	seen := make(map[string]bool, len(f.Items))
	for i, it := range f.Items {
		if seen[it.ID] {
			return model.Errorf(model.Invalid, "pack %s: item %q appears twice", ref, it.ID)
		}
		seen[it.ID] = true
		if _, err := items.ExecContext(ctx, ref, it.ID, it.Title, nullable(it.Group), levelList(it.Levels), i); err != nil {
			return bad(err, "item %q", it.ID)
		}
	}

	roles, err := tx.PrepareContext(ctx, `INSERT INTO roles (framework, id, family, title, type, position) VALUES (?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fail(err, "cannot store pack %s", ref)
	}
	defer roles.Close()
	levels, err := tx.PrepareContext(ctx, `INSERT INTO role_levels (framework, id, role, title, rank, position) VALUES (?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fail(err, "cannot store pack %s", ref)
	}
	defer levels.Close()
	reqs, err := tx.PrepareContext(ctx, `INSERT INTO requirements (framework, role, role_level, item, level) VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return fail(err, "cannot store pack %s", ref)
	}
	defer reqs.Close()
	for i, r := range f.Roles {
		if _, err := roles.ExecContext(ctx, ref, r.ID, r.Family, r.Title, r.Type, i); err != nil {
			return bad(err, "role %q", r.ID)
		}
		for _, q := range r.Requirements {
			if _, err := reqs.ExecContext(ctx, ref, r.ID, nil, q.Item, q.Level); err != nil {
				return bad(err, "role %q needs item %q at level %d", r.ID, q.Item, q.Level)
			}
		}
		for j, l := range r.Levels {
			if _, err := levels.ExecContext(ctx, ref, l.ID, r.ID, l.Title, l.Rank, j); err != nil {
				return bad(err, "role level %q", l.ID)
			}
			for _, q := range l.Requirements {
				if _, err := reqs.ExecContext(ctx, ref, r.ID, l.ID, q.Item, q.Level); err != nil {
					return bad(err, "role level %q needs item %q at level %d", l.ID, q.Item, q.Level)
				}
			}
		}
	}
	// Group references are checked at commit (a child may precede its
	// parent); check them now to say which pack is at fault.
	for _, table := range []string{"item_groups", "items"} {
		rows, err := tx.QueryContext(ctx, fmt.Sprintf("PRAGMA foreign_key_check(%s)", table))
		if err != nil {
			return fail(err, "cannot store pack %s", ref)
		}
		broken := rows.Next()
		rows.Close()
		if broken {
			return model.Errorf(model.Invalid, "pack %s: an item or group refers to a group the pack does not define", ref)
		}
	}
	return nil
}

// levelList renders levels as the items.levels column stores them: "4,5,6,7".
func levelList(levels []int) string {
	parts := make([]string, len(levels))
	for i, l := range levels {
		parts[i] = strconv.Itoa(l)
	}
	return strings.Join(parts, ",")
}

// parseLevels reads the items.levels column.
func parseLevels(s string) []int {
	if s == "" {
		return nil
	}
	var out []int
	for _, p := range strings.Split(s, ",") {
		if n, err := strconv.Atoi(p); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// flagUndefinedLevels marks for review every rating a corrected pack leaves
// at a level it no longer defines for the item (the corrected DDaT pack
// found 60 "currently not defined" cells that the old one offered). The
// rating is kept, never silently changed; the Rate screen shows the reason
// until the person rates the item again, and until then the assessment's
// file export names the item.
func flagUndefinedLevels(ctx context.Context, tx *sql.Tx, ref string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO rating_reviews (assessment, item, reason)
		SELECT r.assessment, r.item, 'level ' || r.level || ' is no longer defined for this item in the corrected framework: choose its level again'
		FROM ratings r JOIN items i ON i.framework = r.framework AND i.id = r.item
		WHERE r.framework = ? AND r.level <> 0 AND i.in_pack = 1
			AND instr(',' || i.levels || ',', ',' || r.level || ',') = 0
		ON CONFLICT (assessment, item) DO UPDATE SET reason = excluded.reason`, ref)
	return fail(err, "cannot flag ratings at levels %s no longer defines", ref)
}
