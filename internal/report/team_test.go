package report

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"gapwise/assets"
	"gapwise/internal/gap"
	"gapwise/internal/model"
)

// teamPeople is a mixed team of eight, by name, with names no label or
// framework text contains, so a workshop edition can be searched for them.
var teamPeople = []model.Person{
	{ID: "p-1", Name: "Aoife Byrne", Discipline: model.Nurse, Role: "Chief nursing information officer", InformaticsWTE: 0.6},
	{ID: "p-2", Name: "Grace Okafor", Discipline: model.Doctor, Role: "Chief clinical information officer", InformaticsWTE: 0.4},
	{ID: "p-3", Name: "Kwame Mensah", Discipline: model.Pharmacist, Role: "Digital medicines lead", InformaticsWTE: 0.5},
	{ID: "p-4", Name: "Mohammed Al-Farsi", Discipline: model.Nurse, Role: "Clinical safety officer", InformaticsWTE: 0.3},
	{ID: "p-5", Name: "Priya Raman", Discipline: model.AHP, Role: "Physiotherapist, EPR champion", InformaticsWTE: 0.2},
	{ID: "p-6", Name: "Dr Siân O’Connor", Discipline: model.Doctor, Role: "Consultant, digital lead for surgery", InformaticsWTE: 0.2},
	{ID: "p-7", Name: "Tomasz Wiśniewski", Discipline: model.NonClinical, Role: "Information analyst", InformaticsWTE: 1.0},
	{ID: "p-8", Name: personName, Discipline: model.Nurse, Role: "Ward manager, new to the team", InformaticsWTE: 0.1},
}

// nameParts are the words of every member's name, for the workshop check.
func nameParts(people []model.Person) []string {
	var out []string
	for _, p := range people {
		out = append(out, p.Name)
		for _, w := range strings.Fields(p.Name) {
			if len([]rune(w)) > 3 { // "Dr" is no name
				out = append(out, w)
			}
		}
	}
	return out
}

// teamFor rates the framework's items for each person by a fixed formula:
// the last person has no assessment, a few ratings are left out, and the
// last outermost group is rated by the first two people only. Targets are
// set on most items.
func teamFor(f *model.Framework, people []model.Person, workshop bool) TeamInput {
	top := topGroups(f)
	lastGroup := ""
	for _, g := range f.Groups {
		if g.Parent == "" {
			lastGroup = g.ID
		}
	}
	var mr []gap.MemberRatings
	for pi, p := range people {
		var rs []model.Rating
		for ii, it := range f.Items {
			if pi == len(people)-1 || (pi+ii)%7 == 3 {
				continue
			}
			if g := top[it.Group]; g != nil && g.ID == lastGroup && pi > 1 {
				continue
			}
			lo, hi := it.Levels[0], it.Levels[len(it.Levels)-1]
			lvl := lo + (pi*3+ii*5+pi*ii)%(hi-lo+2)
			if lvl > hi {
				lvl = 0
			}
			r := model.Rating{Item: it.ID, Level: lvl, Confidence: 3, Evidence: "Evidence written by " + p.Name, Interest: (pi+ii)%5 == 1}
			rs = append(rs, r)
		}
		mr = append(mr, gap.MemberRatings{PersonID: p.ID, Ratings: rs})
	}
	var targets []model.Target
	for ii, it := range f.Items {
		if ii%9 == 4 {
			continue
		}
		hi := it.Levels[len(it.Levels)-1]
		targets = append(targets, model.Target{Item: it.ID, Level: min(hi, it.Levels[0]+2+ii%3), Source: gap.ManualSource})
	}
	actions := actionsFor(f, 3)
	if len(people) > 2 {
		actions[0].Owner = people[2].ID
		actions[0].Evidence = "Shadowed " + people[2].Name + " at the medicines optimisation board."
	}
	return TeamInput{
		Meta:        meta(f, ""),
		Team:        model.Team{ID: "t-1", Name: "Digital clinical safety team – St Mary’s", Framework: f.Ref},
		Members:     people,
		Ratings:     gap.TeamRatingsOf(f, mr),
		Targets:     targets,
		Composition: gap.TeamComposition(people),
		Measures:    gap.MeasureTeam(f, nil, mr, targets),
		Actions:     actions,
		Display:     displayFor(workshop),
	}
}

