package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"gapwise/internal/model"
)

// AppraisalItem is one item's ratings (the appraisee's and each
// appraiser's) and the agreed level with its discussion note.
type AppraisalItem struct {
	Item       *model.Item
	TopGroup   *model.Group // outermost group; nil when the item has none
	Self       *int         // nil = not rated
	Appraisers []*int       // one per appraiser, in order; nil = not rated
	Covered    []bool       // whether each appraiser reviews the item; missing = yes
	Agreed     *int         // nil = not agreed yet
	Note       string
}

func (it *AppraisalItem) levels() []*int { return append([]*int{it.Self}, it.Appraisers...) }

func (it *AppraisalItem) covered(i int) bool { return i >= len(it.Covered) || it.Covered[i] }

func (it *AppraisalItem) anyAppraiser() bool {
	for _, l := range it.Appraisers {
		if l != nil {
			return true
		}
	}
	return false
}

// AppraisalInput is everything a joint appraisal prints.
type AppraisalInput struct {
	Meta
	Person       model.Person
	Appraisal    model.Appraisal // period, appraisers, overall notes, sign-off times
	Scopes       []string        // what each appraiser reviews, in words; missing = all items
	Items        []AppraisalItem // framework order
	PreviousPlan *model.Plan     // nil when none: the review section says so
	Plan         model.Plan      // the new agreed plan
}

// Section titles of the appraisal, in the order appraisal documents use.
var appraisalSections = []string{
	"Review of the previous plan",
	"Self, appraisers and agreed levels by domain",
	"Agreed development plan",
	"Summary",
	"Sign-off",
}

// AppraisalPDF writes a joint appraisal: a cover, the review of the
// previous plan, the appraisee's levels against each appraiser's and the
// agreed ones with disagreements and how they were resolved, the agreed
// plan, the summary, and every signatory's sign-off.
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
	d.disagreements(in, counts)

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
	names := make([]string, len(in.Appraisal.Appraisers))
	for i, ap := range in.Appraisal.Appraisers {
		names[i] = ap.Name
	}
	numbers := counts.pairs(names...)
	d.subheading("In numbers", d.keyValuesHeight(numbers, 95, bodySize))
	d.keyValues(numbers, 95, bodySize)

	d.heading(5, appraisalSections[4], signOffHeight)
	d.para(signOffIntro(in.Appraisal), "", bodySize, ink)
	d.down(3)
	d.appraisalSignOff(in)
	return d.finish(w)
}

// appraisalCounts are the figures of the summary.
type appraisalCounts struct {
	items, self, both, disagree, agreed, settled, notes int
	appraiser                                           []int // rated by each appraiser
}

