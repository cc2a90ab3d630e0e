// Package ui is Gapwise's desktop interface. It is the only package tree that
// imports Fyne (besides cmd/gapwise); every action goes through the workspace
// so the app and the CLI behave the same.
package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/appinfo"
	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// Opener opens the workspace; it runs off the UI goroutine.
type Opener func(ctx context.Context) (*workspace.Workspace, error)

// Shell is the main window's content: whose work is open, navigation, and
// one area per task.
type Shell struct {
	ctx  context.Context // the window's: cancelled when it closes, ending background work
	win  fyne.Window
	ws   *workspace.Workspace
	tabs *container.AppTabs
	root fyne.CanvasObject

	header *widget.Label
	badge  *widget.Label

	person     *model.Person // whose work is shown; nil before a profile exists
	assessment string        // the open assessment; "" when none

	profile   *profileScreen
	rate      *rateScreen
	gaps      *gapsScreen
	pathways  *pathwaysScreen
	plan      *planScreen
	appraisal *appraisalScreen
	team      *teamScreen
	browser   *browser
	settings  *settingsPanel

	meTab, rateTab, gapsTab, pathsTab, planTab, apprTab, teamTab *container.TabItem
	personLoad                                                   newest // rereading the person shown (events.go)

	proj projection // workshop display's projection mode (projection.go)

	enterConfirm enterConfirm // the open question Enter answers yes (keys.go)

	areas map[*container.TabItem]*lazyArea // areas not yet shown (lazyTab)

	lastSaveFolder string // where the last file was saved, offered first next time (this run only)
}

// newShell builds the shell over an open workspace and shows the person and
// assessment used last. Call on the UI goroutine.
func newShell(win fyne.Window, ws *workspace.Workspace) *Shell {
	ctx, stop := context.WithCancel(context.Background())
	win.SetOnClosed(stop)
	s := &Shell{ctx: ctx, win: win, ws: ws}
	s.header = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.header.Truncation = fyne.TextTruncateEllipsis
	s.badge = widget.NewLabel("SAMPLE DATA (fictional person)")
	s.badge.Importance = widget.WarningImportance
	s.badge.TextStyle = fyne.TextStyle{Bold: true}
	s.badge.Hide()

	s.profile = newProfileScreen(s)
	s.rate = newRateScreen(s)
	s.gaps = newGapsScreen(s)
	s.pathways = newPathwaysScreen(s)
	s.plan = newPlanScreen(s)
	s.appraisal = newAppraisalScreen(s)
	s.team = newTeamScreen(s)
	s.browser = newBrowser(ctx, win, ws)
	s.settings = newSettingsPanel()
	s.rateTab = s.lazyTab("Rate", theme.DocumentCreateIcon(), s.rate.content(), nil)
	s.gapsTab = s.lazyTab("My gaps", theme.WarningIcon(), s.gaps.content(), nil)
	s.pathsTab = s.lazyTab("Pathways", theme.NavigateNextIcon(), s.pathways.content(), nil)
	s.planTab = s.lazyTab("Plan", theme.DocumentIcon(), s.plan.content(), nil)
	s.apprTab = s.lazyTab("Appraisal", theme.ConfirmIcon(), s.appraisal.content(), nil)
	s.teamTab = s.lazyTab("Team", theme.GridIcon(), s.team.content(), nil)
	s.meTab = container.NewTabItemWithIcon("Me", theme.AccountIcon(), s.profile.content())
	s.tabs = container.NewAppTabs(
		s.meTab,
		s.rateTab, s.gapsTab, s.pathsTab, s.planTab, s.apprTab, s.teamTab,
		s.lazyTab("Frameworks", theme.ListIcon(), s.browser.content(), s.browser.start),
		s.lazyTab("Database", theme.StorageIcon(), newDatabasePanel(s), nil),
		s.lazyTab("Settings", theme.SettingsIcon(), s.settings.content(), nil),
		s.lazyTab("About", theme.InfoIcon(), newAboutPanel(), nil),
	)
	s.tabs.SetTabLocation(container.TabLocationLeading)
	s.tabs.OnSelected = func(t *container.TabItem) {
		s.placeArea(t)
		s.refreshTab(t)
	}
	top := container.NewBorder(s.projectionBar(), widget.NewSeparator(), nil, s.badge, s.header)
	s.root = container.NewBorder(top, nil, nil, nil, s.tabs)
	s.installKeys()
	s.installMenu()
	s.subscribe()
	s.updateHeader("")
	s.restore()
	return s
}

