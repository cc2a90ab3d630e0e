// Command gapwise is the Gapwise desktop app.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"gapwise/assets"
	"gapwise/internal/appinfo"
	"gapwise/internal/workspace"
	"gapwise/ui"
)

func main() {
	db := flag.String("db", "", "database file (default: $GAPWISE_DB, else your configuration folder)")
	flag.Parse()

	a := app.NewWithID(appinfo.ID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	win := a.NewWindow(appinfo.Name)
	win.Resize(fyne.NewSize(1280, 800))

	var ws *workspace.Workspace
	ui.Start(win, func(ctx context.Context) (*workspace.Workspace, error) {
		path := *db
		if path == "" {
			var err error
			if path, err = workspace.DefaultPath(); err != nil {
				return nil, err
			}
		}
		return workspace.Open(ctx, path)
	}, func(s *ui.Shell, err error) {
		// Runs on the UI goroutine, which is also the one ShowAndRun returns on.
		if err == nil {
			ws = s.Workspace()
		}
	})
	win.ShowAndRun()
	if ws != nil {
		if err := ws.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "gapwise: closing the database:", err)
		}
	}
}
