package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const seniorDataAnalyst = "data/data-analyst/senior-data-analyst"

// mustRun runs a command that must succeed and returns its stdout.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := run(t, args...)
	if code != ExitOK {
		t.Fatalf("%s: exit %d: %s", strings.Join(args, " "), code, errOut)
	}
	return out
}

func decode[T any](t *testing.T, out string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("output is not the expected JSON: %v\n%s", err, out)
	}
	return v
}

// TestRateGapsAndPathwaysScript walks the way a script uses the CLI: add a
// person, start a role-level assessment, rate, then read gaps and pathways.
func TestRateGapsAndPathwaysScript(t *testing.T) {
	db := tempDB(t)
	cli := func(args ...string) string { t.Helper(); return mustRun(t, append([]string{"--db", db}, args...)...) }

	id := strings.TrimSpace(cli("people", "add", "--name", "Pat Example", "--discipline", "nurse", "--role", "Ward sister", "--wte", "0.4"))
	people := decode[[]personJSON](t, cli("people", "list", "--json"))
	if len(people) != 1 || people[0].ID != id || people[0].InformaticsWTE != 0.4 || people[0].Discipline != "nurse" || people[0].Sample {
		t.Fatalf("people list: %+v (new id %q)", people, id)
	}

	// --person takes a unique name, ignoring case, as well as an id.
	out := cli("assess", "new", "--person", "pat EXAMPLE", "--framework", "ddat", "--role-level", seniorDataAnalyst)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.Contains(lines[1], "covers 9 items") {
		t.Fatalf("assess new printed %q; want the id, then \"covers 9 items\"", out)
	}
	aid := lines[0]

	// The role level's requirements are the targets.
	sheet := decode[sheetJSON](t, cli("assess", "show", "--assessment", aid, "--json"))
	if len(sheet.Items) != 9 || sheet.Rated != 0 || sheet.Framework != "ddat@2025-q3" {
		t.Fatalf("assess show: %d items, %d rated, %s", len(sheet.Items), sheet.Rated, sheet.Framework)
	}
	target := map[string]int{}
	for _, it := range sheet.Items {
		if it.Level != nil || it.Target == nil {
			t.Fatalf("%s: level %v target %v; want not rated, with a target", it.Item, it.Level, it.Target)
		}
		target[it.Item] = *it.Target
	}
	none, below, met, cleared := sheet.Items[0].Item, sheet.Items[1].Item, sheet.Items[2].Item, sheet.Items[3].Item

	cli("assess", "rate", "--assessment", aid, "--item", none, "--level", "0")
	cli("assess", "rate", "--assessment", aid, "--item", below, "--level", strconv.Itoa(target[below]-1), "--confidence", "4", "--evidence", "audit project")
	cli("assess", "rate", "--assessment", aid, "--item", met, "--level", strconv.Itoa(target[met]))
	cli("assess", "rate", "--assessment", aid, "--item", cleared, "--level", "2")
	cli("assess", "rate", "--assessment", aid, "--item", cleared, "--not-rated")
	// Re-rating keeps confidence and evidence that are not given again.
	cli("assess", "rate", "--assessment", aid, "--item", below, "--level", strconv.Itoa(target[below]-1))

	sheet = decode[sheetJSON](t, cli("assess", "show", "--assessment", aid, "--json"))
	if sheet.Rated != 3 {
		t.Errorf("assess show: %d rated, want 3", sheet.Rated)
	}
	for _, it := range sheet.Items {
		switch it.Item {
		case below:
			if it.Confidence == nil || *it.Confidence != 4 || it.Evidence != "audit project" || it.RatedAt == nil {
				t.Errorf("%s lost its confidence or evidence: %+v", below, it)
			}
		case cleared:
			if it.Level != nil || it.LevelName != "" || it.RatedAt != nil {
				t.Errorf("%s should be not rated: %+v", cleared, it)
			}
		case none:
			if it.Level == nil || *it.Level != 0 || it.LevelName == "" {
				t.Errorf("%s should be rated 0 (none yet): %+v", none, it)
			}
		}
	}

	g := decode[gapsJSON](t, cli("gaps", "--assessment", aid, "--json"))
	if g.Assessment != aid || g.Person != "Pat Example" || g.Framework != "ddat@2025-q3" || len(g.Items) != 9 {
		t.Fatalf("gaps header: %+v", g)
	}
	if g.Met != 1 || g.Below != 2 || g.NotRated != 6 || g.NoTarget != 0 || g.TotalGap != target[none]+1 || g.Rated != 3 {
		t.Errorf("gaps tally: met %d below %d not rated %d no target %d total %d rated %d; want 1 2 6 0 %d 3",
			g.Met, g.Below, g.NotRated, g.NoTarget, g.TotalGap, g.Rated, target[none]+1)
	}
	byItem := map[string]gapItemJSON{}
	for i, it := range g.Items {
		byItem[it.Item] = it
		if i > 0 && it.Gap > g.Items[i-1].Gap {
			t.Errorf("items not in gap order at %d: %d after %d", i, it.Gap, g.Items[i-1].Gap)
		}
		if it.Target == nil || *it.Target != target[it.Item] || it.TargetSource != "role:ddat/"+seniorDataAnalyst {
			t.Errorf("%s: target %v from %q; want %d from the role level", it.Item, it.Target, it.TargetSource, target[it.Item])
		}
	}
	checks := []struct {
		item    string
		current *int
		gap     int
		status  string
	}{
		{none, ptr(0), target[none], "below"},
		{below, ptr(target[below] - 1), 1, "below"},
		{met, ptr(target[met]), 0, "met"},
		{cleared, nil, 0, "not_rated"},
	}
	for _, c := range checks {
		got := byItem[c.item]
		if (got.Current == nil) != (c.current == nil) || (c.current != nil && *got.Current != *c.current) || got.Gap != c.gap || got.Status != c.status {
			t.Errorf("%s: current %v gap %d status %s; want %v %d %s", c.item, deref(got.Current), got.Gap, got.Status, deref(c.current), c.gap, c.status)
		}
	}
	if g.Items[0].Item != none {
		t.Errorf("largest gap first: got %s, want %s", g.Items[0].Item, none)
	}
	// The contract's field names, read without this package's types.
	raw := decode[map[string]any](t, cli("gaps", "--assessment", aid, "--json"))
	first := raw["items"].([]any)[0].(map[string]any)
	for _, k := range []string{"item", "title", "group", "current", "target", "gap"} {
		if _, ok := first[k]; !ok {
			t.Errorf("gaps --json items lack %q", k)
		}
	}
	if text := cli("gaps", "--assessment", aid); !strings.Contains(text, "3 of 9 rated") {
		t.Errorf("gaps text lacks \"3 of 9 rated\":\n%s", text)
	}

	if g := decode[gapsJSON](t, cli("gaps", "--assessment", aid, "--json")); !strings.Contains(g.Against, "Senior data analyst") {
		t.Errorf("gaps --json against %q, want the role level", g.Against)
	}
	if text := cli("gaps", "--assessment", aid); !strings.Contains(text, "Measured against: ") {
		t.Errorf("gaps text does not name its target:\n%s", text)
	}
	pw := decode[pathwaysJSON](t, cli("pathways", "--assessment", aid, "--json"))
	if len(pw.Pathways) != 201 {
		t.Errorf("%d pathways, want 201 role levels", len(pw.Pathways))
	}
	if pw.Current == nil || *pw.Current != seniorDataAnalyst || pw.Next == nil || pw.Next.RoleLevel != "data/data-analyst/principal-data-analyst" {
		t.Errorf("current %v next %+v", pw.Current, pw.Next)
	}
	i := slices.IndexFunc(pw.Pathways, func(p pathwayJSON) bool { return p.RoleLevel == seniorDataAnalyst })
	if i < 0 {
		t.Fatal("senior data analyst missing from pathways")
	}
	if p := pw.Pathways[i]; p.Required != 9 || p.Met != 1 || p.Rated != 3 || len(p.NotRated) != 6 || len(p.Missing) != 8 || p.Transferable[0] != met {
		t.Errorf("senior data analyst pathway: %+v", p)
	}
	// Unrated required skills are unknown, not met: the pathway says what it rests on.
	if p := pw.Pathways[i]; p.RatedRequired != 3 || p.Unknown != 6 || p.Enough || p.Basis != "rests on 3 of 9 required skills: rate 6 more" {
		t.Errorf("senior data analyst basis: rated_required %d unknown %d enough %v basis %q", p.RatedRequired, p.Unknown, p.Enough, p.Basis)
	}
	for j, p := range pw.Pathways {
		if j > 0 && p.Enough && !pw.Pathways[j-1].Enough {
			t.Errorf("%s rests on enough skills but ranks below %s, which does not", p.RoleLevel, pw.Pathways[j-1].RoleLevel)
		}
	}
	rawPW := decode[map[string]any](t, cli("pathways", "--assessment", aid, "--json"))
	for _, p := range rawPW["pathways"].([]any) {
		for _, k := range []string{"transferable", "missing", "not_rated"} {
			if _, ok := p.(map[string]any)[k].([]any); !ok {
				t.Fatalf("pathway %v: %s is not an array", p.(map[string]any)["role_level"], k)
			}
		}
	}
	if text := cli("pathways", "--assessment", aid); !strings.Contains(text, "Next step: Principal data analyst") {
		t.Errorf("pathways text lacks the next step:\n%s", text)
	}

	list := decode[[]assessmentJSON](t, cli("assess", "list", "--json"))
	if len(list) != 1 || list[0].ID != aid || list[0].Person != id || list[0].PersonName != "Pat Example" ||
		list[0].Items != 9 || list[0].Rated != 3 || list[0].ScopeRoleLevel != seniorDataAnalyst || list[0].Kind != "self" {
		t.Errorf("assess list: %+v", list)
	}

	// Targets by hand, then cleared.
	cli("assess", "target", "--assessment", aid, "--item", cleared, "--level", "4")
	g = decode[gapsJSON](t, cli("gaps", "--assessment", aid, "--json"))
	for _, it := range g.Items {
		if it.Item == cleared && (it.Target == nil || *it.Target != 4 || it.TargetSource != "manual") {
			t.Errorf("manual target: %+v", it)
		}
	}
	cli("assess", "target", "--assessment", aid, "--clear")
	if g = decode[gapsJSON](t, cli("gaps", "--assessment", aid, "--json")); g.NoTarget != 9 || g.TotalGap != 0 {
		t.Errorf("after --clear: %d items without target, total gap %d", g.NoTarget, g.TotalGap)
	}
	cli("assess", "target", "--assessment", aid, "--role-level", seniorDataAnalyst)
	if g = decode[gapsJSON](t, cli("gaps", "--assessment", aid, "--json")); g.NoTarget != 0 {
		t.Errorf("after --role-level: %d items without target", g.NoTarget)
	}
}

