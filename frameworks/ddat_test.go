package frameworks_test

import (
	"encoding/csv"
	"errors"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gapwise/frameworks/internal/convert"
	"gapwise/internal/model"
)

const scsType = "Senior Civil Service"

// TestDDaTAgainstOfficialFile reads the official role download directly
// (not the derived CSVs the converter uses) and checks that every one of its
// rows is a requirement in the pack, with the same wording, and that the
// pack holds nothing else.
func TestDDaTAgainstOfficialFile(t *testing.T) {
	f := embedded(t, "ddat@2025-q3")
	file, err := os.Open("src/ddat/role_content_capability_framework.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	r := csv.NewReader(file)
	header, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}

	roles := map[[2]string]*model.Role{}
	for i := range f.Roles {
		roles[[2]string{f.Roles[i].Family, f.Roles[i].Title}] = &f.Roles[i]
	}
	items := map[string]*model.Item{}
	for i := range f.Items {
		items[f.Items[i].Title] = &f.Items[i]
	}

	rows, distinct := 0, map[[3]string]bool{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		rows++
		get := func(c string) string { return strings.TrimSpace(rec[col[c]]) }
		line, _ := r.FieldPos(0)
		role := roles[[2]string{get("Role Family"), get("Role")}]
		item := items[get("Skill Name")]
		if role == nil || item == nil {
			t.Errorf("line %d: role %q / skill %q not in the pack", line, get("Role"), get("Skill Name"))
			continue
		}
		if role.Type != get("Role Type") || role.Description != convert.CleanText(get("Role Description")) {
			t.Errorf("line %d: type or description of role %q differs from the official file", line, role.Title)
		}
		// The role file says MISSING where the skills file has no description.
		if want := convert.CleanText(get("Skill Description")); item.Description != want && !(want == "MISSING" && item.Description == "") {
			t.Errorf("line %d: description of skill %q differs from the official file", line, item.Title)
		}
		distinct[[3]string{role.ID, get("Role Level"), item.ID}] = true

		if get("Role Level") == "NOT IN USE" {
			if get("Skill Level") != "NOT IN USE" || !slices.Contains(role.Requirements, model.Requirement{Item: item.ID, Level: model.NoneLevel}) {
				t.Errorf("line %d: %s needs %s with no level stated; not in Role.Requirements", line, role.Title, item.Title)
			}
			continue
		}
		i := slices.IndexFunc(role.Levels, func(l model.RoleLevel) bool { return l.Title == get("Role Level") })
		if i < 0 {
			t.Errorf("line %d: role level %q not in the pack", line, get("Role Level"))
			continue
		}
		rl := role.Levels[i]
		level := slices.IndexFunc(f.Scale.Levels, func(l model.Level) bool { return l.Name == get("Skill Level") }) + 1
		if !slices.Contains(rl.Requirements, model.Requirement{Item: item.ID, Level: level}) {
			t.Errorf("line %d: %s needs %s at %s (%d); not in the pack", line, rl.Title, item.Title, get("Skill Level"), level)
		}
		if text, _ := item.Descriptor(level); text != convert.CleanText(rec[col["Skill Level Description"]]) {
			t.Errorf("line %d: %s at level %d: descriptor differs from the official file", line, item.Title, level)
		}
		if rl.Description != convert.CleanText(rec[col["Role Level Description"]]) {
			t.Errorf("line %d: description of %s differs from the official file", line, rl.Title)
		}
	}
	if rows != 1825 {
		t.Errorf("official file has %d rows, want 1825", rows)
	}
	// The official file repeats 16 rows word for word; the pack keeps one of each.
	if got := f.Counts().Requirements; got != len(distinct) || rows-len(distinct) != 16 {
		t.Errorf("pack has %d requirements; official file has %d distinct of %d rows (want 16 exact repeats)", got, len(distinct), rows)
	}
}

