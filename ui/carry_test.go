package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"gapwise/internal/model"
)

const ogl = "Contains public sector information licensed under the Open Government Licence v3.0."

func TestRateCarryForwardAndReview(t *testing.T) {
	s, w, ws := newTestShell(t)
	ctx := context.Background()
	person := createProfileThroughForm(t, s)
	a, err := ws.StartAssessment(ctx, person.ID, model.FrameworkRef{ID: "sfia", Version: "8"}, model.SelfAssessment, "", model.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []model.Rating{{Item: "INOV", Level: 5}, {Item: "ISCO", Level: 6}, {Item: "PROG", Level: 3}} {
		if err := ws.Rate(ctx, a.ID, r); err != nil {
			t.Fatal(err)
		}
	}
	s.openAssessment(a.ID, true)
	c := s.rate.carry
	if !strings.Contains(c.attribution.Text, sfiaAck) {
		t.Errorf("Rate shows SFIA text without its acknowledgement: %q", c.attribution.Text)
	}
	if !c.banner.Visible() || !strings.Contains(c.bannerText.Text, "(sfia@9) is available: carry your 3 ratings forward") {
		t.Fatalf("banner: visible %v, %q", c.banner.Visible(), c.bannerText.Text)
	}
	c.carryForward("sfia@9")
	sum := c.last
	if sum == nil || !strings.Contains(sum.text.Text, "3 ratings carried, 3 of them to review; 0 left behind; 26 new items not rated.") {
		t.Fatalf("summary: %v", sum)
	}
	snap(t, w, "carry-summary.png")
	test.Tap(sum.open)
	sh := s.rate.shownSheet()
	if sh.Assessment.Framework.String() != "sfia@9" || len(sh.Ratings) != 3 || len(sh.Review) != 3 {
		t.Fatalf("new assessment: %s, %d ratings, %d to review", sh.Assessment.Framework, len(sh.Ratings), len(sh.Review))
	}
	if c.banner.Visible() {
		t.Error("the banner still offers sfia@9 on the sfia@9 assessment")
	}
	if !s.rate.selectItem("INOV") || !c.review.Visible() || !strings.Contains(c.reviewText.Text, "changed: title") {
		t.Fatalf("review note on INOV: %v %q", c.review.Visible(), c.reviewText.Text)
	}
	snap(t, w, "carry-review.png")
	test.Tap(c.keepBtn)
	if c.review.Visible() || len(s.rate.shownSheet().Review) != 2 {
		t.Errorf("after keeping INOV: note visible %v, %d to review", c.review.Visible(), len(s.rate.shownSheet().Review))
	}
	// Rating again confirms too, and survives reopening.
	s.rate.selectItem("ISCO")
	s.rate.rate(7)
	done := make(chan struct{})
	s.rate.whenSaved(func() { close(done) })
	<-done
	again, err := ws.Sheet(ctx, sh.Assessment.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, still := again.Review["ISCO"]; still || len(again.Review) != 1 {
		t.Errorf("stored review after re-rating ISCO: %v", again.Review)
	}
}

func TestRateShowsDDaTAttribution(t *testing.T) {
	s, _, ws := newTestShell(t)
	startDDaT(t, s, ws, createProfileThroughForm(t, s))
	if got := s.rate.carry.attribution.Text; !strings.Contains(got, ogl) {
		t.Errorf("Rate shows DDaT text without its attribution: %q", got)
	}
}
