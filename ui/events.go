package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// subscribe makes the window follow every change made through the
// workspace, whichever screen (or background import) made it: events arrive
// on the goroutine that made the change and are handed to the UI goroutine
// with fyne.Do. Screens never reload each other; each shows what the
// events say it depends on. The subscription ends when the window closes.
func (s *Shell) subscribe() {
	stop := s.ws.Subscribe(func(e workspace.Event) {
		fyne.Do(func() { s.changed(e) })
	})
	go func() { <-s.ctx.Done(); stop() }()
}

// rateOrigin marks the rating screen's own writes: it already shows them.
type rateOrigin struct{}

// changed brings what is on screen up to date with one change.
func (s *Shell) changed(e workspace.Event) {
	if s.ctx.Err() != nil {
		return
	}
	switch e.Kind {
	case workspace.PersonChanged:
		s.profile.reloadPeople() // new people (a team import) and new names
		if s.person != nil && (e.ID == "" || e.ID == s.person.ID) {
			s.refreshPerson()
		}
	case workspace.AssessmentChanged, workspace.RatingsChanged:
		// The open assessment changed elsewhere (targets set in My gaps,
		// agreed levels in Appraisal, a newer file imported).
		if s.assessment != "" && (e.ID == "" || e.ID == s.assessment) && e.Origin != (rateOrigin{}) {
			s.rate.reload()
		}
	case workspace.FrameworksChanged:
		if s.browser.started { // else it lists them when first shown
			s.browser.loadList()
		}
	}
	if t := s.tabs.Selected(); dependsOn(s, t, e.Kind) {
		s.refreshTab(t)
	}
}

// dependsOn says whether an area shows data of a kind.
func dependsOn(s *Shell, t *container.TabItem, k workspace.EventKind) bool {
	const (
		person     = 1 << workspace.PersonChanged
		assessment = 1 << workspace.AssessmentChanged
		ratings    = 1 << workspace.RatingsChanged
		team       = 1 << workspace.TeamChanged
		plan       = 1 << workspace.PlanChanged
		appraisal  = 1 << workspace.AppraisalChanged
		frameworks = 1 << workspace.FrameworksChanged
	)
	var mask int
	switch t {
	case s.meTab:
		mask = person | assessment | ratings
	case s.gapsTab, s.pathsTab:
		mask = assessment | ratings | frameworks
	case s.planTab:
		mask = plan | assessment | ratings
	case s.apprTab:
		mask = appraisal | assessment | ratings | plan
	case s.teamTab:
		mask = team | person | assessment | ratings | plan
	}
	return mask&(1<<k) != 0
}

// refreshPerson rereads the person shown (a new name belongs in the header);
// one that has been erased is no longer shown.
func (s *Shell) refreshPerson() {
	id := s.person.ID
	loadNewest(&s.personLoad, s.ctx, func(ctx context.Context) (model.Person, error) {
		return s.ws.Person(ctx, id)
	}, func(p model.Person, err error) {
		if s.person == nil || s.person.ID != id {
			return
		}
		switch {
		case model.KindOf(err) == model.NotFound:
			s.setPerson(nil)
		case err != nil:
			showError(s.win, err)
		default:
			s.person = &p
			s.updateHeader(s.rate.headerTitle())
		}
	})
}
