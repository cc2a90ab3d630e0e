package workspace

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gapwise/internal/model"
)

// rateSome makes a person with an SFIA 9 assessment holding every kind of
// answer: real levels, level 0, confidence, evidence, and a target.
func rateSome(t *testing.T, ws *Workspace) (model.Person, model.Assessment) {
	t.Helper()
	ctx := context.Background()
	p, err := ws.AddPerson(ctx, model.Person{Name: "Zoë Ødegård-Nęść", Discipline: model.Pharmacist, Role: "Chief pharmacist – informatics", InformaticsWTE: 0.2})
	if err != nil {
		t.Fatal(err)
	}
	a, err := ws.StartAssessment(ctx, p.ID, model.FrameworkRef{ID: "sfia", Version: "9"}, model.SelfAssessment, "", model.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []model.Rating{
		{Item: "ITSP", Level: 5, Confidence: 4, Evidence: "Wrote the trust's digital strategy — approved by the board"},
		{Item: "ARCH", Level: 0},
		{Item: "DTAN", Level: 3},
	} {
		if err := ws.Rate(ctx, a.ID, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := ws.SetTarget(ctx, model.AssessmentID(a.ID), "ITSP", 6); err != nil {
		t.Fatal(err)
	}
	return p, a
}

func TestExportThenImportIntoAnotherDatabaseKeepsEveryRating(t *testing.T) {
	ctx := context.Background()
	src := openTemp(t)
	p, a := rateSome(t, src)
	path := filepath.Join(t.TempDir(), "export.gapwise.json")
	if err := exportFile(t, src, a.ID, path); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(path); info.Mode().Perm()&0o077 != 0 {
		t.Errorf("exported file mode %v is readable by others", info.Mode().Perm())
	}
	if err := exportFile(t, src, a.ID, path); model.KindOf(err) != model.Conflict {
		t.Errorf("export over an existing file: %v, want a refusal", err)
	}

	dst := openTemp(t)
	res, err := dst.ImportAssessmentFile(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != Added || res.Person.Name != p.Name {
		t.Errorf("first import: %+v", res)
	}
	want, _ := src.Sheet(ctx, a.ID)
	got, err := dst.Sheet(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Ratings) != len(want.Ratings) || got.Person.Discipline != model.Pharmacist {
		t.Fatalf("imported %d ratings (want %d), person %+v", len(got.Ratings), len(want.Ratings), got.Person)
	}
	for id, w := range want.Ratings {
		g := got.Ratings[id]
		if g.Level != w.Level || g.Confidence != w.Confidence || g.Evidence != w.Evidence || !g.RatedAt.Equal(w.RatedAt) {
			t.Errorf("%s: imported %+v, exported %+v", id, g, w)
		}
	}
	if _, ok := got.Ratings["ARCH"]; !ok {
		t.Error("level 0 (none yet) was lost: it is a rating, not an absence")
	}
	if _, ok := got.Ratings["PROG"]; ok {
		t.Error("a not-rated item came back rated")
	}
	if got.Targets["ITSP"].Level != 6 {
		t.Errorf("target lost: %+v", got.Targets)
	}

	again, err := dst.ImportAssessmentFile(ctx, path)
	if err != nil || again.Outcome != Unchanged {
		t.Errorf("second import of the same file: %+v, %v; want unchanged", again, err)
	}
}

func TestNewerFileReplacesAndKeepsHistory(t *testing.T) {
	ctx := context.Background()
	src := openTemp(t)
	_, a := rateSome(t, src)
	old, _, err := src.ExportAssessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * time.Millisecond)
	if err := src.Rate(ctx, a.ID, model.Rating{Item: "DTAN", Level: 4}); err != nil {
		t.Fatal(err)
	}
	newer, _, err := src.ExportAssessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	dst := openTemp(t)
	if _, err := dst.ImportAssessment(ctx, old); err != nil {
		t.Fatal(err)
	}
	res, err := dst.ImportAssessment(ctx, newer)
	if err != nil || res.Outcome != Replaced {
		t.Fatalf("newer file: %+v %v", res, err)
	}
	if sh, _ := dst.Sheet(ctx, a.ID); sh.Ratings["DTAN"].Level != 4 {
		t.Errorf("newer rating not applied: %+v", sh.Ratings["DTAN"])
	}
	hist, err := dst.store.AssessmentHistory(ctx, a.ID)
	if err != nil || len(hist) != 1 {
		t.Fatalf("history: %d entries, %v", len(hist), err)
	}
	if res, _ := dst.ImportAssessment(ctx, old); res.Outcome != Unchanged {
		t.Errorf("an older file after a newer one: %v; want unchanged", res.Outcome)
	}
	if sh, _ := dst.Sheet(ctx, a.ID); sh.Ratings["DTAN"].Level != 4 {
		t.Error("an older file overwrote a newer rating")
	}
}

func TestImportRefusesBadFilesWhole(t *testing.T) {
	ctx := context.Background()
	src := openTemp(t)
	_, a := rateSome(t, src)
	good, _, err := src.ExportAssessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, from, to, want string
	}{
		{"unknown framework version", `"version": "9"`, `"version": "10"`, "sfia@10"},
		{"unknown item", `"item": "DTAN"`, `"item": "ZZZZ"`, "ZZZZ"},
		{"level not defined for the skill", `"level": 5,`, `"level": 1,`, "ITSP"},
		{"not JSON", `{`, `[`, "line"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bad := strings.Replace(string(good), c.from, c.to, 1)
			if bad == string(good) {
				t.Fatalf("fixture: %q not found in the export", c.from)
			}
			dst := openTemp(t)
			_, err := dst.ImportAssessment(ctx, []byte(bad))
			if model.KindOf(err) != model.BadFile || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v; want an invalid-input error naming %q", err, c.want)
			}
			if people, _ := dst.People(ctx); len(people) != 0 {
				t.Error("a refused file still added its person")
			}
		})
	}
}

// exportFile writes an assessment's exchange file to a new file, as the app
// and CLI do.
func exportFile(t *testing.T, w *Workspace, id, path string) error {
	t.Helper()
	data, _, err := w.ExportAssessment(context.Background(), id)
	if err != nil {
		return err
	}
	return SaveNewFile(path, func(out io.Writer) error {
		_, err := out.Write(data)
		return err
	})
}
