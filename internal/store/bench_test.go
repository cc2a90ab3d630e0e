package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"gapwise/internal/model"
)

// syntheticPacks builds packs shaped like the real ones in total: 4 packs,
// 500 items with 7 level descriptors each, 2,000 role requirements and
// about 2 MB of pack JSON.
func syntheticPacks(b *testing.B) []PackData {
	b.Helper()
	text := strings.Repeat("Plans, runs and evaluates informatics work safely. ", 10) // ~500 bytes
	var packs []PackData
	for p := range 4 {
		f := &model.Framework{
			Ref:         model.FrameworkRef{ID: fmt.Sprintf("synth%d", p), Version: "1"},
			Name:        fmt.Sprintf("Synthetic framework %d", p),
			Licence:     "OGL-3.0",
			Attribution: text,
			Scale:       model.Scale{Levels: []model.Level{{Value: 1, Name: "Follow"}, {Value: 7, Name: "Set strategy"}}},
		}
		for c := range 5 {
			cat := fmt.Sprintf("c%d", c)
			f.Groups = append(f.Groups, model.Group{ID: cat, Title: "Category " + cat, Kind: "category", Description: text})
			for sc := range 5 {
				f.Groups = append(f.Groups, model.Group{ID: fmt.Sprintf("%s.%d", cat, sc), Title: "Sub", Kind: "subcategory", Parent: cat})
			}
		}
		for i := range 125 {
			it := model.Item{ID: fmt.Sprintf("I%03d", i), Title: fmt.Sprintf("Skill %d", i), Group: fmt.Sprintf("c%d.%d", i%5, i/5%5),
				Description: text, Levels: []int{1, 2, 3, 4, 5, 6, 7}}
			for l := 1; l <= 7; l++ {
				it.Descriptors = append(it.Descriptors, model.Descriptor{Level: l, Text: text})
			}
			f.Items = append(f.Items, it)
		}
		for r := range 10 {
			role := model.Role{ID: fmt.Sprintf("r%d", r), Family: "family", Title: fmt.Sprintf("Role %d", r)}
			for l := range 5 {
				rl := model.RoleLevel{ID: fmt.Sprintf("family/r%d/l%d", r, l), Title: "Level", Rank: l}
				for q := range 10 {
					rl.Requirements = append(rl.Requirements, model.Requirement{Item: fmt.Sprintf("I%03d", (r*13+l*7+q*11)%125), Level: l + 1})
				}
				role.Levels = append(role.Levels, rl)
			}
			f.Roles = append(f.Roles, role)
		}
		packs = append(packs, packOf(b, f))
	}
	return packs
}

func packSize(packs []PackData) (bytes, items, reqs int) {
	for _, p := range packs {
		bytes += len(p.Raw)
		c := p.Framework.Counts()
		items += c.Items
		reqs += c.Requirements
	}
	return
}

// BenchmarkOpenAndSeed is a first start: create the database, migrate, and
// seed every pack.
func BenchmarkOpenAndSeed(b *testing.B) {
	ctx := context.Background()
	packs := syntheticPacks(b)
	size, items, reqs := packSize(packs)
	b.Logf("%d packs, %d items, %d requirements, %.1f MB JSON", len(packs), items, reqs, float64(size)/1e6)
	b.SetBytes(int64(size))
	dir := b.TempDir()
	n := 0
	for b.Loop() {
		n++
		s, err := Open(ctx, filepath.Join(dir, fmt.Sprintf("%d.db", n)))
		if err != nil {
			b.Fatal(err)
		}
		added, err := s.SeedPacks(ctx, packs)
		if err != nil || len(added) != len(packs) {
			b.Fatal(added, err)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReopen is every later start: inspect the existing file
// read-only, open it, find the packs already seeded, close.
func BenchmarkReopen(b *testing.B) {
	ctx := context.Background()
	packs := syntheticPacks(b)
	path := filepath.Join(b.TempDir(), "gapwise.db")
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.SeedPacks(ctx, packs); err != nil {
		b.Fatal(err)
	}
	s.Close()
	for b.Loop() {
		s, err := Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		if added, err := s.SeedPacks(ctx, packs); err != nil || added != nil {
			b.Fatal(added, err)
		}
		s.Close()
	}
}

// BenchmarkSetRating is the latency of one durable rating (fsync included).
func BenchmarkSetRating(b *testing.B) {
	ctx := context.Background()
	s := newStore(b)
	_, a := newAssessment(b, s)
	i := 0
	for b.Loop() {
		i++
		if err := s.SetRating(ctx, a.ID, model.Rating{Item: "A", Level: i%3 + 1}); err != nil {
			b.Fatal(err)
		}
	}
}
