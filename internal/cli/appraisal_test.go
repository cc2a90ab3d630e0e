package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// firstLine is the id a command prints on its first line.
func firstLine(out string) string {
	line, _, _ := strings.Cut(out, "\n")
	return strings.TrimSpace(line)
}

// failsOn returns a check that a command on db exits with want and says msg
// on stderr.
func failsOn(t *testing.T, db string) func(want int, msg string, args ...string) {
	return func(want int, msg string, args ...string) {
		t.Helper()
		code, _, errOut := run(t, append([]string{"--db", db}, args...)...)
		if code != want || !strings.Contains(errOut, msg) {
			t.Errorf("%s: exit %d %q; want exit %d mentioning %q", strings.Join(args, " "), code, errOut, want, msg)
		}
	}
}

// TestAppraisalScript walks a joint appraisal the way a script would: a
// self-assessment and last year's plan, then the appraisal, the appraiser's
// ratings, agreement, notes, sign-off and the PDFs.
func TestAppraisalScript(t *testing.T) {
	db := tempDB(t)
	cli := func(args ...string) string { t.Helper(); return mustRun(t, append([]string{"--db", db}, args...)...) }
	fails := failsOn(t, db)

	cli("people", "add", "--name", "Ada Lovelace", "--discipline", "nurse")
	self := firstLine(cli("assess", "new", "--person", "Ada Lovelace", "--framework", "sfia@9"))
	for item, level := range map[string]string{"ITSP": "4", "DTAN": "3", "ARCH": "0", "PROG": "2"} {
		cli("assess", "rate", "--assessment", self, "--item", item, "--level", level)
	}

	// Last year's plan, with one action that is then updated.
	last := decode[planJSON](t, cli("plan", "new", "--assessment", self, "--json"))
	if last.PersonName != "Ada Lovelace" || last.Framework != "sfia@9" || len(last.Actions) != 0 ||
		!strings.HasPrefix(last.Title, "Development plan — SFIA 9 — ") {
		t.Fatalf("plan new: %+v", last)
	}
	action := firstLine(cli("plan", "action", "add", "--plan", last.ID, "--objective", "Audit the ward's observations charting",
		"--items", "DTAN, PROG", "--activity", "project work", "--due", "2026-09-30"))
	cli("plan", "action", "set", "--plan", last.ID, "--action", action, "--status", "done", "--evidence", "audit report to the board")
	fails(1, "unknown activity", "plan", "action", "set", "--plan", last.ID, "--action", action, "--activity", "juggling")
	fails(1, `has no item "NOPE"`, "plan", "action", "add", "--plan", last.ID, "--objective", "x", "--items", "NOPE")
	fails(2, "needs --objective", "plan", "action", "add", "--plan", last.ID)
	fails(2, "at least one of", "plan", "action", "set", "--plan", last.ID, "--action", action)
	shown := decode[planJSON](t, cli("plan", "show", "--plan", last.ID, "--json"))
	if len(shown.Actions) != 1 {
		t.Fatalf("plan show: %+v", shown)
	}
	if a := shown.Actions[0]; a.ID != action || a.Status != "done" || a.Evidence != "audit report to the board" ||
		a.Activity != "project work" || a.Due == nil || *a.Due != "2026-09-30" || strings.Join(a.Items, ",") != "DTAN,PROG" ||
		a.Objective != "Audit the ward's observations charting" {
		t.Errorf("action after set: %+v", a)
	}
	extra := firstLine(cli("plan", "action", "add", "--plan", last.ID, "--objective", "to be removed"))
	cli("plan", "action", "rm", "--plan", last.ID, "--action", extra)
	fails(1, "has no action", "plan", "action", "rm", "--plan", last.ID, "--action", extra)

	// The appraisal picks up last year's plan for review.
	ap := decode[appraisalJSON](t, cli("appraisal", "start", "--assessment", self, "--appraiser", "Dr Grace Hopper", "--period", "2026/27", "--json"))
	if ap.PreviousPlan == nil || *ap.PreviousPlan != last.ID || ap.Period != "2026/27" || len(ap.Appraisers) != 1 || ap.Appraisers[0].Name != "Dr Grace Hopper" ||
		ap.Appraisers[0].Assessment != nil || ap.AppraiseeSignedAt != nil || ap.SelfAssessment != self {
		t.Fatalf("appraisal start: %+v", ap)
	}
	fails(1, "starts from the appraisee's self-assessment", "appraisal", "start", "--assessment", ap.AgreedAssessment, "--appraiser", "X")

	appr := firstLine(cli("appraisal", "rate-as-appraiser", "--appraisal", ap.ID))
	if again := firstLine(cli("appraisal", "rate-as-appraiser", "--appraisal", ap.ID)); again != appr {
		t.Errorf("rate-as-appraiser made a second assessment: %s then %s", appr, again)
	}
	for item, level := range map[string]string{"ITSP": "5", "DTAN": "3", "ARCH": "4", "BURM": "4"} {
		cli("assess", "rate", "--assessment", appr, "--item", item, "--level", level)
	}

	fails(1, "still have no agreed level: agree them before signing", "appraisal", "sign", "--appraisal", ap.ID, "--as", "appraiser")
	fails(1, "manager is not an appraiser of this appraisal", "appraisal", "sign", "--appraisal", ap.ID, "--as", "manager")
	fails(2, "needs --as appraisee", "appraisal", "sign", "--appraisal", ap.ID)
	fails(2, "--level N or --clear", "appraisal", "agree", "--appraisal", ap.ID, "--item", "ITSP", "--level", "5", "--clear")
	fails(1, "not defined for ITSP", "appraisal", "agree", "--appraisal", ap.ID, "--item", "ITSP", "--level", "1")
	cli("appraisal", "agree", "--appraisal", ap.ID, "--item", "ITSP", "--level", "5")
	cli("appraisal", "agree", "--appraisal", ap.ID, "--item", "DTAN", "--level", "3")
	cli("appraisal", "agree", "--appraisal", ap.ID, "--item", "PROG", "--level", "2")
	cli("appraisal", "agree", "--appraisal", ap.ID, "--item", "PROG", "--clear")
	cli("appraisal", "agree", "--appraisal", ap.ID, "--item", "ARCH", "--level", "4")
	cli("appraisal", "note", "--appraisal", ap.ID, "--item", "ITSP", "--text", "Wrote the trust's digital strategy")
	cli("appraisal", "note", "--appraisal", ap.ID, "--text", "A strong year; focus on architecture next.")
	cli("plan", "action", "add", "--plan", ap.Plan, "--objective", "Shadow the enterprise architect for a month",
		"--items", "ARCH", "--activity", "shadowing", "--due", "2027-03-31")

	cli("appraisal", "sign", "--appraisal", ap.ID, "--as", "appraiser")
	cli("appraisal", "sign", "--appraisal", ap.ID, "--as", "appraisee")
	fails(1, "withdraw the sign-off before changing it", "appraisal", "agree", "--appraisal", ap.ID, "--item", "DTAN", "--level", "4")

	show := decode[appraisalShowJSON](t, cli("appraisal", "show", "--appraisal", ap.ID, "--json"))
	if show.Appraisal != ap.ID || show.Person != "Ada Lovelace" || show.Framework != "sfia@9" || show.Appraisers[0].Assessment == nil ||
		*show.Appraisers[0].Assessment != appr || show.OverallNotes != "A strong year; focus on architecture next." ||
		show.AppraiseeSignedAt == nil || show.Appraisers[0].SignedAt == nil || !show.ReadyToSign || !show.AllSigned {
		t.Errorf("appraisal show: %+v", show)
	}
	if show.RatedByBoth != 3 || show.Disagreements != 2 || show.Agreed != 3 || show.Outstanding != 0 || show.InScope != len(show.Items) {
		t.Errorf("counts: both %d differ %d agreed %d outstanding %d in scope %d of %d", show.RatedByBoth, show.Disagreements,
			show.Agreed, show.Outstanding, show.InScope, len(show.Items))
	}
	byItem := map[string]appraisalItemJSON{}
	for _, it := range show.Items {
		byItem[it.Item] = it
	}
	for item, want := range map[string]struct {
		self, appraiser, agreed string
		disagree                bool
	}{
		"ITSP": {"4", "5", "5", true},
		"DTAN": {"3", "3", "3", false},
		"ARCH": {"0", "4", "4", true},
		"PROG": {"2", "null", "null", false},
		"BURM": {"null", "4", "null", false},
	} {
		got := byItem[item]
		a := got.Appraisers["Dr Grace Hopper"]
		if deref(got.Self) != want.self || deref(a) != want.appraiser || deref(got.Agreed) != want.agreed || got.Differs != want.disagree {
			t.Errorf("%s: self %s appraiser %s agreed %s differs %v; want %+v", item, deref(got.Self), deref(a), deref(got.Agreed), got.Differs, want)
		}
	}
	if byItem["ITSP"].Note != "Wrote the trust's digital strategy" || byItem["ITSP"].Group == "" {
		t.Errorf("ITSP: %+v", byItem["ITSP"])
	}
	// The contract's field names, read without this package's types; null, not absent, when not agreed.
	raw := decode[map[string]any](t, cli("appraisal", "show", "--appraisal", ap.ID, "--json"))
	for _, k := range []string{"in_scope", "rated_by_both", "disagreements", "agreed", "outstanding", "matching", "appraisee_signed_at", "appraisers", "signatories", "all_signed", "previous_plan", "plan"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("appraisal show --json lacks %q", k)
		}
	}
	for _, it := range raw["items"].([]any) {
		row := it.(map[string]any)
		if row["item"] != "PROG" {
			continue
		}
		for _, k := range []string{"item", "title", "group", "self", "appraisers", "outside_scope", "agreed", "matching", "differs", "note"} {
			if _, ok := row[k]; !ok {
				t.Errorf("appraisal show --json items lack %q", k)
			}
		}
		if row["agreed"] != nil {
			t.Errorf("PROG agreed = %v, want null", row["agreed"])
		}
	}
	text := cli("appraisal", "show", "--appraisal", ap.ID)
	for _, want := range []string{"ITSP", "differ", "3 rated by the appraisee and an appraiser, 2 rated differently, 3 agreed, 0 still to agree", "Signed by Ada Lovelace (appraisee)"} {
		if !strings.Contains(text, want) {
			t.Errorf("appraisal show lacks %q:\n%s", want, text)
		}
	}
	list := decode[[]appraisalJSON](t, cli("appraisal", "list", "--person", "ada lovelace", "--json"))
	if len(list) != 1 || list[0].ID != ap.ID {
		t.Errorf("appraisal list: %+v", list)
	}
	if out := cli("appraisal", "sign", "--appraisal", ap.ID, "--as", "appraisee", "--unsign"); !strings.Contains(out, "open for changes") || !strings.Contains(out, "set aside") {
		t.Errorf("--unsign says %q; want it to say the appraisal is open and the other signature set aside", out)
	}
	if s := decode[appraisalShowJSON](t, cli("appraisal", "show", "--appraisal", ap.ID, "--json")); s.AppraiseeSignedAt != nil || s.Appraisers[0].SignedAt != nil {
		t.Errorf("after --unsign: %v %v; want every signature set aside", s.AppraiseeSignedAt, s.Appraisers[0].SignedAt)
	}

	// Reports: a person's latest plan (the appraisal's), and the appraisal.
	dir := t.TempDir()
	planPDF, appraisalPDF := filepath.Join(dir, "plan.pdf"), filepath.Join(dir, "appraisal.pdf")
	cli("report", "plan", "--person", "Ada Lovelace", "--out", planPDF)
	cli("report", "appraisal", "--appraisal", ap.ID, "--out", appraisalPDF)
	for _, path := range []string{planPDF, appraisalPDF} {
		data, err := os.ReadFile(path)
		if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
			t.Errorf("%s: not a PDF (%v)", path, err)
		}
	}
	before, _ := os.ReadFile(planPDF)
	fails(1, "already exists", "report", "plan", "--plan", last.ID, "--out", planPDF)
	if after, _ := os.ReadFile(planPDF); !bytes.Equal(before, after) {
		t.Error("an existing report was overwritten")
	}
	fails(2, "--plan ID or --person", "report", "plan", "--plan", last.ID, "--person", "Ada Lovelace", "--out", filepath.Join(dir, "x.pdf"))
	fails(1, "not found", "report", "appraisal", "--appraisal", "nope", "--out", filepath.Join(dir, "y.pdf"))
	if _, err := os.Stat(filepath.Join(dir, "y.pdf")); !os.IsNotExist(err) {
		t.Error("a failed report left a file behind")
	}
}