func countAppraisal(items []AppraisalItem) appraisalCounts {
	var c appraisalCounts
	c.items = len(items)
	for _, it := range items {
		for len(c.appraiser) < len(it.Appraisers) {
			c.appraiser = append(c.appraiser, 0)
		}
		for i, l := range it.Appraisers {
			if l != nil {
				c.appraiser[i]++
			}
		}
		if it.Self != nil {
			c.self++
		}
		if it.Self != nil && it.anyAppraiser() {
			c.both++
		}
		if it.Agreed != nil {
			c.agreed++
		}
		if model.Disagree(it.levels()...) {
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

func (c appraisalCounts) pairs(names ...string) [][2]string {
	out := [][2]string{
		{"Items in this appraisal", fmt.Sprint(c.items)},
		{"Rated by the appraisee (self)", fmt.Sprint(c.self)},
	}
	for i, n := range c.appraiser {
		who := fmt.Sprintf("appraiser %d", i+1)
		if i < len(names) {
			who = names[i]
		}
		out = append(out, [2]string{"Rated by " + who, fmt.Sprint(n)})
	}
	return append(out,
		[2]string{"Rated by the appraisee and an appraiser", fmt.Sprint(c.both)},
		[2]string{"Disagreements (≠, one level or more)", fmt.Sprint(c.disagree)},
		[2]string{"Disagreements with an agreed level", fmt.Sprintf("%d of %d", c.settled, c.disagree)},
		[2]string{"Agreed levels recorded", fmt.Sprint(c.agreed)},
		[2]string{"Discussion notes", fmt.Sprint(c.notes)},
	)
}

// appraiserText is one appraiser in a line: name, role and what they review.
func appraiserText(in AppraisalInput, i int) string {
	ap := in.Appraisal.Appraisers[i]
	t := ap.Name
	if ap.Role != "" {
		t += ", " + ap.Role
	}
	scope := "all items"
	if i < len(in.Scopes) && in.Scopes[i] != "" {
		scope = in.Scopes[i]
	}
	return t + "; reviews " + scope
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
	for i := range a.Appraisers {
		key := "Appraiser"
		if len(a.Appraisers) > 1 {
			key = fmt.Sprintf("Appraiser %d", i+1)
		}
		pairs = append(pairs, [2]string{key, appraiserText(in, i)})
	}
	if len(a.Appraisers) == 0 {
		pairs = append(pairs, [2]string{"Appraiser", dash})
	}
	pairs = append(pairs,
		[2]string{"Period", orDash(a.Period)},
		[2]string{"Framework", frameworkText(f)},
		[2]string{"Started", started},
		[2]string{"Ratings", fmt.Sprintf("%s; %d rated by the appraisee and an appraiser, %s, %d agreed.", model.Plural(c.items, "item", "items"), c.both, model.Plural(c.disagree, "disagreement", "disagreements"), c.agreed)},
		[2]string{"Agreed plan", capital(actionTally(in.Plan.Actions))},
		[2]string{"Sign-off", signOffText(in)},
		[2]string{"Generated", d.generatedText()},
	)
	d.keyValues(pairs, 32, bodySize)
	d.coverNotes(appraisalSections)
}

// signedText is when a signature was given: "29 April 2026 at 10:15 UTC".
func signedText(t time.Time) string {
	return dateText(t) + " at " + t.Format("15:04 MST")
}

// signOffText says who has signed and who has not, in one sentence.
func signOffText(in AppraisalInput) string {
	a := in.Appraisal
	var signed, unsigned []string
	add := func(who string, at time.Time) {
		if at.IsZero() {
			unsigned = append(unsigned, who)
		} else {
			signed = append(signed, who+" on "+dateText(at))
		}
	}
	add("the appraisee", a.AppraiseeSignedAt)
	for _, ap := range a.Appraisers {
		add(ap.Name, ap.SignedAt)
	}
	switch {
	case len(signed) == 0:
		return "Not yet signed"
	case len(unsigned) == 0:
		return "Signed by " + model.AndList(signed) + "; signed by everyone"
	}
	return "Signed by " + model.AndList(signed) + "; not yet signed by " + model.AndList(unsigned)
}

func signOffIntro(a model.Appraisal) string {
	if a.AllSigned() {
		return "Everyone below has signed this appraisal in Gapwise: the agreed levels, notes and plan are as they signed them."
	}
	return "Each signatory signs to record that the ratings, the agreed levels and the plan above were discussed and agreed. " +
		"Where no date is shown, the person has not signed in Gapwise: sign on the lines below."
}

// resolutionText says how an item's ratings compare and, for a
// disagreement, how it was resolved.
func resolutionText(it AppraisalItem) string {
	levels := it.levels()
	rated := 0
	for _, l := range levels {
		if l != nil {
			rated++
		}
	}
	if rated < 2 {
		return dash
	}
	if !model.Disagree(levels...) {
		return "= same"
	}
	t := fmt.Sprintf("≠ differs by %d", model.Spread(levels...))
	if it.Agreed != nil {
		return t + "; agreed " + ratingText(it.Agreed)
	}
	return t + "; not yet agreed"
}

// ratingsTable sets the appraisee's, each appraiser's and the agreed levels
// side by side by outermost group, with how each disagreement was resolved.
func (d *doc) ratingsTable(in AppraisalInput, c appraisalCounts) {
	f := in.Framework
	a := in.Appraisal
	d.para("Self is the appraisee’s own rating; each appraiser’s column is theirs, and Agreed is the level agreed in discussion. "+
		"“≠\u00a0differs\u00a0by\u00a0N” marks ratings where any two differ by one level or more: disagreements are discussed and agreed, never averaged. "+
		"“n/a” is an item outside that appraiser’s scope.",
		"", bodySize, ink)
	d.down(1)
	for i := range a.Appraisers {
		d.para(appraiserText(in, i)+".", "", smallSize, ink)
	}
	d.para(fmt.Sprintf("Levels (%s): %s.", scaleName(f), scaleKey(f.Scale)), "", smallSize, muted)
	d.down(2)
	if len(in.Items) == 0 {
		d.para("No items are in this appraisal.", "I", bodySize, ink)
		return
	}
	cols := []column{{head: "Item", align: 'L', weight: 2.1}, {head: "Self", align: 'C', fit: true}}
	for _, ap := range a.Appraisers {
		cols = append(cols, column{head: ap.Name, align: 'C', fit: true, max: 28})
	}
	cols = append(cols,
		column{head: "Agreed", align: 'C', fit: true},
		column{head: "Comparison and resolution", align: 'L', fit: true, max: 30},
		column{head: "Discussion note", align: 'L', weight: 2.4},
	)
	t := &table{cols: cols}
	// Items nobody rated, agreed or discussed are counted, not listed: in a
	// broad framework they would fill pages with dashes.
	var listed []AppraisalItem
	for _, it := range in.Items {
		if it.Self != nil || it.anyAppraiser() || it.Agreed != nil || it.Note != "" {
			listed = append(listed, it)
		}
	}
	if skipped := len(in.Items) - len(listed); skipped > 0 {
		d.para(fmt.Sprintf("%s in scope were rated by none of you and are not listed.", model.Plural(skipped, "item", "items")), "I", smallSize, muted)
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
		dis := model.Disagree(it.levels()...)
		mark := cell{text: resolutionText(it)}
		if dis {
			mark.style = "B"
		}
		agreed := cell{text: ratingText(it.Agreed), style: "B"}
		if it.Agreed == nil {
			agreed = cell{text: "not agreed", style: "I"}
		}
		cells := []cell{{text: itemLabel(it.Item)}, ratingCell(it.Self)}
		for i := range a.Appraisers {
			var l *int
			if i < len(it.Appraisers) {
				l = it.Appraisers[i]
			}
			if !it.covered(i) {
				cells = append(cells, cell{text: "n/a", style: "I"})
				continue
			}
			cells = append(cells, ratingCell(l))
		}
		cells = append(cells, agreed, mark, cell{text: orDash(it.Note)})
		t.rows = append(t.rows, row{shade: dis, cells: cells})
	}
	d.drawTable(t)
}

// disagreements lists, by domain, each item where any two ratings differ
// by a level or more: every rater's level, the agreed level and the note on
// how it was agreed, so the record shows what was resolved and how.
func (d *doc) disagreements(in AppraisalInput, c appraisalCounts) {
	const title = "Disagreements and how they were resolved"
	var items []AppraisalItem
	for _, it := range in.Items {
		if model.Disagree(it.levels()...) {
			items = append(items, it)
		}
	}
	if len(items) == 0 {
		d.subheading(title, 2*lineHeight(bodySize))
		d.para("No two ratings differed by a level or more: nothing needed resolving.", "I", bodySize, ink)
		return
	}
	d.subheading(title, 4*lineHeight(bodySize)+30)
	d.para(fmt.Sprintf("%s, with every rating, the agreed level and the note on how it was agreed; %d of them with an agreed level.",
		capital(model.Plural(len(items), "item where the ratings differed", "items where the ratings differed")), c.settled), "", bodySize, ink)
	d.down(1)
	a := in.Appraisal
	cols := []column{{head: "Item", align: 'L', weight: 2.1}, {head: "Self", align: 'C', fit: true}}
	for _, ap := range a.Appraisers {
		cols = append(cols, column{head: ap.Name, align: 'C', fit: true, max: 28})
	}
	cols = append(cols, column{head: "Agreed", align: 'C', fit: true}, column{head: "How it was resolved", align: 'L', weight: 3})
	t := &table{cols: cols}
	var group *model.Group
	for k, it := range items {
		if k == 0 || !model.SameGroup(it.TopGroup, group) {
			group = it.TopGroup
			title := ungroupedTitle(len(in.Framework.Groups) == 0)
			if group != nil {
				title = group.Title
			}
			t.rows = append(t.rows, row{group: title})
		}
		cells := []cell{{text: itemLabel(it.Item)}, ratingCell(it.Self)}
		for i := range a.Appraisers {
			if !it.covered(i) {
				cells = append(cells, cell{text: "n/a", style: "I"})
				continue
			}
			var l *int
			if i < len(it.Appraisers) {
				l = it.Appraisers[i]
			}
			cells = append(cells, ratingCell(l))
		}
		how := cell{text: strings.TrimSpace(it.Note)}
		switch {
		case it.Agreed == nil:
			cells = append(cells, cell{text: "not agreed", style: "I"})
			if how.text == "" {
				how = cell{text: "Not yet agreed.", style: "I"}
			}
		default:
			cells = append(cells, cell{text: ratingText(it.Agreed), style: "B"})
			if how.text == "" {
				how = cell{text: "Agreed at " + ratingText(it.Agreed) + "; no note was recorded.", style: "I"}
			}
		}
		t.rows = append(t.rows, row{cells: append(cells, how)})
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
		if model.SameGroup(it.TopGroup, g) && model.Disagree(it.levels()...) {
			n++
		}
	}
	if n == 0 {
		return title
	}
	return title + " — " + model.Plural(n, "disagreement", "disagreements")
}

// appraisalSignOff prints every signatory, two to a row, with when they
// signed in Gapwise, or lines to sign on when they have not.
func (d *doc) appraisalSignOff(in AppraisalInput) {
	a := in.Appraisal
	type signer struct {
		title, name string
		at          time.Time
	}
	signers := []signer{{"Appraisee", in.Person.Name, a.AppraiseeSignedAt}}
	for _, ap := range a.Appraisers {
		title := "Appraiser"
		if ap.Role != "" {
			title = capital(ap.Role)
		}
		signers = append(signers, signer{title, ap.Name, ap.SignedAt})
	}
	colW := (contentW - 12) / 2
	for k := 0; k < len(signers); k += 2 {
		d.need(signOffHeight)
		y := d.y()
		for j := k; j < min(k+2, len(signers)); j++ {
			s := signers[j]
			d.signColumn(marginX+float64(j-k)*(colW+12), y, colW, s.title, signLines(s.name, s.at))
		}
		d.setY(y + signOffHeight - 8)
	}
}

func signLines(name string, at time.Time) [][2]string {
	if at.IsZero() {
		return [][2]string{{"Name", name}, {"Signature", ""}, {"Date", ""}}
	}
	return [][2]string{{"Name", name}, {"Signed", signedText(at)}}
}
