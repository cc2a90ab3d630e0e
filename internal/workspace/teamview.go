package workspace

import (
	"context"

	"gapwise/internal/gap"
	"gapwise/internal/model"
)

// TeamView is everything the team workshop shows: members, composition,
// each member's latest self-assessment, and the team measures per item.
// Ratings are held compactly (gap.TeamRatings): at organisation scale a map
// per member was most of the memory.
type TeamView struct {
	Team        model.Team
	Framework   *model.Framework
	Members     []model.Person
	Ratings     *gap.TeamRatings // members' latest self-assessment ratings, by member and item
	Assessed    int              // members with a self-assessment of the team's framework version
	Targets     []model.Target
	Composition gap.Composition
	Measures    gap.TeamMeasures
}

// HasAssessed reports whether a member has a self-assessment of the team's
// framework version (even an empty one).
func (v *TeamView) HasAssessed(personID string) bool { return v.Ratings.Assessed(personID) }

// TeamView computes a team's composition and measures from each member's
// latest self-assessment of the team's framework version, streamed from the
// database into the compact table.
func (w *Workspace) TeamView(ctx context.Context, teamID string) (*TeamView, error) {
	team, err := w.store.Team(ctx, teamID)
	if err != nil {
		return nil, err
	}
	f, err := w.Framework(ctx, team.Framework)
	if err != nil {
		return nil, err
	}
	members, err := w.store.Members(ctx, teamID)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(members))
	for i, m := range members {
		ids[i] = m.ID
	}
	tr := gap.NewTeamRatings(f, ids)
	err = w.store.EachLatestRatings(ctx, team.Framework, model.SelfAssessment, ids, func(person string, rs []model.Rating) error {
		m, ok := tr.Member(person)
		if !ok {
			return nil
		}
		tr.SetAssessed(m)
		for _, r := range rs {
			tr.Set(m, r.Item, r.Level, r.Confidence)
			if r.Interest {
				tr.SetInterest(m, r.Item)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	targets, err := w.store.TeamTargets(ctx, teamID)
	if err != nil {
		return nil, err
	}
	v := &TeamView{Team: team, Framework: f, Members: members, Targets: targets, Ratings: tr, Assessed: tr.AssessedCount()}
	v.Composition = gap.TeamComposition(members)
	v.Measures = gap.MeasureTeamRatings(f, nil, tr, targets)
	return v, nil
}

// Roster is the team's members as the display shows them: order and labels
// (gap.Display.Roster), the same on screen, in the PDF and in the exports.
func (v *TeamView) Roster(d gap.Display) gap.Roster { return d.Roster(v.Team.ID, v.Members) }

// LatestRating is one member's rating of one item in their latest
// self-assessment of a framework version, with its evidence (which the team
// view leaves out: at a thousand members it would be most of the memory).
func (w *Workspace) LatestRating(ctx context.Context, personID string, ref model.FrameworkRef, item string) (model.Rating, bool, error) {
	as, err := w.store.Assessments(ctx, personID)
	if err != nil {
		return model.Rating{}, false, err
	}
	var latest *model.Assessment
	for i := range as {
		a := &as[i]
		if a.Kind == model.SelfAssessment && a.Framework == ref && (latest == nil || a.UpdatedAt.After(latest.UpdatedAt)) {
			latest = a
		}
	}
	if latest == nil {
		return model.Rating{}, false, nil
	}
	rs, err := w.store.Ratings(ctx, latest.ID)
	if err != nil {
		return model.Rating{}, false, err
	}
	for _, r := range rs {
		if r.Item == item {
			return r, true, nil
		}
	}
	return model.Rating{}, false, nil
}
