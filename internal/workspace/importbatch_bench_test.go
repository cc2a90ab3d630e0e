package workspace

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"gapwise/internal/model"
)

// BenchmarkImportFiles1000 imports 1,000 members' DDaT self-assessment files
// (150 ratings each) into a new database: issue 12's import, a tenth of it.
func BenchmarkImportFiles1000(b *testing.B) {
	ctx := context.Background()
	src := openTemp(b)
	ref := model.FrameworkRef{ID: "ddat", Version: "2025-q3"}
	f, err := src.Framework(ctx, ref)
	if err != nil {
		b.Fatal(err)
	}
	p, err := src.AddPerson(ctx, model.Person{Name: "Template Person", Discipline: model.Nurse})
	if err != nil {
		b.Fatal(err)
	}
	a, err := src.StartAssessment(ctx, p.ID, ref, model.SelfAssessment, "", model.Scope{})
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 150; i++ {
		it := f.Items[i]
		if err := src.Rate(ctx, a.ID, model.Rating{Item: it.ID, Level: it.Levels[i%len(it.Levels)], Confidence: 3, Evidence: "Led the ward's data quality review"}); err != nil {
			b.Fatal(err)
		}
	}
	tmpl, _, err := src.ExportAssessment(ctx, a.ID)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for i := 0; i < 1000; i++ {
		// New person and assessment ids per file, as members' files have.
		data := bytes.ReplaceAll(tmpl, []byte(p.ID), []byte(fmt.Sprintf("00000000-0000-4000-8000-%012d", i)))
		data = bytes.ReplaceAll(data, []byte(a.ID), []byte(fmt.Sprintf("00000000-0000-4000-9000-%012d", i)))
		data = bytes.ReplaceAll(data, []byte("Template Person"), []byte(fmt.Sprintf("Member %04d", i)))
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("m%04d.gapwise.json", i)), data, 0o600); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		b.StopTimer()
		ws := openTemp(b)
		b.StartTimer()
		res, err := ws.ImportFiles(ctx, []string{dir}, nil)
		if err != nil || len(res.Imported) != 1000 {
			b.Fatalf("%s: %v %v", res.Summary(), err, res.Refused)
		}
	}
}
