package ui

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/gap"
	"gapwise/internal/model"
)

// planScreen is the person's development plan: SMART actions linked to the
// items they address, and the plan as a PDF.
type planScreen struct {
	listing, loading newest // latest-wins loads (ui/async.go)
	shell            *Shell
	plans            []model.Plan
	plan             *model.Plan
	fw               *model.Framework // the plan's framework version
	gapIt            []*model.Item    // items below target in the person's latest assessment of the plan's framework
	drafts           *draftDialog     // the last "New plan from my gaps" dialog (tests)

	picker *widget.Select
	list   *widget.List
	rows   *wrappedRows // the list's rows as tall as their text (layouts.go)
	status *widget.Label
	body   fyne.CanvasObject
	root   *fyne.Container
	empty  *widget.Label
}

func newPlanScreen(s *Shell) *planScreen {
	p := &planScreen{shell: s}
	p.picker = widget.NewSelect(nil, func(string) {
		if i := p.picker.SelectedIndex(); i >= 0 && i < len(p.plans) {
			p.show(p.plans[i].ID)
		}
	})
	p.picker.PlaceHolder = "Choose a plan"
	p.list = widget.NewList(
		func() int {
			if p.plan == nil {
				return 0
			}
			return len(p.plan.Actions)
		},
		func() fyne.CanvasObject { return wrapRowLabel("action template") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			setLabel(o.(*widget.Label), actionLine(p.plan.Actions[id]), false)
		},
	)
	// A long action wraps onto a second and third line rather than being
	// cut where the window has room below.
	var rows fyne.CanvasObject
	rows, p.rows = fitRows(p.list, func() int {
		if p.plan == nil {
			return 0
		}
		return len(p.plan.Actions)
	}, func(id int) string { return actionLine(p.plan.Actions[id]) }, 3)
	p.list.OnSelected = func(id widget.ListItemID) {
		p.list.Unselect(id)
		if p.plan != nil && id >= 0 && id < len(p.plan.Actions) {
			p.editAction(p.plan.Actions[id])
		}
	}
	p.status = widget.NewLabel("")
	p.status.Wrapping = fyne.TextWrapWord
	newPlan := widget.NewButtonWithIcon("New plan from my gaps", theme.ContentAddIcon(), func() { p.newPlan() })
	add := widget.NewButtonWithIcon("Add action…", theme.ContentAddIcon(), func() {
		if p.plan != nil {
			p.editAction(model.Action{Status: model.Planned})
		}
	})
	add.Importance = widget.HighImportance
	pdf := widget.NewButtonWithIcon("Save plan as PDF…", theme.DocumentPrintIcon(), func() { p.savePDF() })
	top := container.NewVBox(
		newBar(widget.NewLabel("Plan"), p.picker, newPlan),
		container.New(layout.NewRowWrapLayout(), add, pdf, widget.NewButtonWithIcon("Delete plan…", theme.DeleteIcon(), func() { p.deletePlan() })),
		p.status,
		widget.NewLabelWithStyle("Actions (select one to edit it or record progress)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
	)
	p.body = container.NewBorder(top, nil, nil, nil, rows)
	p.empty = widget.NewLabel("No development plan yet. Open an assessment, then press New plan from my gaps.")
	p.root = container.NewStack(container.NewBorder(container.NewHBox(newPlan), nil, nil, nil, container.NewCenter(p.empty)))
	return p
}

// content is the screen's root object.
func (p *planScreen) content() fyne.CanvasObject { return p.root }

// shown is the plan on screen, nil when none.
func (p *planScreen) shown() *model.Plan { return p.plan }

func actionLine(a model.Action) string {
	due := "no due date"
	if a.Due != "" {
		due = "due " + a.Due
	}
	act := a.Activity
	if act == "" {
		act = "activity not chosen"
	}
	return fmt.Sprintf("[%s] %s — %s, %s · %s", a.Status, a.Objective, act, due, strings.Join(a.Items, ", "))
}

// load lists the current person's plans and shows the newest (or keepID).
func (p *planScreen) load(keepID string) {
	person := p.shell.person
	if person == nil {
		p.listing.stale()
		p.loading.stale()
		p.plans, p.plan = nil, nil
		p.root.Objects = []fyne.CanvasObject{container.NewCenter(p.empty)}
		p.root.Refresh()
		return
	}
	loadNewest(&p.listing, p.shell.ctx, func(ctx context.Context) ([]model.Plan, error) {
		return p.shell.ws.Plans(ctx, person.ID)
	}, func(plans []model.Plan, err error) {
		if err != nil {
			showError(p.shell.win, err)
			return
		}
		p.plans = plans
		names := make([]string, len(plans))
		for i, pl := range plans {
			names[i] = pl.Title
		}
		p.picker.SetOptions(names)
		if len(plans) == 0 {
			p.plan = nil
			p.root.Objects = []fyne.CanvasObject{container.NewBorder(container.NewHBox(widget.NewButtonWithIcon("New plan from my gaps", theme.ContentAddIcon(), func() { p.newPlan() })), nil, nil, nil, container.NewCenter(p.empty))}
			p.root.Refresh()
			return
		}
		p.root.Objects = []fyne.CanvasObject{p.body}
		p.root.Refresh()
		idx := 0
		for i, pl := range plans {
			if pl.ID == keepID {
				idx = i
			}
		}
		p.picker.SetSelectedIndex(idx)
	})
}

type planData struct {
	plan  model.Plan
	fw    *model.Framework
	items []*model.Item
	from  model.Assessment // the self-assessment the items come from; zero when none
}

// show loads one plan and the items its person is below target on.
func (p *planScreen) show(id string) {
	ws := p.shell.ws
	loadNewest(&p.loading, p.shell.ctx, func(ctx context.Context) (planData, error) {
		pl, err := ws.Plan(ctx, id)
		if err != nil {
			return planData{}, err
		}
		d := planData{plan: pl}
		if d.fw, err = ws.Framework(ctx, pl.Framework); err != nil {
			return d, err
		}
		as, err := ws.Assessments(ctx, pl.PersonID)
		if err != nil {
			return d, err
		}
		for _, a := range as { // newest first: the person's own latest self-assessment
			if a.Framework != pl.Framework || a.Kind != model.SelfAssessment {
				continue
			}
			d.from = a
			v, err := ws.Gaps(ctx, a.ID)
			if err != nil {
				return d, err
			}
			for _, g := range v.Report.Items {
				if g.Status == gap.Below {
					d.items = append(d.items, g.Item)
				}
			}
			break
		}
		return d, nil
	}, func(d planData, err error) {
		if err != nil {
			showError(p.shell.win, err)
			return
		}
		p.plan, p.fw, p.gapIt = &d.plan, d.fw, d.items
		p.rows.refit()
		p.list.Refresh()
		done := 0
		for _, a := range d.plan.Actions {
			if a.Status == model.Done {
				done++
			}
		}
		from := "no self-assessment of this framework version yet"
		if d.from.ID != "" {
			from = "from the self-assessment of " + d.from.CreatedAt.Local().Format("2 Jan 2006")
		}
		p.status.SetText(fmt.Sprintf("%s · %d action(s), %d done · %d item(s) below target to address (%s)", d.plan.Framework, len(d.plan.Actions), done, len(d.items), from))
	})
}

// newPlan drafts a plan from the open assessment's gaps, shown for the
// person to keep, edit or drop each action before it is saved (ui/drafts.go).
func (p *planScreen) newPlan() {
	s := p.shell
	id := s.openAssessmentID()
	if id == "" {
		showError(s.win, model.Errorf(model.NotYet, "open an assessment first: a plan addresses its gaps"))
		return
	}
	p.draftPlan(id)
}

// editAction shows the action form for the person's plan.
func (p *planScreen) editAction(a model.Action) {
	s := p.shell
	planID := p.plan.ID
	candidates := slices.Clone(p.gapIt)
	for _, id := range a.Items {
		if !slices.ContainsFunc(candidates, func(it *model.Item) bool { return it.ID == id }) {
			if it, ok := p.frameworkItem(id); ok {
				candidates = append(candidates, it)
			}
		}
	}
	form := actionForm{
		shell: s, action: a, items: candidates,
		save: func(a model.Action) error {
			_, err := s.ws.SaveAction(p.shell.ctx, planID, a)
			return err
		},
		remove: func(id string) error { return s.ws.DeleteAction(p.shell.ctx, model.PlanID(planID), model.ActionID(id)) },
		done:   func() { p.show(planID) },
	}
	form.show()
}

// actionForm edits one development action, for a person's plan or a
// team's. Saving validates in the workspace; on an error the form stays
// open so nothing typed is lost.
type actionForm struct {
	shell  *Shell
	action model.Action
	items  []*model.Item  // items the action may address
	owners []model.Person // team members it may belong to; nil for a personal plan
	ownerL func(i int) string
	// hideEvidence keeps the completion evidence off screen (workshop
	// display) and unchanged on save.
	hideEvidence bool
	save         func(model.Action) error
	remove       func(actionID string) error
	done         func()
}

func (f actionForm) show() {
	s, a := f.shell, f.action
	objective := widget.NewMultiLineEntry()
	objective.SetPlaceHolder("Specific, measurable, achievable, relevant, time-bound: e.g. Complete three FCI mentoring sessions on clinical safety by March")
	objective.Wrapping = fyne.TextWrapWord
	objective.SetText(a.Objective)
	labels := make([]string, len(f.items))
	var chosen []string
	for i, it := range f.items {
		labels[i] = it.Label()
		if slices.Contains(a.Items, it.ID) {
			chosen = append(chosen, labels[i])
		}
	}
	items := widget.NewCheckGroup(labels, nil)
	items.SetSelected(chosen)
	activity := widget.NewSelect(model.Activities, nil)
	activity.SetSelected(a.Activity)
	due := widget.NewEntry()
	due.SetPlaceHolder("YYYY-MM-DD")
	due.SetText(a.Due)
	statuses := make([]string, len(model.ActionStatuses))
	for i, st := range model.ActionStatuses {
		statuses[i] = string(st)
	}
	status := widget.NewSelect(statuses, nil)
	status.SetSelected(string(a.Status))
	evidence := widget.NewMultiLineEntry()
	evidence.SetPlaceHolder("Completion evidence: certificate, project outcome, reflection")
	if !f.hideEvidence {
		evidence.SetText(a.Evidence)
	}
	itemsBox := fyne.CanvasObject(container.NewVScroll(items))
	if len(f.items) == 0 {
		itemsBox = widget.NewLabel("No items below target to choose from.")
	}
	formItems := []*widget.FormItem{
		widget.NewFormItem("SMART objective", objective),
		widget.NewFormItem("Items it addresses", container.NewGridWrap(fyne.NewSize(620, 150), itemsBox)),
	}
	var owner *widget.Select
	if f.owners != nil {
		names := []string{"The whole team"}
		for i := range f.owners {
			names = append(names, f.ownerL(i))
		}
		owner = widget.NewSelect(names, nil)
		owner.SetSelectedIndex(0)
		for i, m := range f.owners {
			if m.ID == a.Owner {
				owner.SetSelectedIndex(i + 1)
			}
		}
		formItems = append(formItems, widget.NewFormItem("For", owner))
	}
	formItems = append(formItems,
		widget.NewFormItem("Activity", activity),
		widget.NewFormItem("Due", due),
		widget.NewFormItem("Status", status),
	)
	if f.hideEvidence {
		formItems = append(formItems, widget.NewFormItem("Completion evidence", widget.NewLabel("Hidden in workshop display; it is kept as it is.")))
	} else {
		formItems = append(formItems, widget.NewFormItem("Completion evidence", evidence))
	}
	form := widget.NewForm(formItems...)
	title := "New action"
	if a.ID != "" {
		title = "Edit action"
	}
	var d dialog.Dialog
	save := func() {
		a.Objective, a.Activity, a.Due = objective.Text, activity.Selected, strings.TrimSpace(due.Text)
		if !f.hideEvidence {
			a.Evidence = evidence.Text
		}
		a.Status = model.ActionStatus(status.Selected)
		a.Items = nil
		for i, l := range labels {
			if slices.Contains(items.Selected, l) {
				a.Items = append(a.Items, f.items[i].ID)
			}
		}
		if owner != nil {
			a.Owner = ""
			if i := owner.SelectedIndex(); i > 0 {
				a.Owner = f.owners[i-1].ID
			}
		}
		inBackground(func() (struct{}, error) { return struct{}{}, f.save(a) }, func(_ struct{}, err error) {
			if err != nil {
				showError(s.win, err)
				return
			}
			d.Hide()
			f.done()
		})
	}
	buttons := container.NewHBox(widget.NewButton("Cancel", func() { d.Hide() }))
	if a.ID != "" {
		buttons.Add(widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() {
			dialog.ShowConfirm("Delete action", "Delete this action from the plan?", func(ok bool) {
				if !ok {
					return
				}
				inBackground(func() (struct{}, error) { return struct{}{}, f.remove(a.ID) }, func(_ struct{}, err error) {
					if err != nil {
						showError(s.win, err)
						return
					}
					d.Hide()
					f.done()
				})
			}, s.win)
		}))
	}
	saveBtn := widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), save)
	saveBtn.Importance = widget.HighImportance
	buttons.Add(saveBtn)
	d = dialog.NewCustomWithoutButtons(title, container.NewBorder(nil, buttons, nil, nil, container.NewVScroll(form)), s.win)
	d.Resize(fyne.NewSize(900, 640))
	d.Show()
}

func (p *planScreen) frameworkItem(id string) (*model.Item, bool) {
	if p.fw == nil {
		return nil, false
	}
	return p.fw.Item(id)
}

// savePDF saves the plan as a PDF where the user chooses.
func (p *planScreen) savePDF() {
	if p.plan == nil || p.shell.person == nil {
		return
	}
	id := p.plan.ID
	name := fileName(".pdf", "Development plan", p.shell.person.Name, time.Now().Format("2006-01-02"))
	p.shell.saveAs(savePDF, name, rendered(func(w io.Writer) error {
		return p.shell.ws.PlanReport(p.shell.ctx, id, w, time.Now())
	}), p.status, nil)
}
