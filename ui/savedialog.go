package ui

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/storage/repository"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/workspace"
)

// Every file the app writes for people (PDFs, spreadsheets, CSV, exchange
// files, backups) is saved through saveAs: Fyne's Save dialog with a
// suggested name, the file written whole beside its place and only then
// named (workspace.SaveNewFile), and an existing file replaced only after
// the user said so (the dialog's "Overwrite?" question, or ours when the
// name it asked about is not the one written), never truncated first.
//
// Fyne's Save dialog hands its caller a writer it has already opened, which
// empties an existing file there and then. So the app's "file" repository
// gives out writers that open nothing until the first byte is written
// (deferredFiles): saveAs only reads the chosen name from the writer and
// closes it, and the user's old file is untouched until the new one is
// complete.

// saveKind says what is being saved: how the dialog filters and which
// extension the name must end with.
type saveKind struct {
	what string // "PDF", "spreadsheet"... for messages
	ext  string // ".pdf"
}

var (
	savePDF    = saveKind{"PDF", ".pdf"}
	saveXLSX   = saveKind{"spreadsheet", ".xlsx"}
	saveCSV    = saveKind{"CSV file", ".csv"}
	saveJSON   = saveKind{"assessment file", ".json"}
	saveBackup = saveKind{"backup", ".db"}
)

// saveTarget writes the chosen path; replace is true only when the user
// agreed to replace a file already there.
type saveTarget func(path string, replace bool) error

// rendered is the saveTarget of a file made by a renderer.
func rendered(render func(io.Writer) error) saveTarget {
	return func(path string, replace bool) error {
		if replace {
			return workspace.ReplaceFile(path, render)
		}
		return workspace.SaveNewFile(path, render)
	}
}

// saveAs asks where to save a file, suggesting name, and writes it there
// with write in the background. status shows progress and the result
// ("Saved NAME"); in workshop display it shows only the file's name, never
// the folder's path, which can name its owner. saved, if set, runs after a
// successful write with the path.
func (s *Shell) saveAs(kind saveKind, name string, write saveTarget, status *widget.Label, saved func(path string)) {
	installDeferredFiles()
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			showError(s.win, err)
			return
		}
		if w == nil {
			return // cancelled
		}
		asked := false // the dialog asked "Overwrite?" about this very file
		if dw, ok := w.(*deferredWriter); ok {
			asked = dw.existed
		}
		chosen := w.URI().Path()
		w.Close() // a deferredWriter has written nothing
		path := withExtension(chosen, kind.ext)
		if path != chosen {
			asked = false
		}
		s.lastSaveFolder = filepath.Dir(path)
		inBackground(func() (bool, error) {
			_, err := os.Lstat(path)
			return err == nil, nil
		}, func(there bool, _ error) {
			if there && !asked {
				s.confirmReplace(kind, path, write, status, saved)
				return
			}
			s.writeFile(path, there, write, status, saved)
		})
	}, s.win)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{kind.ext}))
	if s.projecting() {
		// The room sees the dialog: files in a folder are often named
		// after people (a plan saved earlier), so only folders are listed.
		d.SetFilter(noFiles{})
	}
	d.SetConfirmText("Save")
	if s.lastSaveFolder != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(s.lastSaveFolder)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Show()
	// Fits a 1024x768 screen with room round it.
	d.Resize(fyne.NewSize(min(900, s.win.Canvas().Size().Width-40), min(600, s.win.Canvas().Size().Height-40)))
}

// noFiles is a filter that lists no file, only folders.
type noFiles struct{}

func (noFiles) Matches(fyne.URI) bool { return false }

// confirmReplace asks before replacing a file the Save dialog did not ask
// about (it gained its extension, or appeared meanwhile).
func (s *Shell) confirmReplace(kind saveKind, path string, write saveTarget, status *widget.Label, saved func(string)) {
	dialog.ShowConfirm("Replace "+filepath.Base(path)+"?",
		"A file named "+filepath.Base(path)+" is already there. Replace it with this "+kind.what+"?\n"+
			"The old file is kept until the new one is complete.",
		func(ok bool) {
			if ok {
				s.writeFile(path, true, write, status, saved)
			}
		}, s.win)
}

// writeFile writes path in the background and reports the result.
func (s *Shell) writeFile(path string, replace bool, write saveTarget, status *widget.Label, saved func(string)) {
	shown := path
	if s.projecting() {
		shown = filepath.Base(path) // a folder's path can name its owner
	}
	status.SetText("Writing " + shown + "…")
	inBackground(func() (struct{}, error) {
		return struct{}{}, write(path, replace)
	}, func(_ struct{}, err error) {
		if err != nil {
			status.SetText("")
			showError(s.win, err)
			return
		}
		status.SetText("Saved " + shown)
		if saved != nil {
			saved(path)
		}
	})
}

// withExtension adds ext to a chosen name that lacks it ("plan" becomes
// "plan.pdf"), so the file opens in the right program.
func withExtension(path, ext string) string {
	if strings.EqualFold(filepath.Ext(path), ext) {
		return path
	}
	return path + ext
}

