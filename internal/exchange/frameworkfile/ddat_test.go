package frameworkfile_test

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"gapwise/frameworks"
	"gapwise/internal/exchange/frameworkfile"
	"gapwise/internal/model"
)

// The official downloads, as committed with the embedded pack's sources.
const (
	ddatRolePath  = "../../../frameworks/src/ddat/role_content_capability_framework.csv"
	ddatSkillPath = "../../../frameworks/src/ddat/skill_description_content_capability_framework.csv"
)

func ddatFiles(t testing.TB) (role, skill frameworkfile.File) {
	t.Helper()
	r, err := os.ReadFile(ddatRolePath)
	if err != nil {
		t.Fatal(err)
	}
	s, err := os.ReadFile(ddatSkillPath)
	if err != nil {
		t.Fatal(err)
	}
	return frameworkfile.File{Name: "Role content.csv", Data: r}, frameworkfile.File{Name: "Skill description content.csv", Data: s}
}

func embeddedPack(t testing.TB, ref string) *model.Framework {
	t.Helper()
	packs, err := frameworks.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range packs {
		if p.Framework.Ref.String() == ref {
			return p.Framework
		}
	}
	t.Fatalf("no embedded %s", ref)
	return nil
}

// TestReadDDaTOfficialPair: the two official downloads, in either order and
// detected by content, read as the embedded pack's content under a version
// named from the files' hash.
func TestReadDDaTOfficialPair(t *testing.T) {
	role, skill := ddatFiles(t)
	want := embeddedPack(t, "ddat@2025-q3")
	for _, files := range [][]frameworkfile.File{{role, skill}, {skill, role}} {
		res, err := frameworkfile.Read(files, "")
		if err != nil {
			t.Fatal(err)
		}
		f := res.Framework
		if res.Format != frameworkfile.FormatDDaT || f.Ref.ID != "ddat" || !strings.HasPrefix(f.Ref.Version, "h") || len(f.Ref.Version) != 9 || !res.VersionFromContent {
			t.Fatalf("read as %s %s", res.Format, f.Ref)
		}
		if len(res.Missing) != 0 || len(res.Warnings) != 0 {
			t.Errorf("missing %q, warnings %q", res.Missing, res.Warnings)
		}
		if !reflect.DeepEqual(f.Items, want.Items) || !reflect.DeepEqual(f.Roles, want.Roles) || !reflect.DeepEqual(f.Scale, want.Scale) {
			t.Error("the imported download differs from the embedded pack made from the same files")
		}
		if f.Licence != want.Licence || f.Attribution != want.Attribution {
			t.Errorf("licence %q / attribution %q", f.Licence, f.Attribution)
		}
	}
}

func TestReadDDaTRefuses(t *testing.T) {
	role, skill := ddatFiles(t)
	edit := func(f frameworkfile.File, old, new string) frameworkfile.File {
		if !bytes.Contains(f.Data, []byte(old)) {
			t.Fatalf("%s holds no %q", f.Name, old)
		}
		return frameworkfile.File{Name: f.Name, Data: bytes.Replace(f.Data, []byte(old), []byte(new), 1)}
	}
	tests := []struct {
		name  string
		files []frameworkfile.File
		want  string
	}{
		{"role file alone", []frameworkfile.File{role}, `the "Skill description content" CSV is missing`},
		{"skill file alone", []frameworkfile.File{skill}, `the "Role content" CSV is missing`},
		{"role file twice", []frameworkfile.File{role, role}, `are both the DDaT "Role content" download`},
		{"bare quote", []frameworkfile.File{role, edit(skill, "Accessibility,", `Accessibility,"x"y,`)}, "Skill description content.csv line 2, column"},
		{"unknown skill", []frameworkfile.File{edit(role, ",Business architecture,", ",Business archery,"), skill}, `Role content.csv line 2: skill "Business archery" is not in the skill download`},
		{"unknown level", []frameworkfile.File{edit(role, ",Practitioner,", ",Guru,"), skill}, `skill level "Guru" is not one of`},
		{"duplicate skill", []frameworkfile.File{role, edit(skill, "\nAdapting to delivery methodologies,", "\nAccessibility,")}, `has the same id "accessibility" as "Accessibility" on line 2`},
		{"level needed that is not defined", []frameworkfile.File{role,
			edit(skill, "Accessibility,\"Accessibility involves ensuring your service can be used by as many people as possible, including those with impaired vision, motor difficulties, cognitive impairments, learning disabilities and deafness.\",\"You can:\n- understand accessibility and that users have different accessibility needs\n- help fix accessibility issues under the direction of others\"",
				"Accessibility,\"Accessibility involves.\",\"This skill level is currently not defined.\"")},
			`role level "Apprentice frontend developer" needs "Accessibility" at Awareness, which the skill download says is not defined`},
		{"header only", []frameworkfile.File{role, {Name: "s.csv", Data: []byte("Skill Name,Skill Description,Awareness,Working,Practitioner,Expert,Roles that require Skill\n")}}, "s.csv: no rows after the header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := frameworkfile.Read(tt.files, "")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if model.KindOf(err) != model.Invalid {
				t.Errorf("kind %v", model.KindOf(err))
			}
		})
	}
}

// TestReadDDaTAlteredCopy reads the third party's altered copy (every
// "initiative" made "topic"): it is a valid download, and its skill gets the
// altered name's id, which is why the embedded pack needed correcting.
func TestReadDDaTAlteredCopy(t *testing.T) {
	role, skill := ddatFiles(t)
	alter := func(f frameworkfile.File) frameworkfile.File {
		return frameworkfile.File{Name: f.Name, Data: bytes.ReplaceAll(bytes.ReplaceAll(f.Data, []byte("initiative"), []byte("topic")), []byte("Initiative"), []byte("Topic"))}
	}
	res, err := frameworkfile.Read([]frameworkfile.File{alter(role), alter(skill)}, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := res.Framework.Item("ownership-and-topic"); !ok {
		t.Error("no ownership-and-topic in the altered copy")
	}
	orig, _ := frameworkfile.Read([]frameworkfile.File{role, skill}, "")
	if res.Framework.Ref == orig.Framework.Ref {
		t.Error("different downloads got the same version")
	}
}
