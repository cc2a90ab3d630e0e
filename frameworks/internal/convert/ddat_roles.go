package convert

import (
	"fmt"
	"io/fs"

	"gapwise/internal/model"
)

// ddatRoles builds families -> roles -> role levels -> requirements. Roles
// keep the file order (family, then role, both alphabetical); role levels are
// put in order of seniority by orderRoleLevels.
func ddatRoles(src fs.FS, scale model.Scale, items []model.Item) ([]model.Role, error) {
	families, err := readTable(src, "ddat/role_families.csv", "role_family")
	if err != nil {
		return nil, err
	}
	roles, err := readTable(src, "ddat/roles.csv", "role_family", "role", "role_type", "role_description")
	if err != nil {
		return nil, err
	}
	levels, err := readTable(src, "ddat/role_levels.csv", "role_family", "role", "role_level", "order_in_file", "role_level_description")
	if err != nil {
		return nil, err
	}
	reqs, err := readTable(src, "ddat/role_level_skills.csv", "role_family", "role", "role_level", "skill_name", "skill_level", "role_type")
	if err != nil {
		return nil, err
	}

	known := map[string]bool{}
	for i := range families.rows {
		known[families.get(i, "role_family")] = true
	}
	var out []model.Role
	roleAt := map[[2]string]int{} // (family, role) -> index in out
	for i := range roles.rows {
		fam, title := roles.get(i, "role_family"), roles.get(i, "role")
		if !known[fam] {
			return nil, roles.errorf(i, "role %q: family %q is not in role_families.csv", title, fam)
		}
		roleAt[[2]string{fam, title}] = len(out)
		out = append(out, model.Role{
			ID:          Slug(fam) + "/" + Slug(title),
			Family:      fam,
			Title:       title,
			Description: roles.text(i, "role_description"),
			Type:        roles.get(i, "role_type"),
		})
	}

	type levelAt struct{ role, level int }
	levelIdx := map[[3]string]levelAt{}
	for i := range levels.rows {
		fam, role, title := levels.get(i, "role_family"), levels.get(i, "role"), levels.get(i, "role_level")
		r, ok := roleAt[[2]string{fam, role}]
		if !ok {
			return nil, levels.errorf(i, "role level %q: role %q (%s) is not in roles.csv", title, role, fam)
		}
		levelIdx[[3]string{fam, role, title}] = levelAt{r, len(out[r].Levels)}
		out[r].Levels = append(out[r].Levels, model.RoleLevel{
			ID:          out[r].ID + "/" + Slug(title),
			Title:       title,
			Description: levels.text(i, "role_level_description"),
		})
	}

	itemIDs := map[string]bool{}
	for _, it := range items {
		itemIDs[it.ID] = true
	}
	for i := range reqs.rows {
		fam, role, lvl := reqs.get(i, "role_family"), reqs.get(i, "role"), reqs.get(i, "role_level")
		skill, skillLevel := reqs.get(i, "skill_name"), reqs.get(i, "skill_level")
		item := Slug(skill)
		if !itemIDs[item] {
			return nil, reqs.errorf(i, "skill %q is not in skills.csv", skill)
		}
		if lvl == ddatRoleWide {
			// Senior Civil Service roles: no levels, skills needed at no stated level.
			r, ok := roleAt[[2]string{fam, role}]
			if !ok || len(out[r].Levels) > 0 || skillLevel != ddatRoleWide {
				return nil, reqs.errorf(i, "role %q: %q is only expected for roles without levels", role, ddatRoleWide)
			}
			if out[r].Requirements, err = addRequirement(out[r].Requirements, item, model.NoneLevel); err != nil {
				return nil, reqs.errorf(i, "role %q: %v", role, err)
			}
			continue
		}
		at, ok := levelIdx[[3]string{fam, role, lvl}]
		if !ok {
			return nil, reqs.errorf(i, "role level %q of %q is not in role_levels.csv", lvl, role)
		}
		v, ok := ddatLevel(scale, skillLevel)
		if !ok {
			return nil, reqs.errorf(i, "skill level %q is not on the scale", skillLevel)
		}
		rl := &out[at.role].Levels[at.level]
		if rl.Requirements, err = addRequirement(rl.Requirements, item, v); err != nil {
			return nil, reqs.errorf(i, "role level %q: %v", lvl, err)
		}
	}
	for r := range out {
		orderRoleLevels(out[r].Title, out[r].Levels)
	}
	return out, nil
}

// addRequirement appends a requirement, dropping an exact repeat: the
// official file lists 16 rows twice (Data analyst and Business analyst), and
// a repeated requirement would count twice in every gap sum.
func addRequirement(list []model.Requirement, item string, level int) ([]model.Requirement, error) {
	for _, r := range list {
		if r.Item == item {
			if r.Level == level {
				return list, nil
			}
			return nil, fmt.Errorf("skill %q is required at both level %d and level %d", item, r.Level, level)
		}
	}
	return append(list, model.Requirement{Item: item, Level: level}), nil
}
