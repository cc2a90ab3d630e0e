package report

import (
	"fmt"
	"strings"
	"time"

	"gapwise/internal/gap"
	"gapwise/internal/model"
)

// Fixtures are built by hand: no database, no embedded packs, so the golden
// files change only when the report code does.

var generated = time.Date(2026, 5, 4, 14, 30, 0, 0, time.UTC)

const (
	personName = "Zoë Ødegård-Nęść"
	sfiaAck    = "This publication contains information from the Skills Framework for the Information Age with the permission of the SFIA Foundation."
)

func ip(v int) *int { return &v }

func testPerson() model.Person {
	return model.Person{
		ID:           "8d0c6f5e-1b1e-4a57-9d43-2f1a6f0c0001",
		Name:         personName,
		Discipline:   model.Nurse,
		Role:         "Chief nursing information officer – digital clinical safety lead",
		Organisation: "St Mary’s “Digital Exemplar” NHS Foundation Trust",
	}
}

// fciFramework is a small provisional framework like the FCI pack: six
// domains of six items on a 0–4 scale.
func fciFramework() *model.Framework {
	f := &model.Framework{
		Ref:         model.FrameworkRef{ID: "fci", Version: "2020-provisional"},
		Name:        "Core Competency Framework for Clinical Informaticians (provisional structure)",
		ShortName:   "FCI",
		Publisher:   "Faculty of Clinical Informatics",
		Licence:     "No open licence: framework © Faculty of Clinical Informatics; structure and summaries by Gapwise",
		Attribution: "Structure after the Core Competency Framework for Clinical Informaticians (2020) of the Faculty of Clinical Informatics.",
		Provisional: true,
		ProvisionalNote: "A provisional structure reconstructed from public sources, not the FCI’s official text. " +
			"Some sub-domain titles are inferred placeholders and the split between domains is a guess. " +
			"An official pack can be imported later as a new version.",
		GroupKinds: []string{"domain"},
		Scale: model.Scale{Name: "Gapwise proficiency scale", Levels: []model.Level{
			{Value: 0, Name: "Not yet"}, {Value: 1, Name: "Aware"}, {Value: 2, Name: "Developing"},
			{Value: 3, Name: "Competent"}, {Value: 4, Name: "Expert / leads others"},
		}},
	}
	domains := []string{
		"Health and wellbeing in practice",
		"Information technologies and systems",
		"Working with data and analytical methods",
		"Enabling human and organisational change",
		"Decision making",
		"Leading informatics teams and projects",
	}
	topics := []string{
		"Clinical concepts and language", "Care pathways and workflow", "Patient safety and clinical risk",
		"Information governance", "Standards and interoperability", "Usability and human factors",
	}
	for d, title := range domains {
		gid := fmt.Sprint(d + 1)
		f.Groups = append(f.Groups, model.Group{ID: gid, Title: title, Kind: "domain"})
		for i, t := range topics {
			f.Items = append(f.Items, model.Item{
				ID:     fmt.Sprintf("%d.%d", d+1, i+1),
				Title:  fmt.Sprintf("%s (%s)", t, strings.ToLower(strings.Fields(title)[0])),
				Group:  gid,
				Levels: []int{0, 1, 2, 3, 4},
			})
		}
	}
	return f
}

var sfiaLevelNames = []string{"Follow", "Assist", "Apply", "Enable", "Ensure, advise", "Initiate, influence", "Set strategy, inspire, mobilise"}

