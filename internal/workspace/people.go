package workspace

import (
	"context"
	"math"
	"strings"

	"gapwise/internal/model"
)

// settingCurrentPerson remembers whose work the app shows.
const settingCurrentPerson = "current_person"

// AddPerson validates and saves a new person.
func (w *Workspace) AddPerson(ctx context.Context, p model.Person) (model.Person, error) {
	if err := checkProfile(&p); err != nil {
		return model.Person{}, err
	}
	p, err := w.store.CreatePerson(ctx, p)
	return p, w.changed(ctx, err, PersonChanged, p.ID)
}

// UpdatePerson saves an edited profile.
func (w *Workspace) UpdatePerson(ctx context.Context, p model.Person) error {
	if err := checkProfile(&p); err != nil {
		return err
	}
	return w.changed(ctx, w.store.UpdatePerson(ctx, p), PersonChanged, p.ID)
}

// checkProfile tidies and validates a profile before it is saved.
func checkProfile(p *model.Person) error {
	p.Name = strings.TrimSpace(p.Name)
	p.Role = strings.TrimSpace(p.Role)
	p.Organisation = strings.TrimSpace(p.Organisation)
	for _, f := range []struct{ what, v string }{{"name", p.Name}, {"job role", p.Role}, {"organisation", p.Organisation}} {
		if _, err := checkLine(f.what, f.v); err != nil {
			return err
		}
	}
	switch {
	case p.Name == "":
		return model.Errorf(model.Invalid, "a name is needed")
	case math.IsNaN(p.InformaticsWTE) || p.InformaticsWTE < 0 || p.InformaticsWTE > 2:
		return model.Errorf(model.Invalid, "informatics WTE must be between 0 and 2 (e.g. 0.4 for two days a week)")
	}
	if _, err := model.ParseDiscipline(string(p.Discipline)); err != nil {
		return model.Wrap(model.Invalid, err, "discipline")
	}
	return nil
}

// People lists everyone in the database, by name.
func (w *Workspace) People(ctx context.Context) ([]model.Person, error) { return w.store.People(ctx) }

// PersonNames lists everyone's id and name, by name: what a person picker
// needs, without reading everyone's whole profile.
func (w *Workspace) PersonNames(ctx context.Context) ([]model.PersonName, error) {
	return w.store.PersonNames(ctx)
}

// Person returns one person.
func (w *Workspace) Person(ctx context.Context, id string) (model.Person, error) {
	return w.store.Person(ctx, id)
}

// DeletePerson erases a person and everything about them (see Erasure).
func (w *Workspace) DeletePerson(ctx context.Context, id string) error {
	_, err := w.Erase(ctx, ErasePerson, id)
	return err
}

// CurrentPerson is the person the app last showed; ok is false when there is none.
func (w *Workspace) CurrentPerson(ctx context.Context) (p model.Person, ok bool, err error) {
	id, found, err := w.store.Setting(ctx, settingCurrentPerson)
	if err != nil || !found || id == "" {
		return model.Person{}, false, err
	}
	p, err = w.store.Person(ctx, id)
	if model.KindOf(err) == model.NotFound {
		return model.Person{}, false, nil
	}
	return p, err == nil, err
}

// SetCurrentPerson remembers whose work to show next time.
func (w *Workspace) SetCurrentPerson(ctx context.Context, id string) error {
	return w.store.SetSetting(ctx, settingCurrentPerson, id)
}
