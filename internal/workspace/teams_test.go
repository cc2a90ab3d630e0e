package workspace

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gapwise/internal/model"
)

// exportTeamFolder makes n members' SFIA 9 self-assessments in one database
// and exports them into a folder, as members would send them to a CCIO.
func exportTeamFolder(t *testing.T, n int) (dir string, src *Workspace, ids []string) {
	t.Helper()
	ctx := context.Background()
	src = openTemp(t)
	dir = t.TempDir()
	for i := 0; i < n; i++ {
		p, err := src.AddPerson(ctx, model.Person{Name: fmt.Sprintf("Member %d", i), Discipline: model.Disciplines[i%len(model.Disciplines)], InformaticsWTE: 0.5})
		if err != nil {
			t.Fatal(err)
		}
		a, err := src.StartAssessment(ctx, p.ID, model.FrameworkRef{ID: "sfia", Version: "9"}, model.SelfAssessment, "", model.Scope{})
		if err != nil {
			t.Fatal(err)
		}
		for j, item := range []string{"ITSP", "DTAN", "PROG"} {
			f, _ := src.Framework(ctx, a.Framework)
			it, _ := f.Item(item)
			if err := src.Rate(ctx, a.ID, model.Rating{Item: item, Level: it.Levels[(i+j)%len(it.Levels)]}); err != nil {
				t.Fatal(err)
			}
		}
		if err := exportFile(t, src, a.ID, filepath.Join(dir, fmt.Sprintf("member-%d.gapwise.json", i))); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	return dir, src, ids
}

func TestTeamImportFromAMixedFolder(t *testing.T) {
	ctx := context.Background()
	dir, src, ids := exportTeamFolder(t, 4)
	good, _ := os.ReadFile(filepath.Join(dir, "member-0.gapwise.json"))
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("malformed.json", `{"format": "gapwise.assessment", "ratings": [`)
	write("unknown-version.gapwise.json", strings.Replace(string(good), `"version": "9"`, `"version": "42"`, 1))
	write("wrong-item.gapwise.json", strings.Replace(string(good), `"item": "DTAN"`, `"item": "NOPE"`, 1))
	write("duplicate.gapwise.json", string(good))
	// A newer version of member 1's assessment: it must replace the older.
	if err := src.Rate(ctx, ids[1], model.Rating{Item: "ITSP", Level: 7}); err != nil {
		t.Fatal(err)
	}
	newer, _, _ := src.ExportAssessment(ctx, ids[1])
	write("zz-member-1-newer.gapwise.json", string(newer))

	ws := openTemp(t)
	team, err := ws.CreateTeam(ctx, "Digital nursing", model.FrameworkRef{ID: "sfia", Version: "9"})
	if err != nil {
		t.Fatal(err)
	}
	var calls int
	res, err := ws.ImportTeamFiles(ctx, team.ID, []string{dir}, func(done, total int) {
		calls++
		if done != calls || total != 9 {
			t.Errorf("progress(%d, %d) on call %d", done, total, calls)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Refused) != 3 {
		t.Errorf("refused %d files, want 3: %v", len(res.Refused), res.Refused)
	}
	reasons := map[string]string{}
	for _, r := range res.Refused {
		reasons[filepath.Base(r.File)] = r.Err.Error()
	}
	for file, want := range map[string]string{"malformed.json": "line", "unknown-version.gapwise.json": "sfia@42", "wrong-item.gapwise.json": "NOPE"} {
		if !strings.Contains(reasons[file], want) {
			t.Errorf("%s refused with %q; want it to name %q", file, reasons[file], want)
		}
	}
	members, _ := ws.Members(ctx, team.ID)
	if len(members) != 4 {
		t.Errorf("%d members after import, want 4", len(members))
	}
	if sh, _ := ws.Sheet(ctx, ids[1]); sh.Ratings["ITSP"].Level != 7 {
		t.Errorf("the newer file did not win: ITSP %+v", sh.Ratings["ITSP"])
	}
	if hist, _ := ws.store.AssessmentHistory(ctx, ids[1]); len(hist) != 1 {
		t.Errorf("the older version was not kept as history (%d entries)", len(hist))
	}

	again, err := ws.ImportTeamFiles(ctx, team.ID, []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Imported) != 0 || len(again.Refused) != 3 {
		t.Errorf("a second run changed something: %s", again.Summary())
	}
}

func TestTeamImportRefusesOtherFrameworkAndKinds(t *testing.T) {
	ctx := context.Background()
	dir, _, _ := exportTeamFolder(t, 1)
	ws := openTemp(t)
	team, err := ws.CreateTeam(ctx, "Data team", model.FrameworkRef{ID: "sfia", Version: "8"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := ws.ImportTeamFiles(ctx, team.ID, []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Refused) != 1 || !strings.Contains(res.Refused[0].Err.Error(), "uses sfia@8") {
		t.Fatalf("an SFIA 9 file into an SFIA 8 team: %+v", res)
	}
	if people, _ := ws.People(ctx); len(people) != 0 {
		t.Error("a refused file still added its person")
	}
}

// A file is validated, then read again when written: one that changed in
// between (another program, a sync client) is refused, not written unchecked,
// whether the import kept its content in compact form or decodes it again.
func TestTeamImportRefusesAFileChangedWhileImporting(t *testing.T) {
	for _, budget := range []int{keepBudget, 0} {
		withKeepBudget(t, budget, testTeamImportRefusesAFileChangedWhileImporting)
	}
}

func testTeamImportRefusesAFileChangedWhileImporting(t *testing.T) {
	ctx := context.Background()
	dir, _, ids := exportTeamFolder(t, 3)
	ws := openTemp(t)
	team, err := ws.CreateTeam(ctx, "Digital nursing", model.FrameworkRef{ID: "sfia", Version: "9"})
	if err != nil {
		t.Fatal(err)
	}
	victim := filepath.Join(dir, "member-1.gapwise.json")
	res, err := ws.ImportTeamFiles(ctx, team.ID, []string{dir}, func(done, total int) {
		if done == total { // every file validated; the write has not begun
			data, _ := os.ReadFile(victim)
			os.WriteFile(victim, []byte(strings.Replace(string(data), `"name": "Member 1"`, `"name": "Member One"`, 1)), 0o600)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Imported) != 2 || len(res.Refused) != 1 || !strings.Contains(res.Refused[0].Err.Error(), "changed while it was being imported") {
		t.Fatalf("%s; refused %v", res.Summary(), res.Refused)
	}
	if _, err := ws.Sheet(ctx, ids[1]); model.KindOf(err) != model.NotFound {
		t.Errorf("the changed file's assessment is in the database (%v)", err)
	}
}