// TestImportAppraiserFile imports the appraiser's file made on their own
// laptop, and refuses a file about someone else.
func TestImportAppraiserFileCommand(t *testing.T) {
	mine, theirs := tempDB(t), filepath.Join(t.TempDir(), "appraiser.db")
	at := func(db string) func(args ...string) string {
		return func(args ...string) string { t.Helper(); return mustRun(t, append([]string{"--db", db}, args...)...) }
	}
	me, laptop := at(mine), at(theirs)
	dir := t.TempDir()

	me("people", "add", "--name", "Ada Lovelace", "--discipline", "nurse")
	me("people", "add", "--name", "Charles Babbage", "--discipline", "doctor")
	self := firstLine(me("assess", "new", "--person", "Ada Lovelace", "--framework", "sfia@9"))
	other := firstLine(me("assess", "new", "--person", "Charles Babbage", "--framework", "sfia@9"))
	me("assess", "rate", "--assessment", self, "--item", "ITSP", "--level", "4")
	ap := firstLine(me("appraisal", "start", "--assessment", self, "--appraiser", "Dr Grace Hopper"))

	// The appraiser rates Ada (and, by mistake, Charles) on their laptop.
	files := map[string]string{}
	for name, id := range map[string]string{"ada": self, "charles": other} {
		selfFile := filepath.Join(dir, name+"-self.gapwise.json")
		me("assess", "export", "--assessment", id, "--out", selfFile)
		laptop("assess", "import", selfFile)
		person := "Ada Lovelace"
		if name == "charles" {
			person = "Charles Babbage"
		}
		a := firstLine(laptop("assess", "new", "--person", person, "--framework", "sfia@9", "--kind", "appraiser", "--assessor", "Dr Grace Hopper"))
		laptop("assess", "rate", "--assessment", a, "--item", "ITSP", "--level", "5")
		files[name] = filepath.Join(dir, name+"-appraiser.gapwise.json")
		laptop("assess", "export", "--assessment", a, "--out", files[name])
	}

	code, _, errOut := run(t, "--db", mine, "appraisal", "import-appraiser", "--appraisal", ap, files["charles"])
	if code != ExitUser || !strings.Contains(errOut, "this file is an appraiser's assessment of Charles Babbage, not Ada Lovelace") {
		t.Errorf("someone else's file: exit %d %q", code, errOut)
	}
	res := decode[importJSON](t, me("appraisal", "import-appraiser", "--appraisal", ap, files["ada"], "--json"))
	if res.Outcome != "added" || res.Ratings != 1 || res.Person != "Ada Lovelace" {
		t.Errorf("import-appraiser: %+v", res)
	}
	show := decode[appraisalShowJSON](t, me("appraisal", "show", "--appraisal", ap, "--json"))
	if show.Appraisers[0].Assessment == nil || *show.Appraisers[0].Assessment != res.Assessment || show.Disagreements != 1 || show.Outstanding != 1 {
		t.Errorf("after import: %+v", show)
	}
}

