package ui

import (
	"context"
	"strings"
	"testing"

	"gapwise/internal/model"
)

func TestPlanScreenShowsTheSamplePlanAndStartsANewOne(t *testing.T) {
	s, _, ws := newTestShell(t)
	res, err := ws.CreateSampleData(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s.setPerson(&res.Person)
	s.showTab("Plan")
	p := s.plan.shown()
	if p == nil || len(p.Actions) != 3 {
		t.Fatalf("plan on screen: %+v", p)
	}
	if line := actionLine(p.Actions[0]); !strings.Contains(line, string(p.Actions[0].Status)) || !strings.Contains(line, "due ") {
		t.Errorf("action line %q lacks its status or due date", line)
	}
	before := len(s.plan.plans)
	s.plan.newPlan()
	if len(s.plan.plans) != before+1 || len(s.plan.shown().Actions) != 0 {
		t.Errorf("New plan from my gaps: %d plans (was %d), %d actions on screen", len(s.plan.plans), before, len(s.plan.shown().Actions))
	}
}

func TestAppraisalScreenFlagsDisagreementsAndSignOff(t *testing.T) {
	ctx := context.Background()
	s, _, ws := newTestShell(t)
	person := createProfileThroughForm(t, s)
	self, err := ws.StartAssessment(ctx, person.ID, model.FrameworkRef{ID: "fci", Version: "2020-provisional"}, model.SelfAssessment, "", model.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	for item, lv := range map[string]int{"1.1": 3, "1.2": 1} {
		ws.Rate(ctx, self.ID, model.Rating{Item: item, Level: lv})
	}
	ap, err := ws.StartAppraisal(ctx, self.ID, "Dr Łukasz Appraiser", "2026/27")
	if err != nil {
		t.Fatal(err)
	}
	appr, err := ws.RateAsAppraiser(ctx, ap.ID)
	if err != nil {
		t.Fatal(err)
	}
	for item, lv := range map[string]int{"1.1": 3, "1.2": 3} {
		ws.Rate(ctx, appr.ID, model.Rating{Item: item, Level: lv})
	}
	s.showTab("Appraisal")
	v := s.appraisal.shown()
	if v == nil || v.Counts.RatedByBoth != 2 || v.Counts.Disagreements != 1 {
		t.Fatalf("appraisal view: %+v", v)
	}
	var differs []string
	for _, row := range v.Items {
		if row.Disagree {
			differs = append(differs, appraisalLevels(row))
		}
	}
	if len(differs) != 1 || !strings.HasPrefix(differs[0], "DIFFERS by 2") {
		t.Errorf("disagreement rows %q; want one 'DIFFERS by 2' (self 1, appraiser 3), never an average", differs)
	}
	if !strings.Contains(s.appraisal.summary.Text, "2 still to agree") {
		t.Errorf("summary %q", s.appraisal.summary.Text)
	}
	// Sign-off is refused until every item rated by both has an agreed level.
	if err := ws.SignOff(ctx, ap.ID, "appraisee"); model.KindOf(err) != model.Conflict {
		t.Errorf("signing with items still to agree: %v", err)
	}
}
