package ui

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"gapwise/internal/model"
)

// secrets is what identifies a person in the database: their names (whole,
// without the "(fictional)" suffix, and first names as words), ids, job
// roles, and the text of every piece of evidence they wrote.
type secrets struct {
	plain []string
	words []*regexp.Regexp
}

func collectSecrets(t *testing.T, s *Shell) secrets {
	t.Helper()
	ctx := context.Background()
	people, err := s.ws.People(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var sc secrets
	evidence := 0
	for _, p := range people {
		sc.plain = append(sc.plain, p.Name, strings.TrimSuffix(p.Name, " (fictional)"), p.ID, p.Role)
		first, _, _ := strings.Cut(strings.TrimPrefix(p.Name, "Dr "), " ")
		sc.words = append(sc.words, regexp.MustCompile(`\b`+regexp.QuoteMeta(first)+`\b`))
		as, err := s.ws.Assessments(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range as {
			sh, err := s.ws.Sheet(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range sh.Ratings {
				if r.Evidence != "" {
					sc.plain = append(sc.plain, r.Evidence)
					evidence++
				}
			}
		}
		plans, err := s.ws.Plans(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, pl := range plans {
			for _, a := range pl.Actions {
				sc.plain = append(sc.plain, a.Evidence)
			}
		}
	}
	if len(people) < 8 || evidence == 0 {
		t.Fatalf("the sample data has %d people and %d pieces of evidence: the test would prove nothing", len(people), evidence)
	}
	return sc
}

// check fails for every secret found in texts.
func (sc secrets) check(t *testing.T, where string, texts ...string) {
	t.Helper()
	all := strings.Join(strings.Fields(strings.Join(texts, "\n")), " ")
	for _, s := range sc.plain {
		if s = strings.Join(strings.Fields(s), " "); s != "" && strings.Contains(all, s) {
			t.Errorf("%s shows %q", where, s)
		}
	}
	for _, w := range sc.words {
		if loc := w.FindStringIndex(all); loc != nil {
			t.Errorf("%s shows %q: …%s…", where, all[loc[0]:loc[1]], all[max(0, loc[0]-40):min(len(all), loc[1]+40)])
		}
	}
}

// closeOverlays dismisses every dialog and pop-up.
func closeOverlays(s *Shell) {
	o := s.win.Canvas().Overlays()
	for top := o.Top(); top != nil; top = o.Top() {
		o.Remove(top)
	}
}

// checkEveryScreen shows every area of the window, and every sub-tab of the
// team screen, and checks the whole widget tree and the overlays each time.
func checkEveryScreen(t *testing.T, s *Shell, sc secrets, mode string) {
	t.Helper()
	for _, it := range s.tabs.Items {
		s.tabs.Select(it)
		for _, sub := range s.team.tabs.Items {
			s.team.tabs.Select(sub)
			where := mode + ", " + it.Text + " / " + sub.Text
			sc.check(t, where, windowTexts(s.win)...)
			if !s.proj.bar.Visible() || !strings.Contains(s.proj.banner.Text, "WORKSHOP DISPLAY") {
				t.Errorf("%s: the WORKSHOP DISPLAY banner is not shown", where)
			}
			if s.header.Text != "Team workshop display" {
				t.Errorf("%s: the header says %q", where, s.header.Text)
			}
		}
		if !projectionSafe[it.Text] {
			if texts := strings.Join(textsOf(it.Content), "\n"); !strings.Contains(texts, hiddenInProjection) {
				t.Errorf("%s, %s is not hidden:\n%s", mode, it.Text, texts)
			}
		}
	}
	s.showTab("Team")
}

// checkDialogs opens each dialog the team screen can show in workshop
// display and checks it.
func checkDialogs(t *testing.T, s *Shell, sc secrets, mode string, owned model.Action) {
	t.Helper()
	tm := s.team
	open := []struct {
		name string
		show func()
	}{
		{"heatmap cell", func() { tm.showCell(widget.TableCellID{Row: 0, Col: 0}) }},
		{"last heatmap cell", func() {
			rows, cols := tm.tableSize()
			tm.showCell(widget.TableCellID{Row: rows - 1, Col: cols - 1})
		}},
		{"team action", func() { tm.editAction(owned) }},
		{"new team action", func() { tm.editAction(model.Action{Status: model.Planned}) }},
		{"team targets", func() { tm.setTargets() }},
		{"item target", func() { tm.setItemTarget(tm.measures[0].Item) }},
		{"new team", func() { tm.newTeam() }},
		{"delete team", func() { tm.deleteTeam() }},
		{"leave workshop display", func() { tm.toggleWorkshop() }},
		{"save team report", func() { tm.saveOutput("pdf") }},
		{"export XLSX", func() { tm.saveOutput("xlsx") }},
	}
	// A folder holding a file named after a member, as a plan saved
	// earlier would be, is where the Save dialogs open.
	people, err := s.ws.People(context.Background())
	if err != nil || len(people) == 0 {
		t.Fatalf("no people: %v", err)
	}
	s.lastSaveFolder = t.TempDir()
	os.WriteFile(filepath.Join(s.lastSaveFolder, fileName(".pdf", "Development plan", people[0].Name)), []byte("x"), 0o600)
	os.WriteFile(filepath.Join(s.lastSaveFolder, people[1].ID+".xlsx"), []byte("x"), 0o600)
	for _, d := range open {
		d.show()
		if s.win.Canvas().Overlays().Top() == nil {
			t.Errorf("%s: the %s dialog did not open", mode, d.name)
		}
		sc.check(t, mode+", "+d.name+" dialog", windowTexts(s.win)...)
		closeOverlays(s)
	}
	if !tm.workshopOn() {
		t.Fatalf("%s: workshop display ended without a confirmation", mode)
	}
}

// TestWorkshopDisplayIdentifiesNobody is workshop display's promise: with
// the sample team on screen, no member's name, id, job role or evidence is
// anywhere in the window (every area, every team tab, every dialog the team
// screen opens), nor in the PDF, XLSX and CSV it writes; and with individual
// rows each member has the same label on screen and in every file.
func TestWorkshopDisplayIdentifiesNobody(t *testing.T) {
	s := openSampleTeam(t)
	tm := s.team
	ctx := context.Background()
	owner := tm.view.Members[len(tm.view.Members)/2]
	owned, err := s.ws.SaveTeamAction(ctx, tm.view.Team.ID, model.Action{
		Objective: "Run a data quality workshop", Status: model.Done, Owner: owner.ID,
		Evidence: "Feedback forms collected by " + owner.Name,
	})
	if err != nil {
		t.Fatal(err)
	}
	tm.load(tm.view.Team.ID)
	s.setPerson(&owner) // someone's work is open behind the projection
	if s.openAssessmentID() == "" {
		t.Fatal("no assessment opened for the person")
	}
	sc := collectSecrets(t, s)
	// Make sure the walk sees what it should: the named display shows names.
	if !strings.Contains(strings.Join(windowTexts(s.win), "\n"), owner.Name) {
		t.Fatalf("the named display does not show %q: the walk is blind", owner.Name)
	}
	// Who can teach whom, with an item chosen: in named display its
	// teachers and learners are named, and the walk must see them.
	pairedItem(t, tm)
	teacher := tm.view.Ratings.MemberID(tm.teach.cur.Pairings[0].Teacher)
	if label := tm.roster.Label(teacher); !strings.Contains(strings.Join(windowTexts(s.win), "\n"), "Suggested: "+label) {
		t.Fatalf("the named display does not show the session of %q: the walk is blind", label)
	}

	test.Tap(tm.mode)
	if !tm.workshopOn() || !s.projecting() {
		t.Fatal("workshop display did not start projection mode")
	}
	if !tm.addBtn.Disabled() || !tm.importBtn.Disabled() || !tm.removeBtn.Disabled() {
		t.Error("adding people or importing files (which list names) is possible in workshop display")
	}
	checkEveryScreen(t, s, sc, "counts per level")
	checkDialogs(t, s, sc, "counts per level", owned)
	checkFiles(t, s, sc, "counts per level")

	// A status message never replaces the banner.
	tm.status.SetText("Saved team.pdf")
	if !strings.Contains(s.proj.banner.Text, "WORKSHOP DISPLAY") || !s.proj.bar.Visible() {
		t.Error("a status message replaced the banner")
	}

	// Keys typed on a hidden Rate area rate nothing.
	before := ratingsOf(t, s)
	s.showTab("Rate")
	test.TypeOnCanvas(s.win.Canvas(), "3n2")
	if after := ratingsOf(t, s); !maps.Equal(before, after) {
		t.Error("keys typed on the hidden Rate area changed ratings")
	}
	s.showTab("Team")

	// Individual rows, after their own warning.
	tm.toggleRows()
	sc.check(t, "individual rows warning", windowTexts(s.win)...)
	confirmTop(t, s, true)
	if !tm.display.Individual {
		t.Fatal("individual rows were not shown after confirming")
	}
	checkEveryScreen(t, s, sc, "individual rows")
	checkDialogs(t, s, sc, "individual rows", owned)
	files := checkFiles(t, s, sc, "individual rows")

	// Member i has the same label on screen and in every file: each label
	// stands for the same row of levels everywhere.
	screen := screenRows(t, tm)
	if len(screen) != len(tm.view.Members) {
		t.Fatalf("%d labelled rows on screen for %d members", len(screen), len(tm.view.Members))
	}
	seen := map[string]string{}
	for label, row := range screen {
		key := strings.Join(slices.Sorted(maps.Keys(row)), ",") + "=" + strings.Join(valuesInKeyOrder(row), ",")
		if other, dup := seen[key]; dup {
			t.Fatalf("%s and %s have the same levels: labels cannot be told apart by them", label, other)
		}
		seen[key] = label
	}
	for name, rows := range files {
		for label, want := range screen {
			got, ok := rows[label]
			if !ok {
				t.Errorf("%s has no row %q", name, label)
				continue
			}
			if len(got) != len(want) {
				t.Errorf("%s: row %q has %d items, the screen %d", name, label, len(got), len(want))
			}
			for item, lv := range got {
				if want[item] != lv {
					t.Errorf("%s: %s on %s is %q, on screen %q: the label is someone else", name, label, item, lv, want[item])
					break
				}
			}
		}
	}

	// Leaving needs its confirmation, then everything comes back.
	tm.toggleWorkshop()
	confirmTop(t, s, true)
	if tm.workshopOn() || s.projecting() {
		t.Fatal("confirming did not leave workshop display")
	}
	s.showTab("Me")
	if !strings.Contains(strings.Join(windowTexts(s.win), "\n"), s.shownPerson().Name) {
		t.Error("the Me area did not come back after workshop display")
	}
}

func valuesInKeyOrder(m map[string]string) []string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, m[k])
	}
	return out
}

// ratingsOf is every rating level of the open assessment.
func ratingsOf(t *testing.T, s *Shell) map[string]int {
	t.Helper()
	out := map[string]int{}
	if s.openAssessmentID() == "" {
		t.Fatal("no assessment open")
	}
	sh, err := s.ws.Sheet(context.Background(), s.openAssessmentID())
	if err != nil {
		t.Fatal(err)
	}
	for id, r := range sh.Ratings {
		out[id] = r.Level
	}
	return out
}

// screenRows reads the heatmap as drawn: row header label -> item id ->
// level text ("" when not rated).
func screenRows(t *testing.T, tm *teamScreen) map[string]map[string]string {
	t.Helper()
	rows, cols := tm.tableSize()
	out := map[string]map[string]string{}
	for r := 0; r < rows; r++ {
		h := tm.table.CreateHeader()
		tm.updateHeader(widget.TableCellID{Row: r, Col: -1}, h)
		label := h.(*heatHeader).text()
		row := map[string]string{}
		for c := 0; c < cols; c++ {
			cell := tm.newCell()
			tm.updateCell(widget.TableCellID{Row: r, Col: c}, cell)
			row[tm.cols[c].Item.ID] = cellLevel(cell.(*fyne.Container).Objects[1].(*canvas.Text).Text)
		}
		out[label] = row
	}
	return out
}

// cellLevel is a cell's level without the below-target arrow; "" for not
// rated.
func cellLevel(s string) string {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "↓"))
	if s == "–" {
		return ""
	}
	return s
}

