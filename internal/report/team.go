package report

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"gapwise/internal/chart"
	"gapwise/internal/gap"
	"gapwise/internal/model"
)

// TeamInput is everything the team gap report prints: the figures the
// team screen shows (workspace.TeamView) and how to show them.
type TeamInput struct {
	Meta
	Team        model.Team
	Members     []model.Person   // in any order: the display's roster orders and labels them
	Ratings     *gap.TeamRatings // members' latest self-assessment ratings
	Targets     []model.Target   // the team targets (the figures use Measures' normalised ones)
	Composition gap.Composition
	Measures    gap.TeamMeasures
	Actions     []model.Action // team actions; none yet prints a sentence saying so

	// Display decides the edition (gap.Display): named, or the workshop
	// edition with neutral labels (the screen's), no evidence, no action
	// owners, and every figure resting on fewer than MinPeople people
	// suppressed.
	Display gap.Display
}

// Section titles of the team report, in order.
var teamSections = []string{
	"Team composition",
	"Coverage",
	"Single points of failure",
	"Common gaps",
	"Who can teach whom",
	"Heatmap",
	"Team actions",
}

// team is a team report being laid out.
type team struct {
	*doc
	in   TeamInput
	f    *model.Framework
	disp gap.Display // the edition
	// personRows: one heatmap row per member. The display allows it, and
	// the team is small enough for paper (maxHeatmapMembers).
	personRows bool
	min        int                     // its threshold
	members    []model.Person          // in the roster's order
	top        map[string]*model.Group // group id -> its outermost group
	items      []*gap.ItemMeasure      // items with a rating or a target, framework order
	idle       int                     // items with neither, counted instead of listed
	heat       []*gap.ItemMeasure      // the heatmap's columns: items, less those suppressed
	cut        int                     // items left out of the heatmap as suppressed
	labels     []string                // row label of each member: name or neutral label
	rows       []heatRowSpec           // the heatmap's rows: members, or levels counting them
	index      map[string]int          // person id -> position in members
	roster     gap.Roster              // the display's order and labels, as on screen
}

// TeamPDF writes the team gap report a CCIO takes to a team workshop: a
// cover, the team's composition against the Wachter benchmark, coverage
// of every item with a rating or a target, single points of failure,
// common gaps, a members x items heatmap and the team's actions.
//
// With in.Display.Workshop set it is the workshop edition to hand out: members
// are "Member A", "Member B" ... (the roster of in.Display, as on screen), no
// evidence or action owner is printed, and any figure resting on fewer
// than in.MinPeople people is replaced by words saying so.
func TeamPDF(w io.Writer, in TeamInput) (err error) {
	defer recoverError(&err)
	title := in.Title
	if title == "" {
		title = "Team gap report"
	}
	if err := in.Display.Validate(); err != nil {
		return err
	}
	running := in.Team.Name
	if in.Display.Workshop {
		running += " · Workshop edition"
	} else {
		running += " · Named edition"
	}
	d, err := newDoc(in.Meta, title, running)
	if err != nil {
		return err
	}
	t := newTeam(d, in)
	t.cover(title)

	d.newPage()
	t.composition()
	t.coverage()
	t.fragile()
	t.commonGaps()
	t.teaching()
	if len(t.heat) > 0 && len(t.members) > 0 {
		d.newPage() // the heatmap starts a page; a sentence saying there is none need not
	}
	t.heatmap()
	t.actions()
	return d.finish(w)
}

func newTeam(d *doc, in TeamInput) *team {
	t := &team{doc: d, in: in, f: in.Framework, disp: in.Display, min: in.Display.MinPeople, index: map[string]int{},
		personRows: in.Display.PersonRows() && len(in.Members) <= maxHeatmapMembers}
	if t.in.Composition.Members == 0 && len(in.Members) > 0 {
		t.in.Composition = gap.TeamComposition(in.Members) // not worked out by the caller
	}
	if t.in.Composition.WachterBenchmark <= 0 {
		t.in.Composition.WachterBenchmark = gap.WachterBenchmark
		t.in.Composition.ShareOfBenchmark = t.in.Composition.TotalWTE / gap.WachterBenchmark
	}
	t.top = topGroups(t.f)
	for i := range in.Measures.Items {
		m := &in.Measures.Items[i]
		if m.Item == nil {
			continue
		}
		if m.Rated == 0 && m.Target == nil {
			t.idle++
			continue
		}
		t.items = append(t.items, m)
		// A column of fewer ratings than the threshold would show what
		// the coverage table suppresses.
		if t.hidden(m.Rated) {
			t.cut++
		} else {
			t.heat = append(t.heat, m)
		}
	}
	r := in.Display.Roster(in.Team.ID, in.Members)
	t.roster = r
	t.members = make([]model.Person, len(r.Order))
	t.labels = make([]string, len(r.Order))
	for k, i := range r.Order {
		t.members[k] = in.Members[i]
		t.index[in.Members[i].ID] = k
		t.labels[k] = orDash(r.Labels[k])
	}
	if t.personRows {
		for k := range t.members {
			t.rows = append(t.rows, heatRowSpec{label: t.labels[k], member: k})
		}
	} else {
		for _, l := range t.f.Scale.Levels {
			t.rows = append(t.rows, heatRowSpec{label: fmt.Sprintf("%d %s", l.Value, l.Name), member: -1, level: l.Value})
		}
		t.rows = append(t.rows, heatRowSpec{label: "Not rated", member: -1, notRated: true})
	}
	return t
}

// heatRowSpec is one heatmap row: a member (named edition, or individual
// rows under neutral labels), or a level of the scale whose cells count
// the members at it (the workshop edition's default).
type heatRowSpec struct {
	label    string
	member   int // index into members; -1 for a level row
	level    int
	notRated bool // the row counting members who did not rate the item
}

// topGroups maps every group id to its outermost group, looked up once per
// report rather than once per cell.
func topGroups(f *model.Framework) map[string]*model.Group {
	top := make(map[string]*model.Group, len(f.Groups))
	for _, g := range f.Groups {
		top[g.ID] = f.TopGroup(g.ID)
	}
	return top
}

