package report

import (
	"fmt"
	"io"
	"strings"

	"gapwise/internal/chart"
	"gapwise/internal/gap"
	"gapwise/internal/model"
)

// PlanInput is everything a personal development plan prints.
type PlanInput struct {
	Meta
	Person     model.Person
	Assessment model.Assessment // the assessment the gaps come from
	Gaps       gap.PersonGaps   // gap.Compute over that assessment (Items by gap; Groups in framework order)
	Plan       model.Plan       // actions may be empty
}

// Section titles of the plan, in order.
var planSections = []string{"Summary charts", "Gaps against targets", "Development actions", "Review and sign-off"}

// PlanPDF writes a personal development plan: a cover, summary radar charts,
// the gaps table grouped by outermost group, the actions table, and a review
// and signature block.
func PlanPDF(w io.Writer, in PlanInput) (err error) {
	defer recoverError(&err)
	title := in.Title
	if title == "" {
		title = "Personal development plan"
	}
	d, err := newDoc(in.Meta, title, in.Person.Name)
	if err != nil {
		return err
	}
	f := in.Framework
	d.planCover(in, title)

	d.newPage()
	charts, skipped := radarsFor(f, in.Gaps)
	lay := d.layoutRadars(charts)
	d.heading(1, planSections[0], 16+lay.height)
	if len(charts) == 0 {
		d.para("No chart can be drawn yet: no group has three or more items with a target or a rating. The table in section 2 lists every item that has either.", "", bodySize, ink)
	} else {
		d.radarLegend(f.Scale.Top())
		d.down(2)
		d.radars(charts)
	}
	if skipped > 0 {
		kind := groupKind(f)
		d.para(fmt.Sprintf("%s with fewer than three such items have no chart (%d); they are in the table below.", capital(pluralWord(kind)), skipped), "I", smallSize, muted)
	}

	d.heading(2, planSections[1], 45)
	d.gapsTable(f, in.Gaps)

	d.heading(3, planSections[2], 25)
	if strings.TrimSpace(in.Plan.Title) != "" {
		d.para(in.Plan.Title, "B", bodySize, ink)
		d.down(1)
	}
	d.actions(f, in.Plan.Actions)

	d.heading(4, planSections[3], signOffHeight+12)
	d.para("Sign below to record that this plan has been discussed and agreed. Review progress against each action at the next meeting.", "", bodySize, ink)
	d.down(3)
	d.planSignOff(in.Person.Name)
	return d.finish(w)
}

// planCover is the first page: title, who, against what, and the figures.
func (d *doc) planCover(in PlanInput, title string) {
	f := in.Framework
	d.coverTitle(title, in.Person.Name)
	a := in.Assessment
	assessment, position := "None yet, so there are no ratings or gaps to show", "No assessment yet"
	if a.ID != "" || a.Kind != "" || !a.CreatedAt.IsZero() {
		assessment = kindText(a.Kind)
		if a.Assessor != "" && a.Assessor != in.Person.Name {
			assessment += " by " + a.Assessor
		}
		assessment += ", " + dateText(a.CreatedAt)
		if !a.UpdatedAt.IsZero() && dateText(a.UpdatedAt) != dateText(a.CreatedAt) {
			assessment += " (last changed " + dateText(a.UpdatedAt) + ")"
		}
		if a.Scope.Group != "" {
			if g, ok := f.Group(a.Scope.Group); ok {
				assessment += "; only " + g.Title
			}
		}
		position = positionText(in.Gaps.Tally)
	}
	plan := orDash(in.Plan.Title)
	if plan == dash {
		plan = "Development plan"
	}
	plan += " — " + actionTally(in.Plan.Actions)
	pairs := d.personPairs(in.Person)
	pairs = append(pairs,
		[2]string{"Framework", frameworkText(f)},
		[2]string{"Assessment", assessment},
		[2]string{"Targets", capital(gap.TargetsFrom(f, in.Gaps.Items))},
		[2]string{"Position", position},
		[2]string{"Plan", plan},
		[2]string{"Generated", d.generatedText()},
	)
	d.keyValues(pairs, 32, bodySize)
	d.coverNotes(planSections)
}

// coverTitle prints the document title and the person's name.
func (d *doc) coverTitle(title, person string) {
	d.font("", 9, muted)
	d.pdf.Text(marginX, baseline(d.y(), 9), "Gapwise · competency gap analysis")
	d.down(12)
	d.paraAt(title, "B", 22, ink, marginX, contentW)
	d.down(2)
	d.paraAt(person, "", 15, ink, marginX, contentW)
	d.down(4)
	d.line(marginX, d.y(), pageW-marginX, d.y(), 0.4, ruleGrey)
	d.down(6)
}

