package catalogue

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gapwise/frameworks"
	"gapwise/internal/exchange/frameworkfile"
	"gapwise/internal/model"
)

// testFramework is a small framework with FCI-like item ids.
func testFramework() *model.Framework {
	return &model.Framework{
		Ref: model.FrameworkRef{ID: "fci", Version: "test"},
		Items: []model.Item{
			{ID: "1.1", Title: "Clinical concepts and language", Levels: []int{1, 2, 3, 4}},
			{ID: "1.2", Title: "Clinical Governance", Levels: []int{1, 2, 3, 4}},
			{ID: "2.1", Title: "Data quality", Levels: []int{1, 2, 3, 4}},
			{ID: "3.4", Title: "Leading change", Levels: []int{1, 2, 3, 4}},
		},
	}
}

func csvFile(name, text string) File { return File{Name: name, Data: []byte(text)} }

func TestReadCatalogue(t *testing.T) {
	f := testFramework()
	tests := []struct {
		name  string
		files []File
		want  []model.CatalogueEntry
	}{
		{"plain CSV, ids, several items by ; and ,", []File{csvFile("c.csv",
			"Title,Provider,URL,Activity type,Items\n"+
				"Safety case writing,NHS England,https://example.org/safety,Course,1.2; 3.4\n"+
				"Coding basics,,,e-learning,\"2.1,1.1\"\n")},
			[]model.CatalogueEntry{
				{Title: "Safety case writing", Provider: "NHS England", URL: "https://example.org/safety", Type: "Course", Items: []string{"1.2", "3.4"}},
				{Title: "Coding basics", Type: "e-learning", Items: []string{"1.1", "2.1"}},
			}},
		{"BOM, semicolons, header aliases in any case, items by title", []File{csvFile("c.csv",
			"\ufeffNAME;Supplier;Link;Type;Develops\n"+
				"Governance day;Trust L&D;http://intranet.example/gov;Workshop;clinical governance|1.2\n")},
			[]model.CatalogueEntry{{Title: "Governance day", Provider: "Trust L&D", URL: "http://intranet.example/gov", Type: "Workshop", Items: []string{"1.2"}}}},
		{"blank rows skipped, cells trimmed, wrapped title joined", []File{csvFile("c.csv",
			"title,items\n\n\"  Leading   \"\"change\"\"  \",3.4\n\"Two\nlines\",1.1\n")},
			[]model.CatalogueEntry{{Title: `Leading   "change"`, Items: []string{"3.4"}}, {Title: "Two lines", Items: []string{"1.1"}}}},
		{"XLSX with an instructions sheet", []File{xlsxFile(t, map[string][][]string{
			"Read me":   {{"This sheet explains the catalogue"}},
			"Catalogue": {{"Title", "Provider", "URL", "Type", "Items"}, {"Mentoring circle", "Faculty", "", "Mentoring", "3.4"}},
		})},
			[]model.CatalogueEntry{{Title: "Mentoring circle", Provider: "Faculty", Type: "Mentoring", Items: []string{"3.4"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read(tt.files, f)
			if err != nil {
				t.Fatal(err)
			}
			got := res.Catalogue.Entries
			if len(got) != len(tt.want) {
				t.Fatalf("got %d entries %+v, want %+v", len(got), got, tt.want)
			}
			for i := range got {
				if got[i].Title != tt.want[i].Title || got[i].Provider != tt.want[i].Provider || got[i].URL != tt.want[i].URL ||
					got[i].Type != tt.want[i].Type || strings.Join(got[i].Items, " ") != strings.Join(tt.want[i].Items, " ") {
					t.Errorf("entry %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
			if res.Catalogue.Framework != f.Ref {
				t.Errorf("framework %s, want %s", res.Catalogue.Framework, f.Ref)
			}
		})
	}
}

// Every refusal names the place (line or cell, and column) and what is wrong.
func TestReadCatalogueRefuses(t *testing.T) {
	f := testFramework()
	head := "Title,Provider,URL,Type,Items\n"
	tests := []struct {
		name, text string
		want       []string
	}{
		{"unknown item", head + "A,,,,1.1;9.9\n", []string{"c.csv line 2, column Items", `"9.9" is not an item of fci@test`}},
		{"missing title", head + "A,,,,1.1\n,P,,,1.2\n", []string{"c.csv line 3, column Title: no title"}},
		{"no items", head + "A,,,,\n", []string{"line 2, column Items: names no item"}},
		{"ftp address", head + "A,,ftp://x.example/f,,1.1\n", []string{"line 2, column URL", "http:// or https://"}},
		{"javascript address", head + "A,,javascript:alert(1),,1.1\n", []string{"line 2, column URL", "http:// or https://"}},
		{"address with a password", head + "A,,https://nhs.uk:x@evil.example/,,1.1\n", []string{"column URL", "user name or password"}},
		{"address with a space", head + "A,,https://a.example/x y,,1.1\n", []string{"column URL", "is not a web address"}},
		{"no host", head + "A,,https:///path,,1.1\n", []string{"column URL", "names no web site"}},
		{"duplicate row", head + "A,P,,,1.1\na,p,,,1.2\n", []string{"c.csv line 3: the same entry as c.csv line 2"}},
		{"right-to-left override", head + "A\u202egnp.exe,,,,1.1\n", []string{"line 2, column Title holds", "U+202E"}},
		{"zero-width space in provider", head + "A,N\u200bHS,,,1.1\n", []string{"line 2, column Provider holds", "U+200B"}},
		{"title too long", head + strings.Repeat("x", MaxTitleLen+1) + ",,,,1.1\n", []string{"column Title: 301 characters; at most 300"}},
		{"not UTF-8", head + "Caf\xe9,,,,1.1\n", []string{"not UTF-8"}},
		{"no items column", "Title,Provider\nA,B\n", []string{"no column of the items each entry develops"}},
		{"not a catalogue", "name,description\nA,B\n", []string{"is not a learning catalogue"}},
		{"header only", head, []string{"has a header but no entries"}},
		{"empty", "", []string{"is empty"}},
		{"JSON", "\ufeff [{\"name\": \"A\"}]", []string{"c.csv is JSON; a learning catalogue is a CSV or XLSX file"}},
		{"several problems listed", head + ",,,,1.1\nB,,,,7\n", []string{"line 2, column Title: no title", "line 3, column Items"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read([]File{csvFile("c.csv", tt.text)}, f)
			if err == nil {
				t.Fatal("accepted")
			}
			if model.KindOf(err) != model.Invalid {
				t.Errorf("kind of %v is not Invalid", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
	t.Run("too many entries", func(t *testing.T) {
		var b strings.Builder
		b.WriteString(head)
		for i := 0; i <= MaxEntries; i++ {
			b.WriteString("E" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + ",,,,1.1\n")
		}
		_, err := Read([]File{csvFile("c.csv", b.String())}, f)
		if err == nil || !strings.Contains(err.Error(), "at most 5000") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("oversize file", func(t *testing.T) {
		_, err := Read([]File{{Name: "big.csv", Data: make([]byte, MaxFileSize+1)}}, f)
		if err == nil || !strings.Contains(err.Error(), "big.csv is larger than 16 MB") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("XLSX cell named", func(t *testing.T) {
		x := xlsxFile(t, map[string][][]string{"Courses": {{"Title", "Items"}, {"A", "1.1"}, {"B", "nope"}}})
		_, err := Read([]File{x}, f)
		if err == nil || !strings.Contains(err.Error(), `c.xlsx, sheet "Courses", cell B3 (Items): "nope" is not an item`) {
			t.Fatalf("err = %v", err)
		}
	})
}

// DIRECT's own tables, as published: learning resources linked to skills by
// skill.csv, providers named by provider.csv; resources no skill links to
// are left out with a warning.
func TestReadDirect(t *testing.T) {
	dir := "../frameworkfile/testdata/direct/"
	read := func(names ...string) []File {
		var out []File
		for _, n := range names {
			data, err := os.ReadFile(filepath.Join(dir, n))
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, File{Name: n, Data: data})
		}
		return out
	}
	fwFiles := read("DIRECT-framework-all-in-one.csv", "skill_level.csv", "LICENSE.md")
	fr, err := frameworkfile.Read(fwFiles, frameworkfile.FormatDirectCSV)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Read(read("learning_resource.csv", "skill.csv", "provider.csv"), fr.Framework)
	if err != nil {
		t.Fatal(err)
	}
	entries := res.Catalogue.Entries
	if len(entries) != 135 {
		t.Errorf("%d entries, want the 135 resources skills link to", len(entries))
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "72 entries are left out") {
		t.Errorf("warnings %q", res.Warnings)
	}
	var git *model.CatalogueEntry
	for i := range entries {
		if entries[i].Title == "Databases and SQL by The Carpentries" {
			git = &entries[i]
		}
	}
	if git == nil || git.Provider != "The Carpentries" || git.URL != "https://swcarpentry.github.io/sql-novice-survey/" || strings.Join(git.Items, " ") != "data-and-database-query-languages" {
		t.Fatalf("Databases and SQL read as %+v", git)
	}
	// The resources table alone says which table it needs.
	_, err = Read(read("learning_resource.csv"), fr.Framework)
	if err == nil || !strings.Contains(err.Error(), "give DIRECT's skill.csv with it") {
		t.Errorf("resources alone: %v", err)
	}
	// Against another framework, the skills are not its items.
	_, err = Read(read("learning_resource.csv", "skill.csv"), testFramework())
	if err == nil || !strings.Contains(err.Error(), "skill.csv line 5, column slug") {
		t.Errorf("wrong framework: %v", err)
	}
}

// xlsxFile makes a workbook named c.xlsx with the given sheets.
func xlsxFile(t *testing.T, sheets map[string][][]string) File {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	first := true
	for name, rows := range sheets {
		if first {
			if err := x.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
			first = false
		} else if _, err := x.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := x.SetCellStr(name, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return File{Name: "c.xlsx", Data: buf.Bytes()}
}

// The sample catalogue shipped in frameworks/templates reads against the
// built-in FCI pack, every entry linked.
func TestSampleCatalogueReads(t *testing.T) {
	data, err := os.ReadFile("../../../frameworks/templates/sample-learning-catalogue-fci.csv")
	if err != nil {
		t.Fatal(err)
	}
	packs, err := frameworks.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range packs {
		if p.Framework.Ref.ID != "fci" {
			continue
		}
		res, err := Read([]File{{Name: "sample-learning-catalogue-fci.csv", Data: data}}, p.Framework)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Catalogue.Entries) != 15 || len(res.Warnings) != 0 {
			t.Errorf("%d entries, warnings %q", len(res.Catalogue.Entries), res.Warnings)
		}
		for _, e := range res.Catalogue.Entries {
			if !strings.Contains(e.Provider, "(sample)") || model.ActivityFor(e.Type) == "" {
				t.Errorf("entry %q: provider %q, type %q (no plan activity)", e.Title, e.Provider, e.Type)
			}
		}
		return
	}
	t.Fatal("no FCI pack")
}