// textHeight is the height para takes for text.
func (t *team) textHeight(text, style string, size float64) float64 {
	t.font(style, size, ink)
	return lineHeight(size) * float64(len(t.split(text, contentW)))
}

// maxHeatmapMembers is the most members the report lists, and gives a
// heatmap row each: a team larger than this (an organisation) is counted per
// level instead and its members left to the spreadsheet export, so the
// report stays readable and its size does not grow with the members.
const maxHeatmapMembers = 300

// tableStart is room enough for a table's heading row and first rows.
const tableStart = 22.0

// hidden reports whether a figure resting on n people is suppressed.
func (t *team) hidden(n int) bool { return t.disp.Hides(n) }

// fewer is the words that stand for a suppressed figure.
func (t *team) fewer(what string) string { return fmt.Sprintf("fewer than %d %s", t.min, what) }

// coverageTally counts the items with a team target by where they stand,
// leaving out (and counting) those suppressed in the workshop edition.
type coverageTally struct {
	withTarget, covered, fragile, notCovered, hidden int
}

func (t *team) tally(items []*gap.ItemMeasure) coverageTally {
	var c coverageTally
	for _, m := range items {
		if m.Target == nil {
			continue
		}
		if t.hidden(m.Rated) {
			c.hidden++
			continue
		}
		c.withTarget++
		switch {
		case m.Covered:
			c.covered++
			if m.Fragile {
				c.fragile++
			}
		default:
			c.notCovered++
		}
	}
	return c
}

func (c coverageTally) sentence(t *team) string {
	if c.withTarget == 0 && c.hidden == 0 {
		return "No team targets set yet, so there is no coverage to show"
	}
	s := fmt.Sprintf("%s with a team target: %d covered", model.Plural(c.withTarget, "item", "items"), c.covered)
	if c.fragile > 0 {
		s += fmt.Sprintf(" (%d of them by one member only)", c.fragile)
	}
	s += fmt.Sprintf(", %d not covered", c.notCovered)
	if c.hidden > 0 {
		s += fmt.Sprintf("; %d more rest on %s and are not shown", c.hidden, t.fewer("ratings"))
	}
	return s + "."
}

// assessed counts the members with at least one rating.
func (t *team) assessed() int {
	n := 0
	for _, p := range t.members {
		if t.in.Ratings.Count(p.ID) > 0 {
			n++
		}
	}
	return n
}

func (t *team) cover(title string) {
	in := t.in
	d := t.doc
	d.coverTitle(title, in.Team.Name)
	c := in.Composition
	n := c.Members // people told apart by id
	if n == 0 {
		n = len(in.Members)
	}
	members := fmt.Sprintf("%s, %d with ratings", model.Plural(n, "member", "members"), t.assessed())
	if !t.hidden(c.Members) && c.Disciplines > 0 && t.disp.CompositionFigures(c).Disciplines {
		members += fmt.Sprintf("; %s represented", model.Plural(c.Disciplines, "discipline", "disciplines"))
	}
	targets := "None set yet"
	if n := t.targetCount(); n > 0 {
		targets = fmt.Sprintf("%d of %d items", n, len(in.Measures.Items))
	}
	edition := "Named edition: members are named"
	if in.Display.Workshop {
		edition = "Workshop edition: names hidden"
	}
	pairs := [][2]string{
		{"Team", orDash(in.Team.Name)},
		{"Framework", frameworkText(t.f)},
		{"Members", members},
		{"Team targets", targets},
		{"Coverage", t.tally(t.items).sentence(t)},
		{"Edition", edition},
		{"Generated", d.generatedText()},
	}
	d.keyValues(pairs, 32, bodySize)
	d.down(5)
	if in.Display.Workshop {
		who := "No member is shown one by one: the heatmap counts the members at each level of each item. "
		if in.Display.Individual {
			who = "Members appear as neutral labels (Member A, Member B …), the same on every page and on the team screen. "
		}
		d.noteBox("Workshop edition: names hidden; figures resting on fewer than "+strconv.Itoa(t.min)+" people are not shown",
			who+"No evidence and no action owner is printed. Any figure that rests on fewer than "+strconv.Itoa(t.min)+
				" people is replaced by words saying so.")
	} else {
		d.noteBox("Named edition: not for handing out",
			"This edition names team members and shows who holds each skill. Keep it to those entitled to see it; "+
				"print the workshop edition to share with the team.")
	}
	d.coverNotes(teamSections)
}

// targetCount is how many items in scope have a team target.
func (t *team) targetCount() int {
	n := 0
	for i := range t.in.Measures.Items {
		if t.in.Measures.Items[i].Target != nil {
			n++
		}
	}
	return n
}