// displayFor is the named edition, or the workshop edition with
// per-person rows (the heatmap tests read them).
func displayFor(workshop bool) gap.Display {
	if workshop {
		return gap.Display{Workshop: true, MinPeople: gap.DefaultMinPeople, Individual: true}
	}
	return gap.NamedDisplay()
}

// manyPeople makes n members with distinct names, in name order.
func manyPeople(n int) []model.Person {
	out := make([]model.Person, n)
	for i := range out {
		out[i] = model.Person{
			ID:             fmt.Sprintf("p-%03d", i+1),
			Name:           fmt.Sprintf("Kestrel Quill%03d", i+1),
			Discipline:     model.Disciplines[(i*7)%len(model.Disciplines)],
			Role:           "Clinical informatics fellow",
			InformaticsWTE: float64(i%5) / 10,
		}
	}
	return out
}

func teamDoc(in TeamInput) func(*bytes.Buffer) error {
	return func(w *bytes.Buffer) error { return TeamPDF(w, in) }
}

func TestTeamGolden(t *testing.T) {
	for _, g := range []struct {
		name string
		in   TeamInput
	}{
		{"team_named", teamFor(fciFramework(), teamPeople, false)},
		{"team_workshop", workshopDefault(teamFor(fciFramework(), teamPeople, true))},
	} {
		t.Run(g.name, func(t *testing.T) {
			got := render(t, g.name, teamDoc(g.in))
			again := render(t, g.name, teamDoc(g.in))
			if !bytes.Equal(got, again) {
				t.Fatal("two renders of the same team report differ")
			}
			path := filepath.Join("testdata", g.name+".pdf")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to make it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (%d bytes, want %d); if the change is meant, run go test -update and look at the PDF", g.name, path, len(got), len(want))
			}
		})
	}
}

// TestTeamFixture makes sure the fixture exercises what the text tests
// look for: fragile items that are shown, items rated by too few people,
// and a discipline with fewer than three members.
func TestTeamFixture(t *testing.T) {
	in := teamFor(fciFramework(), teamPeople, true)
	fragile, few := 0, 0
	for _, m := range in.Measures.Items {
		if m.Fragile && m.Rated >= 3 {
			fragile++
		}
		if m.Rated < 3 && m.Rated > 0 {
			few++
		}
	}
	if fragile == 0 || few == 0 {
		t.Fatalf("fixture has %d shown fragile items and %d items rated by one or two: want some of each", fragile, few)
	}
	if len(in.Measures.CommonGaps) == 0 {
		t.Fatal("fixture has no common gaps")
	}
}

// workshopDefault is in as the workshop edition people get by default:
// counts per level, no individual rows.
func workshopDefault(in TeamInput) TeamInput {
	in.Display = gap.WorkshopDisplay(gap.DefaultMinPeople)
	return in
}

// TestTeamWorkshopDistribution: by default the workshop edition has no row
// for any person, labelled or not: its heatmap counts members per level.
func TestTeamWorkshopDistribution(t *testing.T) {
	in := workshopDefault(teamFor(fciFramework(), teamPeople, true))
	pdf := render(t, "team_workshop_distribution", teamDoc(in))
	for _, layout := range []bool{false, true} {
		pages := pageTexts(t, pdf, layout)
		raw := strings.Join(pages, "\n")
		all := flat(raw)
		for _, name := range nameParts(teamPeople) {
			if strings.Contains(raw, name) || strings.Contains(all, name) {
				t.Errorf("workshop edition (layout %v) shows the name %q", layout, name)
			}
		}
		if strings.Contains(all, "Member A") || strings.Contains(all, "Member B") {
			t.Errorf("the default workshop edition (layout %v) has per-person rows", layout)
		}
		for _, w := range []string{"No row is a person", "members at each level, of 8", "Not rated", "No member is shown one by one"} {
			if !strings.Contains(all, w) {
				t.Errorf("workshop edition (layout %v) lacks %q", layout, w)
			}
		}
	}
	// Each level row names its level, and the counts of a column add up
	// to the team: check on the text layout of the first heatmap page.
	layout := pageTexts(t, pdf, true)
	for _, l := range in.Framework.Scale.Levels {
		want := fmt.Sprintf("%d %s", l.Value, l.Name)
		if !strings.Contains(strings.Join(layout, "\n"), want) {
			t.Errorf("no heatmap row for level %q", want)
		}
	}
}