// checkFiles writes the team PDF, XLSX and CSV as the Save and Export
// buttons would now, checks each for secrets, and returns their matrix rows
// by label (label -> item id -> level).
func checkFiles(t *testing.T, s *Shell, sc secrets, mode string) map[string]map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]map[string]string{}
	// Who can teach whom is in each file, so the check below reads it:
	// counts in plain workshop display, neutral labels with individual rows.
	teaching := "could teach · "
	if s.team.display.Individual {
		teaching = "Could teach: Member "
	}
	for _, format := range []string{"pdf", "xlsx", "csv", "teaching.csv"} {
		name, render := s.team.output(format)
		var buf bytes.Buffer
		if err := render(&buf); err != nil {
			t.Fatalf("%s %s: %v", mode, format, err)
		}
		where := mode + ", " + name
		switch format {
		case "pdf":
			raw, layout := pdfText(t, buf.Bytes(), false), pdfText(t, buf.Bytes(), true)
			sc.check(t, where, raw, layout)
			if !strings.Contains(raw, "Who can teach whom") || !strings.Contains(strings.Join(strings.Fields(raw), " "), teaching) {
				t.Errorf("%s has no teaching lines %q", where, teaching)
			}
			out[format] = pdfRows(layout)
		case "teaching.csv":
			sc.check(t, where, buf.String())
			if !strings.Contains(buf.String(), teaching) {
				t.Errorf("%s has no teaching lines %q:\n%s", where, teaching, buf.String())
			}
			continue
		case "xlsx":
			sc.check(t, where, zipText(t, buf.Bytes()))
			if !strings.Contains(zipText(t, buf.Bytes()), teaching) {
				t.Errorf("%s has no teaching lines %q", where, teaching)
			}
			m := xlsxMatrix(t, buf.Bytes())
			if len(m) > 0 {
				m[0] = itemIDs(s.team, m[0])
			}
			out[format] = matrixRows(m)
		case "csv":
			sc.check(t, where, buf.String())
			recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte{0xEF, 0xBB, 0xBF}))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			out[format] = matrixRows(recs)
		}
		for label := range out[format] {
			if strings.HasPrefix(label, "Member ") != s.team.display.Individual {
				t.Errorf("%s has a row %q", where, label)
			}
		}
	}
	return out
}

