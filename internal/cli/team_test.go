package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sampleTeam makes the demo data and returns the fictional team's id.
func sampleTeam(t *testing.T, db string) string {
	t.Helper()
	d := decode[demoJSON](t, mustRun(t, "--db", db, "demo", "--json"))
	if d.Team == "" {
		t.Fatal("demo made no team")
	}
	return d.Team
}

func TestTeamCreateAddShowAndTargets(t *testing.T) {
	db := tempDB(t)
	cli := func(args ...string) string { t.Helper(); return mustRun(t, append([]string{"--db", db}, args...)...) }

	created := decode[teamJSON](t, cli("team", "create", "--name", "Digital nursing", "--framework", "fci", "--json"))
	if created.ID == "" || created.Name != "Digital nursing" || created.Framework != "fci@2020-provisional" || created.Members != 0 || created.Sample {
		t.Fatalf("team create: %+v", created)
	}
	ada := strings.TrimSpace(cli("people", "add", "--name", "Ada Nurse", "--discipline", "nurse", "--wte", "0.4"))
	cli("people", "add", "--name", "Ben Pharmacist", "--discipline", "pharmacist", "--wte", "0.2")
	if out := cli("team", "add", "--team", created.ID, "--person", ada); !strings.Contains(out, "Added Ada Nurse to Digital nursing (1 members)") {
		t.Errorf("team add: %q", out)
	}
	// By a name in another case, and a team by its name.
	cli("team", "add", "--team", "digital NURSING", "--person", "ben pharmacist")
	if out := cli("team", "add", "--team", created.ID, "--person", "Ada Nurse"); !strings.Contains(out, "already in") {
		t.Errorf("adding twice: %q", out)
	}

	list := decode[[]teamJSON](t, cli("team", "list", "--json"))
	if len(list) != 1 || list[0].ID != created.ID || list[0].Members != 2 {
		t.Errorf("team list: %+v", list)
	}
	if out := cli("team", "list"); !strings.Contains(out, "Digital nursing") || !strings.Contains(out, "\n1 team\n") {
		t.Errorf("team list text: %q", out)
	}

	// Ada rates two items; Ben has no assessment.
	a := decode[assessmentJSON](t, cli("assess", "new", "--person", ada, "--framework", "fci", "--json"))
	cli("assess", "rate", "--assessment", a.ID, "--item", "1.1", "--level", "3")
	cli("assess", "rate", "--assessment", a.ID, "--item", "1.2", "--level", "0")

	show := decode[teamShowJSON](t, cli("team", "show", "--team", created.ID, "--json"))
	if show.Team != created.ID || show.Assessed != 1 || len(show.Members) != 2 || show.Composition.Members != 2 ||
		show.Composition.Disciplines != 2 || show.Composition.TotalWTE < 0.59 || show.Composition.TotalWTE > 0.61 {
		t.Fatalf("team show: %+v", show)
	}
	for _, m := range show.Members {
		switch m.Name {
		case "Ada Nurse":
			if !m.Assessed || m.Rated != 2 || m.Discipline != "nurse" || m.InformaticsWTE != 0.4 {
				t.Errorf("Ada: %+v", m)
			}
		case "Ben Pharmacist":
			if m.Assessed || m.Rated != 0 {
				t.Errorf("Ben: %+v", m)
			}
		default:
			t.Errorf("unexpected member %+v", m)
		}
	}
	out := cli("team", "show", "--team", created.ID)
	for _, want := range []string{"Ada Nurse", "yes, 2/36 rated", "Composition: 2 members from 2 disciplines", "Nurse 1 (0.4 WTE)"} {
		if !strings.Contains(out, want) {
			t.Errorf("team show text lacks %q:\n%s", want, out)
		}
	}

	if out := cli("team", "target", "--team", created.ID, "--item", "1.1", "--level", "2"); !strings.Contains(out, "Team targets for Digital nursing: 1 (of 36 items)") {
		t.Errorf("team target: %q", out)
	}
	cli("team", "target", "--team", created.ID, "--item", "1.2", "--level", "3")
	g := decode[teamGapsJSON](t, cli("team", "gaps", "--team", created.ID, "--json"))
	if g.Members != 2 || g.Assessed != 1 || g.Workshop || g.MinPeople != 3 || len(g.Items) != 36 {
		t.Fatalf("team gaps: %+v", g)
	}
	i11, i12 := g.Items[0], g.Items[1]
	if i11.Item != "1.1" || *i11.Rated != 1 || *i11.Meeting != 1 || *i11.Below != 0 || *i11.Median != 3 || !*i11.Covered || !*i11.Fragile || *i11.Target != 2 {
		t.Errorf("1.1: %+v", i11)
	}
	if i12.Item != "1.2" || *i12.Below != 1 || *i12.BelowShare != 1 || *i12.Covered || *i12.Median != 0 {
		t.Errorf("1.2: %+v", i12)
	}
	if len(g.CommonGaps) != 1 || g.CommonGaps[0] != "1.2" {
		t.Errorf("common gaps %v", g.CommonGaps)
	}
	if out := cli("team", "target", "--team", created.ID, "--item", "1.2", "--level", "0"); !strings.Contains(out, ": 1 (of") {
		t.Errorf("removing a target: %q", out)
	}
	if out := cli("team", "target", "--team", created.ID, "--clear"); !strings.Contains(out, ": 0 (of") {
		t.Errorf("team target --clear: %q", out)
	}
	if out := cli("team", "gaps", "--team", created.ID); !strings.Contains(out, "No team targets yet") {
		t.Errorf("gaps without targets: %q", out)
	}

	// Targets in one step: all items, a domain, a person's assessment, another team.
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--all", "--level", "2"}, ": 36 (of 36 items)"},
		{[]string{"--group", "1", "--level", "9"}, ": 36 (of 36 items)"}, // capped per item, the rest kept
		{[]string{"--from-assessment", a.ID}, ": 1 (of 36 items)"},       // Ada rated two items, one at level 0 (no target)
		{[]string{"--from-team", "Digital nursing"}, ""},
	} {
		code, out, _ := run(t, append([]string{"--db", db, "team", "target", "--team", created.ID}, tc.args...)...)
		if tc.want == "" {
			if code != ExitUser {
				t.Errorf("%v: exit %d, want %d (a team cannot copy itself)", tc.args, code, ExitUser)
			}
			continue
		}
		if code != 0 || !strings.Contains(out, tc.want) {
			t.Errorf("team target %v: exit %d %q, want %q", tc.args, code, out, tc.want)
		}
	}
	copyTeam := decode[teamJSON](t, cli("team", "create", "--name", "Copy team", "--framework", "fci", "--json"))
	if out := cli("team", "target", "--team", copyTeam.ID, "--from-team", "Digital nursing"); !strings.Contains(out, ": 1 (of 36 items)") {
		t.Errorf("team target --from-team: %q", out)
	}
	cli("team", "target", "--team", created.ID, "--clear")

	// Role-level targets need a framework with roles.
	ddat := decode[teamJSON](t, cli("team", "create", "--name", "Data team", "--framework", "ddat", "--json"))
	if out := cli("team", "target", "--team", ddat.ID, "--role-level", seniorDataAnalyst); strings.Contains(out, ": 0 (of") {
		t.Errorf("role-level targets: %q", out)
	}
}

