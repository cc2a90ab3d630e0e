package store

import (
	"context"
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
