package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/chart"
	"gapwise/internal/gap"
	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// gapsScreen is "My gaps": gaps ordered by size within each group, a radar
// per group, and what moved since the previous assessment.
type gapsScreen struct {
	loading newest // latest-wins loads (ui/async.go)
	shell   *Shell
	view    *workspace.GapView
	rows    []gapRow

	summary *widget.Label
	changes *widget.Label
	list    *widget.List
	radars  *fyne.Container
	body    fyne.CanvasObject
	empty   *widget.Label
	root    *fyne.Container
}

// gapRow is a group heading or one item's gap.
type gapRow struct {
	heading string
	g       *gap.ItemGap
}

func newGapsScreen(s *Shell) *gapsScreen {
	g := &gapsScreen{shell: s}
	g.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	g.summary.Wrapping = fyne.TextWrapWord
	g.changes = widget.NewLabel("")
	g.changes.Wrapping = fyne.TextWrapWord
	g.list = widget.NewList(
		func() int { return len(g.rows) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("item title template")
			name.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, nil, widget.NewLabel("current 0 · target 0 · gap 0"), name)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) { g.updateRow(id, o.(*fyne.Container)) },
	)
	g.list.OnSelected = func(id widget.ListItemID) {
		g.list.Unselect(id)
		if id >= 0 && id < len(g.rows) && g.rows[id].g != nil && s.openAssessmentID() != "" {
			item := g.rows[id].g.Item.ID
			s.tabs.Select(s.rateTab)
			s.rate.jumpTo(item)
		}
	}
	g.radars = container.New(newRadarGrid())
	targets := widget.NewButtonWithIcon("Set targets…", theme.SettingsIcon(), func() { g.setTargets() })
	top := container.NewVBox(container.NewBorder(nil, nil, nil, targets, g.summary), g.changes)
	split := container.NewHSplit(g.list, container.NewVScroll(g.radars))
	split.Offset = 0.55
	g.body = container.NewBorder(top, nil, nil, nil, split)
	g.empty = widget.NewLabel("Open an assessment (in Me) to see your gaps.")
	g.root = container.NewStack(container.NewCenter(g.empty))
	return g
}

// content is the screen's root object.
func (g *gapsScreen) content() fyne.CanvasObject { return g.root }

// shown is the gap view on screen, nil when none.
func (g *gapsScreen) shown() *workspace.GapView { return g.view }

// load recomputes the gaps of an assessment ("" shows the empty state).
func (g *gapsScreen) load(id string) {
	if id == "" {
		g.loading.stale()
		g.view = nil
		g.root.Objects = []fyne.CanvasObject{container.NewCenter(g.empty)}
		g.root.Refresh()
		return
	}
	loadNewest(&g.loading, g.shell.ctx, func(ctx context.Context) (*workspace.GapView, error) {
		// The person's own self-assessment, even while an appraiser's is open.
		own, err := g.shell.ws.OwnAssessment(ctx, id)
		if err != nil {
			return nil, err
		}
		return g.shell.ws.Gaps(ctx, own.ID)
	}, func(v *workspace.GapView, err error) {
		if model.KindOf(err) == model.NotFound {
			g.view = nil
			g.root.Objects = []fyne.CanvasObject{container.NewCenter(widget.NewLabel(err.Error()))}
			g.root.Refresh()
			return
		}
		if err != nil {
			showError(g.shell.win, err)
			return
		}
		g.show(v)
	})
}

func (g *gapsScreen) show(v *workspace.GapView) {
	g.view = v
	rep := v.Report
	g.summary.SetText(fmt.Sprintf("%s — measured against: %s — %d met · %d below target · %d not rated · %d without a target · total gap %d level(s)",
		ownTitle(v.Sheet), gap.TargetsFrom(v.Sheet.Framework, rep.Items), rep.Met, rep.Below, rep.NotRated, rep.NoTarget, rep.TotalGap))
	g.changes.SetText(changesText(v))
	g.rows = g.rows[:0]
	for _, sum := range rep.Groups {
		title := "Items"
		if sum.Group != nil {
			title = sum.Group.Title
		}
		g.rows = append(g.rows, gapRow{heading: fmt.Sprintf("%s — %d met, %d below, %d not rated", title, sum.Met, sum.Below, sum.NotRated)})
		for i := range rep.Items {
			it := &rep.Items[i]
			if model.SameGroup(it.TopGroup, sum.Group) {
				g.rows = append(g.rows, gapRow{g: it})
			}
		}
	}
	g.list.Refresh()
	g.radars.Objects = nil
	for _, r := range radarsFor(v) {
		g.radars.Add(newRadarChart(r))
	}
	g.radars.Refresh()
	g.root.Objects = []fyne.CanvasObject{g.body}
	g.root.Refresh()
}

func (g *gapsScreen) updateRow(id widget.ListItemID, c *fyne.Container) {
	row := g.rows[id]
	name := c.Objects[0].(*widget.Label)
	detail := c.Objects[1].(*widget.Label)
	if row.g == nil {
		setLabel(name, row.heading, true)
		setLabel(detail, "", false)
		return
	}
	setLabel(name, "   "+row.g.Item.Label(), false)
	setLabel(detail, gapText(row.g), false)
}

