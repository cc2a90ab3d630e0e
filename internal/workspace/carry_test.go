package workspace

import (
	"context"
	"strings"
	"testing"

	"gapwise/internal/model"
)

func TestCarryAssessment(t *testing.T) {
	ctx := context.Background()
	w := openTemp(t)
	altered := importFiles(t, w, "ddat@altered", alteredDDaTFiles(t)...)
	p, err := w.AddPerson(ctx, model.Person{Name: "Ada Example", Discipline: model.Nurse})
	if err != nil {
		t.Fatal(err)
	}
	start := func(ref model.FrameworkRef) model.Assessment {
		a, err := w.StartAssessment(ctx, p.ID, ref, model.SelfAssessment, "", model.Scope{})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	rate := func(a model.Assessment, item string, level int) {
		if err := w.Rate(ctx, a.ID, model.Rating{Item: item, Level: level, Evidence: "evidence for " + item}); err != nil {
			t.Fatal(err)
		}
	}

	// DDaT: the altered copy to the official text.
	ddat := start(altered.Ref)
	rate(ddat, "ownership-and-topic", 2)        // renamed
	rate(ddat, "architecture-communication", 4) // its Expert text changed
	rate(ddat, "accessibility", 1)              // unchanged
	rate(ddat, "agile-working-content-design", 0)
	if err := w.SetTarget(ctx, model.AssessmentID(ddat.ID), "ownership-and-topic", 3); err != nil {
		t.Fatal(err)
	}

	// SFIA 8 to 9: every SFIA 8 skill rated at its top level.
	sfia8, err := w.ResolveFramework(ctx, "sfia@8")
	if err != nil {
		t.Fatal(err)
	}
	sfia9, err := w.ResolveFramework(ctx, "sfia@9")
	if err != nil {
		t.Fatal(err)
	}
	sfia := start(sfia8.Ref)
	wantDropped := 0
	for _, it := range sfia8.Items {
		top := it.Levels[len(it.Levels)-1]
		rate(sfia, it.ID, top)
		if n, ok := sfia9.Item(it.ID); !ok || !n.ValidLevel(top) {
			wantDropped++
		}
	}
	if banner, err := w.NewerVersions(ctx, sfia.ID); err != nil || len(banner) != 1 || banner[0].Ref.String() != "sfia@9" {
		t.Errorf("newer versions of an SFIA 8 assessment = %v %v, want sfia@9", banner, err)
	}

	tests := []struct {
		name                          string
		from                          model.Assessment
		to                            string
		carried, review, dropped, new int
		check                         func(t *testing.T, s *Sheet, res *CarryResult)
	}{
		{"DDaT altered copy to the official text", ddat, "ddat@2025-q3", 4, 2, 0, 0, func(t *testing.T, s *Sheet, res *CarryResult) {
			if r := s.Ratings["ownership-and-initiative"]; r.Level != 2 || r.Evidence != "evidence for ownership-and-topic" {
				t.Errorf("renamed item's rating = %+v", r)
			}
			if !strings.Contains(s.Review["ownership-and-initiative"], `renamed from "Ownership and topic"`) ||
				s.Review["architecture-communication"] != "changed: descriptor 4" {
				t.Errorf("review = %v", s.Review)
			}
			if _, flagged := s.Review["accessibility"]; flagged {
				t.Error("an unchanged item is flagged")
			}
			if tg := s.Targets["ownership-and-initiative"]; tg.Level != 3 {
				t.Errorf("target not followed: %v", s.Targets)
			}
		}},
		{"SFIA 8 to 9", sfia, "sfia", len(sfia8.Items) - wantDropped, -1, wantDropped, 26, func(t *testing.T, s *Sheet, res *CarryResult) {
			for _, d := range res.Dropped {
				if d.What != "rating" || !strings.Contains(d.Reason, "is no longer defined") {
					t.Errorf("dropped %+v", d)
				}
				if _, ok := s.Ratings[d.Item]; ok {
					t.Errorf("%s is both dropped and carried", d.Item)
				}
			}
			if r := s.Ratings["INOV"]; r.Item != "INOV" || !strings.Contains(s.Review["INOV"], "title") {
				t.Errorf("INOV: %+v, review %q", r, s.Review["INOV"])
			}
			if !strings.Contains(res.Summary(), "Left behind (still in the original assessment):") {
				t.Errorf("summary:\n%s", res.Summary())
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, err := w.Sheet(ctx, tt.from.ID)
			if err != nil {
				t.Fatal(err)
			}
			res, err := w.CarryAssessment(ctx, tt.from.ID, tt.to)
			if err != nil {
				t.Fatal(err)
			}
			carried, review, dropped, fresh := res.Counts()
			if carried != tt.carried || (tt.review >= 0 && review != tt.review) || dropped != tt.dropped || fresh != tt.new {
				t.Errorf("carried %d review %d dropped %d new %d; want %d %d %d %d", carried, review, dropped, fresh, tt.carried, tt.review, tt.dropped, tt.new)
			}
			droppedRatings := 0
			for _, d := range res.Dropped {
				if d.What == "rating" {
					droppedRatings++
				}
			}
			if carried+droppedRatings != len(before.Ratings) || len(res.Targets)+dropped-droppedRatings != len(before.Targets) {
				t.Errorf("%d carried + %d dropped do not account for %d ratings and %d targets", carried, dropped, len(before.Ratings), len(before.Targets))
			}
			s, err := w.Sheet(ctx, res.Assessment.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Ratings) != carried || len(s.Review) != review || s.Assessment.Framework != res.ToFramework.Ref {
				t.Errorf("new assessment: %d ratings, %d to review, of %s", len(s.Ratings), len(s.Review), s.Assessment.Framework)
			}
			tt.check(t, s, res)
			after, err := w.Sheet(ctx, tt.from.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(after.Ratings) != len(before.Ratings) || after.Assessment.UpdatedAt != before.Assessment.UpdatedAt {
				t.Error("the original assessment changed")
			}
			// Confirming keeps the rating and clears the flag; re-rating does too.
			for item := range s.Review {
				if err := w.ConfirmReview(ctx, model.AssessmentID(res.Assessment.ID), model.ItemID(item)); err != nil {
					t.Fatal(err)
				}
				again, _ := w.Sheet(ctx, res.Assessment.ID)
				if _, still := again.Review[item]; still || again.Ratings[item] != s.Ratings[item] {
					t.Errorf("confirm %s: review %v, rating %+v", item, again.Review, again.Ratings[item])
				}
				break
			}
		})
	}
	if banner, err := w.NewerVersions(ctx, sfia.ID); err != nil || len(banner) != 0 {
		t.Errorf("after carrying, newer versions = %v %v; want none", banner, err)
	}
	if _, err := w.CarryAssessment(ctx, sfia.ID, "ddat"); err == nil || !strings.Contains(err.Error(), "not to ddat@") {
		t.Errorf("carry across frameworks: %v", err)
	}
}