// matrixRows turns a matrix (header row of item ids) into label -> item ->
// level.
func matrixRows(recs [][]string) map[string]map[string]string {
	out := map[string]map[string]string{}
	if len(recs) == 0 {
		return out
	}
	for _, r := range recs[1:] {
		row := map[string]string{}
		for j := 1; j < len(r) && j < len(recs[0]); j++ {
			row[recs[0][j]] = r[j]
		}
		out[r[0]] = row
	}
	return out
}

var (
	pdfLabel = regexp.MustCompile(`^Member [A-Z]+$`)
	pdfCell  = regexp.MustCompile(`^(\d+↓?|–)$`)
)

// pdfRows reads the heatmap rows of a team PDF's text layout: a heading
// line "Member 1.1 1.2 …" names the columns of the rows under it.
func pdfRows(layout string) map[string]map[string]string {
	out := map[string]map[string]string{}
	var cols []string
	for _, line := range strings.Split(layout, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		if f[0] == "Member" && !pdfLabel.MatchString(f[0]+" "+f[1]) {
			cols = f[1:]
			continue
		}
		if len(f) < 3 || !pdfLabel.MatchString(f[0]+" "+f[1]) || len(f)-2 != len(cols) {
			continue
		}
		ok := true
		for _, c := range f[2:] {
			ok = ok && pdfCell.MatchString(c)
		}
		if !ok {
			continue
		}
		label := f[0] + " " + f[1]
		if out[label] == nil {
			out[label] = map[string]string{}
		}
		for j, c := range f[2:] {
			out[label][cols[j]] = cellLevel(c)
		}
	}
	return out
}