// bigFramework is a SFIA-like framework of n items in six categories with
// subcategories, items defined at three or four levels of seven, and role
// levels for targets.
func bigFramework(n int) *model.Framework {
	f := &model.Framework{
		Ref:         model.FrameworkRef{ID: "sfia", Version: "9"},
		Name:        "Skills Framework for the Information Age (SFIA) 9",
		ShortName:   "SFIA 9",
		Publisher:   "SFIA Foundation",
		Licence:     "SFIA licence from the SFIA Foundation (not an open licence)",
		Attribution: sfiaAck,
		GroupKinds:  []string{"category", "subcategory"},
		Scale:       model.Scale{Name: "SFIA levels of responsibility"},
	}
	for i, name := range sfiaLevelNames {
		f.Scale.Levels = append(f.Scale.Levels, model.Level{Value: i + 1, Name: name})
	}
	categories := []string{
		"Strategy and architecture", "Change and transformation", "Development and implementation",
		"Delivery and operation", "People and skills", "Relationships and engagement",
	}
	subs := []string{"Planning", "Governance", "Quality", "Data and information", "Support and service"}
	for c, cat := range categories {
		cid := fmt.Sprintf("cat-%d", c+1)
		f.Groups = append(f.Groups, model.Group{ID: cid, Title: cat, Kind: "category"})
		for s, sub := range subs[:3+c%3] {
			f.Groups = append(f.Groups, model.Group{ID: fmt.Sprintf("%s-%d", cid, s+1), Title: sub + " in " + strings.ToLower(cat), Kind: "subcategory", Parent: cid})
		}
	}
	var subIDs []string
	for _, g := range f.Groups {
		if g.Parent != "" {
			subIDs = append(subIDs, g.ID)
		}
	}
	words := []string{"Data", "Systems", "Information", "Service", "Security", "Quality", "Portfolio", "Network", "Clinical", "Digital", "Learning", "Supplier"}
	verbs := []string{"planning", "management", "design", "assurance", "analysis", "engineering", "governance", "operations", "development", "modelling", "testing"}
	for i := range n {
		first := 1 + i%4
		last := min(7, first+2+i%2)
		var levels []int
		for l := first; l <= last; l++ {
			levels = append(levels, l)
		}
		title := words[i%len(words)] + " " + verbs[(i/len(words))%len(verbs)]
		if i%23 == 7 {
			title += " and continuous improvement of organisational capability across integrated care systems"
		}
		f.Items = append(f.Items, model.Item{
			ID:     code(i),
			Title:  title,
			Group:  subIDs[(i*len(subIDs))/n],
			Levels: levels,
		})
	}
	f.Roles = []model.Role{{ID: "informatics", Family: "Informatics", Title: "Informatics lead", Levels: []model.RoleLevel{
		{ID: "informatics/lead/senior", Title: "Senior informatics lead", Rank: 2},
	}}}
	return f
}

// code makes a four-letter skill code from a number.
func code(i int) string {
	const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	b := []byte{letters[(i/(26*26))%26], letters[(i/26)%26], letters[i%26], letters[(i*7+3)%26]}
	return string(b)
}

// ratingsAndTargets rates most items and sets a target on each; every
// eleventh item is left unrated and every seventeenth has no target.
func ratingsAndTargets(f *model.Framework, source string) ([]model.Rating, []model.Target) {
	var rs []model.Rating
	var ts []model.Target
	for i, it := range f.Items {
		lo, hi := it.Levels[0], it.Levels[len(it.Levels)-1]
		if lo == 0 {
			lo = 1
		}
		if i%11 != 5 {
			lvl := lo + (i % 3) - 1
			if lvl < lo {
				lvl = 0
			}
			rs = append(rs, model.Rating{Item: it.ID, Level: min(lvl, hi)})
		}
		if i%17 != 3 {
			ts = append(ts, model.Target{Item: it.ID, Level: min(hi, lo+1+i%2), Source: source})
		}
	}
	return rs, ts
}

func meta(f *model.Framework, title string) Meta {
	return Meta{Framework: f, AppVersion: "1.2.3", Generated: generated, Title: title}
}

func testAssessment(f *model.Framework) model.Assessment {
	return model.Assessment{
		ID: "a-1", PersonID: testPerson().ID, Framework: f.Ref, Kind: model.SelfAssessment, Assessor: personName,
		CreatedAt: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), UpdatedAt: time.Date(2026, 3, 12, 16, 45, 0, 0, time.UTC),
	}
}

const longEvidence = "Completed the NHS Digital Academy module on clinical safety (DCB0129/DCB0160) with a distinction; " +
	"led the hazard workshop for the e-prescribing go-live – three wards, 42 hazards logged and 38 closed – and wrote " +
	"the safety case report that the Trust’s CSO signed off on 3 March. Reflective log kept in the e-portfolio, " +
	"with feedback from the deputy chief nurse and the pharmacy lead."

