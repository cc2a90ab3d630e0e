package convert

import (
	"cmp"
	"fmt"
	"io/fs"
	"slices"

	"gapwise/internal/model"
)

// DDaT manifest. The wording of the framework itself comes from the official
// CSV downloads; these strings are Gapwise's.
const (
	ddatAttribution = "Contains public sector information licensed under the Open Government Licence v3.0."
	ddatNotice      = "The Government Digital and Data Profession Capability Framework (formerly the DDaT " +
		"Profession Capability Framework) is Crown copyright, published on GOV.UK under the Open Government " +
		"Licence v3.0. The licence allows anyone to copy, adapt and redistribute it, including in software and " +
		"commercially, as long as the attribution is shown. Gapwise converts the official CSV downloads into " +
		"this pack without changing their wording; the order and rank of role levels within each role are " +
		"derived by Gapwise from the level titles, because the official data has none. This pack is not " +
		"endorsed by Government Digital and Data, and no government logo is used."
	ddatNoneNote = "Required only by Senior Civil Service roles, which state no skill level; " +
		"the official data gives no description of this skill at each level."
	// ddatRoleWide is the placeholder the official file puts in the role level
	// and skill level columns of Senior Civil Service roles.
	ddatRoleWide = "NOT IN USE"
)

// DDaT converts the derived DDaT CSVs (src/ddat) into the ddat@2025-q3 pack.
// The official role download in the same folder is not read here: a test
// checks the pack against it row by row instead.
func DDaT(src fs.FS) (*model.Framework, error) {
	f := &model.Framework{
		Ref:         model.FrameworkRef{ID: "ddat", Version: "2025-q3"},
		Name:        "Government Digital and Data Profession Capability Framework",
		ShortName:   "DDaT",
		Publisher:   "Government Digital and Data (Department for Science, Innovation and Technology; formerly the Central Digital and Data Office)",
		SourceURL:   "https://ddat-capability-framework.service.gov.uk/",
		Licence:     "Open Government Licence v3.0",
		LicenceURL:  "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
		Attribution: ddatAttribution,
		Released:    "2025-Q3 (the framework as published June to September 2025)",
		Notice:      ddatNotice,
	}
	scale, err := ddatScale(src)
	if err != nil {
		return nil, err
	}
	f.Scale = scale
	if f.Items, err = ddatSkills(src, scale); err != nil {
		return nil, err
	}
	if f.Roles, err = ddatRoles(src, scale, f.Items); err != nil {
		return nil, err
	}
	return f, nil
}

func ddatScale(src fs.FS) (model.Scale, error) {
	t, err := readTable(src, "ddat/skill_level_scale.csv", "level_number", "level_name", "generic_description")
	if err != nil {
		return model.Scale{}, err
	}
	s := model.Scale{
		Name: "Skill levels",
		Description: "The four skill levels used across the framework. Each skill also says what each level " +
			"means for that skill; these are the general meanings.",
	}
	for i := range t.rows {
		v, err := parseLevels(t.get(i, "level_number"))
		if err != nil || len(v) != 1 {
			return model.Scale{}, t.errorf(i, "level number %q: want one whole number", t.get(i, "level_number"))
		}
		s.Levels = append(s.Levels, model.Level{Value: v[0], Name: t.get(i, "level_name"), Description: t.text(i, "generic_description")})
	}
	return s, nil
}

// ddatLevel maps a level name (Awareness .. Expert) to its number.
func ddatLevel(s model.Scale, name string) (int, bool) {
	for _, l := range s.Levels {
		if l.Name == name {
			return l.Value, true
		}
	}
	return 0, false
}

func ddatSkills(src fs.FS, scale model.Scale) ([]model.Item, error) {
	skills, err := readTable(src, "ddat/skills.csv", "skill_name", "skill_description", "roles_that_require_skill")
	if err != nil {
		return nil, err
	}
	levels, err := readTable(src, "ddat/skill_levels.csv", "skill_name", "level_number", "level_name", "description")
	if err != nil {
		return nil, err
	}
	var all []int
	for _, l := range scale.Levels {
		all = append(all, l.Value)
	}
	items := make([]model.Item, 0, len(skills.rows))
	index := map[string]int{}
	for i := range skills.rows {
		name := skills.get(i, "skill_name")
		id := Slug(name)
		if _, dup := index[id]; dup {
			return nil, skills.errorf(i, "skill %q: id %q is already used by another skill", name, id)
		}
		index[id] = len(items)
		// Every DDaT skill is defined on the whole scale, even the Senior
		// Civil Service skills that have no text per level.
		items = append(items, model.Item{ID: id, Title: name, Description: skills.text(i, "skill_description"), Levels: all})
	}
	for i := range levels.rows {
		name := levels.get(i, "skill_name")
		k, ok := index[Slug(name)]
		if !ok {
			return nil, levels.errorf(i, "skill %q is not in skills.csv", name)
		}
		v, ok := ddatLevel(scale, levels.get(i, "level_name"))
		if !ok || fmt.Sprint(v) != levels.get(i, "level_number") {
			return nil, levels.errorf(i, "skill %q: level %s %q is not on the scale", name, levels.get(i, "level_number"), levels.get(i, "level_name"))
		}
		text := levels.text(i, "description")
		if text == "" {
			continue
		}
		items[k].Descriptors = append(items[k].Descriptors, model.Descriptor{Level: v, Text: text})
	}
	for k := range items {
		slices.SortFunc(items[k].Descriptors, func(a, b model.Descriptor) int { return cmp.Compare(a.Level, b.Level) })
		if len(items[k].Descriptors) == 0 {
			items[k].Note = ddatNoneNote
		}
	}
	return items, nil
}