func TestTeamWorkshopText(t *testing.T) {
	in := teamFor(fciFramework(), teamPeople, true)
	pdf := render(t, "team_workshop", teamDoc(in))
	for _, layout := range []bool{false, true} {
		pages := pageTexts(t, pdf, layout)
		raw := strings.Join(pages, "\n")
		all := flat(raw)
		for _, name := range nameParts(teamPeople) {
			if strings.Contains(raw, name) || strings.Contains(all, name) {
				t.Errorf("workshop edition (layout %v) shows the name %q", layout, name)
			}
		}
		for _, w := range []string{"Evidence written by", "Shadowed", "Owner", "Completion evidence", "Nearest below target", "Met only by"} {
			if strings.Contains(all, w) {
				t.Errorf("workshop edition (layout %v) shows %q", layout, w)
			}
		}
	}
	pages := pageTexts(t, pdf, false)
	all := flat(strings.Join(pages, " "))
	cover := flat(pages[0])
	for _, w := range []string{
		"Team gap report", "Digital clinical safety team – St Mary’s",
		"Workshop edition: names hidden; figures resting on fewer than 3 people are not shown",
		"8 members, 7 with ratings",
	} {
		if !strings.Contains(cover, w) {
			t.Errorf("workshop cover lacks %q", w)
		}
	}
	for _, w := range []string{"Member A", "Member B", "Member H",
		"fewer than 3 ratings: figures not shown", // suppressed coverage rows
		"fewer than 3 people: not shown",          // suppressed disciplines
	} {
		if !strings.Contains(all, w) {
			t.Errorf("workshop edition lacks %q", w)
		}
	}
	// Composition: only the nurses (three) are counted; the smaller
	// disciplines are not named, no discipline's time is shown, and of the
	// sums only the clinical one (seven people): with the whole team's it
	// would give the one non-clinical member's time.
	sec1 := between(all, "1 Team composition", "2 Coverage")
	for _, w := range []string{"Nurse 3 members (38%)", "Disciplines with fewer than 3 members are not shown",
		"Clinical disciplines, total 2.3 WTE · 46% of the benchmark", "Non-clinical, total", "fewer than 3 people: not shown"} {
		if !strings.Contains(sec1, w) {
			t.Errorf("workshop composition lacks %q:\n%s", w, sec1)
		}
	}
	for _, w := range []string{"Doctor", "Pharmacist", "Allied health", "1 WTE", "3.3"} {
		if strings.Contains(sec1, w) {
			t.Errorf("workshop composition shows %q:\n%s", w, sec1)
		}
	}
	inOrder(t, "workshop sections", all, "1 Team composition", "2 Coverage", "3 Single points of failure",
		"4 Common gaps", "5 Who can teach whom", "6 Heatmap", "7 Team actions")
	checkFooters(t, "workshop", pages, "PROVISIONAL", "Licence: No open licence")

	// Suppression: every item rated by one or two people says so in the
	// coverage table, and is in neither the fragile list nor the common gaps.
	layout := flat(strings.Join(pageTexts(t, pdf, true), " "))
	for _, m := range in.Measures.Items {
		if m.Rated >= 3 || (m.Rated == 0 && m.Target == nil) {
			continue
		}
		// A wrapped title may end on the row's next line.
		row := regexp.MustCompile(regexp.QuoteMeta(m.Item.ID) + ` [^:]{0,60}?fewer than 3 ratings: figures not shown`)
		if !row.MatchString(layout) {
			t.Errorf("coverage row of %s does not say it rests on fewer than 3 ratings", m.Item.ID)
		}
	}
	sec3 := between(all, "3 Single points of failure", "4 Common gaps")
	sec4 := between(all, "4 Common gaps", "5 Who can teach whom")
	for _, m := range in.Measures.Items {
		label := itemLabel(m.Item)
		shown := m.Rated >= 3
		if m.Fragile && strings.Contains(sec3, label) != shown {
			t.Errorf("fragile item %s (rated by %d): listed %v, want %v", m.Item.ID, m.Rated, !shown, shown)
		}
		if m.Target != nil && m.Below > 0 && strings.Contains(sec4, label) != shown {
			t.Errorf("common gap %s (rated by %d): listed %v, want %v", m.Item.ID, m.Rated, !shown, shown)
		}
	}
	if !strings.Contains(all, "Items rated by fewer than 3 members are left out of this list in the workshop edition.") {
		t.Error("fragile and common gap lists should say what they leave out")
	}
	// The heatmap leaves out the columns the coverage table suppresses.
	sec5 := between(all, "6 Heatmap", "7 Team actions")
	if !strings.Contains(sec5, "6 items rated by fewer than 3 members are left out, as in the coverage table.") {
		t.Error("the heatmap should say which columns it leaves out")
	}
	if strings.Contains(sec5, "6.1 ") || !strings.Contains(sec5, "5.6 ") {
		t.Error("the heatmap should show items rated by 3 or more and no others")
	}
}

