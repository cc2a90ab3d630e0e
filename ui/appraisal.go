package ui

import (
	"context"
	"fmt"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// appraisalScreen runs a joint appraisal: the self-assessment beside the
// appraiser's, disagreements flagged (never averaged), an agreed level and
// a note per item, the plans, and sign-off by both, then the PDF.
type appraisalScreen struct {
	listing, loading newest // latest-wins loads (ui/async.go)
	shell            *Shell
	appraisals       []model.Appraisal
	view             *workspace.AppraisalView

	picker  *widget.Select
	summary *widget.Label
	review  *widget.Label
	list    *widget.List
	overall *widget.Entry
	status  *widget.Label
	body    fyne.CanvasObject
	empty   *widget.Label
	root    *fyne.Container
}

func newAppraisalScreen(s *Shell) *appraisalScreen {
	a := &appraisalScreen{shell: s}
	a.picker = widget.NewSelect(nil, func(string) {
		if i := a.picker.SelectedIndex(); i >= 0 && i < len(a.appraisals) {
			a.show(a.appraisals[i].ID)
		}
	})
	a.picker.PlaceHolder = "Choose an appraisal"
	a.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	a.summary.Wrapping = fyne.TextWrapWord
	a.review = widget.NewLabel("")
	a.review.Wrapping = fyne.TextWrapWord
	a.status = widget.NewLabel("")
	a.status.Wrapping = fyne.TextWrapWord
	a.list = widget.NewList(
		func() int {
			if a.view == nil {
				return 0
			}
			return len(a.view.Items)
		},
		func() fyne.CanvasObject {
			name := widget.NewLabel("item template")
			name.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, nil, widget.NewLabel("self 0 · appraiser 0 · agreed 0"), name)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			row := a.view.Items[id]
			c := o.(*fyne.Container)
			name := row.Item.Label()
			if row.Note != "" {
				name += " (note)"
			}
			setLabel(c.Objects[0].(*widget.Label), name, row.Disagree)
			setLabel(c.Objects[1].(*widget.Label), appraisalLevels(row), row.Disagree)
		},
	)
	a.list.OnSelected = func(id widget.ListItemID) {
		a.list.Unselect(id)
		if a.view != nil && id >= 0 && id < len(a.view.Items) {
			a.agree(a.view.Items[id])
		}
	}
	a.overall = widget.NewMultiLineEntry()
	a.overall.SetPlaceHolder("Overall discussion and summary")
	a.overall.SetMinRowsVisible(3)
	saveNotes := widget.NewButtonWithIcon("Save summary", theme.DocumentSaveIcon(), func() { a.saveOverall() })

	start := widget.NewButtonWithIcon("Start an appraisal…", theme.ContentAddIcon(), func() { a.start() })
	rateAs := widget.NewButtonWithIcon("Appraiser rates here", theme.DocumentCreateIcon(), func() { a.rateAsAppraiser() })
	importBtn := widget.NewButtonWithIcon("Import appraiser's file…", theme.DownloadIcon(), func() { a.importAppraiser() })
	signSelf := widget.NewButtonWithIcon("Sign as appraisee", theme.ConfirmIcon(), func() { a.sign(workspace.SignAppraisee) })
	signAppr := widget.NewButtonWithIcon("Sign as appraiser", theme.ConfirmIcon(), func() { a.sign(workspace.SignAppraiser) })
	pdf := widget.NewButtonWithIcon("Save appraisal PDF…", theme.DocumentPrintIcon(), func() { a.savePDF() })
	top := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel("Appraisal"), start, a.picker),
		container.NewHBox(rateAs, importBtn, signSelf, signAppr, pdf, widget.NewButtonWithIcon("Delete appraisal…", theme.DeleteIcon(), func() { a.deleteAppraisal() })),
		a.summary, a.review,
		widget.NewLabelWithStyle("Items: self · appraiser · agreed (bold rows differ; select one to agree a level and add a note)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
	)
	bottom := container.NewVBox(container.NewBorder(nil, nil, nil, saveNotes, a.overall), a.status)
	a.body = container.NewBorder(top, bottom, nil, nil, a.list)
	a.empty = widget.NewLabel("No appraisal yet for this person. Start one from a self-assessment.")
	a.root = container.NewStack(container.NewBorder(container.NewHBox(start), nil, nil, nil, container.NewCenter(a.empty)))
	return a
}

