package exchange

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"gapwise/internal/gap"
	"gapwise/internal/model"
)

func personalBook(appraisal bool) PersonalBook {
	f := fciFixture()
	b := PersonalBook{
		Title: "Personal development plan", Person: model.Person{Name: "Zoë Ødegård", Role: "Nurse informatician"},
		Framework: f.Ref, FrameworkName: f.Name, Generated: time.Date(2026, 5, 4, 14, 30, 0, 0, time.UTC), AppVersion: "1.2.3", Pack: f,
		Plan: model.Plan{Title: "2026/27", Actions: []model.Action{
			{Objective: "Lead the ward's safety case", Items: []string{"1.2", "gone"}, Activity: "project work", Due: "2027-03-31", Status: model.InProgress},
		}},
	}
	it := func(i int) *model.Item { return &f.Items[i] }
	if !appraisal {
		b.HasGaps = true
		b.Gaps = []gap.ItemGap{
			{Item: it(1), TopGroup: &f.Groups[0], Current: intp(1), Target: intp(3), Gap: 2, Status: gap.Below},
			{Item: it(0), TopGroup: &f.Groups[0], Current: intp(3), Target: intp(2), Status: gap.Met},
			{Item: it(2), TopGroup: &f.Groups[1], Target: intp(2), Status: gap.NotRated},
		}
		return b
	}
	b.Title = "Joint appraisal"
	b.Appraisal = &model.Appraisal{Period: "2026/27", AppraiseeSignedAt: time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC),
		Appraisers: []model.Appraiser{{Name: "Dr A Appraiser", Role: "informatics appraiser"}, {Name: "Dr B Clin", Role: "clinical appraiser", Scope: []string{f.Groups[0].ID}}}}
	b.Ratings = []AppraisalRating{
		{Item: it(0), Group: &f.Groups[0], Self: intp(2), Appraisers: []*int{intp(2), intp(3)}, Covered: []bool{true, true}, Agreed: intp(2), Note: "Agreed after discussion"},
		{Item: it(1), Group: &f.Groups[0], Self: intp(2), Appraisers: []*int{intp(2), intp(2)}, Covered: []bool{true, true}},
		{Item: it(2), Group: &f.Groups[1], Appraisers: []*int{nil, nil}, Covered: []bool{true, false}},
	}
	prev := model.Plan{Actions: []model.Action{{Objective: "Old objective", Status: model.Done}}}
	b.PreviousPlan = &prev
	return b
}

func writePersonalXLSX(t *testing.T, b PersonalBook) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := PersonalXLSX(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestPlanXLSX(t *testing.T) {
	data := writePersonalXLSX(t, personalBook(false))
	if !bytes.Equal(data, writePersonalXLSX(t, personalBook(false))) {
		t.Error("the same plan gave two different files")
	}
	x := openXLSX(t, data)
	if got := x.GetSheetList(); !slices.Equal(got, []string{SheetAbout, SheetGaps, SheetPlan}) {
		t.Fatalf("sheets %q", got)
	}
	want := [][]string{
		GapsHeader,
		{"1.2", "Clinical safety", "Health and wellbeing in practice", "1", "3", "2", "Below target"},
		{"1.1", "Health and care systems", "Health and wellbeing in practice", "3", "2", "", "Met"},
		{"2.1", "Systems and standards", "Information technologies and systems", "", "2", "", "Not rated"},
	}
	if got := rows(t, x, SheetGaps); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("gaps\n got %q\nwant %q", got, want)
	}
	wantPlan := [][]string{ActionsHeader, {"Lead the ward's safety case", "1.2 Clinical safety\ngone", "project work", "2027-03-31", "In progress"}}
	if got := rows(t, x, SheetPlan); !slices.EqualFunc(got, wantPlan, slices.Equal) {
		t.Errorf("plan\n got %q\nwant %q", got, wantPlan)
	}
	titles := map[string]string{}
	for _, n := range x.GetDefinedName() {
		if n.Name == "_xlnm.Print_Titles" {
			titles[n.Scope] = n.RefersTo
		}
	}
	if titles[SheetGaps] != "'Gaps'!$1:$1" || titles[SheetPlan] != "'Plan'!$1:$1" {
		t.Errorf("print titles %q", titles)
	}
	if p, err := x.GetPanes(SheetGaps); err != nil || !p.Freeze || p.YSplit != 1 {
		t.Errorf("gaps header not frozen: %+v %v", p, err)
	}

	empty := personalBook(false)
	empty.Gaps, empty.HasGaps = nil, false
	x = openXLSX(t, writePersonalXLSX(t, empty))
	if got := rows(t, x, SheetGaps); len(got) != 2 || got[1][0] == "" {
		t.Errorf("a plan without an assessment does not say so: %q", got)
	}
}

func TestAppraisalXLSX(t *testing.T) {
	x := openXLSX(t, writePersonalXLSX(t, personalBook(true)))
	if got := x.GetSheetList(); !slices.Equal(got, []string{SheetAbout, SheetLevels, SheetPlan, SheetPreviousPlan}) {
		t.Fatalf("sheets %q", got)
	}
	want := [][]string{
		{"Item", "Title", "Group", "Self", "Dr A Appraiser", "Dr B Clin", "Agreed", "Ratings differ", "Discussion note"},
		{"1.1", "Health and care systems", "Health and wellbeing in practice", "2", "2", "3", "2", "Yes", "Agreed after discussion"},
		{"1.2", "Clinical safety", "Health and wellbeing in practice", "2", "2", "2", "", "No"},
		{"2.1", "Systems and standards", "Information technologies and systems", "", "", "n/a", "", "No"},
	}
	if got := rows(t, x, SheetLevels); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("levels\n got %q\nwant %q", got, want)
	}
	about := map[string]string{}
	for _, r := range rows(t, x, SheetAbout) {
		if len(r) == 2 {
			about[r[0]] = r[1]
		}
	}
	if about["Appraiser 1"] != "Dr A Appraiser (informatics appraiser)" || about["Appraiser 2"] != "Dr B Clin (clinical appraiser)" ||
		about["Appraisee signed"] != "1 May 2026, 09:00 UTC" || about["Dr B Clin signed"] != "not signed" || about["Person"] != "Zoë Ødegård" {
		t.Errorf("about %q", about)
	}
	if got := rows(t, x, SheetPreviousPlan); len(got) != 2 || got[1][0] != "Old objective" || got[1][4] != "Done" {
		t.Errorf("previous plan %q", got)
	}
}