// personPairs are the person's details for a cover.
func (d *doc) personPairs(p model.Person) [][2]string {
	return [][2]string{
		{"Name", orDash(p.Name)},
		{"Job role", orDash(p.Role)},
		{"Discipline", orDash(p.Discipline.Label())},
		{"Organisation", orDash(p.Organisation)},
	}
}

// coverNotes ends a cover with the provisional notice and the contents.
func (d *doc) coverNotes(sections []string) {
	f := d.meta.Framework
	if f.Provisional {
		d.down(5)
		note := strings.TrimSpace(f.ProvisionalNote)
		if note == "" {
			note = "This framework is provisional."
		}
		d.noteBox("PROVISIONAL framework", note)
	}
	d.down(7)
	d.need(lineHeight(bodySize) * float64(len(sections)+2))
	d.contents(sections)
}

func frameworkText(f *model.Framework) string {
	s := fmt.Sprintf("%s, version %s", f.Name, f.Ref.Version)
	if f.Publisher != "" {
		s += " (" + f.Publisher + ")"
	}
	if f.Provisional {
		s += " — PROVISIONAL"
	}
	return s
}

// positionText sums up a gap report in one sentence.
func positionText(t gap.Tally) string {
	withTarget := t.Count - t.NoTarget
	s := fmt.Sprintf("%s in scope, %d rated (%d not rated).", model.Plural(t.Count, "item", "items"), t.Rated, t.Count-t.Rated)
	if withTarget == 0 {
		return s + " No item has a target."
	}
	s += fmt.Sprintf(" %d with a target: %d met, %d below target", withTarget, t.Met, t.Below)
	if t.Below > 0 {
		s += fmt.Sprintf(" (total gap %s)", model.Plural(t.TotalGap, "level", "levels"))
	}
	if t.NotRated > 0 {
		s += fmt.Sprintf(", %d not rated yet", t.NotRated)
	}
	return s + "."
}

// gapsTable lists the items that have a rating or a target, grouped by
// outermost group, largest gaps first within each.
func (d *doc) gapsTable(f *model.Framework, rep gap.PersonGaps) {
	intro := "Largest gap first."
	if len(f.Groups) > 0 {
		intro = fmt.Sprintf("Items are grouped by %s, largest gap first.", groupKind(f))
	}
	intro += fmt.Sprintf(" Levels (%s): %s.", scaleName(f), scaleKey(f.Scale))
	left := 0
	for _, g := range rep.Items {
		if g.Current == nil && g.Target == nil {
			left++
		}
	}
	if left > 0 {
		intro += fmt.Sprintf(" %s with neither a rating nor a target %s not listed.", capital(model.Plural(left, "item", "items")), isAre(left))
	}
	d.para(intro, "", bodySize, ink)
	d.down(2)
	if left == len(rep.Items) {
		d.para("No item has a rating or a target yet.", "I", bodySize, ink)
		return
	}

	t := &table{cols: []column{
		{head: "Item", align: 'L', weight: 1},
		{head: "Current level", align: 'L', fit: true, max: 38},
		{head: "Target", align: 'L', fit: true, max: 38},
		{head: "Gap", align: 'R', fit: true},
		{head: "Status", align: 'L', fit: true},
	}}
	for _, sum := range rep.Groups {
		var rows []row
		for i := range rep.Items {
			g := &rep.Items[i]
			if !model.SameGroup(g.TopGroup, sum.Group) || (g.Current == nil && g.Target == nil) {
				continue
			}
			rows = append(rows, gapRow(f, g))
		}
		if len(rows) == 0 {
			continue
		}
		t.rows = append(t.rows, row{group: groupHeading(sum, len(rep.Groups) == 1)})
		t.rows = append(t.rows, rows...)
	}
	d.drawTable(t)
}

func gapRow(f *model.Framework, g *gap.ItemGap) row {
	cur := cell{text: "not rated", style: "I"}
	if g.Current != nil {
		cur = cell{text: levelText(f.Scale, *g.Current)}
	}
	tgt := cell{text: dash}
	if g.Target != nil {
		tgt.text = levelText(f.Scale, *g.Target)
		if g.Adjusted() {
			tgt.text += fmt.Sprintf(" (asked %d)", g.RawTarget)
		}
	}
	gp := dash
	switch g.Status {
	case gap.Below:
		gp = fmt.Sprint(g.Gap)
	case gap.Met:
		gp = "0"
	}
	st := cell{text: gapStatusText(g.Status)}
	if g.Status == gap.Below {
		st.style = "B"
	}
	return row{cells: []cell{{text: itemLabel(g.Item)}, cur, tgt, {text: gp}, st}}
}