// content is the screen's root object.
func (a *appraisalScreen) content() fyne.CanvasObject { return a.root }

// shown is the appraisal on screen, nil when none.
func (a *appraisalScreen) shown() *workspace.AppraisalView { return a.view }

func levelText(v *int) string {
	if v == nil {
		return "–"
	}
	return fmt.Sprint(*v)
}

// appraisalLevels states the three levels, and a disagreement in words.
func appraisalLevels(r workspace.AppraisalRow) string {
	s := fmt.Sprintf("self %s · appraiser %s · agreed %s", levelText(r.Self), levelText(r.Appraiser), levelText(r.Agreed))
	if r.Disagree {
		d := *r.Self - *r.Appraiser
		if d < 0 {
			d = -d
		}
		s = fmt.Sprintf("DIFFERS by %d · ", d) + s
	}
	return s
}

// load lists the current person's appraisals and shows the newest (or keepID).
func (a *appraisalScreen) load(keepID string) {
	person := a.shell.person
	if person == nil {
		a.listing.stale()
		a.loading.stale()
		a.view = nil
		a.root.Objects = []fyne.CanvasObject{container.NewCenter(a.empty)}
		a.root.Refresh()
		return
	}
	loadNewest(&a.listing, a.shell.ctx, func(ctx context.Context) ([]model.Appraisal, error) {
		return a.shell.ws.Appraisals(ctx, person.ID)
	}, func(list []model.Appraisal, err error) {
		if err != nil {
			showError(a.shell.win, err)
			return
		}
		a.appraisals = list
		names := make([]string, len(list))
		for i, ap := range list {
			names[i] = fmt.Sprintf("%s · %s · appraiser %s", ap.Period, ap.Framework, ap.AppraiserName)
		}
		a.picker.SetOptions(names)
		if len(list) == 0 {
			a.view = nil
			a.root.Objects = []fyne.CanvasObject{container.NewBorder(container.NewHBox(widget.NewButtonWithIcon("Start an appraisal…", theme.ContentAddIcon(), func() { a.start() })), nil, nil, nil, container.NewCenter(a.empty))}
			a.root.Refresh()
			return
		}
		a.root.Objects = []fyne.CanvasObject{a.body}
		a.root.Refresh()
		idx := 0
		for i, ap := range list {
			if ap.ID == keepID {
				idx = i
			}
		}
		if a.picker.SelectedIndex() == idx && a.view != nil && a.view.Appraisal.ID == list[idx].ID {
			a.show(list[idx].ID)
			return
		}
		a.picker.SetSelectedIndex(idx)
	})
}

func (a *appraisalScreen) show(id string) {
	loadNewest(&a.loading, a.shell.ctx, func(ctx context.Context) (*workspace.AppraisalView, error) {
		return a.shell.ws.AppraisalView(ctx, id)
	}, func(v *workspace.AppraisalView, err error) {
		if err != nil {
			showError(a.shell.win, err)
			return
		}
		prev := a.view
		a.view = v
		c := v.Counts
		signed := func(t time.Time) string {
			if t.IsZero() {
				return "not signed"
			}
			return "signed " + t.Local().Format("2 Jan 2006")
		}
		appr := "the appraiser has not rated yet"
		if v.Appraiser != nil {
			appr = fmt.Sprintf("%d rated by both", c.RatedByBoth)
		}
		a.summary.SetText(fmt.Sprintf("%s · %s · appraiser %s · %s · %d disagreement(s) · %d agreed, %d still to agree · appraisee %s, appraiser %s",
			v.Person.Name, v.Framework.ShortName, v.Appraisal.AppraiserName, appr, c.Disagreements, c.Agreed, c.Outstanding,
			signed(v.Appraisal.AppraiseeSignedAt), signed(v.Appraisal.AppraiserSignedAt)))
		a.review.SetText(previousPlanText(v.PreviousPlan))
		// A redraw after another change (an agreed level, a sign-off) keeps a
		// summary being typed and not yet saved.
		if prev == nil || prev.Appraisal.ID != v.Appraisal.ID || a.overall.Text == prev.Appraisal.OverallNotes {
			a.overall.SetText(v.Appraisal.OverallNotes)
		}
		a.list.Refresh()
	})
}

