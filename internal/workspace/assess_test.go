package workspace

import (
	"context"
	"strings"
	"testing"
	"time"

	"gapwise/internal/gap"
	"gapwise/internal/model"
)

var (
	sfia9 = model.FrameworkRef{ID: "sfia", Version: "9"}
	sfia8 = model.FrameworkRef{ID: "sfia", Version: "8"}
	ddat  = model.FrameworkRef{ID: "ddat", Version: "2025-q3"}
	fci   = model.FrameworkRef{ID: "fci", Version: "2020-provisional"}
)

const seniorDataAnalyst = "data/data-analyst/senior-data-analyst"

func addPerson(t *testing.T, w *Workspace, name string) model.Person {
	t.Helper()
	p, err := w.AddPerson(context.Background(), model.Person{Name: name, Discipline: model.Nurse})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func start(t *testing.T, w *Workspace, personID string, ref model.FrameworkRef, scope model.Scope) model.Assessment {
	t.Helper()
	a, err := w.StartAssessment(context.Background(), personID, ref, model.SelfAssessment, "", scope)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func framework(t *testing.T, w *Workspace, ref model.FrameworkRef) *model.Framework {
	t.Helper()
	f, err := w.Framework(context.Background(), ref)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func ids(items []*model.Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.ID
	}
	return out
}

func TestScopeItems(t *testing.T) {
	w := openTemp(t)
	s9, dd := framework(t, w, sfia9), framework(t, w, ddat)

	// What a category should hold, worked out independently of inGroup:
	// items whose subcategory's parent is the category.
	inCategory := 0
	for _, it := range s9.Items {
		if g, ok := s9.Group(it.Group); ok && (g.ID == "strategy-and-architecture" || g.Parent == "strategy-and-architecture") {
			inCategory++
		}
	}
	_, senior, _ := dd.RoleLevel(seniorDataAnalyst)

	cases := []struct {
		name     string
		f        *model.Framework
		scope    model.Scope
		n        int      // -1: do not check
		contains []string // ids that must be in scope
		excludes []string // ids that must not
		kind     model.ErrorKind
	}{
		{"whole framework", s9, model.Scope{}, len(s9.Items), []string{"ITSP", "DATM"}, nil, 0},
		{"category includes its subcategories' items", s9, model.Scope{Group: "strategy-and-architecture"}, inCategory,
			[]string{"ITSP", "SCTY", "GOVN"}, []string{"DATM", "PROG"}, 0},
		{"one subcategory", s9, model.Scope{Group: "strategy-and-planning"}, 9, []string{"ITSP", "ISCO"}, []string{"SCTY"}, 0},
		{"role level", dd, model.Scope{RoleLevel: seniorDataAnalyst}, len(senior.Requirements),
			[]string{"data-visualisation", "data-management"}, []string{"accessibility"}, 0},
		{"unknown group", s9, model.Scope{Group: "no-such-group"}, 0, nil, nil, model.NotFound},
		{"unknown role level", dd, model.Scope{RoleLevel: "data/no-such-role/level"}, 0, nil, nil, model.NotFound},
		{"role level of a framework without roles", s9, model.Scope{RoleLevel: seniorDataAnalyst}, 0, nil, nil, model.NotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			items, err := ScopeItems(c.f, c.scope)
			if c.kind != 0 {
				if model.KindOf(err) != c.kind {
					t.Fatalf("error %v (kind %v), want kind %v", err, model.KindOf(err), c.kind)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.n >= 0 && len(items) != c.n {
				t.Errorf("%d items, want %d", len(items), c.n)
			}
			got := strings.Join(ids(items), " ") + " "
			for _, id := range c.contains {
				if !strings.Contains(got, id+" ") {
					t.Errorf("%s missing from scope", id)
				}
			}
			for _, id := range c.excludes {
				if strings.Contains(got, id+" ") {
					t.Errorf("%s should not be in scope", id)
				}
			}
			for i := 1; i < len(items); i++ { // framework order
				if position(c.f, items[i-1].ID) >= position(c.f, items[i].ID) {
					t.Fatalf("items out of framework order at %s, %s", items[i-1].ID, items[i].ID)
				}
			}
		})
	}
	if inCategory <= 9 {
		t.Errorf("the category holds %d items; expected more than its first subcategory's 9", inCategory)
	}
}

func position(f *model.Framework, id string) int {
	for i := range f.Items {
		if f.Items[i].ID == id {
			return i
		}
	}
	return -1
}

func TestStartAssessment(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	p := addPerson(t, w, "Pat Example")

	a := start(t, w, p.ID, ddat, model.Scope{RoleLevel: seniorDataAnalyst})
	if a.Assessor != "Pat Example" || a.Kind != model.SelfAssessment {
		t.Errorf("assessor %q kind %q; want the person's name and self", a.Assessor, a.Kind)
	}
	s, err := w.Sheet(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Items) != 9 || len(s.Targets) != 9 {
		t.Errorf("role-level assessment: %d items, %d targets; want 9 and 9", len(s.Items), len(s.Targets))
	}
	for _, tg := range s.Targets {
		if tg.Source != gap.RoleSource("ddat", seniorDataAnalyst) {
			t.Errorf("target %s has source %q", tg.Item, tg.Source)
		}
	}

	bad := []struct {
		name   string
		person string
		ref    model.FrameworkRef
		kind   model.AssessmentKind
		scope  model.Scope
		want   model.ErrorKind
	}{
		{"unknown person", "no-such-person", sfia9, "", model.Scope{}, model.NotFound},
		{"unknown framework version", p.ID, model.FrameworkRef{ID: "sfia", Version: "10"}, "", model.Scope{}, model.NotFound},
		{"unknown kind", p.ID, sfia9, "peer", model.Scope{}, model.Invalid},
		{"unknown group", p.ID, sfia9, "", model.Scope{Group: "nope"}, model.NotFound},
		{"group and role level", p.ID, ddat, "", model.Scope{Group: "x", RoleLevel: seniorDataAnalyst}, model.Invalid},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			_, err := w.StartAssessment(ctx, c.person, c.ref, c.kind, "", c.scope)
			if model.KindOf(err) != c.want {
				t.Errorf("error %v (kind %v), want kind %v", err, model.KindOf(err), c.want)
			}
		})
	}
}

func TestRateAndClearRating(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	p := addPerson(t, w, "Pat Example")
	a := start(t, w, p.ID, sfia9, model.Scope{})
	scoped := start(t, w, p.ID, sfia9, model.Scope{Group: "strategy-and-planning"})

	cases := []struct {
		name       string
		assessment string
		r          model.Rating
		kind       model.ErrorKind // 0: accepted
		msg        []string        // words the refusal must contain
	}{
		{"a level the skill defines", a.ID, model.Rating{Item: "ITSP", Level: 5, Confidence: 4, Evidence: "led the IM&T strategy"}, 0, nil},
		{"none yet (0) is a real rating", a.ID, model.Rating{Item: "GOVN", Level: 0}, 0, nil},
		{"a level the skill does not define", a.ID, model.Rating{Item: "ITSP", Level: 2}, model.Invalid,
			[]string{"level 2", "ITSP", "0 (none yet), 4, 5, 6, 7"}},
		{"above the scale", a.ID, model.Rating{Item: "DATM", Level: 8}, model.Invalid, []string{"2, 3, 4, 5, 6"}},
		{"negative", a.ID, model.Rating{Item: "DATM", Level: -1}, model.Invalid, []string{"level -1"}},
		{"unknown item", a.ID, model.Rating{Item: "NOPE", Level: 3}, model.NotFound, []string{"NOPE"}},
		{"confidence above 5", a.ID, model.Rating{Item: "DATM", Level: 3, Confidence: 6}, model.Invalid, []string{"confidence"}},
		{"unknown assessment", "no-such-assessment", model.Rating{Item: "DATM", Level: 3}, model.NotFound, nil},
		{"in a group-scoped assessment", scoped.ID, model.Rating{Item: "ITSP", Level: 4}, 0, nil},
		{"outside the assessment's scope", scoped.ID, model.Rating{Item: "DATM", Level: 3}, model.Invalid, []string{"DATM", "9 items"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := w.Rate(ctx, c.assessment, c.r)
			if c.kind == 0 {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if model.KindOf(err) != c.kind {
				t.Fatalf("error %v (kind %v), want kind %v", err, model.KindOf(err), c.kind)
			}
			for _, m := range c.msg {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("message %q lacks %q", err, m)
				}
			}
		})
	}

	s, err := w.Sheet(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := s.Ratings["ITSP"]; !ok || r.Level != 5 || r.Confidence != 4 || r.Evidence != "led the IM&T strategy" || r.RatedAt.IsZero() {
		t.Errorf("ITSP rating = %+v, %v", r, ok)
	}
	if r, ok := s.Ratings["GOVN"]; !ok || r.Level != 0 {
		t.Errorf("GOVN at none yet = %+v, %v; want a real rating at 0", r, ok)
	}
	if s.Rated() != 2 {
		t.Errorf("rated %d, want 2", s.Rated())
	}

	if err := w.ClearRating(ctx, model.AssessmentID(a.ID), "GOVN"); err != nil {
		t.Fatal(err)
	}
	if err := w.ClearRating(ctx, model.AssessmentID(a.ID), "GOVN"); err != nil {
		t.Errorf("clearing an item that is not rated: %v", err)
	}
	s, _ = w.Sheet(ctx, a.ID)
	if _, ok := s.Ratings["GOVN"]; ok || s.Rated() != 1 {
		t.Errorf("after clearing GOVN: rated %d, GOVN still there %v", s.Rated(), ok)
	}
	rep := gap.Compute(s.Framework, s.Items, s.ratingList(), nil)
	for _, g := range rep.Items {
		if g.Item.ID == "GOVN" && g.Current != nil {
			t.Errorf("cleared item reads as %d, want not rated", *g.Current)
		}
	}
	if err := w.ClearRating(ctx, "no-such-assessment", "GOVN"); model.KindOf(err) != model.NotFound {
		t.Errorf("clearing in an unknown assessment: %v", err)
	}
}

func TestTargets(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	p := addPerson(t, w, "Pat Example")
	q := addPerson(t, w, "Sam Mentor")
	a := start(t, w, p.ID, ddat, model.Scope{})
	targets := func(id string) map[string]model.Target {
		t.Helper()
		s, err := w.Sheet(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return s.Targets
	}

	if err := w.SetTargetsFromRoleLevel(ctx, model.AssessmentID(a.ID), seniorDataAnalyst); err != nil {
		t.Fatal(err)
	}
	got := targets(a.ID)
	if len(got) != 9 || got["data-visualisation"].Source != "role:ddat/"+seniorDataAnalyst {
		t.Fatalf("role-level targets: %v", got)
	}

	steps := []struct {
		name  string
		item  string
		level int
		kind  model.ErrorKind
		check func(map[string]model.Target) bool
	}{
		{"override one by hand, keeping the rest", "data-visualisation", 4, 0, func(m map[string]model.Target) bool {
			return len(m) == 9 && m["data-visualisation"] == model.Target{Item: "data-visualisation", Level: 4, Source: gap.ManualSource} &&
				m["data-management"].Source != gap.ManualSource
		}},
		{"add one", "accessibility", 2, 0, func(m map[string]model.Target) bool { return len(m) == 10 && m["accessibility"].Level == 2 }},
		{"level 0 removes", "accessibility", 0, 0, func(m map[string]model.Target) bool { _, ok := m["accessibility"]; return !ok && len(m) == 9 }},
		{"level above the scale", "accessibility", 5, model.Invalid, nil},
		{"negative level", "accessibility", -1, model.Invalid, nil},
		{"unknown item", "no-such-skill", 2, model.NotFound, nil},
	}
	for _, c := range steps {
		t.Run(c.name, func(t *testing.T) {
			err := w.SetTarget(ctx, model.AssessmentID(a.ID), model.ItemID(c.item), c.level)
			if model.KindOf(err) != c.kind || (c.kind == 0 && err != nil) {
				t.Fatalf("error %v, want kind %v", err, c.kind)
			}
			if c.check != nil && !c.check(targets(a.ID)) {
				t.Errorf("targets now %v", targets(a.ID))
			}
		})
	}

	// Another person's saved profile as targets: same version only.
	mentor := start(t, w, q.ID, ddat, model.Scope{})
	for item, level := range map[string]int{"data-visualisation": 4, "accessibility": 0, "data-management": 3} {
		if err := w.Rate(ctx, mentor.ID, model.Rating{Item: item, Level: level}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.SetTargetsFromAssessment(ctx, model.AssessmentID(a.ID), model.AssessmentID(mentor.ID)); err != nil {
		t.Fatal(err)
	}
	got = targets(a.ID)
	if len(got) != 2 || got["data-visualisation"].Level != 4 || got["data-management"].Level != 3 ||
		got["data-management"].Source != gap.PersonSource(q.ID) {
		t.Errorf("targets from a profile: %v; want the two ratings above 0, sourced person:%s", got, q.ID)
	}
	older := start(t, w, q.ID, sfia8, model.Scope{})
	newer := start(t, w, p.ID, sfia9, model.Scope{})
	err := w.SetTargetsFromAssessment(ctx, model.AssessmentID(newer.ID), model.AssessmentID(older.ID))
	if model.KindOf(err) != model.Invalid || !strings.Contains(err.Error(), "sfia@8") {
		t.Errorf("targets from another framework version: %v; want Invalid naming sfia@8", err)
	}
	if err := w.SetTargetsFromAssessment(ctx, model.AssessmentID(a.ID), "no-such-assessment"); model.KindOf(err) != model.NotFound {
		t.Errorf("targets from an unknown assessment: %v", err)
	}
	if err := w.SetTargetsFromRoleLevel(ctx, model.AssessmentID(a.ID), "data/no-such-role/level"); model.KindOf(err) != model.NotFound {
		t.Errorf("unknown role level: %v", err)
	}
	if got := targets(a.ID); len(got) != 2 {
		t.Errorf("a refused change altered the targets: %v", got)
	}

	if err := w.ClearTargets(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if got := targets(a.ID); len(got) != 0 {
		t.Errorf("after ClearTargets: %v", got)
	}
}

func TestCheckProfile(t *testing.T) {
	ok := model.Person{Name: "  Pat Example ", Discipline: model.AHP, Role: " CCIO ", Organisation: " Trust ", InformaticsWTE: 0.4}
	cases := []struct {
		name string
		edit func(*model.Person)
		want string // "" = valid; else a word of the message
	}{
		{"valid, and tidied", func(*model.Person) {}, ""},
		{"empty name", func(p *model.Person) { p.Name = "" }, "name"},
		{"blank name", func(p *model.Person) { p.Name = " \t " }, "name"},
		{"name too long", func(p *model.Person) { p.Name = strings.Repeat("a", 201) }, "200"},
		{"200 non-ASCII characters is not too long", func(p *model.Person) { p.Name = strings.Repeat("é", 200) }, ""},
		{"WTE 3", func(p *model.Person) { p.InformaticsWTE = 3 }, "WTE"},
		{"negative WTE", func(p *model.Person) { p.InformaticsWTE = -0.1 }, "WTE"},
		{"WTE 2 is allowed", func(p *model.Person) { p.InformaticsWTE = 2 }, ""},
		{"bad discipline", func(p *model.Person) { p.Discipline = "surgeon" }, "surgeon"},
		{"no discipline", func(p *model.Person) { p.Discipline = "" }, "discipline"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := ok
			c.edit(&p)
			err := checkProfile(&p)
			if c.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if p.Name != strings.TrimSpace(p.Name) || p.Role != strings.TrimSpace(p.Role) || p.Organisation != strings.TrimSpace(p.Organisation) {
					t.Errorf("not tidied: %+v", p)
				}
				return
			}
			if model.KindOf(err) != model.Invalid || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v; want Invalid mentioning %q", err, c.want)
			}
		})
	}

	// The same rules guard AddPerson and UpdatePerson.
	w := openTemp(t)
	if _, err := w.AddPerson(context.Background(), model.Person{Name: "X", Discipline: model.Nurse, InformaticsWTE: 3}); model.KindOf(err) != model.Invalid {
		t.Errorf("AddPerson with WTE 3: %v", err)
	}
	p := addPerson(t, w, "Pat Example")
	p.Discipline = "surgeon"
	if err := w.UpdatePerson(context.Background(), p); model.KindOf(err) != model.Invalid {
		t.Errorf("UpdatePerson with a bad discipline: %v", err)
	}
}

func TestCurrentPerson(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	if _, ok, err := w.CurrentPerson(ctx); ok || err != nil {
		t.Fatalf("fresh database: ok %v err %v; want none", ok, err)
	}
	p := addPerson(t, w, "Pat Example")
	if err := w.SetCurrentPerson(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	got, ok, err := w.CurrentPerson(ctx)
	if err != nil || !ok || got.ID != p.ID || got.Name != "Pat Example" {
		t.Fatalf("round trip: %+v %v %v", got, ok, err)
	}
	if err := w.DeletePerson(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if got, ok, err := w.CurrentPerson(ctx); ok || err != nil {
		t.Errorf("after deleting the current person: %+v ok %v err %v; want none and no error", got, ok, err)
	}
}

func TestGapsChangesStayInScope(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	p := addPerson(t, w, "Pat Example")
	// Created an hour earlier, so it is unambiguously the previous one.
	full, err := w.store.CreateAssessment(ctx, model.Assessment{PersonID: p.ID, Framework: ddat, Kind: model.SelfAssessment,
		CreatedAt: time.Now().Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []model.Rating{{Item: "data-visualisation", Level: 1}, {Item: "accessibility", Level: 2}} {
		if err := w.Rate(ctx, full.ID, r); err != nil {
			t.Fatal(err)
		}
	}
	scoped := start(t, w, p.ID, ddat, model.Scope{RoleLevel: seniorDataAnalyst})
	if err := w.Rate(ctx, scoped.ID, model.Rating{Item: "data-visualisation", Level: 3}); err != nil {
		t.Fatal(err)
	}
	v, err := w.Gaps(ctx, scoped.ID)
	if err != nil {
		t.Fatal(err)
	}
	if v.Previous == nil || v.Previous.ID != full.ID {
		t.Fatalf("previous = %v, want the earlier full assessment", v.Previous)
	}
	if len(v.Changes) != 1 || v.Changes[0].Item.ID != "data-visualisation" || v.Changes[0].Delta != 2 {
		t.Errorf("changes = %+v; want only data-visualisation up 2 (accessibility is outside this assessment's scope)", v.Changes)
	}
	if v.Report.Count != 9 || v.Report.Rated != 1 || v.Report.NotRated != 8 {
		t.Errorf("report tally %+v", v.Report.Tally)
	}
}