// pdfText is the text of a PDF by pdftotext (raw, or with its layout).
func pdfText(t *testing.T, pdf []byte, layout bool) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is needed to read the team PDF")
	}
	path := filepath.Join(t.TempDir(), "team.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"-enc", "UTF-8"}
	if layout {
		args = append(args, "-layout")
	}
	text, err := exec.Command("pdftotext", append(args, path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(text)
}

// zipText is every part of a zip file (an XLSX), unzipped, concatenated.
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
		all.WriteByte('\n')
	}
	return all.String()
}

// xlsxMatrix reads the first sheet (Matrix) of a spreadsheet as rows of
// cell text, with the standard library: only internal/exchange may use
// excelize.
func xlsxMatrix(t *testing.T, data []byte) [][]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) []byte {
		for _, f := range zr.File {
			if f.Name == name {
				rc, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				defer rc.Close()
				b, err := io.ReadAll(rc)
				if err != nil {
					t.Fatal(err)
				}
				return b
			}
		}
		return nil
	}
	var sst struct {
		SI []struct {
			T string `xml:"t"`
			R []struct {
				T string `xml:"t"`
			} `xml:"r"`
		} `xml:"si"`
	}
	if b := read("xl/sharedStrings.xml"); b != nil {
		if err := xml.Unmarshal(b, &sst); err != nil {
			t.Fatal(err)
		}
	}
	shared := make([]string, len(sst.SI))
	for i, si := range sst.SI {
		shared[i] = si.T
		for _, r := range si.R {
			shared[i] += r.T
		}
	}
	var sheet struct {
		Rows []struct {
			C []struct {
				R  string `xml:"r,attr"`
				T  string `xml:"t,attr"`
				V  string `xml:"v"`
				IS struct {
					T string `xml:"t"`
				} `xml:"is"`
			} `xml:"c"`
		} `xml:"sheetData>row"`
	}
	b := read("xl/worksheets/sheet1.xml")
	if b == nil {
		t.Fatal("the spreadsheet has no first sheet")
	}
	if err := xml.Unmarshal(b, &sheet); err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for _, r := range sheet.Rows {
		var row []string
		for _, c := range r.C {
			col := 0
			for _, ch := range c.R {
				if ch >= 'A' && ch <= 'Z' {
					col = col*26 + int(ch-'A'+1)
				}
			}
			for len(row) < col-1 {
				row = append(row, "")
			}
			v := c.V
			switch c.T {
			case "s":
				var i int
				for _, d := range c.V {
					i = i*10 + int(d-'0')
				}
				if i < len(shared) {
					v = shared[i]
				}
			case "inlineStr":
				v = c.IS.T
			}
			row = append(row, v)
		}
		out = append(out, row)
	}
	return out
}

// itemIDs turns a spreadsheet's column headings ("Title (id)", or a title
// that starts with its id) back into item ids.
func itemIDs(tm *teamScreen, head []string) []string {
	out := slices.Clone(head)
	for j, h := range head {
		for _, m := range tm.view.Measures.Items {
			id := m.Item.ID
			if h == id || strings.HasSuffix(h, "("+id+")") || strings.HasPrefix(h, id+" ") {
				out[j] = id
				break
			}
		}
	}
	return out
}