// TestJointAppraisalScript: an informatics and a clinical appraiser (the
// second reviewing one domain), agreement of the matching items in one
// command, sign-off by all three, the lock, and a withdrawal that reopens it.
func TestJointAppraisalScript(t *testing.T) {
	db := tempDB(t)
	cli := func(args ...string) string { t.Helper(); return mustRun(t, append([]string{"--db", db}, args...)...) }
	fails := func(want int, msg string, args ...string) {
		t.Helper()
		code, _, errOut := run(t, append([]string{"--db", db}, args...)...)
		if code != want || !strings.Contains(errOut, msg) {
			t.Errorf("%s: exit %d %q; want exit %d mentioning %q", strings.Join(args, " "), code, errOut, want, msg)
		}
	}
	cli("people", "add", "--name", "Sam Jones", "--discipline", "nurse")
	self := firstLine(cli("assess", "new", "--person", "Sam Jones", "--framework", "sfia@9"))
	for item, level := range map[string]string{"ITSP": "4", "DTAN": "3", "ARCH": "4", "PROG": "2"} {
		cli("assess", "rate", "--assessment", self, "--item", item, "--level", level)
	}
	fails(2, "--appraiser-role comes after the --appraiser it belongs to", "appraisal", "start", "--assessment", self, "--appraiser-role", "x", "--appraiser", "A")
	ap := decode[appraisalJSON](t, cli("appraisal", "start", "--assessment", self,
		"--appraiser", "Dr Ann Inf", "--appraiser-role", "informatics appraiser",
		"--appraiser", "Dr Ben Clin", "--appraiser-role", "clinical appraiser", "--scope", "strategy-and-architecture", "--json"))
	if len(ap.Appraisers) != 2 || ap.Appraisers[0].Role != "informatics appraiser" || len(ap.Appraisers[0].Scope) != 0 ||
		ap.Appraisers[1].Name != "Dr Ben Clin" || strings.Join(ap.Appraisers[1].Scope, ",") != "strategy-and-architecture" {
		t.Fatalf("appraisers: %+v", ap.Appraisers)
	}
	fails(1, "Dr Ann Inf is already an appraiser", "appraisal", "add-appraiser", "--appraisal", ap.ID, "--name", "dr ann inf")
	fails(1, "say which one", "appraisal", "rate-as-appraiser", "--appraisal", ap.ID)
	inf := firstLine(cli("appraisal", "rate-as-appraiser", "--appraisal", ap.ID, "--appraiser", "Dr Ann Inf"))
	clin := firstLine(cli("appraisal", "rate-as-appraiser", "--appraisal", ap.ID, "--appraiser", "Dr Ben Clin"))
	for _, r := range [][3]string{{inf, "ITSP", "4"}, {inf, "DTAN", "3"}, {inf, "ARCH", "5"}, {inf, "PROG", "2"}, {clin, "ITSP", "4"}, {clin, "ARCH", "4"}} {
		cli("assess", "rate", "--assessment", r[0], "--item", r[1], "--level", r[2])
	}
	fails(1, "outside Dr Ben Clin's scope", "assess", "rate", "--assessment", clin, "--item", "DTAN", "--level", "3")

	show := decode[appraisalShowJSON](t, cli("appraisal", "show", "--appraisal", ap.ID, "--json"))
	if show.Outstanding != 4 || show.Matching != 3 || show.Disagreements != 1 {
		t.Errorf("before agreeing: outstanding %d matching %d disagreements %d", show.Outstanding, show.Matching, show.Disagreements)
	}
	for _, it := range show.Items {
		switch it.Item {
		case "DTAN":
			if len(it.OutsideScope) != 1 || it.OutsideScope[0] != "Dr Ben Clin" || deref(it.Appraisers["Dr Ann Inf"]) != "3" || deref(it.Matching) != "3" {
				t.Errorf("DTAN: %+v", it)
			}
		case "ARCH":
			if !it.Differs || it.Matching != nil || deref(it.Appraisers["Dr Ben Clin"]) != "4" {
				t.Errorf("ARCH: %+v", it)
			}
		}
	}
	fails(1, "3 of them match", "appraisal", "sign", "--appraisal", ap.ID, "--as", "appraisee")
	if out := cli("appraisal", "agree", "--appraisal", ap.ID, "--all-matching"); !strings.Contains(out, "3 matching items agreed") {
		t.Errorf("agree --all-matching: %q", out)
	}
	cli("appraisal", "agree", "--appraisal", ap.ID, "--item", "ARCH", "--level", "5")
	cli("appraisal", "note", "--appraisal", ap.ID, "--item", "ARCH", "--text", "Agreed 5: led the EPR architecture board")
	action := firstLine(cli("plan", "action", "add", "--plan", ap.Plan, "--objective", "Present at the regional CCIO network"))

	cli("appraisal", "sign", "--appraisal", ap.ID, "--as", "appraisee")
	fails(1, "Sam Jones signed this appraisal on", "appraisal", "sign", "--appraisal", ap.ID, "--as", "appraisee")
	cli("appraisal", "sign", "--appraisal", ap.ID, "--appraiser", "Dr Ann Inf")
	if out := cli("appraisal", "sign", "--appraisal", ap.ID, "--as", "Dr Ben Clin"); !strings.Contains(out, "Signed by Dr Ben Clin (clinical appraiser)") ||
		!strings.Contains(out, "Everyone has signed") {
		t.Errorf("last signature: %q", out)
	}
	fails(1, "withdraw a signature there before changing it", "plan", "action", "set", "--plan", ap.Plan, "--action", action, "--objective", "Changed")
	cli("plan", "action", "set", "--plan", ap.Plan, "--action", action, "--status", "in-progress")
	fails(1, "withdraw the sign-off before changing it", "appraisal", "note", "--appraisal", ap.ID, "--item", "ARCH", "--text", "x")

	text := cli("appraisal", "show", "--appraisal", ap.ID)
	for _, want := range []string{"Appraiser 2: Dr Ben Clin (clinical appraiser), reviews Strategy and architecture", "A1", "A2", "n/a",
		"Signed by Dr Ann Inf (informatics appraiser) at"} {
		if !strings.Contains(text, want) {
			t.Errorf("appraisal show lacks %q:\n%s", want, text)
		}
	}
	dir := t.TempDir()
	one, two := filepath.Join(dir, "one.pdf"), filepath.Join(dir, "two.pdf")
	cli("report", "appraisal", "--appraisal", ap.ID, "--out", one)
	cli("report", "appraisal", "--appraisal", ap.ID, "--out", two)
	a, _ := os.ReadFile(one)
	b, _ := os.ReadFile(two)
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Error("two reports of the signed appraisal differ")
	}

	cli("appraisal", "sign", "--appraisal", ap.ID, "--as", "Dr Ben Clin", "--withdraw")
	fails(1, "has not signed this appraisal", "appraisal", "sign", "--appraisal", ap.ID, "--as", "Dr Ben Clin", "--withdraw")
	cli("plan", "action", "set", "--plan", ap.Plan, "--action", action, "--objective", "Present at the regional CCIO network in the spring")
	list := decode[[]appraisalJSON](t, cli("appraisal", "list", "--person", "Sam Jones", "--json"))
	if len(list) != 1 || list[0].AllSigned || list[0].Appraisers[1].SignedAt != nil || list[0].AppraiseeSignedAt != nil || list[0].Appraisers[0].SignedAt != nil {
		t.Errorf("after withdrawing: %+v; want every signature set aside", list)
	}
	cli("appraisal", "agree", "--appraisal", ap.ID, "--item", "ITSP", "--level", "4") // reopened
}