func TestTeamGapsJSONShapeAndWorkshop(t *testing.T) {
	db := tempDB(t)
	team := sampleTeam(t, db)
	raw := mustRun(t, "--db", db, "team", "gaps", "--team", team, "--json")
	var shape map[string]any
	if err := json.Unmarshal([]byte(raw), &shape); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"team", "name", "framework", "members", "assessed", "min_people", "workshop", "items", "common_gaps"} {
		if _, ok := shape[k]; !ok {
			t.Errorf("team gaps --json lacks %q", k)
		}
	}
	first := shape["items"].([]any)[0].(map[string]any)
	for _, k := range []string{"item", "title", "rated", "meeting", "below", "median", "max", "covered", "fragile", "below_share", "target", "suppressed"} {
		if _, ok := first[k]; !ok {
			t.Errorf("team gaps item lacks %q", k)
		}
	}
	g := decode[teamGapsJSON](t, raw)
	if g.Framework != "fci@2020-provisional" || g.Members != 8 || g.Assessed != 8 || len(g.CommonGaps) == 0 {
		t.Errorf("sample team gaps: %d members, %d assessed, %d common gaps", g.Members, g.Assessed, len(g.CommonGaps))
	}
	for _, it := range g.Items {
		if it.Suppressed || it.Rated == nil || *it.Rated != 8 {
			t.Errorf("%s outside workshop: %+v", it.Item, it)
		}
	}

	// Every item rests on 8 people: with a threshold of 9 all are suppressed.
	w := decode[teamGapsJSON](t, mustRun(t, "--db", db, "team", "gaps", "--team", team, "--json", "--workshop", "--min-people", "9"))
	if !w.Workshop || w.MinPeople != 9 || len(w.CommonGaps) != 0 {
		t.Errorf("workshop: %+v", w)
	}
	for _, it := range w.Items {
		if !it.Suppressed || it.Rated != nil || it.Median != nil || it.Max != nil || it.Covered != nil || it.BelowShare != nil || it.Target == nil {
			t.Errorf("%s in workshop with 9: %+v", it.Item, it)
			break
		}
	}
	if !strings.Contains(raw, `"median": `) {
		t.Error("no median in the JSON")
	}
	text := mustRun(t, "--db", db, "team", "gaps", "--team", team, "--workshop", "--min-people", "9")
	for _, want := range []string{"Workshop display", "suppressed", "Composition: 8 members, too few to show"} {
		if !strings.Contains(text, want) {
			t.Errorf("workshop text lacks %q", want)
		}
	}
	// The composition rests on 8 people, fewer than 9: nothing of it shows;
	// with the default threshold each discipline (one member each) is hidden.
	if strings.Contains(text, "WTE") || strings.Contains(text, "Doctor") {
		t.Errorf("workshop text shows the composition of a team smaller than the threshold:\n%s", text)
	}
	text = mustRun(t, "--db", db, "team", "gaps", "--team", team, "--workshop")
	// Each discipline has one member: none is named, and of the time only
	// the clinical members' sum (seven people) shows, since with the whole
	// team's it would give the one non-clinical member's.
	if !strings.Contains(text, "disciplines with fewer than 3 members not shown") || strings.Contains(text, "Doctor") ||
		!strings.Contains(text, "clinical 3.2 WTE, 64% of the Wachter benchmark (5 WTE, clinical disciplines only)") ||
		strings.Contains(text, "informatics") || strings.Contains(text, "non-clinical") {
		t.Errorf("workshop text shows a discipline of one:\n%s", text)
	}
	text = mustRun(t, "--db", db, "team", "gaps", "--team", team)
	for _, want := range []string{"ITEM", "BELOW SHARE", "8/8", "Common gaps, most widespread first: " + g.CommonGaps[0], "provisional"} {
		if !strings.Contains(text, want) {
			t.Errorf("team gaps text lacks %q:\n%s", want, text)
		}
	}
}

