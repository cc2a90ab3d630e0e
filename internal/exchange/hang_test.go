package exchange

import (
	"math/rand"
	"os"
	"testing"
	"time"
)

func TestHangHunt(t *testing.T) {
	golden, _ := os.ReadFile(goldenPath)
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		d := append([]byte(nil), golden...)
		for k := 0; k < 1+r.Intn(4); k++ {
			switch r.Intn(3) {
			case 0:
				d[r.Intn(len(d))] = byte(r.Intn(256))
			case 1:
				j := r.Intn(len(d))
				d = append(d[:j], d[j+1:]...)
			case 2:
				j := r.Intn(len(d))
				d = append(d[:j], append([]byte{"{}[],:\"0e.-"[r.Intn(11)]}, d[j:]...)...)
			}
		}
		done := make(chan bool)
		go func() { Decode(d, resolver, installedRefs()...); close(done) }()
		select {
		case <-done:
		case <-time.After(2 * time.Second):
			t.Fatalf("hang on %q", d)
		}
	}
}
