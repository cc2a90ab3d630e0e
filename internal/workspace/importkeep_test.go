package workspace

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gapwise/internal/exchange"
	"gapwise/internal/model"
)

// memberFiles writes n DDaT self-assessment files of different members into
// a new folder, each with 30 ratings (some with evidence, confidence and
// interest), made from one exported template; it returns the folder and the
// template's ratings, which every file carries.
func memberFiles(t *testing.T, n int) (string, map[string]model.Rating) {
	t.Helper()
	ctx := context.Background()
	src := openTemp(t)
	ref := model.FrameworkRef{ID: "ddat", Version: "2025-q3"}
	f, err := src.Framework(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	p, err := src.AddPerson(ctx, model.Person{Name: "Template Person", Discipline: model.Nurse})
	if err != nil {
		t.Fatal(err)
	}
	a, err := src.StartAssessment(ctx, p.ID, ref, model.SelfAssessment, "", model.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 30; i++ {
		it := f.Items[i]
		r := model.Rating{Item: it.ID, Level: it.Levels[i%len(it.Levels)], Confidence: i % 6, Interest: i%4 == 0}
		if i%3 == 0 {
			r.Evidence = fmt.Sprintf("Led review %d of the ward's data quality", i)
		}
		if err := src.Rate(ctx, a.ID, r); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Millisecond) // ratings made at different times
	}
	sheet, err := src.Sheet(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	tmpl, _, err := src.ExportAssessment(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for i := 0; i < n; i++ {
		data := bytes.ReplaceAll(tmpl, []byte(p.ID), []byte(memberPersonID(i)))
		data = bytes.ReplaceAll(data, []byte(a.ID), []byte(memberAssessmentID(i)))
		data = bytes.ReplaceAll(data, []byte("Template Person"), []byte(fmt.Sprintf("Member %04d", i)))
		if err := os.WriteFile(memberPath(dir, i), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir, sheet.Ratings
}

func memberPersonID(i int) string     { return fmt.Sprintf("00000000-0000-4000-8000-%012d", i) }
func memberAssessmentID(i int) string { return fmt.Sprintf("00000000-0000-4000-9000-%012d", i) }
func memberPath(dir string, i int) string {
	return filepath.Join(dir, fmt.Sprintf("m%04d.gapwise.json", i))
}

// withKeepBudget runs fn with the compact forms limited to budget bytes.
func withKeepBudget(t *testing.T, budget int, fn func(t *testing.T)) {
	t.Run(fmt.Sprintf("budget %d", budget), func(t *testing.T) {
		old := keepBudget
		keepBudget = budget
		defer func() { keepBudget = old }()
		fn(t)
	})
}

// A batch of 1,000 files with two bad ones in the middle: one the decoder
// refuses (a level the item does not define) and one that only the write
// can refuse (another name under a person id an earlier file of the batch
// brought). Each is refused whole and named; the other 998 are written
// exactly as their files say, whether their content was kept in compact form
// or decoded again at the write (a budget that keeps a few, and none).
func TestImportFilesBadFilesInTheMiddleOf1000(t *testing.T) {
	dir, want := memberFiles(t, 1000)
	bad := memberPath(dir, 500)
	data, _ := os.ReadFile(bad)
	os.WriteFile(bad, bytes.Replace(data, []byte(`"level": 1,`), []byte(`"level": 9,`), 1), 0o600)
	spoof := memberPath(dir, 600) // claims to be member 100 under another name
	data, _ = os.ReadFile(spoof)
	os.WriteFile(spoof, bytes.ReplaceAll(data, []byte(memberPersonID(600)), []byte(memberPersonID(100))), 0o600)

	for _, budget := range []int{keepBudget, 50 << 10, 0} {
		withKeepBudget(t, budget, func(t *testing.T) {
			ctx := context.Background()
			ws := openTemp(t)
			res, err := ws.ImportFiles(ctx, []string{dir}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Imported) != 998 || len(res.Refused) != 2 {
				t.Fatalf("%s; refused %v", res.Summary(), res.Refused)
			}
			reasons := map[string]string{}
			for _, r := range res.Refused {
				reasons[r.File] = r.Err.Error()
			}
			if !strings.Contains(reasons[bad], "level 9 is not defined") {
				t.Errorf("the file with a bad level: %q", reasons[bad])
			}
			if !strings.Contains(reasons[spoof], "Member 0100") {
				t.Errorf("the file naming someone else: %q", reasons[spoof])
			}
			for _, i := range []int{500, 600} {
				if _, err := ws.Sheet(ctx, memberAssessmentID(i)); model.KindOf(err) != model.NotFound {
					t.Errorf("file %d was refused but its assessment is here (%v)", i, err)
				}
			}
			if p, err := ws.Person(ctx, memberPersonID(100)); err != nil || p.Name != "Member 0100" {
				t.Errorf("member 100 after the import: %+v %v", p, err)
			}
			for _, i := range []int{0, 499, 999} {
				sh, err := ws.Sheet(ctx, memberAssessmentID(i))
				if err != nil {
					t.Fatal(err)
				}
				if len(sh.Ratings) != len(want) {
					t.Errorf("file %d: %d ratings written, want %d", i, len(sh.Ratings), len(want))
				}
				for id, w := range want {
					if g := sh.Ratings[id]; g != w {
						t.Errorf("file %d, %s: written %+v, the file says %+v", i, id, g, w)
					}
				}
			}
		})
	}
}

// keep gives back exactly the ratings decoded; what it cannot hold (an item
// the framework lacks, a level beyond a byte) is not kept at all.
func TestKeepGivesBackTheDecodedFile(t *testing.T) {
	ctx := context.Background()
	ws := openTemp(t)
	fw, err := ws.Framework(ctx, model.FrameworkRef{ID: "ddat", Version: "2025-q3"})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)
	f := &exchange.File{
		Person:     model.Person{ID: memberPersonID(1), Name: "Ada", Discipline: model.Nurse},
		Assessment: model.Assessment{ID: memberAssessmentID(1), PersonID: memberPersonID(1), Kind: model.SelfAssessment, Framework: fw.Ref},
		Ratings: []model.Rating{
			{Item: fw.Items[3].ID, Level: fw.Items[3].Levels[0], Confidence: 5, Interest: true, Evidence: "Ran the audit", RatedAt: at},
			{Item: fw.Items[0].ID, Level: 0, RatedAt: at.Add(1500 * time.Millisecond)},
			{Item: fw.Items[len(fw.Items)-1].ID, Level: fw.Items[len(fw.Items)-1].Levels[0], Confidence: 1, RatedAt: at.AddDate(0, -2, 0)},
		},
		Targets: []model.Target{{Item: fw.Items[0].ID, Level: 2, Source: "manual"}},
	}
	var index itemIndex
	for _, shared := range []bool{false, true} {
		if shared { // every rating at one time: kept as one
			for i := range f.Ratings {
				f.Ratings[i].RatedAt = at
			}
		}
		k, ok := keep(f, fw, &index)
		if !ok {
			t.Fatalf("shared time %v: not kept", shared)
		}
		g := k.file()
		if g.Person != f.Person || g.Assessment != f.Assessment || !sameRatings(g.Ratings, f.Ratings) ||
			len(g.Targets) != 1 || g.Targets[0] != f.Targets[0] {
			t.Errorf("shared time %v: gave back %+v\nwant %+v", shared, g, f)
		}
		if shared && len(k.times) != 1 {
			t.Errorf("ratings of one time keep %d times", len(k.times))
		}
	}
	for name, r := range map[string]model.Rating{
		"unknown item": {Item: "no-such-item", Level: 1, RatedAt: at},
		"level 300":    {Item: fw.Items[0].ID, Level: 300, RatedAt: at},
	} {
		g := *f
		g.Ratings = append([]model.Rating{r}, f.Ratings...)
		if _, ok := keep(&g, fw, &index); ok {
			t.Errorf("%s: kept", name)
		}
	}
}

// The batch import writes in assessment id order (for SQLite), but a file
// naming someone under a person id another file of the batch uses is judged
// in the order the files were given, whichever assessment id sorts first.
func TestImportFilesDecidesPeopleInFileOrder(t *testing.T) {
	dir, _ := memberFiles(t, 3)
	last := memberPath(dir, 2) // the greatest assessment id, given first as another name for member 0
	data, _ := os.ReadFile(last)
	data = bytes.ReplaceAll(data, []byte(memberPersonID(2)), []byte(memberPersonID(0)))
	data = bytes.ReplaceAll(data, []byte("Member 0002"), []byte("Ann First"))
	first := filepath.Join(dir, "a-first.gapwise.json")
	if err := os.WriteFile(first, data, 0o600); err != nil {
		t.Fatal(err)
	}
	os.Remove(last)
	ctx := context.Background()

	ws := openTemp(t)
	res, err := ws.ImportFiles(ctx, []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Imported) != 2 || len(res.Refused) != 1 || res.Refused[0].File != memberPath(dir, 0) ||
		!strings.Contains(res.Refused[0].Err.Error(), "Ann First") {
		t.Fatalf("%s; refused %+v; want member 0's own file refused, as the file given first named Ann First", res.Summary(), res.Refused)
	}
	if res.Imported[0].File != first || res.Imported[1].File != memberPath(dir, 1) {
		t.Errorf("results out of file order: %s, %s", res.Imported[0].File, res.Imported[1].File)
	}
	if p, _ := ws.Person(ctx, memberPersonID(0)); p.Name != "Ann First" {
		t.Errorf("person 0 is %q; want Ann First", p.Name)
	}

	ws = openTemp(t)
	res, err = ws.ImportFiles(ctx, []string{dir}, nil, AssessmentImportOptions{AcceptPersonUpdate: true})
	if err != nil || len(res.Imported) != 3 {
		t.Fatalf("with the update accepted: %s, %v", res.Summary(), err)
	}
	if p, _ := ws.Person(ctx, memberPersonID(0)); p.Name != "Member 0000" {
		t.Errorf("person 0 is %q; want the details of the file given last, Member 0000", p.Name)
	}
}
