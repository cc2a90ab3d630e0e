package workspace

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"gapwise/internal/model"
)

func ip(v int) *int { return &v }

// TestDisagreementBetweenAnyPair: a disagreement is a difference of one level
// or more between any two of the appraisee and the appraisers, whoever they
// are; unrated ones are left out and nothing is averaged.
func TestDisagreementBetweenAnyPair(t *testing.T) {
	tests := []struct {
		name           string
		self, a1, a2   *int
		differs        bool
		spread         int
		matching       *int // proposed agreed level
		needsAgreement bool
	}{
		{"all the same", ip(3), ip(3), ip(3), false, 0, ip(3), true},
		{"self differs from both", ip(2), ip(3), ip(3), true, 1, nil, true},
		{"the appraisers differ", ip(3), ip(3), ip(4), true, 1, nil, true},
		{"self and second differ", ip(4), ip(4), ip(2), true, 2, nil, true},
		{"none yet against a level", ip(0), ip(2), ip(0), true, 2, nil, true},
		{"second not rated yet: no proposal", ip(3), ip(3), nil, false, 0, nil, true},
		{"self not rated", nil, ip(3), ip(2), true, 1, nil, false},
		{"only self", ip(3), nil, nil, false, 0, nil, false},
		{"nobody", nil, nil, nil, false, 0, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := model.Disagree(tc.self, tc.a1, tc.a2); got != tc.differs {
				t.Errorf("Disagree = %v, want %v", got, tc.differs)
			}
			if got := model.Spread(tc.self, tc.a1, tc.a2); got != tc.spread {
				t.Errorf("Spread = %d, want %d", got, tc.spread)
			}
			// The same through the whole appraisal view.
			ctx := context.Background()
			w := openTemp(t)
			p := addPerson(t, w, "Sam Jones")
			self := start(t, w, p.ID, sfia9, model.Scope{})
			ap, err := w.StartAppraisal(ctx, self.ID, []model.Appraiser{{Name: "Dr Ann Inf"}, {Name: "Dr Ben Clin"}}, "2026/27")
			if err != nil {
				t.Fatal(err)
			}
			rate := func(id string, l *int) {
				if l != nil {
					if err := w.Rate(ctx, id, model.Rating{Item: "BURM", Level: *l}); err != nil {
						t.Fatal(err)
					}
				}
			}
			rate(self.ID, tc.self)
			for i, l := range []*int{tc.a1, tc.a2} {
				a, err := w.RateAsAppraiser(ctx, ap.ID, ap.Appraisers[i].Name)
				if err != nil {
					t.Fatal(err)
				}
				rate(a.ID, l)
			}
			v, err := w.AppraisalView(ctx, ap.ID)
			if err != nil {
				t.Fatal(err)
			}
			var row AppraisalRow
			for _, r := range v.Items {
				if r.Item.ID == "BURM" {
					row = r
				}
			}
			if row.Differs != tc.differs || row.Spread != tc.spread || row.NeedsAgreement() != tc.needsAgreement {
				t.Errorf("row: differs %v spread %d needs agreement %v; want %v %d %v", row.Differs, row.Spread, row.NeedsAgreement(), tc.differs, tc.spread, tc.needsAgreement)
			}
			switch {
			case (row.Matching == nil) != (tc.matching == nil):
				t.Errorf("matching %v, want %v", row.Matching, tc.matching)
			case row.Matching != nil && *row.Matching != *tc.matching:
				t.Errorf("matching %d, want %d", *row.Matching, *tc.matching)
			}
		})
	}
}

// jointAppraisal is an appraisee rated on four SFIA 9 skills, an informatics
// appraiser of everything and a clinical appraiser of Strategy and
// architecture only.
func jointAppraisal(t *testing.T, w *Workspace) (model.Person, model.Assessment, model.Appraisal) {
	t.Helper()
	p, self := appraisee(t, w, "Sam Jones") // ITSP 4, DTAN 3, ARCH 0, PROG 2
	ap, err := w.StartAppraisal(context.Background(), self.ID, []model.Appraiser{
		{Name: "Dr Ann Inf", Role: "informatics appraiser"},
		{Name: "Dr Ben Clin", Role: "clinical appraiser", Scope: []string{"strategy-and-architecture"}},
	}, "2026/27")
	if err != nil {
		t.Fatal(err)
	}
	return p, self, ap
}

