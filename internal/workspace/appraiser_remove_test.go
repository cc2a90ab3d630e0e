package workspace

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"gapwise/internal/model"
)

// TestRemoveAppraiser: an appraiser can be taken off an appraisal before
// anyone signs; their assessment and ratings really go (not in the database
// file afterwards), the others move up and keep theirs, the agreed levels
// stay; a signed appraisal, its only appraiser and a name it lacks are refused.
func TestRemoveAppraiser(t *testing.T) {
	const evidence = "Vexhammer saw the sepsis dashboard audit"
	tests := []struct {
		name       string
		appraisers []string
		sign       bool
		remove     string
		kind       model.ErrorKind // 0: removed
		summary    string
		left       []string
		agreedBy   string // the agreed assessment's assessor after
	}{
		{name: "an appraiser who rated", appraisers: []string{"Dr Ann Inf", "Dr Ottoline Vexhammer", "Dr Ben Clin"}, remove: "Dr Ottoline Vexhammer",
			summary: "Dr Ottoline Vexhammer as appraiser of Sam Jones's 2026/27 appraisal: their assessment, 2 ratings, 0 targets; the agreed levels and notes stay",
			left:    []string{"Dr Ann Inf", "Dr Ben Clin"}, agreedBy: "agreed by Sam Jones, Dr Ann Inf and Dr Ben Clin"},
		{name: "one who has not rated yet", appraisers: []string{"Dr Ann Inf", "Dr Ottoline Vexhammer", "Dr Ben Clin"}, remove: "Dr Ben Clin",
			summary: "Dr Ben Clin as appraiser of Sam Jones's 2026/27 appraisal: no ratings yet; the agreed levels and notes stay",
			left:    []string{"Dr Ann Inf", "Dr Ottoline Vexhammer"}, agreedBy: "agreed by Sam Jones, Dr Ann Inf and Dr Ottoline Vexhammer"},
		{name: "the name in other case, with spaces", appraisers: []string{"Dr Ottoline Vexhammer", "Dr Ann Inf"}, remove: "  dr ottoline VEXHAMMER ",
			summary: "Dr Ottoline Vexhammer as appraiser of Sam Jones's 2026/27 appraisal: their assessment, 2 ratings, 0 targets; the agreed levels and notes stay",
			left:    []string{"Dr Ann Inf"}, agreedBy: "agreed by Sam Jones and Dr Ann Inf"},
		{name: "after someone signed", appraisers: []string{"Dr Ann Inf", "Dr Ottoline Vexhammer"}, sign: true, remove: "Dr Ann Inf", kind: model.Conflict},
		{name: "the only appraiser", appraisers: []string{"Dr Ottoline Vexhammer"}, remove: "Dr Ottoline Vexhammer", kind: model.Invalid},
		{name: "nobody by that name", appraisers: []string{"Dr Ann Inf", "Dr Ottoline Vexhammer"}, remove: "Dr Who", kind: model.NotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			w := openTemp(t)
			_, self := appraisee(t, w, "Sam Jones")
			aps := make([]model.Appraiser, len(tc.appraisers))
			for i, n := range tc.appraisers {
				aps[i] = model.Appraiser{Name: n}
			}
			ap, err := w.StartAppraisal(ctx, self.ID, aps, "2026/27")
			if err != nil {
				t.Fatal(err)
			}
			ids := map[string]string{}
			for _, n := range []string{"Dr Ann Inf", "Dr Ottoline Vexhammer"} {
				if ap.AppraiserNamed(n) < 0 || tc.sign {
					continue
				}
				a, err := w.RateAsAppraiser(ctx, ap.ID, n)
				if err != nil {
					t.Fatal(err)
				}
				ids[n] = a.ID
				for item, level := range map[string]int{"ITSP": 4, "DTAN": 2} {
					ev := ""
					if strings.Contains(n, "Vexhammer") {
						ev = evidence
					}
					if err := w.Rate(ctx, a.ID, model.Rating{Item: item, Level: level, Evidence: ev}); err != nil {
						t.Fatal(err)
					}
				}
			}
			if err := w.SetAgreed(ctx, model.AppraisalID(ap.ID), "ITSP", 4); err != nil {
				t.Fatal(err)
			}
			if tc.sign {
				if err := w.SignOff(ctx, ap.ID, SignAppraisee); err != nil {
					t.Fatal(err)
				}
			}
			inFile := func() bool {
				t.Helper()
				for _, p := range []string{w.Path(), w.Path() + "-wal"} {
					data, err := os.ReadFile(p)
					if err != nil && !os.IsNotExist(err) {
						t.Fatal(err)
					}
					if bytes.Contains(data, []byte("Vexhammer")) {
						return true
					}
				}
				return false
			}
			if !inFile() {
				t.Fatal("the name is not in the database before the removal: the test proves nothing")
			}
			preview, perr := w.Erasure(ctx, EraseAppraiser, AppraiserRef(ap.ID, tc.remove))
			gone, err := w.RemoveAppraiser(ctx, ap.ID, tc.remove)
			if tc.kind != 0 {
				if model.KindOf(perr) != tc.kind || model.KindOf(err) != tc.kind {
					t.Fatalf("preview %v, removal %v; want %v for both", perr, err, tc.kind)
				}
				if got, _ := w.Appraisal(ctx, ap.ID); len(got.Appraisers) != len(tc.appraisers) {
					t.Errorf("a refused removal left %d appraisers of %d", len(got.Appraisers), len(tc.appraisers))
				}
				return
			}
			if perr != nil || err != nil {
				t.Fatalf("preview %v, removal %v", perr, err)
			}
			if preview.Summary() != tc.summary || gone.Summary() != tc.summary {
				t.Errorf("confirmation %q\nremoved      %q\nwant         %q", preview.Summary(), gone.Summary(), tc.summary)
			}
			got, err := w.Appraisal(ctx, ap.ID)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, x := range got.Appraisers {
				names = append(names, x.Name)
				if id := ids[x.Name]; x.AssessmentID != id {
					t.Errorf("%s's assessment is %q after the removal, was %q", x.Name, x.AssessmentID, id)
				}
			}
			if strings.Join(names, "|") != strings.Join(tc.left, "|") {
				t.Errorf("appraisers left %q, want %q", names, tc.left)
			}
			removed := got.AppraiserNamed(tc.remove)
			if removed >= 0 {
				t.Fatalf("%s is still an appraiser", tc.remove)
			}
			for n, id := range ids {
				_, err := w.Assessment(ctx, id)
				if strings.EqualFold(n, strings.TrimSpace(tc.remove)) != (model.KindOf(err) == model.NotFound) {
					t.Errorf("%s's assessment after removing %s: %v", n, tc.remove, err)
				}
			}
			agreed, err := w.Assessment(ctx, ap.AgreedID)
			if err != nil {
				t.Fatal(err)
			}
			if agreed.Assessor != tc.agreedBy {
				t.Errorf("agreed assessment's assessor %q, want %q", agreed.Assessor, tc.agreedBy)
			}
			v, err := w.AppraisalView(ctx, ap.ID)
			if err != nil {
				t.Fatal(err)
			}
			if r := rowOf(t, v, "ITSP"); r.Agreed == nil || *r.Agreed != 4 || len(r.Appraisers) != len(tc.left) {
				t.Errorf("ITSP after the removal: agreed %v, %d appraiser columns", r.Agreed, len(r.Appraisers))
			}
			if strings.Contains(strings.ToLower(tc.remove), "vexhammer") && inFile() {
				t.Error("the database file still holds the removed appraiser's name or evidence")
			}
		})
	}
}