// composition prints section 1: members by discipline, informatics time
// against the Wachter benchmark, and (named edition) the member list.
func (t *team) composition() {
	d := t.doc
	c := t.in.Composition
	d.heading(1, teamSections[0], 40)
	if c.Members == 0 {
		d.para("This team has no members yet.", "I", bodySize, ink)
		return
	}
	if t.hidden(c.Members) {
		d.para(fmt.Sprintf("The team has %s: %s. Its composition rests on too few people to be shown in the workshop edition.",
			model.Plural(c.Members, "member", "members"), t.fewer("people")), "", bodySize, ink)
		return
	}
	mix := capital(model.Plural(c.Members, "member", "members"))
	if t.disp.CompositionFigures(c).Disciplines {
		mix += " from " + model.Plural(c.Disciplines, "discipline", "disciplines")
	}
	d.para(mix+". Teams that mix professions fared best in the Faculty of Clinical Informatics’ case studies.", "", bodySize, ink)
	d.down(2)
	// The same charts as the team screen (chart.CompositionCharts): the
	// display decides what they show.
	charts := chart.CompositionCharts(c, t.disp)
	d.barChart(charts[0])
	if f := t.disp.CompositionFigures(c); f.ClinicalWTE {
		d.para(fmt.Sprintf("The team’s clinical members give %s WTE to informatics: %s of the Wachter review’s benchmark of about %s WTE of clinical informaticians for an average-sized trust.",
			wte(c.ClinicalWTE), percent(c.ShareOfBenchmark), chart.WTEText(c.WachterBenchmark)), "", bodySize, ink)
		d.down(1)
	}
	d.para("The review counts people with advanced informatics training; Gapwise compares it with the clinical members’ summed informatics time, so reaching it means the time of about five full-time clinical informaticians. Read it as a rough guide for a trust-wide team, not a standard for a small project team.",
		"", smallSize, muted)
	d.barChart(charts[1])

	if t.disp.Workshop {
		return
	}
	d.subheading("Members", 25)
	if len(t.members) > maxHeatmapMembers {
		d.para(fmt.Sprintf("The team has %d members, too many to list here: the spreadsheet export (gapwise-cli team export, or Export XLSX on the Team screen) has one row per member.", len(t.members)), "", bodySize, ink)
		return
	}
	ml := &table{cols: []column{
		{head: "Name", align: 'L', weight: 1.3},
		{head: "Discipline", align: 'L', fit: true, max: 45},
		{head: "Job role", align: 'L', weight: 1.4},
		{head: "Informatics WTE", align: 'R', fit: true},
		{head: "Items rated", align: 'R', fit: true},
	}}
	scope := len(t.in.Measures.Items)
	for _, p := range t.members {
		n := t.ratedInScope(p.ID)
		rated := cell{text: fmt.Sprintf("%d of %d", n, scope)}
		if n == 0 {
			rated = cell{text: "none yet", style: "I"}
		}
		ml.rows = append(ml.rows, row{cells: []cell{
			{text: orDash(p.Name)}, {text: orDash(p.Discipline.Label())}, {text: orDash(p.Role)}, {text: wte(max(p.InformaticsWTE, 0))}, rated,
		}})
	}
	d.drawTable(ml)
}

// ratedInScope counts a member's ratings of the items in the report.
func (t *team) ratedInScope(id string) int {
	if t.in.Ratings.Count(id) == 0 {
		return 0
	}
	n := 0
	for i := range t.in.Measures.Items {
		if it := t.in.Measures.Items[i].Item; it != nil {
			if _, ok := t.in.Ratings.Get(model.PersonID(id), model.ItemID(it.ID)); ok {
				n++
			}
		}
	}
	return n
}

// coverage prints section 2: every item with a rating or a target, by
// outermost group.
func (t *team) coverage() {
	d := t.doc
	intro := "Each figure rests on the members who rated the item (“rated n of N”); not rated is never counted as 0. " +
		"Median is the middle rated level (the lower of the two middle ones for an even count), Highest the highest. " +
		"Meet and Below count rated members at or above the team target and below it. " +
		"Covered: at least one member meets the target. FRAGILE: exactly one does, a single point of failure. NOT COVERED: no rated member does."
	note := fmt.Sprintf("Levels (%s): %s.", scaleName(t.f), scaleKey(t.f.Scale))
	if t.idle > 0 {
		note += fmt.Sprintf(" %s with neither a rating nor a team target %s not listed.", capital(model.Plural(t.idle, "item", "items")), isAre(t.idle))
	}
	if t.disp.Workshop {
		note += fmt.Sprintf(" Workshop edition: items rated by %s show no figures.", t.fewer("members"))
	}
	d.heading(2, teamSections[1], t.textHeight(intro, "", bodySize)+t.textHeight(note, "", smallSize)+3+tableStart)
	d.para(intro, "", bodySize, ink)
	d.down(1)
	d.para(note, "", smallSize, muted)
	d.down(2)
	if len(t.items) == 0 {
		d.para("No item has a rating or a team target yet.", "I", bodySize, ink)
		return
	}
	if t.cut == len(t.items) {
		d.para(fmt.Sprintf("Every item was rated by %s, so the workshop edition shows no coverage figures.", t.fewer("members")), "I", bodySize, ink)
		return
	}
	tb := &table{cols: []column{
		{head: "Item", align: 'L', weight: 1},
		{head: "Rated", align: 'L', fit: true},
		{head: "Median", align: 'C', fit: true},
		{head: "Highest", align: 'C', fit: true},
		{head: "Target", align: 'C', fit: true},
		{head: "Meet", align: 'C', fit: true},
		{head: "Below", align: 'C', fit: true},
		{head: "Coverage", align: 'L', fit: true},
	}}
	for _, grp := range t.byGroup(t.items) {
		tb.rows = append(tb.rows, row{group: t.groupHeading(grp)})
		for _, m := range grp.items {
			tb.rows = append(tb.rows, t.coverageRow(m))
		}
	}
	d.drawTable(tb)
}

// itemGroup is the items of one outermost group, in framework order.
type itemGroup struct {
	group *model.Group // nil for items without a group
	items []*gap.ItemMeasure
}

// byGroup sorts items into their outermost groups, in the framework's
// order of groups, with items outside any group last.
func (t *team) byGroup(items []*gap.ItemMeasure) []itemGroup {
	var out []itemGroup
	at := map[*model.Group]int{}
	for i := range t.f.Groups {
		if g := &t.f.Groups[i]; g.Parent == "" {
			at[g] = len(out)
			out = append(out, itemGroup{group: g})
		}
	}
	var rest []*gap.ItemMeasure
	for _, m := range items {
		k, ok := at[t.top[m.Item.Group]]
		if !ok {
			rest = append(rest, m)
			continue
		}
		out[k].items = append(out[k].items, m)
	}
	kept := out[:0]
	for _, g := range out {
		if len(g.items) > 0 {
			kept = append(kept, g)
		}
	}
	if len(rest) > 0 {
		kept = append(kept, itemGroup{items: rest})
	}
	return kept
}

func (t *team) groupTitle(g itemGroup) string {
	if g.group != nil {
		return g.group.Title
	}
	return ungroupedTitle(len(t.f.Groups) == 0)
}

