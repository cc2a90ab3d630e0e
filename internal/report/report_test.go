package report

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gapwise/internal/gap"
	"gapwise/internal/model"
)

var (
	update = flag.Bool("update", false, "rewrite the golden PDFs in testdata/")
	outDir = flag.String("out", "", "also write every test document into this folder, to look at")
)

func render(t testing.TB, name string, fn func(w *bytes.Buffer) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := fn(&buf); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("%s: output is not a PDF", name)
	}
	if *outDir != "" {
		if err := os.WriteFile(filepath.Join(*outDir, name+".pdf"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

func planDoc(in PlanInput) func(*bytes.Buffer) error {
	return func(w *bytes.Buffer) error { return PlanPDF(w, in) }
}

func appraisalDoc(in AppraisalInput) func(*bytes.Buffer) error {
	return func(w *bytes.Buffer) error { return AppraisalPDF(w, in) }
}

// goldens are compared byte for byte; go test -update rewrites them.
var goldens = []struct {
	name string
	fn   func() func(*bytes.Buffer) error
}{
	{"plan_fci", func() func(*bytes.Buffer) error { return planDoc(fciPlan()) }},
	{"plan_empty", func() func(*bytes.Buffer) error { return planDoc(emptyPlan()) }},
	{"appraisal_signed", func() func(*bytes.Buffer) error { return appraisalDoc(appraisalFor(fciFramework(), true, true)) }},
	{"appraisal_unsigned", func() func(*bytes.Buffer) error {
		return appraisalDoc(appraisalFor(fciFramework(), false, false))
	}},
}

func TestGolden(t *testing.T) {
	for _, g := range goldens {
		t.Run(g.name, func(t *testing.T) {
			got := render(t, g.name, g.fn())
			path := filepath.Join("testdata", g.name+".pdf")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to make it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (%d bytes, want %d); if the change is meant, run go test -update and look at the PDF", g.name, path, len(got), len(want))
			}
		})
	}
}

// TestDeterministic renders the large documents twice: same input, same bytes.
func TestDeterministic(t *testing.T) {
	a := render(t, "plan_sfia", planDoc(sfiaPlan(147, 30)))
	b := render(t, "plan_sfia", planDoc(sfiaPlan(147, 30)))
	if !bytes.Equal(a, b) {
		t.Error("two renders of the same plan differ")
	}
	c := render(t, "appraisal_sfia", appraisalDoc(appraisalFor(bigFramework(147), true, true)))
	e := render(t, "appraisal_sfia", appraisalDoc(appraisalFor(bigFramework(147), true, true)))
	if !bytes.Equal(c, e) {
		t.Error("two renders of the same appraisal differ")
	}
	for _, want := range []string{"/CreationDate (D:20260504143000Z)", "/ModDate (D:20260504143000Z)", "/ID [<"} {
		if !bytes.Contains(a, []byte(want)) {
			t.Errorf("plan lacks %s", want)
		}
	}
}

func TestNeedsFramework(t *testing.T) {
	var buf bytes.Buffer
	if err := PlanPDF(&buf, PlanInput{}); model.KindOf(err) != model.Invalid {
		t.Errorf("plan without framework: %v, want an invalid-input error", err)
	}
	if err := AppraisalPDF(&buf, AppraisalInput{}); model.KindOf(err) != model.Invalid {
		t.Errorf("appraisal without framework: %v, want an invalid-input error", err)
	}
}

// TestAwkwardText feeds text the fonts do not cover, control characters
// and very long words: the document is still made.
func TestAwkwardText(t *testing.T) {
	in := fciPlan()
	in.Person.Name = "李小龍 🙂 Ωmega\tTab\x00Nul\r\nNewline"
	in.Plan.Actions[1].Objective = strings.Repeat("Supercalifragilisticexpialidocious", 12)
	in.Plan.Actions[2].Evidence = strings.Repeat("A very long piece of evidence that goes on. ", 300)
	in.Plan.Actions[3].Items = []string{"no-such-item"}
	pdf := render(t, "plan_awkward", planDoc(in))
	if pages := pageTexts(t, pdf, false); len(pages) < 4 {
		t.Errorf("a long evidence text should run onto more pages: %d pages", len(pages))
	}
}

// pageTexts is the text layer of each page, from pdftotext in reading
// order or keeping the layout; the test is skipped when poppler-utils is
// not installed.
func pageTexts(t testing.TB, pdf []byte, layout bool) []string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
		return nil
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"-enc", "UTF-8", path, "-"}
	if layout {
		// Keep the physical layout: a table row becomes a line of text.
		args = append([]string{"-layout"}, args...)
	}
	out, err := exec.Command(tool, args...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

var (
	spaces = regexp.MustCompile(`\s+`)
	marker = regexp.MustCompile(`≠ differs by [0-9]`)
)

// flat joins a page's lines so wrapped text can be searched.
func flat(s string) string { return spaces.ReplaceAllString(s, " ") }

// inOrder checks that each want appears after the previous one in text.
func inOrder(t *testing.T, what, text string, want ...string) {
	t.Helper()
	at := 0
	for _, w := range want {
		i := strings.Index(text[at:], w)
		if i < 0 {
			t.Errorf("%s: %q missing or out of order", what, w)
			return
		}
		at += i + len(w)
	}
}

func checkFooters(t *testing.T, what string, pages []string, want ...string) {
	t.Helper()
	n := len(pages)
	for i, p := range pages {
		p = flat(p)
		if want := "Page " + strconv.Itoa(i+1) + " of " + strconv.Itoa(n); !strings.Contains(p, want) {
			t.Errorf("%s page %d: no %q", what, i+1, want)
		}
		if !strings.Contains(p, "Gapwise 1.2.3 · generated 4 May 2026, 14:30 UTC") {
			t.Errorf("%s page %d: no app version and generation time", what, i+1)
		}
		for _, w := range want {
			if !strings.Contains(p, w) {
				t.Errorf("%s page %d: no %q", what, i+1, w)
			}
		}
	}
}

func TestPlanText(t *testing.T) {
	pdf := render(t, "plan_fci", planDoc(fciPlan()))
	pages := pageTexts(t, pdf, false)
	all := flat(strings.Join(pages, " "))
	cover := flat(pages[0])
	for _, w := range []string{
		"Personal development plan", personName, "Chief nursing information officer – digital clinical safety lead",
		"Nurse", "St Mary’s “Digital Exemplar” NHS Foundation Trust",
		"Core Competency Framework for Clinical Informaticians (provisional structure), version 2020-provisional",
		"Self-assessment, 2 March 2026 (last changed 12 March 2026)", "Generated 4 May 2026, 14:30 UTC",
		"PROVISIONAL framework", "Some sub-domain titles are inferred placeholders",
	} {
		if !strings.Contains(cover, w) {
			t.Errorf("cover lacks %q", w)
		}
	}
	inOrder(t, "sections", all, "1 Summary charts", "2 Gaps against targets", "3 Development actions", "4 Review and sign-off")
	inOrder(t, "contents", flat(pageTexts(t, pdf, true)[0]), "Contents", "Summary charts page 2", "Gaps against targets page", "Development actions page", "Review and sign-off page")
	for _, w := range []string{
		"Shaded area: current level", "Dashed outline: target", "Health and wellbeing in practice",
		"Current level", "Below target", "0 Not yet", "not rated", "Completion evidence", "In progress",
		"Development plan 2026/27 – “safety first”", "42 hazards logged and 38 closed", "Next review date", "Reviewer",
	} {
		if !strings.Contains(all, w) {
			t.Errorf("plan lacks %q", w)
		}
	}
	checkFooters(t, "FCI plan", pages, "PROVISIONAL", "A provisional structure reconstructed from public sources, not the FCI’s official text.",
		"Licence: No open licence: framework © Faculty of Clinical Informatics", "Core Competency Framework for Clinical Informaticians (provisional structure), version 2020-provisional.")
	if strings.Contains(flat(pages[len(pages)-1]), "split between domains is a guess") {
		t.Error("the footer should carry only the first sentence of the provisional note")
	}
}

func TestEmptyPlan(t *testing.T) {
	pages := pageTexts(t, render(t, "plan_empty", planDoc(emptyPlan())), false)
	all := flat(strings.Join(pages, " "))
	inOrder(t, "empty plan", all, "3 Development actions", "No actions have been agreed yet.", "4 Review and sign-off")
	if strings.Contains(all, "Completion evidence") {
		t.Error("an empty plan should have no actions table")
	}
	if !strings.Contains(flat(pages[0]), "Development plan — no actions") {
		t.Error("cover should say the plan has no actions")
	}
}

// TestSFIAPlan: the acknowledgement on every page, and a gaps table that
// runs over three pages or more with its heading row on each.
func TestSFIAPlan(t *testing.T) {
	pages := pageTexts(t, render(t, "plan_sfia", planDoc(sfiaPlan(147, 30))), true)
	checkFooters(t, "SFIA plan", pages, sfiaAck, "Skills Framework for the Information Age (SFIA) 9, version 9. Licence: SFIA licence from the SFIA Foundation (not an open licence).")
	for i, p := range pages {
		if strings.Contains(p, "PROVISIONAL") {
			t.Errorf("SFIA page %d says PROVISIONAL", i+1)
		}
	}
	if !strings.Contains(flat(pages[0]), "Targets The role Informatics lead at level Senior informatics lead") {
		t.Error("cover should name the role level the targets come from")
	}
	// Pages of the gaps table: from its heading to the actions heading.
	first, last := -1, -1
	for i, p := range pages {
		if strings.Contains(p, "2 Gaps against targets") {
			first = i
		}
		if strings.Contains(p, "3 Development actions") {
			last = i
		}
	}
	if first < 0 || last < 0 || last-first < 2 {
		t.Fatalf("gaps table on pages %d to %d: want three pages or more", first+1, last+1)
	}
	for i := first; i <= last; i++ {
		p := flat(pages[i])
		if i == last && strings.Index(p, "3 Development actions") < strings.Index(p, "Current level") {
			continue // the table ended on the page before
		}
		if !strings.Contains(p, "Item Current level Target Gap Status") {
			t.Errorf("gaps table page %d has no heading row", i+1)
		}
		if i > first && !strings.Contains(p, "(continued)") {
			t.Errorf("gaps table page %d does not say which group continues", i+1)
		}
	}
	all := flat(strings.Join(pages, " "))
	if !strings.Contains(all, "Strategy and architecture (1 of 2)") {
		t.Error("a category with more than 16 targeted items should split into charts (1 of 2)")
	}
}

func TestAppraisalText(t *testing.T) {
	pages := pageTexts(t, render(t, "appraisal_signed", appraisalDoc(appraisalFor(fciFramework(), true, true))), false)
	all := flat(strings.Join(pages, " "))
	inOrder(t, "appraisal sections", all,
		"1 Review of the previous plan", "Plan 2025/26",
		"2 Self, appraisers and agreed levels by domain", "≠ differs by",
		"3 Agreed development plan", "Agreed plan 2026/27",
		"4 Summary", "Overall notes", "In numbers",
		"5 Sign-off", "Appraisee", "Informatics appraiser", "Clinical appraiser")
	for _, w := range []string{
		"Joint appraisal", personName, "Dr Siân O’Connor-Łukasiewicz", "Dr Tomás Reyes", "2026/27",
		"Appraiser 1 Dr Siân O’Connor-Łukasiewicz, informatics appraiser; reviews all items",
		"Appraiser 2 Dr Tomás Reyes, clinical appraiser; reviews ",
		"Comparison and", "Discussion note", "≠ differs by 1", "≠ differs by 2", "= same", "; agreed ", "n/a",
		"We agreed Zoë’s self-rating undersold the e-prescribing safety case",
		"half a day a fortnight", "Signed 29 April 2026 at 10:15 UTC", "Signed 30 April 2026 at 08:05 UTC",
		"Signed 1 May 2026 at 16:40 UTC", "signed by everyone",
	} {
		if !strings.Contains(all, w) {
			t.Errorf("appraisal lacks %q", w)
		}
	}
	if strings.Contains(all, "No previous plan") {
		t.Error("appraisal with a previous plan says there is none")
	}
	c := countAppraisal(appraisalFor(fciFramework(), true, true).Items)
	if want := "Disagreements (≠, one level or more) " + strconv.Itoa(c.disagree); !strings.Contains(all, want) {
		t.Errorf("summary lacks %q", want)
	}
	if n := len(marker.FindAllString(all, -1)); n != c.disagree {
		t.Errorf("%d disagreement markers, want %d", n, c.disagree)
	}
	checkFooters(t, "appraisal", pages, "PROVISIONAL")
}

func TestAppraisalUnsignedNoPrevious(t *testing.T) {
	pages := pageTexts(t, render(t, "appraisal_unsigned", appraisalDoc(appraisalFor(fciFramework(), false, false))), false)
	all := flat(strings.Join(pages, " "))
	inOrder(t, "unsigned appraisal", all, "1 Review of the previous plan", "No previous plan", "2 Self, appraisers")
	if regexp.MustCompile(`Signed \d+ \pL+ \d{4} at`).MatchString(all) {
		t.Error("unsigned appraisal shows a signed date")
	}
	if !strings.Contains(flat(pages[0]), "Sign-off Not yet signed") {
		t.Error("cover should say the appraisal is not yet signed")
	}
	last := flat(pages[len(pages)-1])
	if strings.Count(last, "Signature") < 3 || strings.Count(last, "Date") < 3 {
		t.Errorf("unsigned sign-off should have signature and date lines for all three:\n%s", last)
	}
}

func TestSFIAAppraisal(t *testing.T) {
	in := appraisalFor(bigFramework(147), false, true)
	pages := pageTexts(t, render(t, "appraisal_sfia", appraisalDoc(in)), false)
	checkFooters(t, "SFIA appraisal", pages, sfiaAck)
	all := flat(strings.Join(pages, " "))
	if n, c := len(marker.FindAllString(all, -1)), countAppraisal(in.Items); n != c.disagree {
		t.Errorf("%d disagreement markers, want %d", n, c.disagree)
	}
	for _, id := range []string{in.Items[0].Item.ID, in.Items[146].Item.ID} {
		if !strings.Contains(all, id+" ") {
			t.Errorf("item %s missing", id)
		}
	}
}

// TestUngrouped: a framework without groups (like DDaT) has one chart and
// one table group, titled for all items, with the long titles as labels.
func TestUngrouped(t *testing.T) {
	in := ungroupedPlan()
	charts, skipped := radarsFor(in.Framework, in.Gaps)
	if len(charts) != 1 || skipped != 0 || charts[0].Title != "All items" {
		t.Fatalf("charts %+v, skipped %d: want one chart titled All items", charts, skipped)
	}
	for _, a := range charts[0].Axes {
		name := a.Label[:strings.LastIndex(a.Label, " ")]
		if len([]rune(name)) > 22 || strings.Contains(name, "-") {
			t.Errorf("axis label %q: want the title, at most 22 characters", a.Label)
		}
	}
	pages := pageTexts(t, render(t, "plan_ungrouped", planDoc(in)), false)
	all := flat(strings.Join(pages, " "))
	for _, w := range []string{"Development plan", "All items —", "Largest gap first.", "Developing and maintaining user-centred service design standards and patterns"} {
		if !strings.Contains(all, w) {
			t.Errorf("plan lacks %q", w)
		}
	}
	if strings.Contains(all, "grouped by") {
		t.Error("an ungrouped framework's plan should not speak of groups")
	}
	ap := appraisalFor(in.Framework, false, false)
	all = flat(strings.Join(pageTexts(t, render(t, "appraisal_ungrouped", appraisalDoc(ap)), false), " "))
	if !strings.Contains(all, "All items") {
		t.Error("appraisal of an ungrouped framework lacks its All items heading")
	}
}

// TestPlanWithoutAssessment: a person with a plan but no assessment yet
// gets a plan that says so, with empty gap sections.
func TestPlanWithoutAssessment(t *testing.T) {
	in := fciPlan()
	in.Assessment = model.Assessment{}
	in.Gaps = gap.PersonGaps{}
	in.Person.Name = ""
	pages := pageTexts(t, render(t, "plan_no_assessment", planDoc(in)), false)
	all := flat(strings.Join(pages, " "))
	for _, w := range []string{"Assessment None yet", "Position No assessment yet", "No chart can be drawn yet", "No item has a rating or a target yet.", "Development plan 2026/27"} {
		if !strings.Contains(all, w) {
			t.Errorf("plan lacks %q", w)
		}
	}
}

// TestAppraisalCountsUnratedItems: items nobody rated, agreed or discussed
// are counted in a sentence, not listed row by row.
func TestAppraisalCountsUnratedItems(t *testing.T) {
	in := appraisalFor(bigFramework(147), false, true)
	for i := 10; i < len(in.Items); i++ {
		in.Items[i].Self, in.Items[i].Appraisers, in.Items[i].Agreed, in.Items[i].Note = nil, nil, nil, ""
	}
	pdf := render(t, "appraisal_sparse", appraisalDoc(in))
	pages := pageTexts(t, pdf, false)
	if pages == nil {
		return // no pdftotext here
	}
	all := flat(strings.Join(pages, " "))
	if !strings.Contains(all, "137 items in scope were rated by none of you and are not listed") {
		t.Error("the count of unrated items is missing")
	}
	if strings.Contains(all, in.Items[146].Item.ID+" ") {
		t.Errorf("unrated item %s is still listed", in.Items[146].Item.ID)
	}
	if !strings.Contains(all, in.Items[0].Item.ID+" ") {
		t.Errorf("rated item %s is missing", in.Items[0].Item.ID)
	}
}

// TestAppraisalDisagreementsSection: within "Self, appraisers and agreed
// levels by domain", after the side-by-side table, every item where the
// ratings differed is listed with each rater's level, the agreed level and
// the note on how it was resolved, before the agreed plan.
func TestAppraisalDisagreementsSection(t *testing.T) {
	agreedAll := appraisalFor(fciFramework(), false, true)
	for i := range agreedAll.Items {
		agreedAll.Items[i].Appraisers = []*int{agreedAll.Items[i].Self, agreedAll.Items[i].Self}
	}
	tests := []struct {
		name string
		in   AppraisalInput
		want []string // in the section, besides each disagreement's item
	}{
		{"signed", appraisalFor(fciFramework(), true, true), []string{
			"Disagreements and how they were resolved", "How it was resolved",
			"We agreed Zoë’s self-rating undersold the e-prescribing safety case", "no note was recorded"}},
		{"unsigned", appraisalFor(fciFramework(), false, false), []string{"Not yet agreed."}},
		{"nobody differed", agreedAll, []string{"nothing needed resolving"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pages := pageTexts(t, render(t, "appraisal_disagreements_"+tc.name, appraisalDoc(tc.in)), false)
			if pages == nil {
				return // no pdftotext here
			}
			all := flat(strings.Join(pages, " "))
			inOrder(t, "appraisal sections", all, "2 Self, appraisers and agreed levels by domain", "Discussion note",
				"Disagreements and how they were resolved", "3 Agreed development plan")
			start := strings.Index(all, "Disagreements and how they were resolved")
			section := all[start:strings.Index(all, "3 Agreed development plan")]
			for _, w := range tc.want {
				if !strings.Contains(section, w) {
					t.Errorf("the disagreements section lacks %q:\n%s", w, section)
				}
			}
			n := 0
			for _, it := range tc.in.Items {
				if !model.Disagree(it.levels()...) {
					continue
				}
				n++
				if !strings.Contains(section, it.Item.ID+" ") {
					t.Errorf("disagreement on %s is not in the section", it.Item.ID)
				}
			}
			if c := countAppraisal(tc.in.Items); n != c.disagree || (n > 0 && !strings.Contains(section, fmt.Sprintf("%d of them with an agreed level", c.settled))) {
				t.Errorf("%d disagreements listed, %d counted; section: %s", n, c.disagree, section)
			}
		})
	}
}
