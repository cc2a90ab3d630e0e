package report

import (
	"encoding/binary"
	"math"
	"sync"
)

// sRGBProfile is an ICC version 2 display profile of the sRGB colour space
// (IEC 61966-2.1), built here from the standard's published figures rather
// than copied from anywhere, so that it can be embedded in every PDF as the
// PDF/A output intent with no licence to carry. It is a matrix/TRC profile:
// the D50-adapted primaries and white point of sRGB and its tone curve
// sampled at 1024 points.
var sRGBProfile = sync.OnceValue(buildSRGBProfile)

// sRGBDescription names the profile and the output condition it describes.
const sRGBDescription = "sRGB IEC61966-2.1"

func buildSRGBProfile() []byte {
	type tag struct {
		sig  string
		data []byte
	}
	xyz := func(x, y, z float64) []byte {
		b := append([]byte("XYZ "), 0, 0, 0, 0)
		for _, v := range []float64{x, y, z} {
			b = binary.BigEndian.AppendUint32(b, uint32(int32(math.Round(v*65536))))
		}
		return b
	}
	// The sRGB tone curve (linear near black, then a 2.4 power).
	curve := append([]byte("curv"), 0, 0, 0, 0)
	const points = 1024
	curve = binary.BigEndian.AppendUint32(curve, points)
	for i := range points {
		v := float64(i) / (points - 1)
		if v <= 0.04045 {
			v /= 12.92
		} else {
			v = math.Pow((v+0.055)/1.055, 2.4)
		}
		curve = binary.BigEndian.AppendUint16(curve, uint16(math.Round(v*65535)))
	}
	desc := append([]byte("desc"), 0, 0, 0, 0)
	desc = binary.BigEndian.AppendUint32(desc, uint32(len(sRGBDescription)+1))
	desc = append(desc, sRGBDescription...)
	desc = append(desc, 0)
	desc = append(desc, make([]byte, 4+4+2+1+67)...) // no Unicode or ScriptCode names
	cprt := append([]byte("text"), 0, 0, 0, 0)
	cprt = append(cprt, "No copyright, use freely"...)
	cprt = append(cprt, 0)

	tags := []tag{
		{"desc", desc},
		{"cprt", cprt},
		{"wtpt", xyz(0.9505, 1.0, 1.0891)}, // D65, the display's white
		{"rXYZ", xyz(0.4361, 0.2225, 0.0139)},
		{"gXYZ", xyz(0.3851, 0.7169, 0.0971)},
		{"bXYZ", xyz(0.1431, 0.0606, 0.7141)},
		{"rTRC", curve},
		{"gTRC", curve},
		{"bTRC", curve},
	}
	pad4 := func(n int) int { return (n + 3) &^ 3 }

	const headerLen = 128
	tableLen := 4 + 12*len(tags)
	var body []byte
	table := binary.BigEndian.AppendUint32(nil, uint32(len(tags)))
	offsets := map[string]int{} // the three curves share one copy
	for _, t := range tags {
		off, ok := offsets[string(t.data)]
		if !ok {
			off = headerLen + tableLen + len(body)
			offsets[string(t.data)] = off
			body = append(body, t.data...)
			body = append(body, make([]byte, pad4(len(body))-len(body))...)
		}
		table = append(table, t.sig...)
		table = binary.BigEndian.AppendUint32(table, uint32(off))
		table = binary.BigEndian.AppendUint32(table, uint32(len(t.data)))
	}

	size := headerLen + tableLen + len(body)
	h := make([]byte, headerLen)
	binary.BigEndian.PutUint32(h[0:], uint32(size))
	binary.BigEndian.PutUint32(h[8:], 0x02100000) // version 2.1
	copy(h[12:], "mntr")
	copy(h[16:], "RGB ")
	copy(h[20:], "XYZ ")
	for i, v := range []uint16{2026, 1, 1, 0, 0, 0} { // fixed, so PDFs are reproducible
		binary.BigEndian.PutUint16(h[24+2*i:], v)
	}
	copy(h[36:], "acsp")
	// Rendering intent 0 (perceptual); the PCS illuminant is D50.
	for i, v := range []float64{0.9642, 1.0, 0.8249} {
		binary.BigEndian.PutUint32(h[68+4*i:], uint32(int32(math.Round(v*65536))))
	}
	out := append(h, table...)
	return append(out, body...)
}
