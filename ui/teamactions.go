package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// newTeam asks for a name and a framework version.
func (t *teamScreen) newTeam() {
	s := t.shell
	inBackground(func() ([]workspace.FrameworkInfo, error) {
		return s.ws.Frameworks(s.ctx)
	}, func(infos []workspace.FrameworkInfo, err error) {
		if err != nil {
			showError(s.win, err)
			return
		}
		name := widget.NewEntry()
		name.SetPlaceHolder("e.g. Digital nursing team")
		opts := make([]string, len(infos))
		for i, f := range infos {
			opts[i] = pickerLabel(f)
		}
		fw := widget.NewSelect(opts, nil)
		for i, f := range infos {
			if f.Ref.ID == "fci" {
				fw.SetSelectedIndex(i)
			}
		}
		form := widget.NewForm(widget.NewFormItem("Name", name), widget.NewFormItem("Framework", fw))
		showForm(s.win, "New team", "Create", form, fyne.NewSize(640, 240), func() (func() (model.Team, error), error) {
			i := fw.SelectedIndex()
			if i < 0 {
				return nil, model.Errorf(model.Invalid, "choose the framework the team works against")
			}
			ref, n := infos[i].Ref, name.Text
			return func() (model.Team, error) { return s.ws.CreateTeam(s.ctx, n, ref) }, nil
		}, func(team model.Team) { t.reloadTeams(team.ID) })
	})
}

// importFolder merges members' .gapwise.json files from a folder, with a
// progress bar, then lists what was refused and why.
func (t *teamScreen) importFolder() {
	s := t.shell
	id := t.teamID()
	if id == "" {
		showError(s.win, model.Errorf(model.NotYet, "create or choose a team first"))
		return
	}
	dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			showError(s.win, err)
			return
		}
		if dir == nil {
			return
		}
		bar := widget.NewProgressBar()
		status := widget.NewLabel("Checking files…")
		prog := dialog.NewCustomWithoutButtons("Importing members' files", container.NewVBox(status, bar), s.win)
		prog.Resize(fyne.NewSize(480, 140))
		prog.Show()
		path := dir.Path()
		inBackground(func() (workspace.BatchResult, error) {
			return s.ws.ImportTeamFiles(s.ctx, id, []string{path}, func(done, total int) {
				fyne.Do(func() {
					bar.SetValue(float64(done) / float64(max(total, 1)))
					status.SetText(fmt.Sprintf("%d of %d files", done, total))
				})
			})
		}, func(res workspace.BatchResult, err error) {
			prog.Hide()
			if err != nil {
				showError(s.win, err)
				return
			}
			msg := res.Summary() + "."
			if len(res.Refused) > 0 {
				var lines []string
				for _, r := range res.Refused {
					lines = append(lines, r.Err.Error())
				}
				msg += "\n\nRefused (nothing from these was written):\n" + strings.Join(lines, "\n")
			}
			text := widget.NewLabel(msg)
			text.Wrapping = fyne.TextWrapWord
			d := dialog.NewCustom("Import finished", "OK", container.NewVScroll(text), s.win)
			d.Resize(fyne.NewSize(760, 420))
			d.SetOnClosed(func() { t.askSamePeople(id, res.Refused) })
			d.Show()
			t.load(id)
		})
	}, s.win)
}

// askSamePeople goes through the files a team import refused because each
// names someone else under a known person id, asking for each in turn
// whether it is the same person; a file the user accepts is imported again
// taking its details.
func (t *teamScreen) askSamePeople(id string, refused []workspace.Refusal) {
	s := t.shell
	for i, r := range refused {
		rest := refused[i+1:]
		file := r.File
		if askSamePerson(s, r.Err, func() {
			inBackground(func() (workspace.BatchResult, error) {
				return s.ws.ImportTeamFiles(s.ctx, id, []string{file}, nil, workspace.AssessmentImportOptions{AcceptPersonUpdate: true})
			}, func(res workspace.BatchResult, err error) {
				if err == nil && len(res.Refused) > 0 {
					err = res.Refused[0].Err
				}
				if err != nil {
					showError(s.win, err)
				} else {
					t.load(id)
				}
				t.askSamePeople(id, rest)
			})
		}, func() { t.askSamePeople(id, rest) }) {
			return // the next is asked once this one is answered
		}
	}
}

