package workspace

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gapwise/internal/model"
)

// The bad-file corpus lives with the decoder (internal/exchange/testdata,
// written by gen_corpus.py there); this test imports it the way the app and
// the CLI do, into a database holding real data.
const corpusDir = "../exchange/testdata"

type badFile struct {
	name     string
	decoder  bool // refused by the decoder itself (else by the workspace)
	line     int  // the line the message must name; 0 for none
	fragment string
}

func readCorpus(t *testing.T) []badFile {
	t.Helper()
	f, err := os.Open(filepath.Join(corpusDir, "bad", "expect.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []badFile
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		parts := strings.SplitN(sc.Text(), "\t", 4)
		if len(parts) != 4 {
			t.Fatalf("expect.tsv: %q", sc.Text())
		}
		line, err := strconv.Atoi(parts[2])
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, badFile{parts[0], parts[1] == "d", line, parts[3]})
	}
	if len(out) < 100 {
		t.Fatalf("the corpus has %d bad files", len(out))
	}
	return out
}

// corpusDB is a database with real data: the sample team, Sam Jones (whom
// the spoofing files impersonate) with a rated SFIA 9 self-assessment, in a
// team, with a plan and an appraisal.
func corpusDB(t *testing.T) *Workspace {
	t.Helper()
	ctx := context.Background()
	w := openTemp(t)
	if _, err := w.CreateSampleData(ctx); err != nil {
		t.Fatal(err)
	}
	res, err := w.ImportAssessmentFile(ctx, filepath.Join(corpusDir, "corpus-setup.gapwise.json"))
	if err != nil {
		t.Fatal(err)
	}
	team, err := w.CreateTeam(ctx, "Ward informatics", sfia9)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.AddMember(ctx, team.ID, res.Person.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.PlanFromGaps(ctx, res.Assessment.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.StartAppraisal(ctx, res.Assessment.ID, "Dr A Appraiser", "2026/27"); err != nil {
		t.Fatal(err)
	}
	return w
}

func TestBadFileCorpusIsRefusedWholeAndChangesNothing(t *testing.T) {
	ctx := context.Background()
	w := corpusDB(t)
	full := dumpTables(t, w)
	// Each file is checked against the tables an import writes (the
	// framework tables are most of the bytes); the whole database at the end.
	frameworkTables := []string{"frameworks", "item_groups", "items", "roles", "role_levels", "requirements"}
	before := dumpTables(t, w, frameworkTables...)
	cases := readCorpus(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(corpusDir, "bad", c.name)
			res, err := w.ImportAssessmentFile(ctx, path)
			if err == nil {
				t.Fatalf("accepted: %s", res.Describe())
			}
			msg := err.Error()
			if !strings.Contains(msg, c.fragment) {
				t.Errorf("message does not say %q:\n%s", c.fragment, msg)
			}
			if c.line > 0 && !strings.Contains(msg, fmt.Sprintf("line %d: ", c.line)) {
				t.Errorf("message does not name line %d:\n%s", c.line, msg)
			}
			if k := model.KindOf(err); k == model.Internal {
				t.Errorf("refused as an internal error: %s", msg)
			}
			if after := dumpTables(t, w, frameworkTables...); after != before {
				t.Fatalf("the refused file changed the database")
			}
		})
	}
	if dumpTables(t, w) != full {
		t.Fatal("the refused files changed the database")
	}

	// All of them at once, as a team import of the folder and as a CLI
	// `assess import` does: each refused, nothing written.
	team, err := w.CreateTeam(ctx, "Corpus team", sfia9)
	if err != nil {
		t.Fatal(err)
	}
	before = dumpTables(t, w)
	for _, imp := range []func() (BatchResult, error){
		func() (BatchResult, error) {
			return w.ImportTeamFiles(ctx, team.ID, []string{filepath.Join(corpusDir, "bad")}, nil)
		},
		func() (BatchResult, error) { return w.ImportFiles(ctx, []string{filepath.Join(corpusDir, "bad")}, nil) },
	} {
		res, err := imp()
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Imported)+len(res.Same) != 0 || len(res.Refused) != len(cases) {
			t.Errorf("batch of the corpus: %s", res.Summary())
		}
		if dumpTables(t, w) != before {
			t.Fatal("a batch of refused files changed the database")
		}
	}
}

func TestGoodCorpusFilesAreAccepted(t *testing.T) {
	ctx := context.Background()
	w := corpusDB(t)
	paths, err := filepath.Glob(filepath.Join(corpusDir, "good", "*.gapwise.json"))
	if err != nil || len(paths) < 5 {
		t.Fatalf("good files: %v %v", paths, err)
	}
	for _, p := range paths {
		res, err := w.ImportAssessmentFile(ctx, p)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(p), err)
			continue
		}
		if res.PersonUpdated {
			t.Errorf("%s changed a profile: %s", filepath.Base(p), res.Describe())
		}
	}
	sam, err := w.Person(ctx, "3f6d2a10-7b8c-4d9e-a1f2-0123456789ab")
	if err != nil || sam.Name != "Sam Jones" || sam.Role != "Ward sister" {
		t.Errorf("Sam after the good files: %+v, %v", sam, err)
	}
}
