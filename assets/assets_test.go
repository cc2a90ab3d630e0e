package assets

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"testing"
)

// The window icon is the packaged icon's picture at 256x256, 8 bits a
// channel: the same picture, small enough not to be held at 512 pixels and
// 16 bits a channel for as long as the app runs.
func TestWindowIconIsThePackagedIconSmaller(t *testing.T) {
	small, err := png.Decode(bytes.NewReader(WindowIcon))
	if err != nil {
		t.Fatal(err)
	}
	if b := small.Bounds(); b.Dx() != 256 || b.Dy() != 256 {
		t.Fatalf("window icon is %dx%d, want 256x256", b.Dx(), b.Dy())
	}
	if _, ok := small.(*image.NRGBA); !ok {
		t.Errorf("window icon decodes as %T, want 8 bits a channel (*image.NRGBA)", small)
	}
	data, err := os.ReadFile("icon.png")
	if err != nil {
		t.Fatal(err)
	}
	big, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	// Compare on a grid; scaling blends colours where shapes meet, so a few
	// points may differ.
	points, off := 0, 0
	for y := 4; y < 256; y += 8 {
		for x := 4; x < 256; x += 8 {
			r1, g1, b1, a1 := small.At(x, y).RGBA()
			r2, g2, b2, a2 := big.At(2*x+1, 2*y+1).RGBA()
			points++
			if far(r1, r2) || far(g1, g2) || far(b1, b2) || far(a1, a2) {
				off++
			}
		}
	}
	if off*20 > points {
		t.Errorf("window icon differs from the packaged icon at %d of %d points", off, points)
	}
}

// far is a difference of more than about 1/8 of a channel's range.
func far(a, b uint32) bool {
	if a > b {
		a, b = b, a
	}
	return b-a > 0x2000
}
