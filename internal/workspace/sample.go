package workspace

import (
	"context"
	"errors"
	"hash/fnv"
	"slices"
	"strings"
	"time"

	"gapwise/internal/gap"
	"gapwise/internal/model"
)

// The fictional person "try with sample data" creates. Every label says it
// is not real, so nobody mistakes it for a colleague in a report.
var samplePerson = model.Person{
	Name:           "Alex Sample (fictional)",
	Discipline:     model.Nurse,
	Role:           "Nurse informatician (sample)",
	Organisation:   "Example NHS Trust (fictional)",
	InformaticsWTE: 0.4,
	Sample:         true,
}

// sampleRoleLevel is the DDaT role level the sample person aims for.
const sampleRoleLevel = "data/data-analyst/senior-data-analyst"

// sampleSFIATargets are the SFIA skills the sample person aims for, by hand.
// A level a version does not define for the skill is fitted to one it does;
// a skill a version lacks is left out.
var sampleSFIATargets = []model.Target{
	{Item: "IRMG", Level: 4}, {Item: "DATM", Level: 4}, {Item: "BINT", Level: 4}, {Item: "VISL", Level: 4},
	{Item: "URCH", Level: 4}, {Item: "USEV", Level: 4}, {Item: "BUSA", Level: 4}, {Item: "REQM", Level: 4},
	{Item: "BPRE", Level: 5}, {Item: "CIPM", Level: 4}, {Item: "AIDE", Level: 4}, {Item: "PEDP", Level: 4},
	{Item: "RLMT", Level: 5}, {Item: "KNOW", Level: 4},
}

// sampleFCITarget is the level the sample person aims for on every FCI sub-domain.
const sampleFCITarget = 3

// sampleEvidence are the notes given to the first few strong items of each assessment.
var sampleEvidence = []string{
	"Fictional example: led the ward-level audit of observations charting and presented the findings.",
	"Fictional example: built the team's monthly dashboard from the electronic patient record.",
	"Fictional example: ran usability sessions with nurses before the e-prescribing go-live.",
	"Fictional example: wrote the data protection impact assessment for a new clinical app.",
}

// Words that make an item one of the sample person's strengths or
// weaknesses: a nurse informatician, stronger in clinical, data and
// user-centred work, weaker in architecture and infrastructure.
var (
	sampleCore   = []string{"clinical", "patient", "quality improvement"} // strong whatever else the title says
	sampleStrong = []string{"clinical", "health", "care", "patient", "data", "user", "research", "analys", "insight",
		"visualis", "content", "accessib", "quality", "ethic", "governance", "information management", "knowledge",
		"evidence", "decision", "engag", "stakeholder", "change", "training", "learning", "improvement", "safety",
		"requirement", "benefit", "usability", "communicat"}
	sampleWeak = []string{"architect", "infrastructure", "network", "hardware", "security", "cloud", "programm",
		"software", "engineering", "platform", "devops", "penetration", "vulnerab", "threat", "financ", "sales",
		"bid ", "marketing", "procure", "storage", "database", "firmware", "integration", "deployment", "technology",
		"computational", "machine learning", "performance", "development standards", "build", "operations",
		"capacity", "availability", "incident", "problem management", "code", "coding", "testing"}
)

type affinity int

const (
	weak affinity = iota
	medium
	strong
)

// Levels to pick from (by a hash of the item id), on a four-point scale and
// on a seven-point one. Weak items include 0 (none yet) on purpose.
var sampleLevels = map[bool][3][]int{
	false: {weak: {0, 0, 0, 1, 1}, medium: {0, 1, 1, 2, 2}, strong: {2, 2, 3, 3, 4}},
	true:  {weak: {0, 0, 0, 2}, medium: {0, 2, 2, 3}, strong: {2, 3, 3, 4, 4}},
}

// SampleResult is what CreateSampleData made or found.
type SampleResult struct {
	Person      model.Person
	Assessments []model.Assessment // newest first
	// Created is false when sample data already existed; nothing was changed.
	Created bool
	Team    model.Team // the fictional team the person belongs to
}