func TestTeamImport(t *testing.T) {
	src, db := tempDB(t), filepath.Join(t.TempDir(), "ccio.db")
	dir := t.TempDir()
	cli := func(args ...string) string { t.Helper(); return mustRun(t, append([]string{"--db", src}, args...)...) }
	for _, name := range []string{"Ada Nurse", "Ben Pharmacist"} {
		cli("people", "add", "--name", name, "--discipline", "nurse")
		a := decode[assessmentJSON](t, cli("assess", "new", "--person", name, "--framework", "fci", "--json"))
		cli("assess", "rate", "--assessment", a.ID, "--item", "1.1", "--level", "2")
		cli("assess", "export", "--assessment", a.ID, "--out", filepath.Join(dir, strings.Fields(name)[0]+".gapwise.json"))
	}
	other := decode[assessmentJSON](t, cli("assess", "new", "--person", "Ada Nurse", "--framework", "sfia@9", "--json"))
	cli("assess", "export", "--assessment", other.ID, "--out", filepath.Join(dir, "zz-sfia.gapwise.json"))

	team := decode[teamJSON](t, mustRun(t, "--db", db, "team", "create", "--name", "Ward team", "--framework", "fci", "--json"))
	code, out, errOut := run(t, "--db", db, "team", "import", "--team", team.ID, dir, "--json")
	if code != ExitUser || !strings.Contains(errOut, "1 of 3 file(s) refused") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	res := decode[teamImportJSON](t, out)
	if len(res.Imported) != 2 || res.Unchanged != 0 || len(res.Refused) != 1 {
		t.Fatalf("import: %+v", res)
	}
	if r := res.Imported[0]; r.File != filepath.Join(dir, "Ada.gapwise.json") || r.Person != "Ada Nurse" || r.Outcome != "added" || r.Assessment == "" {
		t.Errorf("first import: %+v", r)
	}
	if r := res.Refused[0]; r.File != filepath.Join(dir, "zz-sfia.gapwise.json") || !strings.Contains(r.Error, "sfia@9") {
		t.Errorf("refusal: %+v", r)
	}

	// Again, as text: nothing new; the refusal says which file and why.
	code, out, _ = run(t, "--db", db, "team", "import", "--team", team.ID, dir)
	if code != ExitUser {
		t.Errorf("second import exit %d", code)
	}
	for _, want := range []string{"refused: " + filepath.Join(dir, "zz-sfia.gapwise.json") + ": rated against sfia@9", "Already up to date", "Ward team: 0 imported, 2 already up to date, 1 refused"} {
		if !strings.Contains(out, want) {
			t.Errorf("text import lacks %q:\n%s", want, out)
		}
	}
	// Only good files: exit 0, unchanged counted.
	res = decode[teamImportJSON](t, mustRun(t, "--db", db, "team", "import", "--team", team.ID, filepath.Join(dir, "Ada.gapwise.json"), "--json"))
	if len(res.Imported) != 0 || res.Unchanged != 1 || len(res.Refused) != 0 || res.Refused == nil {
		t.Errorf("unchanged import: %+v", res)
	}
	if show := decode[teamShowJSON](t, mustRun(t, "--db", db, "team", "show", "--team", team.ID, "--json")); len(show.Members) != 2 || show.Assessed != 2 {
		t.Errorf("after import: %d members, %d assessed", len(show.Members), show.Assessed)
	}
}