// actionsFor makes n actions over the framework's items, cycling through
// the activities and statuses.
func actionsFor(f *model.Framework, n int) []model.Action {
	out := make([]model.Action, 0, n)
	for i := range n {
		it1 := f.Items[(i*5)%len(f.Items)]
		it2 := f.Items[(i*5+3)%len(f.Items)]
		a := model.Action{
			ID:        fmt.Sprintf("act-%d", i+1),
			Objective: fmt.Sprintf("Reach the target level in %s by leading a real piece of work and reflecting on it with my supervisor", strings.ToLower(it1.Title)),
			Items:     []string{it1.ID, it2.ID},
			Activity:  model.Activities[i%len(model.Activities)],
			Due:       time.Date(2026, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC).Format("2006-01-02"),
			Status:    model.ActionStatuses[i%len(model.ActionStatuses)],
		}
		if a.Status == model.Done || a.Status == model.InProgress {
			a.Evidence = "Certificate and reflective note in the e-portfolio."
		}
		if i%7 == 2 {
			a.Evidence = longEvidence
		}
		out = append(out, a)
	}
	return out
}

// fciPlan is a small plan with a few actions, one with long text.
func fciPlan() PlanInput {
	f := fciFramework()
	rs, ts := ratingsAndTargets(f, gap.ManualSource)
	p := model.Plan{ID: "plan-1", PersonID: testPerson().ID, Framework: f.Ref, Title: "Development plan 2026/27 – “safety first”",
		CreatedAt: time.Date(2026, 3, 14, 10, 0, 0, 0, time.UTC)}
	p.Actions = actionsFor(f, 4)
	p.Actions[0].Evidence = longEvidence + " " + longEvidence
	return PlanInput{
		Meta: meta(f, ""), Person: testPerson(), Assessment: testAssessment(f),
		Gaps: gap.Compute(f, nil, rs, ts), Plan: p,
	}
}

// emptyPlan has ratings and targets but no actions.
func emptyPlan() PlanInput {
	in := fciPlan()
	in.Plan.Actions = nil
	in.Plan.Title = ""
	return in
}

// sfiaPlan is a plan over n items with targets from a role level.
func sfiaPlan(n, actions int) PlanInput {
	f := bigFramework(n)
	rs, ts := ratingsAndTargets(f, gap.RoleSource("sfia", "informatics/lead/senior"))
	p := model.Plan{ID: "plan-2", PersonID: testPerson().ID, Framework: f.Ref, Title: "Senior informatics lead – two-year plan",
		CreatedAt: time.Date(2026, 3, 14, 10, 0, 0, 0, time.UTC)}
	p.Actions = actionsFor(f, actions)
	return PlanInput{
		Meta: meta(f, ""), Person: testPerson(), Assessment: testAssessment(f),
		Gaps: gap.Compute(f, nil, rs, ts), Plan: p,
	}
}

