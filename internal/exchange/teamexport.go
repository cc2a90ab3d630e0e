package exchange

// Team exports: a team's competency matrix, measures and who can teach whom
// as a spreadsheet (XLSX, four sheets), or the matrix or the teaching lines
// as CSV, for a CCIO to take into
// their own tools. The caller (the workspace) supplies plain values and the
// display; this file owns the layout and applies the display's rules
// (gap.Display: labels, order, suppression) itself, so that a caller cannot
// forget them.

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gapwise/internal/chart"
	"gapwise/internal/gap"
	"gapwise/internal/model"
	"gapwise/internal/xlsx"
)

// Sheet names of the team spreadsheet.
const (
	SheetMatrix   = "Matrix"
	SheetMeasures = "Measures"
	SheetTeaching = "Teaching"
	SheetAbout    = "About"
)

// MeasuresHeader is the header row of the Measures sheet, in words for a
// spreadsheet user (the fields of `gapwise-cli team gaps --json`, in order).
var MeasuresHeader = []string{"Item", "Title", "Group", "Members who rated", "Meeting the target", "Below the target",
	"Median level", "Highest level", "Team target", "Covered (someone meets it)", "Fragile (only one meets it)",
	"Share below the target", "Figures hidden (too few rated)", "Could teach", "Want to learn", "Flagged interest"}

// TeachingHeader is the header row of the Teaching sheet and the teaching
// CSV: per item, how many could teach, want to learn, flagged interest and
// would be in a suggested session, and the lines the team screen shows
// (gap.TeachingLines), one under another in one cell.
var TeachingHeader = []string{"Item", "Title", "Could teach", "Want to learn", "Flagged interest", "Suggested sessions", "Who can teach whom"}

// TeamTable is what a team export holds: the team's members and their
// levels on each item, and the team measures per item.
type TeamTable struct {
	TeamID          string // orders the members in workshop display (gap.Display.Roster)
	Team            string // the team's name
	Framework       model.FrameworkRef
	FrameworkName   string
	Licence         string
	LicenceURL      string
	Attribution     string // must be shown wherever the framework's text is
	Provisional     bool
	ProvisionalNote string
	Generated       time.Time // printed and used for the document dates; zero means now
	AppVersion      string    // Gapwise version
	// Display decides what the file shows: in workshop display members are
	// "Member A", "Member B" … in the roster's order (never their names),
	// and the figures of an item that fewer than MinPeople members rated are
	// left blank and marked suppressed.
	Display gap.Display
	Scale   []model.Level // the framework's levels: the matrix rows when the display has no person rows
	Members []TeamMember  // matrix rows, in any order: the display's roster orders them
	Items   []TeamItem    // matrix columns and Measures rows, in the order given
	// Teach is who can teach whom on Items[j] (gap.Teach over Ratings'
	// members) with the item's team measure, nil when it has none; asked
	// for one item at a time, so an organisation's lists are not all held
	// at once. The export words it itself, with gap.TeachingLines for
	// Display and its roster, the team screen's words: labels never names
	// in workshop display, counts only unless individual rows were chosen,
	// nothing on an item it suppresses. Nil: no teaching rows.
	Teach   func(j int) (gap.Teaching, *gap.ItemMeasure)
	Ratings *gap.TeamRatings // the members Teach's positions are of
}

// TeamMember is one row of the matrix.
type TeamMember struct {
	Person model.Person // id and name; the name is used only in named display
	Levels []*int       // one per TeamTable.Items entry; nil is not rated (0 is "none yet")
}

// TeamItem is one item's team measures (gap.ItemMeasure as plain values).
type TeamItem struct {
	ID, Title, Group string
	Rated            int
	Meeting, Below   int
	Median, Max      *int // nil when no one rated the item
	Target           *int // nil when the team has no target for it
	Covered, Fragile bool
	BelowShare       float64
	Levels           map[int]int // rated members at each level
	// Who can teach whom, counted (gap.TeachCounts): the Measures sheet's
	// last columns, blank when the item's figures are suppressed.
	Teachers, Learners, Interested int
}

// suppressed reports whether the item's figures must stay blank.
func (in *TeamTable) suppressed(it TeamItem) bool { return in.Display.Hides(it.Rated) }

