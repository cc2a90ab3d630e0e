package cli

import (
	"flag"
	"fmt"
	"io"
	"time"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

func (e *env) reportPlan(args []string) error {
	var planID, person, out, xlsx string
	var asJSON bool
	pos, err := flags("report plan", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "print the files written as JSON")
		fs.StringVar(&planID, "plan", "", "plan id")
		fs.StringVar(&person, "person", "", "person id or unique name: their latest plan")
		fs.StringVar(&out, "out", "", "PDF file to write (must not exist)")
		fs.StringVar(&xlsx, "xlsx", "", "spreadsheet (XLSX) to write as well or instead (must not exist)")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("report plan takes no arguments")
	case (planID == "") == (person == ""):
		return usagef("report plan needs --plan ID or --person ID|NAME (one of them)")
	case out == "" && xlsx == "":
		return usagef("report plan needs --out FILE.pdf or --xlsx FILE.xlsx (or both)")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		if person != "" {
			p, err := resolvePerson(e, ws, person)
			if err != nil {
				return err
			}
			latest, ok, err := ws.LatestPlan(e.ctx, p.ID)
			if err != nil {
				return err
			}
			if !ok {
				return model.Errorf(model.NotFound, "%s has no plan yet (start one with: gapwise-cli plan new --assessment ID)", p.Name)
			}
			planID = latest.ID
		}
		generated := time.Now()
		return writeReports(e, asJSON, out, xlsx, func(w io.Writer) error {
			return ws.PlanReport(e.ctx, planID, w, generated)
		}, func(w io.Writer) error {
			return ws.PlanSpreadsheet(e.ctx, planID, w, generated)
		})
	})
}

// writeReports writes the PDF to pdf and the spreadsheet to xlsx, each
// when named, and says what was written.
func writeReports(e *env, asJSON bool, pdf, xlsx string, renderPDF, renderXLSX func(io.Writer) error) error {
	var files []fileJSON
	for _, f := range []struct {
		path   string
		render func(io.Writer) error
	}{{pdf, renderPDF}, {xlsx, renderXLSX}} {
		if f.path == "" {
			continue
		}
		if err := workspace.SaveNewFile(f.path, f.render); err != nil {
			return err
		}
		files = append(files, fileJSON{Path: f.path})
	}
	return e.wrote(asJSON, func(e *env) error {
		for _, f := range files {
			if err := reportWritten(e, f.Path); err != nil {
				return err
			}
		}
		return nil
	}, files...)
}

func (e *env) reportAppraisal(args []string) error {
	var id, out, xlsx string
	var asJSON bool
	pos, err := flags("report appraisal", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "print the files written as JSON")
		fs.StringVar(&id, "appraisal", "", "appraisal id")
		fs.StringVar(&out, "out", "", "PDF file to write (must not exist)")
		fs.StringVar(&xlsx, "xlsx", "", "spreadsheet (XLSX) to write as well or instead (must not exist)")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("report appraisal takes no arguments")
	case id == "" || (out == "" && xlsx == ""):
		return usagef("report appraisal needs --appraisal ID and --out FILE.pdf or --xlsx FILE.xlsx (or both)")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		generated := time.Now()
		return writeReports(e, asJSON, out, xlsx, func(w io.Writer) error {
			return ws.AppraisalReport(e.ctx, id, w, generated)
		}, func(w io.Writer) error {
			return ws.AppraisalSpreadsheet(e.ctx, id, w, generated)
		})
	})
}

func reportWritten(e *env, path string) error {
	_, err := fmt.Fprintf(e.out, "Report written: %s (personal data: share it only with whoever needs it)\n", path)
	return err
}
