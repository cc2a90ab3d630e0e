package ui

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/gap"
	"gapwise/internal/model"
)

// openSampleTeam opens the app with the sample data and its team on screen.
func openSampleTeam(t *testing.T) *Shell {
	t.Helper()
	s, _, ws := newTestShell(t)
	res, err := ws.CreateSampleData(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s.showTab("Team")
	s.team.selectTeam(res.Team.ID)
	if v := s.team.shown(); v == nil || v.Team.ID != res.Team.ID {
		t.Fatal("the sample team is not on screen")
	}
	return s
}

func TestTeamHeatmapShowsLevelsAsText(t *testing.T) {
	s := openSampleTeam(t)
	tm := s.team
	rows, cols := tm.tableSize()
	if rows != 8 || cols != 36 {
		t.Fatalf("heatmap %dx%d, want 8 members x 36 FCI items", rows, cols)
	}
	for col := 0; col < 5; col++ {
		cell := tm.newCell()
		tm.updateCell(widget.TableCellID{Row: 0, Col: col}, cell)
		text := cell.(*fyne.Container).Objects[1].(*canvas.Text).Text
		r, ok := tm.view.Ratings.Get(model.PersonID(tm.view.Members[0].ID), model.ItemID(tm.cols[col].Item.ID))
		want := "–"
		if ok {
			want = strconv.Itoa(r.Level)
		}
		if !strings.HasPrefix(text, want) {
			t.Errorf("cell (0,%d) shows %q; want the level %q as text", col, text, want)
		}
	}
}

func TestWorkshopDisplayHidesNamesAndSmallFigures(t *testing.T) {
	s := openSampleTeam(t)
	tm := s.team
	name := tm.view.Members[0].Name
	if got := tm.roster.Label(tm.view.Members[0].ID); got != name {
		t.Fatalf("normal display label %q, want the name", got)
	}
	test.Tap(tm.mode)
	if !tm.workshopOn() {
		t.Fatal("the workshop button did not switch to workshop display")
	}
	// By default no row is a person: one row per level, counting members.
	levels := len(tm.view.Framework.Scale.Levels)
	if rows, _ := tm.tableSize(); rows != levels+1 {
		t.Fatalf("workshop heatmap has %d rows, want %d levels and not rated", rows, levels+1)
	}
	for r := 0; r <= levels; r++ {
		if got := tm.memberLabel(r); strings.HasPrefix(got, "Member ") {
			t.Errorf("workshop row %d is a person (%q) before individual rows were asked for", r, got)
		}
	}
	cell := tm.newCell()
	total := 0
	for r := 0; r <= levels; r++ {
		tm.updateCell(widget.TableCellID{Row: r, Col: 0}, cell)
		text := strings.TrimSuffix(cell.(*fyne.Container).Objects[1].(*canvas.Text).Text, " ↓")
		if text != "" {
			n, err := strconv.Atoi(text)
			if err != nil {
				t.Fatalf("distribution cell %q is not a count", text)
			}
			total += n
		}
	}
	if total != len(tm.view.Members) {
		t.Errorf("the first item's counts add up to %d, want the %d members", total, len(tm.view.Members))
	}
	// Individual rows need their own confirmation.
	test.Tap(tm.rowsBtn)
	if tm.display.Individual {
		t.Fatal("individual rows came without a confirmation")
	}
	confirmTop(t, s, true)
	if !tm.display.Individual {
		t.Fatal("confirming did not show individual rows")
	}
	for i := range tm.view.Members {
		if got := tm.memberLabel(i); strings.Contains(got, "fictional") || !strings.HasPrefix(got, "Member ") {
			t.Errorf("workshop label %q", got)
		}
	}
	compTexts := textsOf(tm.tabs.Items[0].Content)
	comp := strings.Join(compTexts, "\n")
	// The walk reads the charts' own text, drawn or not.
	if !slices.Contains(compTexts, "Clinical disciplines, total") {
		t.Fatalf("the walk does not see the composition chart's text:\n%s", comp)
	}
	for _, m := range tm.view.Members {
		if strings.Contains(comp, m.Name) {
			t.Errorf("%s shows in the workshop composition:\n%s", m.Name, comp)
		}
	}
	// Every discipline in the sample has one member: none is named or
	// counted, on the charts or in their text.
	if !strings.Contains(comp, "Disciplines with fewer than 3 members are not shown") {
		t.Errorf("small discipline counts are not suppressed:\n%s", comp)
	}
	for _, d := range model.Disciplines {
		for _, x := range compTexts {
			if x == d.Label() || strings.HasPrefix(x, "1 member") {
				t.Errorf("the workshop composition shows %q (the one %s):\n%s", x, d.Label(), comp)
			}
		}
	}
	tm.minEntry.SetText("9")
	tm.setMinPeople()
	if _, cols := tm.tableSize(); cols != 0 {
		t.Errorf("with a threshold of 9 for 8 people the workshop heatmap still shows %d item columns", cols)
	}
	for _, m := range tm.measures {
		if line := tm.measureLine(m); !strings.HasPrefix(line, "[hidden]") {
			t.Errorf("with a threshold of 9 people for an 8-person team, %q is still shown", line)
			break
		}
	}
	// Leaving workshop display needs a deliberate confirmation.
	test.Tap(tm.mode)
	if !tm.workshopOn() {
		t.Error("one tap left workshop display without confirmation")
	}
	tm.setWorkshop(false)
	if tm.roster.Label(tm.view.Members[0].ID) != name {
		t.Error("names did not come back after leaving workshop display")
	}
}

func TestTeamMeasuresSayWhatTheyRestOn(t *testing.T) {
	s := openSampleTeam(t)
	tm := s.team
	var fragile, uncovered bool
	for _, m := range tm.measures {
		line := tm.measureLine(m)
		if !strings.Contains(line, "rated by") {
			t.Fatalf("measure line without its base: %q", line)
		}
		fragile = fragile || strings.Contains(line, "FRAGILE")
		uncovered = uncovered || strings.Contains(line, "NOT COVERED")
	}
	if !fragile || !uncovered {
		t.Errorf("sample team should show fragile (%v) and uncovered (%v) items", fragile, uncovered)
	}
	if common := richText(tm.common); !strings.Contains(common, "Common gaps") || !strings.Contains(common, "Single points of failure") {
		t.Errorf("common gaps panel:\n%s", common)
	}
	tm.sortBy.SetSelected(sortGap)
	if tm.cols[0].BelowShare < tm.cols[len(tm.cols)-1].BelowShare {
		t.Error("sorting by gap did not put the largest share below target first")
	}
}

func TestHeatmapCellShowsTheRatingsEvidence(t *testing.T) {
	s := openSampleTeam(t)
	tm := s.team
	// Find a rating with evidence in the sample team.
	for r, mi := range tm.rows {
		m := tm.view.Members[mi]
		for c, col := range tm.cols {
			rt, ok, err := s.ws.LatestRating(context.Background(), m.ID, tm.view.Framework.Ref, col.Item.ID)
			if err != nil || !ok || rt.Evidence == "" {
				continue
			}
			tm.showCell(widget.TableCellID{Row: r, Col: c})
			top := s.win.Canvas().Overlays().Top()
			if top == nil {
				t.Fatal("selecting a cell showed no dialog")
			}
			if markup := test.RenderObjectToMarkup(top); !strings.Contains(markup, "Evidence: ") {
				t.Errorf("the cell dialog does not show the evidence %q", rt.Evidence)
			}
			return
		}
	}
	t.Fatal("no rating with evidence in the sample team")
}

func TestTeamActionOwnersAreListedByLabelNotByName(t *testing.T) {
	s := openSampleTeam(t)
	tm := s.team
	test.Tap(tm.mode)
	tm.editAction(model.Action{Status: model.Planned})
	top := s.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no action dialog")
	}
	owner := findSelect(top, "The whole team")
	if owner == nil {
		t.Fatal("no For list in the team action dialog")
	}
	want := []string{"The whole team"}
	for k := range tm.view.Members {
		want = append(want, gap.MemberLabel(k))
	}
	if !slices.Equal(owner.Options, want) {
		t.Errorf("For list %q\nwant %q (by label, not by the names behind them)", owner.Options, want)
	}
	all := strings.Join(windowTexts(s.win), "\n")
	for _, m := range tm.view.Members {
		if strings.Contains(all, m.Name) {
			t.Errorf("the team action dialog shows %q", m.Name)
		}
	}
}

// confirmTop answers the dialog on top of the window: its confirm button
// (the one with high importance) or dismiss.
func confirmTop(t *testing.T, s *Shell, ok bool) {
	t.Helper()
	top := s.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog to answer")
	}
	var confirm, dismiss *widget.Button
	walk(top, func(o fyne.CanvasObject) {
		if b, is := o.(*widget.Button); is {
			if b.Importance == widget.HighImportance {
				confirm = b
			} else if dismiss == nil {
				dismiss = b
			}
		}
	})
	b := dismiss
	if ok {
		b = confirm
	}
	if b == nil {
		t.Fatalf("the dialog has no button to answer %v with", ok)
	}
	test.Tap(b)
}
