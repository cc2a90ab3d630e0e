package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// confirmErase asks before deleting anything, saying exactly what goes as
// counted from the database (workspace.Erasure), then erases it in the
// background and calls done with what went. A deletion the rules refuse
// shows the refusal instead of a confirmation.
func confirmErase(s *Shell, title string, kind workspace.ErasureKind, id string, done func(workspace.Erasure)) {
	ws := s.ws
	inBackground(func() (workspace.Erasure, error) {
		return ws.Erasure(s.ctx, kind, id)
	}, func(e workspace.Erasure, err error) {
		if err != nil {
			showError(s.win, err)
			return
		}
		d := dialog.NewConfirm(title, "This deletes "+e.Summary()+".\n\nIt cannot be undone.", func(ok bool) {
			if !ok {
				return
			}
			inBackground(func() (workspace.Erasure, error) {
				return ws.Erase(s.ctx, kind, id)
			}, func(gone workspace.Erasure, err error) {
				if err != nil && gone.Name == "" {
					showError(s.win, err)
					return
				}
				done(gone)
				if err != nil { // deleted, but something after it failed: say so
					showError(s.win, err)
				}
			})
		}, s.win)
		d.SetConfirmText("Delete")
		d.SetConfirmImportance(widget.DangerImportance)
		d.SetDismissText("Keep")
		d.Show()
	})
}

// showNotices tells the person, once, what opening the database did on
// their behalf (it made a file others could read private).
func showNotices(win fyne.Window, notices []string) {
	if len(notices) > 0 {
		dialog.ShowInformation("Your database", strings.Join(notices, "\n\n"), win)
	}
}

// deletePerson erases the person on screen with everything that is theirs.
func (p *profileScreen) deletePerson() {
	s := p.shell
	if s.person == nil {
		showError(s.win, model.Errorf(model.NotYet, "choose a person first"))
		return
	}
	confirmErase(s, "Delete person", workspace.ErasePerson, s.person.ID, func(gone workspace.Erasure) {
		s.setPerson(nil)
		p.reloadPeople()
		p.status.SetText("Deleted " + gone.Summary() + ".")
	})
}

// deleteAssessment removes the open assessment with its ratings.
func (p *profileScreen) deleteAssessment() {
	s := p.shell
	if s.assessment == "" {
		showError(s.win, model.Errorf(model.NotYet, "open an assessment first (select it in the list)"))
		return
	}
	confirmErase(s, "Delete assessment", workspace.EraseAssessment, s.assessment, func(gone workspace.Erasure) {
		s.assessment = ""
		s.rate.load("")
		s.updateHeader("")
		p.reloadAssessments()
		p.status.SetText("Deleted " + gone.Summary() + ".")
	})
}

// deletePlan removes the plan on screen and its actions.
func (p *planScreen) deletePlan() {
	if p.plan == nil {
		return
	}
	confirmErase(p.shell, "Delete plan", workspace.ErasePlan, p.plan.ID, func(gone workspace.Erasure) {
		p.plan = nil
		p.load("")
		p.status.SetText("Deleted " + gone.Summary() + ".")
	})
}

// deleteAppraisal removes the appraisal on screen with its notes.
func (a *appraisalScreen) deleteAppraisal() {
	if a.view == nil {
		return
	}
	confirmErase(a.shell, "Delete appraisal", workspace.EraseAppraisal, a.view.Appraisal.ID, func(gone workspace.Erasure) {
		a.view = nil
		a.load("")
		a.status.SetText("Deleted " + gone.Summary() + ".")
	})
}

// deleteTeam removes the team on screen, its targets and plans; the people
// stay.
func (t *teamScreen) deleteTeam() {
	id := t.teamID()
	if id == "" {
		return
	}
	confirmErase(t.shell, "Delete team", workspace.EraseTeam, id, func(gone workspace.Erasure) {
		t.view, t.plan = nil, nil
		t.picker.ClearSelected()
		t.reloadTeams("")
		t.status.SetText("Deleted " + gone.Summary() + ".")
	})
}

// removeMember takes a member chosen by name out of the team (and off its
// plan actions). It lists names, so it is off in workshop display.
func (t *teamScreen) removeMember() {
	s := t.shell
	id := t.teamID()
	if id == "" || t.view == nil || len(t.view.Members) == 0 {
		showError(s.win, model.Errorf(model.NotYet, "this team has no members to remove"))
		return
	}
	members := t.view.Members
	names := make([]string, len(members))
	for i, m := range members {
		names[i] = m.Name + " (" + m.Discipline.Label() + ")"
	}
	pick := widget.NewSelect(names, nil)
	dialog.ShowCustomConfirm("Remove a person from the team", "Next", "Cancel", pick, func(ok bool) {
		i := pick.SelectedIndex()
		if !ok || i < 0 {
			return
		}
		confirmErase(s, "Remove from team", workspace.EraseMembership, workspace.MembershipID(model.TeamID(id), model.PersonID(members[i].ID)), func(gone workspace.Erasure) {
			t.load(id)
			t.status.SetText("Removed " + gone.Summary() + ".")
		})
	}, s.win)
}