// appraisalFor builds an appraisal over the framework's items: self and
// appraiser ratings that sometimes differ, agreed levels on most, notes on
// some.
func appraisalFor(f *model.Framework, signed, previous bool) AppraisalInput {
	groups := map[string]*model.Group{}
	for i := range f.Groups {
		groups[f.Groups[i].ID] = &f.Groups[i]
	}
	top := func(id string) *model.Group {
		g := groups[id]
		for g != nil && g.Parent != "" {
			g = groups[g.Parent]
		}
		return g
	}
	var items []AppraisalItem
	for i := range f.Items {
		it := &f.Items[i]
		lo, hi := it.Levels[0], it.Levels[len(it.Levels)-1]
		if lo == 0 {
			lo = 1
		}
		ai := AppraisalItem{Item: it, TopGroup: top(it.Group), Appraisers: make([]*int, 2), Covered: []bool{true, true}}
		// The clinical appraiser reviews the first outermost group only.
		firstTop := len(f.Groups) > 0 && top(it.Group) != nil && top(it.Group).ID == top(f.Items[0].Group).ID
		ai.Covered[1] = len(f.Groups) == 0 || firstTop
		if i%9 != 4 {
			ai.Self = ip(lo + i%3)
		}
		if i%13 != 6 {
			ai.Appraisers[0] = ip(min(hi, lo+(i/2)%4))
		}
		if ai.Covered[1] && i%7 != 3 {
			ai.Appraisers[1] = ip(min(hi, lo+(i/3)%3))
		}
		if i%5 != 1 {
			switch {
			case ai.Appraisers[0] != nil:
				ai.Agreed = ip(*ai.Appraisers[0])
			case ai.Self != nil:
				ai.Agreed = ip(*ai.Self)
			}
		}
		switch {
		case i == 1:
			ai.Note = "We agreed Zoë’s self-rating undersold the e-prescribing safety case – evidence in the portfolio shows she led it end to end, so the agreed level is the appraiser’s."
		case model.Disagree(ai.Self, ai.Appraisers[0], ai.Appraisers[1]) && i%4 == 0:
			ai.Note = "Discussed with examples; agreed level reflects the last six months’ work."
		}
		items = append(items, ai)
	}
	a := model.Appraisal{
		ID: "appr-1", PersonID: testPerson().ID, Framework: f.Ref, Period: "2026/27",
		Appraisers: []model.Appraiser{
			{Name: "Dr Siân O’Connor-Łukasiewicz", Role: "informatics appraiser"},
			{Name: "Dr Tomás Reyes", Role: "clinical appraiser"},
		},
		OverallNotes: "A strong year: Zoë led the clinical safety work for the e-prescribing roll-out and mentored two junior colleagues. " +
			"We agreed to focus next year on data and analytics, where the self and appraiser ratings differed most.\n\n" +
			"Zoë asked for protected time – half a day a fortnight – for the data course; the appraiser will raise it with the deputy chief nurse.",
		CreatedAt: time.Date(2026, 4, 20, 9, 0, 0, 0, time.UTC),
		UpdatedAt: time.Date(2026, 4, 28, 17, 0, 0, 0, time.UTC),
	}
	scopes := []string{"all items", "all items"}
	if len(f.Groups) > 0 {
		if g := top(f.Items[0].Group); g != nil {
			a.Appraisers[1].Scope = []string{g.ID}
			scopes[1] = g.Title
		}
	}
	if signed {
		a.AppraiseeSignedAt = time.Date(2026, 4, 29, 10, 15, 0, 0, time.UTC)
		a.Appraisers[0].SignedAt = time.Date(2026, 4, 30, 8, 5, 0, 0, time.UTC)
		a.Appraisers[1].SignedAt = time.Date(2026, 5, 1, 16, 40, 0, 0, time.UTC)
	}
	in := AppraisalInput{
		Meta: meta(f, ""), Person: testPerson(), Appraisal: a, Scopes: scopes, Items: items,
		Plan: model.Plan{ID: "plan-3", Title: "Agreed plan 2026/27", Actions: actionsFor(f, 3)},
	}
	if previous {
		prev := model.Plan{ID: "plan-0", Title: "Plan 2025/26", CreatedAt: time.Date(2025, 4, 22, 9, 0, 0, 0, time.UTC), Actions: actionsFor(f, 4)}
		prev.Actions[1].Status = model.Done
		prev.Actions[1].Evidence = longEvidence
		in.PreviousPlan = &prev
	}
	return in
}

// ungroupedFramework is like the DDaT pack: no groups, items whose ids are
// slugs of their titles, a four-level scale, and role levels.
func ungroupedFramework() *model.Framework {
	f := &model.Framework{
		Ref:         model.FrameworkRef{ID: "ddat", Version: "2025-q3"},
		Name:        "Government Digital and Data Profession Capability Framework",
		ShortName:   "DDaT",
		Licence:     "Open Government Licence v3.0",
		Attribution: "Contains public sector information licensed under the Open Government Licence v3.0.",
		Scale: model.Scale{Name: "Skill levels", Levels: []model.Level{
			{Value: 1, Name: "Awareness"}, {Value: 2, Name: "Working"}, {Value: 3, Name: "Practitioner"}, {Value: 4, Name: "Expert"},
		}},
	}
	titles := []string{
		"Accessibility", "Adapting to delivery methodologies", "Agile and Lean practices", "Availability and capacity management",
		"Business analysis", "Community collaboration", "Data analysis and synthesis", "Data governance",
		"Developing and maintaining user-centred service design standards and patterns", "Ethics and privacy",
		"Information management", "Incident management", "Prototyping", "Stakeholder relationship management",
	}
	for _, t := range titles {
		f.Items = append(f.Items, model.Item{ID: model.Slug(t), Title: t, Levels: []int{1, 2, 3, 4}})
	}
	return f
}

func ungroupedPlan() PlanInput {
	f := ungroupedFramework()
	rs, ts := ratingsAndTargets(f, gap.ManualSource)
	return PlanInput{
		Meta: meta(f, "Development plan"), Person: testPerson(), Assessment: testAssessment(f),
		Gaps: gap.Compute(f, nil, rs, ts),
		Plan: model.Plan{Title: "Data skills", Actions: actionsFor(f, 2)},
	}
}
