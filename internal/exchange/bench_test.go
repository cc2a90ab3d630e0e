package exchange

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkDecodeLarge decodes files near the size limit: one of many
// small broken ratings (the worst case for problem collection) and one of
// long evidence.
func BenchmarkDecodeLarge(b *testing.B) {
	head := base[:strings.Index(base, `"ratings": [`)]
	var many strings.Builder
	many.WriteString(head + `"ratings": [`)
	for i := 0; many.Len() < MaxFileSize-100; i++ {
		if i > 0 {
			many.WriteString(",\n")
		}
		fmt.Fprintf(&many, `{"item": "X%d", "level": 1}`, i)
	}
	many.WriteString("]}\n")
	var long strings.Builder
	long.WriteString(head + `"ratings": [`)
	for i, it := range sfiaFixture("9").Items {
		if i > 0 {
			long.WriteString(",\n")
		}
		fmt.Fprintf(&long, `{"item": %q, "level": 0, "evidence": %q}`, it.ID, strings.Repeat("Evidence ✓ ", MaxEvidenceLen/11))
	}
	long.WriteString("]}\n")
	for name, text := range map[string]string{"many-problems": many.String(), "long-evidence": long.String()} {
		data := []byte(text)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				Decode(data, resolver)
			}
		})
	}
}
