package exchange

import (
	"bytes"
	"os"
	"testing"
)

// TestDecodeReadsItemsRenamedByACorrectedPack: a DDaT file exported before
// the pack was corrected rates ownership-and-topic; it is read as the
// corrected ownership-and-initiative, and rating both is still refused.
func TestDecodeReadsItemsRenamedByACorrectedPack(t *testing.T) {
	resolve, refs := realResolver(t)
	data, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Fatal(err)
	}
	old := bytes.Replace(data, []byte(`"item": "data-management"`), []byte(`"item": "ownership-and-topic"`), 1) // the first rating
	old = bytes.Replace(old, []byte(`"item": "accessibility"`), []byte(`"item": "ownership-and-topic"`), 1)     // a target
	f, err := Decode(old, resolve, refs...)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range f.Ratings {
		if r.Item == "ownership-and-topic" {
			t.Error("the old id was kept")
		}
		found = found || r.Item == "ownership-and-initiative"
	}
	target := false
	for _, tg := range f.Targets {
		target = target || tg.Item == "ownership-and-initiative"
	}
	if !found || !target {
		t.Errorf("ratings = %+v, targets %+v; want both on ownership-and-initiative", f.Ratings, f.Targets)
	}
	both := bytes.Replace(old, []byte(`"item": "data-visualisation"`), []byte(`"item": "ownership-and-initiative"`), 1)
	if _, err := Decode(both, resolve, refs...); err == nil {
		t.Error("a file rating the old and the new id was accepted")
	}
}