func TestTeamExportAndReport(t *testing.T) {
	db := tempDB(t)
	team := sampleTeam(t, db)
	dir := t.TempDir()
	csvPath, xlsxPath, pdfPath := filepath.Join(dir, "m.csv"), filepath.Join(dir, "m.xlsx"), filepath.Join(dir, "r.pdf")

	if out := mustRun(t, "--db", db, "team", "export", "--team", team, "--csv", csvPath, "--workshop"); !strings.Contains(out, "names hidden") {
		t.Errorf("export text: %q", out)
	}
	data, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// By default no row is a person: five FCI levels and "not rated".
	if len(rows) != 7 || len(rows[0]) != 37 || strings.TrimPrefix(rows[0][0], "\ufeff") != "level" || rows[6][0] != "not rated" ||
		strings.Contains(string(data), "Sample (fictional)") || strings.Contains(string(data), "Member A") {
		t.Errorf("workshop CSV: %d rows, header %q", len(rows), rows[0][:3])
	}
	indiv := filepath.Join(dir, "individual.csv")
	if out := mustRun(t, "--db", db, "team", "export", "--team", team, "--csv", indiv, "--workshop", "--individual"); !strings.Contains(out, "neutral label") {
		t.Errorf("export text: %q", out)
	}
	data, _ = os.ReadFile(indiv)
	rows, err = csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 9 || len(rows[0]) != 37 || rows[1][0] != "Member A" || strings.Contains(string(data), "Sample (fictional)") {
		t.Errorf("individual workshop CSV: %d rows, header %q", len(rows), rows[0][:3])
	}
	// Who can teach whom as CSV: counts only in workshop display, names
	// in named display.
	for _, tc := range []struct {
		name, want, unwanted string
		args                 []string
	}{
		{"teach-workshop.csv", "could teach · ", "Sample (fictional)", []string{"--workshop"}},
		{"teach-named.csv", "Could teach: ", "Member A", nil},
	} {
		path := filepath.Join(dir, tc.name)
		mustRun(t, append([]string{"--db", db, "team", "export", "--team", team, "--teaching-csv", path}, tc.args...)...)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) < 2 || rows[0][6] != "Who can teach whom" || !strings.Contains(string(data), tc.want) || strings.Contains(string(data), tc.unwanted) {
			t.Errorf("%s: %q", tc.name, rows)
		}
	}
	mustRun(t, "--db", db, "team", "export", "--team", team, "--xlsx", xlsxPath)
	if data, _ := os.ReadFile(xlsxPath); !bytes.HasPrefix(data, []byte("PK")) {
		t.Error("the spreadsheet is not a zip file")
	}
	code, _, errOut := run(t, "--db", db, "team", "export", "--team", team, "--xlsx", xlsxPath)
	if code != ExitUser || !strings.Contains(errOut, "already exists") {
		t.Errorf("export over a file: exit %d: %s", code, errOut)
	}

	mustRun(t, "--db", db, "team", "report", "--team", team, "--out", pdfPath, "--workshop", "--min-people", "4")
	if data, _ := os.ReadFile(pdfPath); !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Error("the report is not a PDF")
	}
	code, _, errOut = run(t, "--db", db, "team", "report", "--team", team, "--out", pdfPath)
	if code != ExitUser || !strings.Contains(errOut, "already exists") {
		t.Errorf("report over a file: exit %d: %s", code, errOut)
	}
}

