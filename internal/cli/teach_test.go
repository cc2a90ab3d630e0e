package cli

import (
	"strings"
	"testing"
)

// team gaps gives each item's teachers, learners and interested counts
// (null when suppressed) and, in text, who could teach whom: names in named
// display, counts only in workshop display.
func TestTeamGapsTeachers(t *testing.T) {
	db := tempDB(t)
	cli := func(args ...string) string { t.Helper(); return mustRun(t, append([]string{"--db", db}, args...)...) }
	team := decode[teamJSON](t, cli("team", "create", "--name", "Ward team", "--framework", "fci", "--json"))
	for _, p := range []struct {
		name  string
		level string
		extra []string
	}{
		{"Ann Teacher", "4", nil},
		{"Bob Learner", "1", []string{"--interest"}},
		{"Cy Below", "2", nil},
		{"Dee Steady", "3", nil},
	} {
		id := strings.TrimSpace(cli("people", "add", "--name", p.name, "--discipline", "nurse"))
		cli("team", "add", "--team", team.ID, "--person", id)
		a := decode[assessmentJSON](t, cli("assess", "new", "--person", id, "--framework", "fci", "--json"))
		cli(append([]string{"assess", "rate", "--assessment", a.ID, "--item", "1.1", "--level", p.level}, p.extra...)...)
	}
	cli("team", "target", "--team", team.ID, "--item", "1.1", "--level", "3")

	g := decode[teamGapsJSON](t, cli("team", "gaps", "--team", team.ID, "--json"))
	it := g.Items[0]
	if it.Item != "1.1" || it.Teachers == nil || *it.Teachers != 2 || *it.Learners != 2 || *it.Interested != 1 {
		t.Fatalf("1.1: %+v", it)
	}
	if g.Items[1].Teachers == nil || *g.Items[1].Teachers != 0 {
		t.Errorf("an item nobody rated: %+v", g.Items[1])
	}
	text := cli("team", "gaps", "--team", team.ID)
	if !strings.Contains(text, "Suggested: Ann Teacher runs a session on 1.1") || !strings.Contains(text, "for Bob Learner and Cy Below") ||
		!strings.Contains(text, "Could teach: Ann Teacher and Dee Steady") {
		t.Errorf("team gaps text:\n%s", text)
	}

	work := cli("team", "gaps", "--team", team.ID, "--workshop")
	if !strings.Contains(work, "2 could teach · 2 want to learn · 1 flagged interest · 1 suggested session") {
		t.Errorf("workshop text lacks the counts:\n%s", work)
	}
	for _, name := range []string{"Ann", "Bob", "Cy", "Dee", "Member"} {
		if strings.Contains(work, name) {
			t.Errorf("workshop text names %q:\n%s", name, work)
		}
	}
	ind := cli("team", "gaps", "--team", team.ID, "--workshop", "--individual")
	if !strings.Contains(ind, "Suggested: Member ") || strings.Contains(ind, "Ann") {
		t.Errorf("individual rows text:\n%s", ind)
	}
	w := decode[teamGapsJSON](t, cli("team", "gaps", "--team", team.ID, "--json", "--workshop", "--min-people", "5"))
	if it := w.Items[0]; it.Teachers != nil || it.Learners != nil || it.Interested != nil {
		t.Errorf("suppressed item shows teaching counts: %+v", it)
	}
	if s := cli("team", "gaps", "--team", team.ID, "--workshop", "--min-people", "5"); strings.Contains(s, "could teach") {
		t.Errorf("suppressed item's teaching shown:\n%s", s)
	}
}

// team teach lists who can teach whom as team gaps does and, with
// --agree, adds an item's sessions to the team plan as the team screen's
// "Agree as team actions" does; in workshop display it names no one.
func TestTeamTeach(t *testing.T) {
	db := tempDB(t)
	cli := func(args ...string) string { t.Helper(); return mustRun(t, append([]string{"--db", db}, args...)...) }
	team := decode[teamJSON](t, cli("team", "create", "--name", "Ward team", "--framework", "fci", "--json"))
	names := []string{"Ann Teacher", "Bob Learner", "Cy Below", "Dee Steady"}
	for i, level := range []string{"4", "1", "2", "3"} {
		id := strings.TrimSpace(cli("people", "add", "--name", names[i], "--discipline", "nurse"))
		cli("team", "add", "--team", team.ID, "--person", id)
		a := decode[assessmentJSON](t, cli("assess", "new", "--person", id, "--framework", "fci", "--json"))
		cli("assess", "rate", "--assessment", a.ID, "--item", "1.1", "--level", level)
	}
	cli("team", "target", "--team", team.ID, "--item", "1.1", "--level", "3")

	text := cli("team", "teach", "--team", team.ID)
	if !strings.Contains(text, "Suggested: Ann Teacher runs a session on 1.1") || !strings.Contains(text, "for Bob Learner and Cy Below") {
		t.Errorf("team teach:\n%s", text)
	}
	if one := cli("team", "teach", "--team", team.ID, "--item", "1.2"); !strings.Contains(one, "nobody could teach it yet") {
		t.Errorf("an item nobody rated:\n%s", one)
	}

	work := cli("team", "teach", "--team", team.ID, "--item", "1.1", "--agree", "--workshop")
	for _, want := range []string{"2 could teach · 2 want to learn", "Added 3 actions on 1.1", "Run a session on 1.1", "Join the session on 1.1"} {
		if !strings.Contains(work, want) {
			t.Errorf("workshop agree lacks %q:\n%s", want, work)
		}
	}
	for _, name := range append(names, "Member") {
		if strings.Contains(work, strings.Fields(name)[0]) {
			t.Errorf("workshop agree names %q:\n%s", name, work)
		}
	}
	// Agreed once: again is refused and adds nothing.
	if code, _, errOut := run(t, "--db", db, "team", "teach", "--team", team.ID, "--item", "1.1", "--agree"); code != ExitUser || !strings.Contains(errOut, "already in the team plan") {
		t.Errorf("agreeing again: exit %d, %q", code, errOut)
	}

	j := decode[teamTeachJSON](t, cli("team", "teach", "--team", team.ID, "--item", "1.1", "--json", "--workshop", "--individual"))
	if len(j.Items) != 1 || j.Items[0].Sessions == nil || *j.Items[0].Sessions != 1 || len(j.Agreed) != 0 || !strings.HasPrefix(j.Items[0].Lines[0], "Could teach: Member ") {
		t.Errorf("JSON: %+v", j)
	}
	for _, bad := range [][]string{
		{"team", "teach", "--team", team.ID, "--agree"},
		{"team", "teach", "--team", team.ID, "--individual"},
		{"team", "teach"},
	} {
		if code, _, _ := run(t, append([]string{"--db", db}, bad...)...); code != ExitUsage {
			t.Errorf("%v: exit %d; want usage", bad, code)
		}
	}
	if code, _, _ := run(t, "--db", db, "team", "teach", "--team", team.ID, "--item", "9.9"); code != ExitUser {
		t.Errorf("unknown item: exit %d", code)
	}
}
