package chart

// MinShade is the shade of level 1, so the first real level stands apart
// from level 0 ("none yet"), which has no shade at all.
const MinShade = 0.25

// LevelShade is how dark a heatmap cell for a level is, from 0 (level 0,
// "none yet") to 1 (the scale's top level): level 1 is MinShade and the
// levels between are evenly spaced, so the shade grows with the level.
// Levels below 0 count as 0 and above top as top; with top below 1 every
// shade is 0. Not rated has no level and so no shade: renderers draw it
// differently (blank or hatched, with a word), never as level 0. Renderers
// print the level number in the cell as well: colour is never the only
// carrier of meaning.
func LevelShade(level, top int) float64 {
	switch {
	case top < 1 || level < 1:
		return 0
	case level >= top:
		return 1
	}
	return MinShade + (1-MinShade)*float64(level-1)/float64(top-1)
}
