package exchange

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"gapwise/internal/gap"
	"gapwise/internal/model"
)

func intp(n int) *int { return &n }

// teamTable is a small team: three members (one with nothing rated), three
// items (one rated by a single member, one with no target).
func teamTable(workshop bool) TeamTable {
	in := TeamTable{
		Team:          "Digital nursing",
		Framework:     model.FrameworkRef{ID: "fci", Version: "2020-provisional"},
		FrameworkName: "Faculty of Clinical Informatics core competency framework",
		Licence:       "Open Government Licence v3.0", LicenceURL: "https://example.org/ogl",
		Attribution: "Contains public sector information.",
		Provisional: true, ProvisionalNote: "the FCI publishes no scale",
		Generated:  time.Date(2026, 3, 4, 10, 30, 0, 0, time.UTC),
		AppVersion: "1.2.3",
		TeamID:     "team-1",
		Display:    gap.Display{Workshop: workshop, MinPeople: 2, Individual: workshop},
		Members: []TeamMember{
			{Person: model.Person{ID: "p1", Name: "Zoë Ødegård"}, Levels: []*int{intp(3), intp(0), nil}},
			{Person: model.Person{ID: "p2", Name: "=HYPERLINK(\"x\")"}, Levels: []*int{intp(1), nil, intp(2)}},
			{Person: model.Person{ID: "p3", Name: "Nobody Rated"}, Levels: []*int{nil, nil, nil}},
		},
		Items: []TeamItem{
			{ID: "1.1", Title: "Health and care", Group: "Domain 1", Rated: 2, Meeting: 1, Below: 1,
				Median: intp(1), Max: intp(3), Target: intp(2), Covered: true, Fragile: true, BelowShare: 0.5,
				Teachers: 1, Learners: 1, Interested: 1},
			{ID: "1.2", Title: "Only one rated this", Group: "Domain 1", Rated: 1, Meeting: 0, Below: 1,
				Median: intp(0), Max: intp(0), Target: intp(3), BelowShare: 1, Learners: 1},
			{ID: "2.1", Title: "No target", Group: "Domain 2", Rated: 1, Median: intp(2), Max: intp(2), Teachers: 1, Learners: 1, Interested: 1},
		},
	}
	withTeaching(&in, "p2")
	return in
}

// withTeaching works out who can teach whom from the table's levels and
// targets (gap.Teach, in the display's order), the interested members
// flagging interest on every item they rated.
func withTeaching(in *TeamTable, interested ...string) {
	f := &model.Framework{Ref: in.Framework}
	for l := 0; l <= 3; l++ {
		f.Scale.Levels = append(f.Scale.Levels, model.Level{Value: l})
	}
	var targets []model.Target
	for _, it := range in.Items {
		f.Items = append(f.Items, model.Item{ID: it.ID, Title: it.Title, Levels: []int{0, 1, 2, 3}})
		if it.Target != nil {
			targets = append(targets, model.Target{Item: it.ID, Level: *it.Target})
		}
	}
	var mr []gap.MemberRatings
	for _, m := range in.Members {
		r := gap.MemberRatings{PersonID: m.Person.ID, Ratings: []model.Rating{}}
		for j, l := range m.Levels {
			if l != nil {
				r.Ratings = append(r.Ratings, model.Rating{Item: in.Items[j].ID, Level: *l, Interest: slices.Contains(interested, m.Person.ID)})
			}
		}
		mr = append(mr, r)
	}
	in.Ratings = gap.TeamRatingsOf(f, mr)
	ms := gap.MeasureTeamRatings(f, nil, in.Ratings, targets)
	order := in.Ratings.DisplayOrder(in.roster())
	in.Teach = func(j int) (gap.Teaching, *gap.ItemMeasure) {
		return gap.Teach(f, in.Ratings, &ms.Items[j], order), &ms.Items[j]
	}
}

