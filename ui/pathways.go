package ui

import (
	"context"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/gap"
	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// maxSidewaysRows is how many sideways moves the ladder lists.
const maxSidewaysRows = 15

// pathwaysScreen shows career options: the gap to the next level of the
// person's role, every role level ranked by fit, and a role family's ladder
// with the sideways moves out of it; each role level says what it rests on
// and offers to rate just its unrated skills.
type pathwaysScreen struct {
	loading newest // latest-wins loads (ui/async.go)
	shell   *Shell
	view    *workspace.PathwayView

	next   *widget.Label
	note   *widget.Label
	views  *container.AppTabs // "All role levels" and "Ladder"
	list   *widget.List
	rows   *wrappedRows // the list's rows as tall as their text (layouts.go)
	find   *rolePicker  // jumps to a role level in the ranked list
	findFW *model.Framework
	ranked *pathwayDetail
	detail *widget.RichText // the ranked list's detail text

	family  *widget.Select // the ladder's role family
	lnote   *widget.Label
	ladder  gap.Ladder
	lrows   []ladderRow
	llist   *widget.List
	lfit    *wrappedRows // the ladder's rows as tall as their text
	ldetail *pathwayDetail

	body  fyne.CanvasObject
	empty *widget.Label
	root  *fyne.Container
}

// ladderRow is one line of the ladder list: a heading, a role level of the
// family, or a sideways move.
type ladderRow struct {
	heading string
	pw      *gap.Pathway
	mark    string // "You fit here", "Next step up", "Your target"; "" for none
	side    bool
}

func newPathwaysScreen(s *Shell) *pathwaysScreen {
	p := &pathwaysScreen{shell: s}
	p.next = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.next.Wrapping = fyne.TextWrapWord
	p.note = widget.NewLabel("")
	p.note.Wrapping = fyne.TextWrapWord
	p.list = widget.NewList(
		func() int {
			if p.view == nil {
				return 0
			}
			return len(p.view.Ranked)
		},
		func() fyne.CanvasObject { return wrapRowLabel("100% · role family › role level title template") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(pathwayLine(&p.view.Ranked[id]))
		},
	)
	var rows fyne.CanvasObject
	rows, p.rows = fitRows(p.list, func() int {
		if p.view == nil {
			return 0
		}
		return len(p.view.Ranked)
	}, func(id int) string { return pathwayLine(&p.view.Ranked[id]) }, 2)
	p.ranked = newPathwayDetail(p)
	p.detail = p.ranked.text
	p.list.OnSelected = func(id widget.ListItemID) {
		if p.view != nil && id >= 0 && id < len(p.view.Ranked) {
			p.ranked.show(p.view, &p.view.Ranked[id])
		}
	}
	p.find = newRolePicker(s.win, nil)
	p.find.PlaceHolder = "Find a role level (type to search)…"
	p.find.OnChanged = func(l *model.RoleLevel) { p.reveal(l.ID) }
	rankedSplit := container.NewHSplit(container.NewBorder(p.find, nil, nil, nil, rows), p.ranked.content())
	rankedSplit.Offset = 0.5

	p.family = widget.NewSelect(nil, func(string) { p.showLadder() })
	p.lnote = widget.NewLabel("")
	p.lnote.Wrapping = fyne.TextWrapWord
	p.llist = widget.NewList(
		func() int { return len(p.lrows) },
		func() fyne.CanvasObject {
			return wrapRowLabel("Next step up · role level title template — 5 of 9 met")
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			r := p.lrows[id]
			l := o.(*widget.Label)
			l.TextStyle = ladderStyle(r)
			l.SetText(ladderLine(r))
		},
	)
	var lrows fyne.CanvasObject
	lrows, p.lfit = fitRows(p.llist, func() int { return len(p.lrows) }, func(id int) string { return ladderLine(p.lrows[id]) }, 2)
	p.lfit.style = func(id int) fyne.TextStyle { return ladderStyle(p.lrows[id]) }
	p.ldetail = newPathwayDetail(p)
	p.llist.OnSelected = func(id widget.ListItemID) {
		if id < 0 || id >= len(p.lrows) || p.lrows[id].pw == nil {
			p.llist.Unselect(id)
			return
		}
		p.ldetail.show(p.view, p.lrows[id].pw)
	}
	ladderTop := container.NewVBox(container.NewBorder(nil, nil, widget.NewLabel("Role family"), nil, p.family), p.lnote)
	ladderSplit := container.NewHSplit(container.NewBorder(ladderTop, nil, nil, nil, lrows), p.ldetail.content())
	ladderSplit.Offset = 0.5

	p.views = container.NewAppTabs(
		container.NewTabItem("All role levels", container.NewBorder(p.note, nil, nil, nil, rankedSplit)),
		container.NewTabItem("Ladder", ladderSplit),
	)
	p.body = container.NewBorder(p.next, nil, nil, nil, p.views)
	p.empty = widget.NewLabel("")
	p.empty.Wrapping = fyne.TextWrapWord
	p.empty.Alignment = fyne.TextAlignCenter
	p.root = container.NewStack(p.emptyBox())
	return p
}

func (p *pathwaysScreen) emptyBox() fyne.CanvasObject {
	return container.NewBorder(nil, nil, nil, nil, container.NewCenter(container.NewGridWrap(fyne.NewSize(560, 160), p.empty)))
}

// content is the screen's root object.
func (p *pathwaysScreen) content() fyne.CanvasObject { return p.root }

// shown is the pathways on screen, nil when none.
func (p *pathwaysScreen) shown() *workspace.PathwayView { return p.view }

// pathwaysLoad is what the screen reads: the view, or why there is none.
type pathwaysLoad struct {
	view *workspace.PathwayView
	// without names the open assessment's framework when it has no role
	// levels (and no other self-assessment has them); "" when nothing is open.
	without string
}

// load ranks role levels for the open assessment or, when it is against a
// framework without role profiles, the person's latest one that has them.
func (p *pathwaysScreen) load(id string) {
	person := p.shell.person
	if person == nil {
		p.loading.stale()
		p.showEmpty("")
		return
	}
	ws := p.shell.ws
	loadNewest(&p.loading, p.shell.ctx, func(ctx context.Context) (pathwaysLoad, error) {
		// The person's own self-assessments only, never an appraiser's.
		ids := []string{}
		without := ""
		if id != "" {
			if own, err := ws.OwnAssessment(ctx, id); err == nil {
				ids = append(ids, own.ID)
				if f, err := ws.Framework(ctx, own.Framework); err == nil {
					without = f.Name
					if f.ShortName != "" && f.ShortName != f.Name {
						without += " (" + f.ShortName + ")"
					}
				}
			}
		}
		as, err := ws.Assessments(ctx, person.ID)
		if err != nil {
			return pathwaysLoad{}, err
		}
		for _, a := range as {
			if a.Kind == model.SelfAssessment {
				ids = append(ids, a.ID)
			}
		}
		for _, aid := range ids {
			v, err := ws.Pathways(ctx, aid)
			if model.KindOf(err) == model.Invalid {
				continue // no role profiles in that framework
			}
			return pathwaysLoad{view: v}, err
		}
		return pathwaysLoad{without: without}, nil
	}, func(l pathwaysLoad, err error) {
		if err != nil {
			showError(p.shell.win, err)
			return
		}
		if l.view == nil {
			p.showEmpty(l.without)
			return
		}
		p.show(l.view, id)
	})
}

// showEmpty says honestly why there is nothing to show: without names a
// framework with no role levels (FCI, SFIA), "" when nothing is open.
func (p *pathwaysScreen) showEmpty(without string) {
	p.view = nil
	msg := "Career pathways and the ladder use the DDaT framework's role profiles. In Me, start or open a DDaT self-assessment."
	if without != "" {
		msg = without + " has no role levels, so there is no career ladder or pathway to rank for it (nothing is hidden: the framework defines none). " +
			"Pathways and the ladder use the DDaT framework's role profiles: in Me, start a DDaT self-assessment of all items to see where your skills fit."
	}
	p.empty.SetText(msg)
	p.root.Objects = []fyne.CanvasObject{p.emptyBox()}
	p.root.Refresh()
}

func (p *pathwaysScreen) show(v *workspace.PathwayView, requested string) {
	p.view = v
	switch {
	case v.Current == nil:
		p.next.SetText("No role level chosen: set targets from a DDaT role level (in My gaps) to see your next step.")
	case v.Next == nil:
		p.next.SetText(fmt.Sprintf("You are measured against %s, the most senior level of %s in this framework.", v.Current.Title, v.CurrentRole.Title))
	case v.NextGap != nil:
		g := v.NextGap
		p.next.SetText(fmt.Sprintf("Next step: %s — %d of %d skills met, %s; %s.",
			v.Next.Title, g.Met, g.Required, g.GapText(), g.Basis()))
	}
	note := fmt.Sprintf("Role levels ranked by the share of their required skills you meet, from %s. Unrated skills count as unknown, never as met: levels resting on at least half their skills come first.", ownTitle(v.Sheet))
	if requested != "" && v.Sheet.Assessment.ID != requested {
		note = "The open assessment's framework has no role profiles; using your latest " + v.Sheet.Framework.ShortName + " assessment. " + note
	}
	if v.AllRatedZero {
		note += " You have not rated anything yet, so every fit is 0%."
	} else if len(v.Ranked) > 0 && !v.Ranked[0].Enough {
		note += " No role level rests on half its skills yet: rate more before trusting this order."
	}
	p.note.SetText(note)
	p.root.Objects = []fyne.CanvasObject{p.body}
	p.root.Refresh()
	p.list.UnselectAll()
	p.rows.refit()
	p.list.Refresh()
	if len(v.Ranked) > 0 {
		p.list.Select(0)
	}
	if p.find.Len() == 0 || v.Sheet.Framework != p.findFW {
		p.find.SetFramework(v.Sheet.Framework)
		p.findFW = v.Sheet.Framework
	}
	fams := v.Families()
	keep := p.family.Selected
	p.family.Options = fams
	if !slices.Contains(fams, keep) {
		keep = v.DefaultFamily()
	}
	if p.family.Selected == keep {
		p.family.Refresh()
		p.showLadder() // same family, new ratings
	} else {
		p.family.SetSelected(keep) // shows the ladder
	}
}

// showLadder lays out the chosen family's ladder and sideways moves.
func (p *pathwaysScreen) showLadder() {
	v := p.view
	p.lrows = p.lrows[:0]
	p.llist.UnselectAll()
	l, ok := gap.Ladder{}, false
	if v != nil {
		l, ok = v.Ladder(p.family.Selected)
	}
	p.ladder = l
	if !ok {
		p.lnote.SetText("Choose a role family to see its ladder.")
		p.lfit.refit()
		p.llist.Refresh()
		p.ldetail.clear("A role family's ladder shows each of its roles from the most junior level to the most senior.")
		return
	}
	first, top := -1, 0 // the row to select, and the row to scroll to (its role's heading)
	for _, r := range p.ladder.Roles {
		head := len(p.lrows)
		p.lrows = append(p.lrows, ladderRow{heading: r.Role.Title})
		for k := range r.Steps {
			row := ladderRow{pw: &r.Steps[k]}
			switch {
			case k == r.Fits:
				row.mark = "You fit here"
			case k == r.Next && r.Fits < 0:
				row.mark = "Start here" // no level of this role reached yet
			case k == r.Next:
				row.mark = "Next step up"
			}
			if v.Current != nil && row.pw.Level.ID == v.Current.ID {
				row.mark = joinMark(row.mark, "your target")
				first, top = len(p.lrows), head
			}
			p.lrows = append(p.lrows, row)
		}
	}
	side := p.ladder.Sideways
	if len(side) == 0 {
		p.lrows = append(p.lrows, ladderRow{heading: "Sideways moves: none yet (no rated skill of yours meets another family's role level)"})
	} else {
		p.lrows = append(p.lrows, ladderRow{heading: "Sideways moves to other families, by skills that transfer"})
		for i := range side {
			if i == maxSidewaysRows {
				p.lrows = append(p.lrows, ladderRow{heading: fmt.Sprintf("… and %d more (gapwise-cli ladder --json lists them all)", len(side)-maxSidewaysRows)})
				break
			}
			p.lrows = append(p.lrows, ladderRow{pw: &side[i], side: true})
		}
	}
	p.lnote.SetText(fmt.Sprintf("%d roles, most junior level first. A level is reached only when every skill it needs is rated and met: unrated skills are unknown, never met. "+
		"Sideways moves: other families' roles by the share of their skills you meet (rated only).", len(p.ladder.Roles)))
	p.lfit.refit()
	p.llist.Refresh()
	if first < 0 {
		first = slices.IndexFunc(p.lrows, func(r ladderRow) bool { return r.pw != nil })
	}
	if first >= 0 {
		p.llist.Select(first)
		p.llist.ScrollTo(top)
	}
}

// reveal selects a role level in the ranked list and scrolls to it.
func (p *pathwaysScreen) reveal(id string) {
	if p.view == nil {
		return
	}
	if i := slices.IndexFunc(p.view.Ranked, func(pw gap.Pathway) bool { return pw.Level.ID == id }); i >= 0 {
		p.list.Select(i)
		p.list.ScrollTo(i)
	}
}

func joinMark(a, b string) string {
	if a == "" {
		return "Your target"
	}
	return a + ", " + b
}

// ladderLine is one row of the ladder list; the mark comes first so a
// narrow window cuts the figures, not where you stand.
func ladderLine(r ladderRow) string {
	switch {
	case r.pw == nil:
		return r.heading
	case r.side:
		return fmt.Sprintf("    %3.0f%% · %s › %s (%d of %d transfer", r.pw.Fit*100, r.pw.Role.Family, r.pw.Level.Title, r.pw.Met, r.pw.Required) +
			unknownText(r.pw) + ")"
	}
	line := "    "
	if r.mark != "" {
		line += r.mark + " · "
	}
	return line + r.pw.Level.Title + " — " + r.pw.StepText()
}

func unknownText(pw *gap.Pathway) string {
	if pw.Unknown == 0 {
		return ""
	}
	return fmt.Sprintf(", %d unknown", pw.Unknown)
}

func pathwayLine(pw *gap.Pathway) string {
	// The unknowns come straight after the met count, so a narrow window
	// cuts the gap, not what the fit rests on.
	return fmt.Sprintf("%3.0f%% · %s › %s (%d of %d met", pw.Fit*100, pw.Role.Family, pw.Level.Title, pw.Met, pw.Required) +
		unknownText(pw) + ", " + pw.GapText() + ")"
}

// pathwayDetail explains one role level and offers to rate just its
// unrated skills.
type pathwayDetail struct {
	p     *pathwaysScreen
	text  *widget.RichText
	rate  *widget.Button
	scope *widget.Label // says when some unrated skills are outside the assessment
	pw    *gap.Pathway
	todo  []string // the unrated skills the open assessment covers
}

func newPathwayDetail(p *pathwaysScreen) *pathwayDetail {
	d := &pathwayDetail{p: p}
	d.text = widget.NewRichText()
	d.text.Wrapping = fyne.TextWrapWord
	d.rate = widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), d.rateThem)
	d.rate.Importance = widget.HighImportance
	d.rate.Hide()
	d.scope = widget.NewLabel("")
	d.scope.Wrapping = fyne.TextWrapWord
	d.scope.Hide()
	return d
}

