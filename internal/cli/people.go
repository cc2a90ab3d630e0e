package cli

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// personJSON is the stable JSON shape of a person (`people list --json`,
// `people add --json`).
type personJSON struct {
	ID             string  `json:"id"`
	Name           string  `json:"name"`
	Discipline     string  `json:"discipline"`
	Role           string  `json:"role"`
	Organisation   string  `json:"organisation"`
	InformaticsWTE float64 `json:"informatics_wte"`
	Sample         bool    `json:"sample"`
	CreatedAt      string  `json:"created_at"`
}

func toPersonJSON(p model.Person) personJSON {
	return personJSON{
		ID: p.ID, Name: p.Name, Discipline: string(p.Discipline), Role: p.Role, Organisation: p.Organisation,
		InformaticsWTE: p.InformaticsWTE, Sample: p.Sample, CreatedAt: stamp(p.CreatedAt),
	}
}

// stamp renders a time as RFC 3339 UTC, "" when unset.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func (e *env) peopleAdd(args []string) error {
	var p model.Person
	var disc string
	var asJSON bool
	pos, err := flags("people add", args, func(fs *flag.FlagSet) {
		fs.StringVar(&p.Name, "name", "", "the person's name")
		fs.StringVar(&disc, "discipline", "", "doctor, nurse, midwife, ahp, pharmacist, ...")
		fs.StringVar(&p.Role, "role", "", "job role")
		fs.StringVar(&p.Organisation, "organisation", "", "organisation")
		fs.Float64Var(&p.InformaticsWTE, "wte", 0, "whole-time equivalent spent on informatics, e.g. 0.4")
		fs.BoolVar(&asJSON, "json", false, "print the new person as JSON")
	})
	if err != nil {
		return err
	}
	switch {
	case len(pos) > 0:
		return usagef("people add takes no arguments (use --name)")
	case strings.TrimSpace(p.Name) == "":
		return usagef("people add needs --name")
	case disc == "":
		return usagef("people add needs --discipline (%s)", disciplineList())
	}
	p.Discipline = model.Discipline(disc)
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		p, err := ws.AddPerson(e.ctx, p)
		if err != nil {
			return err
		}
		if asJSON {
			return writeJSON(e.out, toPersonJSON(p))
		}
		_, err = fmt.Fprintln(e.out, p.ID)
		return err
	})
}

func disciplineList() string {
	s := make([]string, len(model.Disciplines))
	for i, d := range model.Disciplines {
		s[i] = string(d)
	}
	return strings.Join(s, ", ")
}

func (e *env) peopleList(args []string) error {
	var asJSON bool
	pos, err := flags("people list", args, func(fs *flag.FlagSet) { fs.BoolVar(&asJSON, "json", false, "JSON output") })
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("people list takes no arguments")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		people, err := ws.People(e.ctx)
		if err != nil {
			return err
		}
		rows := make([]personJSON, 0, len(people))
		for _, p := range people {
			rows = append(rows, toPersonJSON(p))
		}
		return printList(e, asJSON, rows, listing[personJSON]{
			header: "ID\tNAME\tDISCIPLINE\tROLE\tORGANISATION\tWTE",
			row: func(_ int, p personJSON) string {
				return fmt.Sprintf("%s\t%s\t%s\t%s\t%s\t%g", p.ID, sampleName(p.Name, p.Sample), p.Discipline, p.Role, p.Organisation, p.InformaticsWTE)
			},
			one: "person", many: "people",
			empty: "No people yet; add one with: gapwise-cli people add --name NAME --discipline D",
		})
	})
}

// resolvePerson finds a person by id or, failing that, by a name that
// matches exactly one person (ignoring case).
func resolvePerson(e *env, ws *workspace.Workspace, s string) (model.Person, error) {
	return resolve(s, "person", "people", "people", func(id string) (model.Person, error) { return ws.Person(e.ctx, id) },
		func() ([]model.Person, error) { return ws.People(e.ctx) },
		func(p model.Person) (string, string) { return p.ID, p.Name })
}

// resolve finds a person or a team by id or, failing that, by a unique
// case-insensitive name, so scripts can say --person "Sam Jones". An
// ambiguous name is refused with the matching ids.
func resolve[T any](s, what, plural, list string, byID func(string) (T, error), all func() ([]T, error), key func(T) (id, name string)) (T, error) {
	var zero T
	s = strings.TrimSpace(s)
	v, err := byID(s)
	if err == nil || model.KindOf(err) != model.NotFound {
		return v, err
	}
	items, err := all()
	if err != nil {
		return zero, err
	}
	var found []T
	for _, x := range items {
		if _, name := key(x); strings.EqualFold(name, s) {
			found = append(found, x)
		}
	}
	switch len(found) {
	case 0:
		return zero, model.Errorf(model.NotFound, "no %s has the id or name %q (see: gapwise-cli %s list)", what, s, list)
	case 1:
		return found[0], nil
	}
	names := make([]string, len(found))
	for i, x := range found {
		id, name := key(x)
		names[i] = fmt.Sprintf("%s (%s)", name, id)
	}
	return zero, model.Errorf(model.Invalid, "%d %s are called %q: %s; give an id", len(found), plural, s, strings.Join(names, ", "))
}