// between is the text from the first from to the next to after it.
func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	s = s[i:]
	if j := strings.Index(s, to); j >= 0 {
		return s[:j]
	}
	return s
}

func TestTeamNamedText(t *testing.T) {
	in := teamFor(fciFramework(), teamPeople, false)
	pages := pageTexts(t, render(t, "team_named", teamDoc(in)), false)
	all := flat(strings.Join(pages, " "))
	if !strings.Contains(flat(pages[0]), "Named edition: not for handing out") {
		t.Error("named cover should warn that it names members")
	}
	for _, p := range teamPeople {
		if !strings.Contains(all, p.Name) {
			t.Errorf("named edition lacks member %q", p.Name)
		}
	}
	if strings.Contains(all, "Member A") || strings.Contains(all, "fewer than 3") {
		t.Error("named edition uses workshop labels or suppression")
	}
	if strings.Contains(all, "Evidence written by") {
		t.Error("the team report should not print rating evidence")
	}
	// Every fragile item names the one member who meets its target.
	sec3 := between(all, "3 Single points of failure", "4 Common gaps")
	n := 0
	for _, m := range in.Measures.Items {
		if !m.Fragile {
			continue
		}
		n++
		var who string
		for _, p := range in.Members {
			if r, ok := in.Ratings.Get(model.PersonID(p.ID), model.ItemID(m.Item.ID)); ok && r.Level >= *m.Target {
				who = fmt.Sprintf("%s, level %d", p.Name, r.Level)
			}
		}
		if i := strings.Index(sec3, itemLabel(m.Item)); i < 0 || !strings.Contains(sec3[i:], who) {
			t.Errorf("fragile item %s does not name %q", m.Item.ID, who)
		}
	}
	if n == 0 {
		t.Fatal("no fragile items in the fixture")
	}
	for _, w := range []string{
		"Met only by", "Nearest below target", "Informatics WTE", "Items rated", "none yet",
		// The benchmark counts the clinical members' 2.3 WTE, not the team's 3.3.
		"Wachter benchmark: 5 WTE, clinical disciplines only", "Clinical disciplines, total", "2.3 WTE (7 members) · 46% of the benchmark",
		"Non-clinical, total", "1 WTE (1 member)", "46% of the Wachter review’s benchmark", "The benchmark counts clinical disciplines only",
		"Pharmacist", "1 member (12%) · 0.5 WTE", "Hatched bar: non-clinical",
		"Owner", "Completion evidence", "Shadowed Kwame Mensah",
	} {
		if !strings.Contains(all, w) {
			t.Errorf("named edition lacks %q", w)
		}
	}
	checkFooters(t, "named", pages, "PROVISIONAL")
}

