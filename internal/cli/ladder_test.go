package cli

import (
	"strings"
	"testing"
)

// TestLadder: the family's ladder for a data analyst, honest about unrated
// skills, then with every skill rated; another family by slug; the errors.
func TestLadder(t *testing.T) {
	db := tempDB(t)
	cli := func(args ...string) string { t.Helper(); return mustRun(t, append([]string{"--db", db}, args...)...) }
	pid := strings.TrimSpace(cli("people", "add", "--name", "Pat Ladder", "--discipline", "nurse"))
	aid := strings.Fields(cli("assess", "new", "--person", pid, "--framework", "ddat", "--role-level", seniorDataAnalyst))[0]
	sheet := decode[sheetJSON](t, cli("assess", "show", "--assessment", aid, "--json"))
	if len(sheet.Items) != 9 {
		t.Fatalf("%d items in the senior data analyst assessment, want 9", len(sheet.Items))
	}
	for _, it := range sheet.Items[:8] {
		cli("assess", "rate", "--assessment", aid, "--item", it.Item, "--level", "2")
	}

	analyst := func(l ladderJSON) ladderRoleJSON {
		t.Helper()
		for _, r := range l.Roles {
			if r.Role == "data/data-analyst" {
				return r
			}
		}
		t.Fatalf("no data analyst ladder in %+v", l.Roles)
		return ladderRoleJSON{}
	}
	steps := func(r ladderRoleJSON) string {
		var out []string
		for _, s := range r.Levels {
			mark := ""
			if s.FitsNow {
				mark += "<"
			}
			if s.NextStep {
				mark += "^"
			}
			out = append(out, s.Title+" "+s.Standing+mark)
		}
		return strings.Join(out, ", ")
	}

	// One skill unrated: nothing is reached, however well the rest is met.
	l := decode[ladderJSON](t, cli("ladder", "--assessment", aid, "--json"))
	if l.Family != "Data" || l.Current == nil || *l.Current != seniorDataAnalyst {
		t.Errorf("family %q current %v, want Data and the target role level", l.Family, l.Current)
	}
	if got, want := steps(analyst(l)), "Associate data analyst met_so_far^, Data analyst met_so_far, Senior data analyst short, Principal data analyst short"; got != want {
		t.Errorf("8 of 9 rated:\n got %s\nwant %s", got, want)
	}
	if s := analyst(l).Levels[0]; s.RatedRequired != 8 || s.Unknown != 1 || s.Basis != "rests on 8 of 9 required skills: rate 1 more" {
		t.Errorf("associate step: rated_required %d unknown %d basis %q", s.RatedRequired, s.Unknown, s.Basis)
	}

	cli("assess", "rate", "--assessment", aid, "--item", sheet.Items[8].Item, "--level", "2")
	l = decode[ladderJSON](t, cli("ladder", "--assessment", aid, "--json"))
	if got, want := steps(analyst(l)), "Associate data analyst reached, Data analyst reached<, Senior data analyst short^, Principal data analyst short"; got != want {
		t.Errorf("all rated:\n got %s\nwant %s", got, want)
	}
	if len(l.Sideways) == 0 {
		t.Fatal("no sideways moves")
	}
	for i, p := range l.Sideways {
		if p.RoleFamily == "Data" || p.Met == 0 {
			t.Errorf("sideways %s: family %s, %d met", p.RoleLevel, p.RoleFamily, p.Met)
		}
		if i > 0 && p.Fit > l.Sideways[i-1].Fit {
			t.Errorf("sideways %s (%.2f) ranks below %s (%.2f)", p.RoleLevel, p.Fit, l.Sideways[i-1].RoleLevel, l.Sideways[i-1].Fit)
		}
	}
	text := cli("ladder", "--assessment", aid)
	for _, want := range []string{"Data family", "reached: all 9 required skills met  you fit here", "next step up, your target", "Sideways moves"} {
		if !strings.Contains(text, want) {
			t.Errorf("ladder text lacks %q:\n%s", want, text)
		}
	}

	it := decode[ladderJSON](t, cli("ladder", "--assessment", aid, "--family", "it-operations", "--json"))
	if it.Family != "IT operations" || len(it.Roles) == 0 || len(it.Families) < 2 {
		t.Errorf("--family it-operations: family %q, %d roles, families %v", it.Family, len(it.Roles), it.Families)
	}

	sfia := strings.Fields(cli("assess", "new", "--person", pid, "--framework", "sfia"))[0]
	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown family", []string{"ladder", "--assessment", aid, "--family", "Chief digital and data"}, ExitUser, "families: Architecture, Data"},
		{"framework without roles", []string{"ladder", "--assessment", sfia}, ExitUser, "no role profiles"},
		{"no --assessment", []string{"ladder"}, ExitUsage, ""},
		{"a stray argument", []string{"ladder", "--assessment", aid, "Data"}, ExitUsage, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := run(t, append([]string{"--db", db}, c.args...)...)
			if code != c.code || !strings.Contains(errOut, c.want) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", code, errOut, c.code, c.want)
			}
		})
	}
}
