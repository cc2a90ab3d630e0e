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
				return struct{}{}, s.ws.AddMember(s.ctx, id, pid)
			}, func(_ struct{}, err error) {
				if err != nil {
					showError(s.win, err)
				}
				t.load(id)
			})
		}, s.win)
	})
}

// setTargets takes the team's targets from a role level, or clears them.
func (t *teamScreen) setTargets() {
	s := t.shell
	v := t.view
	if v == nil {
		return
	}
	var levels []*model.RoleLevel
	names := []string{"No team targets"}
	for r := range v.Framework.Roles {
		for l := range v.Framework.Roles[r].Levels {
			levels = append(levels, &v.Framework.Roles[r].Levels[l])
			names = append(names, v.Framework.Roles[r].Family+" › "+v.Framework.Roles[r].Levels[l].Title)
		}
	}
	pick := widget.NewSelect(names, nil)
	note := widget.NewLabel("Or set an item's team target by hand: select it in Coverage and common gaps.")
	note.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Team targets", "Set", "Cancel", container.NewVBox(pick, note), func(ok bool) {
		i := pick.SelectedIndex()
		if !ok || i < 0 {
			return
		}
		id := v.Team.ID
		inBackground(func() (struct{}, error) {
			if i == 0 {
				return struct{}{}, s.ws.ClearTeamTargets(s.ctx, id)
			}
			return struct{}{}, s.ws.SetTeamTargetsFromRoleLevel(s.ctx, id, levels[i-1].ID)
		}, func(_ struct{}, err error) {
			if err != nil {
				showError(s.win, err)
			}
			t.load(id)
		})
	}, s.win)
	d.Resize(fyne.NewSize(640, 220))
	d.Show()
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
			return struct{}{}, s.ws.SetTeamTarget(s.ctx, id, it.ID, lv)
		}, func(_ struct{}, err error) {
			if err != nil {
				showError(s.win, err)
			}
			t.load(id)
		})
	}, s.win)
}
