package store

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"gapwise/internal/model"
)

// levelsOf renders ratings as "A=3 C=0", in the order given.
func levelsOf(rs []model.Rating) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, fmt.Sprintf("%s=%d", r.Item, r.Level))
	}
	return strings.Join(parts, " ")
}

func TestLatestRatings(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if _, err := s.SeedPacks(ctx, []PackData{packOf(t, tinyFramework("2"))}); err != nil {
		t.Fatal(err)
	}
	day := func(d int) time.Time { return time.Date(2026, 3, d, 9, 0, 0, 0, time.UTC) }
	person := func(name string) model.Person {
		p, err := s.CreatePerson(ctx, model.Person{Name: name, Discipline: model.Doctor})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	// assess stores a whole assessment with the given times, as an import does.
	assess := func(p model.Person, ref model.FrameworkRef, kind model.AssessmentKind, id string, created, updated time.Time, rs ...model.Rating) {
		t.Helper()
		a := model.Assessment{ID: id, PersonID: p.ID, Framework: ref, Kind: kind, CreatedAt: created, UpdatedAt: updated}
		if err := s.ReplaceAssessment(ctx, a, rs, nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	r := func(item string, level, conf int) model.Rating {
		return model.Rating{Item: item, Level: level, Confidence: conf, Evidence: "kept in the database", RatedAt: day(1)}
	}
	test2 := model.FrameworkRef{ID: "test", Version: "2"}

	ann := person("Ann") // an older self-assessment, the latest, and an appraiser's
	assess(ann, testRef, model.SelfAssessment, "a-old", day(1), day(2), r("A", 1, 0), r("B", 7, 0))
	assess(ann, testRef, model.SelfAssessment, "a-new", day(3), day(5), r("C", 0, 2), r("A", 3, 5), r("B", 4, 0)) // not in item order
	assess(ann, testRef, model.AppraiserAssessment, "a-appr", day(6), day(7), r("A", 2, 0))
	bob := person("Bob") // latest assessment has no ratings; an older one has
	assess(bob, testRef, model.SelfAssessment, "b-old", day(1), day(1), r("A", 2, 0))
	assess(bob, testRef, model.SelfAssessment, "b-new", day(2), day(2))
	cat := person("Cat") // no assessment at all
	dan := person("Dan") // only against another version
	assess(dan, test2, model.SelfAssessment, "d-v2", day(1), day(9), r("A", 3, 0))
	eve := person("Eve") // the same updated_at: created later wins
	assess(eve, testRef, model.SelfAssessment, "e-1", day(2), day(4), r("A", 1, 0))
	assess(eve, testRef, model.SelfAssessment, "e-2", day(3), day(4), r("A", 2, 0))
	fay := person("Fay") // the same times: the greater id wins
	assess(fay, testRef, model.SelfAssessment, "f-2", day(3), day(4), r("C", 4, 0))
	assess(fay, testRef, model.SelfAssessment, "f-1", day(3), day(4), r("C", 3, 0))

	tests := []struct {
		name   string
		ref    model.FrameworkRef
		kind   model.AssessmentKind
		people []string
		want   map[string]string // person id -> levels
	}{
		{"everyone's latest self-assessment", testRef, model.SelfAssessment, nil, map[string]string{
			ann.ID: "A=3 B=4 C=0", bob.ID: "", eve.ID: "A=2", fay.ID: "C=4",
		}},
		{"appraiser assessments", testRef, model.AppraiserAssessment, nil, map[string]string{ann.ID: "A=2"}},
		{"another version", test2, model.SelfAssessment, nil, map[string]string{dan.ID: "A=3"}},
		{"some people", testRef, model.SelfAssessment, []string{ann.ID, cat.ID, dan.ID, "nobody"}, map[string]string{ann.ID: "A=3 B=4 C=0"}},
		{"no people", testRef, model.SelfAssessment, []string{}, map[string]string{}},
		{"nothing of that kind", testRef, model.AgreedAssessment, nil, map[string]string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.LatestRatings(ctx, tc.ref, tc.kind, tc.people)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(tc.want))) {
				t.Fatalf("people %v, want %v", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(tc.want)))
			}
			for id, rs := range got {
				if levelsOf(rs) != tc.want[id] {
					t.Errorf("%s: got %q, want %q", id, levelsOf(rs), tc.want[id])
				}
				if rs == nil {
					t.Errorf("%s: nil ratings for a person with an assessment", id)
				}
			}
		})
	}

	got, err := s.LatestRatings(ctx, testRef, model.SelfAssessment, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Levels and confidence are read; evidence and times are left out.
	if a := got[ann.ID][0]; a != (model.Rating{Item: "A", Level: 3, Confidence: 5}) {
		t.Errorf("Ann's A: %+v", a)
	}
	// Slices share one array but not room to grow: appending to one
	// person's ratings never overwrites another's.
	for id := range got {
		got[id] = append(got[id], model.Rating{Item: "X"})
	}
	if levelsOf(got[ann.ID]) != "A=3 B=4 C=0 X=0" || levelsOf(got[eve.ID]) != "A=2 X=0" || levelsOf(got[fay.ID]) != "C=4 X=0" {
		t.Errorf("appends spilled: %v", got)
	}

	_, err = s.LatestRatings(ctx, model.FrameworkRef{ID: "test", Version: "9"}, model.SelfAssessment, nil)
	wantKind(t, err, model.NotFound)
	_, err = s.LatestRatings(ctx, testRef, "peer", nil)
	wantKind(t, err, model.Invalid)
}

