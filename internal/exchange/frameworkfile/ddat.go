package frameworkfile

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"gapwise/internal/model"
)

// The official DDaT downloads (ddat-capability-framework.service.gov.uk/download):
// "Role content", one row per role level and skill, and "Skill description
// content", one row per skill with its text at each of the four levels.
var (
	ddatRoleColumns  = []string{"Role Family", "Role", "Role Description", "Role Level", "Role Level Description", "Skill Name", "Skill Description", "Skill Level", "Skill Level Description", "Role Type"}
	ddatSkillColumns = []string{"Skill Name", "Skill Description", "Awareness", "Working", "Practitioner", "Expert", "Roles that require Skill"}
)

// DDaT manifest: the framework's own wording comes from the downloads; these
// strings are Gapwise's. The embedded pack uses the same ones.
const (
	DDaTAttribution = "Contains public sector information licensed under the Open Government Licence v3.0."
	ddatNotice      = "The Government Digital and Data Profession Capability Framework (formerly the DDaT " +
		"Profession Capability Framework) is Crown copyright, published on GOV.UK under the Open Government " +
		"Licence v3.0. The licence allows anyone to copy, adapt and redistribute it, including in software and " +
		"commercially, as long as the attribution is shown. Gapwise converts the official CSV downloads into " +
		"this pack without changing their wording; the order and rank of role levels within each role are " +
		"derived by Gapwise from the level titles, because the official data has none. This pack is not " +
		"endorsed by Government Digital and Data, and no government logo is used."
	ddatNoneNote = "Required only by Senior Civil Service roles, which state no skill level; " +
		"the official data gives no description of this skill at each level."
	// ddatRoleWide is the placeholder in the role level and skill level
	// columns of Senior Civil Service roles, which have no levels.
	ddatRoleWide = "NOT IN USE"
	// ddatUndefined is the official text of a skill level that does not
	// exist for the skill: like SFIA's missing levels, it is not ratable.
	ddatUndefined = "This skill level is currently not defined."
	ddatMissing   = "MISSING" // the official placeholder for a skill with no description
)

// ddatScale is the framework's four levels. The downloads name them (the
// skill file's columns) but do not describe them; the general meanings are
// the service's, as transcribed in frameworks/src/ddat/skill_level_scale.csv.
var ddatScale = model.Scale{
	Name: "Skill levels",
	Description: "The four skill levels used across the framework. Each skill also says what each level " +
		"means for that skill; these are the general meanings.",
	Levels: []model.Level{
		{Value: 1, Name: "Awareness", Description: "You can: describe the fundamentals of the skill; demonstrate basic knowledge of some of the skill's tools and techniques"},
		{Value: 2, Name: "Working", Description: "You can: apply the skill with some support; adopt the most appropriate tools and techniques"},
		{Value: 3, Name: "Practitioner", Description: "You can: apply the skill without support; determine and use the most appropriate tools and techniques; share knowledge and experience of the skill"},
		{Value: 4, Name: "Expert", Description: "You can: lead and guide a team or organisation in the skill's best practice; teach the skill's advanced tools and techniques"},
	},
}

var ddatReader = Reader{Format: FormatDDaT, Detect: detectDDaT, Read: readDDaT}

// ddatKind says which download a file is, by its header row.
func ddatKind(data []byte) string {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	line, _, _ := bytes.Cut(data, []byte("\n"))
	line = bytes.TrimRight(line, "\r")
	switch {
	case bytes.HasPrefix(line, []byte(strings.Join(ddatRoleColumns[:5], ","))):
		return "role"
	case bytes.HasPrefix(line, []byte(strings.Join(ddatSkillColumns[:6], ","))):
		return "skill"
	}
	return ""
}

// detectDDaT accepts files that are all DDaT downloads, so that giving only
// one of the pair is read, and refused with a message saying what is missing.
func detectDDaT(files []File) bool {
	if len(files) == 0 || len(files) > 2 {
		return false
	}
	for _, f := range files {
		if ddatKind(f.Data) == "" {
			return false
		}
	}
	return true
}

func readDDaT(files []File) (*model.Framework, []string, error) {
	var role, skill *File
	for i := range files {
		switch ddatKind(files[i].Data) {
		case "role":
			if role != nil {
				return nil, nil, model.Errorf(model.Invalid, "%s and %s are both the DDaT \"Role content\" download; give it with the \"Skill description content\" download", role.Name, files[i].Name)
			}
			role = &files[i]
		case "skill":
			if skill != nil {
				return nil, nil, model.Errorf(model.Invalid, "%s and %s are both the DDaT \"Skill description content\" download; give it with the \"Role content\" download", skill.Name, files[i].Name)
			}
			skill = &files[i]
		default:
			return nil, nil, model.Errorf(model.Invalid, "%s: not a DDaT download (its first line is not the \"Role content\" or \"Skill description content\" header)", files[i].Name)
		}
	}
	switch {
	case role == nil:
		return nil, nil, model.Errorf(model.Invalid, "%s: DDaT needs both official downloads; the \"Role content\" CSV is missing", skill.Name)
	case skill == nil:
		return nil, nil, model.Errorf(model.Invalid, "%s: DDaT needs both official downloads; the \"Skill description content\" CSV is missing", role.Name)
	}
	return ReadDDaT(*role, *skill)
}