// lazyArea is an area whose content stays out of the window until its tab
// is first shown. A tab's content takes part in the window's layout even
// while hidden (the tabs measure every area for their minimum size), so
// building every area into the window at start measured and drew text for
// screens nobody had opened, parsed a font for each text style they use and
// loaded a framework for the browser: about 8 MB of the app's memory at
// start on an organisation's database (issue 12). The area's widgets exist
// from the start, so the shell can load data into them before they are shown.
type lazyArea struct {
	content fyne.CanvasObject // the area's content, in place of the tab's empty one
	first   func()            // runs once, when the area is first shown (may be nil)
}

// lazyTab is a tab whose content is put in the window when the tab is first
// shown, then first (if set) runs.
func (s *Shell) lazyTab(title string, icon fyne.Resource, content fyne.CanvasObject, first func()) *container.TabItem {
	t := container.NewTabItemWithIcon(title, icon, container.NewStack())
	if s.areas == nil {
		s.areas = map[*container.TabItem]*lazyArea{}
	}
	s.areas[t] = &lazyArea{content: content, first: first}
	return t
}

// placeArea puts a tab's content in the window the first time it is shown
// (behind the workshop display's hidden panel while that is on).
func (s *Shell) placeArea(t *container.TabItem) {
	a := s.areas[t]
	if a == nil {
		return
	}
	delete(s.areas, t)
	if _, hidden := s.proj.saved[t]; hidden {
		s.proj.saved[t] = a.content
	} else {
		t.Content = a.content
		s.tabs.Refresh()
	}
	if a.first != nil {
		a.first()
	}
}

// restore reopens the person shown last time, with their latest assessment.
func (s *Shell) restore() {
	inBackground(func() (*model.Person, error) {
		p, ok, err := s.ws.CurrentPerson(s.ctx)
		if err != nil || !ok {
			return nil, err
		}
		return &p, nil
	}, func(p *model.Person, err error) {
		if err != nil {
			showError(s.win, err)
		}
		s.setPerson(p)
	})
}

// openLatest opens the person's most recent assessment, if any.
func (s *Shell) openLatest(p model.Person) {
	inBackground(func() (string, error) {
		as, err := s.ws.Assessments(s.ctx, p.ID)
		if err != nil || len(as) == 0 {
			return "", err
		}
		// Their own, not the newest appraiser's assessment of them.
		if own, err := s.ws.OwnAssessment(s.ctx, as[0].ID); err == nil {
			return own.ID, nil
		}
		return as[0].ID, nil
	}, func(id string, err error) {
		if err != nil {
			showError(s.win, err)
			return
		}
		if s.person != nil && s.person.ID == p.ID && s.assessment == "" {
			s.openAssessment(id, false)
		}
	})
}

// setPerson makes p the person whose work is shown (nil for nobody).
func (s *Shell) setPerson(p *model.Person) {
	changed := p == nil || s.person == nil || s.person.ID != p.ID
	if changed {
		s.assessment = ""
		s.rate.load("")
	}
	s.person = p
	if p != nil {
		id := p.ID
		background(func() {
			if err := s.ws.SetCurrentPerson(s.ctx, id); err != nil {
				fyne.Do(func() { showError(s.win, err) })
			}
		})
	}
	s.updateHeader("")
	s.profile.show(p)
	if p != nil && changed {
		s.openLatest(*p)
	}
}

// shownPerson is whose work is shown, nil when nobody is selected.
func (s *Shell) shownPerson() *model.Person { return s.person }

// openAssessment opens an assessment for rating; with jump it also switches
// to the rating screen.
func (s *Shell) openAssessment(id string, jump bool) {
	s.assessment = id
	s.rate.load(id)
	if jump {
		s.tabs.Select(s.rateTab)
	}
}

// openAssessmentID is the open assessment, "" when none.
func (s *Shell) openAssessmentID() string { return s.assessment }

