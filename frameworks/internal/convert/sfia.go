package convert

import (
	"cmp"
	"fmt"
	"io/fs"
	"slices"
	"strconv"

	"gapwise/internal/model"
)

// SFIA manifest. The attribution is the wording the SFIA Foundation asks for
// wherever SFIA text is shown or printed.
const (
	sfiaAttribution = "This publication contains information from the Skills Framework for the Information Age with the permission of the SFIA Foundation."
	sfiaLicence     = "SFIA licence from the SFIA Foundation (not an open licence)"
	sfiaLicenceURL  = "https://sfia-online.org/en/about-sfia/using-and-licensing-sfia"
	sfiaNotice      = "SFIA (the Skills Framework for the Information Age) is copyright (c) SFIA Foundation and is not " +
		"open-licensed. Personal use and most use inside one organisation are free under the Foundation's terms; " +
		"using SFIA to market a product or service, or across a very large distributed organisation, needs a licence. " +
		"Anyone who distributes builds of Gapwise that contain SFIA text to other organisations needs a licence " +
		"from the SFIA Foundation (" + sfiaLicenceURL + "). This copy is not the definitive SFIA: the " +
		"authoritative text is published by the SFIA Foundation at https://sfia-online.org/. Organisations can " +
		"instead download the official SFIA spreadsheet under their own licence and import it (Frameworks > Import a " +
		"framework, or gapwise-cli frameworks import); it is stored as a version of its own beside this one."
)

// SFIA9 converts src/sfia/sfia9 into the sfia@9 pack, with the levels of
// responsibility as the scale and the 16 generic attributes.
func SFIA9(src fs.FS) (*model.Framework, error) {
	f := sfiaManifest("9", "https://sfia-online.org/en/sfia-9", "2025-01-29 (SFIA 9 spreadsheet revision 250129)")
	var err error
	if f.Scale, err = sfiaLevels(src); err != nil {
		return nil, err
	}
	if f.Groups, f.Items, err = sfiaSkills(src, "sfia/sfia9"); err != nil {
		return nil, err
	}
	if f.Attributes, err = sfiaAttributes(src); err != nil {
		return nil, err
	}
	return f, nil
}

// SFIA8 converts src/sfia/sfia8 into the sfia@8 pack. Our source has no
// SFIA 8 levels of responsibility, so the scale is numbered only; nothing is
// borrowed from SFIA 9, whose level wording differs.
func SFIA8(src fs.FS) (*model.Framework, error) {
	f := sfiaManifest("8", "https://sfia-online.org/en/sfia-8", "2022-02-21 (SFIA 8 spreadsheet revision 220221)")
	f.Scale = model.Scale{
		Name: "SFIA levels of responsibility",
		Description: "SFIA's seven levels of responsibility, named here by number only. This pack does not " +
			"include SFIA 8's descriptions of the levels or of its generic attributes, and borrows nothing from " +
			"SFIA 9; each skill's own description at each level is included.",
	}
	for v := 1; v <= 7; v++ {
		f.Scale.Levels = append(f.Scale.Levels, model.Level{Value: v, Name: fmt.Sprintf("Level %d", v)})
	}
	var err error
	if f.Groups, f.Items, err = sfiaSkills(src, "sfia/sfia8"); err != nil {
		return nil, err
	}
	return f, nil
}

func sfiaManifest(version, url, released string) *model.Framework {
	return &model.Framework{
		Ref:         model.FrameworkRef{ID: "sfia", Version: version},
		Name:        "Skills Framework for the Information Age (SFIA) " + version,
		ShortName:   "SFIA " + version,
		Publisher:   "SFIA Foundation",
		SourceURL:   url,
		Licence:     sfiaLicence,
		LicenceURL:  sfiaLicenceURL,
		Attribution: sfiaAttribution,
		Released:    released,
		Notice:      sfiaNotice,
		GroupKinds:  []string{"category", "subcategory"},
	}
}

func sfiaLevels(src fs.FS) (model.Scale, error) {
	t, err := readTable(src, "sfia/sfia9/levels_of_responsibility.csv", "level", "guiding_phrase", "essence", "url")
	if err != nil {
		return model.Scale{}, err
	}
	s := model.Scale{
		Name: "SFIA levels of responsibility",
		Description: "SFIA's seven levels of responsibility. Each skill is defined at some of these levels only. " +
			"Level names are SFIA's guiding phrases; descriptions are SFIA's statement of each level's essence.",
	}
	for i := range t.rows {
		v, err := strconv.Atoi(t.get(i, "level"))
		if err != nil {
			return model.Scale{}, t.errorf(i, "level %q is not a whole number", t.get(i, "level"))
		}
		s.Levels = append(s.Levels, model.Level{Value: v, Name: t.get(i, "guiding_phrase"), Description: t.text(i, "essence")})
	}
	return s, nil
}