// ReadDDaT reads the official DDaT "Role content" and "Skill description
// content" CSVs as ddat@hXXXXXXXX, a version named from the files' content
// (contentVersion, as for every format without a version of its own) so
// that the same download always gets the same name: the files carry no date. The embedded ddat pack is made by this function too.
func ReadDDaT(role, skill File) (*model.Framework, []string, error) {
	version := contentVersion([]File{role, skill})
	f := &model.Framework{
		Ref:         model.FrameworkRef{ID: "ddat", Version: version},
		Name:        "Government Digital and Data Profession Capability Framework",
		ShortName:   "DDaT " + version,
		Publisher:   "Government Digital and Data (Department for Science, Innovation and Technology; formerly the Central Digital and Data Office)",
		SourceURL:   "https://ddat-capability-framework.service.gov.uk/",
		Licence:     "Open Government Licence v3.0",
		LicenceURL:  "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
		Attribution: DDaTAttribution,
		Notice:      ddatNotice,
		Scale:       cloneScale(ddatScale),
	}
	var warnings []string
	items, w, err := ddatSkills(skill)
	if err != nil {
		return nil, nil, err
	}
	warnings = append(warnings, w...)
	f.Items = items
	roles, w, err := ddatRoles(role, items)
	if err != nil {
		return nil, nil, err
	}
	warnings = append(warnings, w...)
	f.Roles = roles
	return f, warnings, nil
}

func cloneScale(s model.Scale) model.Scale {
	s.Levels = slices.Clone(s.Levels)
	return s
}

// csvTable is one CSV file read whole with its header checked.
type csvTable struct {
	name string
	rows [][]string
	line []int
}

func (t *csvTable) errorf(i int, format string, args ...any) error {
	return model.Errorf(model.Invalid, "%s line %d: %s", t.name, t.line[i], fmt.Sprintf(format, args...))
}

// readCSV reads a CSV file whose header must be want (names compared
// without surrounding space). Errors name the file and line.
func readCSV(f File, want []string) (*csvTable, error) {
	data := bytes.TrimPrefix(f.Data, []byte("\ufeff"))
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = len(want)
	r.ReuseRecord = false
	header, err := r.Read()
	if err != nil {
		return nil, csvError(f.Name, err)
	}
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	if !slices.Equal(header, want) {
		return nil, model.Errorf(model.Invalid, "%s line 1: columns are %q, want %q", f.Name, header, want)
	}
	t := &csvTable{name: f.Name}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvError(f.Name, err)
		}
		line, _ := r.FieldPos(0)
		t.rows = append(t.rows, rec)
		t.line = append(t.line, line)
	}
	if len(t.rows) == 0 {
		return nil, model.Errorf(model.Invalid, "%s: no rows after the header", f.Name)
	}
	return t, nil
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return model.Errorf(model.Invalid, "%s line %d, column %d: %v", name, pe.Line, pe.Column, pe.Err)
	}
	if errors.Is(err, io.EOF) {
		return model.Errorf(model.Invalid, "%s is empty", name)
	}
	return model.Wrap(model.Invalid, err, "%s", name)
}

// ddatSkills reads the skill download: one item per skill, defined at every
// level except those the file says are "currently not defined". A skill with
// no text at any level (those only Senior Civil Service roles need) is
// defined on the whole scale, as the role download requires it there.
func ddatSkills(file File) ([]model.Item, []string, error) {
	t, err := readCSV(file, ddatSkillColumns)
	if err != nil {
		return nil, nil, err
	}
	var warnings []string
	items := make([]model.Item, 0, len(t.rows))
	index := map[string]int{}
	for i, rec := range t.rows {
		name := strings.TrimSpace(rec[0])
		id := Slug(name)
		if id == "" {
			return nil, nil, t.errorf(i, "skill name %q has no letters or digits", rec[0])
		}
		if k, dup := index[id]; dup {
			return nil, nil, t.errorf(i, "skill %q has the same id %q as %q on line %d", name, id, items[k].Title, t.line[k])
		}
		index[id] = len(items)
		it := model.Item{ID: id, Title: name, Description: CleanText(rec[1])}
		if it.Description == ddatMissing {
			it.Description = ""
		}
		for l, lv := range ddatScale.Levels {
			text := CleanText(rec[2+l])
			switch text {
			case ddatUndefined:
				continue
			case "":
			default:
				it.Descriptors = append(it.Descriptors, model.Descriptor{Level: lv.Value, Text: text})
			}
			it.Levels = append(it.Levels, lv.Value)
		}
		switch {
		case len(it.Levels) == 0:
			return nil, nil, t.errorf(i, "skill %q: no level is defined (every level says %q)", name, ddatUndefined)
		case len(it.Descriptors) == 0:
			it.Note = ddatNoneNote
		case len(it.Descriptors) < len(it.Levels):
			warnings = append(warnings, fmt.Sprintf("%s line %d: skill %q has no text at some levels", t.name, t.line[i], name))
		}
		items = append(items, it)
	}
	return items, warnings, nil
}