// TestAppraiserScope: an appraiser rates, and sends files for, only the
// items in their scope; a file for items outside it, or from someone who is
// not an appraiser, is refused whole with a message.
func TestAppraiserScope(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	_, self, ap := jointAppraisal(t, w)
	clin, err := w.RateAsAppraiser(ctx, ap.ID, "dr ben clin")
	if err != nil {
		t.Fatal(err)
	}
	if clin.Assessor != "Dr Ben Clin" || clin.Scope.Group != "strategy-and-architecture" {
		t.Errorf("the clinical appraiser's assessment: %+v", clin)
	}
	if err := w.Rate(ctx, clin.ID, model.Rating{Item: "ITSP", Level: 4}); err != nil {
		t.Errorf("rating an item in scope: %v", err)
	}
	err = w.Rate(ctx, clin.ID, model.Rating{Item: "DTAN", Level: 3})
	if model.KindOf(err) != model.Invalid {
		t.Errorf("rating an item outside scope: %v", err)
	}
	if _, err := w.RateAsAppraiser(ctx, ap.ID, ""); model.KindOf(err) != model.Invalid || !strings.Contains(err.Error(), "say which one") {
		t.Errorf("RateAsAppraiser without a name with two appraisers: %v", err)
	}
	if _, err := w.RateAsAppraiser(ctx, ap.ID, "Dr Nobody"); model.KindOf(err) != model.NotFound {
		t.Errorf("RateAsAppraiser for a stranger: %v", err)
	}

	tests := []struct {
		name     string
		assessor string
		ratings  map[string]int
		msg      string // "" = imported
	}{
		{"outside the clinical scope", "Dr Ben Clin", map[string]int{"ITSP": 5, "DTAN": 3, "PROG": 2},
			"this file from Dr Ben Clin rates 2 item(s) outside their scope in this appraisal (Strategy and architecture): PROG, DTAN; nothing was imported"},
		{"not an appraiser", "Dr Eve Other", map[string]int{"ITSP": 5},
			`this file's assessor is "Dr Eve Other", who is not an appraiser of this appraisal (Dr Ann Inf and Dr Ben Clin)`},
		{"informatics, all items", "Dr Ann Inf", map[string]int{"ITSP": 5, "DTAN": 3, "PROG": 2}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := appraiserFileBy(t, w, self.ID, tc.assessor, tc.ratings)
			_, err := w.ImportAppraiserFile(ctx, ap.ID, data)
			if tc.msg == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if model.KindOf(err) != model.BadFile || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("got %v, want a refusal saying %q", err, tc.msg)
			}
		})
	}
	v, err := w.AppraisalView(ctx, ap.ID)
	if err != nil {
		t.Fatal(err)
	}
	if v.Assessments[0] == nil || v.Assessments[1] == nil || v.Assessments[1].ID != clin.ID {
		t.Fatalf("assessments after imports: %+v", v.Assessments)
	}
	for _, r := range v.Items {
		inStrategy := r.TopGroup != nil && r.TopGroup.ID == "strategy-and-architecture"
		if r.Covered[1] != inStrategy || !r.Covered[0] {
			t.Errorf("%s: covered %v", r.Item.ID, r.Covered)
		}
	}
	if got := v.ScopeText(1); got != "Strategy and architecture" {
		t.Errorf("scope text %q", got)
	}
	// A scope naming something the framework lacks is refused.
	if err := w.AddAppraiser(ctx, ap.ID, model.Appraiser{Name: "Dr Cy", Scope: []string{"no-such-group"}}); model.KindOf(err) != model.NotFound {
		t.Errorf("scope of an unknown group: %v", err)
	}
}