// TestLatestRatingsManyRows fills more than one chunk of ratings, with a
// person who does not fit at the end of one, and checks every rating lands
// with its person, in item order.
func TestLatestRatingsManyRows(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 80,000 ratings")
	}
	ctx := context.Background()
	s := newStore(t)
	var extra []string
	for i := range 77 {
		extra = append(extra, fmt.Sprintf("X%02d", i))
	}
	ref := model.FrameworkRef{ID: "test", Version: "big"}
	f := tinyFramework("big", extra...) // 80 items
	if _, err := s.SeedPacks(ctx, []PackData{packOf(t, f)}); err != nil {
		t.Fatal(err)
	}
	levelFor := func(p, i int) int {
		it := &f.Items[i]
		if (p+i)%7 == 0 {
			return 0
		}
		return it.Levels[(p*3+i)%len(it.Levels)]
	}
	const people = 1000
	batch := make([]BulkPerson, people)
	for p := range batch {
		var rs []model.Rating
		for i := len(f.Items) - 1; i >= 0; i-- { // backwards: the read restores item order
			if (p*i)%13 == 5 {
				continue // not rated
			}
			rs = append(rs, model.Rating{Item: f.Items[i].ID, Level: levelFor(p, i)})
		}
		batch[p] = BulkPerson{
			Person:      model.Person{ID: fmt.Sprintf("person-%04d", p), Name: fmt.Sprintf("Person %d", p), Discipline: model.Nurse},
			Assessments: []BulkAssessment{{Assessment: model.Assessment{ID: fmt.Sprintf("a-%04d", p), Framework: ref, Kind: model.SelfAssessment}, Ratings: rs}},
		}
	}
	if err := s.BulkLoad(ctx, batch); err != nil {
		t.Fatal(err)
	}
	got, err := s.LatestRatings(ctx, ref, model.SelfAssessment, nil)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for p := range people {
		rs := got[fmt.Sprintf("person-%04d", p)]
		total += len(rs)
		var want []model.Rating
		for i := range f.Items {
			if (p*i)%13 != 5 {
				want = append(want, model.Rating{Item: f.Items[i].ID, Level: levelFor(p, i)})
			}
		}
		if !slices.Equal(rs, want) {
			t.Fatalf("person %d: got %s\nwant %s", p, levelsOf(rs), levelsOf(want))
		}
	}
	if total <= ratingChunk {
		t.Fatalf("only %d ratings: the chunk boundary (%d) was not crossed", total, ratingChunk)
	}
}