func writeXLSX(t *testing.T, in TeamTable) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := TeamXLSX(&buf, in); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func openXLSX(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

func rows(t *testing.T, x *excelize.File, sheet string) [][]string {
	t.Helper()
	rs, err := x.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestTeamXLSXReadsBack(t *testing.T) {
	x := openXLSX(t, writeXLSX(t, teamTable(false)))
	if got := x.GetSheetList(); !slices.Equal(got, []string{SheetMatrix, SheetMeasures, SheetTeaching, SheetAbout}) {
		t.Errorf("sheets %v", got)
	}
	matrix := rows(t, x, SheetMatrix)
	want := [][]string{
		{"Member", "Health and care (1.1)", "Only one rated this (1.2)", "No target (2.1)"},
		{"Zoë Ødegård", "3", "0"},
		{`=HYPERLINK("x")`, "1", "", "2"},
		{"Nobody Rated"},
	}
	if !slices.EqualFunc(matrix, want, slices.Equal) {
		t.Errorf("matrix\n got %q\nwant %q", matrix, want)
	}
	// A name that looks like a formula is text, never a formula.
	if f, _ := x.GetCellFormula(SheetMatrix, "A3"); f != "" {
		t.Errorf("A3 holds the formula %q", f)
	}
	if typ, _ := x.GetCellType(SheetMatrix, "B2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("levels are stored as text (%v)", typ)
	}

	measures := rows(t, x, SheetMeasures)
	if !slices.Equal(measures[0], MeasuresHeader) {
		t.Errorf("measures header %q", measures[0])
	}
	wantM := [][]string{
		{"1.1", "Health and care", "Domain 1", "2", "1", "1", "1", "3", "2", "Yes", "Yes", "50%", "No", "1", "1", "1"},
		{"1.2", "Only one rated this", "Domain 1", "1", "0", "1", "0", "0", "3", "No", "No", "100%", "No", "0", "1", "0"},
		{"2.1", "No target", "Domain 2", "1", "0", "0", "2", "2", "", "No", "No", "0%", "No", "1", "1", "1"},
	}
	if !slices.EqualFunc(measures[1:], wantM, slices.Equal) {
		t.Errorf("measures\n got %q\nwant %q", measures[1:], wantM)
	}
	// Teaching: one row per item with something to say, counts as
	// numbers, the lines one under another in the last cell.
	teaching := rows(t, x, SheetTeaching)
	wantT := [][]string{TeachingHeader,
		{"1.1", "Health and care", "1", "1", "1", "1", "Could teach: Zoë Ødegård\n" + `Want to learn: =HYPERLINK("x") (interested: =HYPERLINK("x"))` + "\n" +
			`Suggested: Zoë Ødegård runs a session on 1.1 Health and care for =HYPERLINK("x")` + "\n" + `Interested in becoming the second holder: =HYPERLINK("x")`},
		{"1.2", "Only one rated this", "0", "1", "0", "0", "Want to learn: Zoë Ødegård\nNobody in the team is further on than Zoë Ødegård: look for a teacher outside the team"},
		{"2.1", "No target", "1", "1", "1", "0", `Could teach: =HYPERLINK("x")` + "\n" + `Want to learn: =HYPERLINK("x") (interested: =HYPERLINK("x"))` + "\n" +
			`Nobody in the team is further on than =HYPERLINK("x"): look for a teacher outside the team`},
	}
	if !slices.EqualFunc(teaching, wantT, slices.Equal) {
		t.Errorf("teaching\n got %q\nwant %q", teaching, wantT)
	}
	if typ, _ := x.GetCellType(SheetTeaching, "C2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("teaching counts are stored as text (%v)", typ)
	}
	raw, _ := x.GetCellValue(SheetMeasures, "L2", excelize.Options{RawCellValue: true})
	if raw != "0.5" {
		t.Errorf("below_share stored as %q; want the number 0.5", raw)
	}

	about := map[string]string{}
	for _, r := range rows(t, x, SheetAbout) {
		if len(r) == 2 {
			about[r[0]] = r[1]
		}
	}
	for k, v := range map[string]string{
		"Team": "Digital nursing", "Framework": "fci@2020-provisional",
		"Licence":     "Open Government Licence v3.0 https://example.org/ogl",
		"Attribution": "Contains public sector information.", "Provisional": "yes: the FCI publishes no scale",
		"Generated": "2026-03-04T10:30:00Z", "Gapwise version": "1.2.3", "Workshop display": "no", "Members": "3",
	} {
		if about[k] != v {
			t.Errorf("About %s = %q; want %q", k, about[k], v)
		}
	}
	props, err := x.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Created != "2026-03-04T10:30:00Z" || props.Modified != props.Created || props.Creator != "Gapwise" {
		t.Errorf("document properties %+v", props)
	}
}

func TestTeamXLSXIsDeterministic(t *testing.T) {
	a, b := writeXLSX(t, teamTable(false)), writeXLSX(t, teamTable(false))
	if !bytes.Equal(a, b) {
		t.Error("the same table gave two different files")
	}
	later := teamTable(false)
	later.Generated = later.Generated.Add(time.Hour)
	if bytes.Equal(a, writeXLSX(t, later)) {
		t.Error("the generated time is not in the file")
	}
}

// zipText is every part of an XLSX file, unzipped, concatenated.
func zipText(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	return all.String()
}

func TestTeamXLSXWorkshopHidesNamesAndSmallFigures(t *testing.T) {
	in := teamTable(true)
	data := writeXLSX(t, in)
	text := zipText(t, data)
	for _, m := range in.Members {
		for _, part := range []string{m.Person.Name, m.Person.ID, "Ødegård", "HYPERLINK", "Nobody"} {
			if strings.Contains(text, part) {
				t.Errorf("workshop file contains %q", part)
			}
		}
	}
	x := openXLSX(t, data)
	matrix := rows(t, x, SheetMatrix)
	var labels []string
	for _, r := range matrix[1:] {
		labels = append(labels, r[0])
	}
	if !slices.Equal(labels, []string{"Member A", "Member B", "Member C"}) {
		t.Errorf("workshop labels %q", labels)
	}
	// Only 1.1 rests on enough people: the suppressed items' columns are
	// left out, or their cells would show what their figures hide. The
	// rows follow the display's roster.
	zoe := rosterPosition(in, "p1")
	if !slices.Equal(matrix[0], []string{"Member", "Health and care (1.1)"}) || !slices.Equal(matrix[1+zoe], []string{gap.MemberLabel(zoe), "3"}) {
		t.Errorf("workshop matrix header %q, rows %q", matrix[0], matrix[1:])
	}
	measures := rows(t, x, SheetMeasures)
	// 1.1 rests on 2 rated members (shown); 1.2 and 2.1 on 1 (suppressed,
	// though the target, which is the team's choice, stays).
	if got := measures[1]; got[3] != "2" || got[12] != "No" || got[13] != "1" {
		t.Errorf("1.1 in workshop mode: %q", got)
	}
	// Teaching: 1.1's lines under neutral labels; 1.2, resting on one
	// member, is left out though the caller gave it lines.
	teaching := rows(t, x, SheetTeaching)
	wantW := "Could teach: Member C\nWant to learn: Member A (interested: Member A)\nSuggested: Member C runs a session on 1.1 Health and care for Member A\n" +
		"Interested in becoming the second holder: Member A"
	if len(teaching) != 2 || teaching[1][0] != "1.1" || teaching[1][6] != wantW {
		t.Errorf("workshop teaching sheet %q", teaching)
	}
	want := []string{"1.2", "Only one rated this", "Domain 1", "", "", "", "", "", "3", "", "", "", "Yes"}
	if !slices.Equal(measures[2], want) {
		t.Errorf("1.2 in workshop mode\n got %q\nwant %q", measures[2], want)
	}
	if got := measures[3]; len(got) != 13 || got[12] != "Yes" || strings.Join(got[3:12], "") != "" {
		t.Errorf("2.1 in workshop mode: %q", got)
	}
}

// rosterPosition is where the display puts a member of in.
func rosterPosition(in TeamTable, id string) int {
	var people []model.Person
	for _, m := range in.Members {
		people = append(people, m.Person)
	}
	k, _ := in.Display.Roster(in.TeamID, people).Position(id)
	return k
}

func TestTeamCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := TeamCSV(&buf, teamTable(false)); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(buf.String(), "\r\n") {
		t.Error("CSV lines do not end in CRLF")
	}
	r := csv.NewReader(strings.NewReader(excelDecode(buf.Bytes())))
	got, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"member", "1.1", "1.2", "2.1"},
		{"Zoë Ødegård", "3", "0", ""},
		{`'=HYPERLINK("x")`, "1", "", "2"},
		{"Nobody Rated", "", "", ""},
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("CSV\n got %q\nwant %q", got, want)
	}

	buf.Reset()
	if err := TeamCSV(&buf, teamTable(true)); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Zoë", "HYPERLINK", "Nobody"} {
		if strings.Contains(buf.String(), name) {
			t.Errorf("workshop CSV contains %q:\n%s", name, buf.String())
		}
	}
	got, err = csv.NewReader(strings.NewReader(excelDecode(buf.Bytes()))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	zoe := rosterPosition(teamTable(true), "p1")
	if got[1][0] != "Member A" || got[3][0] != "Member C" || got[1+zoe][1] != "3" {
		t.Errorf("workshop CSV %q", got)
	}
}

