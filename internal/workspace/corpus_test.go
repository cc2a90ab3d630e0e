package workspace

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"gapwise/internal/exchange/exchangetest"
	"gapwise/internal/model"
)

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
	res, err := w.ImportAssessmentFile(ctx, filepath.Join(exchangetest.Dir(), "corpus-setup.gapwise.json"))
	if err != nil {
		t.Fatal(err)
	}
	team, err := w.CreateTeam(ctx, "Ward informatics", sfia9)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.AddMember(ctx, model.TeamID(team.ID), model.PersonID(res.Person.ID)); err != nil {
		t.Fatal(err)
	}
	if _, err := w.PlanFromGaps(ctx, res.Assessment.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.StartAppraisal(ctx, res.Assessment.ID, one("Dr A Appraiser"), "2026/27"); err != nil {
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
	cases, err := exchangetest.BadFiles()
	if err != nil || len(cases) < 100 {
		t.Fatalf("the corpus: %d files, %v", len(cases), err)
	}
	for _, c := range cases {
		t.Run(c.File, func(t *testing.T) {
			res, err := w.ImportAssessmentFile(ctx, c.Path())
			if err == nil {
				t.Fatalf("accepted: %s", res.Describe())
			}
			msg := err.Error()
			if !strings.Contains(msg, c.Fragment) {
				t.Errorf("message does not say %q:\n%s", c.Fragment, msg)
			}
			if c.Line > 0 && !strings.Contains(msg, fmt.Sprintf("line %d: ", c.Line)) {
				t.Errorf("message does not name line %d:\n%s", c.Line, msg)
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
			return w.ImportTeamFiles(ctx, team.ID, []string{filepath.Join(exchangetest.Dir(), "bad")}, nil)
		},
		func() (BatchResult, error) {
			return w.ImportFiles(ctx, []string{filepath.Join(exchangetest.Dir(), "bad")}, nil)
		},
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
	paths, err := exchangetest.GoodFiles()
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
