package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
)

// BenchmarkPersonalCommands runs the commands a person runs on their own
// database (issue 12: gaps, pathways and assess show within 5x the sqlite3
// shell's `select 1`, whole process), in-process on the sample data's DDaT
// self-assessment: everything but starting the process and initialising
// packages. Each run opens the database, as the command does.
func BenchmarkPersonalCommands(b *testing.B) {
	b.Setenv("GAPWISE_DB", "")
	b.Setenv("XDG_CACHE_HOME", b.TempDir()) // clean-check records
	db := filepath.Join(b.TempDir(), "gapwise.db")
	var out, errb bytes.Buffer
	if code := Run(context.Background(), []string{"--db", db, "demo", "--json"}, &out, &errb); code != ExitOK {
		b.Fatalf("demo: %s", errb.String())
	}
	var demo demoJSON
	if err := json.Unmarshal(out.Bytes(), &demo); err != nil {
		b.Fatal(err)
	}
	a := demo.Assessments[0].ID // the latest DDaT self-assessment
	for _, c := range []struct {
		name string
		args []string
	}{
		{"gaps", []string{"gaps", "--assessment", a}},
		{"pathways", []string{"pathways", "--assessment", a}},
		{"assess-show", []string{"assess", "show", a}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				out.Reset()
				if code := Run(context.Background(), append([]string{"--db", db}, c.args...), &out, &errb); code != ExitOK {
					b.Fatalf("%v: %s", c.args, errb.String())
				}
			}
		})
	}
}