func (d *pathwayDetail) content() fyne.CanvasObject {
	return container.NewVScroll(container.NewPadded(container.NewVBox(d.rate, d.scope, d.text)))
}

func (d *pathwayDetail) clear(msg string) {
	d.pw, d.todo = nil, nil
	d.rate.Hide()
	d.scope.Hide()
	d.text.Segments = []widget.RichTextSegment{para(msg)}
	d.text.Refresh()
}

// show explains a role level; the rate button offers the unrated skills
// that the assessment covers (a role-level assessment covers only its own).
func (d *pathwayDetail) show(v *workspace.PathwayView, pw *gap.Pathway) {
	d.pw = pw
	d.text.Segments = pathwaySegments(v.Sheet, pw)
	d.text.Refresh()
	inScope := map[string]bool{}
	for _, it := range v.Sheet.Items {
		inScope[it.ID] = true
	}
	d.todo = slices.DeleteFunc(slices.Clone(pw.NotRated), func(id string) bool { return !inScope[id] })
	outside := len(pw.NotRated) - len(d.todo)
	switch {
	case len(pw.NotRated) == 0:
		d.rate.Hide()
	case len(d.todo) == len(pw.NotRated):
		d.rate.SetText(fmt.Sprintf("Rate just its %s", plural(len(d.todo), "unrated skill")))
		d.rate.Enable()
		d.rate.Show()
	case len(d.todo) > 0:
		d.rate.SetText(fmt.Sprintf("Rate %d of its %s", len(d.todo), plural(len(pw.NotRated), "unrated skill")))
		d.rate.Enable()
		d.rate.Show()
	default:
		d.rate.SetText(fmt.Sprintf("Rate its %s", plural(len(pw.NotRated), "unrated skill")))
		d.rate.Disable()
		d.rate.Show()
	}
	if outside > 0 {
		d.scope.SetText(fmt.Sprintf("%d of them %s outside %s, which covers %d items: in Me, start a DDaT self-assessment of all items to rate them.",
			outside, map[bool]string{true: "is", false: "are"}[outside == 1], ownTitle(v.Sheet), len(v.Sheet.Items)))
		d.scope.Show()
	} else {
		d.scope.Hide()
	}
}

