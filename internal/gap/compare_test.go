package gap

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"gapwise/internal/model"
)

func TestCompare(t *testing.T) {
	at := func(day int) time.Time { return time.Date(2025, 1, day, 0, 0, 0, 0, time.UTC) }
	r := func(item string, level, day int) model.Rating {
		return model.Rating{Item: item, Level: level, RatedAt: at(day)}
	}
	show := func(cs []Change) []string {
		var out []string
		for _, c := range cs {
			num := func(p *int) string {
				if p == nil {
					return "-"
				}
				return fmt.Sprint(*p)
			}
			out = append(out, fmt.Sprintf("%s %s %s->%s %+d", c.Item.ID, c.Kind, num(c.Before), num(c.After), c.Delta))
		}
		return out
	}
	tests := []struct {
		name              string
		previous, current []model.Rating
		want              []string
	}{
		{name: "nothing before or after"},
		{
			name:     "unchanged items are left out",
			previous: []model.Rating{r("ITSP", 4, 1), r("PROG", 0, 1)},
			current:  []model.Rating{r("ITSP", 4, 2), r("PROG", 0, 2)},
		},
		{
			name:     "ups, then downs, then newly and no longer rated",
			previous: []model.Rating{r("ITSP", 4, 1), r("BUAN", 2, 1), r("HOLE", 5, 1), r("PROG", 6, 1), r("STRAY", 1, 1)},
			current:  []model.Rating{r("ITSP", 5, 2), r("BUAN", 5, 2), r("HOLE", 2, 2), r("PROG", 5, 2), r("LOOSE", 3, 2)},
			want: []string{
				"BUAN up 2->5 +3",
				"ITSP up 4->5 +1",
				"HOLE down 5->2 -3",
				"PROG down 6->5 -1",
				"LOOSE newly rated -->3 +0",
				"STRAY no longer rated 1->- +0",
			},
		},
		{
			name:     "none yet to a level is a rise; a new rating at 0 is newly rated, not a change of 0",
			previous: []model.Rating{r("PROG", 0, 1)},
			current:  []model.Rating{r("PROG", 3, 2), r("ITSP", 0, 2)},
			want:     []string{"PROG up 0->3 +3", "ITSP newly rated -->0 +0"},
		},
		{
			name:     "equal sizes keep framework order",
			previous: []model.Rating{r("PROG", 2, 1), r("ITSP", 4, 1), r("HOLE", 4, 1), r("BUAN", 3, 1)},
			current:  []model.Rating{r("PROG", 3, 2), r("ITSP", 5, 2), r("HOLE", 2, 2), r("BUAN", 1, 2)},
			want:     []string{"ITSP up 4->5 +1", "PROG up 2->3 +1", "BUAN down 3->1 -2", "HOLE down 4->2 -2"},
		},
		{
			name:     "items not in the framework are ignored; the later rating wins",
			previous: []model.Rating{r("GHOST", 1, 1), r("PROG", 5, 1), r("PROG", 2, 1)},
			current:  []model.Rating{r("GHOST", 4, 2), r("PROG", 3, 2)},
			want:     []string{"PROG up 2->3 +1"},
		},
	}
	f := sfiaLike()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := show(Compare(f, tc.previous, tc.current)); !slices.Equal(got, tc.want) {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}

	t.Run("times and pointers", func(t *testing.T) {
		cs := Compare(f, []model.Rating{r("ITSP", 4, 1)}, []model.Rating{r("ITSP", 6, 9), r("PROG", 2, 9)})
		if len(cs) != 2 {
			t.Fatalf("got %d changes", len(cs))
		}
		if c := cs[0]; c.Item != &f.Items[0] || !c.BeforeAt.Equal(at(1)) || !c.AfterAt.Equal(at(9)) || c.Delta != 2 {
			t.Errorf("up: got %+v", c)
		}
		if c := cs[1]; c.Before != nil || !c.BeforeAt.IsZero() || !c.AfterAt.Equal(at(9)) {
			t.Errorf("newly rated: got %+v", c)
		}
	})
	if Compare(nil, nil, []model.Rating{r("x", 1, 1)}) != nil {
		t.Error("nil framework: want no changes")
	}
}