// groupHeading names a group with its coverage figures (over the items
// shown).
func (t *team) groupHeading(g itemGroup) string {
	c := t.tally(g.items)
	var parts []string
	if c.notCovered > 0 {
		parts = append(parts, fmt.Sprintf("%d not covered", c.notCovered))
	}
	if c.fragile > 0 {
		parts = append(parts, fmt.Sprintf("%d fragile", c.fragile))
	}
	if n := c.covered - c.fragile; n > 0 {
		parts = append(parts, fmt.Sprintf("%d covered", n))
	}
	if len(parts) == 0 {
		return t.groupTitle(g)
	}
	return t.groupTitle(g) + " — " + strings.Join(parts, ", ")
}

func (t *team) coverageRow(m *gap.ItemMeasure) row {
	item := cell{text: itemLabel(m.Item)}
	if t.hidden(m.Rated) {
		return row{span: true, cells: []cell{item, {text: t.fewer("ratings") + ": figures not shown", style: "I"}}}
	}
	rated := cell{text: fmt.Sprintf("%d of %d", m.Rated, m.Members)}
	tgt, meet, below := cell{text: dash}, cell{text: dash}, cell{text: dash}
	status := cell{text: "no target", style: "I"}
	if m.Target != nil {
		tgt = cell{text: strconv.Itoa(*m.Target)}
		meet = cell{text: strconv.Itoa(m.Meeting)}
		below = cell{text: strconv.Itoa(m.Below)}
		status = cell{text: coverageWord(m)}
		if !m.Covered || m.Fragile {
			status.style = "B"
		}
	}
	return row{cells: []cell{item, rated, {text: levelOrDash(m.Median)}, {text: levelOrDash(m.Max)}, tgt, meet, below, status}}
}

// coverageWord says where an item with a team target stands.
func coverageWord(m *gap.ItemMeasure) string {
	switch {
	case m.Fragile:
		return "FRAGILE"
	case m.Covered:
		return "covered"
	}
	return "NOT COVERED"
}

func levelOrDash(v *int) string {
	if v == nil {
		return "–"
	}
	return strconv.Itoa(*v)
}

// fragile prints section 3: the items exactly one member meets, with that
// member named in the named edition.
func (t *team) fragile() {
	d := t.doc
	var list []*gap.ItemMeasure
	left := 0
	for _, m := range t.items {
		if !m.Fragile {
			continue
		}
		if t.hidden(m.Rated) {
			left++
			continue
		}
		list = append(list, m)
	}
	intro := "Items that exactly one member meets the team target on: if that person leaves or is away, the team no longer covers the item."
	if t.disp.Workshop {
		intro += " The workshop edition does not say who."
	} else {
		intro += " Nearest below target names the members with the highest level under the target, who could be developed to share the load."
	}
	if t.targetCount() == 0 {
		d.heading(3, teamSections[2], 15)
		d.para("No team targets are set yet, so no item can be a single point of failure.", "I", bodySize, ink)
		return
	}
	d.heading(3, teamSections[2], t.textHeight(intro, "", bodySize)+tableStart)
	d.para(intro, "", bodySize, ink)
	if left > 0 {
		d.down(1)
		d.para(fmt.Sprintf("Items rated by %s are left out of this list in the workshop edition.", t.fewer("members")), "I", smallSize, muted)
	}
	d.down(2)
	if len(list) == 0 {
		d.para("No item rests on exactly one member.", "I", bodySize, ink)
		return
	}
	tb := &table{cols: []column{
		{head: "Item", align: 'L', weight: 1},
		{head: "Target", align: 'C', fit: true},
		{head: "Rated", align: 'L', fit: true},
	}}
	if !t.disp.Workshop {
		tb.cols = append(tb.cols,
			column{head: "Met only by", align: 'L', weight: 0.75},
			column{head: "Nearest below target", align: 'L', weight: 0.85})
	}
	for _, m := range list {
		cells := []cell{{text: itemLabel(m.Item)}, {text: strconv.Itoa(*m.Target)}, {text: fmt.Sprintf("%d of %d", m.Rated, m.Members)}}
		if !t.disp.Workshop {
			who, nearest := t.whoMeets(m)
			cells = append(cells, cell{text: who, style: "B"}, cell{text: nearest})
		}
		tb.rows = append(tb.rows, row{cells: cells})
	}
	d.drawTable(tb)
}

// whoMeets names the member at or above an item's target (with their
// level) and the members nearest below it.
func (t *team) whoMeets(m *gap.ItemMeasure) (who, nearest string) {
	var meets []string
	best := -1
	var near []string
	for i, p := range t.members {
		if t.index[p.ID] != i {
			continue
		}
		r, ok := t.in.Ratings.Get(model.PersonID(p.ID), model.ItemID(m.Item.ID))
		if !ok {
			continue
		}
		switch {
		case r.Level >= *m.Target:
			meets = append(meets, fmt.Sprintf("%s, level %d", t.labels[i], r.Level))
		case r.Level > best:
			best, near = r.Level, []string{t.labels[i]}
		case r.Level == best:
			near = append(near, t.labels[i])
		}
	}
	who = dash
	if len(meets) > 0 {
		who = strings.Join(meets, "; ")
	}
	nearest = dash
	if len(near) > 0 {
		const most = 3
		nearest = fmt.Sprintf("level %d: %s", best, strings.Join(near[:min(len(near), most)], "; "))
		if len(near) > most {
			nearest += fmt.Sprintf(" and %d more", len(near)-most)
		}
	}
	return who, nearest
}

