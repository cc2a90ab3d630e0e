package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/chart"
	"gapwise/internal/model"
)

// showComposition fills the Composition tab: a summary, the discipline mix
// and informatics time as bar charts (chart.CompositionCharts, the same as
// in the team PDF, as the display allows), and in named display the member
// list.
func (t *teamScreen) showComposition() {
	v := t.view
	c := v.Composition
	segs := []widget.RichTextSegment{heading(v.Team.Name)}
	summary := fmt.Sprintf("%s, %d with a self-assessment of %s.", model.Plural(c.Members, "member", "members"), v.Assessed, v.Framework.ShortName)
	if t.display.CompositionFigures(c).Disciplines {
		summary += fmt.Sprintf(" %s represented: teams with many professions fared best in the FCI case studies.", model.Plural(c.Disciplines, "discipline", "disciplines"))
	}
	segs = append(segs, para(summary))
	var charts []fyne.CanvasObject
	switch {
	case c.Members == 0:
	case t.display.Hides(c.Members):
		segs = append(segs, para(fmt.Sprintf("The composition rests on fewer than %d people, so workshop display does not show it.", t.display.MinPeople)))
	default:
		f := t.display.CompositionFigures(c)
		if f.ClinicalWTE {
			segs = append(segs, para(fmt.Sprintf("Clinical informatics time: %s WTE from the team's clinical members, %.0f%% of the Wachter benchmark of about %s WTE of clinical informaticians for an average-sized trust.",
				chart.WTEText(c.ClinicalWTE), c.ShareOfBenchmark*100, chart.WTEText(c.WachterBenchmark))))
		}
		for _, bc := range chart.CompositionCharts(c, t.display) {
			charts = append(charts, barChartBlock(bc))
		}
	}
	t.composition.Segments = segs
	t.composition.Refresh()
	t.compCharts.Objects = charts
	t.compCharts.Refresh()

	var members []widget.RichTextSegment
	if t.display.Names() && len(v.Members) > 0 {
		members = append(members, subheading("Members"))
		for _, m := range v.Members {
			members = append(members, para(fmt.Sprintf("%s — %s, %.1f WTE", m.Name, chart.DisciplineLabel(m.Discipline), m.InformaticsWTE)))
		}
	}
	t.compMembers.Segments = members
	t.compMembers.Refresh()
}
