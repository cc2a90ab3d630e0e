package workspace

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"gapwise/internal/gap"
	"gapwise/internal/model"
)

// sampleTeamView makes the sample data and returns the fictional team's view.
func sampleTeamView(t *testing.T) (*Workspace, *TeamView) {
	t.Helper()
	ctx := context.Background()
	w := openTemp(t)
	res, err := w.CreateSampleData(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Team.Name != sampleTeamName {
		t.Fatalf("sample team %+v", res.Team)
	}
	v, err := w.TeamView(ctx, res.Team.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Members) < 2 || len(v.Measures.Items) == 0 {
		t.Fatalf("sample team has %d members and %d items", len(v.Members), len(v.Measures.Items))
	}
	return w, v
}

// readCSV reads an exported CSV file, which starts with a UTF-8 byte-order mark.
func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	data, ok := bytes.CutPrefix(data, []byte("\ufeff"))
	if !ok {
		t.Fatal("the CSV file does not start with a UTF-8 byte-order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestTeamExportCSVMatchesTheTeamView(t *testing.T) {
	ctx := context.Background()
	w, v := sampleTeamView(t)
	path := filepath.Join(t.TempDir(), "team.csv")
	if err := saveTeamExport(ctx, w, v.Team.ID, path, "csv", gap.NamedDisplay()); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, data)
	if len(rows) != len(v.Members)+1 || len(rows[0]) != len(v.Measures.Items)+1 || rows[0][0] != "member" {
		t.Fatalf("CSV is %d rows by %d columns; want %d by %d", len(rows), len(rows[0]), len(v.Members)+1, len(v.Measures.Items)+1)
	}
	for i, p := range v.Members {
		row := rows[i+1]
		if row[0] != p.Name {
			t.Errorf("row %d is %q; want %q", i+1, row[0], p.Name)
		}
		for j, m := range v.Measures.Items {
			want := ""
			if r, ok := v.Ratings.Get(model.PersonID(p.ID), model.ItemID(m.Item.ID)); ok {
				want = strconv.Itoa(r.Level)
			}
			if row[j+1] != want || rows[0][j+1] != m.Item.ID {
				t.Fatalf("%s on %s: %q; want %q", p.Name, rows[0][j+1], row[j+1], want)
			}
		}
	}

	// Never overwrites.
	err = saveTeamExport(ctx, w, v.Team.ID, path, "xlsx", gap.NamedDisplay())
	if model.KindOf(err) != model.Conflict {
		t.Errorf("over an existing file: %v", err)
	}
	if again, _ := os.ReadFile(path); !bytes.Equal(again, data) {
		t.Error("the existing file was changed")
	}
}

func TestTeamExportXLSX(t *testing.T) {
	ctx := context.Background()
	w, v := sampleTeamView(t)
	path := filepath.Join(t.TempDir(), "team.xlsx")
	if err := saveTeamExport(ctx, w, v.Team.ID, path, "XLSX", gap.NamedDisplay()); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := xlsxText(t, data)
	for _, want := range []string{`name="Matrix"`, `name="Measures"`, `name="About"`, v.Members[0].Name, v.Framework.Attribution[:40], sampleTeamName} {
		if !strings.Contains(text, want) {
			t.Errorf("the spreadsheet has no %q", want)
		}
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v; want 0600 (personal data)", info.Mode().Perm())
	}

	// The same team at the same time gives the same bytes.
	gen := time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)
	var a, b bytes.Buffer
	if err := w.WriteTeamExport(ctx, v.Team.ID, &a, "xlsx", gen, individual); err != nil {
		t.Fatal(err)
	}
	if err := w.WriteTeamExport(ctx, v.Team.ID, &b, "xlsx", gen, individual); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two exports of the same team at the same time differ")
	}
	if !strings.Contains(xlsxText(t, a.Bytes()), "2026-05-06T07:08:09Z") {
		t.Error("the generated time is not in the spreadsheet")
	}
}