// updateHeader says whose assessment is open, always visible above every area.
func (s *Shell) updateHeader(assessment string) {
	if s.projectHeader(assessment) {
		return
	}
	switch {
	case s.person == nil:
		s.header.SetText("No profile yet: create yours in Me, or try the sample data")
	case assessment == "":
		s.header.SetText(s.person.Name + " · no assessment open")
	default:
		s.header.SetText(s.person.Name + " · " + assessment)
	}
	if s.person != nil && s.person.Sample {
		s.badge.Show()
	} else {
		s.badge.Hide()
	}
}

// refreshTab reloads an area when it is shown so it reflects the latest ratings.
func (s *Shell) refreshTab(t *container.TabItem) {
	if s.projecting() && t != s.teamTab {
		return // hidden areas stay as they are until projection ends
	}
	switch t {
	case s.meTab:
		s.profile.reloadAssessments()
	case s.gapsTab:
		s.gaps.load(s.assessment)
	case s.pathsTab:
		s.pathways.load(s.assessment)
	case s.planTab:
		keep := ""
		if p := s.plan.shown(); p != nil {
			keep = p.ID
		}
		s.plan.load(keep)
	case s.apprTab:
		keep := ""
		if v := s.appraisal.shown(); v != nil {
			keep = v.Appraisal.ID
		}
		s.appraisal.load(keep)
	case s.teamTab:
		s.team.reloadTeams(s.team.teamID())
	}
}

// showTab switches to an area by its title ("Me", "Rate", "My gaps", ...).
func (s *Shell) showTab(title string) {
	for _, t := range s.tabs.Items {
		if t.Text == title {
			s.tabs.Select(t)
			return
		}
	}
}

// Workspace is the open workspace the shell works on.
func (s *Shell) Workspace() *workspace.Workspace { return s.ws }

// content is the shell's root object.
func (s *Shell) content() fyne.CanvasObject { return s.root }

// showOpenError replaces the window's content with a plain explanation and
// shows the same message in a dialog: the app cannot work without its
// database, and the user's file has not been touched.
func showOpenError(win fyne.Window, err error) {
	title, msg := describe(err)
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	quit := widget.NewButtonWithIcon("Quit", theme.CancelIcon(), func() { fyne.CurrentApp().Quit() })
	body := container.NewVBox(
		widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		text,
		widget.NewLabel("Your file has not been changed. Start Gapwise with --db PATH to use another database."),
		container.NewHBox(layout.NewSpacer(), quit),
	)
	win.SetContent(container.NewPadded(body))
	d := dialog.NewInformation(title, msg, win)
	d.Show()
}

func newAboutPanel() fyne.CanvasObject {
	about := widget.NewRichTextFromMarkdown("## " + appinfo.Name + " " + appinfo.Version + `

Competency gap analysis for health and care informatics, offline.

**Your data stays on this computer.** Gapwise makes no network connections. Ratings leave this
machine only when you export a file or a report yourself.

**How your database is protected.** ` + workspace.DataProtection() + `
If it is on a network drive or in a synced folder (OneDrive, Dropbox...), Gapwise warns you when it opens.

Framework content belongs to its publishers: see each framework's *About* page in the Frameworks
area for its licence and the attribution it requires.`)
	about.Wrapping = fyne.TextWrapWord
	return container.NewVScroll(container.NewPadded(about))
}

// Start shows a loading screen, opens the workspace in the background and
// then builds the shell, or shows why the database could not be opened.
// done, if set, is called on the UI goroutine with the result.
func Start(win fyne.Window, open Opener, done func(*Shell, error)) {
	status := widget.NewLabel("Opening your Gapwise database…")
	bar := widget.NewProgressBarInfinite()
	win.SetContent(container.NewCenter(container.NewVBox(bar, status)))
	ctx, stop := context.WithCancel(context.Background())
	win.SetOnClosed(stop) // the shell takes this over once the database is open
	inBackground(func() (*workspace.Workspace, error) {
		return open(ctx)
	}, func(ws *workspace.Workspace, err error) {
		bar.Stop() // else its animation runs on, unseen, burning CPU
		if err != nil {
			showOpenError(win, err)
			if done != nil {
				done(nil, err)
			}
			return
		}
		s := newShell(win, ws)
		win.SetContent(s.content())
		showNotices(win, ws.Notices())
		if done != nil {
			done(s, nil)
		}
	})
}
