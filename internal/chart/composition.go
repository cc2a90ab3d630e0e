package chart

import (
	"fmt"
	"strconv"

	"gapwise/internal/gap"
	"gapwise/internal/model"
)

// ClinicalKey and NonClinicalKey explain the two bar styles; every renderer
// prints them beside its charts.
const (
	ClinicalKey    = "Solid bar: a clinical discipline (counts towards the benchmark)"
	NonClinicalKey = "Hatched bar: non-clinical (shown apart)"
)

// CompositionCharts are a team's composition as the display shows it, for
// the team screen and the team PDF alike: the discipline mix (members per
// discipline) and informatics time against the Wachter benchmark (WTE per
// discipline, then the clinical and non-clinical sums, with the benchmark
// as a line). What the display hides (gap.Display.CompositionFigures) has no
// bar: a hidden discipline has no row at all (its name alone could point to
// the one pharmacist), a hidden sum a row that says it is not shown.
// Non-clinical rows are hatched and, when the name does not say so, labelled
// "(not clinical)".
func CompositionCharts(c gap.Composition, d gap.Display) []BarChart {
	f := d.CompositionFigures(c)
	mix := BarChart{Title: "Members by discipline", Unit: "members", Whole: true}
	wte := BarChart{Title: "Informatics time against the Wachter benchmark", Unit: "WTE",
		Ref: c.WachterBenchmark, RefLabel: fmt.Sprintf("Wachter benchmark: %s WTE, clinical disciplines only", WTEText(c.WachterBenchmark))}
	hidden := 0
	for _, dc := range c.ByDiscipline {
		if f.Hidden[dc.Discipline] {
			hidden++
			continue
		}
		label := DisciplineLabel(dc.Discipline)
		text := fmt.Sprintf("%s (%.0f%%)", model.Plural(dc.Count, "member", "members"), dc.Share*100)
		if f.DisciplineWTE {
			text += " · " + WTEText(dc.WTE) + " WTE"
		}
		mix.Bars = append(mix.Bars, Bar{Label: label, Value: float64(dc.Count), Text: text, Hatched: !dc.Clinical})
		if f.DisciplineWTE {
			wte.Bars = append(wte.Bars, Bar{Label: label, Value: dc.WTE, Text: WTEText(dc.WTE) + " WTE", Hatched: !dc.Clinical})
		}
	}
	if hidden > 0 {
		mix.Note = fmt.Sprintf("Disciplines with fewer than %d members are not shown in workshop display.", d.MinPeople)
	}
	sum := func(label string, members int, v float64, shown, hatched bool) Bar {
		b := Bar{Label: label, Value: v, Hatched: hatched, Total: true,
			Text: fmt.Sprintf("%s WTE (%s)", WTEText(v), model.Plural(members, "member", "members"))}
		if !f.DisciplineWTE {
			b.Text = WTEText(v) + " WTE"
		}
		if !shown {
			b.Hidden = true
			b.Text = fmt.Sprintf("fewer than %d people: not shown", d.MinPeople)
		}
		return b
	}
	clin := sum("Clinical disciplines, total", c.ClinicalMembers, c.ClinicalWTE, f.ClinicalWTE, false)
	if f.ClinicalWTE {
		clin.Text += fmt.Sprintf(" · %.0f%% of the benchmark", c.ShareOfBenchmark*100)
	}
	wte.Bars = append(wte.Bars, clin)
	if c.NonClinicalMembers > 0 {
		wte.Bars = append(wte.Bars, sum("Non-clinical, total", c.NonClinicalMembers, c.NonClinicalWTE, f.NonClinical, true))
	}
	wte.Note = gap.BenchmarkRule
	if !f.DisciplineWTE {
		wte.Note += " Each discipline's time is not shown in workshop display."
	}
	return []BarChart{mix, wte}
}

// DisciplineLabel is a discipline's name on a chart row: "(not clinical)"
// is added where the name does not say so already, and a discipline not
// recorded is "Not recorded".
func DisciplineLabel(d model.Discipline) string {
	switch {
	case d == "":
		return "Not recorded (not clinical)"
	case d == model.NonClinical || d.Clinical():
		return d.Label()
	}
	return d.Label() + " (not clinical)"
}

// WTEText is a whole-time equivalent to one decimal place ("0.4", "5").
func WTEText(v float64) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		return s[:len(s)-2]
	}
	return s
}
