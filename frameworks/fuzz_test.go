package frameworks_test

import (
	"bytes"
	"reflect"
	"testing"

	"gapwise/frameworks"
	"gapwise/internal/model"
)

// FuzzParse feeds arbitrary bytes to Parse. Parse must never panic, must
// only fail with an invalid-input error, and whatever it accepts must
// survive Encode and Parse again unchanged (so a pack an organisation loads
// is stored and re-read exactly).
func FuzzParse(f *testing.F) {
	valid := smallPackJSON(f)
	f.Add(valid)
	f.Add(valid[:len(valid)/3])
	f.Add(bytes.Replace(valid, []byte(`"levels": [`), []byte(`"levels": {`), 1))
	f.Add(bytes.Replace(valid, []byte(`"item": "DQ2"`), []byte(`"item": "DQ3"`), 1))
	f.Add([]byte(`{"format":"gapwise.pack","format_version":1,"id":"x","version":"1","name":"X","publisher":"P","licence":"L",` +
		`"provisional":false,"scale":{"levels":[{"value":1,"name":"One"}]},"items":[{"id":"a","title":"A","levels":[1e400]}]}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fw, err := frameworks.Parse(data)
		if err != nil {
			if model.KindOf(err) != model.Invalid {
				t.Fatalf("Parse failed with kind %v: %v", model.KindOf(err), err)
			}
			return
		}
		out, err := frameworks.Encode(fw)
		if err != nil {
			t.Fatalf("Encode of a parsed pack: %v", err)
		}
		again, err := frameworks.Parse(out)
		if err != nil {
			t.Fatalf("Parse of an encoded pack: %v", err)
		}
		if !reflect.DeepEqual(fw, again) {
			t.Fatal("Parse(Encode(f)) differs from f")
		}
	})
}
