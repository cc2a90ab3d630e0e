package exchange

// Plan and appraisal workbooks: the same content as the PDFs, as XLSX for
// trusts whose appraisal forms are spreadsheets, laid out like the team
// workbook (plain headings, frozen and filtered header rows, landscape
// print with the headings repeated).

import (
	"fmt"
	"io"
	"strings"
	"time"

	"gapwise/internal/gap"
	"gapwise/internal/model"
	"gapwise/internal/xlsx"
)

// Sheet names of the plan and appraisal workbooks.
const (
	SheetGaps         = "Gaps"
	SheetLevels       = "Levels"
	SheetPlan         = "Plan"
	SheetPreviousPlan = "Previous plan"
)

// PersonalBook is a personal plan (Gaps set) or a joint appraisal
// (Appraisal set) to write as a workbook.
type PersonalBook struct {
	Title         string // "Personal development plan", "Joint appraisal"
	Person        model.Person
	Framework     model.FrameworkRef
	FrameworkName string
	Licence       string
	Attribution   string
	Provisional   bool
	Generated     time.Time // zero means now
	AppVersion    string
	Pack          *model.Framework // for item titles and level names; required

	Gaps    []gap.ItemGap // a plan's gaps, largest first
	HasGaps bool          // the plan has an assessment to take gaps from
	Plan    model.Plan    // the plan (the new agreed plan of an appraisal)

	Appraisal    *model.Appraisal
	Ratings      []AppraisalRating // framework order
	PreviousPlan *model.Plan
}

// AppraisalRating is one item's levels (the appraisee's, each appraiser's
// and the agreed one) and discussion note.
type AppraisalRating struct {
	Item       *model.Item
	Group      *model.Group // outermost group, nil when none
	Self       *int
	Appraisers []*int // one per appraiser, in order
	Covered    []bool // whether each appraiser reviews the item; missing = yes
	Agreed     *int
	Note       string
}

// GapsHeader and ActionsHeader head the workbook's sheets; the Levels sheet
// has a column per appraiser between Self and Agreed.
var (
	GapsHeader    = []string{"Item", "Title", "Group", "Current level", "Target level", "Gap", "Status"}
	ActionsHeader = []string{"Objective", "Items", "Activity", "Due", "Status", "Evidence"}
)

// statusWords says a gap status in words.
var statusWords = map[gap.Status]string{gap.Met: "Met", gap.Below: "Below target", gap.NotRated: "Not rated", gap.NoTarget: "No target"}

// PersonalXLSX writes a plan or appraisal workbook: About (who, what,
// when, the framework's terms and, for an appraisal, the sign-off), then
// Gaps (a plan) or Levels (an appraisal), Plan, and Previous plan when an
// appraisal reviewed one. The output depends only on b.
func PersonalXLSX(w io.Writer, b PersonalBook) error {
	if b.Pack == nil {
		return model.Errorf(model.Internal, "personal workbook: no framework")
	}
	x := xlsx.New(w)
	if err := writePersonal(x, &b); err != nil {
		return model.Wrap(model.Internal, err, "cannot make the spreadsheet")
	}
	if err := x.Close(); err != nil {
		return fmt.Errorf("cannot write the spreadsheet: %w", err)
	}
	return nil
}

func writePersonal(x *xlsx.Workbook, b *PersonalBook) error {
	gen := b.Generated
	if gen.IsZero() {
		gen = time.Now()
	}
	x.SetProps(bookProps(b.Title+": "+b.Person.Name, b.Framework.String(), b.AppVersion, gen))
	x.SetActive(1) // the gaps or levels
	st, err := newBookStyles(x)
	if err != nil {
		return err
	}

	about := [][2]string{
		{"Document", b.Title},
		{"Person", b.Person.Name},
		{"Job role", b.Person.Role},
		{"Organisation", b.Person.Organisation},
		{"Framework", b.Framework.String()},
		{"Framework name", b.FrameworkName},
		{"Licence", b.Licence},
		{"Attribution", b.Attribution},
	}
	if b.Provisional {
		about = append(about, [2]string{"Provisional", "yes: this framework is a provisional structure"})
	}
	if a := b.Appraisal; a != nil {
		for i, ap := range a.Appraisers {
			who := ap.Name
			if ap.Role != "" {
				who += " (" + ap.Role + ")"
			}
			about = append(about, [2]string{fmt.Sprintf("Appraiser %d", i+1), who})
		}
		about = append(about, [2]string{"Period", a.Period}, [2]string{"Appraisee signed", signedText(a.AppraiseeSignedAt)})
		for _, ap := range a.Appraisers {
			about = append(about, [2]string{ap.Name + " signed", signedText(ap.SignedAt)})
		}
		about = append(about, [2]string{"Overall notes", a.OverallNotes})
	}
	about = append(about, [2]string{"Plan", b.Plan.Title}, [2]string{"Generated", gen.Format(time.RFC3339)},
		[2]string{"Gapwise version", b.AppVersion},
		[2]string{"Personal data", "This file holds personal appraisal data: share it only with whoever needs it."})
	if err := writeAbout(x, st, 20, about); err != nil {
		return err
	}

	var table [][]any
	if b.Appraisal == nil {
		for _, g := range b.Gaps {
			table = append(table, []any{g.Item.ID, g.Item.Title, groupTitle(g.TopGroup), intOrNil(g.Current), intOrNil(g.Target), gapOrNil(g), statusWords[g.Status]})
		}
		note := ""
		if !b.HasGaps {
			note = "No assessment of this framework version yet, so there are no gaps to show."
		}
		if err := writeTable(x, st, SheetGaps, GapsHeader, table, []float64{14, 40, 30, 10, 10, 8, 14}, note); err != nil {
			return err
		}
	} else {
		// One column per appraiser, headed by their name; "n/a" outside their scope.
		header := []string{"Item", "Title", "Group", "Self"}
		widths := []float64{14, 36, 26, 8}
		for _, ap := range b.Appraisal.Appraisers {
			header, widths = append(header, cellText(ap.Name)), append(widths, 14)
		}
		header, widths = append(header, "Agreed", "Ratings differ", "Discussion note"), append(widths, 8, 12, 50)
		for _, r := range b.Ratings {
			row := []any{r.Item.ID, r.Item.Title, groupTitle(r.Group), intOrNil(r.Self)}
			for i := range b.Appraisal.Appraisers {
				switch {
				case i < len(r.Covered) && !r.Covered[i]:
					row = append(row, "n/a")
				case i < len(r.Appraisers):
					row = append(row, intOrNil(r.Appraisers[i]))
				default:
					row = append(row, nil)
				}
			}
			levels := append([]*int{r.Self}, r.Appraisers...)
			row = append(row, intOrNil(r.Agreed), yesNo(model.Disagree(levels...)), r.Note)
			table = append(table, row)
		}
		if err := writeTable(x, st, SheetLevels, header, table, widths, ""); err != nil {
			return err
		}
	}
	if err := writeActions(x, st, SheetPlan, b.Pack, b.Plan); err != nil {
		return err
	}
	if b.PreviousPlan != nil {
		if err := writeActions(x, st, SheetPreviousPlan, b.Pack, *b.PreviousPlan); err != nil {
			return err
		}
	}
	return nil
}