func ptr(v int) *int { return &v }

func deref(p *int) string {
	if p == nil {
		return "null"
	}
	return strconv.Itoa(*p)
}

func TestAssessExitStatuses(t *testing.T) {
	db := tempDB(t)
	cli := func(args ...string) string { t.Helper(); return mustRun(t, append([]string{"--db", db}, args...)...) }
	pid := strings.TrimSpace(cli("people", "add", "--name", "Sam Same", "--discipline", "doctor"))
	cli("people", "add", "--name", "sam same", "--discipline", "nurse")
	ddatID := strings.Split(cli("assess", "new", "--person", pid, "--framework", "ddat@2025-q3"), "\n")[0]
	sfiaID := strings.Split(cli("assess", "new", "--person", pid, "--framework", "sfia@9", "--group", "strategy-and-planning"), "\n")[0]

	cases := []struct {
		name string
		args []string
		code int
		msg  []string // words the one-line message must contain
	}{
		{"unknown assessment", []string{"gaps", "--assessment", "no-such-id"}, ExitUser, []string{"no-such-id"}},
		{"unknown assessment in show", []string{"assess", "show", "--assessment", "no-such-id"}, ExitUser, nil},
		{"level the skill does not define", []string{"assess", "rate", "--assessment", sfiaID, "--item", "ITSP", "--level", "2"}, ExitUser,
			[]string{"level 2", "ITSP", "4, 5, 6, 7"}},
		{"level above the scale", []string{"assess", "rate", "--assessment", ddatID, "--item", "data-visualisation", "--level", "9"}, ExitUser,
			[]string{"0 (none yet), 1, 2, 3, 4"}},
		{"item outside the assessment's scope", []string{"assess", "rate", "--assessment", sfiaID, "--item", "DATM", "--level", "3"}, ExitUser, []string{"DATM"}},
		{"unknown item", []string{"assess", "rate", "--assessment", ddatID, "--item", "juggling", "--level", "1"}, ExitUser, []string{"juggling"}},
		{"confidence out of range", []string{"assess", "rate", "--assessment", ddatID, "--item", "data-visualisation", "--level", "1", "--confidence", "9"}, ExitUser, []string{"confidence"}},
		{"missing --level", []string{"assess", "rate", "--assessment", ddatID, "--item", "data-visualisation"}, ExitUsage, nil},
		{"--level and --not-rated", []string{"assess", "rate", "--assessment", ddatID, "--item", "data-visualisation", "--level", "1", "--not-rated"}, ExitUsage, nil},
		{"level not a number", []string{"assess", "rate", "--assessment", ddatID, "--item", "data-visualisation", "--level", "high"}, ExitUsage, nil},
		{"ambiguous name", []string{"assess", "new", "--person", "SAM SAME", "--framework", "fci"}, ExitUser, []string{"2 people", pid}},
		{"unknown person", []string{"assess", "list", "--person", "Nobody"}, ExitUser, []string{"Nobody"}},
		{"unknown framework", []string{"assess", "new", "--person", pid, "--framework", "itil"}, ExitUser, nil},
		{"unknown role level", []string{"assess", "new", "--person", pid, "--framework", "ddat", "--role-level", "x/y/z"}, ExitUser, []string{"x/y/z"}},
		{"bad kind", []string{"assess", "new", "--person", pid, "--framework", "fci", "--kind", "peer"}, ExitUser, []string{"peer"}},
		{"group and role level", []string{"assess", "new", "--person", pid, "--framework", "ddat", "--group", "g", "--role-level", seniorDataAnalyst}, ExitUsage, nil},
		{"assess new without --framework", []string{"assess", "new", "--person", pid}, ExitUsage, nil},
		{"pathways without roles", []string{"pathways", "--assessment", sfiaID}, ExitUser, []string{"role"}},
		{"gaps without --assessment", []string{"gaps"}, ExitUsage, nil},
		{"target with no mode", []string{"assess", "target", "--assessment", ddatID}, ExitUsage, nil},
		{"target with two modes", []string{"assess", "target", "--assessment", ddatID, "--clear", "--role-level", seniorDataAnalyst}, ExitUsage, nil},
		{"target --item without --level", []string{"assess", "target", "--assessment", ddatID, "--item", "data-visualisation"}, ExitUsage, nil},
		{"target from another framework version", []string{"assess", "target", "--assessment", ddatID, "--from-assessment", sfiaID}, ExitUser, []string{"sfia@9"}},
		{"people add without --name", []string{"people", "add", "--discipline", "nurse"}, ExitUsage, nil},
		{"people add with a bad discipline", []string{"people", "add", "--name", "X", "--discipline", "surgeon"}, ExitUser, []string{"surgeon"}},
		{"people add with WTE 3", []string{"people", "add", "--name", "X", "--discipline", "nurse", "--wte", "3"}, ExitUser, []string{"WTE"}},
		{"unknown assess subcommand", []string{"assess", "grade"}, ExitUsage, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := run(t, append([]string{"--db", db}, c.args...)...)
			if code != c.code {
				t.Fatalf("exit %d, want %d (stderr %q)", code, c.code, errOut)
			}
			if code == ExitUser && strings.Count(strings.TrimRight(errOut, "\n"), "\n") != 0 {
				t.Errorf("user error is not one line: %q", errOut)
			}
			for _, m := range c.msg {
				if !strings.Contains(errOut, m) {
					t.Errorf("message %q lacks %q", errOut, m)
				}
			}
		})
	}
}

