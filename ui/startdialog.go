package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

const (
	scopeAll   = "All items"
	scopeGroup = "One group"
	scopeRole  = "Only the items a role level needs"
)

// startForm is the "Start an assessment" dialog's state, kept apart from the
// dialog so tests can drive it.
type startForm struct {
	frameworks []*model.Framework
	fw         *model.Framework
	groups     []*model.Group
	levels     []*model.RoleLevel

	framework *widget.Select
	scope     *widget.RadioGroup
	group     *widget.Select
	level     *rolePicker
	kind      *widget.Select
	covers    *widget.Label
	content   fyne.CanvasObject
}

func newStartForm(win fyne.Window, frameworks []*model.Framework) *startForm {
	f := &startForm{frameworks: frameworks}
	names := make([]string, len(frameworks))
	for i, fw := range frameworks {
		names[i] = fw.Name + " (" + fw.Ref.String() + ")"
		if fw.Provisional {
			names[i] += " — provisional"
		}
	}
	f.covers = widget.NewLabel("")
	f.group = widget.NewSelect(nil, func(string) { f.update() })
	f.level = newRolePicker(win, nil)
	f.level.OnChanged = func(*model.RoleLevel) { f.update() }
	f.scope = widget.NewRadioGroup([]string{scopeAll, scopeGroup, scopeRole}, func(string) { f.update() })
	f.scope.Required = true
	f.framework = widget.NewSelect(names, func(string) { f.pick() })
	f.kind = widget.NewSelect([]string{"Self-assessment", "Appraiser's assessment", "Agreed"}, nil)
	f.kind.SetSelectedIndex(0)
	f.content = widget.NewForm(
		widget.NewFormItem("Framework", f.framework),
		widget.NewFormItem("Rate", f.scope),
		widget.NewFormItem("Group", f.group),
		widget.NewFormItem("Role level", f.level),
		widget.NewFormItem("Kind", f.kind),
		widget.NewFormItem("", f.covers),
	)
	f.scope.SetSelected(scopeAll)
	if len(frameworks) > 0 {
		f.framework.SetSelectedIndex(0)
	}
	return f
}

// pick fills the group and role level choices for the chosen framework.
func (f *startForm) pick() {
	i := f.framework.SelectedIndex()
	if i < 0 {
		return
	}
	f.fw = f.frameworks[i]
	f.groups = f.groups[:0]
	var gnames []string
	for j := range f.fw.Groups {
		g := &f.fw.Groups[j]
		f.groups = append(f.groups, g)
		indent := ""
		if g.Parent != "" {
			indent = "    "
		}
		gnames = append(gnames, indent+g.Title)
	}
	f.group.SetOptions(gnames)
	f.group.ClearSelected()
	f.levels = f.levels[:0]
	for r := range f.fw.Roles {
		role := &f.fw.Roles[r]
		for l := range role.Levels {
			f.levels = append(f.levels, &role.Levels[l])
		}
	}
	f.level.SetFramework(f.fw) // the same levels in the same order
	f.update()
}

// scopeChoice is the chosen scope, or an explanation of what is missing.
func (f *startForm) scopeChoice() (model.Scope, string) {
	switch f.scope.Selected {
	case scopeGroup:
		i := f.group.SelectedIndex()
		if len(f.groups) == 0 {
			return model.Scope{}, "This framework has no groups."
		}
		if i < 0 {
			return model.Scope{}, "Choose a group."
		}
		return model.Scope{Group: f.groups[i].ID}, ""
	case scopeRole:
		i := f.level.SelectedIndex()
		if len(f.levels) == 0 {
			return model.Scope{}, "This framework has no role levels (DDaT has)."
		}
		if i < 0 {
			return model.Scope{}, "Choose a role level: its required skill levels become your targets."
		}
		return model.Scope{RoleLevel: f.levels[i].ID}, ""
	}
	return model.Scope{}, ""
}

// update shows how many items the choice covers before anything starts.
func (f *startForm) update() {
	if f.fw == nil {
		return
	}
	if f.scope.Selected == scopeGroup {
		f.group.Enable()
	} else {
		f.group.Disable()
	}
	if f.scope.Selected == scopeRole {
		f.level.Enable()
	} else {
		f.level.Disable()
	}
	sc, missing := f.scopeChoice()
	if missing != "" {
		f.covers.SetText(missing)
		return
	}
	items, err := workspace.ScopeItems(f.fw, sc)
	if err != nil {
		f.covers.SetText(err.Error())
		return
	}
	f.covers.SetText(fmt.Sprintf("This assessment covers %d of %d items.", len(items), len(f.fw.Items)))
}

func (f *startForm) kindChoice() model.AssessmentKind {
	return []model.AssessmentKind{model.SelfAssessment, model.AppraiserAssessment, model.AgreedAssessment}[max(f.kind.SelectedIndex(), 0)]
}

// startAssessment asks what to rate and starts it for the current person.
func (p *profileScreen) startAssessment() {
	s := p.shell
	if s.person == nil {
		showError(s.win, model.Errorf(model.NotYet, "save your profile first: an assessment belongs to a person"))
		return
	}
	person := *s.person
	inBackground(func() ([]*model.Framework, error) {
		infos, err := s.ws.Frameworks(s.ctx)
		if err != nil {
			return nil, err
		}
		out := make([]*model.Framework, 0, len(infos))
		for _, in := range infos {
			f, err := s.ws.Framework(s.ctx, in.Ref)
			if err != nil {
				return nil, err
			}
			out = append(out, f)
		}
		return out, nil
	}, func(fws []*model.Framework, err error) {
		if err != nil {
			showError(s.win, err)
			return
		}
		form := newStartForm(s.win, fws)
		showForm(s.win, "Start an assessment for "+person.Name, "Start", container.NewVScroll(form.content), fyne.NewSize(760, 460),
			func() (func() (model.Assessment, error), error) {
				if form.fw == nil {
					return nil, model.Errorf(model.Invalid, "choose a framework")
				}
				sc, missing := form.scopeChoice()
				if missing != "" {
					return nil, model.Errorf(model.Invalid, "%s", strings.TrimSuffix(missing, "."))
				}
				ref, kind := form.fw.Ref, form.kindChoice()
				return func() (model.Assessment, error) {
					return s.ws.StartAssessment(s.ctx, person.ID, ref, kind, "", sc)
				}, nil
			}, func(a model.Assessment) { s.openAssessment(a.ID, true) })
	})
}
