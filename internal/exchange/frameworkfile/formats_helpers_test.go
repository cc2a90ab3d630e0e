package frameworkfile

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gapwise/frameworks"
	"gapwise/internal/model"
)

// Helpers shared by the format readers' tests.

type sheet struct {
	name string
	rows [][]string
}

// makeXLSX builds a workbook with the given sheets, every cell a string.
func makeXLSX(t testing.TB, sheets ...sheet) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := x.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := x.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				if v == "" {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := x.SetCellStr(s.name, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readTestFile(t testing.TB, path string) File {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return File{Name: path, Data: data}
}

// mustValidate checks a reader's output passes the packs' validator once
// the manifest fields a user supplies are filled in.
func mustValidate(t testing.TB, f *model.Framework) {
	t.Helper()
	g := *f
	if strings.TrimSpace(g.Licence) == "" {
		g.Licence = "test"
	}
	if strings.TrimSpace(g.Publisher) == "" {
		g.Publisher = "test"
	}
	if err := frameworks.Validate(&g); err != nil {
		t.Fatalf("reader output fails validation: %v", err)
	}
}

// embeddedPack returns an embedded pack by ref.
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
	t.Fatalf("no embedded pack %s", ref)
	return nil
}

// sameContent compares what people rate on: groups, items (every field) and
// the scale's level values.
func sameContent(t *testing.T, got, want *model.Framework) {
	t.Helper()
	if !reflect.DeepEqual(got.GroupKinds, want.GroupKinds) {
		t.Errorf("group kinds %q, want %q", got.GroupKinds, want.GroupKinds)
	}
	if !reflect.DeepEqual(got.Groups, want.Groups) {
		t.Errorf("groups differ:\n got %+v\nwant %+v", got.Groups, want.Groups)
	}
	if len(got.Items) != len(want.Items) {
		t.Fatalf("%d items, want %d", len(got.Items), len(want.Items))
	}
	for i := range want.Items {
		if !reflect.DeepEqual(got.Items[i], want.Items[i]) {
			g, w := got.Items[i], want.Items[i]
			t.Errorf("item %d (%s) differs", i, w.ID)
			if g.Description != w.Description {
				t.Errorf("  description\n got %q\nwant %q", g.Description, w.Description)
			}
			if g.Guidance != w.Guidance {
				t.Errorf("  guidance\n got %q\nwant %q", g.Guidance, w.Guidance)
			}
			if !reflect.DeepEqual(g.Descriptors, w.Descriptors) {
				t.Errorf("  descriptors\n got %+v\nwant %+v", g.Descriptors, w.Descriptors)
			}
			if g.ID != w.ID || g.Title != w.Title || g.Group != w.Group || g.URL != w.URL || !reflect.DeepEqual(g.Levels, w.Levels) {
				t.Errorf("  got %s %q %s %s %v, want %s %q %s %s %v", g.ID, g.Title, g.Group, g.URL, g.Levels, w.ID, w.Title, w.Group, w.URL, w.Levels)
			}
		}
	}
	var gv, wv []int
	for _, l := range got.Scale.Levels {
		gv = append(gv, l.Value)
	}
	for _, l := range want.Scale.Levels {
		wv = append(wv, l.Value)
	}
	if !reflect.DeepEqual(gv, wv) {
		t.Errorf("scale levels %v, want %v", gv, wv)
	}
}

// wantInvalid checks err is an invalid-input error containing every part.
func wantInvalid(t *testing.T, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("accepted; want an error containing %q", parts)
	}
	if model.KindOf(err) != model.Invalid {
		t.Errorf("error kind %v, want invalid input: %v", model.KindOf(err), err)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q lacks %q", err, p)
		}
	}
}