// addMember adds someone already in the database to the team.
func (t *teamScreen) addMember() {
	s := t.shell
	id := t.teamID()
	if id == "" || t.view == nil {
		showError(s.win, model.Errorf(model.NotYet, "create or choose a team first"))
		return
	}
	in := map[string]bool{}
	for _, m := range t.view.Members {
		in[m.ID] = true
	}
	inBackground(func() ([]model.Person, error) {
		return s.ws.People(s.ctx)
	}, func(people []model.Person, err error) {
		if err != nil {
			showError(s.win, err)
			return
		}
		var out []model.Person
		var names []string
		for _, p := range people {
			if !in[p.ID] {
				out = append(out, p)
				names = append(names, p.Name+" ("+p.Discipline.Label()+")")
			}
		}
		if len(out) == 0 {
			showError(s.win, model.Errorf(model.NotFound, "everyone in the database is already in this team; import members' files or add people in Me"))
			return
		}
		pick := widget.NewSelect(names, nil)
		dialog.ShowCustomConfirm("Add a person to the team", "Add", "Cancel", pick, func(ok bool) {
			i := pick.SelectedIndex()
			if !ok || i < 0 {
				return
			}
			pid := out[i].ID
			inBackground(func() (struct{}, error) {
				return struct{}{}, s.ws.AddMember(s.ctx, model.TeamID(id), model.PersonID(pid))
			}, func(_ struct{}, err error) {
				if err != nil {
					showError(s.win, err)
				}
				t.load(id)
			})
		}, s.win)
	})
}

// Team target choices, in the dialog's order.
const (
	targetRoleLevel  = "The levels a role level needs"
	targetAll        = "All items at one level"
	targetGroup      = "A group's items at one level"
	targetAssessment = "From a person's assessment"
	targetTeam       = "Copied from another team"
	targetNone       = "No team targets"
)