// commonGaps prints section 4: items with members below target, by the
// share of rated members below.
func (t *team) commonGaps() {
	d := t.doc
	intro := "Items on which rated members are below the team target, the most widespread first: ranked by the share of the rated members below target, then by how many. Each share says how many people it rests on."
	if t.targetCount() == 0 {
		d.heading(4, teamSections[3], 15)
		d.para("No team targets are set yet, so there are no gaps to rank.", "I", bodySize, ink)
		return
	}
	d.heading(4, teamSections[3], t.textHeight(intro, "", bodySize)+tableStart)
	var list []*gap.ItemMeasure
	left := 0
	for _, m := range t.in.Measures.CommonGaps {
		if m == nil || m.Item == nil {
			continue
		}
		if t.hidden(m.Rated) {
			left++
			continue
		}
		list = append(list, m)
	}
	d.para(intro, "", bodySize, ink)
	if left > 0 {
		d.down(1)
		d.para(fmt.Sprintf("Items rated by %s are left out of this list in the workshop edition.", t.fewer("members")), "I", smallSize, muted)
	}
	d.down(2)
	if len(list) == 0 {
		d.para("No rated member is below a team target.", "I", bodySize, ink)
		return
	}
	tb := &table{cols: []column{
		{head: "#", align: 'R', fit: true},
		{head: "Item", align: 'L', weight: 1},
		{head: "Target", align: 'C', fit: true},
		{head: "Below target", align: 'L', fit: true},
		{head: "Share below", align: 'R', fit: true},
		{head: "Median", align: 'C', fit: true},
		{head: "Coverage", align: 'L', fit: true},
	}}
	for i, m := range list {
		status := cell{text: coverageWord(m)}
		if !m.Covered || m.Fragile {
			status.style = "B"
		}
		tb.rows = append(tb.rows, row{cells: []cell{
			{text: strconv.Itoa(i + 1)},
			{text: itemLabel(m.Item)},
			{text: strconv.Itoa(*m.Target)},
			{text: fmt.Sprintf("%d of %d rated", m.Below, m.Rated)},
			{text: percent(m.BelowShare), style: "B"},
			{text: levelOrDash(m.Median)},
			status,
		}})
	}
	d.drawTable(tb)
}

// teaching prints section 5: per item, who could teach it, who wants to
// learn it and the suggested sessions, in the words of the team screen's
// "Who can teach whom" tab (gap.TeachingLines, for the report's display
// and roster): counts only in the plain workshop edition, nothing on an
// item resting on fewer than the threshold. A team too large to list its
// members (maxHeatmapMembers) gets the counts (gap.TeachingSummary), so the
// section stays a page or two whatever the team's size.
func (t *team) teaching() {
	d := t.doc
	intro := "Per item, who could teach it, who wants to learn it, and the sessions that would pair them, as on the team screen’s Who can teach whom tab. " +
		"A teacher meets the team target (without one: the team’s highest level, if it reaches the middle of the item’s levels); " +
		"a learner ticked “I want to develop this” or is below the target; each learner is paired with the teacher furthest on. " +
		"Sessions the team agrees become team actions (section 7)."
	var note string
	lists := true
	switch {
	case t.disp.Workshop && !t.disp.Individual:
		note = fmt.Sprintf("Workshop edition: counts only, naming no one; items rated by %s are left out.", t.fewer("members"))
		lists = false
	case len(t.members) > maxHeatmapMembers:
		note = fmt.Sprintf("With %d members the report counts them; the team screen’s Who can teach whom tab and the Teaching sheet of the spreadsheet export list who.", len(t.members))
		lists = false
	case t.disp.Workshop:
		note = fmt.Sprintf("Members are the neutral labels of the heatmap and the team screen; items rated by %s are left out.", t.fewer("members"))
	}
	type entry struct {
		m     *gap.ItemMeasure
		lines []string
	}
	var list []entry
	if t.in.Ratings != nil {
		order := t.in.Ratings.DisplayOrder(t.roster)
		for _, m := range t.items {
			if m.Rated == 0 {
				continue
			}
			if t.hidden(m.Rated) {
				continue
			}
			tc := gap.Teach(t.f, t.in.Ratings, m, order)
			var lines []string
			if lists {
				lines = gap.TeachingLines(t.disp, t.roster, t.in.Ratings, tc, m)
			} else {
				lines = gap.TeachingSummary(t.disp, tc, m)
			}
			if len(lines) > 0 {
				list = append(list, entry{m, lines})
			}
		}
	}
	keep := t.textHeight(intro, "", bodySize) + tableStart
	if note != "" {
		keep += t.textHeight(note, "", smallSize) + 1
	}
	d.heading(5, teamSections[4], keep)
	d.para(intro, "", bodySize, ink)
	if note != "" {
		d.down(1)
		d.para(note, "", smallSize, muted)
	}
	d.down(2)
	if len(list) == 0 {
		d.para("Nobody could teach an item yet, and nobody has asked to learn one.", "I", bodySize, ink)
		return
	}
	tb := &table{cols: []column{
		{head: "Item", align: 'L', weight: 1},
		{head: "Who can teach whom", align: 'L', weight: 2.4},
	}}
	var items []*gap.ItemMeasure
	lines := map[*gap.ItemMeasure][]string{}
	for _, e := range list {
		items = append(items, e.m)
		lines[e.m] = e.lines
	}
	for _, grp := range t.byGroup(items) {
		tb.rows = append(tb.rows, row{group: t.groupTitle(grp)})
		for _, m := range grp.items {
			item := cell{text: itemLabel(m.Item)}
			if m.Fragile {
				item.text += "\nFRAGILE"
			}
			tb.rows = append(tb.rows, row{cells: []cell{item, {text: strings.Join(lines[m], "\n")}}})
		}
	}
	d.drawTable(tb)
}

// actions prints section 7: the team's actions. The workshop edition
// leaves out owners and completion evidence.
func (t *team) actions() {
	d := t.doc
	d.heading(7, teamSections[6], 25)
	if len(t.in.Actions) == 0 {
		d.para("No team actions agreed yet.", "I", bodySize, ink)
		return
	}
	when := "Due and status"
	if !t.disp.Workshop {
		when = "Owner, due date and status"
	}
	tb := &table{cols: []column{
		{head: "#", align: 'R', fit: true},
		{head: "Objective", align: 'L', weight: 2.6},
		{head: "Items addressed", align: 'L', weight: 2},
		{head: "Activity", align: 'L', fit: true, max: 22},
		{head: when, align: 'L', fit: true, max: 32},
	}}
	if !t.disp.Workshop {
		tb.cols = append(tb.cols, column{head: "Completion evidence", align: 'L', weight: 2.6})
	}
	for i, a := range t.in.Actions {
		due := "Due " + isoDateText(a.Due)
		if strings.TrimSpace(a.Due) == "" {
			due = "No due date"
		}
		due += "\n" + statusText(a.Status)
		if !t.disp.Workshop {
			due = t.owner(a.Owner) + "\n" + due
		}
		cells := []cell{{text: strconv.Itoa(i + 1)}, {text: orDash(a.Objective)}, {text: itemsText(t.f, a.Items)}, {text: orDash(a.Activity)}, {text: due}}
		if !t.disp.Workshop {
			cells = append(cells, cell{text: orDash(a.Evidence)})
		}
		tb.rows = append(tb.rows, row{cells: cells})
	}
	d.drawTable(tb)
}

