package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// importJSON is the stable JSON shape of one file in `assess import --json`.
type importJSON struct {
	File       string `json:"file"`
	Outcome    string `json:"outcome"` // added | replaced | unchanged | refused
	Assessment string `json:"assessment,omitempty"`
	Person     string `json:"person,omitempty"`
	Framework  string `json:"framework,omitempty"`
	Ratings    int    `json:"ratings"`
	Error      string `json:"error,omitempty"`
	// PersonUpdated: --accept-person-update gave the person the file's details.
	PersonUpdated bool `json:"person_updated,omitempty"`
}

var outcomeNames = map[workspace.ImportOutcome]string{
	workspace.Added: "added", workspace.Replaced: "replaced", workspace.Unchanged: "unchanged",
}

func (e *env) assessExport(args []string) error {
	var id, out string
	var asJSON bool
	pos, err := flags("assess export", args, func(fs *flag.FlagSet) {
		fs.StringVar(&id, "assessment", "", "assessment id")
		fs.StringVar(&out, "out", "", "file to write (must not exist)")
		fs.BoolVar(&asJSON, "json", false, "print the file written as JSON (with --out)")
	})
	if err != nil {
		return err
	}
	if id == "" || len(pos) > 0 {
		return usagef("assess export needs --assessment ID")
	}
	if asJSON && out == "" {
		return usagef("assess export --json goes with --out FILE")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		data, _, err := ws.ExportAssessment(e.ctx, id)
		if err != nil {
			return err
		}
		if out == "" {
			_, err = e.out.Write(data)
			return err
		}
		if err := workspace.SaveNewFile(out, func(w io.Writer) error {
			_, err := w.Write(data)
			return err
		}); err != nil {
			return err
		}
		return e.wrote(asJSON, func(e *env) error {
			_, err := fmt.Fprintf(e.out, "Exported to %s (personal data: send it only to whoever needs it)\n", out)
			return err
		}, fileJSON{Path: out, Format: "gapwise.json"})
	})
}

// assessImport imports each file on its own: a bad file is refused whole
// and reported, and the others still import. The exit status is 1 if any
// file was refused.
func (e *env) assessImport(args []string) error {
	var asJSON bool
	var opts workspace.AssessmentImportOptions
	files, err := flags("assess import", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "JSON output")
		acceptPersonFlag(fs, &opts)
	})
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("assess import needs one or more FILEs")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		var results []importJSON
		batch, err := ws.ImportFiles(e.ctx, files, nil, opts)
		if err != nil {
			return err
		}
		refused := len(batch.Refused)
		for _, r := range batch.Refused {
			r.Err = personHint(r.Err)
			results = append(results, importJSON{File: r.File, Outcome: "refused", Error: r.Err.Error()})
			if !asJSON {
				fmt.Fprintf(e.out, "refused: %v\n", r.Err)
			}
		}
		for _, res := range append(batch.Imported, batch.Same...) {
			results = append(results, importJSON{File: res.File, Outcome: outcomeNames[res.Outcome], Assessment: res.Assessment.ID,
				Person: res.Person.Name, Framework: res.Assessment.Framework.String(), Ratings: res.Ratings, PersonUpdated: res.PersonUpdated})
			if !asJSON {
				fmt.Fprintf(e.out, "%s: %s\n", res.File, res.Describe())
			}
		}
		if asJSON {
			if err := writeJSON(e.out, results); err != nil {
				return err
			}
		}
		if refused > 0 {
			total := refused + len(batch.Imported) + len(batch.Same) // a folder counts as its files
			return model.Errorf(model.Invalid, "%d of %d file(s) refused; nothing from them was written", refused, total)
		}
		return nil
	})
}

// acceptPersonFlag is --accept-person-update of every assessment import.
func acceptPersonFlag(fs *flag.FlagSet, o *workspace.AssessmentImportOptions) {
	fs.BoolVar(&o.AcceptPersonUpdate, "accept-person-update", false,
		"import a file whose person id is someone here under another name or discipline, taking the file's details")
}

// personHint adds to the refusal of a file naming someone else under a
// known person id how to import it anyway.
func personHint(err error) error {
	var pm *model.PersonMismatchError
	if !errors.As(err, &pm) {
		return err
	}
	return fmt.Errorf("%w; if this is the same person, import again with --accept-person-update to take the file's details", err)
}
