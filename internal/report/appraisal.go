package report

import (
	"fmt"
	"io"
	"strings"

	"gapwise/internal/model"
)

// AppraisalItem is one item's three ratings and its discussion note.
type AppraisalItem struct {
	Item                    *model.Item
	TopGroup                *model.Group // outermost group; nil when the item has none
	Self, Appraiser, Agreed *int         // nil = not rated
	Note                    string
}

// AppraisalInput is everything a joint appraisal prints.
type AppraisalInput struct {
	Meta
	Person       model.Person
	Appraisal    model.Appraisal // period, appraiser name, overall notes, sign-off times
	Items        []AppraisalItem // framework order
	PreviousPlan *model.Plan     // nil when none: the review section says so
	Plan         model.Plan      // the new agreed plan
}

// Section titles of the appraisal, in the order appraisal documents use.
var appraisalSections = []string{
	"Review of the previous plan",
	"Self, appraiser and agreed levels",
	"Agreed development plan",
	"Summary and sign-off",
}

// AppraisalPDF writes a joint appraisal: a cover, the review of the
// previous plan, self against appraiser against agreed levels with
// disagreements marked, the agreed plan, and the summary with sign-off.
func AppraisalPDF(w io.Writer, in AppraisalInput) (err error) {
	defer recoverError(&err)
	title := in.Title
	if title == "" {
		title = "Joint appraisal"
	}
	d, err := newDoc(in.Meta, title, in.Person.Name)
	if err != nil {
		return err
	}
	f := in.Framework
	counts := countAppraisal(in.Items)
	d.appraisalCover(in, title, counts)

	d.newPage()
	d.heading(1, appraisalSections[0], 25)
	if in.PreviousPlan == nil {
		d.para("No previous plan was recorded for this appraisal, so there is nothing to review.", "I", bodySize, ink)
	} else {
		pp := in.PreviousPlan
		intro := "The plan"
		if strings.TrimSpace(pp.Title) != "" {
			intro += " “" + strings.TrimSpace(pp.Title) + "”"
		}
		if !pp.CreatedAt.IsZero() {
			intro += " of " + dateText(pp.CreatedAt)
		}
		intro += " had " + actionTally(pp.Actions) + "."
		d.para(intro, "", bodySize, ink)
		d.down(2)
		if len(pp.Actions) > 0 {
			d.actions(f, pp.Actions)
		}
	}

	d.heading(2, appraisalSections[1], 55)
	d.ratingsTable(in, counts)

	d.heading(3, appraisalSections[2], 25)
	if strings.TrimSpace(in.Plan.Title) != "" {
		d.para(in.Plan.Title, "B", bodySize, ink)
		d.down(1)
	}
	d.actions(f, in.Plan.Actions)

	d.heading(4, appraisalSections[3], 30)
	d.subheading("Overall notes", 10)
	if strings.TrimSpace(in.Appraisal.OverallNotes) == "" {
		d.para("No overall notes were recorded.", "I", bodySize, ink)
	} else {
		d.para(in.Appraisal.OverallNotes, "", bodySize, ink)
	}
	numbers := counts.pairs()
	d.subheading("In numbers", d.keyValuesHeight(numbers, 95, bodySize))
	d.keyValues(numbers, 95, bodySize)
	d.subheading("Sign-off", signOffHeight)
	d.down(2)
	d.appraisalSignOff(in)
	return d.finish(w)
}

// appraisalCounts are the figures of the summary.
type appraisalCounts struct {
	items, self, appraiser, both, disagree, agreed, settled, notes int
}

func countAppraisal(items []AppraisalItem) appraisalCounts {
	var c appraisalCounts
	c.items = len(items)
	for _, it := range items {
		if it.Self != nil {
			c.self++
		}
		if it.Appraiser != nil {
			c.appraiser++
		}
		if it.Self != nil && it.Appraiser != nil {
			c.both++
		}
		if it.Agreed != nil {
			c.agreed++
		}
		if model.Disagree(it.Self, it.Appraiser) {
			c.disagree++
			if it.Agreed != nil {
				c.settled++
			}
		}
		if strings.TrimSpace(it.Note) != "" {
			c.notes++
		}
	}
	return c
}

func (c appraisalCounts) pairs() [][2]string {
	return [][2]string{
		{"Items in this appraisal", fmt.Sprint(c.items)},
		{"Rated by the appraisee (self)", fmt.Sprint(c.self)},
		{"Rated by the appraiser", fmt.Sprint(c.appraiser)},
		{"Rated by both", fmt.Sprint(c.both)},
		{"Disagreements (≠, one level or more)", fmt.Sprint(c.disagree)},
		{"Disagreements with an agreed level", fmt.Sprintf("%d of %d", c.settled, c.disagree)},
		{"Agreed levels recorded", fmt.Sprint(c.agreed)},
		{"Discussion notes", fmt.Sprint(c.notes)},
	}
}

func (d *doc) appraisalCover(in AppraisalInput, title string, c appraisalCounts) {
	f := in.Framework
	a := in.Appraisal
	d.coverTitle(title, in.Person.Name)
	pairs := d.personPairs(in.Person)
	started := dateText(a.CreatedAt)
	if !a.UpdatedAt.IsZero() && dateText(a.UpdatedAt) != started {
		started += " (last changed " + dateText(a.UpdatedAt) + ")"
	}
	pairs = append(pairs,
		[2]string{"Appraiser", orDash(a.AppraiserName)},
		[2]string{"Period", orDash(a.Period)},
		[2]string{"Framework", frameworkText(f)},
		[2]string{"Started", started},
		[2]string{"Ratings", fmt.Sprintf("%s; %d rated by both, %s, %d agreed.", model.Plural(c.items, "item", "items"), c.both, model.Plural(c.disagree, "disagreement", "disagreements"), c.agreed)},
		[2]string{"Agreed plan", capital(actionTally(in.Plan.Actions))},
		[2]string{"Sign-off", signOffText(a)},
		[2]string{"Generated", d.generatedText()},
	)
	d.keyValues(pairs, 32, bodySize)
	d.coverNotes(appraisalSections)
}

