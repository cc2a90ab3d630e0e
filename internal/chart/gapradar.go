package chart

import (
	"gapwise/internal/gap"
	"gapwise/internal/model"
)

// GapRadars is the one rule for which items become radar axes, shared by
// the app's gaps screen and the PDF reports: one chart per outermost group
// (split to MaxAxes), over the items with a target when any item has one
// (a role's skills), else over the rated items, so a 188-skill framework
// does not become a dozen charts. Groups with fewer than MinAxes such
// items are left out and counted in skipped, so the caller can say so.
//
// labelRunes is the room a medium has for an axis name (the PDF page has
// more than the app's chart); see AxisName.
func GapRadars(f *model.Framework, rep gap.PersonGaps, labelRunes int) (charts []Radar, skipped int) {
	withTargets := rep.NoTarget < len(rep.Items)
	top := float64(f.Scale.Top())
	for _, sum := range rep.Groups {
		title := UngroupedTitle(len(rep.Groups) == 1)
		if sum.Group != nil {
			title = sum.Group.Title
		}
		var axes []Axis
		for i := range rep.Items {
			it := &rep.Items[i]
			if !model.SameGroup(it.TopGroup, sum.Group) || (withTargets && it.Target == nil) || (!withTargets && it.Current == nil) {
				continue
			}
			axes = append(axes, LevelAxis(AxisName(it.Item, labelRunes), it.Current, it.Target))
		}
		if len(axes) == 0 {
			continue
		}
		if len(axes) < MinAxes {
			skipped++
			continue
		}
		charts = append(charts, SplitRadar(title, axes, top)...)
	}
	return charts, skipped
}

// UngroupedTitle names the items that sit under no group: "All items" when
// they are the whole framework, else "Other items".
func UngroupedTitle(only bool) string {
	if only {
		return "All items"
	}
	return "Other items"
}

// AxisName is an item's short code (SFIA's "ITSP", FCI's "1.2") when it has
// one, else its title clipped to labelRunes characters: a DDaT id is only
// its title as a slug, which says nothing the title does not.
func AxisName(it *model.Item, labelRunes int) string {
	const maxCode = 14
	if len([]rune(it.ID)) <= maxCode && it.ID != model.Slug(it.Title) {
		return it.ID
	}
	return model.ClipText(it.Title, labelRunes)
}
