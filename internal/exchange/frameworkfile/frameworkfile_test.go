package frameworkfile_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"gapwise/internal/exchange/frameworkfile"
	"gapwise/internal/model"
)

func readFiles(t *testing.T, paths ...string) []frameworkfile.File {
	t.Helper()
	files, err := frameworkfile.ReadPaths(paths)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

const minimalPack = `{"format": "gapwise.pack", "format_version": 1, "id": "acme", "version": "1",
 "name": "Acme skills", "publisher": "Acme NHS Trust", "licence": "Internal use only", "provisional": false,
 "scale": {"levels": [{"value": 1, "name": "Aware"}, {"value": 2, "name": "Able"}]},
 "items": [{"id": "DQ1", "title": "Checking data quality", "levels": [1, 2]}]}`

func TestReadPack(t *testing.T) {
	tests := []struct {
		name    string
		files   []frameworkfile.File
		format  frameworkfile.Format
		wantRef string
		wantErr string
	}{
		{"embedded sfia 9", readFiles(t, "../../../frameworks/packs/sfia@9.json"), "", "sfia@9", ""},
		{"embedded ddat, named format", readFiles(t, "../../../frameworks/packs/ddat@2025-q3.json"), frameworkfile.FormatPack, "ddat@2025-q3", ""},
		{"minimal with BOM", []frameworkfile.File{{Name: "acme.json", Data: []byte("\ufeff" + minimalPack)}}, "", "acme@1", ""},
		{"unknown field", []frameworkfile.File{{Name: "acme.json", Data: []byte(strings.Replace(minimalPack, `"publisher"`, `"publsher"`, 1))}},
			"", "", `acme.json: pack: line 2, column 25: unknown field "publsher"`},
		{"empty", []frameworkfile.File{{Name: "e.json", Data: nil}}, "", "", "e.json is empty"},
		{"not a framework", []frameworkfile.File{{Name: "notes.txt", Data: []byte("hello")}}, "", "", "notes.txt: not a framework file"},
		{"unknown format", []frameworkfile.File{{Name: "a.json", Data: []byte(minimalPack)}}, "xml", "", `unknown framework format "xml"`},
		{"no files", nil, "", "", "no framework file given"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := frameworkfile.Read(tt.files, tt.format)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				if model.KindOf(err) != model.Invalid {
					t.Errorf("kind = %v, want invalid input", model.KindOf(err))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.Framework.Ref.String() != tt.wantRef || res.Format != frameworkfile.FormatPack {
				t.Errorf("got %s (%s), want %s (gapwise-pack)", res.Framework.Ref, res.Format, tt.wantRef)
			}
		})
	}
}

func TestApply(t *testing.T) {
	// A pack always carries a licence; a reader for a format without one
	// leaves it empty, which Read reports as missing rather than refuses.
	res, err := frameworkfile.Read([]frameworkfile.File{{Name: "a.json", Data: []byte(minimalPack)}}, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Missing) != 1 || res.Missing[0] != "attribution" {
		t.Errorf("missing = %q, want [attribution]", res.Missing)
	}
	if err := res.Apply(frameworkfile.Options{Licence: "CC BY 4.0"}); err == nil || !strings.Contains(err.Error(), "gives its own licence") {
		t.Errorf("replacing the file's licence: err = %v", err)
	}
	if err := res.Apply(frameworkfile.Options{As: model.FrameworkRef{ID: "acme", Version: "2-local"}, Attribution: "From Acme."}); err != nil {
		t.Fatal(err)
	}
	if f := res.Framework; f.Ref.String() != "acme@2-local" || f.Attribution != "From Acme." {
		t.Errorf("after apply: %s %q", f.Ref, f.Attribution)
	}
	if err := res.Apply(frameworkfile.Options{As: model.FrameworkRef{ID: "Acme", Version: "1"}}); err == nil {
		t.Error("an invalid id was accepted")
	}
}

func TestReadPathsRefuses(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	big := filepath.Join(dir, "big.csv")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(frameworkfile.MaxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, tt := range []struct{ path, want string }{
		{fifo, "is a named pipe (FIFO), not a file"},
		{dir, "is a folder, not a file"},
		{big, "a framework file is at most 64 MiB"},
		{filepath.Join(dir, "missing.csv"), "does not exist"},
	} {
		_, err := frameworkfile.ReadPaths([]string{tt.path})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.path, err, tt.want)
		}
	}
}

func TestSplit(t *testing.T) {
	role, skill := ddatFiles(t)
	pack := frameworkfile.File{Name: "acme.json", Data: []byte(minimalPack)}
	other := frameworkfile.File{Name: "notes.txt", Data: []byte("hello")}
	tests := []struct {
		name  string
		files []frameworkfile.File
		want  [][]string
	}{
		{"ddat pair", []frameworkfile.File{role, skill}, [][]string{{role.Name, skill.Name}}},
		{"pack between the pair", []frameworkfile.File{role, pack, skill}, [][]string{{role.Name, skill.Name}, {pack.Name}}},
		{"two packs", []frameworkfile.File{pack, pack}, [][]string{{pack.Name}, {pack.Name}}},
		{"unknown file alone", []frameworkfile.File{pack, other}, [][]string{{pack.Name}, {other.Name}}},
		{"two role files", []frameworkfile.File{role, role}, [][]string{{role.Name, role.Name}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got [][]string
			for _, g := range frameworkfile.Split(tt.files, "") {
				var names []string
				for _, f := range g {
					names = append(names, f.Name)
				}
				got = append(got, names)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Split = %q, want %q", got, tt.want)
			}
		})
	}
}