// TestTeamHeatmapPages: 20 members by 40 items runs over several heatmap
// pages, each with the item headings, the target row and every member.
func TestTeamHeatmapPages(t *testing.T) {
	for _, workshop := range []bool{false, true} {
		f := bigFramework(40)
		people := manyPeople(20)
		in := teamFor(f, people, workshop)
		pages := pageTexts(t, render(t, fmt.Sprintf("team_heatmap_%v", workshop), teamDoc(in)), true)
		checkFooters(t, "heatmap", pages, sfiaAck)
		var heat []int
		for i, p := range pages {
			if strings.Contains(p, "Columns on this page") {
				heat = append(heat, i)
			}
		}
		if len(heat) < 2 {
			t.Fatalf("heatmap on %d pages, want two or more", len(heat))
		}
		seen := map[string]bool{}
		for _, i := range heat {
			p := pages[i]
			fp := flat(p)
			for _, w := range []string{"Member", "Team target", "Category"} {
				if !strings.Contains(fp, w) {
					t.Errorf("heatmap page %d lacks %q", i+1, w)
				}
			}
			roster := in.Display.Roster(in.Team.ID, people)
			for k := range people {
				label := roster.Label(people[k].ID)
				if !strings.Contains(fp, label+" ") {
					t.Errorf("heatmap page %d lacks row %q", i+1, label)
				}
			}
			// The heading row: every item id of the page's key, on one line.
			var ids []string
			key := flat(p[strings.Index(p, "Columns on this page"):])
			if j := strings.Index(key, "7 Team actions"); j >= 0 {
				key = key[:j]
			}
			for _, m := range in.Measures.Items {
				if strings.Contains(key, m.Item.ID+" "+m.Item.Title[:min(10, len(m.Item.Title))]) {
					ids = append(ids, m.Item.ID)
				}
			}
			if len(ids) == 0 {
				t.Errorf("heatmap page %d has no key", i+1)
				continue
			}
			head := ""
			for _, l := range strings.Split(p[:strings.Index(p, "Columns on this page")], "\n") {
				if strings.HasPrefix(strings.TrimSpace(l), "Member ") && strings.Contains(l, ids[0]) {
					head = strings.TrimSpace(flat(l))
				}
			}
			if head != flat("Member "+strings.Join(ids, " ")) {
				t.Errorf("heatmap page %d heading row %q, want the ids %v", i+1, head, ids)
			}
			for _, id := range ids {
				seen[id] = true
			}
		}
		want := 0
		for _, m := range in.Measures.Items {
			if (m.Rated > 0 || m.Target != nil) && (!workshop || m.Rated >= 3) {
				want++
				if !seen[m.Item.ID] {
					t.Errorf("heatmap (workshop %v) lacks item %s", workshop, m.Item.ID)
				}
			}
		}
		if len(seen) != want {
			t.Errorf("heatmap (workshop %v) shows %d items, want %d", workshop, len(seen), want)
		}
		if !strings.Contains(flat(strings.Join(pages, " ")), "↓") {
			t.Error("no below-target marker in the heatmap")
		}
	}
}

// TestTeamLarge: 100 members by 150 items renders the same bytes twice,
// and members who do not fit a page go on with the heading rows repeated.
func TestTeamLarge(t *testing.T) {
	in := teamFor(bigFramework(150), manyPeople(100), false)
	a := render(t, "team_large", teamDoc(in))
	b := render(t, "team_large", teamDoc(in))
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same large team report differ")
	}
	pages := pageTexts(t, a, false)
	cont := 0
	for i, p := range pages {
		fp := flat(p)
		if !strings.Contains(fp, "Columns on this page") {
			continue
		}
		if strings.Contains(fp, "(continued)") {
			cont++
		}
		for _, w := range []string{"Member", "Team target", "Category"} {
			if !strings.Contains(fp, w) {
				t.Errorf("heatmap page %d lacks %q", i+1, w)
			}
		}
	}
	if cont == 0 {
		t.Error("100 members should run onto continued heatmap pages")
	}
}

