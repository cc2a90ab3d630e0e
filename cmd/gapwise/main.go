// Command gapwise is the Gapwise desktop app.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"gapwise/assets"
	"gapwise/internal/appinfo"
	"gapwise/internal/workspace"
	"gapwise/ui"
)

func main() {
	db := flag.String("db", "", "database file (default: $GAPWISE_DB, else Local AppData on Windows, your configuration folder elsewhere)")
	flag.Parse()
	startMemProfile()

	a := app.NewWithID(appinfo.ID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.WindowIcon))
	ui.ApplySettings(a)
	win := a.NewWindow(appinfo.Name)
	// The window is sized once it exists and knows its screen's scale
	// (OnStarted runs on the main goroutine before the first frame).
	a.Lifecycle().SetOnStarted(func() {
		w, h := screenPixels()
		ui.FitWindow(win, w, h)
	})

	var ws *workspace.Workspace
	var shell *ui.Shell // set and read on the UI goroutine
	closeOnSignal(func() {
		if shell != nil {
			shell.Close()
		} else {
			win.Close()
		}
	})
	start := func(path string) {
		ui.Start(win, func(ctx context.Context) (*workspace.Workspace, error) {
			return workspace.Open(ctx, path)
		}, func(s *ui.Shell, err error) {
			// Runs on the UI goroutine, which is also the one ShowAndRun returns on.
			if err == nil {
				shell, ws = s, s.Workspace()
				ui.WarnAboutStorage(win, path)
				releaseStartupMemory()
			}
		})
	}
	if *db != "" {
		start(*db)
	} else if loc, err := workspace.DefaultLocation(); err != nil {
		ui.Start(win, func(context.Context) (*workspace.Workspace, error) { return nil, err }, nil)
	} else if loc.Old != "" {
		ui.OfferMove(win, loc, start)
	} else {
		start(loc.Path)
	}
	win.ShowAndRun()
	if ws != nil {
		if err := ws.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "gapwise: closing the database:", err)
		}
	}
}

// closeOnSignal closes the app as its window's close button does when the
// system asks it to end (SIGTERM at logout or shutdown, Ctrl+C in a
// terminal): ratings being written are finished and the database is closed
// cleanly, so the next start need not check the whole file. A second signal
// ends the app at once, as before (the database is safe either way).
func closeOnSignal(closeApp func()) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGTERM, os.Interrupt)
	go func() {
		<-c
		signal.Stop(c)
		fyne.Do(closeApp)
	}()
}