// previousPlanText reviews last period's plan: each action's status.
func previousPlanText(p *model.Plan) string {
	if p == nil {
		return "Previous plan: none to review."
	}
	counts := map[model.ActionStatus]int{}
	for _, ac := range p.Actions {
		counts[ac.Status]++
	}
	return fmt.Sprintf("Previous plan (%s): %d action(s): %d done, %d in progress, %d planned, %d dropped. Update their status in Plan.",
		p.Title, len(p.Actions), counts[model.Done], counts[model.InProgress], counts[model.Planned], counts[model.Dropped])
}

// start begins an appraisal from one of the person's self-assessments.
func (a *appraisalScreen) start() {
	s := a.shell
	if s.person == nil {
		showError(s.win, model.Errorf(model.NotYet, "choose the appraisee in Me first"))
		return
	}
	person := *s.person
	inBackground(func() ([]model.Assessment, error) {
		as, err := s.ws.Assessments(a.shell.ctx, person.ID)
		var self []model.Assessment
		for _, x := range as {
			if x.Kind == model.SelfAssessment {
				self = append(self, x)
			}
		}
		return self, err
	}, func(self []model.Assessment, err error) {
		if err != nil {
			showError(s.win, err)
			return
		}
		if len(self) == 0 {
			showError(s.win, model.Errorf(model.NotYet, "%s has no self-assessment yet: an appraisal starts from one", person.Name))
			return
		}
		opts := make([]string, len(self))
		for i, x := range self {
			opts[i] = fmt.Sprintf("%s · started %s", x.Framework, x.CreatedAt.Local().Format("2 Jan 2006"))
		}
		pick := widget.NewSelect(opts, nil)
		pick.SetSelectedIndex(0)
		appraiser := widget.NewEntry()
		appraiser.SetPlaceHolder("Appraiser's name")
		period := widget.NewEntry()
		period.SetText(workspace.AppraisalPeriod(time.Now()))
		form := widget.NewForm(widget.NewFormItem("Self-assessment", pick), widget.NewFormItem("Appraiser", appraiser), widget.NewFormItem("Period", period))
		showForm(s.win, "Start an appraisal for "+person.Name, "Start", form, fyne.NewSize(640, 260),
			func() (func() (model.Appraisal, error), error) {
				i := pick.SelectedIndex()
				if i < 0 {
					return nil, model.Errorf(model.Invalid, "choose the self-assessment the appraisal starts from")
				}
				selfID, name, per := self[i].ID, appraiser.Text, period.Text
				return func() (model.Appraisal, error) {
					return s.ws.StartAppraisal(a.shell.ctx, selfID, name, per)
				}, nil
			}, func(ap model.Appraisal) { a.load(ap.ID) })
	})
}

// rateAsAppraiser opens the appraiser's assessment on the rating screen.
func (a *appraisalScreen) rateAsAppraiser() {
	if a.view == nil {
		return
	}
	id := a.view.Appraisal.ID
	inBackground(func() (model.Assessment, error) {
		return a.shell.ws.RateAsAppraiser(a.shell.ctx, id)
	}, func(as model.Assessment, err error) {
		if err != nil {
			showError(a.shell.win, err)
			return
		}
		a.shell.openAssessment(as.ID, true)
	})
}

// importAppraiserPath imports the appraiser's file, asking first whether a
// file giving the appraisee other details is the same person.
func (a *appraisalScreen) importAppraiserPath(id, path string, opts workspace.AssessmentImportOptions) {
	inBackground(func() (workspace.ImportResult, error) {
		return a.shell.ws.ImportAppraiserPath(a.shell.ctx, id, path, opts)
	}, func(res workspace.ImportResult, err error) {
		if err != nil {
			if !askSamePerson(a.shell, err, func() { a.importAppraiserPath(id, path, workspace.AssessmentImportOptions{AcceptPersonUpdate: true}) }, nil) {
				showError(a.shell.win, err)
			}
			return
		}
		a.status.SetText(res.Describe() + ".")
		a.show(id)
	})
}