func (d *pathwayDetail) rateThem() {
	v := d.p.view
	if v == nil || d.pw == nil || len(d.todo) == 0 {
		return
	}
	what := fmt.Sprintf("the %s of %s", plural(len(d.todo), "unrated required skill"), d.pw.Level.Title)
	d.p.shell.rateOnly(v.Sheet.Assessment.ID, d.todo, what)
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// pathwaySegments explains one role level: what transfers and what is missing.
func pathwaySegments(sh *workspace.Sheet, pw *gap.Pathway) []widget.RichTextSegment {
	f := sh.Framework
	segs := []widget.RichTextSegment{
		heading(pw.Level.Title),
		emphasis(pw.Role.Family + " › " + pw.Role.Title),
		para(fmt.Sprintf("You meet %d of the %d skills this level needs (%.0f%%); total gap %d level(s) on the skills you have rated.", pw.Met, pw.Required, pw.Fit*100, pw.TotalGap)),
		para("The fit " + pw.Basis() + "."),
	}
	need := map[string]int{}
	for _, q := range pw.Level.Requirements {
		need[q.Item] = q.Level
	}
	line := func(id string) widget.RichTextSegment {
		name := id
		if it, ok := f.Item(id); ok {
			name = it.Title
		}
		cur := "not rated"
		if r, ok := sh.Ratings[id]; ok {
			cur = fmt.Sprintf("you %d %s", r.Level, f.Scale.LevelName(r.Level))
		}
		return para(fmt.Sprintf("%s — needs %d %s; %s", name, need[id], f.Scale.LevelName(need[id]), cur))
	}
	add := func(title string, ids []string) {
		if len(ids) == 0 {
			return
		}
		segs = append(segs, subheading(fmt.Sprintf("%s (%d)", title, len(ids))))
		for _, id := range ids {
			segs = append(segs, line(id))
		}
	}
	add("Skills that transfer", pw.Transferable)
	missing := slices.DeleteFunc(slices.Clone(pw.Missing), func(id string) bool { return slices.Contains(pw.NotRated, id) })
	add("Skills to develop", missing)
	add("Not rated yet", pw.NotRated)
	segs = append(segs, para(f.Attribution))
	return segs
}

// ladderStyle is a ladder row's text style: headings and the person's own
// and next rungs in bold.
func ladderStyle(r ladderRow) fyne.TextStyle {
	return fyne.TextStyle{Bold: r.pw == nil || r.mark != ""}
}