// owner names an action's owner: a member, or the whole team.
func (t *team) owner(id string) string {
	if strings.TrimSpace(id) == "" {
		return "Whole team"
	}
	if i, ok := t.index[id]; ok {
		return t.labels[i]
	}
	return "Not a member"
}

func percent(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return dash
	}
	return strconv.FormatFloat(f*100, 'f', 0, 64) + "%"
}

func wte(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return dash
	}
	return strconv.FormatFloat(f, 'f', 1, 64)
}

// Heatmap geometry in millimetres and points.
const (
	heatSize    = 7.0 // cell level and member label
	heatHead    = 6.5 // item column heading
	heatBand    = 6.0 // group band
	heatKeySize = 6.5
	heatRowH    = 4.6
	heatMinCell = 7.2
	heatMaxID   = 11.0 // a longer item id makes columns numbered
)

// heatLayout is how the heatmap is cut into pages.
type heatLayout struct {
	labelW, cellW float64
	perPage       int  // item columns a page
	numbered      bool // columns headed by number (ids too long), with the key
}

func (t *team) heatLayout() heatLayout {
	d := t.doc
	var lay heatLayout
	d.font("B", heatHead, ink)
	idW := 0.0
	for _, m := range t.heat {
		idW = max(idW, d.pdf.GetStringWidth(m.Item.ID))
	}
	if idW > heatMaxID {
		lay.numbered = true
		idW = d.pdf.GetStringWidth(strconv.Itoa(len(t.heat)))
	}
	d.font("", heatSize, ink)
	lay.cellW = max(heatMinCell, idW+1.6, d.pdf.GetStringWidth("88↓")+1.2)
	labelW := d.pdf.GetStringWidth("Team target")
	for _, r := range t.rows {
		labelW = max(labelW, d.pdf.GetStringWidth(r.label))
	}
	lay.labelW = min(labelW+2*padX+0.5, 46)
	lay.perPage = max(1, int((contentW-lay.labelW)/lay.cellW))
	return lay
}

// heatmap prints section 6: members x items, a page (or more, when the
// members do not fit) for each chunk of items, with the member labels,
// the group band, the item headings and the team targets on every page.
func (t *team) heatmap() {
	d := t.doc
	d.heading(6, teamSections[5], 60)
	if len(t.members) == 0 || len(t.items) == 0 {
		d.para("Nothing to show yet: the heatmap needs members and items with a rating or a team target.", "I", bodySize, ink)
		return
	}
	if len(t.heat) == 0 {
		d.para(fmt.Sprintf("No item was rated by %d or more members, so the workshop edition shows no heatmap.", t.min), "I", bodySize, ink)
		return
	}
	lay := t.heatLayout()
	t.heatLegend()

	// Items are cut into chunks of even size, and the cells widened to
	// fill the page.
	n := len(t.heat)
	chunks := (n + lay.perPage - 1) / lay.perPage
	per := (n + chunks - 1) / chunks
	lay.cellW = min((contentW-lay.labelW)/float64(per), 2*heatMinCell)
	for c := 0; c*per < n; c++ {
		from, to := c*per, min(n, (c+1)*per)
		if c > 0 {
			// A small team's chunks share a page when they fit whole.
			whole := 6 + t.heatHeadHeight() + float64(len(t.rows))*heatRowH + t.heatKeyHeight(to-from)
			if d.room(whole) {
				d.down(6)
			} else {
				d.newPage()
			}
		}
		t.heatChunk(lay, from, to, c+1, chunks)
	}
}

// heatLegend explains the cells in words and samples.
func (t *team) heatLegend() {
	d := t.doc
	top := t.f.Scale.Top()
	text := fmt.Sprintf("Each row is a member and each column an item. A cell gives the member’s level (%s, 0 to %d) as a number, on a grey that darkens as the level rises; "+
		"“↓” marks a level below the team target, and “–” means not rated, which is not the same as 0. The Team target row gives the target of each item (blank: none).",
		scaleName(t.f), top)
	if !t.personRows {
		text = fmt.Sprintf("No row is a person: each row is a level (%s, 0 to %d) and each column an item. A cell counts the members at that level, on a grey that darkens as the share of the team rises; "+
			"blank is none. The Not rated row counts members who did not rate the item, which is not the same as 0; “↓” marks counts at a level below the team target. The Team target row gives the target of each item (blank: none).",
			scaleName(t.f), top)
		if t.cut > 0 {
			text += fmt.Sprintf(" %s rated by %s %s left out, as in the coverage table.", capital(model.Plural(t.cut, "item", "items")), t.fewer("members"), isAre(t.cut))
		}
		if !t.disp.Workshop {
			text += fmt.Sprintf(" With %d members, one row each would run to hundreds of pages, so the heatmap counts them; the spreadsheet export has one row per member.", len(t.members))
		}
	} else if t.disp.Workshop {
		text += " Members are neutral labels, the same on every page and on the team screen."
		if t.cut > 0 {
			text += fmt.Sprintf(" %s rated by %s %s left out, as in the coverage table.", capital(model.Plural(t.cut, "item", "items")), t.fewer("members"), isAre(t.cut))
		}
	}
	d.para(text, "", bodySize, ink)
	d.down(2)
	if !t.personRows {
		return // the samples below are of levels, not counts
	}
	// Samples: each level, not rated, and below target.
	y := d.y()
	x := marginX
	d.font("", smallSize, muted)
	d.pdf.Text(x, baseline(y+0.8, smallSize), "Key:")
	x += d.pdf.GetStringWidth("Key:") + 2
	sw := 7.0
	sample := func(text string, shade float64, rated bool) {
		d.font("", heatSize, ink)
		t.heatCell(x, y, sw, heatRowH, text, shade, rated)
		t.heatGrid(x, y, sw, 1, 1)
	}
	for v := 0; v <= top; v++ {
		sample(strconv.Itoa(v), chart.LevelShade(v, top), true)
		x += sw + 0.8
	}
	x += 3
	sample("–", 0, false)
	x += sw + 1.5
	d.font("", smallSize, ink)
	d.pdf.Text(x, baseline(y+0.8, smallSize), "not rated")
	x += d.pdf.GetStringWidth("not rated") + 5
	sample("2↓", chart.LevelShade(min(2, top), top), true)
	x += sw + 1.5
	d.font("", smallSize, ink)
	d.pdf.Text(x, baseline(y+0.8, smallSize), "below the team target")
	d.setY(y + heatRowH + 3)
}

