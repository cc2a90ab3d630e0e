package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"gapwise/internal/model"
)

func TestImportNewerWinsAndKindCannotChange(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	p := model.Person{ID: "aaaaaaaa-2222-4333-8444-555555555555", Name: "Kim", Discipline: model.Midwife}
	jan := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	a := model.Assessment{ID: "11111111-2222-4333-8444-555555555555", PersonID: p.ID, Framework: testRef, Kind: model.SelfAssessment, CreatedAt: jan, UpdatedAt: jan}
	out, err := s.ImportAssessment(ctx, p, a, []model.Rating{{Item: "A", Level: 1}}, nil, nil, jan)
	if err != nil || out != Added {
		t.Fatalf("first import: %v %v", out, err)
	}
	if out, err := s.ImportAssessment(ctx, p, a, []model.Rating{{Item: "A", Level: 2}}, nil, nil, jan); err != nil || out != Unchanged {
		t.Errorf("same updated_at again: %v %v; want unchanged", out, err)
	}
	feb := jan.AddDate(0, 1, 0)
	agreed := a
	agreed.Kind, agreed.UpdatedAt = model.AgreedAssessment, feb
	if _, err := s.ImportAssessment(ctx, p, agreed, nil, nil, []byte(`{}`), jan); model.KindOf(err) != model.Conflict {
		t.Errorf("a file relabelling a self-assessment as agreed: %v; want a conflict", err)
	}
	newer := a
	newer.UpdatedAt = feb
	if out, err := s.ImportAssessment(ctx, p, newer, []model.Rating{{Item: "A", Level: 3}}, nil, []byte(`{}`), jan); err != nil || out != Replaced {
		t.Fatalf("newer file: %v %v", out, err)
	}
	if rs, _ := s.Ratings(ctx, a.ID); len(rs) != 1 || rs[0].Level != 3 {
		t.Errorf("after the newer file: %+v", rs)
	}
	if out, err := s.ImportAssessment(ctx, p, newer, nil, nil, []byte(`{}`), jan); err != nil || out != Unchanged {
		t.Errorf("the same newer file twice: %v %v; want unchanged", out, err)
	}
}

// Every field of every rating comes back as written by a batch import, in
// all combinations of level, confidence and interest the schema takes, with
// and without evidence, whatever order the file lists them in.
func TestImportBatchKeepsEveryRatingField(t *testing.T) {
	ctx := context.Background()
	var ids []string
	for i := 0; i < 120; i++ {
		ids = append(ids, fmt.Sprintf("X%03d", i))
	}
	s := openAt(t, filepath.Join(t.TempDir(), "gapwise.db"))
	f := tinyFramework("1", ids...)
	for i := range f.Items {
		f.Items[i].Levels = []int{1, 2, 3, 4, 5, 6, 7}
	}
	if _, err := s.SeedPacks(ctx, []PackData{packOf(t, f)}); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 2, 3, 4, 5, 6, 7_000_000, time.UTC)
	it := importItem(1)
	it.Ratings = nil
	want := map[string]model.Rating{}
	for i := len(ids) - 1; i >= 0; i-- { // the reverse of the key's order
		r := model.Rating{Item: ids[i], Level: i % 8, Confidence: i / 8 % 6, Interest: i/48%2 == 1, RatedAt: at.Add(time.Duration(i) * time.Second)}
		if i%5 == 0 {
			r.Evidence = fmt.Sprintf("Evidence %d, with ' quotes \" and ; semicolons", i)
		}
		it.Ratings = append(it.Ratings, r)
		want[r.Item] = r
	}
	done, err := s.ImportBatch(ctx, "", []ImportItem{it})
	if err != nil || done[0].Err != nil {
		t.Fatal(err, done[0].Err)
	}
	got, err := s.Ratings(ctx, it.Assessment.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d ratings back, want %d", len(got), len(want))
	}
	for _, g := range got {
		if w := want[g.Item]; g.Level != w.Level || g.Confidence != w.Confidence || g.Interest != w.Interest ||
			g.Evidence != w.Evidence || !g.RatedAt.Equal(w.RatedAt) {
			t.Errorf("%s: back as %+v, written %+v", g.Item, g, w)
		}
	}
}
