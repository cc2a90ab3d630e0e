package ui

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// profileScreen is "Me": choose or create a person, edit the profile, and
// start, open, export or import their assessments.
type profileScreen struct {
	listing, loading, choosing, sampling newest // latest-wins loads (ui/async.go)
	shell                                *Shell

	people      []model.PersonName // the picker's options, by name
	listed      bool               // people is everyone, not just the person shown (the picker has been opened)
	whenListed  func()             // what to do once everyone is listed (the picker's open, waiting for the names)
	picker      *lazySelect
	name        *widget.Entry
	discipline  *widget.Select
	role        *widget.Entry
	org         *widget.Entry
	wte         *widget.Entry
	save        *widget.Button
	form        *widget.Form
	assessments []assessmentRow
	list        *widget.List
	status      *widget.Label
	actions     *fyne.Container
	sampleBtn   *widget.Button
	root        fyne.CanvasObject
}

// assessmentRow is one line of the person's assessment list.
type assessmentRow struct {
	a     model.Assessment
	label string
}

func disciplineLabels() []string {
	out := make([]string, len(model.Disciplines))
	for i, d := range model.Disciplines {
		out[i] = d.Label()
	}
	return out
}

func newProfileScreen(s *Shell) *profileScreen {
	p := &profileScreen{shell: s}
	p.picker = newLazySelect(p.listEveryone, func(string) {
		i := p.picker.SelectedIndex()
		if i < 0 || i >= len(p.people) || (s.person != nil && s.person.ID == p.people[i].ID) {
			return
		}
		id := p.people[i].ID
		loadNewest(&p.choosing, s.ctx, func(ctx context.Context) (model.Person, error) {
			return s.ws.Person(ctx, id)
		}, func(person model.Person, err error) {
			if err != nil {
				showError(s.win, err)
				return
			}
			s.setPerson(&person)
		})
	})
	p.picker.PlaceHolder = "Choose a person"
	newBtn := widget.NewButtonWithIcon("New person", theme.ContentAddIcon(), func() { p.newPerson() })
	p.sampleBtn = widget.NewButtonWithIcon("Try with sample data", theme.HelpIcon(), func() { p.trySample() })

	p.name = widget.NewEntry()
	p.discipline = widget.NewSelect(disciplineLabels(), nil)
	p.role = widget.NewEntry()
	p.role.SetPlaceHolder("e.g. Nurse informatician, CCIO, clinical safety officer")
	p.org = widget.NewEntry()
	p.wte = widget.NewEntry()
	p.wte.SetPlaceHolder("e.g. 0.4 for two days a week")
	p.form = widget.NewForm(
		widget.NewFormItem("Name", p.name),
		widget.NewFormItem("Discipline", p.discipline),
		widget.NewFormItem("Job role", p.role),
		widget.NewFormItem("Organisation", p.org),
		widget.NewFormItem("Informatics WTE", p.wte),
	)
	p.save = widget.NewButtonWithIcon("Save profile", theme.DocumentSaveIcon(), func() { p.saveProfile() })
	p.save.Importance = widget.HighImportance
	p.status = widget.NewLabel("")
	p.status.Wrapping = fyne.TextWrapWord

	p.list = widget.NewList(
		func() int { return len(p.assessments) },
		func() fyne.CanvasObject { return widget.NewLabel("assessment template row that is fairly long") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Truncation = fyne.TextTruncateEllipsis
			l.SetText(p.assessments[id].label)
		},
	)
	p.list.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(p.assessments) {
			s.openAssessment(p.assessments[id].a.ID, true)
		}
	}
	start := widget.NewButtonWithIcon("Start an assessment…", theme.ContentAddIcon(), func() { p.startAssessment() })
	start.Importance = widget.HighImportance
	export := widget.NewButtonWithIcon("Export the open assessment…", theme.UploadIcon(), func() { p.exportOpen() })
	imp := widget.NewButtonWithIcon("Import a file…", theme.DownloadIcon(), func() { p.importFile() })
	delAssessment := widget.NewButtonWithIcon("Delete the open assessment…", theme.DeleteIcon(), func() { p.deleteAssessment() })
	p.actions = container.New(layout.NewRowWrapLayout(), start, export, imp, delAssessment) // wraps at 1024 wide with large text

	top := newBar(widget.NewLabel("Person"), p.picker, newBtn, p.sampleBtn)
	profile := container.NewVBox(
		widget.NewLabelWithStyle("Profile", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		p.form, container.NewHBox(p.save, widget.NewButtonWithIcon("Delete person…", theme.DeleteIcon(), func() { p.deletePerson() })), p.status,
		widget.NewSeparator(),
		widget.NewLabelWithStyle("Assessments (select one to open it for rating)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		p.actions,
	)
	// The page scrolls when the window is too short for the form and the
	// list (150% text on a 768-pixel screen); otherwise the list takes the room left.
	p.root = container.NewVScroll(container.NewPadded(container.NewBorder(container.NewVBox(top, widget.NewSeparator(), profile), nil, nil, nil, p.list)))
	p.reloadPeople()
	return p
}

// content is the screen's root object.
func (p *profileScreen) content() fyne.CanvasObject { return p.root }

// reloadPeople refreshes the person picker and the sample button. Until the
// picker is first opened it offers only the person shown, and nobody's name
// is read: on an organisation's database the 10,000 names, which the first
// screen does not show, held about 5 MB of the app's memory at start (the
// names and SQLite's cache of the pages they came from; issue 12). Once
// opened, it lists everyone and keeps them up to date. It reads names only:
// the whole profile is read for the one person chosen.
func (p *profileScreen) reloadPeople() {
	if p.listed {
		p.loadEveryone()
		return
	}
	p.selectCurrent()
	loadNewest(&p.sampling, p.shell.ctx, func(ctx context.Context) (bool, error) {
		return p.shell.ws.HasSampleData(ctx)
	}, func(hasSample bool, err error) {
		if err != nil {
			showError(p.shell.win, err)
			return
		}
		p.showSample(hasSample)
	})
}

// listEveryone runs then once the picker lists everyone, reading the names
// first if they have not been read (the picker calls it when it is opened).
func (p *profileScreen) listEveryone(then func()) {
	if p.listed {
		then()
		return
	}
	p.whenListed = then
	p.loadEveryone()
}

// loadEveryone reads everyone's name into the picker.
func (p *profileScreen) loadEveryone() {
	p.sampling.stale() // the list says whether there is sample data
	loadNewest(&p.listing, p.shell.ctx, func(ctx context.Context) ([]model.PersonName, error) {
		return p.shell.ws.PersonNames(ctx)
	}, func(people []model.PersonName, err error) {
		then := p.whenListed
		p.whenListed = nil
		if err != nil {
			showError(p.shell.win, err)
			return
		}
		p.people, p.listed = people, true
		opts := make([]string, len(people))
		hasSample := false
		for i, x := range people {
			opts[i] = x.Name
			hasSample = hasSample || x.Sample
		}
		p.picker.SetOptions(opts)
		p.selectCurrent()
		p.showSample(hasSample)
		if then != nil {
			then()
		}
	})
}

// showSample offers to add sample data, or to remove it when there is some.
func (p *profileScreen) showSample(hasSample bool) {
	if hasSample {
		p.sampleBtn.SetText("Remove sample data")
		p.sampleBtn.OnTapped = func() { p.removeSample() }
	} else {
		p.sampleBtn.SetText("Try with sample data")
		p.sampleBtn.OnTapped = func() { p.trySample() }
	}
}

func (p *profileScreen) selectCurrent() {
	cur := p.shell.person
	if !p.listed {
		if cur == nil {
			p.people = nil
			p.picker.SetOptions(nil)
			p.picker.ClearSelected()
			return
		}
		if len(p.people) != 1 || p.people[0] != (model.PersonName{ID: cur.ID, Name: cur.Name, Sample: cur.Sample}) {
			p.people = []model.PersonName{{ID: cur.ID, Name: cur.Name, Sample: cur.Sample}}
			p.picker.SetOptions([]string{cur.Name})
		}
		if p.picker.SelectedIndex() != 0 {
			p.picker.SetSelectedIndex(0)
		}
		return
	}
	for i, x := range p.people {
		if cur != nil && x.ID == cur.ID && p.picker.SelectedIndex() != i {
			p.picker.SetSelectedIndex(i)
			return
		}
	}
	if cur == nil {
		p.picker.ClearSelected()
	}
}

// show fills the form and assessment list for a person (nil: empty form).
func (p *profileScreen) show(person *model.Person) {
	p.selectCurrent()
	p.status.SetText("")
	if person == nil {
		p.fill(model.Person{Discipline: model.Nurse})
		p.status.SetText("Fill in your profile and press Save to begin. Everything stays on this computer.")
		p.assessments = nil
		p.list.Refresh()
		return
	}
	p.fill(*person)
	p.reloadAssessments()
}

func (p *profileScreen) fill(x model.Person) {
	p.name.SetText(x.Name)
	p.discipline.SetSelected(x.Discipline.Label())
	p.role.SetText(x.Role)
	p.org.SetText(x.Organisation)
	if x.InformaticsWTE > 0 {
		p.wte.SetText(strconv.FormatFloat(x.InformaticsWTE, 'f', -1, 64))
	} else {
		p.wte.SetText("")
	}
}

// formPerson reads the form into a person (keeping id and sample flag of base).
func (p *profileScreen) formPerson(base model.Person) (model.Person, error) {
	x := base
	x.Name = p.name.Text
	x.Role = p.role.Text
	x.Organisation = p.org.Text
	i := p.discipline.SelectedIndex()
	if i < 0 {
		return x, model.Errorf(model.Invalid, "choose a discipline")
	}
	x.Discipline = model.Disciplines[i]
	x.InformaticsWTE = 0
	if t := strings.TrimSpace(p.wte.Text); t != "" {
		v, err := strconv.ParseFloat(strings.ReplaceAll(t, ",", "."), 64)
		if err != nil {
			return x, model.Errorf(model.Invalid, "informatics WTE %q is not a number (e.g. 0.4)", t)
		}
		x.InformaticsWTE = v
	}
	return x, nil
}

func (p *profileScreen) saveProfile() {
	var base model.Person
	if p.shell.person != nil {
		base = *p.shell.person
	}
	x, err := p.formPerson(base)
	if err != nil {
		showError(p.shell.win, err)
		return
	}
	ws := p.shell.ws
	inBackground(func() (model.Person, error) {
		if x.ID == "" {
			return ws.AddPerson(p.shell.ctx, x)
		}
		return x, ws.UpdatePerson(p.shell.ctx, x)
	}, func(saved model.Person, err error) {
		if err != nil {
			showError(p.shell.win, err)
			return
		}
		p.shell.setPerson(&saved)
		p.reloadPeople()
		p.status.SetText("Profile saved.")
	})
}

// newPerson clears the form for someone new; saving creates them.
func (p *profileScreen) newPerson() {
	p.shell.setPerson(nil)
	p.shell.win.Canvas().Focus(p.name)
}

const noAssessmentsYet = "No assessments yet: press Start an assessment."

// reloadAssessments lists the current person's assessments with progress.
func (p *profileScreen) reloadAssessments() {
	person := p.shell.person
	if person == nil {
		p.loading.stale()
		return
	}
	ws := p.shell.ws
	loadNewest(&p.loading, p.shell.ctx, func(ctx context.Context) ([]assessmentRow, error) {
		as, err := ws.Assessments(ctx, person.ID)
		if err != nil {
			return nil, err
		}
		rows := make([]assessmentRow, 0, len(as))
		for _, a := range as {
			sh, err := ws.Sheet(ctx, a.ID)
			if err != nil {
				return nil, err
			}
			rows = append(rows, assessmentRow{a: a, label: assessmentLabel(sh)})
		}
		return rows, nil
	}, func(rows []assessmentRow, err error) {
		if err != nil {
			showError(p.shell.win, err)
			return
		}
		p.assessments = rows
		p.list.UnselectAll()
		p.list.Refresh()
		switch {
		case len(rows) == 0:
			p.status.SetText(noAssessmentsYet)
		case p.status.Text == noAssessmentsYet:
			p.status.SetText("")
		}
	})
}

// assessmentLabel describes an assessment in one line.
func assessmentLabel(sh *workspace.Sheet) string {
	return fmt.Sprintf("%s · %s · %s · %d of %d rated · started %s",
		sh.Framework.ShortName, sh.Assessment.Kind, scopeLabel(sh), sh.Rated(), len(sh.Items),
		sh.Assessment.CreatedAt.Local().Format("2 Jan 2006"))
}

func scopeLabel(sh *workspace.Sheet) string {
	sc := sh.Assessment.Scope
	switch {
	case sc.RoleLevel != "":
		if _, l, ok := sh.Framework.RoleLevel(sc.RoleLevel); ok {
			return "items for " + l.Title
		}
	case sc.Group != "":
		if g, ok := sh.Framework.Group(sc.Group); ok {
			return g.Title
		}
	}
	return "all items"
}

func (p *profileScreen) trySample() {
	ws := p.shell.ws
	inBackground(func() (model.Person, error) {
		res, err := ws.CreateSampleData(p.shell.ctx)
		return res.Person, err
	}, func(person model.Person, err error) {
		if err != nil {
			showError(p.shell.win, err)
			return
		}
		p.shell.setPerson(&person)
		p.reloadPeople()
		p.status.SetText("Sample data added: " + person.Name + " is fictional. Remove it from here when you are done.")
	})
}

func (p *profileScreen) removeSample() {
	confirmErase(p.shell, "Remove sample data", workspace.EraseSample, "", func(gone workspace.Erasure) {
		if p.shell.person != nil && p.shell.person.Sample {
			p.shell.setPerson(nil)
		}
		p.reloadPeople()
		p.status.SetText("Removed " + gone.Summary() + ".")
	})
}

// exportOpen saves the open assessment as a .gapwise.json file where the
// user chooses. It never replaces a file without asking, and the file is
// readable by its owner only.
func (p *profileScreen) exportOpen() {
	s := p.shell
	id := s.openAssessmentID()
	if id == "" {
		showError(s.win, model.Errorf(model.NotYet, "open an assessment first (select it in the list)"))
		return
	}
	type export struct {
		data []byte
		name string
	}
	inBackground(func() (export, error) {
		data, name, err := s.ws.ExportAssessment(p.shell.ctx, id)
		return export{data, name}, err
	}, func(e export, err error) {
		if err != nil {
			showError(s.win, err)
			return
		}
		s.saveAs(saveJSON, e.name, rendered(func(w io.Writer) error {
			_, err := w.Write(e.data)
			return err
		}), p.status, func(path string) {
			p.status.SetText("Exported to " + path + ". It holds personal data: send it only to whoever needs it.")
		})
	})
}

// importPath imports one file, asking first whether a file naming someone
// else under a known person id is the same person.
func (p *profileScreen) importPath(path string, opts workspace.AssessmentImportOptions) {
	s := p.shell
	inBackground(func() (workspace.ImportResult, error) {
		return s.ws.ImportAssessmentFile(p.shell.ctx, path, opts)
	}, func(res workspace.ImportResult, err error) {
		if err != nil {
			if !askSamePerson(s, err, func() { p.importPath(path, workspace.AssessmentImportOptions{AcceptPersonUpdate: true}) }, nil) {
				showError(s.win, err)
			}
			return
		}
		person := res.Person
		s.setPerson(&person)
		p.reloadPeople()
		s.openAssessment(res.Assessment.ID, false)
		p.status.SetText(res.Describe() + ".")
	})
}

// importFile validates and imports one .gapwise.json file, then shows it.
func (p *profileScreen) importFile() {
	s := p.shell
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			showError(s.win, err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		p.importPath(path, workspace.AssessmentImportOptions{})
	}, s.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	d.Show()
}