func yesNo(v bool) string {
	if v {
		return "Yes"
	}
	return "No"
}

func signedText(t time.Time) string {
	if t.IsZero() {
		return "not signed"
	}
	return t.Format("2 January 2006, 15:04 MST")
}

func groupTitle(g *model.Group) string {
	if g == nil {
		return ""
	}
	return g.Title
}

// intOrNil is a level for a cell: blank when there is none.
func intOrNil(v *int) any {
	if v == nil {
		return nil
	}
	return *v
}

func gapOrNil(g gap.ItemGap) any {
	if g.Status != gap.Below {
		return nil
	}
	return g.Gap
}

// writeTable writes a sheet with a header row and rows of cells (strings,
// numbers, nil for blank), wrapped text, frozen and filtered header, and
// landscape print one page wide with the header repeated. note, if any,
// goes below the header when there are no rows.
func writeTable(x *xlsx.Workbook, st bookStyles, sheet string, header []string, rows [][]any, widths []float64, note string) error {
	o := xlsx.SheetOptions{FreezeRows: 1, Print: printSetup(1, titleRows(sheet))}
	for j, w := range widths {
		o.Cols = append(o.Cols, xlsx.Col{Min: j + 1, Max: j + 1, Width: w})
	}
	if len(rows) > 0 {
		o.AutoFilter = "A1:" + xlsx.CellName(len(header), len(rows)+1)
	}
	if err := x.Sheet(sheet, o); err != nil {
		return err
	}
	cells := make([]xlsx.Cell, len(header))
	for j, h := range header {
		cells[j] = xlsx.Cell{Value: cellText(h), Style: st.head}
	}
	if err := x.Row(cells, 45); err != nil {
		return err
	}
	for _, r := range rows {
		h := 15.0
		for j := range cells {
			cells[j] = xlsx.Cell{Style: st.wrap}
			if j < len(r) {
				cells[j].Value = value(r[j])
			}
		}
		for j, v := range r {
			if str, ok := v.(string); ok && j < len(widths) {
				h = max(h, wrappedHeight(str, widths[j]))
			}
		}
		if err := x.Row(cells, h); err != nil {
			return err
		}
	}
	if len(rows) == 0 && note != "" {
		return x.Row([]xlsx.Cell{{Value: cellText(note)}}, 0)
	}
	return nil
}

// writeActions writes a plan's actions, each item named by id and title.
func writeActions(x *xlsx.Workbook, st bookStyles, sheet string, f *model.Framework, p model.Plan) error {
	var rows [][]any
	for _, a := range p.Actions {
		var items []string
		for _, id := range a.Items {
			if it, ok := f.Item(id); ok && it.Title != "" {
				items = append(items, id+" "+it.Title)
			} else {
				items = append(items, id)
			}
		}
		rows = append(rows, []any{a.Objective, strings.Join(items, "\n"), a.Activity, a.Due, actionStatus(a.Status), a.Evidence})
	}
	return writeTable(x, st, sheet, ActionsHeader, rows, []float64{50, 34, 18, 11, 12, 40}, "No actions recorded.")
}

func actionStatus(s model.ActionStatus) string {
	t := strings.ReplaceAll(string(s), "-", " ")
	if t == "" {
		return ""
	}
	return strings.ToUpper(t[:1]) + t[1:]
}
