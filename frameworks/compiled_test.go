package frameworks_test

import (
	"fmt"
	"reflect"
	"testing"

	"gapwise/frameworks"
	"gapwise/internal/model"
)

// Every embedded pack decompiles to exactly what parsing its JSON gives.
func TestCompiledRoundTripsEmbeddedPacks(t *testing.T) {
	packs, err := frameworks.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range packs {
		parsed, err := frameworks.Parse(p.Raw)
		if err != nil {
			t.Fatal(err)
		}
		got, err := frameworks.Decompile(frameworks.Compile(parsed))
		if err != nil {
			t.Fatalf("%s: %v", p.Framework.Ref, err)
		}
		if !reflect.DeepEqual(got, parsed) {
			t.Errorf("%s: the compiled form does not decode to the parsed pack", p.Framework.Ref)
		}
	}
}

// fill sets every field reachable from v to a value distinct from its zero
// (slices get two elements), so that a field the codec forgets shows up.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d", *n))
	case reflect.Int:
		v.SetInt(int64(*n) * -37) // negative too
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), n)
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), n)
		}
	default:
		panic(fmt.Sprintf("fill: a %s field: teach the codec and this test about it", v.Kind()))
	}
}

// A field added to model.Framework (or anything inside it) fails this test
// until Compile and Decompile carry it, and CompiledVersion is raised.
func TestCompiledCoversEveryField(t *testing.T) {
	var f model.Framework
	n := 0
	fill(reflect.ValueOf(&f).Elem(), &n)
	got, err := frameworks.Decompile(frameworks.Compile(&f))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, &f) {
		t.Errorf("round trip lost something:\n got %+v\nwant %+v", got, &f)
	}
	// Empty and nil slices stay as they were.
	f = model.Framework{Items: []model.Item{{Levels: []int{}}}, Roles: []model.Role{}}
	got, err = frameworks.Decompile(frameworks.Compile(&f))
	if err != nil || !reflect.DeepEqual(got, &f) {
		t.Errorf("empty slices: got %+v, %v", got, err)
	}
}

// A damaged, cut short or other-version blob is refused, never misread.
func TestDecompileRefusesDamage(t *testing.T) {
	packs, err := frameworks.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	good := frameworks.Compile(packs[0].Framework)
	for _, at := range []int{0, 4, 5, len(good) / 2, len(good) - 5, len(good) - 1} {
		bad := append([]byte(nil), good...)
		bad[at] ^= 0x10
		if _, err := frameworks.Decompile(bad); err == nil {
			t.Errorf("a bit flipped at byte %d of %d was not noticed", at, len(good))
		}
	}
	for _, n := range []int{0, 3, 9, len(good) - 1} {
		if _, err := frameworks.Decompile(good[:n]); err == nil {
			t.Errorf("cut to %d bytes: no error", n)
		}
	}
}

// The decoder must never panic or allocate wildly, whatever the database holds.
func FuzzDecompile(f *testing.F) {
	packs, err := frameworks.Embedded()
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range packs {
		if len(p.Raw) < 100_000 {
			f.Add(frameworks.Compile(p.Framework))
		}
	}
	f.Add([]byte("GWFC\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fw, err := frameworks.Decompile(data)
		if err == nil && fw == nil {
			t.Fatal("no framework and no error")
		}
	})
}

// BenchmarkLoadDDaT compares what opening an assessment of DDaT costs:
// parsing the pack's JSON against decoding its compiled form.
func BenchmarkLoadDDaT(b *testing.B) {
	packs, err := frameworks.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	var raw []byte
	for _, p := range packs {
		if p.Framework.Ref.ID == "ddat" {
			raw = p.Raw
		}
	}
	f, err := frameworks.Parse(raw)
	if err != nil {
		b.Fatal(err)
	}
	compiled := frameworks.Compile(f)
	b.Run("json", func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := frameworks.Parse(raw); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("compiled", func(b *testing.B) {
		b.SetBytes(int64(len(compiled)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := frameworks.Decompile(compiled); err != nil {
				b.Fatal(err)
			}
		}
	})
}