// groupHeading names a group with its figures.
func groupHeading(sum gap.GroupSummary, only bool) string {
	title := ungroupedTitle(only)
	if sum.Group != nil {
		title = sum.Group.Title
	}
	var parts []string
	if sum.Below > 0 {
		parts = append(parts, fmt.Sprintf("%d below target", sum.Below))
	}
	if sum.Met > 0 {
		parts = append(parts, fmt.Sprintf("%d met", sum.Met))
	}
	if sum.NotRated > 0 {
		parts = append(parts, fmt.Sprintf("%d not rated", sum.NotRated))
	}
	if len(parts) == 0 {
		return title
	}
	return title + " — " + strings.Join(parts, ", ")
}

// actions prints a plan's actions, or says there are none.
func (d *doc) actions(f *model.Framework, actions []model.Action) {
	if len(actions) == 0 {
		d.para("No actions have been agreed yet.", "I", bodySize, ink)
		return
	}
	t := &table{cols: []column{
		{head: "#", align: 'R', fit: true},
		{head: "Objective", align: 'L', weight: 2.8},
		{head: "Items addressed", align: 'L', weight: 2},
		{head: "Activity", align: 'L', fit: true, max: 25},
		{head: "Due", align: 'L', fit: true, max: 22},
		{head: "Status", align: 'L', fit: true, max: 22},
		{head: "Completion evidence", align: 'L', weight: 3.2},
	}}
	for i, a := range actions {
		st := cell{text: statusText(a.Status)}
		if a.Status == model.Done {
			st.style = "B"
		}
		t.rows = append(t.rows, row{cells: []cell{
			{text: fmt.Sprint(i + 1)},
			{text: orDash(a.Objective)},
			{text: itemsText(f, a.Items)},
			{text: orDash(a.Activity)},
			{text: isoDateText(a.Due)},
			st,
			{text: orDash(a.Evidence)},
		}})
	}
	d.drawTable(t)
}

// signOffHeight is the height of a sign-off block.
const signOffHeight = 50.0

// planSignOff prints name, signature and date lines for the person and
// the reviewer.
func (d *doc) planSignOff(person string) {
	d.need(signOffHeight)
	y := d.y()
	colW := (contentW - 12) / 2
	d.signColumn(marginX, y, colW, "Person", [][2]string{{"Name", person}, {"Signature", ""}, {"Date", ""}})
	d.signColumn(marginX+colW+12, y, colW, "Reviewer", [][2]string{{"Name", ""}, {"Signature", ""}, {"Date", ""}})
	d.writeLine(marginX, y+44, colW, "Next review date", "")
	d.setY(y + signOffHeight)
}

// signColumn prints a titled column of lines to write on (or filled in).
func (d *doc) signColumn(x, y, w float64, title string, lines [][2]string) {
	d.font("B", bodySize, ink)
	d.pdf.Text(x, baseline(y, bodySize), title)
	for i, l := range lines {
		d.writeLine(x, y+12+float64(i)*10, w, l[0], l[1])
	}
}

// ungroupedTitle heads the items that have no group: all of them, or the
// rest after the groups.
func ungroupedTitle(only bool) string { return chart.UngroupedTitle(only) }

func groupKind(f *model.Framework) string {
	if len(f.GroupKinds) > 0 && f.GroupKinds[0] != "" {
		return f.GroupKinds[0]
	}
	return "group"
}

func pluralWord(w string) string {
	switch {
	case strings.HasSuffix(w, "y") && !strings.HasSuffix(w, "ey"):
		return w[:len(w)-1] + "ies"
	case strings.HasSuffix(w, "s"):
		return w + "es"
	}
	return w + "s"
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func capital(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

func scaleName(f *model.Framework) string {
	if f.Scale.Name != "" {
		return f.Scale.Name
	}
	return "framework's scale"
}

// scaleKey lists a scale's levels: "0 None yet, 1 Follow, 2 Assist".
func scaleKey(s model.Scale) string {
	var parts []string
	hasZero := false
	for _, l := range s.Levels {
		if l.Value == model.NoneLevel {
			hasZero = true
		}
	}
	if !hasZero {
		parts = append(parts, levelText(s, model.NoneLevel))
	}
	for _, l := range s.Levels {
		parts = append(parts, levelText(s, l.Value))
	}
	return strings.Join(parts, ", ")
}

// recoverError turns a panic in the PDF library into an internal error,
// so a report never takes the app down.
func recoverError(err *error) {
	if r := recover(); r != nil {
		*err = model.Errorf(model.Internal, "The PDF could not be made: %v", r)
	}
}