// CreateSampleData adds a clearly fictional person with a completed
// self-assessment in every framework version in the database (every item
// rated, deterministically), targets for each, and an older DDaT assessment
// six months earlier so the gap view shows what moved. The person and
// everything about them are flagged as sample data. If a sample person
// already exists it is returned and nothing is created. The sample person
// becomes the current person only when there is none.
func (w *Workspace) CreateSampleData(ctx context.Context) (SampleResult, error) {
	people, err := w.store.People(ctx)
	if err != nil {
		return SampleResult{}, err
	}
	for _, p := range people {
		if p.Sample && p.Name == samplePerson.Name {
			as, err := w.store.Assessments(ctx, p.ID)
			if err != nil {
				return SampleResult{}, err
			}
			team, err := w.sampleTeam(ctx)
			return SampleResult{Person: p, Assessments: as, Team: team}, err
		}
	}
	infos, err := w.Frameworks(ctx)
	if err != nil {
		return SampleResult{}, err
	}
	p, err := w.AddPerson(ctx, samplePerson)
	if err != nil {
		return SampleResult{}, err
	}
	err = w.fillSample(ctx, p, infos)
	if err == nil {
		err = w.createSampleTeam(ctx, p)
	}
	if err == nil {
		err = w.createSamplePlan(ctx, p)
	}
	if err != nil {
		// Leave no half-made sample behind: the next attempt would find it and stop.
		_, rerr := w.RemoveSampleData(ctx)
		return SampleResult{}, errors.Join(err, rerr)
	}
	if _, ok, err := w.CurrentPerson(ctx); err != nil {
		return SampleResult{}, err
	} else if !ok {
		if err := w.SetCurrentPerson(ctx, p.ID); err != nil {
			return SampleResult{}, err
		}
	}
	as, err := w.store.Assessments(ctx, p.ID)
	if err != nil {
		return SampleResult{}, err
	}
	for _, k := range []EventKind{PersonChanged, AssessmentChanged, TeamChanged, PlanChanged} {
		w.changed(ctx, nil, k)
	}
	team, err := w.sampleTeam(ctx)
	return SampleResult{Person: p, Assessments: as, Created: true, Team: team}, err
}

// fillSample writes the sample person's assessments, one transaction each.
func (w *Workspace) fillSample(ctx context.Context, p model.Person, infos []FrameworkInfo) error {
	now := time.Now().UTC().Truncate(time.Second)
	current := now.AddDate(0, 0, -14)
	older := current.AddDate(0, -6, 0)
	for i, info := range infos {
		// One minute apart so the list order is fixed, with DDaT (the one
		// with pathways and history) newest, so it is the one opened first.
		created := current.Add(-time.Duration(i+1) * time.Minute)
		if info.Ref.ID == "ddat" {
			created = current
		}
		f, err := w.Framework(ctx, info.Ref)
		if err != nil {
			return err
		}
		items, err := ScopeItems(f, model.Scope{})
		if err != nil {
			return err
		}
		ratings := sampleRatings(f, items, created)
		targets := sampleTargets(f)
		if err := w.saveSample(ctx, p, f.Ref, created, now.AddDate(0, 0, -2), ratings, targets); err != nil {
			return err
		}
		if f.Ref.ID != "ddat" {
			continue
		}
		before := make([]model.Rating, len(ratings))
		for j, r := range ratings {
			it, _ := f.Item(r.Item)
			before[j] = model.Rating{Item: r.Item, Level: earlierLevel(it, r.Level), Confidence: max(2, r.Confidence-1),
				Evidence: r.Evidence, RatedAt: older.Add(r.RatedAt.Sub(created))}
		}
		if err := w.saveSample(ctx, p, f.Ref, older, older.AddDate(0, 0, 12), before, targets); err != nil {
			return err
		}
	}
	return nil
}

func (w *Workspace) saveSample(ctx context.Context, p model.Person, ref model.FrameworkRef, created, updated time.Time, ratings []model.Rating, targets []model.Target) error {
	a, err := w.store.CreateAssessment(ctx, model.Assessment{
		PersonID: p.ID, Framework: ref, Kind: model.SelfAssessment, Assessor: p.Name, CreatedAt: created, UpdatedAt: updated,
	})
	if err != nil {
		return err
	}
	return w.store.ReplaceAssessment(ctx, a, ratings, targets, nil)
}

