package frameworks

import "testing"

// largestPack returns the raw bytes of the biggest embedded pack.
func largestPack(b *testing.B) (string, []byte) {
	b.Helper()
	entries, err := packFiles.ReadDir("packs")
	if err != nil {
		b.Fatal(err)
	}
	var name string
	var raw []byte
	for _, e := range entries {
		data, err := packFiles.ReadFile("packs/" + e.Name())
		if err != nil {
			b.Fatal(err)
		}
		if len(data) > len(raw) {
			name, raw = e.Name(), data
		}
	}
	return name, raw
}

// BenchmarkParseLargest is the cost of reading the biggest pack, as when
// the app starts or an organisation imports a pack of that size.
func BenchmarkParseLargest(b *testing.B) {
	name, raw := largestPack(b)
	b.Logf("largest pack: %s, %d bytes", name, len(raw))
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(raw); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodeLargest is the cost of writing it back (pack export).
func BenchmarkEncodeLargest(b *testing.B) {
	_, raw := largestPack(b)
	f, err := Parse(raw)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Encode(f); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEmbeddedFirstLoad is what the first Embedded() call costs at
// start-up: reading, hashing, parsing and validating all four packs.
func BenchmarkEmbeddedFirstLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loadEmbedded(); err != nil {
			b.Fatal(err)
		}
	}
}