func TestTeamExportRefusesRaggedRows(t *testing.T) {
	in := teamTable(false)
	in.Members[1].Levels = in.Members[1].Levels[:2]
	if err := TeamCSV(io.Discard, in); model.KindOf(err) != model.Internal {
		t.Errorf("CSV: %v", err)
	}
	if err := TeamXLSX(io.Discard, in); model.KindOf(err) != model.Internal {
		t.Errorf("XLSX: %v", err)
	}
}

func TestTeamXLSXEmptyTeam(t *testing.T) {
	in := teamTable(false)
	in.Members, in.Items = nil, nil
	x := openXLSX(t, writeXLSX(t, in))
	if m := rows(t, x, SheetMatrix); len(m) != 1 || len(m[0]) != 1 {
		t.Errorf("empty matrix %q", m)
	}
}

// excelDecode reads a CSV file's bytes as Excel for Windows does when the
// file is opened: a UTF-8 byte-order mark means UTF-8 (the mark is not
// text); anything else is read in the Windows code page (1252 in the UK).
func excelDecode(b []byte) string {
	if rest, ok := bytes.CutPrefix(b, []byte{0xEF, 0xBB, 0xBF}); ok {
		return string(rest)
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		panic(err)
	}
	return string(s)
}

// TestTeamCSVExcelNames: names with accents and non-Latin-1 letters open
// intact in Excel, which needs the byte-order mark; without it they turn
// into mojibake (checked on the same bytes minus the mark, so the decoder
// really distinguishes the two).
func TestTeamCSVExcelNames(t *testing.T) {
	in := teamTable(false)
	in.Members[0].Person.Name = "Zoë Ødegård-Nęść"
	var buf bytes.Buffer
	if err := TeamCSV(&buf, in); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte{0xEF, 0xBB, 0xBF}) {
		t.Fatalf("CSV does not start with a UTF-8 byte-order mark: % x", buf.Bytes()[:3])
	}
	rows, err := csv.NewReader(strings.NewReader(excelDecode(buf.Bytes()))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != "member" || rows[1][0] != "Zoë Ødegård-Nęść" {
		t.Errorf("Excel reads header %q and name %q", rows[0][0], rows[1][0])
	}
	if got := excelDecode(buf.Bytes()[3:]); !strings.Contains(got, "ZoÃ«") {
		t.Errorf("without the mark Excel would read the name intact, so the test proves nothing: %q", got)
	}
}