func TestTeamExitStatuses(t *testing.T) {
	db := tempDB(t)
	team := sampleTeam(t, db)
	out := filepath.Join(t.TempDir(), "x.csv")
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"team"}, ExitUsage},
		{[]string{"team", "export", "--team", team, "--csv", out, "--individual"}, ExitUsage},
		{[]string{"team", "report", "--team", team, "--out", out, "--individual"}, ExitUsage},
		{[]string{"team", "frobnicate"}, ExitUsage},
		{[]string{"team", "create", "--framework", "fci"}, ExitUsage},
		{[]string{"team", "create", "--name", "X"}, ExitUsage},
		{[]string{"team", "create", "--name", "X", "--framework", "nope"}, ExitUser},
		{[]string{"team", "add", "--team", team}, ExitUsage},
		{[]string{"team", "add", "--team", team, "--person", "Nobody At All"}, ExitUser},
		{[]string{"team", "add", "--team", "no-such-team", "--person", "x"}, ExitUser},
		{[]string{"team", "import", "--team", team}, ExitUsage},
		{[]string{"team", "import", "--team", team, "/no/such/folder"}, ExitUser},
		{[]string{"team", "show"}, ExitUsage},
		{[]string{"team", "show", "--team", "no-such-team"}, ExitUser},
		{[]string{"team", "target", "--team", team}, ExitUsage},
		{[]string{"team", "target", "--team", team, "--clear", "--item", "1.1", "--level", "2"}, ExitUsage},
		{[]string{"team", "target", "--team", team, "--item", "1.1"}, ExitUsage},
		{[]string{"team", "target", "--team", team, "--level", "2"}, ExitUsage},
		{[]string{"team", "target", "--team", team, "--all"}, ExitUsage},
		{[]string{"team", "target", "--team", team, "--group", "1"}, ExitUsage},
		{[]string{"team", "target", "--team", team, "--all", "--group", "1", "--level", "2"}, ExitUsage},
		{[]string{"team", "target", "--team", team, "--all", "--level", "0"}, ExitUser},
		{[]string{"team", "target", "--team", team, "--group", "nope", "--level", "2"}, ExitUser},
		{[]string{"team", "target", "--team", team, "--from-assessment", "no-such-assessment"}, ExitUser},
		{[]string{"team", "target", "--team", team, "--from-team", "no-such-team"}, ExitUser},
		{[]string{"team", "target", "--team", team, "--item", "1.1", "--level", "9"}, ExitUser},
		{[]string{"team", "target", "--team", team, "--item", "9.9", "--level", "1"}, ExitUser},
		{[]string{"team", "gaps", "--team", team, "--min-people", "2"}, ExitUsage},
		{[]string{"team", "gaps", "--team", team, "--workshop", "--min-people", "0"}, ExitUsage},
		{[]string{"team", "gaps", "--team", team, "--workshop", "--min-people", "x"}, ExitUsage},
		{[]string{"team", "export", "--team", team}, ExitUsage},
		{[]string{"team", "export", "--team", team, "--csv", out, "--xlsx", out}, ExitUsage},
		{[]string{"team", "report", "--team", team}, ExitUsage},
		{[]string{"team", "report", "--team", "no-such-team", "--out", out}, ExitUser},
	} {
		code, _, errOut := run(t, append([]string{"--db", db}, tc.args...)...)
		if code != tc.code {
			t.Errorf("%s: exit %d, want %d (%s)", strings.Join(tc.args, " "), code, tc.code, errOut)
		}
		if code == ExitUser && strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("%s: error is not one line: %q", strings.Join(tc.args, " "), errOut)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a refused command wrote a file")
	}
}