func TestBulkLoad(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	rated := time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC)
	updated := time.Date(2026, 2, 3, 10, 0, 0, 0, time.UTC)
	ok := []BulkPerson{{
		Person: model.Person{ID: "p1", Name: "Ann", Discipline: model.Midwife, InformaticsWTE: 0.2},
		Assessments: []BulkAssessment{
			{Assessment: model.Assessment{ID: "a1", Framework: testRef, Kind: model.SelfAssessment, UpdatedAt: updated},
				Ratings: []model.Rating{{Item: "A", Level: 2, Confidence: 4, Evidence: "audit", RatedAt: rated}, {Item: "B", Level: 0}}},
			{Assessment: model.Assessment{Framework: testRef, Kind: model.AppraiserAssessment}}, // id given by BulkLoad
		},
	}, {
		Person: model.Person{Name: "Bob", Discipline: model.NonClinical}, // id given by BulkLoad
	}}
	// With one connection in the pool, BulkLoad's is the one used next:
	// it must come back with its usual cache and temporary store.
	s.db.SetMaxOpenConns(1)
	var cache, temp int
	settings := "SELECT cache_size, temp_store FROM pragma_cache_size, pragma_temp_store"
	if err := s.db.QueryRowContext(ctx, settings).Scan(&cache, &temp); err != nil {
		t.Fatal(err)
	}
	if err := s.BulkLoad(ctx, ok); err != nil {
		t.Fatal(err)
	}
	var cacheAfter, tempAfter int
	if err := s.db.QueryRowContext(ctx, settings).Scan(&cacheAfter, &tempAfter); err != nil || cacheAfter != cache || tempAfter != temp {
		t.Errorf("after BulkLoad: cache_size %d temp_store %d (%v), want %d and %d", cacheAfter, tempAfter, err, cache, temp)
	}
	s.db.SetMaxOpenConns(maxConns)
	if ok[1].Person.ID == "" || ok[0].Assessments[1].Assessment.ID == "" {
		t.Error("the ids BulkLoad gave are not written back")
	}
	people, err := s.People(ctx)
	if err != nil || len(people) != 2 {
		t.Fatalf("people %v, %v", people, err)
	}
	as, err := s.Assessments(ctx, "p1")
	if err != nil || len(as) != 2 {
		t.Fatalf("assessments %v, %v", as, err)
	}
	rs, err := s.Ratings(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	want := []model.Rating{{Item: "A", Level: 2, Confidence: 4, Evidence: "audit", RatedAt: rated}, {Item: "B", Level: 0, RatedAt: updated}}
	if !slices.Equal(rs, want) {
		t.Errorf("ratings %+v, want %+v (a rating without a time takes the assessment's)", rs, want)
	}

	// Each refusal names its cause and writes nothing of the batch.
	person := func(id string, rs ...model.Rating) BulkPerson {
		return BulkPerson{Person: model.Person{ID: id, Name: "Someone " + id, Discipline: model.Nurse},
			Assessments: []BulkAssessment{{Assessment: model.Assessment{ID: "as-" + id, Framework: testRef, Kind: model.SelfAssessment}, Ratings: rs}}}
	}
	bad := []struct {
		name  string
		batch []BulkPerson
		kind  model.ErrorKind
		msg   string
	}{
		{"person twice", []BulkPerson{person("n1"), person("p1")}, model.Conflict, "person with id p1 already exists"},
		{"level the item does not define", []BulkPerson{person("n1", model.Rating{Item: "B", Level: 2})}, model.Invalid, "level 2 is not valid for item \"B\""},
		{"unknown item", []BulkPerson{person("n1", model.Rating{Item: "Z", Level: 1})}, model.Invalid, "Z"},
		{"item rated twice", []BulkPerson{person("n1", model.Rating{Item: "A", Level: 1}, model.Rating{Item: "A", Level: 2})}, model.Invalid, "rated twice"},
		{"bad name", []BulkPerson{{Person: model.Person{Name: " ", Discipline: model.Nurse}}}, model.Invalid, "needs a name"},
		{"bad kind", []BulkPerson{{Person: model.Person{Name: "X", Discipline: model.Nurse},
			Assessments: []BulkAssessment{{Assessment: model.Assessment{Framework: testRef, Kind: "peer"}}}}}, model.Invalid, "peer"},
		{"assessment of someone else", []BulkPerson{{Person: model.Person{ID: "n2", Name: "X", Discipline: model.Nurse},
			Assessments: []BulkAssessment{{Assessment: model.Assessment{PersonID: "p1", Framework: testRef, Kind: model.SelfAssessment}}}}}, model.Invalid, "belongs to p1"},
		{"unknown framework", []BulkPerson{{Person: model.Person{ID: "n3", Name: "X", Discipline: model.Nurse},
			Assessments: []BulkAssessment{{Assessment: model.Assessment{Framework: model.FrameworkRef{ID: "nope", Version: "1"}, Kind: model.SelfAssessment}}}}}, model.Invalid, "nope@1"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			err := s.BulkLoad(ctx, tc.batch)
			wantKind(t, err, tc.kind)
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not say %q", err, tc.msg)
			}
			if people, _ := s.People(ctx); len(people) != 2 {
				t.Errorf("%d people after a refused batch, want 2", len(people))
			}
		})
	}
}

