package workspace

import (
	"context"
	"fmt"
	"time"

	"gapwise/internal/gap"
	"gapwise/internal/model"
)

// sampleTeamName names the fictional team; every label says it is not real.
const sampleTeamName = "Sample digital health team (fictional)"

// sampleMembers are the fictional colleagues of the sample person: mixed
// disciplines, as the FCI case studies recommend, each strongest in one FCI
// domain so the team shows covered, fragile and uncovered items.
var sampleMembers = []struct {
	name   string
	disc   model.Discipline
	role   string
	wte    float64
	strong string // FCI domain where they rate 3-4
}{
	{"Dr Sam Sample (fictional)", model.Doctor, "CCIO (sample)", 0.5, "1"},
	{"Priya Sample (fictional)", model.Pharmacist, "Pharmacy informatician (sample)", 0.6, "2"},
	{"Jordan Sample (fictional)", model.AHP, "Physiotherapist, EPR lead (sample)", 0.4, "4"},
	{"Morgan Sample (fictional)", model.Midwife, "Digital midwife (sample)", 0.8, "4"},
	{"Casey Sample (fictional)", model.HealthcareScientist, "Clinical scientist (sample)", 0.3, "3"},
	{"Riley Sample (fictional)", model.NonClinical, "Information analyst (sample)", 1.0, "3"},
	{"Taylor Sample (fictional)", model.SocialWorker, "Social care digital lead (sample)", 0.2, "6"},
}

// createSampleTeam adds the fictional team: the sample person plus seven
// colleagues, each with a complete FCI self-assessment, and team targets of
// "competent" on every item. Everything is flagged as sample data.
func (w *Workspace) createSampleTeam(ctx context.Context, lead model.Person) error {
	ref := model.FrameworkRef{ID: "fci", Version: "2020-provisional"}
	f, err := w.Framework(ctx, ref)
	if err != nil {
		return err
	}
	team, err := w.store.CreateTeam(ctx, model.Team{Name: sampleTeamName, Framework: ref, Sample: true, CreatedAt: time.Now().UTC()})
	if err != nil {
		return err
	}
	if err := w.store.AddMember(ctx, model.TeamID(team.ID), model.PersonID(lead.ID)); err != nil {
		return err
	}
	created := time.Now().UTC().Truncate(time.Second).AddDate(0, 0, -7)
	for _, m := range sampleMembers {
		p, err := w.AddPerson(ctx, model.Person{Name: m.name, Discipline: m.disc, Role: m.role,
			Organisation: samplePerson.Organisation, InformaticsWTE: m.wte, Sample: true})
		if err != nil {
			return err
		}
		var ratings []model.Rating
		for i := range f.Items {
			it := &f.Items[i]
			h := itemHash(m.name + "/" + it.ID)
			level := int(h % 3) // 0-2 outside their strong domain
			if it.Group == m.strong {
				level = 3 + int(h%2)
			}
			// About one in four items outside their strong domain is one they
			// want to develop, so the sample shows who wants to learn what.
			interest := it.Group != m.strong && h>>16%4 == 0
			ratings = append(ratings, model.Rating{Item: it.ID, Level: level, Confidence: 2 + int(h>>8%4), Interest: interest, RatedAt: created})
		}
		if err := w.saveSample(ctx, p, ref, created, created, ratings, nil); err != nil {
			return fmt.Errorf("sample member %s: %w", m.name, err)
		}
		if err := w.store.AddMember(ctx, model.TeamID(team.ID), model.PersonID(p.ID)); err != nil {
			return err
		}
	}
	targets := make([]model.Target, len(f.Items))
	for i, it := range f.Items {
		targets[i] = model.Target{Item: it.ID, Level: sampleFCITarget, Source: "manual"}
	}
	return w.store.SetTeamTargets(ctx, team.ID, targets)
}

// createSamplePlan gives the sample person a development plan against their
// latest DDaT assessment: three fictional actions on skills below target, in
// different states, so the plan screen and its PDF have something to show.
func (w *Workspace) createSamplePlan(ctx context.Context, p model.Person) error {
	as, err := w.store.Assessments(ctx, p.ID)
	if err != nil {
		return err
	}
	for _, a := range as {
		if a.Framework.ID != "ddat" || a.Kind != model.SelfAssessment {
			continue
		}
		v, err := w.Gaps(ctx, a.ID)
		if err != nil {
			return err
		}
		var below []string
		for _, g := range v.Report.Items {
			if g.Status == gap.Below {
				below = append(below, g.Item.ID)
			}
		}
		plan, err := w.PlanFromGaps(ctx, a.ID)
		if err != nil {
			return err
		}
		due := time.Now().UTC().AddDate(0, 6, 0).Format("2006-01-02")
		actions := []model.Action{
			{Objective: "Complete an accredited data analysis course and apply it to the ward dashboard (fictional example)", Activity: "course or qualification", Status: model.InProgress, Due: due},
			{Objective: "Shadow the trust's lead data analyst for four sessions (fictional example)", Activity: "shadowing", Status: model.Planned, Due: due},
			{Objective: "Present the falls audit findings at the regional network (fictional example)", Activity: "conference or network", Status: model.Done, Due: time.Now().UTC().AddDate(0, -1, 0).Format("2006-01-02"), Evidence: "Slides and feedback in the portfolio (fictional)"},
		}
		for i, ac := range actions {
			if i < len(below) {
				ac.Items = []string{below[i]}
			}
			if _, err := w.SaveAction(ctx, plan.ID, ac); err != nil {
				return err
			}
		}
		return nil
	}
	return nil
}