// xlsxText is every part of a spreadsheet, unzipped, concatenated.
func xlsxText(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip file: %v", err)
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

func TestTeamExportWorkshopHidesNames(t *testing.T) {
	ctx := context.Background()
	w, v := sampleTeamView(t)
	var x, c bytes.Buffer
	if err := w.WriteTeamExport(ctx, v.Team.ID, &x, "xlsx", time.Time{}, individual); err != nil {
		t.Fatal(err)
	}
	if err := w.WriteTeamExport(ctx, v.Team.ID, &c, "csv", time.Time{}, individual); err != nil {
		t.Fatal(err)
	}
	xt := xlsxText(t, x.Bytes())
	for _, p := range v.Members {
		first, _, _ := strings.Cut(strings.TrimPrefix(p.Name, "Dr "), " ")
		word := regexp.MustCompile(`\b` + regexp.QuoteMeta(first) + `\b`)
		for _, s := range []string{p.Name, strings.TrimSuffix(p.Name, " (fictional)"), p.ID} {
			if strings.Contains(xt, s) || strings.Contains(c.String(), s) {
				t.Errorf("workshop export names %q", s)
			}
		}
		if word.MatchString(xt) || word.MatchString(c.String()) {
			t.Errorf("workshop export names %q", first)
		}
	}
	rows := readCSV(t, c.Bytes())
	for i, row := range rows[1:] {
		if row[0] != gap.MemberLabel(i) {
			t.Errorf("row %d is labelled %q", i+1, row[0])
		}
	}
	// Rows follow the display's roster, so labels match the screen and the PDF.
	r := v.Roster(individual)
	for i, k := range r.Order {
		p := v.Members[k]
		for j, m := range v.Measures.Items {
			want := ""
			if r, ok := v.Ratings.Get(model.PersonID(p.ID), model.ItemID(m.Item.ID)); ok {
				want = strconv.Itoa(r.Level)
			}
			if rows[i+1][j+1] != want {
				t.Fatalf("%s (%s) on %s: %q; want %q", rows[i+1][0], p.Name, m.Item.ID, rows[i+1][j+1], want)
			}
		}
	}
}

func TestTeamExportRefusals(t *testing.T) {
	ctx := context.Background()
	w, v := sampleTeamView(t)
	dir := t.TempDir()
	for _, tc := range []struct {
		name, team string
		format     TeamFormat
		display    gap.Display
		kind       model.ErrorKind
	}{
		{"unknown format", v.Team.ID, "pdf", gap.NamedDisplay(), model.Invalid},
		{"no people at all", v.Team.ID, "csv", gap.WorkshopDisplay(0), model.Invalid},
		{"individual rows without workshop", v.Team.ID, "csv", gap.Display{Individual: true}, model.Invalid},
		{"no such team", "no-such-team", "csv", gap.NamedDisplay(), model.NotFound},
	} {
		path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-"))
		err := saveTeamExport(ctx, w, tc.team, path, tc.format, tc.display)
		if model.KindOf(err) != tc.kind {
			t.Errorf("%s: %v; want kind %v", tc.name, err, tc.kind)
		}
		if _, serr := os.Stat(path); !os.IsNotExist(serr) {
			t.Errorf("%s left a file", tc.name)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("refusals left %d files", len(entries))
	}
}

func TestAssessedMembers(t *testing.T) {
	ctx := context.Background()
	w, v := sampleTeamView(t)
	extra, err := w.AddPerson(ctx, model.Person{Name: "New Starter", Discipline: model.Nurse})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.AddMember(ctx, model.TeamID(v.Team.ID), model.PersonID(extra.ID)); err != nil {
		t.Fatal(err)
	}
	nv, err := w.TeamView(ctx, v.Team.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(nv.Members) != len(v.Members)+1 || nv.HasAssessed(extra.ID) {
		t.Errorf("%d members, new starter assessed %v", len(nv.Members), nv.HasAssessed(extra.ID))
	}
	n := 0
	for _, p := range nv.Members {
		if nv.HasAssessed(p.ID) {
			n++
		}
	}
	if n != v.Assessed || nv.Assessed != v.Assessed {
		t.Errorf("%d assessed; the team view says %d (before the new starter %d)", n, nv.Assessed, v.Assessed)
	}
}

func TestWriteTeamPDFIsAPDF(t *testing.T) {
	ctx := context.Background()
	w, v := sampleTeamView(t)
	if _, err := w.SaveTeamAction(ctx, v.Team.ID, model.Action{Objective: "Run a data quality workshop", Status: model.Planned}); err != nil {
		t.Fatal(err)
	}
	plans, _ := w.store.PlansForTeam(ctx, v.Team.ID)
	gen := time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)
	for _, workshop := range []gap.Display{gap.NamedDisplay(), gap.WorkshopDisplay(3), individual} {
		var buf bytes.Buffer
		if err := w.WriteTeamPDF(ctx, v.Team.ID, &buf, gen, workshop); err != nil {
			t.Fatalf("workshop %v: %v", workshop, err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || buf.Len() < 1000 {
			t.Errorf("workshop %v: not a PDF (%d bytes)", workshop, buf.Len())
		}
	}
	if again, _ := w.store.PlansForTeam(ctx, v.Team.ID); len(again) != len(plans) {
		t.Errorf("printing made a plan: %d plans, had %d", len(again), len(plans))
	}
	if err := w.WriteTeamPDF(ctx, v.Team.ID, io.Discard, gen, gap.WorkshopDisplay(0)); model.KindOf(err) != model.Invalid {
		t.Errorf("workshop with 0 people: %v", err)
	}
	if err := w.WriteTeamPDF(ctx, "no-such-team", io.Discard, gen, gap.NamedDisplay()); model.KindOf(err) != model.NotFound {
		t.Errorf("unknown team: %v", err)
	}
}

func TestWriteTeamPDFWithoutAPlan(t *testing.T) {
	ctx := context.Background()
	w, v := sampleTeamView(t)
	if err := w.WriteTeamPDF(ctx, v.Team.ID, io.Discard, time.Time{}, gap.NamedDisplay()); err != nil {
		t.Fatal(err)
	}
	if plans, _ := w.store.PlansForTeam(ctx, v.Team.ID); len(plans) != 0 {
		t.Errorf("printing made %d plans", len(plans))
	}
}

// individual is workshop display with per-person rows under neutral labels.
var individual = gap.Display{Workshop: true, MinPeople: 3, Individual: true}

// saveTeamExport writes a team export to a new file, as the app and CLI do.
func saveTeamExport(ctx context.Context, w *Workspace, teamID, path string, format TeamFormat, d gap.Display) error {
	return SaveNewFile(path, func(out io.Writer) error {
		return w.WriteTeamExport(ctx, teamID, out, format, time.Now(), d)
	})
}

// TestTeamExportTeaching: the Teaching sheet and the teaching CSV say,
// item by item, what the team screen says (gap.TeachingLines for the same
// display), and a workshop file names no member, person id or evidence.
func TestTeamExportTeaching(t *testing.T) {
	ctx := context.Background()
	w, v := sampleTeamView(t)
	var evidence []string
	for _, p := range v.Members {
		for _, m := range v.Measures.Items {
			if r, ok, err := w.LatestRating(ctx, p.ID, v.Team.Framework, m.Item.ID); err != nil {
				t.Fatal(err)
			} else if ok && len(r.Evidence) > 12 {
				evidence = append(evidence, r.Evidence)
			}
		}
	}
	if len(evidence) == 0 {
		t.Fatal("the sample has no evidence to look for")
	}
	for _, d := range []gap.Display{gap.NamedDisplay(), gap.WorkshopDisplay(3), individual} {
		var x, c bytes.Buffer
		if err := w.WriteTeamExport(ctx, v.Team.ID, &x, TeamFormatXLSX, time.Time{}, d); err != nil {
			t.Fatal(err)
		}
		if err := w.WriteTeamExport(ctx, v.Team.ID, &c, TeamFormatTeachingCSV, time.Time{}, d); err != nil {
			t.Fatal(err)
		}
		rows := readCSV(t, c.Bytes())
		if len(rows) < 2 || rows[0][6] != "Who can teach whom" {
			t.Fatalf("%+v: teaching CSV %q", d, rows)
		}
		// Every item the screen says something about, in its words.
		r := v.Roster(d)
		order := v.Ratings.DisplayOrder(r)
		byItem := map[string][]string{}
		for _, row := range rows[1:] {
			byItem[row[0]] = row
		}
		want := 0
		for i := range v.Measures.Items {
			m := &v.Measures.Items[i]
			tc := gap.Teach(v.Framework, v.Ratings, m, order)
			lines := gap.TeachingLines(d, r, v.Ratings, tc, m)
			row, ok := byItem[m.Item.ID]
			if len(lines) == 0 {
				if ok {
					t.Errorf("%+v: %s is listed: %q", d, m.Item.ID, row)
				}
				continue
			}
			want++
			if !ok || row[6] != strings.Join(lines, "\n") || row[2] != strconv.Itoa(len(tc.Teachers)) || row[5] != strconv.Itoa(len(tc.Pairings)) {
				t.Errorf("%+v: %s is %q; the screen says %q", d, m.Item.ID, row, lines)
			}
		}
		if want != len(rows)-1 || want == 0 {
			t.Errorf("%+v: %d teaching rows; the screen has %d items to say something about", d, len(rows)-1, want)
		}
		xt := xlsxText(t, x.Bytes())
		if !strings.Contains(xt, `name="Teaching"`) || !strings.Contains(xt, "could teach") && !strings.Contains(xt, "Could teach: ") {
			t.Errorf("%+v: the spreadsheet has no Teaching sheet", d)
		}
		if !d.Workshop {
			if !strings.Contains(c.String(), v.Members[0].Name) && !strings.Contains(c.String(), v.Members[1].Name) {
				t.Error("the named teaching CSV names nobody: the check below is blind")
			}
			continue
		}
		for _, p := range v.Members {
			for _, s := range []string{p.Name, strings.TrimSuffix(p.Name, " (fictional)"), p.ID} {
				if strings.Contains(xt, s) || strings.Contains(c.String(), s) {
					t.Errorf("%+v: workshop export names %q", d, s)
				}
			}
		}
		for _, e := range evidence {
			if strings.Contains(xt, e) || strings.Contains(c.String(), e) {
				t.Errorf("%+v: workshop export holds evidence %q", d, e)
			}
		}
	}
}

// TestWorkshopTeamPDFIdentifiesNobody: the team PDF of each workshop
// display has its who-can-teach-whom section and, in its text, no member's
// name, person id or rating evidence.
func TestWorkshopTeamPDFIdentifiesNobody(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is needed to read the team PDF")
	}
	ctx := context.Background()
	w, v := sampleTeamView(t)
	var evidence []string
	for _, p := range v.Members {
		for _, m := range v.Measures.Items {
			if r, ok, err := w.LatestRating(ctx, p.ID, v.Team.Framework, m.Item.ID); err != nil {
				t.Fatal(err)
			} else if ok && len(r.Evidence) > 12 {
				evidence = append(evidence, r.Evidence)
			}
		}
	}
	for _, tc := range []struct {
		d    gap.Display
		want string
	}{
		{gap.WorkshopDisplay(3), "could teach · "},
		{individual, "Could teach: Member "},
	} {
		var buf bytes.Buffer
		if err := w.WriteTeamPDF(ctx, v.Team.ID, &buf, time.Time{}, tc.d); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "team.pdf")
		if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(string(out)), " ")
		if !strings.Contains(text, "Who can teach whom") || !strings.Contains(text, tc.want) {
			t.Errorf("%+v: the PDF lacks its teaching lines %q", tc.d, tc.want)
		}
		for _, p := range v.Members {
			first, _, _ := strings.Cut(strings.TrimPrefix(p.Name, "Dr "), " ")
			for _, s := range []string{strings.TrimSuffix(p.Name, " (fictional)"), p.ID} {
				if strings.Contains(text, s) {
					t.Errorf("%+v: the workshop PDF shows %q", tc.d, s)
				}
			}
			if regexp.MustCompile(`\b` + regexp.QuoteMeta(first) + `\b`).MatchString(text) {
				t.Errorf("%+v: the workshop PDF shows %q", tc.d, first)
			}
		}
		for _, e := range evidence {
			if strings.Contains(text, strings.Join(strings.Fields(e), " ")) {
				t.Errorf("%+v: the workshop PDF holds evidence %q", tc.d, e)
			}
		}
	}
}