// ddatRoles reads the role download: family -> role -> role level ->
// required skill levels. Roles keep file order; role levels are put in order
// of seniority by orderRoleLevels (the data has no order of its own).
func ddatRoles(file File, items []model.Item) ([]model.Role, []string, error) {
	t, err := readCSV(file, ddatRoleColumns)
	if err != nil {
		return nil, nil, err
	}
	const (
		cFamily = iota
		cRole
		cRoleDesc
		cLevel
		cLevelDesc
		cSkill
		_
		cSkillLevel
		cSkillLevelDesc
		cType
	)
	byID := make(map[string]*model.Item, len(items))
	for i := range items {
		byID[items[i].ID] = &items[i]
	}
	var warnings []string
	var roles []model.Role
	roleAt := map[[2]string]int{}
	type at struct{ role, level int }
	levelAt := map[[3]string]at{}
	levelIDs := map[string][3]string{}
	for i, rec := range t.rows {
		get := func(c int) string { return strings.TrimSpace(rec[c]) }
		fam, title, lvl := get(cFamily), get(cRole), get(cLevel)
		if fam == "" || title == "" {
			return nil, nil, t.errorf(i, "the role family and role are required")
		}
		r, ok := roleAt[[2]string{fam, title}]
		if !ok {
			id := Slug(fam) + "/" + Slug(title)
			if Slug(fam) == "" || Slug(title) == "" {
				return nil, nil, t.errorf(i, "role %q (%s) has no letters or digits in its name", title, fam)
			}
			for _, other := range roles {
				if other.ID == id {
					return nil, nil, t.errorf(i, "role %q (%s) has the same id %q as role %q", title, fam, id, other.Title)
				}
			}
			r = len(roles)
			roleAt[[2]string{fam, title}] = r
			roles = append(roles, model.Role{ID: id, Family: fam, Title: title, Description: CleanText(rec[cRoleDesc]), Type: get(cType)})
		}
		skill := get(cSkill)
		it, ok := byID[Slug(skill)]
		if !ok {
			return nil, nil, t.errorf(i, "skill %q is not in the skill download", skill)
		}
		if lvl == ddatRoleWide {
			if len(roles[r].Levels) > 0 || get(cSkillLevel) != ddatRoleWide {
				return nil, nil, t.errorf(i, "role %q: %q is only expected for roles without levels", title, ddatRoleWide)
			}
			if roles[r].Requirements, err = addRequirement(roles[r].Requirements, it.ID, model.NoneLevel); err != nil {
				return nil, nil, t.errorf(i, "role %q: %v", title, err)
			}
			continue
		}
		if lvl == "" {
			return nil, nil, t.errorf(i, "role %q: the role level is empty", title)
		}
		if len(roles[r].Requirements) > 0 {
			return nil, nil, t.errorf(i, "role %q has levels and also %q rows", title, ddatRoleWide)
		}
		a, ok := levelAt[[3]string{fam, title, lvl}]
		if !ok {
			id := roles[r].ID + "/" + Slug(lvl)
			if prev, dup := levelIDs[id]; dup || Slug(lvl) == "" {
				return nil, nil, t.errorf(i, "role level %q of %q has the id %q of role level %q", lvl, title, id, prev[2])
			}
			levelIDs[id] = [3]string{fam, title, lvl}
			a = at{r, len(roles[r].Levels)}
			levelAt[[3]string{fam, title, lvl}] = a
			roles[r].Levels = append(roles[r].Levels, model.RoleLevel{ID: id, Title: lvl, Description: CleanText(rec[cLevelDesc])})
		}
		v, ok := ddatLevelValue(get(cSkillLevel))
		if !ok {
			return nil, nil, t.errorf(i, "skill level %q is not one of Awareness, Working, Practitioner, Expert", get(cSkillLevel))
		}
		if !slices.Contains(it.Levels, v) {
			return nil, nil, t.errorf(i, "role level %q needs %q at %s, which the skill download says is not defined", lvl, skill, get(cSkillLevel))
		}
		if text, _ := it.Descriptor(v); text != CleanText(rec[cSkillLevelDesc]) && len(warnings) < MaxWarnings {
			warnings = append(warnings, fmt.Sprintf("%s line %d: the text of %q at %s differs from the skill download's; the skill download's is used", t.name, t.line[i], skill, get(cSkillLevel)))
		}
		rl := &roles[a.role].Levels[a.level]
		if rl.Requirements, err = addRequirement(rl.Requirements, it.ID, v); err != nil {
			return nil, nil, t.errorf(i, "role level %q: %v", lvl, err)
		}
	}
	for r := range roles {
		orderRoleLevels(roles[r].Title, roles[r].Levels)
	}
	return roles, warnings, nil
}

func ddatLevelValue(name string) (int, bool) {
	for _, l := range ddatScale.Levels {
		if l.Name == name {
			return l.Value, true
		}
	}
	return 0, false
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
