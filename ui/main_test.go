package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"gapwise/internal/workspace"
)

func init() {
	// Run background work inline so tests drive screens step by step.
	background = func(work func()) { work() }
}

// openWorkspace opens a fresh database for one test.
func openWorkspace(t *testing.T) *workspace.Workspace {
	t.Helper()
	ws, err := workspace.Open(context.Background(), filepath.Join(t.TempDir(), "gapwise.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	return ws
}

// richText is the plain text a RichText shows.
func richText(r *widget.RichText) string {
	var b strings.Builder
	for _, s := range r.Segments {
		b.WriteString(s.Textual())
		b.WriteByte('\n')
	}
	return b.String()
}
