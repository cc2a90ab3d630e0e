package workspace

import (
	"context"
	"io"
	"strings"
	"time"

	"gapwise/internal/appinfo"
	"gapwise/internal/exchange"
	"gapwise/internal/gap"
	"gapwise/internal/model"
	"gapwise/internal/report"
	"gapwise/internal/savefile"
)

// gapsAssessment picks the assessment a plan's gaps come from: the person's
// newest assessment of the plan's framework version that has ratings, their
// own or agreed at an appraisal (an appraiser's view of them is not their
// position); failing that, the newest such assessment even if empty. ok is
// false when the person has none.
func (w *Workspace) gapsAssessment(ctx context.Context, p model.Plan) (a model.Assessment, ok bool, err error) {
	all, err := w.store.Assessments(ctx, p.PersonID) // newest first
	if err != nil {
		return model.Assessment{}, false, err
	}
	for _, x := range all {
		if x.Framework != p.Framework || x.Kind == model.AppraiserAssessment {
			continue
		}
		if !ok {
			a, ok = x, true
		}
		rs, err := w.store.Ratings(ctx, x.ID)
		if err != nil {
			return model.Assessment{}, false, err
		}
		if len(rs) > 0 {
			return x, true, nil
		}
	}
	return a, ok, nil
}

// PlanReport writes a personal plan as a PDF: the plan with the person's gaps
// from their newest assessment of the plan's framework version (see
// gapsAssessment; none gives an empty gaps section). generated is printed as
// given; zero means now.
func (w *Workspace) PlanReport(ctx context.Context, planID string, out io.Writer, generated time.Time) error {
	in, err := w.planInput(ctx, planID, generated)
	if err != nil {
		return err
	}
	if err := report.PlanPDF(out, in); err != nil {
		return model.Wrap(model.KindOf(err), err, "cannot make the plan report")
	}
	return nil
}

// PlanSpreadsheet writes the same plan as PlanReport as an XLSX workbook
// (gaps and actions sheets), for trusts whose appraisal forms are
// spreadsheets.
func (w *Workspace) PlanSpreadsheet(ctx context.Context, planID string, out io.Writer, generated time.Time) error {
	in, err := w.planInput(ctx, planID, generated)
	if err != nil {
		return err
	}
	b := personalBook(in.Meta, in.Person, "Personal development plan")
	b.Gaps, b.HasGaps, b.Plan = in.Gaps.Items, in.Assessment.ID != "", in.Plan
	if err := exchange.PersonalXLSX(out, b); err != nil {
		return model.Wrap(model.KindOf(err), err, "cannot make the plan spreadsheet")
	}
	return nil
}

// personalBook starts a plan or appraisal workbook from a report's metadata.
func personalBook(m report.Meta, p model.Person, title string) exchange.PersonalBook {
	f := m.Framework
	return exchange.PersonalBook{
		Title: title, Person: p, Framework: f.Ref, FrameworkName: f.Name,
		Licence: strings.TrimSpace(f.Licence + " " + f.LicenceURL), Attribution: f.Attribution,
		Provisional: f.Provisional, Generated: m.Generated, AppVersion: m.AppVersion, Pack: f,
	}
}

// planInput is everything a personal plan document shows.
func (w *Workspace) planInput(ctx context.Context, planID string, generated time.Time) (report.PlanInput, error) {
	var in report.PlanInput
	p, err := w.store.Plan(ctx, planID)
	if err != nil {
		return in, err
	}
	if p.PersonID == "" {
		return in, model.Errorf(model.Invalid, "plan %q is a team plan; only personal plans can be printed for now", p.Title)
	}
	person, err := w.store.Person(ctx, p.PersonID)
	if err != nil {
		return in, err
	}
	f, err := w.Framework(ctx, p.Framework)
	if err != nil {
		return in, err
	}
	in = report.PlanInput{
		Meta:   report.Meta{Framework: f, AppVersion: appinfo.Version, Generated: generated},
		Person: person,
		Plan:   p,
	}
	a, ok, err := w.gapsAssessment(ctx, p)
	if err != nil {
		return in, err
	}
	if ok {
		s, err := w.Sheet(ctx, a.ID)
		if err != nil {
			return in, err
		}
		in.Assessment = s.Assessment
		in.Gaps = gap.Compute(s.Framework, s.Items, s.ratingList(), s.targetList())
		att, err := w.assessmentAttachment(ctx, a.ID, "The assessment this plan's gaps come from")
		if err != nil {
			return in, err
		}
		in.Attachments = []report.Attachment{att}
	}
	return in, nil
}

// AppraisalReport writes a joint appraisal as a PDF: the review of the
// previous plan, self, appraiser's and agreed levels with notes, the new
// plan and the sign-off.
func (w *Workspace) AppraisalReport(ctx context.Context, appraisalID string, out io.Writer, generated time.Time) error {
	in, err := w.appraisalInput(ctx, appraisalID, generated, true)
	if err != nil {
		return err
	}
	if err := report.AppraisalPDF(out, in); err != nil {
		return model.Wrap(model.KindOf(err), err, "cannot make the appraisal report")
	}
	return nil
}