// TestTeamExportWorkshopDistribution: by default a workshop export has no
// row for any person: each row is a level counting the members at it.
func TestTeamExportWorkshopDistribution(t *testing.T) {
	in := teamTable(true)
	in.Display = gap.WorkshopDisplay(1)
	in.Scale = []model.Level{{Value: 0, Name: "Not yet"}, {Value: 1, Name: "Aware"}, {Value: 2, Name: "Competent"}, {Value: 3, Name: "Expert"}}
	in.Items[0].Levels = map[int]int{1: 1, 3: 1}
	in.Items[1].Levels = map[int]int{0: 1}
	in.Items[2].Levels = map[int]int{2: 1}
	var c bytes.Buffer
	if err := TeamCSV(&c, in); err != nil {
		t.Fatal(err)
	}
	got, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(c.Bytes(), []byte{0xEF, 0xBB, 0xBF}))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"level", "1.1", "1.2", "2.1"},
		{"0", "0", "1", "0"},
		{"1", "1", "0", "0"},
		{"2", "0", "0", "1"},
		{"3", "1", "0", "0"},
		{"not rated", "1", "2", "2"},
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("workshop CSV\n got %q\nwant %q", got, want)
	}
	var tcsv bytes.Buffer
	if err := TeamTeachingCSV(&tcsv, in); err != nil {
		t.Fatal(err)
	}
	data := writeXLSX(t, in)
	text := zipText(t, data)
	for _, m := range in.Members {
		for _, part := range []string{m.Person.Name, m.Person.ID, "Ødegård", "HYPERLINK", "Nobody", "Member A"} {
			if strings.Contains(text, part) || strings.Contains(c.String(), part) || strings.Contains(tcsv.String(), part) {
				t.Errorf("workshop export contains %q", part)
			}
		}
	}
	// Who can teach whom is counted, as on screen, never listed.
	teaching := rows(t, openXLSX(t, data), SheetTeaching)
	if len(teaching) != 4 || teaching[1][6] != "1 could teach · 1 wants to learn · 1 flagged interest · 1 suggested session\n1 member is interested in becoming the second holder" {
		t.Errorf("workshop teaching sheet %q", teaching)
	}
	if !strings.Contains(tcsv.String(), "1 could teach · 1 wants to learn") {
		t.Errorf("workshop teaching CSV:\n%s", tcsv.String())
	}
	matrix := rows(t, openXLSX(t, data), SheetMatrix)
	var labels []string
	for _, r := range matrix {
		labels = append(labels, r[0])
	}
	if !slices.Equal(labels, []string{"Level", "0 Not yet", "1 Aware", "2 Competent", "3 Expert", "Not rated"}) {
		t.Errorf("workshop matrix rows %q", labels)
	}
}

