package ui

import (
	"context"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/gap"
	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// pathwaysScreen shows career options: the gap to the next level of the
// person's role, and every role level ranked by fit, with which skills
// transfer and which are missing.
type pathwaysScreen struct {
	loading newest // latest-wins loads (ui/async.go)
	shell   *Shell
	view    *workspace.PathwayView

	next   *widget.Label
	note   *widget.Label
	list   *widget.List
	detail *widget.RichText
	body   fyne.CanvasObject
	empty  *widget.Label
	root   *fyne.Container
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
		func() fyne.CanvasObject {
			l := widget.NewLabel("100% · role family › role level title template")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(pathwayLine(&p.view.Ranked[id]))
		},
	)
	p.list.OnSelected = func(id widget.ListItemID) {
		if p.view != nil && id >= 0 && id < len(p.view.Ranked) {
			p.detail.Segments = pathwaySegments(p.view.Sheet, &p.view.Ranked[id])
			p.detail.Refresh()
		}
	}
	p.detail = widget.NewRichText()
	p.detail.Wrapping = fyne.TextWrapWord
	split := container.NewHSplit(p.list, container.NewVScroll(container.NewPadded(p.detail)))
	split.Offset = 0.5
	p.body = container.NewBorder(container.NewVBox(p.next, p.note), nil, nil, nil, split)
	p.empty = widget.NewLabel("Career pathways use the DDaT framework's role profiles. In Me, start or open a DDaT assessment.")
	p.root = container.NewStack(container.NewCenter(p.empty))
	return p
}

// content is the screen's root object.
func (p *pathwaysScreen) content() fyne.CanvasObject { return p.root }

// shown is the pathways on screen, nil when none.
func (p *pathwaysScreen) shown() *workspace.PathwayView { return p.view }

// load ranks role levels for the open assessment or, when it is against a
// framework without role profiles, the person's latest one that has them.
func (p *pathwaysScreen) load(id string) {
	person := p.shell.person
	if person == nil {
		p.loading.stale()
		p.showEmpty()
		return
	}
	ws := p.shell.ws
	loadNewest(&p.loading, p.shell.ctx, func(ctx context.Context) (*workspace.PathwayView, error) {
		// The person's own self-assessments only, never an appraiser's.
		ids := []string{}
		if id != "" {
			if own, err := ws.OwnAssessment(ctx, id); err == nil {
				ids = append(ids, own.ID)
			}
		}
		as, err := ws.Assessments(ctx, person.ID)
		if err != nil {
			return nil, err
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
			return v, err
		}
		return nil, nil
	}, func(v *workspace.PathwayView, err error) {
		if err != nil {
			showError(p.shell.win, err)
			return
		}
		if v == nil {
			p.showEmpty()
			return
		}
		p.show(v, id)
	})
}

func (p *pathwaysScreen) showEmpty() {
	p.view = nil
	p.root.Objects = []fyne.CanvasObject{container.NewCenter(p.empty)}
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
	p.list.Refresh()
	if len(v.Ranked) > 0 {
		p.list.Select(0)
	}
}

func pathwayLine(pw *gap.Pathway) string {
	// The unknowns come straight after the met count, so a narrow window
	// cuts the gap, not what the fit rests on.
	line := fmt.Sprintf("%3.0f%% · %s › %s (%d of %d met", pw.Fit*100, pw.Role.Family, pw.Level.Title, pw.Met, pw.Required)
	if pw.Unknown > 0 {
		line += fmt.Sprintf(", %d unknown", pw.Unknown)
	}
	return line + ", " + pw.GapText() + ")"
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