// heatCell draws one cell: a grey by shade with its text centred (white on
// dark greys). The font must be set (heatSize); the grid is drawn apart.
func (t *team) heatCell(x, y, w, h float64, text string, shade float64, rated bool) {
	d := t.doc
	if rated && shade > 0 {
		g := int(math.Round(255 - shade*(255-72)))
		d.fillRect(x, y, w, h, rgb{g, g, g})
	}
	c := ink
	switch {
	case !rated:
		c = muted
	case shade > 0.72: // white reads better than ink from about this grey on
		c = rgb{255, 255, 255}
	}
	d.pdf.SetTextColor(c.r, c.g, c.b)
	tw := d.pdf.GetStringWidth(text)
	d.pdf.Text(x+(w-tw)/2, baseline(y+(h-heatSize*ptMM*leading)/2, heatSize), text)
}

// heatGrid rules the cells of a block of rows and columns from (x, y).
func (t *team) heatGrid(x, y, cellW float64, cols, rows int) {
	p := t.pdf
	p.SetLineWidth(0.1)
	p.SetDrawColor(ruleGrey.r, ruleGrey.g, ruleGrey.b)
	w, h := cellW*float64(cols), heatRowH*float64(rows)
	for r := 0; r <= rows; r++ {
		yy := y + float64(r)*heatRowH
		p.Line(x, yy, x+w, yy)
	}
	for c := 0; c <= cols; c++ {
		xx := x + float64(c)*cellW
		p.Line(xx, y, xx, y+h)
	}
}

// heatHeadHeight is the height of a heatmap page's caption and heading
// rows.
func (t *team) heatHeadHeight() float64 { return lineHeight(8.5) + 1.5 + 3*heatRowH }

// heatKeyHeight is the height of the key to the columns of a page.
func (t *team) heatKeyHeight(cols int) float64 {
	return 2 + lineHeight(heatKeySize)*float64((cols+1)/2+1)
}

// heatChunk prints the columns [from, to) for every member, over as many
// pages as the members need.
func (t *team) heatChunk(lay heatLayout, from, to, chunk, chunks int) {
	d := t.doc
	cols := t.heat[from:to]
	keyH := t.heatKeyHeight(len(cols))
	headH := t.heatHeadHeight()
	members := len(t.rows)
	for first := 0; first < members; {
		if !d.room(headH+keyH+4*heatRowH) && !d.atTop() {
			d.newPage()
		}
		fit := max(1, int((d.bottom-d.y()-headH-keyH)/heatRowH))
		// Members left over after this page share the pages they need
		// evenly, rather than leaving a few on the last.
		left := members - first
		if left > fit {
			full := max(1, int((d.bottom-bodyTop-headH-keyH)/heatRowH))
			pages := 1 + (left-fit+full-1)/full
			fit = min(fit, (left+pages-1)/pages)
		}
		last := min(members, first+fit)
		t.heatCaption(lay, cols, from, to, chunk, chunks, first, last)
		t.heatHeader(lay, cols, from)
		y := d.y()
		top := y
		for i := first; i < last; i++ {
			t.heatRow(lay, cols, i, y)
			y += heatRowH
		}
		t.heatGrid(marginX+lay.labelW, top, lay.cellW, len(cols), last-first)
		d.setY(y)
		t.heatKey(lay, cols, from)
		first = last
		if first < members {
			d.newPage()
		}
	}
}

// heatCaption says which items and members a heatmap page shows.
func (t *team) heatCaption(lay heatLayout, cols []*gap.ItemMeasure, from, to, chunk, chunks, first, last int) {
	d := t.doc
	var s string
	switch {
	case lay.numbered && len(cols) == 1:
		s = fmt.Sprintf("Item %d of %d", from+1, len(t.heat))
	case lay.numbered:
		s = fmt.Sprintf("Items %d to %d of %d", from+1, to, len(t.heat))
	case len(cols) == 1:
		s = fmt.Sprintf("Item %s (%d of %d)", cols[0].Item.ID, from+1, len(t.heat))
	default:
		s = fmt.Sprintf("Items %s to %s (%d–%d of %d)", cols[0].Item.ID, cols[len(cols)-1].Item.ID, from+1, to, len(t.heat))
	}
	switch {
	case !t.personRows:
		s += fmt.Sprintf(" · members at each level, of %d", len(t.members))
	case first > 0 || last < len(t.members):
		s += fmt.Sprintf(" · members %d–%d of %d", first+1, last, len(t.members))
	default:
		s += fmt.Sprintf(" · all %s", model.Plural(len(t.members), "member", "members"))
	}
	if chunks > 1 {
		s += fmt.Sprintf(" · part %d of %d", chunk, chunks)
	}
	if first > 0 {
		s += " (continued)"
	}
	d.font("B", 8.5, ink)
	d.pdf.Text(marginX, baseline(d.y(), 8.5), d.fitLine(s, contentW))
	d.down(lineHeight(8.5) + 1.5)
}

