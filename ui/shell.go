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
	"gapwise/internal/workspace"
)

// Opener opens the workspace; it runs off the UI goroutine.
type Opener func(ctx context.Context) (*workspace.Workspace, error)

// Shell is the main window's content: navigation plus one area per task.
type Shell struct {
	win  fyne.Window
	ws   *workspace.Workspace
	tabs *container.AppTabs

	Browser *Browser
}

// Start shows a loading screen, opens the workspace in the background and
// then builds the shell, or shows why the database could not be opened.
// done, if set, is called on the UI goroutine with the result.
func Start(win fyne.Window, open Opener, done func(*Shell, error)) {
	status := widget.NewLabel("Opening your Gapwise database…")
	win.SetContent(container.NewCenter(container.NewVBox(widget.NewProgressBarInfinite(), status)))
	inBackground(func() (*workspace.Workspace, error) {
		return open(context.Background())
	}, func(ws *workspace.Workspace, err error) {
		if err != nil {
			showOpenError(win, err)
			if done != nil {
				done(nil, err)
			}
			return
		}
		s := NewShell(win, ws)
		win.SetContent(s.Content())
		if done != nil {
			done(s, nil)
		}
	})
}

// NewShell builds the shell over an open workspace. Call on the UI goroutine.
func NewShell(win fyne.Window, ws *workspace.Workspace) *Shell {
	s := &Shell{win: win, ws: ws}
	s.Browser = NewBrowser(win, ws)
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Frameworks", theme.ListIcon(), s.Browser.Content()),
		container.NewTabItemWithIcon("Database", theme.StorageIcon(), newDatabasePanel(win, ws)),
		container.NewTabItemWithIcon("About", theme.InfoIcon(), newAboutPanel()),
	)
	s.tabs.SetTabLocation(container.TabLocationLeading)
	return s
}

// Workspace is the open workspace the shell works on.
func (s *Shell) Workspace() *workspace.Workspace { return s.ws }

// Content is the shell's root object.
func (s *Shell) Content() fyne.CanvasObject { return s.tabs }

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
machine only when you export a file or a report yourself. The database file is readable by your
user account only.

Framework content belongs to its publishers: see each framework's *About* page in the Frameworks
area for its licence and the attribution it requires.`)
	about.Wrapping = fyne.TextWrapWord
	return container.NewVScroll(container.NewPadded(about))
}