// setTargets sets the team's targets in one step, for any framework, by
// workspace.SetTeamTargetsInBulk (or a role level's, where the framework has
// role levels). In workshop display "from a person's assessment" is not
// offered: its list would name people.
func (t *teamScreen) setTargets() {
	s := t.shell
	v := t.view
	if v == nil {
		return
	}
	f := v.Framework
	var levels []*model.RoleLevel
	for r := range f.Roles {
		for l := range f.Roles[r].Levels {
			levels = append(levels, &f.Roles[r].Levels[l])
		}
	}
	var scaleLevels []int
	var scaleNames []string
	for _, l := range f.Scale.Levels {
		if l.Value > model.NoneLevel {
			scaleLevels = append(scaleLevels, l.Value)
			scaleNames = append(scaleNames, fmt.Sprintf("%d · %s", l.Value, l.Name))
		}
	}
	var groupIDs, groupNames []string
	for _, g := range f.Groups {
		groupIDs = append(groupIDs, g.ID)
		name := g.Title
		if path := f.GroupPath(g.ID); len(path) > 1 {
			name = path[0].Title + " › " + g.Title
		}
		groupNames = append(groupNames, name)
	}
	var teamIDs, teamNames []string
	for _, o := range t.teams {
		if o.ID != v.Team.ID && o.Framework == v.Team.Framework {
			teamIDs = append(teamIDs, o.ID)
			teamNames = append(teamNames, o.Name)
		}
	}
	choices := []string{}
	if len(levels) > 0 {
		choices = append(choices, targetRoleLevel)
	}
	choices = append(choices, targetAll, targetGroup, targetAssessment, targetTeam, targetNone)
	choice := widget.NewRadioGroup(choices, nil)
	choice.SetSelected(choices[0])
	roleLevel := newRolePicker(s.win, f) // searchable; the same levels in the same order as levels
	level := widget.NewSelect(scaleNames, nil)
	group := widget.NewSelect(groupNames, nil)
	if len(groupNames) == 0 {
		group.PlaceHolder = "(this framework has no groups)"
		group.Disable()
	}
	other := widget.NewSelect(teamNames, nil)
	if len(teamNames) == 0 {
		other.PlaceHolder = "(no other team uses " + f.Ref.String() + ")"
		other.Disable()
	}
	var assessmentIDs []string
	assessment := widget.NewSelect(nil, nil)
	assessment.Disable()
	if t.display.Workshop {
		assessment.PlaceHolder = "(not offered in workshop display: the list would name people)"
	} else {
		assessment.PlaceHolder = "(loading…)"
		inBackground(func() ([][2]string, error) {
			people, err := s.ws.People(s.ctx)
			if err != nil {
				return nil, err
			}
			var out [][2]string
			for _, p := range people {
				as, err := s.ws.Assessments(s.ctx, p.ID)
				if err != nil {
					return nil, err
				}
				for _, a := range as {
					if a.Framework == f.Ref {
						out = append(out, [2]string{a.ID, p.Name + " · " + a.Kind.Noun() + " · " + a.CreatedAt.Local().Format("2 Jan 2006")})
					}
				}
			}
			return out, nil
		}, func(as [][2]string, err error) {
			if err != nil {
				assessment.PlaceHolder = "(could not list assessments)"
				assessment.Refresh()
				return
			}
			if t.display.Workshop {
				return // workshop display began while the list loaded
			}
			var names []string
			for _, a := range as {
				assessmentIDs = append(assessmentIDs, a[0])
				names = append(names, a[1])
			}
			assessment.SetOptions(names)
			if len(names) == 0 {
				assessment.PlaceHolder = "(no assessment of " + f.Ref.String() + ")"
				assessment.Refresh()
				return
			}
			assessment.PlaceHolder = ""
			assessment.Enable()
		})
	}
	note := widget.NewLabel("Levels beyond what an item defines are fitted to it (capped or raised). A group's level leaves other items' targets as they are; every other choice replaces them all. Or set one item's target by hand: select it in Coverage and common gaps.")
	note.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{widget.NewFormItem("Take targets from", choice)}
	if len(levels) > 0 {
		items = append(items, widget.NewFormItem("Role level", roleLevel))
	}
	items = append(items,
		widget.NewFormItem("Level", level),
		widget.NewFormItem("Group", group),
		widget.NewFormItem("Assessment", assessment),
		widget.NewFormItem("Team", other),
	)
	form := widget.NewForm(items...)
	id := v.Team.ID
	t.targetsForm = showForm(s.win, "Team targets", "Set", container.NewVBox(form, note), fyne.NewSize(720, 480), func() (func() (struct{}, error), error) {
		var run func() error
		choose := func(what string) error { return model.Errorf(model.Invalid, "choose %s", what) }
		switch choice.Selected {
		case targetRoleLevel:
			i := roleLevel.SelectedIndex()
			if i < 0 {
				return nil, choose("a role level")
			}
			lv := levels[i].ID
			run = func() error { return s.ws.SetTeamTargetsFromRoleLevel(s.ctx, model.TeamID(id), model.RoleLevelID(lv)) }
		case targetAll, targetGroup:
			i := level.SelectedIndex()
			if i < 0 {
				return nil, choose("a level")
			}
			from := workspace.TeamTargetsFrom{All: true, Level: scaleLevels[i]}
			if choice.Selected == targetGroup {
				g := group.SelectedIndex()
				if g < 0 {
					return nil, choose("a group")
				}
				from = workspace.TeamTargetsFrom{Group: groupIDs[g], Level: scaleLevels[i]}
			}
			run = func() error { return s.ws.SetTeamTargetsInBulk(s.ctx, id, from) }
		case targetAssessment:
			i := assessment.SelectedIndex()
			if i < 0 || i >= len(assessmentIDs) {
				return nil, choose("an assessment")
			}
			from := workspace.TeamTargetsFrom{FromAssessment: assessmentIDs[i]}
			run = func() error { return s.ws.SetTeamTargetsInBulk(s.ctx, id, from) }
		case targetTeam:
			i := other.SelectedIndex()
			if i < 0 {
				return nil, choose("a team")
			}
			from := workspace.TeamTargetsFrom{FromTeam: teamIDs[i]}
			run = func() error { return s.ws.SetTeamTargetsInBulk(s.ctx, id, from) }
		case targetNone:
			run = func() error { return s.ws.ClearTeamTargets(s.ctx, id) }
		default:
			return nil, choose("where the targets come from")
		}
		return func() (struct{}, error) { return struct{}{}, run() }, nil
	}, func(struct{}) { t.load(id) })
	t.targetsControls = targetsControls{choice: choice, level: level, group: group, assessment: assessment, team: other, roleLevel: roleLevel}
}

// targetsControls are the team targets dialog's controls, for tests.
type targetsControls struct {
	choice                         *widget.RadioGroup
	level, group, assessment, team *widget.Select
	roleLevel                      *rolePicker
}

// setItemTarget sets one item's team target by hand.
func (t *teamScreen) setItemTarget(it *model.Item) {
	s := t.shell
	v := t.view
	opts := []string{"No team target"}
	lvls := []int{0}
	for _, lv := range it.Levels {
		if lv != model.NoneLevel {
			opts = append(opts, fmt.Sprintf("%d · %s", lv, v.Framework.Scale.LevelName(lv)))
			lvls = append(lvls, lv)
		}
	}
	pick := widget.NewSelect(opts, nil)
	dialog.ShowCustomConfirm("Team target for "+it.Label(), "Set", "Cancel", pick, func(ok bool) {
		i := pick.SelectedIndex()
		if !ok || i < 0 {
			return
		}
		id, lv := v.Team.ID, lvls[i]
		inBackground(func() (struct{}, error) {
			return struct{}{}, s.ws.SetTeamTarget(s.ctx, model.TeamID(id), model.ItemID(it.ID), lv)
		}, func(_ struct{}, err error) {
			if err != nil {
				showError(s.win, err)
			}
			t.load(id)
		})
	}, s.win)
}
