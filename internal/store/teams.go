package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"gapwise/internal/model"
)

const teamCols = "id, name, framework, sample, created_at"

func scanTeam(sc scanner) (model.Team, error) {
	var t model.Team
	var ref string
	err := sc.Scan(&t.ID, &t.Name, &ref, &t.Sample, ts(&t.CreatedAt))
	t.Framework = parseRef(ref)
	return t, err
}

// CreateTeam adds a team that looks at one framework version, giving it a
// new UUID when ID is empty.
func (s *Store) CreateTeam(ctx context.Context, t model.Team) (model.Team, error) {
	if strings.TrimSpace(t.Name) == "" {
		return model.Team{}, model.Errorf(model.Invalid, "a team needs a name")
	}
	if t.ID == "" {
		t.ID = newID()
	}
	t.CreatedAt = norm(t.CreatedAt, now())
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := frameworkExists(ctx, tx, t.Framework); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO teams (id, name, framework, sample, created_at) VALUES (?, ?, ?, ?, ?)",
			t.ID, t.Name, t.Framework.String(), boolInt(t.Sample), stamp(t.CreatedAt))
		if isDuplicate(err) {
			return model.Errorf(model.Conflict, "a team with id %s already exists", t.ID)
		}
		if err != nil {
			return fail(err, "cannot add team %q", t.Name)
		}
		return nil
	})
	if err != nil {
		return model.Team{}, err
	}
	return t, nil
}

// Team returns one team.
func (s *Store) Team(ctx context.Context, id string) (model.Team, error) {
	t, err := scanTeam(s.reader(ctx).QueryRowContext(ctx, "SELECT "+teamCols+" FROM teams WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return model.Team{}, model.Errorf(model.NotFound, "team %s not found", id)
	}
	if err != nil {
		return model.Team{}, fail(err, "cannot read team %s", id)
	}
	return t, nil
}

// Teams lists every team, by name.
func (s *Store) Teams(ctx context.Context) ([]model.Team, error) {
	rows, err := s.reader(ctx).QueryContext(ctx, "SELECT "+teamCols+" FROM teams ORDER BY name COLLATE NOCASE, id")
	if err != nil {
		return nil, fail(err, "cannot list teams")
	}
	defer rows.Close()
	var out []model.Team
	for rows.Next() {
		t, err := scanTeam(rows)
		if err != nil {
			return nil, fail(err, "cannot list teams")
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fail(err, "cannot list teams")
	}
	return out, nil
}

// DeleteTeam removes a team with its memberships, targets and team plans;
// the people stay.
func (s *Store) DeleteTeam(ctx context.Context, id string) error {
	_, err := s.EraseTeam(ctx, id)
	return err
}

// AddMember puts a person in a team. Adding a member twice changes nothing.
func (s *Store) AddMember(ctx context.Context, team model.TeamID, person model.PersonID) error {
	teamID, personID := string(team), string(person)
	return s.write(ctx, func(tx *sql.Tx) error {
		if err := teamExists(ctx, tx, teamID); err != nil {
			return err
		}
		if err := personExists(ctx, tx, personID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO memberships (team, person, joined_at) VALUES (?, ?, ?)
			ON CONFLICT (team, person) DO NOTHING`, teamID, personID, stamp(now()))
		return fail(err, "cannot add person %s to team %s", personID, teamID)
	})
}

// AddMembers puts many people in a team in one transaction: all of them or,
// when any id is unknown, none. It returns how many were not members yet.
func (s *Store) AddMembers(ctx context.Context, teamID string, personIDs []string) (added int, err error) {
	err = s.write(ctx, func(tx *sql.Tx) error {
		added = 0
		if err := teamExists(ctx, tx, teamID); err != nil {
			return err
		}
		ins, err := tx.PrepareContext(ctx, `INSERT INTO memberships (team, person, joined_at)
			SELECT ?, id, ? FROM people WHERE id = ?
			ON CONFLICT (team, person) DO NOTHING`)
		if err != nil {
			return fail(err, "cannot add people to team %s", teamID)
		}
		defer ins.Close()
		at := stamp(now())
		for _, id := range personIDs {
			res, err := ins.ExecContext(ctx, teamID, at, id)
			if err != nil {
				return fail(err, "cannot add person %s to team %s", id, teamID)
			}
			if n, _ := res.RowsAffected(); n > 0 {
				added++
				continue
			}
			if err := personExists(ctx, tx, id); err != nil {
				return err // unknown: nobody is added
			}
		}
		return nil
	})
	return added, err
}

// RemoveMember takes a person out of a team. Removing a non-member changes
// nothing.
func (s *Store) RemoveMember(ctx context.Context, team model.TeamID, person model.PersonID) error {
	teamID, personID := string(team), string(person)
	return s.write(ctx, func(tx *sql.Tx) error {
		if err := teamExists(ctx, tx, teamID); err != nil {
			return err
		}
		if err := personExists(ctx, tx, personID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM memberships WHERE team = ? AND person = ?", teamID, personID)
		return fail(err, "cannot remove person %s from team %s", personID, teamID)
	})
}

// Members lists a team's members, by name.
func (s *Store) Members(ctx context.Context, teamID string) ([]model.Person, error) {
	var out []model.Person
	err := s.read(ctx, func(tx *sql.Tx) error {
		if err := teamExists(ctx, tx, teamID); err != nil {
			return err
		}
		var err error
		out, err = queryPeople(ctx, tx, `SELECT p.id, p.name, p.discipline, p.role, p.organisation, p.informatics_wte,
			p.sample, p.created_at FROM people p JOIN memberships m ON m.person = p.id
			WHERE m.team = ? ORDER BY p.name COLLATE NOCASE, p.id`, teamID)
		return err
	})
	if err != nil {
		return nil, fail(err, "cannot list the members of team %s", teamID)
	}
	return out, nil
}

// SetTeamTargets replaces all of a team's targets in one transaction.
func (s *Store) SetTeamTargets(ctx context.Context, teamID string, targets []model.Target) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		var fw string
		err := tx.QueryRowContext(ctx, "SELECT framework FROM teams WHERE id = ?", teamID).Scan(&fw)
		if errors.Is(err, sql.ErrNoRows) {
			return model.Errorf(model.NotFound, "team %s not found", teamID)
		}
		if err != nil {
			return fail(err, "cannot read team %s", teamID)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM team_targets WHERE team = ?", teamID); err != nil {
			return fail(err, "cannot replace the targets of team %s", teamID)
		}
		at := now()
		for _, t := range targets {
			if err := writeTarget(ctx, tx, "team_targets", "team", teamID, fw, t, at); err != nil {
				return err
			}
		}
		return nil
	})
}

// TeamTargets returns a team's targets in the framework's item order.
func (s *Store) TeamTargets(ctx context.Context, teamID string) ([]model.Target, error) {
	var out []model.Target
	err := s.read(ctx, func(tx *sql.Tx) error {
		if err := teamExists(ctx, tx, teamID); err != nil {
			return err
		}
		var err error
		out, err = queryTargets(ctx, tx, "team_targets", "team", teamID, true)
		return err
	})
	if err != nil {
		return nil, fail(err, "cannot read the targets of team %s", teamID)
	}
	return out, nil
}

func teamExists(ctx context.Context, q queryer, id string) error {
	var one int
	err := q.QueryRowContext(ctx, "SELECT 1 FROM teams WHERE id = ?", id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Errorf(model.NotFound, "team %s not found", id)
	}
	if err != nil {
		return fail(err, "cannot read team %s", id)
	}
	return nil
}