// fillOf is the solid fill colour of a cell ("" when it has none), read
// from the workbook's styles part: excelize reports colours only for a
// workbook with a theme part, which Gapwise's workbooks do not need.
func fillOf(t *testing.T, data []byte, x *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := x.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var styles struct {
		Fills []struct {
			Pattern struct {
				Type string `xml:"patternType,attr"`
				Fg   struct {
					RGB string `xml:"rgb,attr"`
				} `xml:"fgColor"`
			} `xml:"patternFill"`
		} `xml:"fills>fill"`
		Xfs []struct {
			Fill int `xml:"fillId,attr"`
		} `xml:"cellXfs>xf"`
	}
	for _, f := range zr.File {
		if f.Name != "xl/styles.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		err = xml.NewDecoder(rc).Decode(&styles)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	if id >= len(styles.Xfs) || styles.Xfs[id].Fill >= len(styles.Fills) {
		t.Fatalf("cell %s has style %d, which the workbook does not define", cell, id)
	}
	p := styles.Fills[styles.Xfs[id].Fill].Pattern
	if p.Type != "solid" || p.Fg.RGB == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToUpper(p.Fg.RGB), "FF")
}

// TestTeamXLSXForExcel: the matrix is a heatmap (level cells shaded darker
// with the level, the number still in the cell, nothing for not rated or
// level 0), headers stay in view and filter, and both sheets print
// landscape with their header rows on every page.
func TestTeamXLSXForExcel(t *testing.T) {
	in := teamTable(false)
	in.Scale = []model.Level{{Value: 0, Name: "None yet"}, {Value: 1, Name: "Aware"}, {Value: 2, Name: "Working"}, {Value: 3, Name: "Expert"}}
	data := writeXLSX(t, in)
	x := openXLSX(t, data)
	// Zoë: 3 on 1.1 (B2), 0 on 1.2 (C2); member 2: 1 on 1.1 (B3), none on 1.2 (C3).
	top, low := fillOf(t, data, x, SheetMatrix, "B2"), fillOf(t, data, x, SheetMatrix, "B3")
	if top == "" || low == "" || top == low {
		t.Errorf("level 3 fill %q, level 1 fill %q: want two different shades", top, low)
	}
	if f := fillOf(t, data, x, SheetMatrix, "C2"); f != "" {
		t.Errorf("level 0 has fill %q", f)
	}
	if f := fillOf(t, data, x, SheetMatrix, "C3"); f != "" {
		t.Errorf("not rated has fill %q", f)
	}
	// Darker means a lower red/green/blue sum.
	sum := func(hex string) int {
		var r, g, b int
		fmt.Sscanf(hex, "%02X%02X%02X", &r, &g, &b)
		return r + g + b
	}
	if sum(top) >= sum(low) {
		t.Errorf("level 3 (%s) is not darker than level 1 (%s)", top, low)
	}
	if v, _ := x.GetCellValue(SheetMatrix, "B2"); v != "3" {
		t.Errorf("a shaded cell shows %q; want its level", v)
	}

	for _, sheet := range []string{SheetMatrix, SheetMeasures, SheetTeaching} {
		panes, err := x.GetPanes(sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: panes %+v, %v; want the header row frozen", sheet, panes, err)
		}
		layout, err := x.GetPageLayout(sheet)
		if err != nil || layout.Orientation == nil || *layout.Orientation != "landscape" ||
			layout.FitToWidth == nil || *layout.FitToWidth < 1 || layout.FitToHeight == nil || *layout.FitToHeight != 0 {
			t.Errorf("%s: page layout %+v, %v; want landscape, fit to width", sheet, layout, err)
		}
		props, err := x.GetSheetProps(sheet)
		if err != nil || props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: fit to page is off (%v)", sheet, err)
		}
	}
	names, filters := map[string]string{}, map[string]string{}
	for _, n := range x.GetDefinedName() {
		switch n.Name {
		case "_xlnm.Print_Titles":
			names[n.Scope] = n.RefersTo
		case "_xlnm._FilterDatabase":
			filters[n.Scope] = n.RefersTo
		}
	}
	if filters[SheetMatrix] != "'Matrix'!$A$1:$D$4" || filters[SheetMeasures] != "'Measures'!$A$1:$P$4" || filters[SheetTeaching] != "'Teaching'!$A$1:$G$4" {
		t.Errorf("autofilters %q", filters)
	}
	if names[SheetMatrix] != "'Matrix'!$A:$A,'Matrix'!$1:$1" || names[SheetMeasures] != "'Measures'!$1:$1" {
		t.Errorf("print titles %q", names)
	}
}