// fileName makes a suggested file name from readable parts joined by
// " - ", leaving out characters Windows, macOS or Linux refuse in a name.
func fileName(ext string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		p = strings.Map(func(r rune) rune {
			switch {
			case strings.ContainsRune(`\/:*?"<>|`, r):
				return '-'
			case unicode.IsControl(r):
				return ' '
			}
			return r
		}, p)
		p = strings.Trim(strings.Join(strings.Fields(p), " "), " .")
		if p != "" {
			kept = append(kept, p)
		}
	}
	name := strings.Join(kept, " - ")
	if r := []rune(name); len(r) > 120 {
		name = strings.TrimSpace(string(r[:120]))
	}
	if name == "" {
		name = "Gapwise"
	}
	return name + ext
}

// installDeferredFiles puts deferredFiles in front of the "file"
// repository the driver registered (once per driver: a test app registers
// its own each time).
func installDeferredFiles() {
	cur, err := repository.ForScheme("file")
	if err != nil {
		return
	}
	if _, ok := cur.(*deferredFiles); ok {
		return
	}
	repository.Register("file", &deferredFiles{cur})
}

// deferredFiles is the driver's file repository except that a writer
// opens (and empties) its file only when the first byte is written.
type deferredFiles struct{ inner repository.Repository }

func (r *deferredFiles) Exists(u fyne.URI) (bool, error)               { return r.inner.Exists(u) }
func (r *deferredFiles) Reader(u fyne.URI) (fyne.URIReadCloser, error) { return r.inner.Reader(u) }
func (r *deferredFiles) CanRead(u fyne.URI) (bool, error)              { return r.inner.CanRead(u) }
func (r *deferredFiles) Destroy(scheme string)                         { r.inner.Destroy(scheme) }

func (r *deferredFiles) Writer(u fyne.URI) (fyne.URIWriteCloser, error) {
	w, ok := r.inner.(repository.WritableRepository)
	if !ok {
		return nil, repository.ErrOperationNotSupported
	}
	_, err := os.Lstat(u.Path())
	return &deferredWriter{uri: u, open: func() (fyne.URIWriteCloser, error) { return w.Writer(u) }, existed: err == nil}, nil
}

func (r *deferredFiles) CanWrite(u fyne.URI) (bool, error) {
	if w, ok := r.inner.(repository.WritableRepository); ok {
		return w.CanWrite(u)
	}
	return false, nil
}

func (r *deferredFiles) Delete(u fyne.URI) error {
	if w, ok := r.inner.(repository.WritableRepository); ok {
		return w.Delete(u)
	}
	return repository.ErrOperationNotSupported
}

func (r *deferredFiles) DeleteAll(u fyne.URI) error {
	if w, ok := r.inner.(repository.DeleteAllRepository); ok {
		return w.DeleteAll(u)
	}
	return repository.ErrOperationNotSupported
}

func (r *deferredFiles) Appender(u fyne.URI) (fyne.URIWriteCloser, error) {
	if w, ok := r.inner.(repository.AppendableRepository); ok {
		return w.Appender(u)
	}
	return nil, repository.ErrOperationNotSupported
}

func (r *deferredFiles) CanList(u fyne.URI) (bool, error) {
	if l, ok := r.inner.(repository.ListableRepository); ok {
		return l.CanList(u)
	}
	return false, nil
}

func (r *deferredFiles) List(u fyne.URI) ([]fyne.URI, error) {
	if l, ok := r.inner.(repository.ListableRepository); ok {
		return l.List(u)
	}
	return nil, repository.ErrOperationNotSupported
}

func (r *deferredFiles) CreateListable(u fyne.URI) error {
	if l, ok := r.inner.(repository.ListableRepository); ok {
		return l.CreateListable(u)
	}
	return repository.ErrOperationNotSupported
}

func (r *deferredFiles) Parent(u fyne.URI) (fyne.URI, error) {
	if h, ok := r.inner.(repository.HierarchicalRepository); ok {
		return h.Parent(u)
	}
	return repository.GenericParent(u)
}

func (r *deferredFiles) Child(u fyne.URI, component string) (fyne.URI, error) {
	if h, ok := r.inner.(repository.HierarchicalRepository); ok {
		return h.Child(u, component)
	}
	return repository.GenericChild(u, component)
}

func (r *deferredFiles) Copy(src, dst fyne.URI) error {
	if c, ok := r.inner.(repository.CopyableRepository); ok {
		return c.Copy(src, dst)
	}
	return repository.GenericCopy(src, dst)
}

func (r *deferredFiles) Move(src, dst fyne.URI) error {
	if m, ok := r.inner.(repository.MovableRepository); ok {
		return m.Move(src, dst)
	}
	return repository.GenericMove(src, dst)
}

// deferredWriter opens its file on the first Write; closed before that,
// it leaves the disk as it was. existed records whether a file was at its
// place when it was handed out (when Fyne's dialog had just asked whether
// to overwrite it).
type deferredWriter struct {
	uri     fyne.URI
	open    func() (fyne.URIWriteCloser, error)
	w       fyne.URIWriteCloser
	existed bool
}

func (d *deferredWriter) URI() fyne.URI { return d.uri }

func (d *deferredWriter) Write(p []byte) (int, error) {
	if d.w == nil {
		w, err := d.open()
		if err != nil {
			return 0, err
		}
		d.w = w
	}
	return d.w.Write(p)
}

func (d *deferredWriter) Close() error {
	if d.w == nil {
		return nil
	}
	return d.w.Close()
}