// sfiaSkills reads skills, their level descriptions and the category tree
// from one SFIA folder. Items keep the official spreadsheet's order, and
// groups are listed in the order the items first use them (category, then
// its subcategories), which is SFIA's own order rather than alphabetical.
func sfiaSkills(src fs.FS, dir string) ([]model.Group, []model.Item, error) {
	skills, err := readTable(src, dir+"/skills.csv", "code", "name", "category", "subcategory", "description", "guidance_notes", "levels", "url", "sheet_order")
	if err != nil {
		return nil, nil, err
	}
	descs, err := readTable(src, dir+"/skill_levels.csv", "code", "level", "description")
	if err != nil {
		return nil, nil, err
	}
	cats, err := readTable(src, dir+"/categories.csv", "category", "subcategory")
	if err != nil {
		return nil, nil, err
	}

	type row struct {
		order int
		i     int
	}
	var order []row
	for i := range skills.rows {
		n, err := strconv.Atoi(skills.get(i, "sheet_order"))
		if err != nil {
			return nil, nil, skills.errorf(i, "sheet_order %q is not a whole number", skills.get(i, "sheet_order"))
		}
		order = append(order, row{n, i})
	}
	slices.SortStableFunc(order, func(a, b row) int { return cmp.Compare(a.order, b.order) })

	var groups []model.Group
	seen := map[string]bool{}
	addGroup := func(cat, sub string) {
		if c := Slug(cat); !seen[c] {
			seen[c] = true
			groups = append(groups, model.Group{ID: c, Title: cat, Kind: "category"})
		}
		if s := Slug(sub); !seen[s] {
			seen[s] = true
			groups = append(groups, model.Group{ID: s, Title: sub, Kind: "subcategory", Parent: Slug(cat)})
		}
	}
	inTree := map[[2]string]bool{}
	for i := range cats.rows {
		inTree[[2]string{cats.get(i, "category"), cats.get(i, "subcategory")}] = true
	}

	var items []model.Item
	index := map[string]int{}
	for _, o := range order {
		i := o.i
		code, cat, sub := skills.get(i, "code"), skills.get(i, "category"), skills.get(i, "subcategory")
		if !inTree[[2]string{cat, sub}] {
			return nil, nil, skills.errorf(i, "skill %s: %s / %s is not in categories.csv", code, cat, sub)
		}
		levels, err := parseLevels(skills.get(i, "levels"))
		if err != nil {
			return nil, nil, skills.errorf(i, "skill %s: %v", code, err)
		}
		addGroup(cat, sub)
		index[code] = len(items)
		items = append(items, model.Item{
			ID:          code,
			Title:       skills.get(i, "name"),
			Group:       Slug(sub),
			Description: skills.text(i, "description"),
			Guidance:    skills.text(i, "guidance_notes"),
			URL:         skills.get(i, "url"),
			Levels:      levels,
		})
	}
	for i := range cats.rows {
		addGroup(cats.get(i, "category"), cats.get(i, "subcategory"))
	}

	for i := range descs.rows {
		code := descs.get(i, "code")
		k, ok := index[code]
		if !ok {
			return nil, nil, descs.errorf(i, "skill %s is not in skills.csv", code)
		}
		v, err := strconv.Atoi(descs.get(i, "level"))
		if err != nil {
			return nil, nil, descs.errorf(i, "skill %s: level %q is not a whole number", code, descs.get(i, "level"))
		}
		items[k].Descriptors = append(items[k].Descriptors, model.Descriptor{Level: v, Text: descs.text(i, "description")})
	}
	for k := range items {
		slices.SortFunc(items[k].Descriptors, func(a, b model.Descriptor) int { return cmp.Compare(a.Level, b.Level) })
	}
	return groups, items, nil
}

// sfiaAttributes reads SFIA 9's generic attributes and business skills, each
// described at every level.
func sfiaAttributes(src fs.FS) ([]model.Attribute, error) {
	attrs, err := readTable(src, "sfia/sfia9/attributes.csv", "code", "name", "type", "description", "guidance_notes", "url")
	if err != nil {
		return nil, err
	}
	levels, err := readTable(src, "sfia/sfia9/attribute_levels.csv", "attribute_code", "attribute_name", "level", "description")
	if err != nil {
		return nil, err
	}
	var out []model.Attribute
	index := map[string]int{}
	for i := range attrs.rows {
		code := attrs.get(i, "code")
		index[code] = len(out)
		out = append(out, model.Attribute{Code: code, Name: attrs.get(i, "name"), Type: attrs.get(i, "type"), Description: attrs.text(i, "description")})
	}
	for i := range levels.rows {
		code := levels.get(i, "attribute_code")
		k, ok := index[code]
		if !ok {
			return nil, levels.errorf(i, "attribute %s is not in attributes.csv", code)
		}
		v, err := strconv.Atoi(levels.get(i, "level"))
		if err != nil {
			return nil, levels.errorf(i, "attribute %s: level %q is not a whole number", code, levels.get(i, "level"))
		}
		out[k].Levels = append(out[k].Levels, model.Descriptor{Level: v, Text: levels.text(i, "description")})
	}
	for k := range out {
		slices.SortFunc(out[k].Levels, func(a, b model.Descriptor) int { return cmp.Compare(a.Level, b.Level) })
	}
	return out, nil
}
