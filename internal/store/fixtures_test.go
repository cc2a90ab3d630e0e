package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"gapwise/internal/model"
)

// tinyFramework is a hand-built pack: two groups, items A-C (plus extra
// items), one role ladder and one role with no ladder.
func tinyFramework(version string, extra ...string) *model.Framework {
	f := &model.Framework{
		Ref:         model.FrameworkRef{ID: "test", Version: version},
		Name:        "Test framework " + version,
		Licence:     "CC-BY-4.0",
		Attribution: "Test data",
		Scale:       model.Scale{Levels: []model.Level{{Value: 1, Name: "One"}, {Value: 7, Name: "Seven"}}},
		Groups: []model.Group{
			{ID: "g1.1", Title: "Sub", Kind: "subcategory", Parent: "g1"}, // child before parent, on purpose
			{ID: "g1", Title: "Top", Kind: "category"},
		},
		Items: []model.Item{
			{ID: "A", Title: "Alpha", Group: "g1.1", Levels: []int{1, 2, 3}},
			{ID: "B", Title: "Beta", Group: "g1", Levels: []int{4, 5, 6, 7}},
			{ID: "C", Title: "Gamma", Group: "g1", Levels: []int{1, 2, 3, 4}},
		},
		Roles: []model.Role{
			{ID: "analyst", Family: "data", Title: "Analyst", Levels: []model.RoleLevel{
				{ID: "data/analyst/junior", Title: "Junior analyst", Rank: 1, Requirements: []model.Requirement{{Item: "A", Level: 2}}},
				{ID: "data/analyst/senior", Title: "Senior analyst", Rank: 2, Requirements: []model.Requirement{{Item: "A", Level: 3}, {Item: "B", Level: 5}}},
			}},
			{ID: "lead", Title: "Lead", Requirements: []model.Requirement{{Item: "C", Level: 0}}},
		},
	}
	for _, id := range extra {
		f.Items = append(f.Items, model.Item{ID: id, Title: "Item " + id, Group: "g1", Levels: []int{1, 2, 3}})
	}
	return f
}

func packOf(t testing.TB, f *model.Framework) PackData {
	t.Helper()
	raw, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	return PackData{Framework: f, Raw: raw}
}

func openAt(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// newStore opens a fresh database seeded with test@1.
func newStore(t testing.TB) *Store {
	t.Helper()
	s := openAt(t, filepath.Join(t.TempDir(), "gapwise.db"))
	if _, err := s.SeedPacks(context.Background(), []PackData{packOf(t, tinyFramework("1"))}); err != nil {
		t.Fatal(err)
	}
	return s
}

var testRef = model.FrameworkRef{ID: "test", Version: "1"}

// newAssessment adds a person and a self-assessment against test@1.
func newAssessment(t testing.TB, s *Store) (model.Person, model.Assessment) {
	t.Helper()
	ctx := context.Background()
	p, err := s.CreatePerson(ctx, model.Person{Name: "Ada Example", Discipline: model.Nurse, InformaticsWTE: 0.4})
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.CreateAssessment(ctx, model.Assessment{PersonID: p.ID, Framework: testRef, Kind: model.SelfAssessment, Assessor: p.Name})
	if err != nil {
		t.Fatal(err)
	}
	return p, a
}

func wantKind(t testing.TB, err error, want model.ErrorKind) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want kind %v", want)
	}
	if got := model.KindOf(err); got != want {
		t.Fatalf("got kind %v (%v), want %v", got, err, want)
	}
}

// fileState is what a user would notice about a file: its bytes and mtime.
type fileState struct {
	data  []byte
	mtime time.Time
	mode  os.FileMode
}

func stateOf(t testing.TB, path string) fileState {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return fileState{data: data, mtime: fi.ModTime(), mode: fi.Mode()}
}

func (a fileState) same(b fileState) error {
	switch {
	case !bytes.Equal(a.data, b.data):
		return errors.New("contents changed")
	case !a.mtime.Equal(b.mtime):
		return fmt.Errorf("mtime changed from %v to %v", a.mtime, b.mtime)
	case a.mode != b.mode:
		return fmt.Errorf("mode changed from %v to %v", a.mode, b.mode)
	}
	return nil
}