// TestHeatmapGlyphs: the marks the heatmap prints exist in the embedded
// fonts, so they never print as empty boxes.
func TestHeatmapGlyphs(t *testing.T) {
	for name, font := range map[string][]byte{"regular": assets.FontRegular, "bold": assets.FontBold, "italic": assets.FontItalic} {
		path := filepath.Join(t.TempDir(), name+".ttf")
		if err := os.WriteFile(path, font, 0o644); err != nil {
			t.Fatal(err)
		}
		ttf, err := fpdf.TtfParse(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range "↓–—·’“”…" {
			if _, ok := ttf.Chars[uint16(r)]; !ok {
				t.Errorf("%s font lacks %q", name, r)
			}
		}
	}
}

// TestTeamEdges: an empty team, a team without targets, a team smaller
// than the threshold, and a framework whose item ids are long slugs.
func TestTeamEdges(t *testing.T) {
	f := fciFramework()
	empty := TeamInput{Meta: meta(f, ""), Team: model.Team{Name: "New team"}, Display: gap.WorkshopDisplay(3)}
	all := flat(strings.Join(pageTexts(t, render(t, "team_empty", teamDoc(empty)), false), " "))
	for _, w := range []string{"This team has no members yet.", "No item has a rating or a team target yet.", "Nothing to show yet", "No team actions agreed yet."} {
		if !strings.Contains(all, w) {
			t.Errorf("empty team lacks %q", w)
		}
	}

	small := teamFor(f, teamPeople[:2], true)
	small.Targets = nil
	small.Measures = gap.MeasureTeamRatings(f, nil, small.Ratings, nil)
	all = flat(strings.Join(pageTexts(t, render(t, "team_small", teamDoc(small)), false), " "))
	for _, w := range []string{"rests on too few people to be shown", "No team targets are set yet", "Every item was rated by fewer than 3 members", "No item was rated by 3 or more members"} {
		if !strings.Contains(all, w) {
			t.Errorf("two-member workshop edition lacks %q", w)
		}
	}
	if strings.Contains(all, "WTE") {
		t.Error("a two-member workshop edition shows its informatics time")
	}

	dd := teamFor(ungroupedFramework(), teamPeople, false)
	pages := pageTexts(t, render(t, "team_ddat", teamDoc(dd)), true)
	all = flat(strings.Join(pages, " "))
	if !strings.Contains(all, "12 Incident management") || !strings.Contains(all, "All items") {
		t.Error("a framework with long item ids should number its heatmap columns and key them")
	}

	if err := TeamPDF(io.Discard, TeamInput{}); model.KindOf(err) != model.Invalid {
		t.Errorf("team report without framework: %v, want an invalid-input error", err)
	}
}

// BenchmarkTeamPDF: 100 members by 150 items, the named edition.
func BenchmarkTeamPDF(b *testing.B) {
	in := teamFor(bigFramework(150), manyPeople(100), false)
	in.Generated = time.Date(2026, 5, 4, 14, 30, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		if err := TeamPDF(io.Discard, in); err != nil {
			b.Fatal(err)
		}
	}
}

// An organisation-sized team does not get a heatmap row per member on paper:
// it is counted per level, the report says why, and its length no longer
// grows with the members.
func TestLargeTeamHeatmapCountsMembers(t *testing.T) {
	f := bigFramework(20)
	small := teamFor(f, manyPeople(maxHeatmapMembers), false)
	large := teamFor(f, manyPeople(maxHeatmapMembers+1), false)
	smallPages := pageTexts(t, render(t, "team_rows_small", teamDoc(small)), false)
	largePages := pageTexts(t, render(t, "team_rows_large", teamDoc(large)), false)
	all := flat(strings.Join(largePages, " "))
	for _, want := range []string{"counts them; the spreadsheet export has one row per member", "Not rated", "too many to list here"} {
		if !strings.Contains(all, want) {
			t.Errorf("a %d-member report lacks %q", maxHeatmapMembers+1, want)
		}
	}
	if strings.Contains(flat(strings.Join(smallPages, " ")), "counts them") {
		t.Errorf("a %d-member team's heatmap is counted, not one row per member", maxHeatmapMembers)
	}
	if len(largePages) >= len(smallPages) {
		t.Errorf("%d members: %d pages; %d members: %d pages: a larger team should print a shorter, counted heatmap", maxHeatmapMembers+1, len(largePages), maxHeatmapMembers, len(smallPages))
	}
}

// TestTeamTeachingSection: section 5 says, for every item the display
// shows, what gap.TeachingLines says on the team screen: names in the
// named edition, neutral labels with individual rows, counts only in the
// default workshop edition and for a team too large to list; and nothing
// on an item rated by fewer than the threshold.
func TestTeamTeachingSection(t *testing.T) {
	f := fciFramework()
	big := teamFor(bigFramework(12), manyPeople(maxHeatmapMembers+1), false)
	tests := []struct {
		name     string
		in       TeamInput
		counts   bool // lines are gap.TeachingSummary's
		want     []string
		unwanted []string
	}{
		{"named", teamFor(f, teamPeople, false), false,
			[]string{"Could teach: ", "Suggested: ", "runs a session on", "Interested in becoming the second holder: "}, nil},
		{"workshop individual", teamFor(f, teamPeople, true), false,
			[]string{"Member ", "Could teach: Member", "Members are the neutral labels"}, nil},
		{"workshop", workshopDefault(teamFor(f, teamPeople, true)), true,
			[]string{"could teach · ", "Workshop edition: counts only, naming no one", "members are interested in becoming the second holder"},
			[]string{"Member ", "Could teach:", "Suggested:"}},
		{"organisation", big, true,
			[]string{"could teach · ", fmt.Sprintf("With %d members the report counts them", maxHeatmapMembers+1)},
			[]string{"Could teach:", "Kestrel"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			all := flat(strings.Join(pageTexts(t, render(t, "team_teach_"+tt.name, teamDoc(in)), false), " "))
			sec := between(all, "5 Who can teach whom", "6 Heatmap")
			// Table pages repeat the running head and footers: drop them.
			sec = regexp.MustCompile(`Core Competency Framework.*?Who can teach whom|Skills Framework.*?Who can teach whom`).ReplaceAllString(sec, " ")
			sec = flat(strings.ReplaceAll(sec, " (continued)", ""))
			for _, w := range tt.want {
				if !strings.Contains(sec, w) {
					t.Errorf("section 5 lacks %q:\n%s", w, sec)
				}
			}
			for _, w := range tt.unwanted {
				if strings.Contains(sec, w) {
					t.Errorf("section 5 shows %q", w)
				}
			}
			r := in.Display.Roster(in.Team.ID, in.Members)
			order := in.Ratings.DisplayOrder(r)
			listed := 0
			for i := range in.Measures.Items {
				m := &in.Measures.Items[i]
				tc := gap.Teach(in.Framework, in.Ratings, m, order)
				lines := gap.TeachingLines(in.Display, r, in.Ratings, tc, m)
				if tt.counts {
					lines = gap.TeachingSummary(in.Display, tc, m)
				}
				label := itemLabel(m.Item)
				if len(lines) == 0 {
					if m.Rated > 0 && in.Display.Hides(m.Rated) && strings.Contains(sec, label+" ") {
						t.Errorf("item %s, rated by %d, is listed", m.Item.ID, m.Rated)
					}
					continue
				}
				listed++
				at := strings.Index(sec, label)
				if at < 0 {
					t.Errorf("item %s is not listed", m.Item.ID)
					continue
				}
				for _, l := range lines {
					if !strings.Contains(sec[at:], l) {
						t.Errorf("item %s lacks the line %q", m.Item.ID, l)
					}
				}
			}
			if listed == 0 {
				t.Fatal("the fixture has nothing to teach")
			}
			if in.Display.Workshop {
				for _, name := range nameParts(in.Members) {
					if strings.Contains(all, name) {
						t.Errorf("workshop edition shows the name %q", name)
					}
				}
				for _, p := range in.Members {
					if regexp.MustCompile(`\b` + regexp.QuoteMeta(p.ID) + `\b`).MatchString(all) {
						t.Errorf("workshop edition shows the person id %q", p.ID)
					}
				}
				if strings.Contains(all, "Evidence written by") || strings.Contains(all, "Shadowed") {
					t.Error("workshop edition shows evidence")
				}
			}
		})
	}
}
