package gap

import (
	"testing"

	"gapwise/internal/model"
)

func TestHiddenDisciplinesCannotBeWorkedOutBySubtraction(t *testing.T) {
	comp := func(counts ...int) Composition {
		c := Composition{}
		for i, n := range counts {
			c.ByDiscipline = append(c.ByDiscipline, DisciplineCount{Discipline: model.Disciplines[i], Count: n})
			c.Members += n
		}
		return c
	}
	cases := []struct {
		name   string
		counts []int
		want   []model.Discipline
	}{
		{"none small", []int{3, 4}, nil},
		{"one small hides the smallest shown too", []int{5, 1, 3}, []model.Discipline{model.Nurse, model.Midwife}},
		{"two small are safe together", []int{5, 1, 2}, []model.Discipline{model.Nurse, model.Midwife}},
		{"all small", []int{1, 2}, []model.Discipline{model.Doctor, model.Nurse}},
		{"one small and nothing shown", []int{2}, []model.Discipline{model.Doctor}},
	}
	for _, c := range cases {
		got := HiddenDisciplines(comp(c.counts...), 3)
		if len(got) != len(c.want) {
			t.Errorf("%s: hidden %v, want %v", c.name, got, c.want)
			continue
		}
		for _, d := range c.want {
			if !got[d] {
				t.Errorf("%s: %s not hidden (%v)", c.name, d, got)
			}
		}
	}
}