// TestRemoveAppraiserCommand: remove-appraiser says what goes and asks (or
// needs --yes), erases the appraiser with their ratings, and refuses a
// signed appraisal, its only appraiser and a name it lacks.
func TestRemoveAppraiserCommand(t *testing.T) {
	tests := []struct {
		name     string
		args     []string // after --appraisal ID
		answer   string   // at a terminal; "" is no terminal
		signed   bool
		code     int
		say      string // on stdout (exit 0) or stderr
		left     int    // appraisers afterwards
		annRated bool   // Dr Ann Inf's assessment still there
	}{
		{name: "with --yes", args: []string{"--name", "dr ann inf", "--yes"},
			say: "Deleted Dr Ann Inf as appraiser of Sam Jones's 2026/27 appraisal: their assessment, 2 ratings, 0 targets; the agreed levels and notes stay.", left: 1},
		{name: "yes at the terminal", args: []string{"--name", "Dr Ann Inf"}, answer: "y\n", say: "Deleted Dr Ann Inf as appraiser", left: 1},
		{name: "no at the terminal", args: []string{"--name", "Dr Ann Inf"}, answer: "n\n", code: 1, say: "nothing deleted", left: 2, annRated: true},
		{name: "no terminal to ask at", args: []string{"--name", "Dr Ann Inf"}, code: 1, say: "add --yes to confirm", left: 2, annRated: true},
		{name: "one who has not rated", args: []string{"--name", "Dr Ben Clin", "--yes"}, say: "Dr Ben Clin as appraiser of Sam Jones's 2026/27 appraisal: no ratings yet", left: 1, annRated: true},
		{name: "signed", args: []string{"--name", "Dr Ben Clin", "--yes"}, signed: true, code: 1, say: "withdraw the sign-off", left: 2, annRated: true},
		{name: "nobody by that name", args: []string{"--name", "Dr Who", "--yes"}, code: 1, say: "Dr Who is not an appraiser of this appraisal", left: 2, annRated: true},
		{name: "no name", args: []string{"--yes"}, code: 2, say: "needs --appraisal ID and --name NAME", left: 2, annRated: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := tempDB(t)
			cli := func(args ...string) string { t.Helper(); return mustRun(t, append([]string{"--db", db}, args...)...) }
			cli("people", "add", "--name", "Sam Jones", "--discipline", "nurse")
			self := firstLine(cli("assess", "new", "--person", "Sam Jones", "--framework", "sfia@9"))
			cli("assess", "rate", "--assessment", self, "--item", "ITSP", "--level", "4")
			ap := firstLine(cli("appraisal", "start", "--assessment", self, "--appraiser", "Dr Ann Inf", "--appraiser", "Dr Ben Clin", "--period", "2026/27"))
			ann := firstLine(cli("appraisal", "rate-as-appraiser", "--appraisal", ap, "--appraiser", "Dr Ann Inf"))
			cli("assess", "rate", "--assessment", ann, "--item", "ITSP", "--level", "4")
			cli("assess", "rate", "--assessment", ann, "--item", "DTAN", "--level", "2")
			if tc.signed {
				cli("appraisal", "agree", "--appraisal", ap, "--item", "ITSP", "--level", "4")
				cli("appraisal", "sign", "--appraisal", ap, "--as", "appraisee")
			}
			answering(t, tc.answer, tc.answer != "")
			code, out, errOut := run(t, append([]string{"--db", db, "appraisal", "remove-appraiser", "--appraisal", ap}, tc.args...)...)
			said := out
			if tc.code != 0 {
				said = errOut
			}
			if code != tc.code || !strings.Contains(said, tc.say) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d saying %q", code, out, errOut, tc.code, tc.say)
			}
			show := decode[appraisalShowJSON](t, cli("appraisal", "show", "--appraisal", ap, "--json"))
			if len(show.Appraisers) != tc.left {
				t.Errorf("%d appraisers left, want %d: %+v", len(show.Appraisers), tc.left, show.Appraisers)
			}
			c, _, _ := run(t, "--db", db, "assess", "show", "--assessment", ann)
			if (c == 0) != tc.annRated {
				t.Errorf("Dr Ann Inf's assessment: assess show exits %d; want it kept %v", c, tc.annRated)
			}
		})
	}
	// The only appraiser stays.
	db := tempDB(t)
	cli := func(args ...string) string { t.Helper(); return mustRun(t, append([]string{"--db", db}, args...)...) }
	cli("people", "add", "--name", "Sam Jones", "--discipline", "nurse")
	self := firstLine(cli("assess", "new", "--person", "Sam Jones", "--framework", "sfia@9"))
	ap := firstLine(cli("appraisal", "start", "--assessment", self, "--appraiser", "Dr Ann Inf"))
	failsOn(t, db)(1, "Dr Ann Inf is this appraisal's only appraiser", "appraisal", "remove-appraiser", "--appraisal", ap, "--name", "Dr Ann Inf", "--yes")
}

