package workspace

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gapwise/internal/model"
)

func TestReportsArePDFs(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	p, self := appraisee(t, w, "Ada Lovelace")

	// A plan with no assessment of its version still prints.
	bare, err := w.CreatePlan(ctx, p.ID, ddat, "")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := w.PlanReport(ctx, bare.ID, &buf, time.Time{}); err != nil {
		t.Fatalf("plan without assessment: %v", err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Errorf("plan report starts %q", buf.Bytes()[:min(8, buf.Len())])
	}

	ap, err := w.StartAppraisal(ctx, self.ID, one("Dr Grace Hopper"), "2026/27")
	if err != nil {
		t.Fatal(err)
	}
	// The plan's gaps come from the newest assessment with ratings: the
	// self-assessment while the agreed one is empty.
	plan, _ := w.Plan(ctx, ap.Plan)
	if a, ok, err := w.gapsAssessment(ctx, plan); err != nil || !ok || a.ID != self.ID {
		t.Errorf("gaps from %v (%v, %v), want the self-assessment", a.ID, ok, err)
	}
	if err := w.SetAgreed(ctx, model.AppraisalID(ap.ID), "ITSP", 5); err != nil {
		t.Fatal(err)
	}
	if a, _, _ := w.gapsAssessment(ctx, plan); a.ID != ap.AgreedID {
		t.Errorf("gaps from %v, want the agreed assessment once it has levels", a.ID)
	}
	if _, err := w.SaveAction(ctx, ap.Plan, model.Action{Objective: "Write the ward's digital strategy", Items: []string{"ITSP"}, Activity: "project work", Due: "2027-03-31"}); err != nil {
		t.Fatal(err)
	}
	appr, _ := w.RateAsAppraiser(ctx, ap.ID, "")
	if err := w.Rate(ctx, appr.ID, model.Rating{Item: "ITSP", Level: 5}); err != nil {
		t.Fatal(err)
	}
	if err := w.SetAppraisalNote(ctx, ap.ID, "ITSP", "Agreed after discussion"); err != nil {
		t.Fatal(err)
	}
	for name, render := range map[string]func(io.Writer) error{
		"plan":      func(out io.Writer) error { return w.PlanReport(ctx, ap.Plan, out, time.Now()) },
		"appraisal": func(out io.Writer) error { return w.AppraisalReport(ctx, ap.ID, out, time.Now()) },
	} {
		path := filepath.Join(t.TempDir(), name+".pdf")
		if err := SaveNewFile(path, render); err != nil {
			t.Fatalf("%s report: %v", name, err)
		}
		data, _ := os.ReadFile(path)
		if !bytes.HasPrefix(data, []byte("%PDF-")) {
			t.Errorf("%s report is not a PDF", name)
		}
	}
	// The same plan and appraisal as spreadsheets.
	for name, render := range map[string]func(io.Writer) error{
		"plan":      func(out io.Writer) error { return w.PlanSpreadsheet(ctx, ap.Plan, out, time.Now()) },
		"appraisal": func(out io.Writer) error { return w.AppraisalSpreadsheet(ctx, ap.ID, out, time.Now()) },
	} {
		var buf bytes.Buffer
		if err := render(&buf); err != nil {
			t.Fatalf("%s spreadsheet: %v", name, err)
		}
		text := xlsxText(t, buf.Bytes())
		for _, want := range []string{"Ada Lovelace", "digital strategy", "ITSP"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s spreadsheet lacks %q", name, want)
			}
		}
		if name == "appraisal" && !strings.Contains(text, "Agreed after discussion") {
			t.Error("appraisal spreadsheet lacks the discussion note")
		}
	}
	if err := w.PlanSpreadsheet(ctx, "nope", io.Discard, time.Time{}); model.KindOf(err) != model.NotFound {
		t.Errorf("unknown plan spreadsheet: %v", err)
	}
	if err := w.PlanReport(ctx, "nope", io.Discard, time.Time{}); model.KindOf(err) != model.NotFound {
		t.Errorf("unknown plan: %v", err)
	}
	if err := w.AppraisalReport(ctx, "nope", io.Discard, time.Time{}); model.KindOf(err) != model.NotFound {
		t.Errorf("unknown appraisal: %v", err)
	}
}

// TestReportsCarryTheirAssessments: the appraisal PDF holds the self,
// appraiser and agreed assessment files, byte for byte as an export makes
// them, and each imports into another database (read out with poppler's
// pdfdetach, as a records officer would; skipped where it is missing).
func TestReportsCarryTheirAssessments(t *testing.T) {
	tool, err := exec.LookPath("pdfdetach")
	if err != nil {
		t.Skip("pdfdetach (poppler-utils) is not installed")
	}
	ctx := context.Background()
	w := openTemp(t)
	_, self := appraisee(t, w, "Zoë Ødegård")
	ap, err := w.StartAppraisal(ctx, self.ID, one("Dr Grace Hopper"), "2026/27")
	if err != nil {
		t.Fatal(err)
	}
	appr, _ := w.RateAsAppraiser(ctx, ap.ID, "")
	if err := w.Rate(ctx, appr.ID, model.Rating{Item: "ITSP", Level: 4}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "appraisal.pdf")
	if err := SaveNewFile(path, func(out io.Writer) error { return w.AppraisalReport(ctx, ap.ID, out, time.Now()) }); err != nil {
		t.Fatal(err)
	}
	files := filepath.Join(dir, "files")
	os.Mkdir(files, 0o700)
	if out, err := exec.Command(tool, "-saveall", "-o", files, path).CombinedOutput(); err != nil {
		t.Fatalf("pdfdetach: %v\n%s", err, out)
	}
	other := openTemp(t)
	for _, id := range []string{self.ID, appr.ID, ap.AgreedID} {
		want, name, err := w.ExportAssessment(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(files, name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("attachment %s: %v (%d bytes, want %d)", name, err, len(got), len(want))
			continue
		}
		if _, err := other.ImportAssessment(ctx, got); err != nil {
			t.Errorf("importing %s from the PDF: %v", name, err)
		}
	}
}