// matrixColumns are the items the matrix shows, as indexes into Items. An
// item whose figures the display suppresses is left out: its cells would
// show what its figures hide.
func (in *TeamTable) matrixColumns() []int {
	var cols []int
	for j, it := range in.Items {
		if !in.suppressed(it) {
			cols = append(cols, j)
		}
	}
	return cols
}

// matrixRow is one row of the matrix: its label and a member's levels, or
// (a display without person rows) a count of members for each item.
type matrixRow struct {
	label, csvLabel string
	levels          []*int
}

// matrixRows are the members in the display's order under its labels or,
// when the display shows no person rows (workshop display by default), one
// row per level of the scale counting the members at it on each item, and
// a last row counting those who did not rate it.
func (in *TeamTable) matrixRows() []matrixRow {
	if !in.Display.PersonRows() {
		count := func(f func(TeamItem) int) []*int {
			out := make([]*int, len(in.Items))
			for j, it := range in.Items {
				n := f(it)
				out[j] = &n
			}
			return out
		}
		var rows []matrixRow
		for _, l := range in.Scale {
			rows = append(rows, matrixRow{
				label: cellText(fmt.Sprintf("%d %s", l.Value, l.Name)), csvLabel: strconv.Itoa(l.Value),
				levels: count(func(it TeamItem) int { return it.Levels[l.Value] }),
			})
		}
		return append(rows, matrixRow{label: "Not rated", csvLabel: "not rated",
			levels: count(func(it TeamItem) int { return len(in.Members) - it.Rated })})
	}
	r := in.roster()
	rows := make([]matrixRow, len(r.Order))
	for k, i := range r.Order {
		rows[k] = matrixRow{label: cellText(r.Labels[k]), levels: in.Members[i].Levels}
		rows[k].csvLabel = rows[k].label
	}
	return rows
}

// check refuses a table whose display is invalid or whose rows do not fit
// its columns.
func (in *TeamTable) check() error {
	if err := in.Display.Validate(); err != nil {
		return err
	}
	for i, m := range in.Members {
		if len(m.Levels) != len(in.Items) {
			return model.Errorf(model.Internal, "team export: member %d has %d levels for %d items", i+1, len(m.Levels), len(in.Items))
		}
	}
	return nil
}

func (in *TeamTable) generated() time.Time {
	if in.Generated.IsZero() {
		return time.Now()
	}
	return in.Generated
}

// cellText makes s safe and tidy for a cell: control characters other than
// tab and line feed become spaces.
func cellText(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\t' && r != '\n' {
			return ' '
		}
		return r
	}, s)
}

