package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// carryPanel is the Rate screen's part in moving to a newer framework
// version: a banner when one is in the database, the note on a carried
// rating that awaits review, and the framework's attribution under its text.
type carryPanel struct {
	r *rateScreen

	banner      *fyne.Container
	bannerText  *widget.Label
	carryBtn    *widget.Button
	newer       []workspace.FrameworkInfo
	review      *fyne.Container
	reviewText  *widget.Label
	keepBtn     *widget.Button
	attribution *widget.Label
	last        *carrySummary // the summary last shown (tests)
}

func newCarryPanel(r *rateScreen) *carryPanel {
	c := &carryPanel{r: r}
	c.bannerText = widget.NewLabel("")
	c.bannerText.Wrapping = fyne.TextWrapWord
	c.carryBtn = widget.NewButtonWithIcon("Carry forward…", theme.MailForwardIcon(), c.ask)
	c.carryBtn.Importance = widget.HighImportance
	c.banner = container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), c.carryBtn, c.bannerText)
	c.banner.Hide()
	c.reviewText = widget.NewLabel("")
	c.reviewText.Wrapping = fyne.TextWrapWord
	c.reviewText.Importance = widget.WarningImportance
	c.keepBtn = widget.NewButtonWithIcon("Keep this rating", theme.ConfirmIcon(), c.keep)
	c.review = container.NewVBox(c.reviewText, container.NewHBox(c.keepBtn))
	c.review.Hide()
	c.attribution = widget.NewLabel("")
	c.attribution.Wrapping = fyne.TextWrapWord
	c.attribution.TextStyle = fyne.TextStyle{Italic: true}
	return c
}

// loaded updates the panel for a newly opened assessment.
func (c *carryPanel) loaded(sh *workspace.Sheet, newer []workspace.FrameworkInfo) {
	c.attribution.SetText(attributionLine(sh.Framework))
	c.newer = newer
	if len(newer) == 0 {
		c.banner.Hide()
	} else {
		n := newer[len(newer)-1]
		name := n.ShortName
		if name == "" {
			name = n.Name
		}
		c.bannerText.SetText(fmt.Sprintf("%s (%s) is available: carry your %d ratings forward. Ratings of items whose wording changed are flagged for you to review; this assessment stays as it is.",
			name, n.Ref, len(sh.Ratings)))
		c.banner.Show()
	}
	c.r.body.Refresh()
}

// showItem shows the review note when the item's rating was carried and
// its wording changed.
func (c *carryPanel) showItem(it *model.Item) {
	why, ok := c.r.sheet.Review[it.ID]
	if ok {
		c.reviewText.SetText("Carried from an earlier version of this framework, and its wording changed (" + why +
			"). Read the levels again: choose your level, or keep this rating as it is.")
		c.review.Show()
	} else {
		c.review.Hide()
	}
	c.relayout()
}

// relayout lays the item panel out again after the note appears or goes.
func (c *carryPanel) relayout() {
	if p, ok := c.r.detail.Content.(*fyne.Container); ok {
		for _, o := range p.Objects {
			o.Refresh()
		}
	}
}

// keep confirms the carried rating on screen as it is.
func (c *carryPanel) keep() {
	r := c.r
	if r.sheet == nil || r.cur == nil {
		return
	}
	id, item := r.sheet.Assessment.ID, r.cur.ID
	inBackground(func() (struct{}, error) {
		return struct{}{}, r.shell.ws.ConfirmReview(r.shell.ctx, model.AssessmentID(id), model.ItemID(item))
	}, func(_ struct{}, err error) {
		if err != nil {
			showError(r.shell.win, err)
			return
		}
		delete(r.sheet.Review, item)
		c.review.Hide()
		c.relayout()
		r.list.Refresh()
	})
}

// ask offers the newer versions, then carries.
func (c *carryPanel) ask() {
	r := c.r
	if r.sheet == nil || len(c.newer) == 0 {
		return
	}
	opts := make([]string, len(c.newer))
	for i, n := range c.newer {
		opts[i] = n.Ref.String()
	}
	pick := widget.NewSelect(opts, nil)
	pick.SetSelectedIndex(len(opts) - 1)
	dialog.NewCustomConfirm("Carry this assessment forward", "Carry forward", "Cancel",
		widget.NewForm(widget.NewFormItem("To", pick)),
		func(ok bool) {
			if ok {
				c.carryForward(pick.Selected)
			}
		}, r.shell.win).Show()
}

// carryForward makes the new assessment against version to and shows the summary.
func (c *carryPanel) carryForward(to string) {
	r := c.r
	id := r.sheet.Assessment.ID
	inBackground(func() (*workspace.CarryResult, error) {
		return r.shell.ws.CarryAssessment(r.shell.ctx, id, to)
	}, func(res *workspace.CarryResult, err error) {
		if err != nil {
			showError(r.shell.win, err)
			return
		}
		c.last = showCarrySummary(r.shell, res)
	})
}

// carrySummary is the dialog after carrying.
type carrySummary struct {
	text *widget.Label
	open *widget.Button
	dlg  dialog.Dialog
}

func showCarrySummary(s *Shell, res *workspace.CarryResult) *carrySummary {
	cs := &carrySummary{}
	cs.text = widget.NewLabel(res.Summary())
	cs.text.Wrapping = fyne.TextWrapWord
	carried, review, dropped, fresh := res.Counts()
	head := widget.NewLabelWithStyle(fmt.Sprintf("%d carried · %d to review · %d left behind · %d new items", carried, review, dropped, fresh),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	attribution := widget.NewLabelWithStyle(attributionLine(res.ToFramework), fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	attribution.Wrapping = fyne.TextWrapWord
	cs.open = widget.NewButtonWithIcon("Open the new assessment", theme.DocumentCreateIcon(), func() {
		cs.dlg.Hide()
		s.openAssessment(res.Assessment.ID, true)
	})
	cs.open.Importance = widget.HighImportance
	stay := widget.NewButton("Stay here", func() { cs.dlg.Hide() })
	body := container.NewBorder(head, container.NewVBox(attribution, container.NewHBox(stay, cs.open)), nil, nil,
		container.NewVScroll(cs.text))
	cs.dlg = dialog.NewCustomWithoutButtons("Carried forward to "+res.ToFramework.Ref.String(), body, s.win)
	cs.dlg.Resize(fyne.NewSize(820, 600))
	cs.dlg.Show()
	return cs
}
