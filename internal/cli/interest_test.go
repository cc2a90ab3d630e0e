package cli

import (
	"strings"
	"testing"
)

// assess rate --interest sets "I want to develop this" with a level or on
// the rating an item has, --interest=false drops it, a later --level keeps
// it, and assess show (text and JSON) says so.
func TestAssessRateInterest(t *testing.T) {
	db := tempDB(t)
	cli := func(args ...string) string { t.Helper(); return mustRun(t, append([]string{"--db", db}, args...)...) }
	pid := strings.TrimSpace(cli("people", "add", "--name", "Pat Example", "--discipline", "nurse"))
	aid := strings.Split(cli("assess", "new", "--person", pid, "--framework", "fci"), "\n")[0]
	interest := func() map[string]bool {
		t.Helper()
		out := map[string]bool{}
		for _, it := range decode[sheetJSON](t, cli("assess", "show", "--assessment", aid, "--json")).Items {
			if it.Interest {
				out[it.Item] = true
			}
		}
		return out
	}

	if out := cli("assess", "rate", "--assessment", aid, "--item", "1.1", "--level", "0", "--interest"); out != "1.1: 0 Not yet, want to develop\n" {
		t.Errorf("rate with --interest printed %q", out)
	}
	cli("assess", "rate", "--assessment", aid, "--item", "1.2", "--level", "3", "--confidence", "4")
	cli("assess", "rate", "--assessment", aid, "--item", "1.2", "--interest")
	if got := interest(); len(got) != 2 || !got["1.1"] || !got["1.2"] {
		t.Fatalf("interest after rating: %v", got)
	}
	sheet := decode[sheetJSON](t, cli("assess", "show", "--assessment", aid, "--json"))
	for _, it := range sheet.Items {
		if it.Item == "1.2" && (*it.Level != 3 || *it.Confidence != 4) {
			t.Errorf("--interest alone changed the rating: %+v", it)
		}
	}
	if text := cli("assess", "show", "--assessment", aid); !strings.Contains(text, "(develop)") {
		t.Errorf("assess show does not mark interest:\n%s", text)
	}
	cli("assess", "rate", "--assessment", aid, "--item", "1.1", "--level", "1") // a new level keeps it
	cli("assess", "rate", "--assessment", aid, "--item", "1.2", "--interest=false")
	if got := interest(); len(got) != 1 || !got["1.1"] {
		t.Errorf("after --interest=false on 1.2: %v", got)
	}

	for _, c := range []struct {
		name string
		args []string
		code int
	}{
		{"interest on an unrated item", []string{"--item", "2.1", "--interest"}, ExitUser},
		{"interest with --not-rated", []string{"--item", "1.1", "--not-rated", "--interest"}, ExitUsage},
		{"confidence without a level", []string{"--item", "1.1", "--confidence", "2", "--interest"}, ExitUsage},
		{"interest not a boolean", []string{"--item", "1.1", "--interest=maybe"}, ExitUsage},
	} {
		code, _, errOut := run(t, append([]string{"--db", db, "assess", "rate", "--assessment", aid}, c.args...)...)
		if code != c.code {
			t.Errorf("%s: exit %d, want %d (%q)", c.name, code, c.code, errOut)
		}
	}
}
