package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"gapwise/internal/gap"
	"gapwise/internal/model"
)

// pairedItem chooses, on the "Who can teach whom" tab, the first item with
// a suggested session and returns its row.
func pairedItem(t *testing.T, tm *teamScreen) int {
	t.Helper()
	v := tm.view
	for k, m := range tm.teach.items {
		if len(gap.Teach(v.Framework, v.Ratings, m, nil).Pairings) > 0 && !tm.hidden(m.Rated) {
			tm.teach.list.Select(k)
			return k
		}
	}
	t.Fatal("no item of the sample team has a suggested session")
	return -1
}

// The tab lists each item's counts, names who could teach whom for the
// chosen item, and "Agree as team actions" puts its sessions in the team
// plan, owned by the teacher and each learner, naming nobody in the words.
func TestWhoCanTeachWhomAgreesPairings(t *testing.T) {
	s := openSampleTeam(t)
	tm := s.team
	k := pairedItem(t, tm)
	if line := tm.teach.line(k); !strings.Contains(line, "could teach") || !strings.Contains(line, "want to learn") {
		t.Errorf("row %q", line)
	}
	detail := tm.teach.detail.Text
	teacher := tm.view.Ratings.MemberID(tm.teach.cur.Pairings[0].Teacher)
	var teacherName string
	for _, m := range tm.view.Members {
		if m.ID == teacher {
			teacherName = m.Name
		}
	}
	if !strings.Contains(detail, "Suggested: "+teacherName+" runs a session on") || !strings.Contains(detail, "Could teach: ") {
		t.Fatalf("named display detail:\n%s", detail)
	}
	if tm.teach.agree.Disabled() {
		t.Fatal("Agree as team actions is off for an item with a session")
	}
	before := len(tm.plan.Actions)
	want := 0
	for _, p := range tm.teach.cur.Pairings {
		want += 1 + len(p.Learners)
	}
	test.Tap(tm.teach.agree)
	p, err := s.ws.TeamPlan(context.Background(), tm.view.Team.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Actions) != before+want {
		t.Fatalf("plan has %d actions, want %d more than %d", len(p.Actions), want, before)
	}
	added := p.Actions[before:]
	if added[0].Owner != teacher || !strings.HasPrefix(added[0].Objective, "Run a session on ") {
		t.Errorf("the teacher's action: %+v", added[0])
	}
	for _, a := range added {
		for _, m := range tm.view.Members {
			if strings.Contains(a.Objective, m.Name) {
				t.Errorf("an agreed action names %s: %q", m.Name, a.Objective)
			}
		}
	}
	if !strings.Contains(tm.status.Text, "Added") {
		t.Errorf("status %q", tm.status.Text)
	}
}

// In workshop display the tab counts and names nobody; with individual
// rows it lists labels; below the threshold it shows nothing.
func TestWhoCanTeachWhomInWorkshopDisplay(t *testing.T) {
	s := openSampleTeam(t)
	tm := s.team
	test.Tap(tm.mode)
	pairedItem(t, tm)
	detail := tm.teach.detail.Text
	if !strings.Contains(detail, "could teach ·") || strings.Contains(detail, "Member ") {
		t.Errorf("workshop detail:\n%s", detail)
	}
	for _, m := range tm.view.Members {
		if strings.Contains(detail, m.Name) {
			t.Errorf("workshop detail names %s", m.Name)
		}
	}
	test.Tap(tm.rowsBtn)
	confirmTop(t, s, true)
	if d := tm.teach.detail.Text; !strings.Contains(d, "Suggested: Member ") {
		t.Errorf("individual rows detail:\n%s", d)
	}
	tm.minEntry.SetText("9")
	tm.setMinPeople()
	if d := tm.teach.detail.Text; !strings.HasPrefix(d, "Hidden") || !tm.teach.agree.Disabled() {
		t.Errorf("below the threshold: %q, agree enabled %v", d, !tm.teach.agree.Disabled())
	}
	for k := range tm.teach.items {
		if !strings.HasPrefix(tm.teach.line(k), "[hidden]") {
			t.Errorf("row %q is shown below the threshold", tm.teach.line(k))
			break
		}
	}
}

// The Coverage tab's single points of failure say, under each fragile
// item, who is interested in becoming its second holder: by name in named
// display, under the neutral label with individual rows, and only how many
// in plain workshop display.
func TestCoverageShowsSecondHolders(t *testing.T) {
	s := openSampleTeam(t)
	tm := s.team
	v := tm.view
	var m *gap.ItemMeasure
	var tc gap.Teaching
	for i := range v.Measures.Items {
		if c := gap.Teach(v.Framework, v.Ratings, &v.Measures.Items[i], nil); len(c.SecondHolders) > 0 {
			m, tc = &v.Measures.Items[i], c
			break
		}
	}
	if m == nil {
		t.Fatal("the sample team has no fragile item with a member interested in becoming its second holder")
	}
	second := tc.SecondHolders[0]
	var name string
	for _, p := range v.Members {
		if p.ID == v.Ratings.MemberID(second) {
			name = p.Name
		}
	}
	fragile := func() string {
		t.Helper()
		text := richText(tm.common)
		i := strings.Index(text, "Single points of failure")
		if i < 0 {
			t.Fatalf("no single points of failure on the Coverage tab:\n%s", text)
		}
		return text[i:]
	}
	if got := fragile(); !strings.Contains(got, m.Item.Label()+"\nInterested in becoming the second holder: ") || !strings.Contains(got, name) {
		t.Errorf("named display:\n%s", got)
	}

	tm.setWorkshop(true)
	got := fragile()
	if !strings.Contains(got, m.Item.Label()+"\n"+model.Plural(len(tc.SecondHolders), "member is", "members are")+" interested in becoming the second holder") {
		t.Errorf("workshop display:\n%s", got)
	}
	for _, p := range v.Members {
		if strings.Contains(got, p.Name) || strings.Contains(got, "Member ") {
			t.Errorf("workshop display names someone:\n%s", got)
		}
	}
	tm.setIndividual(true)
	if got := fragile(); !strings.Contains(got, "Interested in becoming the second holder: Member ") || !strings.Contains(got, tm.roster.Label(v.Ratings.MemberID(second))) || strings.Contains(got, name) {
		t.Errorf("individual rows:\n%s", got)
	}
}