// appraiserFileBy is the file an appraiser called assessor sends from their
// own computer.
func appraiserFileBy(t *testing.T, from *Workspace, selfID, assessor string, ratings map[string]int) []byte {
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
	a, err := laptop.StartAssessment(ctx, res.Person.ID, sfia9, model.AppraiserAssessment, assessor, model.Scope{})
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

// TestPrefillAndSignOffLifecycle: items where everyone agrees are proposed
// and recorded in one step, and stay changeable; signing checks first; once
// everyone has signed the record and plan are read-only until a signature
// is withdrawn.
func TestPrefillAndSignOffLifecycle(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	_, _, ap := jointAppraisal(t, w) // self ITSP 4, DTAN 3, ARCH 0, PROG 2
	inf, _ := w.RateAsAppraiser(ctx, ap.ID, "Dr Ann Inf")
	clin, _ := w.RateAsAppraiser(ctx, ap.ID, "Dr Ben Clin")
	for _, r := range []struct {
		a     string
		item  string
		level int
	}{
		{inf.ID, "ITSP", 4}, {clin.ID, "ITSP", 4}, // all agree: proposed 4
		{inf.ID, "DTAN", 3},                       // clinical does not review DTAN: proposed 3
		{inf.ID, "ARCH", 0}, {clin.ID, "ARCH", 4}, // the appraisers differ
		{inf.ID, "PROG", 3}, // self 2 against 3
	} {
		if err := w.Rate(ctx, r.a, model.Rating{Item: r.item, Level: r.level}); err != nil {
			t.Fatal(err)
		}
	}
	v, err := w.AppraisalView(ctx, ap.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c := v.Counts; c.Outstanding != 4 || c.Matching != 2 || c.Disagreements != 2 || c.Agreed != 0 {
		t.Errorf("counts before agreeing %+v", c)
	}
	if err := v.SignCheck(SignAppraisee); model.KindOf(err) != model.Conflict || !strings.Contains(err.Error(), "4 item(s)") || !strings.Contains(err.Error(), "2 of them match") {
		t.Errorf("SignCheck with items to agree: %v", err)
	}

	n, err := w.AgreeAllMatching(ctx, ap.ID)
	if err != nil || n != 2 {
		t.Fatalf("AgreeAllMatching = %d, %v; want 2", n, err)
	}
	if n, err := w.AgreeAllMatching(ctx, ap.ID); err != nil || n != 0 {
		t.Errorf("AgreeAllMatching again = %d, %v; want 0", n, err)
	}
	// Pre-filled, and changeable.
	if err := w.SetAgreed(ctx, model.AppraisalID(ap.ID), "DTAN", 4); err != nil {
		t.Fatal(err)
	}
	for item, level := range map[string]int{"ARCH": 4, "PROG": 3} {
		if err := w.SetAgreed(ctx, model.AppraisalID(ap.ID), model.ItemID(item), level); err != nil {
			t.Fatal(err)
		}
	}
	v, _ = w.AppraisalView(ctx, ap.ID)
	agreed := map[string]int{}
	for _, r := range v.Items {
		if r.Agreed != nil {
			agreed[r.Item.ID] = *r.Agreed
		}
	}
	if len(agreed) != 4 || agreed["ITSP"] != 4 || agreed["DTAN"] != 4 || agreed["ARCH"] != 4 || agreed["PROG"] != 3 {
		t.Errorf("agreed %v", agreed)
	}
	if _, err := w.SaveAction(ctx, ap.Plan, model.Action{Objective: "Co-lead the data quality audit", Items: []string{"DTAN"}}); err != nil {
		t.Fatal(err)
	}

	signers := []string{SignAppraisee, "Dr Ann Inf", "Dr Ben Clin"}
	for i, who := range signers {
		if err := w.SignOff(ctx, ap.ID, who); err != nil {
			t.Fatalf("%s signs: %v", who, err)
		}
		got, _ := w.Appraisal(ctx, ap.ID)
		if got.AllSigned() != (i == len(signers)-1) || !got.AnySigned() {
			t.Errorf("after %s: all signed %v", who, got.AllSigned())
		}
	}
	v, _ = w.AppraisalView(ctx, ap.ID)
	for _, s := range v.Signatories() {
		if s.SignedAt.IsZero() || time.Since(s.SignedAt) > time.Minute {
			t.Errorf("%s (%s) signed at %v", s.Name, s.Role, s.SignedAt)
		}
	}
	// The signed record prints the same bytes whenever it is printed.
	var first, second bytes.Buffer
	if err := w.AppraisalReport(ctx, ap.ID, &first, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := w.AppraisalReport(ctx, ap.ID, &second, time.Now().Add(49*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.Bytes(), second.Bytes()) {
		t.Error("two prints of the signed appraisal differ")
	}
	action := v.Plan.Actions[0]
	locked := map[string]func() error{
		"agreed level":   func() error { return w.SetAgreed(ctx, model.AppraisalID(ap.ID), "ITSP", 5) },
		"agree matching": func() error { _, err := w.AgreeAllMatching(ctx, ap.ID); return err },
		"note":           func() error { return w.SetAppraisalNote(ctx, ap.ID, "ITSP", "x") },
		"overall notes":  func() error { return w.SetOverallNotes(ctx, ap.ID, "x") },
		"appraiser":      func() error { return w.SetAppraiser(ctx, ap.ID, "Dr Ben Clin", model.Appraiser{Name: "Dr B Clin"}) },
		"appraiser rates": func() error {
			return w.Rate(ctx, inf.ID, model.Rating{Item: "ITSP", Level: 5})
		},
		"plan objective": func() error {
			a := action
			a.Objective = "Something else"
			_, err := w.SaveAction(ctx, ap.Plan, a)
			return err
		},
		"new action": func() error {
			_, err := w.SaveAction(ctx, ap.Plan, model.Action{Objective: "More"})
			return err
		},
		"delete action": func() error { return w.DeleteAction(ctx, model.PlanID(ap.Plan), model.ActionID(action.ID)) },
	}
	for name, change := range locked {
		if err := change(); model.KindOf(err) != model.Conflict {
			t.Errorf("%s after everyone signed: %v, want a conflict", name, err)
		}
	}
	// Progress on the agreed plan is still recorded.
	progress := action
	progress.Status, progress.Evidence = model.InProgress, "Audit started in May"
	if _, err := w.SaveAction(ctx, ap.Plan, progress); err != nil {
		t.Errorf("recording progress on the signed plan: %v", err)
	}

	// Withdraw one signature: the record reopens, and the other two
	// signatures are set aside with it (they signed what is now open), named.
	setAside, err := w.Unsign(ctx, ap.ID, "Dr Ben Clin")
	if err != nil {
		t.Fatal(err)
	}
	v, _ = w.AppraisalView(ctx, ap.ID)
	if len(setAside) != 2 || setAside[0] != v.Person.Name || setAside[1] != "Dr Ann Inf" || v.Appraisal.AnySigned() {
		t.Errorf("after withdrawing Dr Ben Clin's signature: set aside %q, still signed %v; want the appraisee and Dr Ann Inf set aside", setAside, v.Appraisal.AnySigned())
	}
	if _, err := w.Unsign(ctx, ap.ID, "Dr Ben Clin"); model.KindOf(err) != model.Conflict {
		t.Errorf("withdrawing an absent signature: %v", err)
	}
	if _, err := w.SaveAction(ctx, ap.Plan, model.Action{Objective: "More"}); err != nil {
		t.Errorf("plan after a withdrawal: %v", err)
	}
	if err := w.SetAgreed(ctx, model.AppraisalID(ap.ID), "ITSP", 5); err != nil {
		t.Errorf("agreed levels after a signature is withdrawn: %v", err)
	}
}

// TestOwnAssessment: My gaps, Pathways and plans use the person's own
// self-assessment even while an appraiser's assessment is open.
func TestOwnAssessment(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	_, self, ap := jointAppraisal(t, w)
	inf, _ := w.RateAsAppraiser(ctx, ap.ID, "Dr Ann Inf")
	for _, id := range []string{self.ID, inf.ID, ap.AgreedID} {
		got, err := w.OwnAssessment(ctx, id)
		if err != nil || got.ID != self.ID {
			t.Errorf("OwnAssessment(%s) = %s, %v; want the self-assessment %s", id, got.ID, err, self.ID)
		}
	}
	q := addPerson(t, w, "No Self")
	other, err := w.StartAssessment(ctx, q.ID, sfia9, model.AppraiserAssessment, "Dr Ann Inf", model.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.OwnAssessment(ctx, other.ID); model.KindOf(err) != model.NotFound || !strings.Contains(err.Error(), "No Self has no self-assessment yet") {
		t.Errorf("someone with only an appraiser's assessment: %v", err)
	}
}

// TestScopeText: a scope is said in a line however long it is: an
// informatics appraiser reviewing 110 DDaT skills is "Accessibility;
// Agile working and 108 more items", not 110 titles on the screen, in an
// error or on the PDF cover.
func TestScopeText(t *testing.T) {
	f := &model.Framework{
		Groups: []model.Group{{ID: "g1", Title: "Strategy"}, {ID: "g2", Title: "Delivery"}, {ID: "g3", Title: "Data"}},
		Items: []model.Item{
			{ID: "accessibility", Title: "Accessibility", Group: "g1"}, {ID: "agile-working", Title: "Agile working", Group: "g1"},
			{ID: "analysis", Title: "Analysis", Group: "g2"}, {ID: "architecture", Title: "Architecture", Group: "g3"},
		},
	}
	many := make([]string, 110)
	for i := range many {
		many[i] = []string{"accessibility", "agile-working", "analysis", "architecture"}[i%4]
	}
	tests := []struct {
		name  string
		scope []string
		want  string
	}{
		{"every item", nil, "all items"},
		{"one group", []string{"g1"}, "Strategy"},
		{"three named", []string{"g1", "g2", "architecture"}, "Strategy; Delivery; Architecture"},
		{"items beyond three are counted", []string{"accessibility", "agile-working", "analysis", "architecture"}, "Accessibility; Agile working and 2 more items"},
		{"one more item", []string{"accessibility", "agile-working", "analysis", "architecture"}[:3], "Accessibility; Agile working; Analysis"},
		{"groups counted", []string{"accessibility", "agile-working", "g2", "g3"}, "Accessibility; Agile working and 2 more groups"},
		{"groups and items counted", []string{"accessibility", "agile-working", "g2", "analysis", "g3"}, "Accessibility; Agile working and 3 more (2 groups, 1 item)"},
		{"a long scope stays a line", many, "Accessibility; Agile working and 108 more items"},
		{"an id the framework lacks is said as it is", []string{"zz"}, "zz"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ScopeText(f, model.Appraiser{Name: "Dr Ann Inf", Scope: tc.scope}); got != tc.want {
				t.Errorf("ScopeText(%v) = %q, want %q", tc.scope, got, tc.want)
			}
		})
	}
}