// heatHeader prints the group band, the item headings and the team
// targets.
func (t *team) heatHeader(lay heatLayout, cols []*gap.ItemMeasure, from int) {
	d := t.doc
	y := d.y()
	x0 := marginX + lay.labelW
	w := lay.cellW * float64(len(cols))

	// Group band: one box per run of columns in the same outermost group.
	d.fillRect(marginX, y, lay.labelW+w, heatRowH, groupFill)
	d.font("B", heatBand, muted)
	d.pdf.Text(marginX+padX, baseline(y+0.7, heatBand), capital(groupKind(t.f)))
	for i := 0; i < len(cols); {
		g := t.top[cols[i].Item.Group]
		j := i + 1
		for j < len(cols) && t.top[cols[j].Item.Group] == g {
			j++
		}
		bx, bw := x0+float64(i)*lay.cellW, float64(j-i)*lay.cellW
		title := ungroupedTitle(len(t.f.Groups) == 0)
		if g != nil {
			title = g.Title
		}
		d.pdf.SetLineWidth(0.2)
		d.pdf.SetDrawColor(ruleGrey.r, ruleGrey.g, ruleGrey.b)
		d.pdf.Rect(bx, y, bw, heatRowH, "D")
		d.font("B", heatBand, ink)
		d.pdf.Text(bx+0.8, baseline(y+0.7, heatBand), d.fitLine(title, bw-1.6))
		i = j
	}
	y += heatRowH

	// Item headings.
	d.fillRect(marginX, y, lay.labelW+w, heatRowH, headFill)
	d.font("B", heatHead, ink)
	corner := "Member"
	if !t.personRows {
		corner = "Level"
	}
	d.pdf.Text(marginX+padX, baseline(y+0.7, heatHead), corner)
	for k, m := range cols {
		label := m.Item.ID
		if lay.numbered {
			label = strconv.Itoa(from + k + 1)
		}
		cx := x0 + float64(k)*lay.cellW
		d.pdf.Text(cx+(lay.cellW-d.pdf.GetStringWidth(label))/2, baseline(y+0.7, heatHead), label)
	}
	y += heatRowH

	// Team targets.
	d.font("I", heatSize, ink)
	d.pdf.Text(marginX+padX, baseline(y+0.6, heatSize), "Team target")
	d.font("B", heatSize, ink)
	for k, m := range cols {
		if m.Target == nil {
			continue
		}
		s := strconv.Itoa(*m.Target)
		cx := x0 + float64(k)*lay.cellW
		d.pdf.Text(cx+(lay.cellW-d.pdf.GetStringWidth(s))/2, baseline(y+0.6, heatSize), s)
	}
	y += heatRowH
	d.line(marginX, y, x0+w, y, 0.4, muted)
	d.setY(y)
}

// heatRow prints one member's row at y.
func (t *team) heatRow(lay heatLayout, cols []*gap.ItemMeasure, i int, y float64) {
	d := t.doc
	spec := t.rows[i]
	d.font("", heatSize, ink)
	d.pdf.Text(marginX+padX, baseline(y+0.6, heatSize), d.fitLine(spec.label, lay.labelW-2*padX))
	if spec.member < 0 {
		t.heatCountRow(lay, cols, spec, y)
		return
	}
	p := t.members[spec.member]
	d.line(marginX, y+heatRowH, marginX+lay.labelW, y+heatRowH, 0.1, faintGrey)
	top := t.f.Scale.Top()
	x := marginX + lay.labelW
	d.font("", heatSize, ink)
	for _, m := range cols {
		r, ok := t.in.Ratings.Get(model.PersonID(p.ID), model.ItemID(m.Item.ID))
		if !ok {
			t.heatCell(x, y, lay.cellW, heatRowH, "–", 0, false)
		} else {
			s := strconv.Itoa(r.Level)
			if m.Target != nil && r.Level < *m.Target {
				s += "↓"
			}
			t.heatCell(x, y, lay.cellW, heatRowH, s, chart.LevelShade(r.Level, top), true)
		}
		x += lay.cellW
	}
}

// heatCountRow prints a level row of the workshop edition's heatmap: how
// many members are at the level (or did not rate) on each item.
func (t *team) heatCountRow(lay heatLayout, cols []*gap.ItemMeasure, spec heatRowSpec, y float64) {
	d := t.doc
	x := marginX + lay.labelW
	d.font("", heatSize, ink)
	for _, m := range cols {
		n, below := m.AtLevel(spec.level), m.Target != nil && spec.level < *m.Target
		if spec.notRated {
			n, below = m.NotRated(), false
		}
		text, shade := "", 0.0
		if n > 0 {
			text = strconv.Itoa(n)
			if below {
				text += "↓"
			}
			shade = float64(n) / float64(max(1, m.Members))
		}
		t.heatCell(x, y, lay.cellW, heatRowH, text, shade, n > 0)
		x += lay.cellW
	}
}

// heatKey names the columns of a page, down two columns.
func (t *team) heatKey(lay heatLayout, cols []*gap.ItemMeasure, from int) {
	d := t.doc
	d.down(2)
	d.font("B", heatKeySize, muted)
	d.pdf.Text(marginX, baseline(d.y(), heatKeySize), "Columns on this page")
	d.down(lineHeight(heatKeySize))
	y := d.y()
	rows := (len(cols) + 1) / 2
	colW := (contentW - 6) / 2
	ids := make([]string, len(cols))
	idW := 0.0
	d.font("B", heatKeySize, ink)
	for k, m := range cols {
		ids[k] = m.Item.ID
		if lay.numbered {
			ids[k] = strconv.Itoa(from + k + 1)
		}
		idW = max(idW, d.pdf.GetStringWidth(ids[k]))
	}
	idW = min(idW+1.5, colW/3)
	for k, m := range cols {
		x := marginX + float64(k/rows)*(colW+6)
		ly := y + float64(k%rows)*lineHeight(heatKeySize)
		d.font("B", heatKeySize, ink)
		d.pdf.Text(x, baseline(ly, heatKeySize), d.fitLine(ids[k], idW-1))
		d.font("", heatKeySize, ink)
		title := m.Item.Title
		if lay.numbered {
			title = itemLabel(m.Item)
		}
		d.pdf.Text(x+idW, baseline(ly, heatKeySize), d.fitLine(title, colW-idW))
	}
	d.setY(y + float64(rows)*lineHeight(heatKeySize))
}