func signOffText(a model.Appraisal) string {
	ee, er := !a.AppraiseeSignedAt.IsZero(), !a.AppraiserSignedAt.IsZero()
	switch {
	case ee && er:
		return fmt.Sprintf("Signed by the appraisee on %s and the appraiser on %s", dateText(a.AppraiseeSignedAt), dateText(a.AppraiserSignedAt))
	case ee:
		return fmt.Sprintf("Signed by the appraisee on %s; not yet signed by the appraiser", dateText(a.AppraiseeSignedAt))
	case er:
		return fmt.Sprintf("Signed by the appraiser on %s; not yet signed by the appraisee", dateText(a.AppraiserSignedAt))
	}
	return "Not yet signed"
}

// ratingsTable sets self, appraiser and agreed levels side by side by
// outermost group, marking disagreements in their own column.
func (d *doc) ratingsTable(in AppraisalInput, c appraisalCounts) {
	f := in.Framework
	d.para("Self is the appraisee’s own rating, Appraiser the appraiser’s, and Agreed the level agreed in discussion. "+
		"“≠\u00a0differs\u00a0by\u00a0N” marks a self and appraiser rating that differ by one level or more: disagreements are discussed and agreed, never averaged.",
		"", bodySize, ink)
	d.down(1)
	d.para(fmt.Sprintf("Levels (%s): %s.", scaleName(f), scaleKey(f.Scale)), "", smallSize, muted)
	d.down(2)
	if len(in.Items) == 0 {
		d.para("No items are in this appraisal.", "I", bodySize, ink)
		return
	}
	t := &table{cols: []column{
		{head: "Item", align: 'L', weight: 2.1},
		{head: "Self", align: 'C', fit: true},
		{head: "Appraiser", align: 'C', fit: true},
		{head: "Agreed", align: 'C', fit: true},
		{head: "Self vs appraiser", align: 'L', fit: true, max: 26},
		{head: "Discussion note", align: 'L', weight: 2.6},
	}}
	// Items nobody rated, agreed or discussed are counted, not listed: in a
	// broad framework they would fill pages with dashes.
	var listed []AppraisalItem
	for _, it := range in.Items {
		if it.Self != nil || it.Appraiser != nil || it.Agreed != nil || it.Note != "" {
			listed = append(listed, it)
		}
	}
	if skipped := len(in.Items) - len(listed); skipped > 0 {
		d.para(fmt.Sprintf("%s in scope were rated by neither of you and are not listed.", model.Plural(skipped, "item", "items")), "I", smallSize, muted)
		d.down(1)
	}
	if len(listed) == 0 {
		return
	}
	var group *model.Group
	first := true
	for _, it := range listed {
		if first || !model.SameGroup(it.TopGroup, group) {
			first = false
			group = it.TopGroup
			t.rows = append(t.rows, row{group: ratingGroupHeading(listed, group, len(f.Groups) == 0)})
		}
		mark := cell{text: disagreeText(it.Self, it.Appraiser)}
		dis := model.Disagree(it.Self, it.Appraiser)
		if dis {
			mark.style = "B"
		}
		agreed := cell{text: ratingText(it.Agreed), style: "B"}
		if it.Agreed == nil {
			agreed.style = "I"
		}
		t.rows = append(t.rows, row{shade: dis, cells: []cell{
			{text: itemLabel(it.Item)},
			ratingCell(it.Self),
			ratingCell(it.Appraiser),
			agreed,
			mark,
			{text: orDash(it.Note)},
		}})
	}
	d.drawTable(t)
}

func ratingCell(v *int) cell {
	if v == nil {
		return cell{text: "not rated", style: "I"}
	}
	return cell{text: ratingText(v)}
}

// ratingGroupHeading names a group with its count of disagreements.
func ratingGroupHeading(items []AppraisalItem, g *model.Group, only bool) string {
	title := ungroupedTitle(only)
	if g != nil {
		title = g.Title
	}
	n := 0
	for _, it := range items {
		if model.SameGroup(it.TopGroup, g) && model.Disagree(it.Self, it.Appraiser) {
			n++
		}
	}
	if n == 0 {
		return title
	}
	return title + " — " + model.Plural(n, "disagreement", "disagreements")
}

// appraisalSignOff prints both names with their signed dates, or lines to
// sign on when not signed in Gapwise.
func (d *doc) appraisalSignOff(in AppraisalInput) {
	d.need(signOffHeight)
	y := d.y()
	colW := (contentW - 12) / 2
	a := in.Appraisal
	d.signColumn(marginX, y, colW, "Appraisee", signLines(in.Person.Name, a.AppraiseeSignedAt.IsZero(), dateText(a.AppraiseeSignedAt)))
	d.signColumn(marginX+colW+12, y, colW, "Appraiser", signLines(a.AppraiserName, a.AppraiserSignedAt.IsZero(), dateText(a.AppraiserSignedAt)))
	d.setY(y + signOffHeight - 8)
}

func signLines(name string, unsigned bool, date string) [][2]string {
	if unsigned {
		return [][2]string{{"Name", name}, {"Signature", ""}, {"Date", ""}}
	}
	return [][2]string{{"Name", name}, {"Signed in Gapwise on", date}}
}
