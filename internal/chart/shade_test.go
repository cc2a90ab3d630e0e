package chart

import (
	"math"
	"testing"
)

func TestLevelShade(t *testing.T) {
	tests := []struct {
		level, top int
		want       float64
	}{
		{0, 4, 0},
		{-1, 4, 0},
		{1, 4, MinShade},
		{2, 4, 0.5},
		{3, 4, 0.75},
		{4, 4, 1},
		{5, 4, 1},
		{1, 1, 1},
		{0, 1, 0},
		{1, 7, MinShade},
		{7, 7, 1},
		{1, 0, 0},
		{3, -2, 0},
	}
	for _, tc := range tests {
		if got := LevelShade(tc.level, tc.top); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("LevelShade(%d, %d) = %v, want %v", tc.level, tc.top, got, tc.want)
		}
	}
	// Strictly increasing from level 0 to the top, within [0, 1], on every scale size.
	for top := 1; top <= 9; top++ {
		prev := -1.0
		for level := 0; level <= top; level++ {
			s := LevelShade(level, top)
			if s <= prev || s < 0 || s > 1 {
				t.Errorf("top %d: level %d has shade %v after %v", top, level, s, prev)
			}
			prev = s
		}
	}
}