func rowOf(t *testing.T, v *AppraisalView, item string) AppraisalRow {
	t.Helper()
	for _, r := range v.Items {
		if r.Item.ID == item {
			return r
		}
	}
	t.Fatalf("no %s in the appraisal", item)
	return AppraisalRow{}
}

// TestAgreedByFollowsTheAppraisers: the agreed assessment names who agreed
// it, as the appraisers are after adding, renaming and removing one.
func TestAgreedByFollowsTheAppraisers(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	_, self := appraisee(t, w, "Sam Jones")
	ap, err := w.StartAppraisal(ctx, self.ID, one("Dr Ann Inf"), "2026/27")
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		name string
		do   func() error
		want string
	}{
		{"started", func() error { return nil }, "agreed by Sam Jones and Dr Ann Inf"},
		{"added", func() error { return w.AddAppraiser(ctx, ap.ID, model.Appraiser{Name: "Dr Ben Clin"}) }, "agreed by Sam Jones, Dr Ann Inf and Dr Ben Clin"},
		{"renamed", func() error {
			return w.SetAppraiser(ctx, ap.ID, "Dr Ben Clin", model.Appraiser{Name: "Dr Benedict Clin"})
		}, "agreed by Sam Jones, Dr Ann Inf and Dr Benedict Clin"},
		{"removed", func() error { _, err := w.RemoveAppraiser(ctx, ap.ID, "Dr Ann Inf"); return err }, "agreed by Sam Jones and Dr Benedict Clin"},
	} {
		if err := step.do(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		agreed, err := w.Assessment(ctx, ap.AgreedID)
		if err != nil {
			t.Fatal(err)
		}
		if agreed.Assessor != step.want {
			t.Errorf("%s: the agreed assessment says %q, want %q", step.name, agreed.Assessor, step.want)
		}
	}
}
