package frameworkfile_test

import (
	"strings"
	"testing"

	"gapwise/internal/exchange/frameworkfile"
	"gapwise/internal/model"
)

// FuzzReadPack feeds arbitrary bytes to detection and to the pack reader: no
// panic, and anything refused is the user's input error, never internal.
func FuzzReadPack(f *testing.F) {
	f.Add([]byte(minimalPack))
	f.Add([]byte(`{"format":"gapwise.pack"}`))
	f.Add([]byte("\ufeff{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		files := []frameworkfile.File{{Name: "f.json", Data: data}}
		for _, format := range []frameworkfile.Format{"", frameworkfile.FormatPack} {
			res, err := frameworkfile.Read(files, format)
			if err != nil {
				if k := model.KindOf(err); k != model.Invalid {
					t.Fatalf("kind %v for %v", k, err)
				}
				continue
			}
			if res.Framework == nil || len(res.Framework.Items) == 0 {
				t.Fatal("a framework with no items was accepted")
			}
		}
	})
}

// FuzzReadDDaT mutates the skill download beside the real role download:
// the reader refuses bad input as the user's error and never panics.
func FuzzReadDDaT(f *testing.F) {
	role, skill := ddatFiles(f)
	f.Add(skill.Data[:4000])
	f.Add([]byte("Skill Name,Skill Description,Awareness,Working,Practitioner,Expert,Roles that require Skill\nA,\"b\nc\",,,,,x\n"))
	f.Add([]byte("Skill Name,Skill Description,Awareness,Working,Practitioner,Expert,Roles that require Skill\r\n\"unterminated"))
	small := frameworkfile.File{Name: role.Name, Data: []byte(strings.Join(strings.SplitAfterN(string(role.Data), "\nArchitecture,Business architect,", 3)[:2], ""))}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, r := range []frameworkfile.File{small, {Name: "r.csv", Data: data}} {
			files := []frameworkfile.File{r, {Name: "s.csv", Data: data}}
			if _, err := frameworkfile.Read(files, ""); err != nil && model.KindOf(err) != model.Invalid {
				t.Fatalf("kind %v for %v", model.KindOf(err), err)
			}
		}
	})
}
