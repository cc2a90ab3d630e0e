package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Projection mode: while the team screen's workshop display is on, the
// whole window is what the room sees. Only the areas that hold no one's
// personal data stay (Team, under gap.Display's rules, Frameworks,
// Settings and About); every other area, including any added later, shows a neutral
// panel instead, so no real name, person id, evidence or discipline of a
// person is anywhere in the window. The header says nothing about the open
// person, and the WORKSHOP DISPLAY banner stays above every area, never
// replaced by a status message. Leaving needs a confirmation (the team
// screen's toggleWorkshop).
type projection struct {
	on     bool
	bar    *fyne.Container // the banner row; hidden when off
	banner *widget.Label
	saved  map[*container.TabItem]fyne.CanvasObject // real contents of the hidden areas
	header string                                   // what updateHeader was last asked to show
}

// projectionSafe are the areas shown in projection mode.
var projectionSafe = map[string]bool{"Team": true, "Frameworks": true, "Settings": true, "About": true}

// hiddenInProjection is the text of the panel that stands in for an area.
const hiddenInProjection = "Hidden while workshop display is on"

// projectionBar builds the banner row above the header (hidden until
// workshop display is on).
func (s *Shell) projectionBar() fyne.CanvasObject {
	s.proj.banner = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.proj.banner.Importance = widget.WarningImportance
	s.proj.banner.Wrapping = fyne.TextWrapWord
	leave := widget.NewButtonWithIcon("Leave workshop display…", theme.VisibilityIcon(), func() { s.team.toggleWorkshop() })
	s.proj.bar = container.NewBorder(nil, nil, nil, leave, s.proj.banner)
	s.proj.bar.Hide()
	return s.proj.bar
}

// projecting reports whether the window is in projection mode.
func (s *Shell) projecting() bool { return s.proj.on }

// setProjection turns projection mode on or off; the team screen calls it
// as workshop display starts and ends.
func (s *Shell) setProjection(on bool) {
	if s.tabs == nil {
		return
	}
	s.updateBanner()
	if on == s.proj.on {
		return
	}
	s.proj.on = on
	if s.proj.saved == nil {
		s.proj.saved = map[*container.TabItem]fyne.CanvasObject{}
	}
	for _, it := range s.tabs.Items {
		if projectionSafe[it.Text] {
			continue
		}
		if on {
			s.proj.saved[it] = it.Content
			it.Content = s.hiddenPanel(it.Text)
		} else if c, ok := s.proj.saved[it]; ok {
			it.Content = c
			delete(s.proj.saved, it)
		}
	}
	s.tabs.Refresh()
	if on {
		s.proj.bar.Show()
		s.badge.Hide()
	} else {
		s.proj.bar.Hide()
	}
	s.updateHeader(s.proj.header)
	if !on {
		s.refreshTab(s.tabs.Selected())
	}
}

// updateBanner states the display's rules in the banner.
func (s *Shell) updateBanner() {
	if s.proj.banner == nil {
		return
	}
	d := s.team.display
	rows := "counts per level, no individual rows"
	if d.Individual {
		rows = "individual rows under neutral labels"
	}
	s.proj.banner.SetText(fmt.Sprintf("WORKSHOP DISPLAY · no names, evidence or personal areas · figures from fewer than %d people hidden · %s", d.MinPeople, rows))
}

// projectHeader shows the neutral projection header instead of the open
// person when projecting, and reports whether it did. It remembers what
// the header was asked to show, for when projection ends.
func (s *Shell) projectHeader(assessment string) bool {
	s.proj.header = assessment
	if !s.proj.on {
		return false
	}
	s.header.SetText("Team workshop display")
	s.badge.Hide()
	return true
}

// hiddenPanel stands in for a personal area while projecting.
func (s *Shell) hiddenPanel(area string) fyne.CanvasObject {
	text := widget.NewLabel(area + " holds personal data (someone's profile, ratings, evidence, gaps, plan or appraisal, " +
		"or where they are stored), so it stays hidden while the team workshop is projected. Nothing has been changed; " +
		"it comes back when you leave workshop display.")
	text.Wrapping = fyne.TextWrapWord
	team := widget.NewButtonWithIcon("Back to the team", theme.GridIcon(), func() { s.showTab("Team") })
	team.Importance = widget.HighImportance
	leave := widget.NewButtonWithIcon("Leave workshop display…", theme.VisibilityIcon(), func() { s.team.toggleWorkshop() })
	return container.NewPadded(container.NewVBox(
		widget.NewLabelWithStyle(hiddenInProjection, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		text,
		container.NewHBox(team, leave),
	))
}
