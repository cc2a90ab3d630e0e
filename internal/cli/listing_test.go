package cli

import (
	"strings"
	"testing"
)

// TestEmptyListsSayWhatToDo: every list command, on a database with nothing
// of its kind yet, prints an empty JSON array for scripts and, for people,
// the command that adds the first one rather than a bare header.
func TestEmptyListsSayWhatToDo(t *testing.T) {
	db := tempDB(t)
	cli := func(args ...string) string { t.Helper(); return mustRun(t, append([]string{"--db", db}, args...)...) }
	cli("people", "add", "--name", "Sam Okafor", "--discipline", "nurse")
	for _, tc := range []struct {
		args []string
		next string // the command the empty text points to
	}{
		{[]string{"team", "list"}, "gapwise-cli team create"},
		{[]string{"assess", "list"}, "gapwise-cli assess new"},
		{[]string{"plan", "list", "--person", "Sam Okafor"}, "gapwise-cli plan new"},
		{[]string{"appraisal", "list", "--person", "Sam Okafor"}, "gapwise-cli appraisal start"},
		{[]string{"catalogue", "list"}, "gapwise-cli catalogue import"},
		{[]string{"roles", "list", "--framework", "fci"}, "no roles"},
	} {
		name := strings.Join(tc.args, " ")
		if got := cli(append(tc.args, "--json")...); strings.TrimSpace(got) != "[]" {
			t.Errorf("%s --json = %q, want []", name, got)
		}
		if got := cli(tc.args...); !strings.Contains(got, tc.next) || strings.Contains(got, "\tID") || strings.HasPrefix(got, "ID ") {
			t.Errorf("%s = %q, want a line pointing to %q and no empty table", name, got, tc.next)
		}
	}
}

// TestListCountsAreGrammatical: the closing count reads "1 person", not
// "1 people" (the shared printer's one/many nouns).
func TestListCountsAreGrammatical(t *testing.T) {
	db := tempDB(t)
	cli := func(args ...string) string { t.Helper(); return mustRun(t, append([]string{"--db", db}, args...)...) }
	cli("people", "add", "--name", "Sam Okafor", "--discipline", "nurse")
	if got := cli("people", "list"); !strings.HasSuffix(got, "\n1 person\n") {
		t.Errorf("people list with one person ends %q, want \"1 person\"", got)
	}
	cli("people", "add", "--name", "Ada Jones", "--discipline", "pharmacist")
	if got := cli("people", "list"); !strings.HasSuffix(got, "\n2 people\n") {
		t.Errorf("people list with two people ends %q, want \"2 people\"", got)
	}
}
