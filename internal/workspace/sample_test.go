package workspace

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"gapwise/internal/gap"
	"gapwise/internal/model"
)

func TestCreateSampleData(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	res, err := w.CreateSampleData(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := res.Person
	if !res.Created || !p.Sample || !strings.Contains(p.Name, "fictional") || p.Discipline != model.Nurse || p.InformaticsWTE != 0.4 {
		t.Fatalf("sample person %+v (created %v)", p, res.Created)
	}
	if cur, ok, err := w.CurrentPerson(ctx); err != nil || !ok || cur.ID != p.ID {
		t.Errorf("with no current person, the sample person should become current: %+v %v %v", cur, ok, err)
	}

	infos, err := w.Frameworks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Assessments) != len(infos)+1 {
		t.Fatalf("%d assessments, want one per framework version (%d) and an older DDaT one", len(res.Assessments), len(infos))
	}
	if res.Assessments[0].Framework != ddat {
		t.Errorf("newest assessment is %s; want DDaT, so it is the one opened first", res.Assessments[0].Framework)
	}
	latest := map[model.FrameworkRef]model.Assessment{} // Assessments lists newest first
	for _, a := range res.Assessments {
		if _, seen := latest[a.Framework]; !seen {
			latest[a.Framework] = a
		}
	}
	for _, info := range infos {
		a, ok := latest[info.Ref]
		if !ok {
			t.Errorf("no sample assessment of %s", info.Ref)
			continue
		}
		t.Run(info.Ref.String(), func(t *testing.T) {
			v, err := w.Gaps(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			s := v.Sheet
			if a.Kind != model.SelfAssessment || a.Scope != (model.Scope{}) {
				t.Errorf("kind %s scope %+v; want a self-assessment of every item", a.Kind, a.Scope)
			}
			if s.Rated() != len(s.Items) || len(s.Items) != len(s.Framework.Items) {
				t.Errorf("%d of %d items rated; a completed assessment rates all", s.Rated(), len(s.Items))
			}
			zeros, notes := 0, 0
			for _, r := range s.Ratings {
				it, _ := s.Framework.Item(r.Item)
				if !it.ValidLevel(r.Level) || r.Confidence < 2 || r.Confidence > 5 {
					t.Errorf("%s: level %d confidence %d", r.Item, r.Level, r.Confidence)
				}
				if r.Level == model.NoneLevel {
					zeros++
				}
				if r.Evidence != "" {
					notes++
				}
			}
			if zeros == 0 || notes == 0 || notes > 10 {
				t.Errorf("%d ratings at level 0 and %d with evidence; want some of each, and only a handful of notes", zeros, notes)
			}
			if len(v.Report.Items) == 0 || v.Report.Below == 0 || v.Report.TotalGap == 0 {
				t.Errorf("gaps: %+v; want items below target", v.Report.Tally)
			}
			for _, tg := range s.Targets {
				want := gap.ManualSource
				if info.Ref.ID == "ddat" {
					want = gap.RoleSource("ddat", sampleRoleLevel)
				}
				if tg.Source != want {
					t.Errorf("target %s has source %q, want %q", tg.Item, tg.Source, want)
					break
				}
			}
			if info.Ref.ID == "fci" && len(s.Targets) != len(s.Items) {
				t.Errorf("FCI: %d targets, want level 3 on all %d", len(s.Targets), len(s.Items))
			}
			if info.Ref.ID != "ddat" {
				return
			}
			if v.Previous == nil || !v.Previous.CreatedAt.Before(a.CreatedAt.AddDate(0, -5, 0)) {
				t.Fatalf("previous assessment %+v; want one about six months older", v.Previous)
			}
			if len(v.Changes) == 0 {
				t.Error("no changes since the older assessment")
			}
			for _, c := range v.Changes {
				if c.Kind != gap.Up {
					t.Errorf("%s moved %v; the sample only improves", c.Item.ID, c.Kind)
				}
			}
			pv, err := w.Pathways(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(pv.Ranked) == 0 || pv.Current == nil || pv.Current.ID != sampleRoleLevel || pv.Next == nil {
				t.Errorf("pathways: %d ranked, current %v, next %v", len(pv.Ranked), pv.Current, pv.Next)
			}
		})
	}

	// The fictional team: about 8 members of mixed disciplines, FCI
	// assessments for all, team targets, covered and fragile items.
	teams, _ := w.Teams(ctx)
	if len(teams) != 1 || !teams[0].Sample || !strings.Contains(teams[0].Name, "fictional") {
		t.Fatalf("sample teams: %+v", teams)
	}
	tv, err := w.TeamView(ctx, teams[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(tv.Members) != 8 || tv.Assessed != 8 || tv.Composition.Disciplines < 6 || len(tv.Targets) == 0 {
		t.Errorf("sample team: %d members, %d assessed, %d disciplines, %d targets", len(tv.Members), tv.Assessed, tv.Composition.Disciplines, len(tv.Targets))
	}
	covered, fragile := 0, 0
	for _, m := range tv.Measures.Items {
		if m.Covered {
			covered++
		}
		if m.Fragile {
			fragile++
		}
	}
	if covered == 0 || fragile == 0 || covered == len(tv.Measures.Items) {
		t.Errorf("sample team should show some covered, some fragile and some uncovered items: covered %d, fragile %d of %d", covered, fragile, len(tv.Measures.Items))
	}

	// A development plan with actions in different states.
	if plan, ok, err := w.LatestPlan(ctx, p.ID); err != nil || !ok || len(plan.Actions) != 3 {
		t.Errorf("sample plan: %+v %v %v", plan, ok, err)
	}

	// A second call finds the sample and changes nothing.
	again, err := w.CreateSampleData(ctx)
	if err != nil {
		t.Fatal(err)
	}
	people, _ := w.People(ctx)
	if again.Created || again.Person.ID != p.ID || len(again.Assessments) != len(res.Assessments) || len(people) != 1+len(sampleMembers) {
		t.Errorf("second call: created %v, person %s, %d assessments, %d people", again.Created, again.Person.ID, len(again.Assessments), len(people))
	}
}

func TestSampleDataIsDeterministic(t *testing.T) {
	ctx := context.Background()
	levels := func() map[string]int {
		w := openTemp(t)
		res, err := w.CreateSampleData(ctx)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, a := range res.Assessments {
			s, err := w.Sheet(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range s.Ratings {
				key := a.Framework.String() + "/" + r.Item
				if a.CreatedAt.Before(time.Now().AddDate(0, -3, 0)) {
					key = "older " + key
				}
				out[key] = r.Level*10 + r.Confidence
			}
		}
		return out
	}
	a, b := levels(), levels()
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("%d and %d ratings", len(a), len(b))
	}
	for k, v := range a {
		if b[k] != v {
			t.Fatalf("%s differs between runs: %d, %d", k, v, b[k])
		}
	}
}

func TestSampleDataKeepsApartFromRealData(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	real := addPerson(t, w, "Pat Real")
	ra := start(t, w, real.ID, fci, model.Scope{})
	if err := w.Rate(ctx, ra.ID, model.Rating{Item: "1.2", Level: 3}); err != nil {
		t.Fatal(err)
	}
	if err := w.SetCurrentPerson(ctx, real.ID); err != nil {
		t.Fatal(err)
	}

	res, err := w.CreateSampleData(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if cur, _, _ := w.CurrentPerson(ctx); cur.ID != real.ID {
		t.Errorf("the sample took over as current person from %s", real.Name)
	}
	if got, _ := w.Person(ctx, real.ID); got.Sample {
		t.Error("a real person was flagged as sample")
	}

	preview, err := w.Erasure(ctx, EraseSample, "")
	if err != nil {
		t.Fatal(err)
	}
	gone, err := w.RemoveSampleData(ctx)
	if err != nil || gone.People != 1+len(sampleMembers) || gone.TeamsRemoved != 1 {
		t.Fatalf("removed %+v, %v; want the sample person, the %d fictional team members and their team", gone, err, len(sampleMembers))
	}
	if preview.Summary() != gone.Summary() || !strings.HasPrefix(gone.Summary(), fmt.Sprintf("sample data: %d fictional people, 1 team, ", 1+len(sampleMembers))) {
		t.Errorf("the confirmation said %q, the removal %q", preview.Summary(), gone.Summary())
	}
	if teams, _ := w.Teams(ctx); len(teams) != 0 {
		t.Errorf("the sample team survived removal: %+v", teams)
	}
	if _, err := w.Person(ctx, res.Person.ID); model.KindOf(err) != model.NotFound {
		t.Errorf("sample person still there: %v", err)
	}
	if _, err := w.Assessment(ctx, res.Assessments[0].ID); model.KindOf(err) != model.NotFound {
		t.Errorf("sample assessment still there: %v", err)
	}
	people, _ := w.People(ctx)
	if len(people) != 1 || people[0].ID != real.ID {
		t.Errorf("people after removal: %+v", people)
	}
	s, err := w.Sheet(ctx, ra.ID)
	if err != nil || s.Ratings["1.2"].Level != 3 {
		t.Errorf("the real assessment changed: %v", err)
	}
	if cur, ok, _ := w.CurrentPerson(ctx); !ok || cur.ID != real.ID {
		t.Errorf("current person after removal: %+v %v", cur, ok)
	}
	if e, err := w.RemoveSampleData(ctx); e.People != 0 || e.TeamsRemoved != 0 || err != nil {
		t.Errorf("removing again: %+v, %v", e, err)
	}
}

func TestRemoveSampleDataClearsCurrentSamplePerson(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	if _, err := w.CreateSampleData(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := w.RemoveSampleData(ctx); err != nil {
		t.Fatal(err)
	}
	if p, ok, err := w.CurrentPerson(ctx); ok || err != nil {
		t.Errorf("current person after removing the sample: %+v %v %v", p, ok, err)
	}
}
