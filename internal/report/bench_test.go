package report

import (
	"io"
	"testing"

	"gapwise/internal/gap"
	"gapwise/internal/model"
)

// BenchmarkPlanPDF150: a 150-item plan with a gap on every item and 30
// actions (target: under 200 ms).
func BenchmarkPlanPDF150(b *testing.B) {
	in := sfiaPlan(150, 30)
	var rs []model.Rating
	var ts []model.Target
	for _, it := range in.Framework.Items {
		rs = append(rs, model.Rating{Item: it.ID, Level: it.Levels[0]})
		ts = append(ts, model.Target{Item: it.ID, Level: it.Levels[len(it.Levels)-1], Source: gap.ManualSource})
	}
	in.Gaps = gap.Compute(in.Framework, nil, rs, ts)
	if in.Gaps.Below != 150 {
		b.Fatalf("%d gaps, want 150", in.Gaps.Below)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := PlanPDF(io.Discard, in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAppraisalPDF147: a SFIA-sized joint appraisal of 147 items
// (target: under 400 ms).
func BenchmarkAppraisalPDF147(b *testing.B) {
	in := appraisalFor(bigFramework(147), true, true)
	b.ReportAllocs()
	for b.Loop() {
		if err := AppraisalPDF(io.Discard, in); err != nil {
			b.Fatal(err)
		}
	}
}
