package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"gapwise/internal/model"
)

const personCols = "id, name, discipline, role, organisation, informatics_wte, sample, created_at"

type scanner interface{ Scan(dest ...any) error }

func scanPerson(sc scanner) (model.Person, error) {
	var p model.Person
	var disc string
	err := sc.Scan(&p.ID, &p.Name, &disc, &p.Role, &p.Organisation, &p.InformaticsWTE, &p.Sample, ts(&p.CreatedAt))
	p.Discipline = model.Discipline(disc)
	return p, err
}

// checkPerson gives the person-sized reason for what the table's CHECK
// constraints would refuse anyway.
func checkPerson(p model.Person) error {
	if strings.TrimSpace(p.Name) == "" {
		return model.Errorf(model.Invalid, "a person needs a name")
	}
	if _, err := model.ParseDiscipline(string(p.Discipline)); err != nil {
		return model.Wrap(model.Invalid, err, "person %q", p.Name)
	}
	if p.InformaticsWTE < 0 {
		return model.Errorf(model.Invalid, "person %q: informatics WTE cannot be negative", p.Name)
	}
	return nil
}

// CreatePerson adds a person, giving them a new UUID when ID is empty, and
// returns them as stored.
func (s *Store) CreatePerson(ctx context.Context, p model.Person) (model.Person, error) {
	if err := checkPerson(p); err != nil {
		return model.Person{}, err
	}
	if p.ID == "" {
		p.ID = newID()
	}
	p.CreatedAt = norm(p.CreatedAt, now())
	_, err := s.db.ExecContext(ctx, `INSERT INTO people
		(id, name, discipline, role, organisation, informatics_wte, sample, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.ID, p.Name, string(p.Discipline), p.Role, p.Organisation, p.InformaticsWTE, boolInt(p.Sample),
		stamp(p.CreatedAt), stamp(now()))
	if isDuplicate(err) {
		return model.Person{}, model.Errorf(model.Conflict, "a person with id %s already exists", p.ID)
	}
	if err != nil {
		return model.Person{}, fail(err, "cannot add %q", p.Name)
	}
	return p, nil
}

// UpdatePerson saves a person's details. Their id, creation time and sample
// flag do not change.
func (s *Store) UpdatePerson(ctx context.Context, p model.Person) error {
	if err := checkPerson(p); err != nil {
		return err
	}
	res, err := s.db.ExecContext(ctx, `UPDATE people SET name = ?, discipline = ?, role = ?, organisation = ?,
		informatics_wte = ?, updated_at = ? WHERE id = ?`,
		p.Name, string(p.Discipline), p.Role, p.Organisation, p.InformaticsWTE, stamp(now()), p.ID)
	if err != nil {
		return fail(err, "cannot save %q", p.Name)
	}
	return mustAffect(res, model.Errorf(model.NotFound, "person %s not found", p.ID))
}

// DeletePerson removes a person and everything about them: assessments,
// ratings, targets, team memberships and personal plans. Actions they own in
// team plans stay, with no owner.
func (s *Store) DeletePerson(ctx context.Context, id string) error {
	_, err := s.ErasePerson(ctx, id)
	return err
}

// Person returns one person.
func (s *Store) Person(ctx context.Context, id string) (model.Person, error) {
	p, err := scanPerson(s.reader(ctx).QueryRowContext(ctx, "SELECT "+personCols+" FROM people WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return model.Person{}, model.Errorf(model.NotFound, "person %s not found", id)
	}
	if err != nil {
		return model.Person{}, fail(err, "cannot read person %s", id)
	}
	return p, nil
}

// People lists everyone, by name.
func (s *Store) People(ctx context.Context) ([]model.Person, error) {
	return queryPeople(ctx, s.db, "SELECT "+personCols+" FROM people ORDER BY name COLLATE NOCASE, id")
}

// PersonNames lists everyone's id and name (and sample flag), in the order
// of People.
func (s *Store) PersonNames(ctx context.Context) ([]model.PersonName, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, name, sample FROM people ORDER BY name COLLATE NOCASE, id")
	if err != nil {
		return nil, fail(err, "cannot list people")
	}
	defer rows.Close()
	var out []model.PersonName
	for rows.Next() {
		var n model.PersonName
		if err := rows.Scan(&n.ID, &n.Name, &n.Sample); err != nil {
			return nil, fail(err, "cannot list people")
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fail(err, "cannot list people")
	}
	return out, nil
}

func queryPeople(ctx context.Context, q queryer, query string, args ...any) ([]model.Person, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fail(err, "cannot list people")
	}
	defer rows.Close()
	var out []model.Person
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, fail(err, "cannot list people")
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fail(err, "cannot list people")
	}
	return out, nil
}

func personExists(ctx context.Context, q queryer, id string) error {
	var one int
	err := q.QueryRowContext(ctx, "SELECT 1 FROM people WHERE id = ?", id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Errorf(model.NotFound, "person %s not found", id)
	}
	if err != nil {
		return fail(err, "cannot read person %s", id)
	}
	return nil
}

// mustAffect turns "no row matched" into notFound.
func mustAffect(res sql.Result, notFound error) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fail(err, "cannot tell whether the change was made")
	}
	if n == 0 {
		return notFound
	}
	return nil
}