func TestMatrixPagesWide(t *testing.T) {
	prev := 0
	for _, tc := range []struct{ cols, min, max int }{{3, 1, 1}, {36, 1, 2}, {147, 3, 6}, {188, 4, 7}} {
		got := matrixPagesWide(tc.cols)
		if got < tc.min || got > tc.max || got < prev {
			t.Errorf("%d columns print %d pages wide; want %d to %d", tc.cols, got, tc.min, tc.max)
		}
		prev = got
	}
}

// TestTeamTeachingCSV: the Teaching sheet as CSV: counts as numbers, the
// lines in one quoted cell, formula-like text guarded; a workshop file
// leaves out the items whose figures it suppresses and names no one.
func TestTeamTeachingCSV(t *testing.T) {
	read := func(in TeamTable) (string, [][]string) {
		t.Helper()
		var buf bytes.Buffer
		if err := TeamTeachingCSV(&buf, in); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(buf.Bytes(), utf8BOM) || !strings.HasSuffix(buf.String(), "\r\n") {
			t.Error("teaching CSV lacks the byte-order mark or CRLF line ends")
		}
		got, err := csv.NewReader(strings.NewReader(excelDecode(buf.Bytes()))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return buf.String(), got
	}
	_, got := read(teamTable(false))
	want := [][]string{TeachingHeader,
		{"1.1", "Health and care", "1", "1", "1", "1", "Could teach: Zoë Ødegård\n" + `Want to learn: =HYPERLINK("x") (interested: =HYPERLINK("x"))` + "\n" +
			`Suggested: Zoë Ødegård runs a session on 1.1 Health and care for =HYPERLINK("x")` + "\n" + `Interested in becoming the second holder: =HYPERLINK("x")`},
		{"1.2", "Only one rated this", "0", "1", "0", "0", "Want to learn: Zoë Ødegård\nNobody in the team is further on than Zoë Ødegård: look for a teacher outside the team"},
		{"2.1", "No target", "1", "1", "1", "0", `Could teach: =HYPERLINK("x")` + "\n" + `Want to learn: =HYPERLINK("x") (interested: =HYPERLINK("x"))` + "\n" +
			`Nobody in the team is further on than =HYPERLINK("x"): look for a teacher outside the team`},
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("teaching CSV\n got %q\nwant %q", got, want)
	}
	text, got := read(teamTable(true))
	for _, part := range []string{"Zoë", "Ødegård", "HYPERLINK", "Nobody", "p1", "p2"} {
		if strings.Contains(text, part) {
			t.Errorf("workshop teaching CSV contains %q:\n%s", part, text)
		}
	}
	if len(got) != 2 || got[1][0] != "1.1" || got[1][6] != "Could teach: Member C\nWant to learn: Member A (interested: Member A)\nSuggested: Member C runs a session on 1.1 Health and care for Member A\nInterested in becoming the second holder: Member A" {
		t.Errorf("workshop teaching CSV %q", got)
	}
	bad := teamTable(false)
	teach := bad.Teach
	bad.Teach = func(j int) (gap.Teaching, *gap.ItemMeasure) { return teach((j + 1) % len(bad.Items)) }
	if err := TeamTeachingCSV(io.Discard, bad); model.KindOf(err) != model.Internal {
		t.Errorf("teaching given for another item: %v", err)
	}
}

// TestTeamXLSXTallTeachingRow: an item whose lines would need a taller row
// than a spreadsheet allows still exports (the row at its tallest).
func TestTeamXLSXTallTeachingRow(t *testing.T) {
	in := teamTable(false)
	in.Items = in.Items[:1]
	in.Members = nil
	for i := range 40 {
		level := 3
		if i%2 == 1 {
			level = 1
		}
		in.Members = append(in.Members, TeamMember{
			Person: model.Person{ID: fmt.Sprintf("p%02d", i), Name: fmt.Sprintf("Member with a rather long name number %02d of the team", i)},
			Levels: []*int{intp(level)},
		})
	}
	in.Items[0].Rated = 40
	withTeaching(&in)
	x := openXLSX(t, writeXLSX(t, in))
	h, err := x.GetRowHeight(SheetTeaching, 2)
	if err != nil || h != excelize.MaxRowHeight {
		t.Errorf("teaching row height %v (%v); want the tallest a row may be", h, err)
	}
}
