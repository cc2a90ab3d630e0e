package workspace

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"gapwise/internal/exchange"
	"gapwise/internal/gap"
	"gapwise/internal/model"
	"gapwise/internal/store"
)

// CreateTeam creates a team that works against one framework version.
func (w *Workspace) CreateTeam(ctx context.Context, name string, ref model.FrameworkRef) (model.Team, error) {
	name, err := checkLine("team name", name)
	if err != nil {
		return model.Team{}, err
	}
	if name == "" {
		return model.Team{}, model.Errorf(model.Invalid, "a team needs a name")
	}
	if _, err := w.Framework(ctx, ref); err != nil {
		return model.Team{}, err
	}
	t, err := w.store.CreateTeam(ctx, model.Team{Name: name, Framework: ref, CreatedAt: time.Now().UTC()})
	return t, w.changed(ctx, err, TeamChanged, t.ID)
}

// Teams lists every team.
func (w *Workspace) Teams(ctx context.Context) ([]model.Team, error) { return w.store.Teams(ctx) }

// Team returns one team.
func (w *Workspace) Team(ctx context.Context, id string) (model.Team, error) {
	return w.store.Team(ctx, id)
}

// DeleteTeam removes a team; its members and their assessments stay.
func (w *Workspace) DeleteTeam(ctx context.Context, id string) error {
	_, err := w.Erase(ctx, EraseTeam, id)
	return err
}

// AddMember puts a person in a team.
func (w *Workspace) AddMember(ctx context.Context, team model.TeamID, person model.PersonID) error {
	teamID, personID := string(team), string(person)
	return w.changed(ctx, w.store.AddMember(ctx, model.TeamID(teamID), model.PersonID(personID)), TeamChanged, teamID)
}

// AddMembers puts people in a team in one transaction (all or none) and
// returns how many joined; those already members are left as they are.
func (w *Workspace) AddMembers(ctx context.Context, teamID string, personIDs []string) (int, error) {
	n, err := w.store.AddMembers(ctx, teamID, personIDs)
	return n, w.changed(ctx, err, TeamChanged, teamID)
}

// RemoveMember takes a person out of a team and off its plan actions; their
// assessments stay (see Erasure).
func (w *Workspace) RemoveMember(ctx context.Context, team model.TeamID, person model.PersonID) error {
	teamID, personID := string(team), string(person)
	_, err := w.Erase(ctx, EraseMembership, MembershipID(model.TeamID(teamID), model.PersonID(personID)))
	return err
}

// Members lists a team's members by name.
func (w *Workspace) Members(ctx context.Context, teamID string) ([]model.Person, error) {
	return w.store.Members(ctx, teamID)
}

// Refusal is a file a bulk import did not take, and why.
type Refusal struct {
	File string
	Err  error
}

// BatchResult is what a bulk import did, file by file.
type BatchResult struct {
	Imported []ImportResult // added or replaced
	Same     []ImportResult // already up to date: nothing written
	Refused  []Refusal
}