func TestDemoCreatesSampleDataOnce(t *testing.T) {
	db := tempDB(t)
	cli := func(args ...string) string { t.Helper(); return mustRun(t, append([]string{"--db", db}, args...)...) }
	real := strings.TrimSpace(cli("people", "add", "--name", "Pat Real", "--discipline", "pharmacist"))

	d := decode[demoJSON](t, cli("demo", "--json"))
	if !d.Created || !d.Person.Sample || len(d.Assessments) != 5 {
		t.Fatalf("demo: created %v, sample %v, %d assessments", d.Created, d.Person.Sample, len(d.Assessments))
	}
	for _, a := range d.Assessments {
		if !a.Sample || a.Rated != a.Items || a.Items == 0 {
			t.Errorf("%s: sample %v, %d of %d rated", a.Framework, a.Sample, a.Rated, a.Items)
		}
	}
	if d.Assessments[0].Framework != "ddat@2025-q3" {
		t.Fatalf("newest sample assessment is %s, want DDaT", d.Assessments[0].Framework)
	}
	g := decode[gapsJSON](t, cli("gaps", "--assessment", d.Assessments[0].ID, "--json"))
	if g.Previous == nil || len(g.Changes) == 0 || g.Below == 0 {
		t.Errorf("sample DDaT gaps: previous %v, %d changes, %d below", g.Previous, len(g.Changes), g.Below)
	}

	out := cli("demo")
	if !strings.Contains(out, "already exists") {
		t.Errorf("second demo: %q", out)
	}
	if again := decode[demoJSON](t, cli("demo", "--json")); again.Created || again.Person.ID != d.Person.ID || len(again.Assessments) != 5 {
		t.Errorf("demo again: %+v", again)
	}
	if list := decode[[]assessmentJSON](t, cli("assess", "list", "--json")); len(list) != 12 {
		t.Errorf("%d assessments after two demos, want 12 (5 for the sample person, 1 for each of 7 team colleagues)", len(list))
	}

	cli("demo", "--remove")
	people := decode[[]personJSON](t, cli("people", "list", "--json"))
	if len(people) != 1 || people[0].ID != real {
		t.Errorf("after demo --remove: %+v", people)
	}
}

// Ctrl+C pressed during one assessment's view lets it finish (it only reads,
// within milliseconds), where a longer command stops: the person gets their
// gaps, not a "context canceled".
func TestCtrlCDuringAViewLetsItFinish(t *testing.T) {
	db := tempDB(t)
	d := decode[demoJSON](t, mustRun(t, "--db", db, "demo", "--json"))
	a := d.Assessments[0].ID
	interrupted, cancel := context.WithCancel(context.Background())
	cancel()
	for _, args := range [][]string{
		{"gaps", "--assessment", a}, {"pathways", "--assessment", a}, {"assess", "show", a}, {"ladder", "--assessment", a},
	} {
		var out, errb bytes.Buffer
		if code := Run(interrupted, append([]string{"--db", db}, args...), &out, &errb); code != ExitOK || out.Len() == 0 {
			t.Errorf("%v after Ctrl+C: exit %d, %d bytes out, %s", args, code, out.Len(), errb.String())
		}
	}
	var out, errb bytes.Buffer
	if code := Run(interrupted, []string{"--db", db, "people", "list"}, &out, &errb); code == ExitOK || !strings.Contains(errb.String(), "cancel") {
		t.Errorf("people list after Ctrl+C: exit %d, %q", code, errb.String())
	}
}
