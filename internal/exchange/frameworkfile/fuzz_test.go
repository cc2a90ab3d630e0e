package frameworkfile_test

import (
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
