package xlsx

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"
)

// realFiles are the .xlsx files of the repository and the shared format
// samples: spreadsheets written by Excel and by excelize.
func realFiles(t testing.TB) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{
		"../../frameworks/templates/*.xlsx",
		"../exchange/frameworkfile/testdata/*/*.xlsx",
		"../exchange/frameworkfile/testdata/*.xlsx",
		"../../../shared/formats/*/*.xlsx",
		"/work/shared/formats/*/*.xlsx",
	} {
		m, _ := filepath.Glob(pattern)
		for _, f := range m {
			if !slices.ContainsFunc(files, func(g string) bool { return filepath.Base(g) == filepath.Base(f) }) {
				files = append(files, f)
			}
		}
	}
	if len(files) < 2 {
		t.Fatalf("found only %v", files)
	}
	return files
}

// excelizeRows is what excelize reads from data, sheet by sheet.
func excelizeRows(t testing.TB, data []byte) ([]string, [][][]string, string) {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	var all [][][]string
	names := x.GetSheetList()
	for _, s := range names {
		rows, err := x.GetRows(s)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, rows)
	}
	modified := ""
	if p, err := x.GetDocProps(); err == nil {
		modified = p.Modified
	}
	return names, all, modified
}

func sameRows(a, b [][]string) bool {
	return slices.EqualFunc(a, b, func(x, y []string) bool { return len(x) == 0 && len(y) == 0 || slices.Equal(x, y) })
}

// Every real workbook reads as excelize reads it: the same sheets, in the
// same order, with the same text in every cell.
func TestReadsRealFilesAsExcelize(t *testing.T) {
	for _, f := range realFiles(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			b, err := Read(data, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			names, rows, modified := excelizeRows(t, data)
			if len(b.Sheets) != len(names) {
				t.Fatalf("%d sheets; excelize reads %d", len(b.Sheets), len(names))
			}
			cells := 0
			for i, s := range b.Sheets {
				if s.Name != names[i] {
					t.Errorf("sheet %d is %q; excelize reads %q", i, s.Name, names[i])
				}
				if !sameRows(s.Rows, rows[i]) {
					t.Errorf("sheet %q differs from excelize's reading:\n got %q\nwant %q", s.Name, s.Rows, rows[i])
				}
				for _, r := range s.Rows {
					cells += len(r)
				}
			}
			if b.Modified != modified {
				t.Errorf("modified %q; excelize reads %q", b.Modified, modified)
			}
			if cells == 0 {
				t.Error("no cells read")
			}
		})
	}
}
