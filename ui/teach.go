package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/gap"
	"gapwise/internal/model"
)

// teachPanel is the team screen's "Who can teach whom" tab: per item, who
// could teach it, who wants to learn it and the suggested sessions
// (gap.Teach, worded by gap.TeachingLines for the display on screen), and a
// button that agrees an item's sessions as team actions.
type teachPanel struct {
	t      *teamScreen
	items  []*gap.ItemMeasure // the team screen's measures (filter and sort), as listed
	counts []gap.TeachingCounts
	sel    int          // index into items; -1 when none chosen
	cur    gap.Teaching // the chosen item's teaching
	list   *widget.List
	title  *widget.Label
	detail *widget.Label
	agree  *widget.Button
	root   fyne.CanvasObject
}

func newTeachPanel(t *teamScreen) *teachPanel {
	p := &teachPanel{t: t, sel: -1}
	p.list = widget.NewList(
		func() int { return len(p.items) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("teaching template row")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			setLabel(o.(*widget.Label), p.line(id), false)
		},
	)
	p.list.OnSelected = func(id widget.ListItemID) { p.choose(id) }
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.Wrapping = fyne.TextWrapWord
	p.detail = widget.NewLabel("Choose an item to see who could teach it and who wants to learn it.")
	p.detail.Wrapping = fyne.TextWrapWord
	p.agree = widget.NewButtonWithIcon("Agree as team actions", theme.ConfirmIcon(), func() { p.agreePairings() })
	p.agree.Importance = widget.HighImportance
	p.agree.Disable()
	note := widget.NewLabel("Teachers meet the team target (without one: the team's best, at the middle level or above); " +
		"learners ticked \"I want to develop this\" or are below target; each learner goes to the teacher furthest on.")
	note.Wrapping = fyne.TextWrapWord
	right := container.NewVScroll(container.NewPadded(container.NewVBox(p.title, p.detail, container.NewHBox(p.agree), note)))
	split := container.NewHSplit(p.list, right)
	split.Offset = 0.5
	p.root = split
	return p
}

// refresh follows the team screen's items and display (arrange).
func (p *teachPanel) refresh() {
	v := p.t.view
	var keep *model.Item
	if p.sel >= 0 && p.sel < len(p.items) {
		keep = p.items[p.sel].Item
	}
	p.items, p.counts, p.sel = p.t.measures, make([]gap.TeachingCounts, len(p.t.measures)), -1
	for k, m := range p.items {
		if !p.t.hidden(m.Rated) {
			p.counts[k] = gap.TeachCounts(v.Framework, v.Ratings, m)
		}
		if m.Item == keep {
			p.sel = k
		}
	}
	p.list.Refresh()
	p.showChosen()
}

// line is one item's row: its state and counts, or that it is hidden.
func (p *teachPanel) line(k int) string {
	m := p.items[k]
	head := m.Item.Label()
	if p.t.hidden(m.Rated) {
		return fmt.Sprintf("[hidden] %s — rated by fewer than %d people", head, p.t.display.MinPeople)
	}
	c := p.counts[k]
	mark := ""
	if m.Fragile {
		mark = "[FRAGILE] "
	}
	return fmt.Sprintf("%s%s — %d could teach · %d want to learn · %d interested", mark, head, c.Teachers, c.Learners, c.Interested)
}

func (p *teachPanel) choose(k int) {
	if k < 0 || k >= len(p.items) {
		return
	}
	p.sel = k
	p.showChosen()
}

// showChosen fills the right side for the chosen item, as the display allows.
func (p *teachPanel) showChosen() {
	v := p.t.view
	p.cur = gap.Teaching{}
	p.agree.Disable()
	if v == nil || p.sel < 0 || p.sel >= len(p.items) {
		p.title.SetText("")
		p.detail.SetText("Choose an item to see who could teach it and who wants to learn it.")
		return
	}
	m := p.items[p.sel]
	p.title.SetText(strings.Replace(m.Item.Label(), "  ", " — ", 1))
	if p.t.hidden(m.Rated) {
		p.detail.SetText(fmt.Sprintf("Hidden: rated by fewer than %d people.", p.t.display.MinPeople))
		return
	}
	p.cur = gap.Teach(v.Framework, v.Ratings, m, v.Ratings.DisplayOrder(p.t.roster))
	lines := gap.TeachingLines(p.t.display, p.t.roster, v.Ratings, p.cur, m)
	if len(lines) == 0 {
		lines = []string{"Nobody could teach this yet, and nobody has asked to learn it."}
	}
	p.detail.SetText(strings.Join(lines, "\n"))
	if len(p.cur.Pairings) > 0 {
		p.agree.Enable()
	}
}

// agreePairings adds the chosen item's suggested sessions to the team plan
// (workspace.AgreePairings: the teacher's "Run a session" and each learner's
// "Join the session", all or none, naming nobody in their words).
func (p *teachPanel) agreePairings() {
	v, tc, d := p.t.view, p.cur, p.t.display
	if v == nil || len(tc.Pairings) == 0 {
		return
	}
	s, id := p.t.shell, v.Team.ID
	p.agree.Disable()
	inBackground(func() ([]model.Action, error) {
		return s.ws.AgreePairings(s.ctx, id, tc.Item.ID, d)
	}, func(added []model.Action, err error) {
		if err != nil {
			showError(s.win, err)
			p.agree.Enable()
			return
		}
		p.t.status.SetText(fmt.Sprintf("Added %s on %s to the team plan.", model.Plural(len(added), "action", "actions"), tc.Item.ID))
		p.t.load(id)
	})
}