// AppraisalSpreadsheet writes the same appraisal as AppraisalReport as an
// XLSX workbook (levels side by side, the plans, the sign-off).
func (w *Workspace) AppraisalSpreadsheet(ctx context.Context, appraisalID string, out io.Writer, generated time.Time) error {
	in, err := w.appraisalInput(ctx, appraisalID, generated, false)
	if err != nil {
		return err
	}
	b := personalBook(in.Meta, in.Person, "Joint appraisal")
	a := in.Appraisal
	b.Appraisal, b.Plan, b.PreviousPlan = &a, in.Plan, in.PreviousPlan
	for _, it := range in.Items {
		b.Ratings = append(b.Ratings, exchange.AppraisalRating{Item: it.Item, Group: it.TopGroup, Self: it.Self,
			Appraisers: it.Appraisers, Covered: it.Covered, Agreed: it.Agreed, Note: it.Note})
	}
	if err := exchange.PersonalXLSX(out, b); err != nil {
		return model.Wrap(model.KindOf(err), err, "cannot make the appraisal spreadsheet")
	}
	return nil
}

// appraisalInput is everything a joint appraisal document shows; attach
// adds the assessment files (for the PDF). Once everyone has signed, the
// document is dated at the last signature instead of generated, so the
// signed record comes out byte for byte the same whenever it is made.
func (w *Workspace) appraisalInput(ctx context.Context, appraisalID string, generated time.Time, attach bool) (report.AppraisalInput, error) {
	v, err := w.AppraisalView(ctx, appraisalID)
	if err != nil {
		return report.AppraisalInput{}, err
	}
	if v.Appraisal.AllSigned() {
		generated = v.Appraisal.LastSigned()
	}
	in := report.AppraisalInput{
		Meta:         report.Meta{Framework: v.Framework, AppVersion: appinfo.Version, Generated: generated},
		Person:       v.Person,
		Appraisal:    v.Appraisal,
		Scopes:       make([]string, len(v.Appraisal.Appraisers)),
		Items:        make([]report.AppraisalItem, len(v.Items)),
		PreviousPlan: v.PreviousPlan,
		Plan:         v.Plan,
	}
	for i := range in.Scopes {
		in.Scopes[i] = v.ScopeText(i)
	}
	for i, r := range v.Items {
		in.Items[i] = report.AppraisalItem{Item: r.Item, TopGroup: r.TopGroup, Self: r.Self, Appraisers: r.Appraisers,
			Covered: r.Covered, Agreed: r.Agreed, Note: r.Note}
	}
	in.Authors = []string{v.Person.Name}
	for _, x := range v.Appraisal.Appraisers {
		if name := strings.TrimSpace(x.Name); name != "" {
			in.Authors = append(in.Authors, name)
		}
	}
	if !attach {
		return in, nil
	}
	type attachment struct{ id, what, who string }
	files := []attachment{{v.Appraisal.SelfID, "The appraisee's self-assessment", ""}}
	for _, x := range v.Appraisal.Appraisers {
		files = append(files, attachment{x.AssessmentID, possessiveName(x.Name) + " assessment (appraiser)", x.Name})
	}
	files = append(files, attachment{v.Appraisal.AgreedID, "The agreed levels", ""})
	for _, a := range files {
		if a.id == "" {
			continue
		}
		att, err := w.assessmentAttachment(ctx, a.id, a.what)
		if err != nil {
			return in, err
		}
		if a.who != "" && len(v.Appraisal.Appraisers) > 1 { // one file per appraiser: their name tells the files apart
			att.Name = strings.TrimSuffix(att.Name, ".gapwise.json") + "-" + model.Slug(a.who) + ".gapwise.json"
		}
		in.Attachments = append(in.Attachments, att)
	}
	return in, nil
}

// possessiveName is "Dr Ann Inf's".
func possessiveName(name string) string { return name + "'s" }

// assessmentAttachment is an assessment's .gapwise.json file, carried
// inside a personal report (PDF/A-3) so that a portfolio keeps the data
// with the document and Gapwise can import it again from there.
func (w *Workspace) assessmentAttachment(ctx context.Context, id, what string) (report.Attachment, error) {
	data, name, err := w.ExportAssessment(ctx, id)
	if err != nil {
		return report.Attachment{}, err
	}
	return report.Attachment{
		Name: name, MIME: "application/json", Data: data,
		Description: what + ", as a Gapwise assessment file (import it with Gapwise to see it again)",
	}, nil
}

// SaveNewFile writes a new file at path with what render writes: the one way
// the app and the CLI write every file (PDFs, spreadsheets, CSV, exchange
// files). It is whole or absent (a temporary file beside it, synced, then
// named), never replaces anything (Conflict), and is readable by its owner
// only. See internal/savefile.
func SaveNewFile(path string, render func(io.Writer) error) error {
	return savefile.SaveNewFile(path, render)
}

// ReplaceFile is SaveNewFile over a file the user has agreed to replace
// (the app asks first): the old file stays whole until the new one is
// complete and synced, then takes its name in one rename.
func ReplaceFile(path string, render func(io.Writer) error) error {
	return savefile.ReplaceFile(path, render)
}
