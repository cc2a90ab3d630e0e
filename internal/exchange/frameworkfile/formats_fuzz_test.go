package frameworkfile

import (
	"testing"

	"gapwise/internal/model"
)

// fuzzRead is the property every format reader keeps on arbitrary input: no
// panic, a refusal is the user's input error (never internal), and a
// framework it accepts passes the packs' validator (Read checks that) and
// has items. Detection runs too, and must not panic either.
func fuzzRead(t *testing.T, format Format, files []File) {
	for _, fm := range []Format{format, ""} {
		res, err := Read(files, fm)
		if err != nil {
			if k := model.KindOf(err); k != model.Invalid {
				t.Fatalf("%s: kind %v for %v", fm, k, err)
			}
			continue
		}
		if res.Framework == nil || len(res.Framework.Items) == 0 {
			t.Fatalf("%s: a framework with no items was accepted", fm)
		}
	}
}

func FuzzReadSFIA(f *testing.F) {
	f.Add(makeXLSX(f, sheet{"Skills", sfiaRows(sfiaRow("ITSP", "Strategic planning", "Three.", "Four."))}))
	f.Add(makeXLSX(f, sheet{"Skills", sfiaRows(sfiaRow("ITSP", "A", "x", ""), sfiaRow("ITSP", "B", "y", ""))},
		sheet{"Levels", [][]string{{"", "Autonomy"}, {"1 - Follow", "Works under direction."}}}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, FormatSFIA, []File{{Name: "sfia.xlsx", Data: data}})
	})
}

func FuzzReadTemplate(f *testing.F) {
	f.Add([]byte("group,group id,item id,title,description,level,descriptor\nData > Quality,D1,DQ1,Checking,\"What, it is\",1,Knows\nData > Quality,D1,DQ1,,,2,Does\n"), []byte("level,name\n1,Aware\n2,Able\n"))
	f.Add([]byte("Item ID;Title;Level\nq1;Qualité;1\n"), []byte("field,value\nid,acme\nversion,1\n"))
	f.Add([]byte("item id,title\nA,\"B\n"), []byte{})
	f.Fuzz(func(t *testing.T, items, other []byte) {
		files := []File{{Name: "items.csv", Data: items}}
		if len(other) > 0 {
			files = append(files, File{Name: "other.csv", Data: other})
		}
		fuzzRead(t, FormatTemplate, files)
	})
}