// sampleRatings rates every item, the same way on every run.
func sampleRatings(f *model.Framework, items []*model.Item, created time.Time) []model.Rating {
	top := f.Scale.Top()
	wide, full := top > 5, 4
	if wide {
		full = 7
	}
	out := make([]model.Rating, 0, len(items))
	notes := 0
	for _, it := range items {
		h := itemHash(it.ID)
		aff := sampleAffinity(f, it)
		opts := sampleLevels[wide][aff]
		want := opts[h%uint32(len(opts))] * top / full // the tables' levels, on this scale
		level := fitLevel(it, want)
		if level == model.NoneLevel && aff == strong {
			level = fitLevel(it, want+1) // a strength starts at the skill's first level
		}
		r := model.Rating{Item: it.ID, Level: level, RatedAt: created.Add(time.Duration((h>>8)%(12*24)) * time.Hour)}
		switch aff {
		case strong:
			r.Confidence = 3 + int((h>>4)%3)
		case medium:
			r.Confidence = 2 + int((h>>4)%3)
		default:
			r.Confidence = 2 + int((h>>4)%2)
		}
		if aff == strong && r.Level > 0 && notes < len(sampleEvidence) {
			r.Evidence = sampleEvidence[notes]
			notes++
		}
		out = append(out, r)
	}
	return out
}

// sampleTargets are the sample person's targets in one framework version.
func sampleTargets(f *model.Framework) []model.Target {
	switch f.Ref.ID {
	case "ddat":
		targets, err := gap.TargetsFromRoleLevel(f, sampleRoleLevel)
		if err != nil {
			return nil // a future version without this role level: no targets
		}
		return targets
	case "sfia":
		var out []model.Target
		for _, t := range sampleSFIATargets {
			it, ok := f.Item(t.Item)
			if !ok {
				continue
			}
			level, _, _ := gap.NormaliseTarget(f, it, t.Level)
			out = append(out, model.Target{Item: t.Item, Level: level, Source: gap.ManualSource})
		}
		return out
	case "fci":
		out := make([]model.Target, 0, len(f.Items))
		for i := range f.Items {
			level, _, _ := gap.NormaliseTarget(f, &f.Items[i], sampleFCITarget)
			out = append(out, model.Target{Item: f.Items[i].ID, Level: level, Source: gap.ManualSource})
		}
		return out
	}
	return nil
}

// sampleAffinity reads the item's title first, then its group's.
func sampleAffinity(f *model.Framework, it *model.Item) affinity {
	if a, ok := wordAffinity(it.Title + " " + it.ID); ok {
		return a
	}
	if g, ok := f.Group(it.Group); ok {
		if a, ok := wordAffinity(g.Title); ok {
			return a
		}
	}
	return medium
}

func wordAffinity(text string) (affinity, bool) {
	text = strings.ToLower(text) + " "
	has := func(words []string) bool {
		return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(text, w) })
	}
	switch {
	case has(sampleCore):
		return strong, true
	case has(sampleWeak):
		return weak, true
	case has(sampleStrong):
		return strong, true
	}
	return medium, false
}

// fitLevel is the highest level at or below want that the item accepts, else 0.
func fitLevel(it *model.Item, want int) int {
	best := model.NoneLevel
	for _, l := range it.Levels {
		if l <= want && l > best {
			best = l
		}
	}
	return best
}

// earlierLevel is a rating six months before: one defined level lower on
// about a third of the rated items.
func earlierLevel(it *model.Item, level int) int {
	if level == model.NoneLevel || (itemHash(it.ID)>>16)%3 != 0 {
		return level
	}
	return fitLevel(it, level-1)
}

func itemHash(id string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(id))
	return h.Sum32()
}

// HasSampleData reports whether any sample person is in the database (the
// sample team's members included): what Me's sample button needs, without
// listing everyone.
func (w *Workspace) HasSampleData(ctx context.Context) (bool, error) {
	return w.store.HasSamplePeople(ctx)
}

// RemoveSampleData deletes every sample person and team with everything
// about them and returns what went (Erasure(EraseSample) says beforehand).
// Real people are never touched.
func (w *Workspace) RemoveSampleData(ctx context.Context) (Erasure, error) {
	return w.Erase(ctx, EraseSample, "")
}

// sampleTeam finds the fictional team; a zero team when there is none.
func (w *Workspace) sampleTeam(ctx context.Context) (model.Team, error) {
	teams, err := w.store.Teams(ctx)
	if err != nil {
		return model.Team{}, err
	}
	for _, t := range teams {
		if t.Sample {
			return t, nil
		}
	}
	return model.Team{}, nil
}
