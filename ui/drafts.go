package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/gap"
	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// draftDialog shows drafted actions (gap.DraftPersonPlan, gap.DraftTeamPlan)
// before anything is saved: each can be kept or dropped and its objective
// edited; Save writes the kept ones in one transaction. On an error the
// dialog stays open with what was typed.
type draftDialog struct {
	title      *widget.Entry   // the plan's title; nil for a team plan
	keep       []*widget.Check // one per draft
	objectives []*widget.Entry
	save       *widget.Button
	dlg        dialog.Dialog
	drafts     []gap.Draft
}

// showDrafts opens the dialog. intro says where the drafts come from;
// planTitle is the new plan's default title ("" for a team plan, which has
// one). onSave gets the title and the kept actions, edited.
func showDrafts(s *Shell, heading, intro, planTitle, saveLabel string, f *model.Framework, drafts []gap.Draft,
	onSave func(title string, kept []model.Action) error, done func()) *draftDialog {
	d := &draftDialog{drafts: drafts}
	introL := widget.NewLabel(intro)
	introL.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(introL)
	if planTitle != "" {
		d.title = widget.NewEntry()
		d.title.SetText(planTitle)
		top.Add(container.NewBorder(nil, nil, widget.NewLabelWithStyle("Plan title", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, d.title))
	}
	rows := container.NewVBox()
	for i, dr := range drafts {
		keep := widget.NewCheck(fmt.Sprintf("Keep action %d", i+1), nil)
		keep.SetChecked(true)
		obj := widget.NewMultiLineEntry()
		obj.Wrapping = fyne.TextWrapWord
		obj.SetMinRowsVisible(3)
		obj.SetText(dr.Action.Objective)
		keep.OnChanged = func(on bool) {
			if on {
				obj.Enable()
			} else {
				obj.Disable()
			}
		}
		about := widget.NewLabel(draftAbout(f, dr))
		about.Wrapping = fyne.TextWrapWord
		about.TextStyle = fyne.TextStyle{Italic: true}
		d.keep, d.objectives = append(d.keep, keep), append(d.objectives, obj)
		rows.Add(container.NewVBox(keep, obj, about, widget.NewSeparator()))
	}
	var body fyne.CanvasObject = container.NewVScroll(rows)
	if len(drafts) == 0 {
		body = widget.NewLabel("")
	}
	cancel := widget.NewButton("Cancel", func() { d.dlg.Hide() })
	d.save = widget.NewButtonWithIcon(saveLabel, theme.DocumentSaveIcon(), func() {
		title := ""
		if d.title != nil {
			title = d.title.Text
		}
		var kept []model.Action
		for i, dr := range drafts {
			if d.keep[i].Checked {
				a := dr.Action
				a.Objective = d.objectives[i].Text
				kept = append(kept, a)
			}
		}
		d.save.Disable()
		inBackground(func() (struct{}, error) { return struct{}{}, onSave(title, kept) }, func(_ struct{}, err error) {
			d.save.Enable()
			if err != nil {
				showError(s.win, err)
				return
			}
			d.dlg.Hide()
			done()
		})
	})
	d.save.Importance = widget.HighImportance
	content := container.NewBorder(top, container.NewHBox(layout.NewSpacer(), cancel, d.save), nil, nil, body)
	d.dlg = dialog.NewCustomWithoutButtons(heading, content, s.win)
	d.dlg.Resize(fyne.NewSize(860, 600))
	d.dlg.Show()
	return d
}

// draftAbout says what a draft addresses and how, below its objective.
func draftAbout(f *model.Framework, dr gap.Draft) string {
	var items []string
	for _, id := range dr.Action.Items {
		if it, ok := f.Item(id); ok {
			items = append(items, it.Label())
		}
	}
	act := dr.Action.Activity
	if act == "" {
		act = "not chosen yet"
	}
	from := "a suggestion of Gapwise's (no catalogue entry develops this item)"
	if dr.Entry != nil {
		from = "from the learning catalogue"
	}
	return fmt.Sprintf("Addresses: %s · Activity: %s · %s. Add a due date and record progress once it is saved.", strings.Join(items, "; "), act, from)
}

// draftIntro says where a person's drafts come from.
func draftIntro(d *workspace.PlanDraft) string {
	if len(d.Drafts) == 0 {
		return fmt.Sprintf("No item is below its target in this assessment of %s, so there is nothing to draft: the plan starts empty. "+
			"Set targets (a role level, or item by item) to see your gaps.", d.Framework.Ref)
	}
	s := fmt.Sprintf("An action for each of your %s (of %s below target), largest first. Untick any you do not want and edit the words; nothing is saved until you press Create plan. ",
		model.Plural(len(d.Drafts), "largest gap", "largest gaps"), model.Plural(d.Below, "item", "items"))
	if d.Catalogue == nil {
		return s + fmt.Sprintf("No learning catalogue is loaded for %s, so the actions are general: import your organisation's catalogue in Frameworks › Learning catalogue to propose its courses.", d.Framework.Ref)
	}
	return s + fmt.Sprintf("Courses and other opportunities come from the learning catalogue from %s (%s).", d.Catalogue.Source, model.Plural(d.Catalogue.Entries, "entry", "entries"))
}

// teamDraftIntro says where a team's drafts come from.
func teamDraftIntro(d *workspace.TeamPlanDraft, workshop bool) string {
	if len(d.Drafts) == 0 {
		s := fmt.Sprintf("Nothing to draft: %s shown", model.Plural(d.Common, "common gap", "common gaps"))
		if d.Addressed > 0 {
			s += fmt.Sprintf(", %d already addressed by open actions of the plan", d.Addressed)
		}
		return s + "."
	}
	s := fmt.Sprintf("An action for each of the team's %s, most widespread first, for the whole team. Untick any you do not want and edit the words; nothing is saved until you press Add to plan. ",
		model.Plural(len(d.Drafts), "largest common gap", "largest common gaps"))
	if workshop {
		s += "Workshop display: gaps resting on too few people are left out, and no action names anyone. "
	}
	if d.Catalogue == nil {
		return s + "No learning catalogue is loaded for this framework version, so the actions are general."
	}
	return s + fmt.Sprintf("Opportunities come from the learning catalogue from %s.", d.Catalogue.Source)
}

// draftPlan is "New plan from my gaps": the drafted plan in the dialog.
func (p *planScreen) draftPlan(assessmentID string) {
	s := p.shell
	inBackground(func() (*workspace.PlanDraft, error) {
		return s.ws.DraftPlan(s.ctx, assessmentID)
	}, func(d *workspace.PlanDraft, err error) {
		if err != nil {
			showError(s.win, err)
			return
		}
		var made string
		label := "Create plan"
		if len(d.Drafts) == 0 {
			label = "Create empty plan"
		}
		p.drafts = showDrafts(s, "New plan from my gaps", draftIntro(d), d.Title, label, d.Framework, d.Drafts,
			func(title string, kept []model.Action) error {
				pl, err := s.ws.CreatePlanWithActions(s.ctx, d.Assessment.ID, title, kept)
				made = pl.ID
				return err
			}, func() { p.load(made) })
	})
}

// draftActions is the team plan's "Draft from common gaps…".
func (t *teamScreen) draftActions() {
	s := t.shell
	if t.view == nil {
		showError(s.win, model.Errorf(model.NotYet, "create or choose a team first"))
		return
	}
	id, display, f := t.view.Team.ID, t.display, t.view.Framework
	inBackground(func() (*workspace.TeamPlanDraft, error) {
		return s.ws.DraftTeamPlan(s.ctx, id, display)
	}, func(d *workspace.TeamPlanDraft, err error) {
		if err != nil {
			showError(s.win, err)
			return
		}
		t.drafts = showDrafts(s, "Draft team actions from common gaps", teamDraftIntro(d, display.Workshop), "", "Add to plan", f, d.Drafts,
			func(_ string, kept []model.Action) error {
				_, err := s.ws.AddTeamActions(s.ctx, id, kept)
				return err
			}, func() { t.load(id) })
		if len(d.Drafts) == 0 {
			t.drafts.save.Disable()
		}
	})
}