// importAppraiser takes the appraiser's .gapwise.json file of kind "appraiser".
func (a *appraisalScreen) importAppraiser() {
	if a.view == nil {
		return
	}
	id := a.view.Appraisal.ID
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			showError(a.shell.win, err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		a.importAppraiserPath(id, path, workspace.AssessmentImportOptions{})
	}, a.shell.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	d.Show()
}

// agree sets an item's agreed level and discussion note.
func (a *appraisalScreen) agree(row workspace.AppraisalRow) {
	s := a.shell
	v := a.view
	opts := []string{"Not agreed yet"}
	lvls := []int{-1}
	all := append([]int{model.NoneLevel}, row.Item.Levels...)
	if len(row.Item.Levels) > 0 && row.Item.Levels[0] == model.NoneLevel {
		all = row.Item.Levels
	}
	for _, lv := range all {
		opts = append(opts, fmt.Sprintf("%d · %s", lv, v.Framework.Scale.LevelName(lv)))
		lvls = append(lvls, lv)
	}
	level := widget.NewSelect(opts, nil)
	level.SetSelectedIndex(0)
	for i, lv := range lvls {
		if row.Agreed != nil && *row.Agreed == lv {
			level.SetSelectedIndex(i)
		}
	}
	note := widget.NewMultiLineEntry()
	note.SetText(row.Note)
	note.SetPlaceHolder("What you discussed about this item")
	info := widget.NewLabel(appraisalLevels(row))
	form := widget.NewForm(widget.NewFormItem("Ratings", info), widget.NewFormItem("Agreed level", level), widget.NewFormItem("Note", note))
	// On an error (a note too long, a signed appraisal) the form stays open
	// with the note as typed; the change event redraws the appraisal.
	showForm(s.win, row.Item.Label(), "Save", form, fyne.NewSize(720, 360), func() (func() (struct{}, error), error) {
		id, item, lv, text := v.Appraisal.ID, row.Item.ID, lvls[max(level.SelectedIndex(), 0)], note.Text
		return func() (struct{}, error) {
			ctx := a.shell.ctx
			var err error
			if lv < 0 {
				err = s.ws.ClearAgreed(ctx, id, item)
			} else {
				err = s.ws.SetAgreed(ctx, id, item, lv)
			}
			if err == nil && text != row.Note {
				err = s.ws.SetAppraisalNote(ctx, id, item, text)
			}
			return struct{}{}, err
		}, nil
	}, func(struct{}) {})
}

func (a *appraisalScreen) saveOverall() {
	if a.view == nil {
		return
	}
	id, text := a.view.Appraisal.ID, a.overall.Text
	inBackground(func() (struct{}, error) {
		return struct{}{}, a.shell.ws.SetOverallNotes(a.shell.ctx, id, text)
	}, func(_ struct{}, err error) {
		if err != nil {
			showError(a.shell.win, err)
			return
		}
		a.status.SetText("Summary saved.")
	})
}

// sign records one person's sign-off after a confirmation naming them.
func (a *appraisalScreen) sign(who string) {
	if a.view == nil {
		return
	}
	v := a.view
	name := v.Person.Name
	if who == workspace.SignAppraiser {
		name = v.Appraisal.AppraiserName
	}
	dialog.ShowConfirm("Sign off", fmt.Sprintf("Sign this appraisal as %s (%s)? After sign-off the agreed levels and notes are locked.", name, who), func(ok bool) {
		if !ok {
			return
		}
		id := v.Appraisal.ID
		inBackground(func() (struct{}, error) {
			return struct{}{}, a.shell.ws.SignOff(a.shell.ctx, id, who)
		}, func(_ struct{}, err error) {
			if err != nil {
				showError(a.shell.win, err)
				return
			}
			a.show(id)
		})
	}, a.shell.win)
}

func (a *appraisalScreen) savePDF() {
	if a.view == nil {
		return
	}
	id := a.view.Appraisal.ID
	name := fmt.Sprintf("%s-joint-appraisal-%s.pdf", model.Slug(a.view.Person.Name), model.Slug(a.view.Appraisal.Period))
	saveReport(a.shell, name, func(w io.Writer) error {
		return a.shell.ws.AppraisalReport(a.shell.ctx, id, w, time.Now())
	}, a.status)
}
