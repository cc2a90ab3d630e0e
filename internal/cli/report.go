package cli

import (
	"flag"
	"fmt"
	"io"
	"time"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

func (e *env) reports(args []string) error {
	if len(args) == 0 {
		return usagef("report: say plan or appraisal")
	}
	switch args[0] {
	case "plan":
		return e.reportPlan(args[1:])
	case "appraisal":
		return e.reportAppraisal(args[1:])
	}
	return usagef("report: unknown subcommand %q", args[0])
}

func (e *env) reportPlan(args []string) error {
	var planID, person, out string
	pos, err := flags("report plan", args, func(fs *flag.FlagSet) {
		fs.StringVar(&planID, "plan", "", "plan id")
		fs.StringVar(&person, "person", "", "person id or unique name: their latest plan")
		fs.StringVar(&out, "out", "", "PDF file to write (must not exist)")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("report plan takes no arguments")
	case (planID == "") == (person == ""):
		return usagef("report plan needs --plan ID or --person ID|NAME (one of them)")
	case out == "":
		return usagef("report plan needs --out FILE.pdf")
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
		if err := workspace.SaveNewFile(out, func(w io.Writer) error {
			return ws.PlanReport(e.ctx, planID, w, generated)
		}); err != nil {
			return err
		}
		return reportWritten(e, out)
	})
}

func (e *env) reportAppraisal(args []string) error {
	var id, out string
	pos, err := flags("report appraisal", args, func(fs *flag.FlagSet) {
		fs.StringVar(&id, "appraisal", "", "appraisal id")
		fs.StringVar(&out, "out", "", "PDF file to write (must not exist)")
	})
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usagef("report appraisal takes no arguments")
	case id == "" || out == "":
		return usagef("report appraisal needs --appraisal ID and --out FILE.pdf")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		generated := time.Now()
		if err := workspace.SaveNewFile(out, func(w io.Writer) error {
			return ws.AppraisalReport(e.ctx, id, w, generated)
		}); err != nil {
			return err
		}
		return reportWritten(e, out)
	})
}

func reportWritten(e *env, path string) error {
	_, err := fmt.Fprintf(e.out, "Report written: %s (personal data: share it only with whoever needs it)\n", path)
	return err
}
