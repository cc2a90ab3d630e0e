package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// onlyItems restricts the Rate screen's list to a set of items of one
// assessment (a role level's unrated skills, chosen in Pathways), shown
// above the list with the way back and the way out.
type onlyItems struct {
	assessment string          // the assessment the set belongs to; "" when none
	items      map[string]bool // the items shown
	focus      bool            // the rating keys take focus once the items are listed
	label      *widget.Label
	back       *widget.Button // "Back to Pathways"
	all        *widget.Button // "Show all items": clears the set
	box        *fyne.Container
}

// bar builds the strip that says the list is restricted; hidden until it is.
func (o *onlyItems) bar(r *rateScreen) fyne.CanvasObject {
	o.label = widget.NewLabel("")
	o.label.Wrapping = fyne.TextWrapWord
	o.label.Importance = widget.WarningImportance
	o.back = widget.NewButtonWithIcon("Back to Pathways", theme.NavigateBackIcon(), func() { r.shell.showTab("Pathways") })
	o.all = widget.NewButtonWithIcon("Show all items", theme.ContentClearIcon(), func() { r.showAll() })
	// The buttons one under the other: side by side they would widen the
	// contents list and push the rating panel past a 1024-pixel window.
	o.back.Alignment, o.all.Alignment = widget.ButtonAlignLeading, widget.ButtonAlignLeading
	o.box = container.NewVBox(o.label, o.back, o.all)
	o.box.Hide()
	return o.box
}

// keeps says whether the list shows an item of the assessment.
func (o *onlyItems) keeps(assessment, item string) bool {
	return o.assessment != assessment || o.items[item]
}

// sync shows the strip only while the restricted assessment is on screen.
func (o *onlyItems) sync(assessment string) {
	if o.on(assessment) {
		o.box.Show()
	} else {
		o.box.Hide()
	}
}

// on says whether the list is restricted for the assessment.
func (o *onlyItems) on(assessment string) bool {
	return o.assessment != "" && o.assessment == assessment
}

// showOnly restricts the list to items of an assessment, saying why in
// what ("the 5 unrated required skills of Senior test engineer"); the
// assessment may still be loading, when refilter applies the set.
func (r *rateScreen) showOnly(assessment string, items []string, what string) {
	r.only.assessment = assessment
	r.only.items = make(map[string]bool, len(items))
	for _, id := range items {
		r.only.items[id] = true
	}
	r.only.focus = true
	r.only.label.SetText(fmt.Sprintf("Showing only %s. Rate them here (each is saved at once), then go back.", what))
	r.cur = nil
	r.search.SetText("") // a search left over from before would hide some of them
	r.refilter()
}

// showAll lifts the restriction: every item in scope is listed again.
func (r *rateScreen) showAll() {
	r.only.assessment, r.only.items, r.only.focus = "", nil, false
	r.refilter()
}

// rateOnly opens the assessment on the Rate screen showing only the given
// items, so a person rates exactly what a Pathways figure lacks.
func (s *Shell) rateOnly(assessment string, items []string, what string) {
	if s.assessment != assessment {
		s.openAssessment(assessment, false)
	}
	s.tabs.Select(s.rateTab)
	s.rate.showOnly(assessment, items, what)
}
