package gap

import "testing"

// The interest bit rides in a cell beside level and confidence without
// changing either, survives a later Set only when set again, and is never
// recorded on an unrated item.
func TestTeamRatingsInterest(t *testing.T) {
	f := sfiaLike()
	tr := NewTeamRatings(f, []string{"p1", "p2"})
	tr.Set(0, "ITSP", 7, 5)
	tr.SetInterest(0, "ITSP")
	tr.SetInterest(0, "PROG") // not rated: ignored
	tr.SetInterest(1, "NOPE") // not an item: ignored
	tr.Set(1, "BUAN", maxCellLevel, 0)
	tr.SetInterest(1, "BUAN")

	itsp, _ := tr.ItemIndex("ITSP")
	prog, _ := tr.ItemIndex("PROG")
	buan, _ := tr.ItemIndex("BUAN")
	for _, c := range []struct {
		member, item, level, conf int
		rated, interested         bool
	}{
		{0, itsp, 7, 5, true, true},
		{0, prog, 0, 0, false, false},
		{1, buan, maxCellLevel, 0, true, true},
		{1, itsp, 0, 0, false, false},
	} {
		level, conf, ok := tr.At(c.member, c.item)
		if level != c.level || conf != c.conf || ok != c.rated || tr.Interested(c.member, c.item) != c.interested {
			t.Errorf("member %d item %d: %d/%d/%v interested %v", c.member, c.item, level, conf, ok, tr.Interested(c.member, c.item))
		}
	}
	if r, _ := tr.Get("p1", "ITSP"); !r.Interest || r.Level != 7 || r.Confidence != 5 {
		t.Errorf("Get: %+v", r)
	}
	tr.Set(0, "ITSP", 6, 2) // a later rating replaces the cell, interest too
	if tr.Interested(0, itsp) {
		t.Error("a later Set kept the earlier interest")
	}
	if tr.Count("p1") != 1 {
		t.Errorf("Count = %d", tr.Count("p1"))
	}
}
