package gap

import (
	"slices"

	"gapwise/internal/model"
)

// HiddenDisciplines says which discipline counts workshop display hides:
// every discipline with fewer than minPeople members and, when exactly one
// would be hidden, also the smallest one shown. Otherwise the hidden count
// could be worked out by subtracting the shown counts from the team size,
// which the neutral member labels reveal anyway.
func HiddenDisciplines(c Composition, minPeople int) map[model.Discipline]bool {
	hidden := map[model.Discipline]bool{}
	var shown []DisciplineCount
	for _, d := range c.ByDiscipline {
		if d.Count < minPeople {
			hidden[d.Discipline] = true
		} else {
			shown = append(shown, d)
		}
	}
	if len(hidden) == 1 && len(shown) > 0 {
		smallest := slices.MinFunc(shown, func(a, b DisciplineCount) int { return a.Count - b.Count })
		hidden[smallest.Discipline] = true
	}
	return hidden
}
