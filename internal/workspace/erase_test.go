package workspace

import (
	"context"
	"strings"
	"testing"

	"gapwise/internal/model"
	"gapwise/internal/store"
)

func TestErasureSummary(t *testing.T) {
	cases := []struct {
		e    Erasure
		want string
	}{
		{Erasure{Kind: ErasePerson, Subject: "Sam Jones", Footprint: store.Footprint{Assessments: 3, Ratings: 412, Plans: 1, Appraisals: 1, Teams: 2}},
			"Sam Jones: 3 assessments, 412 ratings, 1 plan, 1 appraisal, member of 2 teams"},
		{Erasure{Kind: ErasePerson, Subject: "Al", Footprint: store.Footprint{Assessments: 1, Ratings: 1, Teams: 1, Unassigned: 2}},
			"Al: 1 assessment, 1 rating, 0 plans, 0 appraisals, member of 1 team; 2 team plan actions they own stay, with no owner"},
		{Erasure{Kind: EraseAssessment, Subject: "Al's self-assessment", Footprint: store.Footprint{Ratings: 2, Targets: 1, History: 1, Unlinked: 1}},
			"Al's self-assessment: 2 ratings, 1 target, 1 earlier version; its appraisal stays, without the appraiser's assessment"},
		{Erasure{Kind: EraseTeam, Subject: "team W", Footprint: store.Footprint{Teams: 5, Plans: 1, Actions: 4, TeamTargets: 12}},
			"team W: 1 team plan, 4 actions, 12 team targets; 5 members stay, with their assessments"},
		{Erasure{Kind: ErasePlan, Subject: `plan "P" (Al)`, Footprint: store.Footprint{Actions: 3, Unlinked: 1}},
			`plan "P" (Al): 3 actions; 1 appraisal that reviewed it stays, without the review`},
		{Erasure{Kind: EraseAppraisal, Subject: "Al's 2026/27 appraisal with Bo", Footprint: store.Footprint{Name: "Al", Notes: 1}},
			"Al's 2026/27 appraisal with Bo: 1 item note, the overall notes and sign-off; its assessments and agreed plan stay with Al"},
		{Erasure{Kind: EraseMembership, Subject: "Al in team W", Footprint: store.Footprint{Teams: 1, Unassigned: 1}},
			"Al in team W: no longer a member; 1 team plan action they own stays, with no owner; their assessments stay"},
		{Erasure{Kind: EraseSample, Subject: "sample data", People: 8, TeamsRemoved: 1, Footprint: store.Footprint{Assessments: 9, Ratings: 100, Plans: 1}},
			"sample data: 8 fictional people, 1 team, 9 assessments, 100 ratings, 1 plan, 0 appraisals; your own data is not touched"},
	}
	for _, c := range cases {
		if got := c.e.Summary(); got != c.want {
			t.Errorf("got  %q\nwant %q", got, c.want)
		}
	}
}

// The confirmation counts what the erasure then removes, for every kind.
func TestErasureMatchesWhatErases(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	p, self := appraisee(t, w, "Sam Jones")
	other := addPerson(t, w, "Kim Lee")
	team, err := w.CreateTeam(ctx, "Ward 7", sfia9)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{p.ID, other.ID} {
		if err := w.AddMember(ctx, model.TeamID(team.ID), model.PersonID(id)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.SetCurrentPerson(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	ap, err := w.StartAppraisal(ctx, self.ID, one("Dr Grace Hopper"), "")
	if err != nil {
		t.Fatal(err)
	}

	// Refusals come with the preview, before anything is offered.
	for _, c := range []struct {
		kind ErasureKind
		id   string
	}{{EraseAssessment, self.ID}, {EraseAssessment, ap.AgreedID}, {ErasePlan, ap.Plan}} {
		if _, err := w.Erasure(ctx, c.kind, c.id); model.KindOf(err) != model.Conflict || !strings.Contains(err.Error(), "delete the appraisal first") {
			t.Errorf("preview of %v %s: %v; want a Conflict naming the appraisal", c.kind, c.id, err)
		}
	}
	if _, err := w.Erasure(ctx, EraseMembership, MembershipID(model.TeamID(team.ID), "nobody")); model.KindOf(err) != model.NotFound {
		t.Errorf("membership of nobody: %v", err)
	}

	for _, c := range []struct {
		kind ErasureKind
		id   string
		want string
	}{
		{EraseMembership, MembershipID(model.TeamID(team.ID), model.PersonID(other.ID)), "Kim Lee in team Ward 7: no longer a member; their assessments stay"},
		{EraseAppraisal, ap.ID, "Sam Jones's " + ap.Period + " appraisal with Dr Grace Hopper: 0 item notes, the overall notes and sign-off; its assessments and agreed plan stay with Sam Jones"},
		{EraseTeam, team.ID, "team Ward 7: 0 team plans, 0 actions, 0 team targets; 1 member stays, with their assessments"},
		{ErasePerson, p.ID, "Sam Jones: 2 assessments, 4 ratings, 1 plan, 0 appraisals, member of 0 teams"},
	} {
		before, err := w.Erasure(ctx, c.kind, c.id)
		if err != nil {
			t.Fatal(err)
		}
		gone, err := w.Erase(ctx, c.kind, c.id)
		if err != nil {
			t.Fatal(err)
		}
		if before.Summary() != c.want || gone.Summary() != c.want {
			t.Errorf("confirmation %q\nremoved      %q\nwant         %q", before.Summary(), gone.Summary(), c.want)
		}
		if _, err := w.Erase(ctx, c.kind, c.id); model.KindOf(err) != model.NotFound {
			t.Errorf("erasing %v again: %v; want NotFound", c.kind, err)
		}
	}
	if cur, ok, err := w.CurrentPerson(ctx); ok || err != nil {
		t.Errorf("current person after erasing them: %+v %v %v", cur, ok, err)
	}
}