// ExpandPaths turns the files and folders a user picked into the assessment
// files to import: a folder contributes its *.json files (not its
// subfolders), sorted, so a run is repeatable.
func ExpandPaths(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, model.Wrap(model.NotFound, err, "cannot read %s", p)
		}
		if !info.IsDir() {
			out = append(out, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, model.Wrap(model.Denied, err, "cannot list the folder %s", p)
		}
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(strings.ToLower(e.Name()), ".json") {
				out = append(out, filepath.Join(p, e.Name()))
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// ImportTeamFiles imports members' self-assessment files into a team. Every
// file is read and validated whole first; a file for another framework
// version, not a self-assessment, or otherwise invalid is refused with its
// reason. Then all accepted files are written in one transaction with a
// savepoint each (file, person and membership together), so nothing is
// half-imported and a thousand files cost one commit. Duplicates change
// nothing; a newer file for the same assessment replaces the older, which is
// kept as history. A file naming someone else under the id of a person here
// is refused like any bad file (see AssessmentImportOptions). progress, if
// set, is called as files are checked.
func (w *Workspace) ImportTeamFiles(ctx context.Context, teamID string, paths []string, progress func(done, total int), opts ...AssessmentImportOptions) (BatchResult, error) {
	team, err := w.store.Team(ctx, teamID)
	if err != nil {
		return BatchResult{}, err
	}
	return w.importFiles(ctx, &team, paths, progress, optionsOf(opts))
}

// ImportFiles imports assessment files of any person and kind, as
// ImportTeamFiles does for a team: each file validated whole, all written
// in one transaction with a savepoint per file.
func (w *Workspace) ImportFiles(ctx context.Context, paths []string, progress func(done, total int), opts ...AssessmentImportOptions) (BatchResult, error) {
	return w.importFiles(ctx, nil, paths, progress, optionsOf(opts))
}

func (w *Workspace) importFiles(ctx context.Context, team *model.Team, paths []string, progress func(done, total int), o AssessmentImportOptions) (BatchResult, error) {
	var res BatchResult
	files, err := ExpandPaths(paths)
	if err != nil {
		return res, err
	}
	resolve, installed, err := w.resolver(ctx)
	if err != nil {
		return res, err
	}
	// Memory must not grow with the number of files (an organisation sends
	// ten thousand), so the first pass validates each file and keeps what
	// grouping needs and, within keepBudget, the file's content in compact
	// form (importkeep.go). The write reads each file again and checks it is
	// the very file validated (same bytes); it takes a kept file's content
	// from the compact form, decodes any other again, and lets it go.
	type accepted struct {
		path   string
		sum    [sha256.Size]byte
		person model.Person
		asmt   model.Assessment
		n      int  // ratings
		update bool // the person's profile takes the file's details
		kept   *keptFile
	}
	var index itemIndex
	keptBytes := 0
	byID := map[string][]accepted{}
	var order []string // assessment ids in first-seen order
	type checked struct {
		f      *exchange.File
		sum    [sha256.Size]byte
		update bool
		kept   *keptFile
		err    error
	}
	// Files are read and checked on both cores, in order (ahead).
	next, stop := ahead(ctx, len(files), importWindow, func(i int) checked {
		f, raw, err := w.checkTeamFile(files[i], team, resolve, installed)
		var c checked
		if err == nil {
			c.sum = sha256.Sum256(raw)
			if c.update, err = w.personChange(ctx, f.Person, o); err != nil {
				err = fmt.Errorf("%s: %w", files[i], err)
			}
			if fw, ok := resolve(f.Assessment.Framework); ok && err == nil {
				c.kept, _ = keep(f, fw, &index)
			}
		}
		c.f, c.err = f, err
		return c
	})
	defer stop()
	for i, path := range files {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		c := next()
		f, update, err := c.f, c.update, c.err
		if err != nil {
			res.Refused = append(res.Refused, Refusal{File: path, Err: err})
		} else {
			id := f.Assessment.ID
			if _, seen := byID[id]; !seen {
				order = append(order, id)
			}
			a := accepted{path, c.sum, f.Person, f.Assessment, len(f.Ratings), update, nil}
			if k := c.kept; k != nil && keptBytes+k.size() <= keepBudget {
				a.kept, keptBytes = k, keptBytes+k.size()
			}
			byID[id] = append(byID[id], a)
		}
		if progress != nil {
			progress(i+1, len(files))
		}
	}

	// One write per assessment: the newest file wins; older files of the
	// same assessment in this import change nothing themselves, but the
	// next-older one is kept as history when nothing older is stored.
	type write struct {
		top   accepted
		older []accepted // older files of the same assessment in this import
	}
	var writes []write
	for _, id := range order {
		group := byID[id]
		slices.SortStableFunc(group, func(a, b accepted) int { return a.asmt.UpdatedAt.Compare(b.asmt.UpdatedAt) })
		wr := write{top: group[len(group)-1]}
		for _, g := range group[:len(group)-1] {
			// Versions of one assessment share its person, framework
			// version and kind; a file that does not is not one of them.
			a, b := g.asmt, wr.top.asmt
			if a.PersonID != b.PersonID || a.Framework != b.Framework || a.Kind != b.Kind {
				res.Refused = append(res.Refused, Refusal{File: g.path, Err: model.Errorf(model.Conflict,
					"%s: carries assessment %s, as %s does, but for another person, framework version or kind", g.path, a.ID, wr.top.path)})
				continue
			}
			wr.older = append(wr.older, g)
		}
		writes = append(writes, wr)
	}
	// again reads a validated file once more and refuses it if it changed;
	// a kept file's content comes from its compact form, any other's is
	// decoded again.
	again := func(a accepted) (*exchange.File, []byte, error) {
		raw, err := readLimited(a.path, exchange.MaxFileSize)
		if err != nil {
			return nil, nil, err
		}
		if sha256.Sum256(raw) != a.sum {
			return nil, nil, model.Errorf(model.BadFile, "%s changed while it was being imported; import it again", a.path)
		}
		if a.kept != nil {
			return a.kept.file(), raw, nil
		}
		f, err := w.checkTeamData(a.path, raw, team, resolve, installed)
		return f, raw, err
	}
	teamID := ""
	if team != nil {
		teamID = team.ID
	}
	type prepared struct {
		item store.ImportItem
		err  error
	}
	// The files are read again ahead of the write, on the other core.
	seq := writeSequence(writes, func(wr write) (string, string) { return wr.top.person.ID, wr.top.asmt.ID })
	nextItem, stopItems := ahead(ctx, len(writes), importWindow, func(j int) prepared {
		wr := writes[seq[j]]
		f, _, err := again(wr.top)
		if err != nil {
			return prepared{err: err}
		}
		item := store.ImportItem{Person: f.Person, Assessment: f.Assessment, Ratings: f.Ratings, Targets: f.Targets, UpdatePerson: o.AcceptPersonUpdate}
		if item.Previous, item.StoredUpdated, err = w.previousVersion(ctx, f); err != nil {
			return prepared{err: err}
		}
		// Nothing stored to keep: keep the next-older file of this import.
		// (When a stored version is the same or newer, the write changes
		// nothing and this is ignored.)
		if n := len(wr.older); item.Previous == nil && n > 0 && wr.older[n-1].asmt.UpdatedAt.Before(f.Assessment.UpdatedAt) {
			if _, raw, err := again(wr.older[n-1]); err == nil {
				item.Previous = raw
			}
		}
		return prepared{item: item}
	})
	defer stopItems()
	written, err := w.store.ImportEach(ctx, teamID, len(writes), func(int) (store.ImportItem, error) {
		p := nextItem()
		return p.item, p.err
	})
	if err != nil {
		return res, err
	}
	done := make([]store.ImportDone, len(writes)) // in the order of writes again
	for j, d := range written {
		done[seq[j]] = d
	}
	// New people, new assessments and (for a team) new members, all at once.
	w.changed(ctx, nil, PersonChanged)
	w.changed(ctx, nil, AssessmentChanged)
	if teamID != "" {
		w.changed(ctx, nil, TeamChanged, teamID)
	}
	for i, d := range done {
		a := writes[i].top
		r := ImportResult{File: a.path, Outcome: d.Outcome, Person: a.person, Assessment: a.asmt, Ratings: a.n, PersonUpdated: a.update}
		for _, g := range writes[i].older {
			if d.Err != nil {
				res.Refused = append(res.Refused, Refusal{File: g.path, Err: model.Errorf(model.Conflict,
					"%s: not imported: %s, a newer version of the same assessment, was refused", g.path, a.path)})
			} else {
				res.Same = append(res.Same, ImportResult{File: g.path, Outcome: Unchanged, Person: g.person, Assessment: g.asmt, Ratings: g.n})
			}
		}
		switch {
		case d.Err != nil:
			err := d.Err
			if !strings.Contains(err.Error(), a.path) {
				err = fmt.Errorf("%s: %w", a.path, err)
			}
			res.Refused = append(res.Refused, Refusal{File: a.path, Err: err})
		case d.Outcome == Unchanged:
			res.Same = append(res.Same, r)
		default:
			res.Imported = append(res.Imported, r)
		}
	}
	return res, nil
}

// writeSequence is the order in which a batch import writes: by assessment
// id, the key the ratings table is stored in, so that SQLite appends each
// file's ratings beside the last instead of splitting pages all over a
// growing table (a third of its insert work, with random ids). A person's
// files stay together, in their own order, at the place of the first: what
// one write of a person decides (the profile a later file must match, or
// takes) depends only on that person's earlier writes, so every file is
// accepted or refused exactly as in the order the files were given.
func writeSequence[W any](writes []W, key func(W) (person, assessment string)) []int {
	first := map[string]string{} // person -> assessment id of their first write
	for _, wr := range writes {
		p, a := key(wr)
		if _, ok := first[p]; !ok {
			first[p] = a
		}
	}
	seq := make([]int, len(writes))
	for i := range seq {
		seq[i] = i
	}
	slices.SortStableFunc(seq, func(i, j int) int {
		pi, _ := key(writes[i])
		pj, _ := key(writes[j])
		return strings.Compare(first[pi], first[pj])
	})
	return seq
}

// importWindow is how many files a batch import reads ahead: enough to keep
// two cores busy, few enough that the database's small connection pool
// (the write transaction plus these readers) is never exhausted.
const importWindow = 2

// checkTeamFile reads and validates one file, and for a team (non-nil) that
// it is a member's self-assessment of the team's framework version.
func (w *Workspace) checkTeamFile(path string, team *model.Team, resolve exchange.Resolver, installed []model.FrameworkRef) (*exchange.File, []byte, error) {
	data, err := readLimited(path, exchange.MaxFileSize)
	if err != nil {
		return nil, nil, err
	}
	f, err := w.checkTeamData(path, data, team, resolve, installed)
	return f, data, err
}

// checkTeamData is checkTeamFile of the file's content, data.
func (w *Workspace) checkTeamData(path string, data []byte, team *model.Team, resolve exchange.Resolver, installed []model.FrameworkRef) (*exchange.File, error) {
	f, err := exchange.Decode(data, resolve, installed...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := checkNotFuture(f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	switch {
	case team == nil:
	case f.Assessment.Framework != team.Framework:
		return nil, model.Errorf(model.BadFile, "%s: rated against %s; team %q uses %s", path, f.Assessment.Framework, team.Name, team.Framework)
	case f.Assessment.Kind != model.SelfAssessment:
		return nil, model.Errorf(model.BadFile, "%s: a %s assessment; a team workshop merges members' self-assessments", path, f.Assessment.Kind)
	}
	return f, nil
}

// Summary is a one-line account of a bulk import.
func (r BatchResult) Summary() string {
	return fmt.Sprintf("%d imported, %d already up to date, %d refused", len(r.Imported), len(r.Same), len(r.Refused))
}

// SetTeamTarget sets (level > 0) or removes (0) one item's team target by hand.
func (w *Workspace) SetTeamTarget(ctx context.Context, tid model.TeamID, itemID model.ItemID, level int) error {
	teamID, item := string(tid), string(itemID)
	team, err := w.store.Team(ctx, teamID)
	if err != nil {
		return err
	}
	f, err := w.Framework(ctx, team.Framework)
	if err != nil {
		return err
	}
	targets, err := w.store.TeamTargets(ctx, teamID)
	if err != nil {
		return err
	}
	if targets, err = withManualTarget(f, targets, item, level); err != nil {
		return err
	}
	return w.changed(ctx, w.store.SetTeamTargets(ctx, teamID, targets), TeamChanged, teamID)
}

// SetTeamTargetsFromRoleLevel replaces a team's targets with a role level's
// required skill levels.
func (w *Workspace) SetTeamTargetsFromRoleLevel(ctx context.Context, tid model.TeamID, roleLevel model.RoleLevelID) error {
	teamID, roleLevelID := string(tid), string(roleLevel)
	team, err := w.store.Team(ctx, teamID)
	if err != nil {
		return err
	}
	f, err := w.Framework(ctx, team.Framework)
	if err != nil {
		return err
	}
	targets, err := gap.TargetsFromRoleLevel(f, roleLevelID)
	if err != nil {
		return err
	}
	return w.changed(ctx, w.store.SetTeamTargets(ctx, teamID, targets), TeamChanged, teamID)
}

// TeamTargets returns a team's targets.
func (w *Workspace) TeamTargets(ctx context.Context, teamID string) ([]model.Target, error) {
	return w.store.TeamTargets(ctx, teamID)
}

// ClearTeamTargets removes every team target.
func (w *Workspace) ClearTeamTargets(ctx context.Context, teamID string) error {
	return w.changed(ctx, w.store.SetTeamTargets(ctx, teamID, nil), TeamChanged, teamID)
}

// TeamTargetsFrom says where SetTeamTargetsInBulk takes a team's targets
// from: exactly one of All, Group (each with Level), FromAssessment or
// FromTeam. It is the one rule behind `team target` and the app's team
// targets dialog.
type TeamTargetsFrom struct {
	All            bool   // every item at Level; replaces all targets
	Group          string // the group's items at Level; other items keep theirs
	Level          int
	FromAssessment string // a person's assessment's levels become the targets
	FromTeam       string // another team's targets, copied
}

// SetTeamTargetsInBulk sets a team's targets in one step, for any framework.
// Levels beyond an item's defined levels are normalised (gap.NormaliseTarget).
// The source must be against the team's framework version; a group keeps the
// targets of items outside it; every other choice replaces all targets.
func (w *Workspace) SetTeamTargetsInBulk(ctx context.Context, teamID string, from TeamTargetsFrom) error {
	modes := 0
	for _, on := range []bool{from.All, from.Group != "", from.FromAssessment != "", from.FromTeam != ""} {
		if on {
			modes++
		}
	}
	if modes != 1 {
		return model.Errorf(model.Invalid, "choose one place to take the team's targets from")
	}
	team, err := w.store.Team(ctx, teamID)
	if err != nil {
		return err
	}
	f, err := w.Framework(ctx, team.Framework)
	if err != nil {
		return err
	}
	var targets []model.Target
	switch {
	case from.All || from.Group != "":
		if targets, err = gap.TargetsAtLevel(f, from.Group, from.Level); err != nil {
			return err
		}
		if from.Group != "" {
			old, err := w.store.TeamTargets(ctx, teamID)
			if err != nil {
				return err
			}
			set := make(map[string]bool, len(targets))
			for _, t := range targets {
				set[t.Item] = true
			}
			kept := slices.DeleteFunc(old, func(t model.Target) bool { return set[t.Item] })
			targets = append(kept, targets...)
		}
	case from.FromAssessment != "":
		a, err := w.store.Assessment(ctx, from.FromAssessment)
		if err != nil {
			return err
		}
		if a.Framework != team.Framework {
			return model.Errorf(model.Invalid, "that assessment is rated against %s; team %q uses %s", a.Framework, team.Name, team.Framework)
		}
		ratings, err := w.store.Ratings(ctx, a.ID)
		if err != nil {
			return err
		}
		targets = normalised(f, gap.TargetsFromRatings(ratings, gap.PersonSource(a.PersonID)))
	default:
		other, err := w.store.Team(ctx, from.FromTeam)
		if err != nil {
			return err
		}
		if other.ID == team.ID {
			return model.Errorf(model.Invalid, "a team cannot copy its own targets")
		}
		if other.Framework != team.Framework {
			return model.Errorf(model.Invalid, "team %q uses %s; team %q uses %s", other.Name, other.Framework, team.Name, team.Framework)
		}
		if targets, err = w.store.TeamTargets(ctx, other.ID); err != nil {
			return err
		}
	}
	return w.changed(ctx, w.store.SetTeamTargets(ctx, teamID, targets), TeamChanged, teamID)
}

// normalised fits each target to its item's defined levels and drops those
// for items the framework does not hold.
func normalised(f *model.Framework, targets []model.Target) []model.Target {
	out := targets[:0]
	for _, t := range targets {
		it, ok := f.Item(t.Item)
		if !ok {
			continue
		}
		if t.Level, _, _ = gap.NormaliseTarget(f, it, t.Level); t.Level > 0 {
			out = append(out, t)
		}
	}
	return out
}
