package workspace

import (
	"context"
	"strings"
	"testing"
	"time"

	"gapwise/internal/model"
)

func TestAppraisalPeriod(t *testing.T) {
	for day, want := range map[string]string{
		"2026-04-01": "2026/27", "2027-03-31": "2026/27", "2026-11-22": "2026/27", "2000-01-15": "1999/00", "2099-06-01": "2099/00",
	} {
		d, _ := time.Parse(time.DateOnly, day)
		if got := AppraisalPeriod(d); got != want {
			t.Errorf("%s: %s, want %s", day, got, want)
		}
	}
}

// appraisee makes a person with a rated SFIA 9 self-assessment (with a
// target) in w.
func appraisee(t *testing.T, w *Workspace, name string) (model.Person, model.Assessment) {
	t.Helper()
	ctx := context.Background()
	p := addPerson(t, w, name)
	self := start(t, w, p.ID, sfia9, model.Scope{})
	for item, level := range map[string]int{"ITSP": 4, "DTAN": 3, "ARCH": 0, "PROG": 2} {
		if err := w.Rate(ctx, self.ID, model.Rating{Item: item, Level: level}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.SetTarget(ctx, model.AssessmentID(self.ID), "ITSP", 5); err != nil {
		t.Fatal(err)
	}
	return p, self
}

// one is a single appraiser of every item.
func one(name string) []model.Appraiser { return []model.Appraiser{{Name: name}} }

func TestStartAppraisal(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	p, self := appraisee(t, w, "Ada Lovelace")

	// The previous plan is the latest plan for the same framework version.
	older, _ := w.CreatePlan(ctx, p.ID, sfia9, "older")
	time.Sleep(2 * time.Millisecond)
	latest, _ := w.CreatePlan(ctx, p.ID, sfia9, "latest")
	time.Sleep(2 * time.Millisecond)
	if _, err := w.CreatePlan(ctx, p.ID, sfia8, "other version"); err != nil {
		t.Fatal(err)
	}
	_ = older

	ap, err := w.StartAppraisal(ctx, self.ID, one("  Dr Grace Hopper "), "")
	if err != nil {
		t.Fatal(err)
	}
	if ap.PreviousPlan != latest.ID || len(ap.Appraisers) != 1 || ap.Appraisers[0].Name != "Dr Grace Hopper" || ap.Period != AppraisalPeriod(time.Now()) ||
		ap.Framework != sfia9 || ap.PersonID != p.ID || ap.SelfID != self.ID {
		t.Errorf("StartAppraisal = %+v", ap)
	}
	agreed, err := w.Assessment(ctx, ap.AgreedID)
	if err != nil || agreed.Kind != model.AgreedAssessment || agreed.Assessor != "agreed by Ada Lovelace and Dr Grace Hopper" || agreed.Scope != self.Scope {
		t.Errorf("agreed assessment = %+v, %v", agreed, err)
	}
	if sh, _ := w.Sheet(ctx, ap.AgreedID); len(sh.Ratings) != 0 || sh.Targets["ITSP"].Level != 5 {
		t.Errorf("agreed assessment starts with ratings %v and targets %v; want none, and the self-assessment's targets", sh.Ratings, sh.Targets)
	}
	plan, err := w.Plan(ctx, ap.Plan)
	if err != nil || len(plan.Actions) != 0 || plan.PersonID != p.ID || plan.Framework != sfia9 || !strings.Contains(plan.Title, "SFIA 9") {
		t.Errorf("new plan = %+v, %v", plan, err)
	}

	// A second appraisal reviews the plan the first one made.
	time.Sleep(2 * time.Millisecond)
	next, err := w.StartAppraisal(ctx, self.ID, one("Dr Grace Hopper"), "2027/28")
	if err != nil || next.PreviousPlan != ap.Plan || next.Period != "2027/28" {
		t.Errorf("second appraisal = %+v, %v", next, err)
	}
	// No earlier plan of the version: none to review.
	q, qs := appraisee(t, w, "Bob")
	if a, err := w.StartAppraisal(ctx, qs.ID, one("Grace"), ""); err != nil || a.PreviousPlan != "" {
		t.Errorf("first appraisal of %s: %+v, %v", q.Name, a, err)
	}

	tests := []struct {
		name, self, appraiser, period string
		kind                          model.ErrorKind
		msg                           string
	}{
		{"no appraiser", self.ID, " ", "", model.Invalid, "appraiser's name"},
		{"unknown assessment", "nope", "Grace", "", model.NotFound, "not found"},
		{"from the agreed assessment", ap.AgreedID, "Grace", "", model.Invalid, "starts from the appraisee's self-assessment"},
		{"period with a line break", self.ID, "Grace", "2026\n27", model.Invalid, "line break"},
	}
	for _, tc := range tests {
		_, err := w.StartAppraisal(ctx, tc.self, one(tc.appraiser), tc.period)
		if model.KindOf(err) != tc.kind || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: %v (kind %v), want kind %v mentioning %q", tc.name, err, model.KindOf(err), tc.kind, tc.msg)
		}
	}
	// The plan an appraisal made cannot be deleted on its own.
	if err := w.DeletePlan(ctx, ap.Plan); model.KindOf(err) != model.Conflict || !strings.Contains(err.Error(), "delete the appraisal first") {
		t.Errorf("deleting an appraisal's plan: %v", err)
	}
}

// appraiserFile is the file an appraiser sends: made on their own laptop
// (a separate database) from the appraisee's self-assessment file.
func appraiserFile(t *testing.T, from *Workspace, selfID string, ref model.FrameworkRef, kind model.AssessmentKind, ratings map[string]int) []byte {
	t.Helper()
	ctx := context.Background()
	selfFile, _, err := from.ExportAssessment(ctx, selfID)
	if err != nil {
		t.Fatal(err)
	}
	laptop := openTemp(t)
	res, err := laptop.ImportAssessment(ctx, selfFile)
	if err != nil {
		t.Fatal(err)
	}
	a, err := laptop.StartAssessment(ctx, res.Person.ID, ref, kind, "Dr Grace Hopper", model.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	for item, level := range ratings {
		if err := laptop.Rate(ctx, a.ID, model.Rating{Item: item, Level: level}); err != nil {
			t.Fatal(err)
		}
	}
	data, _, err := laptop.ExportAssessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestImportAppraiserFile(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	p, self := appraisee(t, w, "Ada Lovelace")
	_, otherSelf := appraisee(t, w, "Charles Babbage")
	ap, err := w.StartAppraisal(ctx, self.ID, one("Dr Grace Hopper"), "2026/27")
	if err != nil {
		t.Fatal(err)
	}
	rated := map[string]int{"ITSP": 5, "DTAN": 3, "ARCH": 4}

	refusals := []struct {
		name string
		data []byte
		msg  string
	}{
		{"another person", appraiserFile(t, w, otherSelf.ID, sfia9, model.AppraiserAssessment, rated),
			"this file is an appraiser's assessment of Charles Babbage, not Ada Lovelace"},
		{"another framework version", appraiserFile(t, w, self.ID, sfia8, model.AppraiserAssessment, map[string]int{"ITSP": 5}),
			"rated against sfia@8; this appraisal uses sfia@9"},
		{"a self-assessment", appraiserFile(t, w, self.ID, sfia9, model.SelfAssessment, rated),
			"this file is a self assessment"},
		{"not a file at all", []byte("{}"), "format"},
	}
	for _, r := range refusals {
		_, err := w.ImportAppraiserFile(ctx, ap.ID, r.data)
		if model.KindOf(err) != model.BadFile || !strings.Contains(err.Error(), r.msg) {
			t.Errorf("%s: %v (kind %v), want a refusal mentioning %q", r.name, err, model.KindOf(err), r.msg)
		}
	}
	if got, _ := w.Appraisal(ctx, ap.ID); got.Appraisers[0].AssessmentID != "" {
		t.Fatalf("a refused file was linked: %s", got.Appraisers[0].AssessmentID)
	}
	if as, _ := w.Assessments(ctx, p.ID); len(as) != 2 {
		t.Errorf("refused files left assessments behind: %d", len(as))
	}

	good := appraiserFile(t, w, self.ID, sfia9, model.AppraiserAssessment, rated)
	res, err := w.ImportAppraiserFile(ctx, ap.ID, good)
	if err != nil || res.Outcome != Added || res.Person.Name != "Ada Lovelace" || res.Ratings != 3 {
		t.Fatalf("import: %+v, %v", res, err)
	}
	v, err := w.AppraisalView(ctx, ap.ID)
	if err != nil {
		t.Fatal(err)
	}
	if v.Assessments[0] == nil || v.Assessments[0].ID != res.Assessment.ID || v.Counts.RatedByBoth != 3 || v.Counts.Disagreements != 2 {
		t.Errorf("after import: appraiser %+v, counts %+v", v.Assessments[0], v.Counts)
	}
	if again, err := w.ImportAppraiserFile(ctx, ap.ID, good); err != nil || again.Outcome != Unchanged {
		t.Errorf("same file again: %+v, %v", again, err)
	}
	// RateAsAppraiser now finds the imported assessment instead of making one.
	if a, err := w.RateAsAppraiser(ctx, ap.ID, ""); err != nil || a.ID != res.Assessment.ID {
		t.Errorf("RateAsAppraiser after import: %v %v", a.ID, err)
	}
}

func TestAppraisalViewAndSignOff(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	_, self := appraisee(t, w, "Ada Lovelace") // ITSP 4, DTAN 3, ARCH 0, PROG 2
	ap, err := w.StartAppraisal(ctx, self.ID, one("Dr Grace Hopper"), "2026/27")
	if err != nil {
		t.Fatal(err)
	}

	// No appraiser's ratings yet: nothing to agree, so signing is allowed
	// (and withdrawn again).
	if err := w.SignOff(ctx, ap.ID, SignAppraisee); err != nil {
		t.Errorf("sign with nothing rated by both: %v", err)
	}
	if _, err := w.Unsign(ctx, ap.ID, SignAppraisee); err != nil {
		t.Fatal(err)
	}

	appr, err := w.RateAsAppraiser(ctx, ap.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if appr.Kind != model.AppraiserAssessment || appr.Assessor != "Dr Grace Hopper" || appr.Scope != self.Scope {
		t.Errorf("appraiser's assessment = %+v", appr)
	}
	if again, err := w.RateAsAppraiser(ctx, ap.ID, "dr grace hopper"); err != nil || again.ID != appr.ID {
		t.Errorf("RateAsAppraiser twice made %s then %s (%v)", appr.ID, again.ID, err)
	}
	for item, level := range map[string]int{"ITSP": 5, "DTAN": 3, "ARCH": 4, "BURM": 4} {
		if err := w.Rate(ctx, appr.ID, model.Rating{Item: item, Level: level}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.SetAgreed(ctx, model.AppraisalID(ap.ID), "ITSP", 5); err != nil {
		t.Fatal(err)
	}
	if err := w.SetAgreed(ctx, model.AppraisalID(ap.ID), "ITSP", 6); err != nil {
		t.Fatal(err)
	}
	if err := w.SetAgreed(ctx, model.AppraisalID(ap.ID), "ITSP", 1); model.KindOf(err) != model.Invalid {
		t.Errorf("agreeing a level ITSP does not define: %v", err)
	}
	if err := w.SetAgreed(ctx, model.AppraisalID(ap.ID), "NOPE", 1); model.KindOf(err) != model.NotFound {
		t.Errorf("agreeing an unknown item: %v", err)
	}
	if err := w.SetAppraisalNote(ctx, ap.ID, "ITSP", "  Led the digital strategy; agreed 6.  "); err != nil {
		t.Fatal(err)
	}
	if err := w.SetAppraisalNote(ctx, ap.ID, "NOPE", "x"); model.KindOf(err) != model.NotFound {
		t.Errorf("note on an unknown item: %v", err)
	}
	if err := w.SetOverallNotes(ctx, ap.ID, "A strong year."); err != nil {
		t.Fatal(err)
	}

	v, err := w.AppraisalView(ctx, ap.ID)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]AppraisalRow{}
	for i, r := range v.Items {
		rows[r.Item.ID] = r
		if i > 0 && position(v.Framework, v.Items[i-1].Item.ID) > position(v.Framework, r.Item.ID) {
			t.Errorf("items out of framework order at %s", r.Item.ID)
		}
	}
	if len(v.Items) != len(v.Framework.Items) {
		t.Errorf("%d items, want the whole framework (%d)", len(v.Items), len(v.Framework.Items))
	}
	lv := func(p *int) string {
		if p == nil {
			return "-"
		}
		return string(rune('0' + *p))
	}
	for item, want := range map[string]struct {
		self, appraiser, agreed string
		disagree                bool
	}{
		"ITSP": {"4", "5", "6", true},
		"DTAN": {"3", "3", "-", false},
		"ARCH": {"0", "4", "-", true},
		"PROG": {"2", "-", "-", false},
		"BURM": {"-", "4", "-", false},
		"RLMT": {"-", "-", "-", false},
	} {
		r := rows[item]
		if lv(r.Self) != want.self || lv(r.Appraisers[0]) != want.appraiser || lv(r.Agreed) != want.agreed || r.Differs != want.disagree {
			t.Errorf("%s: self %s appraiser %s agreed %s disagree %v; want %+v", item, lv(r.Self), lv(r.Appraisers[0]), lv(r.Agreed), r.Differs, want)
		}
	}
	if rows["ITSP"].Note != "Led the digital strategy; agreed 6." || rows["ITSP"].TopGroup == nil {
		t.Errorf("ITSP row: %+v", rows["ITSP"])
	}
	wantCounts := AppraisalCounts{Items: len(v.Framework.Items), RatedByBoth: 3, Disagreements: 2, Agreed: 1, Outstanding: 2, Matching: 1}
	if v.Counts != wantCounts || v.ReadyToSign() || v.Signed() {
		t.Errorf("counts %+v, want %+v", v.Counts, wantCounts)
	}
	if v.Appraisal.OverallNotes != "A strong year." || v.PreviousPlan != nil || v.Plan.ID != ap.Plan {
		t.Errorf("view: notes %q previous %v plan %s", v.Appraisal.OverallNotes, v.PreviousPlan, v.Plan.ID)
	}

	// Sign-off waits for every item both rated.
	err = w.SignOff(ctx, ap.ID, "Dr Grace Hopper")
	if model.KindOf(err) != model.Conflict || !strings.Contains(err.Error(), "2 item(s) rated by the appraisee and an appraiser still have no agreed level") ||
		!strings.Contains(err.Error(), "1 of them match") {
		t.Errorf("early sign-off: %v", err)
	}
	if err := w.SignOff(ctx, ap.ID, "manager"); model.KindOf(err) != model.NotFound {
		t.Errorf("sign-off by a manager: %v", err)
	}
	for item, level := range map[string]int{"DTAN": 3, "ARCH": 4} {
		if err := w.SetAgreed(ctx, model.AppraisalID(ap.ID), model.ItemID(item), level); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.SignOff(ctx, ap.ID, "appraiser"); err != nil {
		t.Fatalf("sign-off with every item agreed: %v", err)
	}
	first, _ := w.Appraisal(ctx, ap.ID)
	time.Sleep(2 * time.Millisecond)
	if err := w.SignOff(ctx, ap.ID, "Dr Grace Hopper"); model.KindOf(err) != model.Conflict || !strings.Contains(err.Error(), "Dr Grace Hopper signed this appraisal on") {
		t.Errorf("signing twice: %v", err)
	}
	if again, _ := w.Appraisal(ctx, ap.ID); !again.Appraisers[0].SignedAt.Equal(first.Appraisers[0].SignedAt) || again.Appraisers[0].SignedAt.IsZero() {
		t.Errorf("signing twice moved the time from %v to %v", first.Appraisers[0].SignedAt, again.Appraisers[0].SignedAt)
	}
	if err := w.SignOff(ctx, ap.ID, SignAppraisee); err != nil {
		t.Fatal(err)
	}

	// Signed by everyone: the record is locked, and the plan too but for progress.
	for name, change := range map[string]func() error{
		"agree":           func() error { return w.SetAgreed(ctx, model.AppraisalID(ap.ID), "DTAN", 4) },
		"clear":           func() error { return w.ClearAgreed(ctx, model.AppraisalID(ap.ID), "DTAN") },
		"note":            func() error { return w.SetAppraisalNote(ctx, ap.ID, "DTAN", "x") },
		"overall notes":   func() error { return w.SetOverallNotes(ctx, ap.ID, "x") },
		"period":          func() error { return w.SetAppraisalPeriod(ctx, ap.ID, "2030/31") },
		"add appraiser":   func() error { return w.AddAppraiser(ctx, ap.ID, model.Appraiser{Name: "Dr Cy"}) },
		"appraiser rates": func() error { return w.Rate(ctx, appr.ID, model.Rating{Item: "PROG", Level: 3}) },
		"new action": func() error {
			_, err := w.SaveAction(ctx, ap.Plan, model.Action{Objective: "Shadow the CCIO for a month", Items: []string{"ITSP"}, Activity: "shadowing"})
			return err
		},
		"previous plan":  func() error { return w.SetPreviousPlan(ctx, model.AppraisalID(ap.ID), "") },
		"appraiser file": func() error { _, err := w.ImportAppraiserFile(ctx, ap.ID, []byte("{}")); return err },
	} {
		if err := change(); model.KindOf(err) != model.Conflict || !strings.Contains(err.Error(), "signed") {
			t.Errorf("%s after sign-off: %v", name, err)
		}
	}
	v, _ = w.AppraisalView(ctx, ap.ID)
	if !v.Signed() || !v.ReadyToSign() || len(v.Plan.Actions) != 0 {
		t.Errorf("signed view: signed %v ready %v actions %d", v.Signed(), v.ReadyToSign(), len(v.Plan.Actions))
	}
	if _, err := w.Unsign(ctx, ap.ID, "appraiser"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.SaveAction(ctx, ap.Plan, model.Action{Objective: "Shadow the CCIO for a month", Items: []string{"ITSP"}, Activity: "shadowing"}); err != nil {
		t.Errorf("plan after a signature is withdrawn: %v", err)
	}
	if _, err := w.Unsign(ctx, ap.ID, "appraiser"); model.KindOf(err) != model.Conflict {
		t.Errorf("withdrawing a signature twice: %v", err)
	}
	if _, err := w.Unsign(ctx, ap.ID, SignAppraisee); model.KindOf(err) != model.Conflict {
		t.Errorf("the appraisee's signature should have been set aside with the appraiser's: %v", err)
	}
	if err := w.ClearAgreed(ctx, model.AppraisalID(ap.ID), "DTAN"); err != nil {
		t.Errorf("after a signature is withdrawn: %v", err)
	}

	// The next appraisal reviews this one's plan, with its actions.
	next, err := w.StartAppraisal(ctx, self.ID, one("Dr Grace Hopper"), "2027/28")
	if err != nil {
		t.Fatal(err)
	}
	nv, err := w.AppraisalView(ctx, next.ID)
	if err != nil || nv.PreviousPlan == nil || nv.PreviousPlan.ID != ap.Plan || len(nv.PreviousPlan.Actions) != 1 || nv.Assessments[0] != nil {
		t.Errorf("next appraisal view: %+v, %v", nv, err)
	}
	list, err := w.Appraisals(ctx, self.PersonID)
	if err != nil || len(list) != 2 || list[0].ID != next.ID {
		t.Errorf("Appraisals = %d, %v", len(list), err)
	}
	if err := w.DeleteAppraisal(ctx, next.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.AppraisalView(ctx, next.ID); model.KindOf(err) != model.NotFound {
		t.Errorf("deleted appraisal: %v", err)
	}
}