// TestBulkLoadRefusesALateRating puts a bad rating after a full statement's
// worth of good ones: the first statement is accepted, the second refused,
// and the whole batch is undone with the bad rating named.
func TestBulkLoadRefusesALateRating(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	var extra []string
	for i := range 2 * bulkRows {
		extra = append(extra, fmt.Sprintf("X%03d", i))
	}
	ref := model.FrameworkRef{ID: "test", Version: "wide"}
	f := tinyFramework("wide", extra...)
	if _, err := s.SeedPacks(ctx, []PackData{packOf(t, f)}); err != nil {
		t.Fatal(err)
	}
	var rs []model.Rating
	for _, it := range f.Items {
		rs = append(rs, model.Rating{Item: it.ID, Level: it.Levels[0]})
	}
	rs[bulkRows+5].Level = 9
	good := BulkPerson{Person: model.Person{ID: "good", Name: "Good", Discipline: model.Nurse},
		Assessments: []BulkAssessment{{Assessment: model.Assessment{Framework: ref, Kind: model.SelfAssessment}, Ratings: rs[:bulkRows+5]}}}
	bad := BulkPerson{Person: model.Person{ID: "bad", Name: "Bad", Discipline: model.Nurse},
		Assessments: []BulkAssessment{{Assessment: model.Assessment{Framework: ref, Kind: model.SelfAssessment}, Ratings: rs}}}
	err := s.BulkLoad(ctx, []BulkPerson{good, bad})
	wantKind(t, err, model.Invalid)
	if want := fmt.Sprintf("level 9 is not valid for item %q", rs[bulkRows+5].Item); !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not say %q", err, want)
	}
	if people, _ := s.People(ctx); len(people) != 0 {
		t.Errorf("%d people after a refused batch", len(people))
	}
	// The same batch without the bad rating goes in whole.
	rs[bulkRows+5].Level = rs[bulkRows+4].Level
	if err := s.BulkLoad(ctx, []BulkPerson{good, bad}); err != nil {
		t.Fatal(err)
	}
	got, err := s.LatestRatings(ctx, ref, model.SelfAssessment, nil)
	if err != nil || len(got["good"]) != bulkRows+5 || len(got["bad"]) != len(f.Items) {
		t.Errorf("got %d and %d ratings, %v", len(got["good"]), len(got["bad"]), err)
	}
}

func BenchmarkLatestRatings(b *testing.B) {
	ctx := context.Background()
	s := newStore(b)
	var extra []string
	for i := range 147 {
		extra = append(extra, fmt.Sprintf("X%03d", i))
	}
	ref := model.FrameworkRef{ID: "test", Version: "bench"}
	f := tinyFramework("bench", extra...) // 150 items
	if _, err := s.SeedPacks(ctx, []PackData{packOf(b, f)}); err != nil {
		b.Fatal(err)
	}
	const people = 1000
	batch := make([]BulkPerson, people)
	for p := range batch {
		rs := make([]model.Rating, 0, len(f.Items))
		for i, it := range f.Items {
			rs = append(rs, model.Rating{Item: it.ID, Level: it.Levels[(p+i)%len(it.Levels)]})
		}
		batch[p] = BulkPerson{
			Person:      model.Person{Name: fmt.Sprintf("Person %d", p), Discipline: model.Nurse},
			Assessments: []BulkAssessment{{Assessment: model.Assessment{Framework: ref, Kind: model.SelfAssessment}, Ratings: rs}},
		}
	}
	if err := s.BulkLoad(ctx, batch); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		got, err := s.LatestRatings(ctx, ref, model.SelfAssessment, nil)
		if err != nil || len(got) != people {
			b.Fatalf("%d people, %v", len(got), err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(people*len(f.Items)), "ns/rating")
}