// TeamCSV writes the matrix as CSV (RFC 4180, UTF-8 with a byte-order mark,
// CRLF line ends): a header row "member" then the item ids, and one row per member with their
// level on each item, blank for not rated. A text cell that a spreadsheet
// would take for a formula (it starts with =, +, -, @, tab or carriage
// return) gets a leading apostrophe.
func TeamCSV(w io.Writer, in TeamTable) error {
	if err := in.check(); err != nil {
		return err
	}
	// The byte-order mark: Excel reads a .csv without it in the Windows
	// code page (so "Zoë" opens as "ZoÃ«"), and with it as UTF-8.
	if _, err := w.Write(utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	cols := in.matrixColumns()
	row := make([]string, 0, len(cols)+1)
	row = append(row, in.cornerCSV())
	for _, j := range cols {
		row = append(row, csvText(in.Items[j].ID))
	}
	if err := cw.Write(row); err != nil {
		return err
	}
	for _, m := range in.matrixRows() {
		row = append(row[:0], csvText(m.csvLabel))
		for _, j := range cols {
			l := m.levels[j]
			if l == nil {
				row = append(row, "")
			} else {
				row = append(row, strconv.Itoa(*l))
			}
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// teachingRows are the Teaching sheet's rows after the header: the items
// the display says something about (gap.TeachingLines, with the roster
// the matrix uses), none it suppresses.
func (in *TeamTable) teachingRows() ([][]string, error) {
	if in.Teach == nil {
		return nil, nil
	}
	if in.Ratings == nil {
		return nil, model.Errorf(model.Internal, "team export: teaching without the team's ratings")
	}
	r := in.roster()
	var out [][]string
	for j, it := range in.Items {
		if in.suppressed(it) {
			continue
		}
		tc, m := in.Teach(j)
		if m == nil || m.Item == nil {
			continue
		}
		if m.Item.ID != it.ID {
			return nil, model.Errorf(model.Internal, "team export: teaching of %s given for item %s", m.Item.ID, it.ID)
		}
		lines := gap.TeachingLines(in.Display, r, in.Ratings, tc, m)
		if len(lines) == 0 {
			continue
		}
		out = append(out, []string{it.ID, it.Title, strconv.Itoa(len(tc.Teachers)), strconv.Itoa(len(tc.Learners)),
			strconv.Itoa(len(tc.Interested)), strconv.Itoa(len(tc.Pairings)), strings.Join(lines, "\n")})
	}
	return out, nil
}

// roster is the display's order and labels of the members.
func (in *TeamTable) roster() gap.Roster {
	people := make([]model.Person, len(in.Members))
	for i, m := range in.Members {
		people[i] = m.Person
	}
	return in.Display.Roster(in.TeamID, people)
}

// TeamTeachingCSV writes who can teach whom as CSV, in the form of
// TeamCSV (UTF-8 with a byte-order mark, CRLF, formula-like text guarded):
// a header row (TeachingHeader), then one row per item the Teaching sheet
// lists, its counts as numbers and the team screen's lines in the last
// cell, one under another (a quoted cell with line breaks, which
// spreadsheets show wrapped). A workshop display's file has counts only,
// as on screen, unless individual rows were chosen.
func TeamTeachingCSV(w io.Writer, in TeamTable) error {
	if err := in.check(); err != nil {
		return err
	}
	rs, err := in.teachingRows()
	if err != nil {
		return err
	}
	if _, err := w.Write(utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(TeachingHeader); err != nil {
		return err
	}
	for _, r := range rs {
		row := make([]string, len(r))
		for i, c := range r {
			row[i] = csvText(c)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// corner heads the matrix's first column.
func (in *TeamTable) corner() string {
	if in.Display.PersonRows() {
		return "Member"
	}
	return "Level"
}

func (in *TeamTable) cornerCSV() string { return strings.ToLower(in.corner()) }

// reading explains the matrix's cells.
func (in *TeamTable) reading() string {
	if in.Display.PersonRows() {
		return "Levels are numbers on the framework's scale; a blank cell is not rated, and 0 means \"none yet\"."
	}
	return "No row is a person: each row is a level of the framework's scale and each cell counts the members at that level on the item; " +
		"the Not rated row counts the members who did not rate it."
}

// csvText guards a text cell against formula injection.
func csvText(s string) string {
	s = cellText(s)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// TeamXLSX writes the team spreadsheet: sheet "Matrix" (members by items,
// level numbers, blank for not rated), sheet "Measures" (one row per item,
// columns MeasuresHeader) and sheet "About" (what the file is and where its
// framework comes from). The output depends only on in: the document dates
// are in.Generated.
func TeamXLSX(w io.Writer, in TeamTable) error {
	if err := in.check(); err != nil {
		return err
	}
	x := xlsx.New(w)
	if err := writeTeamXLSX(x, &in); err != nil {
		return model.Wrap(model.Internal, err, "cannot make the team spreadsheet")
	}
	if err := x.Close(); err != nil {
		return fmt.Errorf("cannot write the team spreadsheet: %w", err)
	}
	return nil
}

func writeTeamXLSX(x *xlsx.Workbook, in *TeamTable) error {
	gen := in.generated()
	version := in.AppVersion
	x.SetProps(bookProps("Team competency matrix: "+in.Team, in.Framework.String(), version, gen))
	x.SetActive(0)
	st, err := newBookStyles(x)
	if err != nil {
		return err
	}
	if err := writeMatrix(x, in); err != nil {
		return err
	}
	if err := writeMeasures(x, in); err != nil {
		return err
	}
	if err := writeTeaching(x, in); err != nil {
		return err
	}

	// About: what this is, and the framework's terms.
	yesNo := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	provisional := yesNo(in.Provisional)
	if in.Provisional && in.ProvisionalNote != "" {
		provisional += ": " + in.ProvisionalNote
	}
	workshop := yesNo(in.Display.Workshop)
	if in.Display.Workshop {
		workshop += fmt.Sprintf(": names hidden; figures resting on fewer than %d rated members are blank", in.Display.MinPeople)
	}
	about := [][2]string{
		{"Team", in.Team},
		{"Framework", in.Framework.String()},
		{"Framework name", in.FrameworkName},
		{"Licence", strings.TrimSpace(in.Licence + " " + in.LicenceURL)},
		{"Attribution", in.Attribution},
		{"Provisional", provisional},
		{"Generated", gen.Format(time.RFC3339)},
		{"Gapwise version", version},
		{"Workshop display", workshop},
		{"Members", strconv.Itoa(len(in.Members))},
		{"Reading the matrix", in.reading()},
		{"Who can teach whom", in.teachingNote()},
		{"Personal data", "This file holds people's self-assessments: share it only with whoever needs it."},
	}
	switch {
	case in.Display.Workshop && in.Display.Individual:
		about[len(about)-1][1] = "Names are hidden, but members' levels are shown: share it only with the team."
	case in.Display.Workshop:
		about[len(about)-1][1] = "Names are hidden and no row is a person, but the counts rest on people's self-assessments: share it only with the team."
	}
	return writeAbout(x, st, 22, about)
}

// writeMatrix writes the Matrix sheet: a header row of item titles (with
// their ids), one row per member or level, each level cell shaded as in
// the app and the PDF with the number in it (colour is never the only
// carrier). It is streamed row by row, so memory does not grow with the
// members (10,000 members x 188 items at organisation scale).
func writeMatrix(x *xlsx.Workbook, in *TeamTable) error {
	cols := in.matrixColumns()
	matrix := in.matrixRows()
	o := xlsx.SheetOptions{
		Cols:       []xlsx.Col{{Min: 1, Max: 1, Width: matrixLabelWidth}},
		FreezeCols: 1, FreezeRows: 1,
		AutoFilter: "A1:" + xlsx.CellName(len(cols)+1, len(matrix)+1),
		Print:      printSetup(matrixPagesWide(len(cols)), "'"+SheetMatrix+"'!$A:$A,'"+SheetMatrix+"'!$1:$1"),
	}
	if len(cols) > 0 {
		o.Cols = append(o.Cols, xlsx.Col{Min: 2, Max: len(cols) + 1, Width: matrixColWidth})
	}
	if err := x.Sheet(SheetMatrix, o); err != nil {
		return err
	}
	bold, err := x.Style(xlsx.Style{Bold: true})
	if err != nil {
		return err
	}
	head, err := x.Style(xlsx.Style{Bold: true, Size: 9, Rotation: 90, Wrap: true, Vertical: "bottom", Horizontal: "center"})
	if err != nil {
		return err
	}
	row := make([]xlsx.Cell, len(cols)+1)
	row[0] = xlsx.Cell{Style: bold, Value: cellText(in.corner())}
	for c, j := range cols {
		row[c+1] = xlsx.Cell{Style: head, Value: cellText(itemHeading(in.Items[j]))}
	}
	if err := x.Row(row, 170); err != nil {
		return err
	}
	fills := heatStyles{x: x, ids: map[[2]int]int{}}
	for _, mem := range matrix {
		clear(row)
		row[0] = xlsx.Cell{Value: cellText(mem.label)}
		for c, j := range cols {
			v := mem.levels[j]
			if v == nil {
				continue
			}
			shade := chart.LevelShade(*v, in.top())
			if !in.Display.PersonRows() {
				shade = float64(*v) / float64(max(1, len(in.Members)))
			}
			style, err := fills.style(shade)
			if err != nil {
				return err
			}
			row[c+1] = xlsx.Cell{Style: style, Value: *v}
		}
		if err := x.Row(row, 0); err != nil {
			return err
		}
	}
	return nil
}

// writeMeasures writes the Measures sheet: one row per item, in words:
// Yes and No, not TRUE and FALSE.
func writeMeasures(x *xlsx.Workbook, in *TeamTable) error {
	n := len(MeasuresHeader)
	if err := x.Sheet(SheetMeasures, xlsx.SheetOptions{
		Cols:       []xlsx.Col{{Min: 1, Max: 1, Width: 16}, {Min: 2, Max: 2, Width: 42}, {Min: 3, Max: 3, Width: 30}, {Min: 4, Max: n, Width: 11}},
		FreezeRows: 1,
		AutoFilter: "A1:" + xlsx.CellName(n, len(in.Items)+1),
		Print:      printSetup(1, titleRows(SheetMeasures)),
	}); err != nil {
		return err
	}
	wrapBold, err := x.Style(xlsx.Style{Bold: true, Wrap: true, Vertical: "bottom"})
	if err != nil {
		return err
	}
	percent, err := x.Style(xlsx.Style{NumFmt: 9}) // 0%
	if err != nil {
		return err
	}
	wrap, err := x.Style(xlsx.Style{Wrap: true, Vertical: "top"})
	if err != nil {
		return err
	}
	row := make([]xlsx.Cell, n)
	for j, h := range MeasuresHeader {
		row[j] = xlsx.Cell{Value: cellText(h), Style: wrapBold}
	}
	if err := x.Row(row, 45); err != nil {
		return err
	}
	yesNo := func(b bool) string {
		if b {
			return "Yes"
		}
		return "No"
	}
	for _, it := range in.Items {
		clear(row)
		hidden := in.suppressed(it)
		row[0] = xlsx.Cell{Value: cellText(it.ID)}
		row[1] = xlsx.Cell{Value: cellText(it.Title), Style: wrap}
		row[2] = xlsx.Cell{Value: cellText(it.Group), Style: wrap}
		row[8] = xlsx.Cell{Value: intCell(it.Target)}
		row[11] = xlsx.Cell{Style: percent}
		row[12] = xlsx.Cell{Value: yesNo(hidden)}
		if !hidden {
			row[3] = xlsx.Cell{Value: it.Rated}
			row[4] = xlsx.Cell{Value: it.Meeting}
			row[5] = xlsx.Cell{Value: it.Below}
			row[6] = xlsx.Cell{Value: intCell(it.Median)}
			row[7] = xlsx.Cell{Value: intCell(it.Max)}
			row[9] = xlsx.Cell{Value: yesNo(it.Covered)}
			row[10] = xlsx.Cell{Value: yesNo(it.Fragile)}
			row[11].Value = it.BelowShare
			row[13] = xlsx.Cell{Value: it.Teachers}
			row[14] = xlsx.Cell{Value: it.Learners}
			row[15] = xlsx.Cell{Value: it.Interested}
		}
		if err := x.Row(row, max(wrappedHeight(it.Title, 42), wrappedHeight(it.Group, 30))); err != nil {
			return err
		}
	}
	return nil
}

// writeTeaching writes the Teaching sheet: TeachingHeader, then one row
// per item with something to say (teachingRows), counts as numbers and
// the lines wrapped in the last column, each row as tall as its lines
// need (at most a spreadsheet's tallest row).
func writeTeaching(x *xlsx.Workbook, in *TeamTable) error {
	rs, err := in.teachingRows()
	if err != nil {
		return err
	}
	n := len(TeachingHeader)
	if err := x.Sheet(SheetTeaching, xlsx.SheetOptions{
		Cols:       []xlsx.Col{{Min: 1, Max: 1, Width: 16}, {Min: 2, Max: 2, Width: 36}, {Min: 3, Max: 6, Width: 11}, {Min: 7, Max: 7, Width: 90}},
		FreezeRows: 1,
		AutoFilter: "A1:" + xlsx.CellName(n, len(rs)+1),
		Print:      printSetup(1, titleRows(SheetTeaching)),
	}); err != nil {
		return err
	}
	wrapBold, err := x.Style(xlsx.Style{Bold: true, Wrap: true, Vertical: "bottom"})
	if err != nil {
		return err
	}
	wrap, err := x.Style(xlsx.Style{Wrap: true, Vertical: "top"})
	if err != nil {
		return err
	}
	top, err := x.Style(xlsx.Style{Vertical: "top"})
	if err != nil {
		return err
	}
	row := make([]xlsx.Cell, n)
	for j, h := range TeachingHeader {
		row[j] = xlsx.Cell{Value: cellText(h), Style: wrapBold}
	}
	if err := x.Row(row, 30); err != nil {
		return err
	}
	for _, r := range rs {
		for j, c := range r {
			row[j] = xlsx.Cell{Value: cellText(c), Style: wrap}
			if j >= 2 && j <= 5 {
				v, _ := strconv.Atoi(c)
				row[j] = xlsx.Cell{Value: v, Style: top}
			}
		}
		h := max(wrappedHeight(r[1], 36), wrappedHeight(r[6], 90))
		if err := x.Row(row, min(h, maxRowHeight)); err != nil {
			return err
		}
	}
	return nil
}

// maxRowHeight is the tallest a spreadsheet row may be, in points.
const maxRowHeight = 409

// teachingNote explains the Teaching sheet.
func (in *TeamTable) teachingNote() string {
	s := "The Teaching sheet lists, per item, who could teach it (at or above the team target; without one, the team's best at the middle level or above), " +
		"who wants to learn it (ticked \"I want to develop this\", or below the target) and the suggested sessions, as the team screen's Who can teach whom tab does."
	switch {
	case in.Display.Workshop && !in.Display.Individual:
		s += fmt.Sprintf(" Workshop display: counts only, naming no one; items rated by fewer than %d members are left out.", in.Display.MinPeople)
	case in.Display.Workshop:
		s += fmt.Sprintf(" Members are the matrix's neutral labels; items rated by fewer than %d members are left out.", in.Display.MinPeople)
	}
	return s
}

// itemHeading heads an item's matrix column: its title and id.
func itemHeading(it TeamItem) string {
	title := strings.TrimSpace(it.Title)
	switch {
	case title == "":
		return it.ID
	case strings.HasPrefix(title, it.ID):
		return title
	}
	return title + " (" + it.ID + ")"
}

// top is the scale's highest level (the heatmap's darkest shade).
func (in *TeamTable) top() int {
	t := 0
	for _, l := range in.Scale {
		t = max(t, l.Value)
	}
	return t
}

// Matrix column widths, in characters.
const (
	matrixLabelWidth = 26
	matrixColWidth   = 5
)

// matrixPagesWide is how many landscape A4 pages the matrix is printed
// across: as few as keep the print at 65% of full size or more (readable),
// rather than all columns squeezed onto one page.
func matrixPagesWide(cols int) int {
	const (
		printableMM = 297 - 2*17.8 // landscape A4 less Excel's default margins
		minScale    = 0.65
		mmPerChar   = 7.0 * 25.4 / 96 // Calibri 11: about 7 pixels a character
	)
	width := (matrixLabelWidth + float64(cols)*(matrixColWidth+0.7)) * mmPerChar
	return max(1, int(math.Ceil(width/(printableMM/minScale))))
}

// wrappedHeight is the row height (points) that shows text wrapped in a
// column width characters wide: spreadsheets do not grow a row for
// wrapped text they did not lay out themselves, so the file says.
func wrappedHeight(text string, width float64) float64 {
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		lines += max(1, int(math.Ceil(float64(utf8.RuneCountInString(para))*1.08/width)))
	}
	return 15 * float64(lines)
}

// heatStyles makes one cell style per heatmap shade, as they are needed.
type heatStyles struct {
	x   *xlsx.Workbook
	ids map[[2]int]int
}

// style is the style of a cell at shade (0 to 1): white to dark blue like
// the app's heatmap, with white text from about the PDF's threshold on; 0
// for no shade (level 0, "none yet", or a zero count).
func (h *heatStyles) style(shade float64) (int, error) {
	if shade <= 0 {
		return 0, nil
	}
	shade = min(shade, 1)
	step := int(math.Round(shade * 100))
	white := 0
	if shade > 0.72 {
		white = 1
	}
	key := [2]int{step, white}
	if id, ok := h.ids[key]; ok {
		return id, nil
	}
	mix := func(dark int) int { return int(math.Round(255 - float64(step)/100*float64(255-dark))) }
	fill := fmt.Sprintf("%02X%02X%02X", mix(31), mix(78), mix(121))
	font := "000000"
	if white == 1 {
		font = "FFFFFF"
	}
	id, err := h.x.Style(xlsx.Style{Fill: fill, Color: font, Horizontal: "center"})
	h.ids[key] = id
	return id, err
}
