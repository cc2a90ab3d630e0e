package gapwise_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The layering rules of docs/architecture.md: third-party libraries stay in
// the one place that owns them, so domain code tests fast without cgo and a
// library can be replaced in one package.
var importRules = []struct {
	prefix  string   // import path prefix
	allowed []string // directories (and their subtrees) that may import it
}{
	{"fyne.io/", []string{"ui", "cmd/gapwise"}},
	{"modernc.org/sqlite", []string{"internal/store"}},
	{"codeberg.org/go-pdf/", []string{"internal/report"}},
}

// testOnly are libraries that only tests may import: excelize proves that
// internal/xlsx's workbooks read back in an independent implementation,
// but its package initialisation cost every command 2 ms (issue 12).
var testOnly = []string{"github.com/xuri/excelize"}

// ownRules keep Gapwise's own layers apart: screens reach data only through
// the workspace, and documents and file formats take model values, never a
// database, so each can be tested (and replaced) on its own.
var ownRules = []struct {
	dir       string   // directory (and its subtree)
	forbidden []string // Gapwise packages it must not import
}{
	{"ui", []string{"gapwise/internal/store", "gapwise/internal/exchange", "gapwise/internal/report"}},
	{"internal/report", []string{"gapwise/internal/workspace", "gapwise/internal/store"}},
	{"internal/exchange", []string{"gapwise/internal/store", "gapwise/internal/workspace"}},
	{"internal/store", []string{"gapwise/internal/workspace", "gapwise/internal/report", "gapwise/internal/exchange"}},
}

// pureDirs may import only the standard library and the named module packages.
var pureDirs = map[string][]string{
	"internal/model":         {},
	"internal/gap":           {"gapwise/internal/model"},
	"internal/chart":         {"gapwise/internal/model", "gapwise/internal/gap"},
	"internal/frameworkdiff": {"gapwise/internal/model"},
	"internal/xlsx":          {"github.com/xuri/excelize/v2"}, // in its tests only (testOnly)
}

func TestImportBoundaries(t *testing.T) {
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		checked++
		dir := filepath.ToSlash(filepath.Dir(path))
		for _, imp := range f.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			for _, r := range importRules {
				if strings.HasPrefix(p, r.prefix) && !under(dir, r.allowed) {
					t.Errorf("%s imports %s; only %v may", path, p, r.allowed)
				}
			}
			for _, lib := range testOnly {
				if strings.HasPrefix(p, lib) && !strings.HasSuffix(path, "_test.go") {
					t.Errorf("%s imports %s; only tests may", path, p)
				}
			}
			for _, r := range ownRules {
				if under(dir, []string{r.dir}) && slices.ContainsFunc(r.forbidden, func(f string) bool { return p == f || strings.HasPrefix(p, f+"/") }) {
					t.Errorf("%s imports %s; %s must not (docs/architecture.md, Layering)", path, p, r.dir)
				}
			}
			for pure, ok := range pureDirs {
				if under(dir, []string{pure}) && !isStdlib(p) && !slices.Contains(ok, p) {
					t.Errorf("%s imports %s; %s may import only the standard library and %v", path, p, pure, ok)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 10 {
		t.Fatalf("only %d Go files checked: is the walk looking in the right place?", checked)
	}
}

func under(dir string, roots []string) bool {
	for _, r := range roots {
		if dir == r || strings.HasPrefix(dir, r+"/") {
			return true
		}
	}
	return false
}

// isStdlib: standard library paths have no dot in their first element.
func isStdlib(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	return !strings.Contains(first, ".") && first != "gapwise"
}