// A CCIO adds many people at once: repeated --person and a CSV list, in one
// transaction, so one unknown name adds nobody.
func TestTeamAddMany(t *testing.T) {
	db := tempDB(t)
	cli := func(args ...string) string { t.Helper(); return mustRun(t, append([]string{"--db", db}, args...)...) }
	team := decode[teamJSON](t, cli("team", "create", "--name", "Ward informatics", "--framework", "fci", "--json"))
	for _, n := range []string{"Ada Nurse", "Ben Pharmacist", "Cai Doctor", "Dee Midwife"} {
		cli("people", "add", "--name", n, "--discipline", "other")
	}

	// One unknown name: refused whole, nobody added.
	code, _, errOut := run(t, "--db", db, "team", "add", "--team", team.ID, "--person", "Ada Nurse", "--person", "Zed Unknown")
	if code != ExitUser || !strings.Contains(errOut, `"Zed Unknown"`) || !strings.Contains(errOut, "nobody was added") {
		t.Fatalf("unknown name: exit %d, %q", code, errOut)
	}
	if got := decode[[]teamJSON](t, cli("team", "list", "--json")); got[0].Members != 0 {
		t.Fatalf("a refused bulk add left %d members", got[0].Members)
	}

	out := cli("team", "add", "--team", team.ID, "--person", "ada nurse", "--person", "Ben Pharmacist", "--person", "Ada Nurse")
	if !strings.Contains(out, "Added 2 of 2 people to Ward informatics (2 members)") {
		t.Errorf("two by --person: %q", out)
	}

	list := filepath.Join(t.TempDir(), "people.csv")
	os.WriteFile(list, []byte("\xef\xbb\xbfName,Notes\nBen Pharmacist,already in\nCai Doctor,\n\nDee Midwife,\"with, comma\"\n"), 0o600)
	res := decode[struct {
		Added   int `json:"added"`
		Already int `json:"already_members"`
		Members int `json:"members"`
	}](t, cli("team", "add", "--team", team.ID, "--people", list, "--json"))
	if res.Added != 2 || res.Already != 1 || res.Members != 4 {
		t.Errorf("CSV add: %+v, want 2 added, 1 already, 4 members", res)
	}

	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("email\nx@example.org\n"), 0o600)
	if code, _, errOut := run(t, "--db", db, "team", "add", "--team", team.ID, "--people", bad); code != ExitUser || !strings.Contains(errOut, "no column called id, person or name") {
		t.Errorf("CSV without a person column: exit %d, %q", code, errOut)
	}
}