// TestAppraisalShowJSONPerItem: `appraisal show --json` gives every item in
// scope its self level, each reviewing appraiser's level by name, the agreed
// level and whether the ratings differ, null where there is no level, so a
// script can read an appraisal without the text table.
func TestAppraisalShowJSONPerItem(t *testing.T) {
	db := tempDB(t)
	cli := func(args ...string) string { t.Helper(); return mustRun(t, append([]string{"--db", db}, args...)...) }
	cli("people", "add", "--name", "Sam Jones", "--discipline", "nurse")
	self := firstLine(cli("assess", "new", "--person", "Sam Jones", "--framework", "sfia@9"))
	ap := firstLine(cli("appraisal", "start", "--assessment", self,
		"--appraiser", "Dr Ann Inf", "--appraiser", "Dr Ben Clin", "--scope", "strategy-and-architecture"))
	ann := firstLine(cli("appraisal", "rate-as-appraiser", "--appraisal", ap, "--appraiser", "Dr Ann Inf"))
	ben := firstLine(cli("appraisal", "rate-as-appraiser", "--appraisal", ap, "--appraiser", "Dr Ben Clin"))
	for _, r := range [][3]string{
		{self, "ITSP", "4"}, {ann, "ITSP", "4"}, {ben, "ITSP", "4"}, // all match; then agreed
		{self, "ARCH", "5"}, {ann, "ARCH", "5"}, {ben, "ARCH", "6"}, // the clinical appraiser differs
		{self, "STPL", "5"}, {ann, "STPL", "5"}, // Dr Ben Clin has not rated it yet
		{self, "DTAN", "3"}, {ann, "DTAN", "2"}, // outside Dr Ben Clin's scope; differs
		{ann, "PROG", "2"}, // the appraisee has not rated it
	} {
		cli("assess", "rate", "--assessment", r[0], "--item", r[1], "--level", r[2])
	}
	cli("appraisal", "agree", "--appraisal", ap, "--item", "ITSP", "--level", "4")
	cli("appraisal", "agree", "--appraisal", ap, "--item", "ARCH", "--level", "5")

	var raw struct {
		Items []map[string]json.RawMessage `json:"items"`
	}
	if err := json.Unmarshal([]byte(cli("appraisal", "show", "--appraisal", ap, "--json")), &raw); err != nil {
		t.Fatal(err)
	}
	byItem := map[string]map[string]json.RawMessage{}
	for _, it := range raw.Items {
		for _, key := range []string{"item", "self", "appraisers", "agreed", "differs"} {
			if _, ok := it[key]; !ok {
				t.Fatalf("an item lacks %q: %s", key, it)
			}
		}
		var id string
		_ = json.Unmarshal(it["item"], &id)
		byItem[id] = it
	}
	if len(byItem) != 147 {
		t.Errorf("%d items, want every SFIA 9 item in scope (147)", len(byItem))
	}
	tests := []struct {
		item, self, appraisers, agreed, differs string // the JSON of each field
	}{
		{"ITSP", "4", `{"Dr Ann Inf":4,"Dr Ben Clin":4}`, "4", "false"},
		{"ARCH", "5", `{"Dr Ann Inf":5,"Dr Ben Clin":6}`, "5", "true"},
		{"STPL", "5", `{"Dr Ann Inf":5,"Dr Ben Clin":null}`, "null", "false"},
		{"DTAN", "3", `{"Dr Ann Inf":2}`, "null", "true"},
		{"PROG", "null", `{"Dr Ann Inf":2}`, "null", "false"},
	}
	for _, tc := range tests {
		t.Run(tc.item, func(t *testing.T) {
			it := byItem[tc.item]
			if it == nil {
				t.Fatalf("%s is not listed", tc.item)
			}
			var appraisers map[string]*int
			if err := json.Unmarshal(it["appraisers"], &appraisers); err != nil {
				t.Fatal(err)
			}
			norm, _ := json.Marshal(appraisers) // keys sorted
			for field, got := range map[string]string{"self": string(it["self"]), "appraisers": string(norm), "agreed": string(it["agreed"]), "differs": string(it["differs"])} {
				want := map[string]string{"self": tc.self, "appraisers": tc.appraisers, "agreed": tc.agreed, "differs": tc.differs}[field]
				if got != want {
					t.Errorf("%s %s = %s, want %s", tc.item, field, got, want)
				}
			}
		})
	}
}