func TestDDaTStructure(t *testing.T) {
	f := embedded(t, "ddat@2025-q3")
	wantFamilies := []string{"Architecture", "Chief digital and data", "Data", "IT operations", "Product and delivery",
		"Quality assurance testing (QAT)", "Software development", "User-centred design"}
	if got := f.RoleFamilies(); !slices.Equal(got, wantFamilies) {
		t.Errorf("families = %q, want %q", got, wantFamilies)
	}
	if len(f.Groups) != 0 || len(f.GroupKinds) != 0 {
		t.Errorf("DDaT has no official skill groups; pack has %d groups, kinds %q", len(f.Groups), f.GroupKinds)
	}

	slug := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	// 60 skill-level cells of the official skill download say "This skill
	// level is currently not defined.": those levels do not exist for the
	// skill, like SFIA's missing levels, so they are neither ratable nor text.
	full, partial, none, undefined := 0, 0, 0, 0
	for _, it := range f.Items {
		if it.ID != convert.Slug(it.Title) || !slug.MatchString(it.ID) {
			t.Errorf("item %q: id is not the slug of its name", it.ID)
		}
		undefined += 4 - len(it.Levels)
		for _, d := range it.Descriptors {
			if strings.Contains(d.Text, "currently not defined") {
				t.Errorf("item %s: level %d is shown as %q", it.ID, d.Level, d.Text)
			}
		}
		switch len(it.Descriptors) {
		case 4:
			full++
		case len(it.Levels):
			partial++
		case 0:
			none++
			if it.Note == "" || !slices.Equal(it.Levels, []int{1, 2, 3, 4}) {
				t.Errorf("item %s has no level text: want levels 1-4 and a note saying why, got %v %q", it.ID, it.Levels, it.Note)
			}
		default:
			t.Errorf("item %s has %d descriptors at %d defined levels", it.ID, len(it.Descriptors), len(it.Levels))
		}
	}
	if full != 121 || partial != 45 || none != 22 || undefined != 60 {
		t.Errorf("%d skills with all four descriptors, %d with some levels undefined, %d with no text, %d undefined levels; want 121, 45, 22, 60",
			full, partial, none, undefined)
	}
	if it, ok := f.Item("ownership-and-initiative"); !ok || it.Title != "Ownership and initiative" || !slices.Equal(it.Levels, []int{1, 2, 3}) {
		t.Errorf("ownership-and-initiative = %+v; want the official name, defined at levels 1-3", it)
	}
	if _, ok := f.Item("ownership-and-topic"); ok {
		t.Error("the altered copy's ownership-and-topic is still in the pack")
	}
	if it, ok := f.Item("business-architecture"); !ok || it.Title != "Business architecture" {
		t.Error("no item business-architecture")
	}

	scs, roleWide, levelled := 0, 0, 0
	for _, r := range f.Roles {
		if !strings.HasPrefix(r.ID, convert.Slug(r.Family)+"/") {
			t.Errorf("role %s: id does not start with its family slug", r.ID)
		}
		if r.Type == scsType {
			scs++
			roleWide += len(r.Requirements)
			if len(r.Levels) != 0 {
				t.Errorf("SCS role %s has levels", r.ID)
			}
			for _, q := range r.Requirements {
				if q.Level != model.NoneLevel {
					t.Errorf("SCS role %s needs %s at level %d, want 0 (no level stated)", r.ID, q.Item, q.Level)
				}
			}
			continue
		}
		if len(r.Levels) == 0 || len(r.Requirements) != 0 {
			t.Errorf("role %s: %d levels, %d role-wide requirements", r.ID, len(r.Levels), len(r.Requirements))
		}
		for _, l := range r.Levels {
			levelled += len(l.Requirements)
			if !strings.HasPrefix(l.ID, r.ID+"/") {
				t.Errorf("role level %s is not under %s", l.ID, r.ID)
			}
		}
	}
	if scs != 4 || roleWide != 28 || levelled != 1781 {
		t.Errorf("%d SCS roles with %d role-wide requirements, %d role-level requirements; want 4, 28, 1781", scs, roleWide, levelled)
	}

	role, rl, ok := f.RoleLevel("data/data-analyst/senior-data-analyst")
	if !ok || role.ID != "data/data-analyst" || rl.Title != "Senior data analyst" {
		t.Error("role level data/data-analyst/senior-data-analyst not found")
	}
}

// TestDDaTRoleLevelOrder checks the seniority Gapwise derives from titles
// (the official data has none) on ladders a DDaT practitioner would know.
func TestDDaTRoleLevelOrder(t *testing.T) {
	f := embedded(t, "ddat@2025-q3")
	ladders := map[string][]string{
		"data/data-analyst": {"Associate data analyst", "Data analyst", "Senior data analyst", "Principal data analyst"},
		"product-and-delivery/business-analyst": {"Trainee business analyst", "Junior business analyst", "Business analyst",
			"Senior business analyst", "Lead business analyst", "Head of business analysis"},
		"architecture/business-architect": {"Trainee business architect", "Associate business architect", "Business architect", "Lead business architect"},
		"user-centred-design/service-designer": {"Associate service designer", "Junior service designer", "Service designer",
			"Senior service designer", "Lead service designer", "Head of service design"},
		"data/data-scientist": {"Trainee data scientist", "Associate data scientist", "Data scientist", "Lead data scientist",
			"Principal data scientist", "Head of data science"},
		"architecture/data-architect":        {"Data architect", "Senior data architect", "Chief data architect"},
		"it-operations/service-desk-manager": {"Service desk analyst", "Senior service desk analyst", "Service desk manager", "Head of service desk"},
		"it-operations/incident-manager":     {"Incident manager", "Major incident manager"},
		"software-development/software-developer": {"Apprentice developer", "Junior developer", "Developer", "Senior developer",
			"Senior developer - management", "Lead developer", "Lead developer - management", "Principal developer", "Principal developer - management"},
	}
	for id, want := range ladders {
		i := slices.IndexFunc(f.Roles, func(r model.Role) bool { return r.ID == id })
		if i < 0 {
			t.Errorf("no role %s", id)
			continue
		}
		var got []string
		for _, l := range f.Roles[i].Levels {
			got = append(got, l.Title)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s ladder:\n got  %q\n want %q", id, got, want)
		}
	}

	// Ranks are 1..n in order, and a more senior level never requires much
	// less than a more junior one. The largest inversion in the 2025 data is
	// data scientist: lead requires a mean of 4.0, head of data science 3.38.
	const tolerance = 0.75
	for _, r := range f.Roles {
		for i, l := range r.Levels {
			if l.Rank != i+1 {
				t.Errorf("%s: rank %d at position %d", l.ID, l.Rank, i+1)
			}
			for _, junior := range r.Levels[:i] {
				if d := convert.MeanRequiredLevel(junior) - convert.MeanRequiredLevel(l); d > tolerance {
					t.Errorf("%s (rank %d) requires %.2f levels less on average than %s (rank %d)", l.Title, l.Rank, d, junior.Title, junior.Rank)
				}
			}
		}
	}
}