// gapText states an item's position in words and numbers.
func gapText(g *gap.ItemGap) string {
	cur := "not rated"
	if g.Current != nil {
		cur = fmt.Sprintf("now %d", *g.Current)
	}
	switch g.Status {
	case gap.NoTarget:
		return cur + " · no target"
	case gap.NotRated:
		return fmt.Sprintf("not rated · target %d", *g.Target)
	}
	t := fmt.Sprintf("%s · target %d", cur, *g.Target)
	if g.Adjusted() {
		t += fmt.Sprintf(" (asked %d)", g.RawTarget)
	}
	if g.Status == gap.Met {
		return t + " · met"
	}
	return fmt.Sprintf("%s · gap %d", t, g.Gap)
}

// changesText summarises what moved since the previous assessment: counts,
// then the biggest moves by name (the full list is in the CLI's gaps --json).
func changesText(v *workspace.GapView) string {
	if v.Previous == nil {
		return "No earlier assessment of this framework version to compare with."
	}
	since := v.Previous.CreatedAt.Local().Format("2 Jan 2006")
	if len(v.Changes) == 0 {
		return "Nothing changed since your assessment of " + since + "."
	}
	const shown = 6
	var ups, downs, other int
	var moves []string
	for _, c := range v.Changes {
		switch c.Kind {
		case gap.Up:
			ups++
		case gap.Down:
			downs++
		default:
			other++
			continue
		}
		if len(moves) < shown {
			moves = append(moves, fmt.Sprintf("%s %d→%d", c.Item.Title, *c.Before, *c.After))
		}
	}
	t := fmt.Sprintf("Since %s: %d up, %d down", since, ups, downs)
	if other > 0 {
		t += fmt.Sprintf(", %d newly rated or cleared", other)
	}
	if len(moves) > 0 {
		t += ". Biggest moves: " + strings.Join(moves, "; ")
		if ups+downs > shown {
			t += fmt.Sprintf(" and %d more", ups+downs-shown)
		}
	}
	return t + "."
}

// appAxisRunes bounds an axis name; the radar shortens it further only
// when its label does not fit (fitLabel).
const appAxisRunes = 60

// radarsFor draws the radars by the one rule the PDFs use too.
func radarsFor(v *workspace.GapView) []chart.Radar {
	charts, _ := chart.GapRadars(v.Sheet.Framework, v.Report, appAxisRunes)
	return charts
}

// setTargets offers the three sources of targets: a role level's needs,
// another saved profile, or none.
func (g *gapsScreen) setTargets() {
	s := g.shell
	if g.view == nil {
		return
	}
	sh := g.view.Sheet
	f := sh.Framework
	var levels []*model.RoleLevel
	for r := range f.Roles {
		for l := range f.Roles[r].Levels {
			levels = append(levels, &f.Roles[r].Levels[l])
		}
	}
	type other struct {
		id, label string
	}
	inBackground(func() ([]other, error) {
		people, err := s.ws.People(g.shell.ctx)
		if err != nil {
			return nil, err
		}
		var out []other
		for _, p := range people {
			as, err := s.ws.Assessments(g.shell.ctx, p.ID)
			if err != nil {
				return nil, err
			}
			for _, a := range as {
				if a.ID != sh.Assessment.ID && a.Framework == f.Ref {
					out = append(out, other{a.ID, p.Name + " · " + string(a.Kind) + " · " + a.CreatedAt.Local().Format("2 Jan 2006")})
				}
			}
		}
		return out, nil
	}, func(others []other, err error) {
		if err != nil {
			showError(s.win, err)
			return
		}
		var otherNames []string
		for _, o := range others {
			otherNames = append(otherNames, o.label)
		}
		level := newRolePicker(s.win, f) // searchable: DDaT has about 200 role levels
		from := widget.NewSelect(otherNames, nil)
		if len(otherNames) == 0 {
			from.PlaceHolder = "(no other saved profile of " + f.Ref.String() + ")"
			from.Disable()
		}
		choice := widget.NewRadioGroup([]string{"The levels a role level needs", "Another saved profile's ratings", "Remove all targets"}, nil)
		choice.SetSelected("The levels a role level needs")
		form := widget.NewForm(
			widget.NewFormItem("Take targets from", choice),
			widget.NewFormItem("Role level", level),
			widget.NewFormItem("Profile", from),
		)
		id := sh.Assessment.ID
		showForm(s.win, "Set targets", "Set", form, fyne.NewSize(700, 320), func() (func() (struct{}, error), error) {
			var run func() error
			switch choice.Selected {
			case "The levels a role level needs":
				if i := level.SelectedIndex(); i >= 0 {
					lv := levels[i].ID
					run = func() error {
						return s.ws.SetTargetsFromRoleLevel(g.shell.ctx, model.AssessmentID(id), model.RoleLevelID(lv))
					}
				}
			case "Another saved profile's ratings":
				if i := from.SelectedIndex(); i >= 0 {
					o := others[i].id
					run = func() error {
						return s.ws.SetTargetsFromAssessment(g.shell.ctx, model.AssessmentID(id), model.AssessmentID(o))
					}
				}
			default:
				run = func() error { return s.ws.ClearTargets(g.shell.ctx, id) }
			}
			if run == nil {
				return nil, model.Errorf(model.Invalid, "choose where the targets come from")
			}
			return func() (struct{}, error) { return struct{}{}, run() }, nil
		}, func(struct{}) {}) // the change event redraws My gaps and the rating screen
	})
}
