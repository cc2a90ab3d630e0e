package frameworks_test

import (
	"bytes"
	"strings"
	"testing"

	"gapwise/frameworks"
	"gapwise/internal/model"
)

// TestValidate breaks a valid pack one rule at a time and checks that the
// message tells a pack author exactly what is wrong and where.
func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(f *model.Framework)
		want   string
	}{
		{"valid", func(*model.Framework) {}, ""},
		{"id", func(f *model.Framework) { f.Ref.ID = "Acme" }, `id "Acme" must start with a lower-case letter`},
		{"version", func(f *model.Framework) { f.Ref.Version = "1@2" }, `version "1@2" must start`},
		{"name", func(f *model.Framework) { f.Name = " " }, "pack acme@1: name is missing"},
		{"licence", func(f *model.Framework) { f.Licence = "" }, "licence is missing"},
		{"provisional note", func(f *model.Framework) { f.Provisional = true }, "provisional_note is missing"},
		{"empty scale", func(f *model.Framework) { f.Scale.Levels = nil }, "scale has no levels"},
		{"scale order", func(f *model.Framework) { f.Scale.Levels[1].Value = 5 }, "scale: level 2 comes after level 5"},
		{"negative level", func(f *model.Framework) { f.Scale.Levels[0].Value = -1 }, "scale: level -1 is negative"},
		{"unnamed level", func(f *model.Framework) { f.Scale.Levels[2].Name = "" }, "scale: level 2 has no name"},
		{"duplicate kind", func(f *model.Framework) { f.GroupKinds[1] = "domain" }, `group_kinds: "domain" is listed twice`},
		{"duplicate group", func(f *model.Framework) { f.Groups[1].ID = "data" }, `group id "data" is used twice`},
		{"group kind", func(f *model.Framework) { f.Groups[1].Kind = "topic" }, `group "data.quality": kind "topic" is not one of group_kinds`},
		{"missing parent", func(f *model.Framework) { f.Groups[1].Parent = "" }, `group "data.quality": parent "" does not exist`},
		{"outer with parent", func(f *model.Framework) { f.Groups[0].Parent = "data.quality" }, `group "data": a domain is outermost`},
		{"no items", func(f *model.Framework) { f.Items = nil; f.Roles = nil }, "pack has no items"},
		{"item id", func(f *model.Framework) { f.Items[0].ID = "DQ 1" }, `item 1: id "DQ 1" must start`},
		{"duplicate item", func(f *model.Framework) { f.Items[1].ID = "DQ1" }, `item id "DQ1" is used twice`},
		{"item title", func(f *model.Framework) { f.Items[0].Title = "" }, `item "DQ1": title is missing`},
		{"item group", func(f *model.Framework) { f.Items[0].Group = "nope" }, `item "DQ1": group "nope" does not exist`},
		{"ungrouped item", func(f *model.Framework) { f.Items[0].Group = "" }, `item "DQ1": group is missing`},
		{"item level off scale", func(f *model.Framework) { f.Items[0].Levels = []int{1, 2, 9} }, `item "DQ1": level 9 is not on the scale`},
		{"item levels order", func(f *model.Framework) { f.Items[0].Levels = []int{2, 1, 3} }, `item "DQ1": level 1 comes after level 2`},
		{"item without levels", func(f *model.Framework) { f.Items[1].Levels = nil }, `item "DQ2": no levels`},
		{"descriptor at undefined level", func(f *model.Framework) {
			f.Items[0].Levels = []int{1, 2}
		}, `item "DQ1": descriptor for level 3, but the item is not defined at level 3`},
		{"descriptor order", func(f *model.Framework) {
			f.Items[0].Descriptors[0].Level, f.Items[0].Descriptors[1].Level = 3, 1
		}, `item "DQ1": descriptor for level 1 comes after level 3`},
		{"descriptor text", func(f *model.Framework) { f.Items[0].Descriptors[0].Text = "\n" }, `item "DQ1": descriptor for level 1 has no text`},
		{"related missing", func(f *model.Framework) { f.Items[1].Related = []string{"DQ9"} }, `item "DQ2": related: item "DQ9" does not exist`},
		{"related self", func(f *model.Framework) { f.Items[1].Related = []string{"DQ2"} }, `item "DQ2": related: lists the item itself`},
		{"related twice", func(f *model.Framework) { f.Items[1].Related = []string{"DQ1", "DQ1"} }, `item "DQ2": related: item "DQ1" is listed twice`},
		{"related forward", func(f *model.Framework) { f.Items[0].Related = []string{"DQ2"} }, ""},
		{"resource title", func(f *model.Framework) { f.Items[1].Resources[1].Title = " " }, `item "DQ2": resource 2: title is missing`},
		{"role id", func(f *model.Framework) { f.Roles[0].ID = "data//analyst" }, `role 1: id "data//analyst"`},
		{"duplicate role", func(f *model.Framework) { f.Roles[1].ID = "data/analyst" }, `role id "data/analyst" is used twice`},
		{"duplicate role level", func(f *model.Framework) {
			f.Roles[0].Levels[1].ID = "data/analyst/junior"
		}, `role level id "data/analyst/junior" is used twice`},
		{"rank order", func(f *model.Framework) { f.Roles[0].Levels[1].Rank = 1 }, `role "data/analyst": level "data/analyst/senior" (rank 1) comes after "data/analyst/junior" (rank 1)`},
		{"unknown required item", func(f *model.Framework) {
			f.Roles[0].Levels[0].Requirements[0].Item = "DQ9"
		}, `role level "data/analyst/junior": requires item "DQ9", which does not exist`},
		{"required level undefined", func(f *model.Framework) {
			f.Roles[0].Levels[0].Requirements[0].Level = 0
			f.Roles[0].Levels[1].Requirements[1].Level = 4
		}, `role level "data/analyst/senior": requires item "DQ2" at level 4, where it is not defined`},
		{"required twice", func(f *model.Framework) {
			f.Roles[1].Requirements = append(f.Roles[1].Requirements, model.Requirement{Item: "DQ2", Level: 1})
		}, `role "data/chief": requires item "DQ2" twice`},
		{"attribute level", func(f *model.Framework) { f.Attributes[0].Levels[1].Level = 8 }, `attribute "AUTO": level 8 is not on the scale`},
		{"attribute code", func(f *model.Framework) { f.Attributes = append(f.Attributes, f.Attributes[0]) }, `attribute code "AUTO" is used twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := smallPack()
			tt.break_(f)
			err := frameworks.Validate(f)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate accepted the pack; want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) || model.KindOf(err) != model.Invalid {
				t.Errorf("Validate = %v (%v)\nwant %q (invalid input)", err, model.KindOf(err), tt.want)
			}
			// Encode refuses what Validate refuses, so no broken pack is written.
			if _, err := frameworks.Encode(f); err == nil {
				t.Error("Encode accepted an invalid pack")
			}
		})
	}
	if err := frameworks.Validate(nil); model.KindOf(err) != model.Invalid {
		t.Errorf("Validate(nil) = %v", err)
	}
}

// TestParse covers what can go wrong in a file before validation.
func TestParse(t *testing.T) {
	valid := smallPackJSON(t)
	replace := func(old, new string) []byte {
		if !bytes.Contains(valid, []byte(old)) {
			t.Fatalf("small pack lacks %q", old)
		}
		return bytes.Replace(valid, []byte(old), []byte(new), 1)
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "pack: the file is empty"},
		{"truncated", valid[:len(valid)/2], "pack: the JSON ends too early"},
		{"syntax", replace(`"name": "Acme`, `"name": Acme`), "pack: invalid JSON at line 6, column 11"},
		{"unknown field", replace(`"publisher"`, `"publsher"`), `pack: line 8, column 3: unknown field "publsher"`},
		{"wrong type", replace(`"value": 1,`, `"value": "1",`), "field scale.levels.value must be a whole number, not a JSON string"},
		{"trailing data", append(append([]byte{}, valid...), "{}"...), "unexpected data after the JSON object"},
		{"not an object", []byte(`[1, 2]`), "must be an object, not a JSON array"},
		{"format", replace(`"gapwise.pack"`, `"gapwise.assessment"`), `pack: format is "gapwise.assessment", want "gapwise.pack"`},
		{"format version", replace(`"format_version": 1`, `"format_version": 2`), "format_version 2 is not supported"},
		{"validation", replace(`"levels": [
        1,`, `"levels": [
        9,`), `pack acme@1: item "DQ1": level 9 is not on the scale`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := frameworks.Parse(tt.data)
			if err == nil || !strings.Contains(err.Error(), tt.want) || model.KindOf(err) != model.Invalid {
				t.Errorf("Parse = %v (%v)\nwant %q (invalid input)", err, model.KindOf(err), tt.want)
			}
		})
	}

	f, err := frameworks.Parse(valid)
	if err != nil {
		t.Fatalf("Parse(valid): %v", err)
	}
	if _, err := frameworks.Parse(append([]byte("\ufeff"), valid...)); err != nil {
		t.Errorf("Parse with a byte-order mark: %v", err)
	}
	if again, _ := frameworks.Encode(f); !bytes.Equal(again, valid) {
		t.Error("Encode(Parse(x)) != x for the small pack")
	}
	// The optional item links are written, and read back into the model.
	for _, want := range []string{`"related": [`, `"resources": [`, `"provider": "Acme Academy"`, `"kind": "tool"`} {
		if !bytes.Contains(valid, []byte(want)) {
			t.Errorf("encoded small pack lacks %s", want)
		}
	}
	if it, _ := f.Item("DQ2"); len(it.Related) != 1 || len(it.Resources) != 2 || it.Resources[0].URL != "https://example.org/dq" {
		t.Errorf("DQ2 read back as related %v, resources %+v", it.Related, it.Resources)
	}
}
