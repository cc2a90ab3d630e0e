// Command teambench measures team gap analysis at organisation scale
// (issue 5): a synthetic organisation of 10,000 people with one
// self-assessment each over 150 items, 1.5 million ratings.
//
//	teambench generate --db PATH [--people 10000] [--items 150] [--framework ddat@2025-q3] ...
//	teambench measure  --db PATH [--framework ddat@2025-q3] [--target 3] [--out FILE]
//	teambench export   --db PATH --dir DIR [--count 1000]
//
// generate builds a new database through the store's bulk path
// (store.BulkLoad), deterministically from --seed: people with a mix of
// disciplines and informatics WTE, one self-assessment each over the
// framework's first --items items, and, to make "latest" mean something,
// older partial self-assessments (--history) and newer appraiser
// assessments (--appraiser) that the team figures must leave out.
//
// measure does what a team view of the whole organisation needs: open the
// database (store.Open, with its checks), read everyone's latest
// self-assessment (store.LatestRatings), and compute the team measures
// against a team target on every item (gap.TeamMeasures) and the team's
// composition. It prints each step's time and the peak resident memory
// (VmHWM); with --out it also writes the per-item figures in the form
// scripts/bench-team.sh compares with the sqlite3 shell's.
//
// export writes some people's latest self-assessments as .gapwise.json files
// (workspace.ExportAssessment), for timing imports.
//
// Set TEAMBENCH_CPUPROFILE=FILE to write a CPU profile of any subcommand.
// It is a development tool, not part of the app, and writes only the files
// it is told to.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"gapwise/frameworks"
	"gapwise/internal/gap"
	"gapwise/internal/model"
	"gapwise/internal/store"
	"gapwise/internal/workspace"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	ctx := context.Background()
	if path := os.Getenv("TEAMBENCH_CPUPROFILE"); path != "" {
		stop, err := cpuProfile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "teambench:", err)
			os.Exit(1)
		}
		defer stop()
	}
	var err error
	switch cmd, args := os.Args[1], os.Args[2:]; cmd {
	case "generate":
		err = generate(ctx, args)
	case "measure":
		err = measure(ctx, args)
	case "export":
		err = export(ctx, args)
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "teambench:", err)
		os.Exit(1)
	}
}

// cpuProfile writes a CPU profile to path until stop is called; set
// TEAMBENCH_CPUPROFILE=FILE to find where the time goes.
func cpuProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

func usage() {
	fmt.Fprintln(os.Stderr, `usage:
  teambench generate --db PATH [--people 10000] [--items 150] [--framework ddat@2025-q3] [--seed 1]
                     [--history 0.1] [--appraiser 0.05] [--skip 0] [--unassessed 0] [--batch 1000] [-v]
  teambench measure  --db PATH [--framework ddat@2025-q3] [--target 3] [--out FILE]
  teambench export   --db PATH --dir DIR [--count 1000]`)
	os.Exit(2)
}

func parse(fl *flag.FlagSet, args []string) {
	if err := fl.Parse(args); err != nil || fl.NArg() > 0 {
		fl.Usage()
		os.Exit(2)
	}
}

func embeddedPack(ref model.FrameworkRef) (*model.Framework, []store.PackData, error) {
	packs, err := frameworks.Embedded()
	if err != nil {
		return nil, nil, err
	}
	var f *model.Framework
	data := make([]store.PackData, len(packs))
	for i, p := range packs {
		data[i] = store.PackData{Framework: p.Framework, Raw: p.Raw, SHA256: p.SHA256}
		if p.Framework.Ref == ref {
			f = p.Framework
		}
	}
	if f == nil {
		return nil, nil, fmt.Errorf("no embedded framework %s", ref)
	}
	return f, data, nil
}

// disciplines is a plausible mix for a trust's informatics-minded staff.
var disciplines = []struct {
	d      model.Discipline
	weight int
}{
	{model.Nurse, 34}, {model.Doctor, 20}, {model.NonClinical, 16}, {model.AHP, 11}, {model.Pharmacist, 5},
	{model.Midwife, 4}, {model.HealthcareScientist, 4}, {model.SocialWorker, 2}, {model.OtherClinical, 3}, {model.Dentist, 1},
}

func pickDiscipline(rng *rand.Rand) model.Discipline {
	n := rng.IntN(100)
	for _, d := range disciplines {
		if n < d.weight {
			return d.d
		}
		n -= d.weight
	}
	return model.OtherClinical
}

// uuid draws a version 4 UUID from the generator, so runs are repeatable.
func uuid(rng *rand.Rand) string {
	var b [16]byte
	for i := 0; i < 16; i += 8 {
		v := rng.Uint64()
		for j := range 8 {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// ratingsFor rates items for one person: a personal base level with noise,
// some "none yet", and (share skip) items left unrated.
func ratingsFor(rng *rand.Rand, items []model.Item, base float64, skip float64, at time.Time) []model.Rating {
	out := make([]model.Rating, 0, len(items))
	for i := range items {
		it := &items[i]
		if skip > 0 && rng.Float64() < skip {
			continue
		}
		level := model.NoneLevel
		if rng.IntN(100) >= 6 && len(it.Levels) > 0 { // 6% "none yet"
			k := int(base*float64(len(it.Levels)) + rng.NormFloat64()*0.9)
			level = it.Levels[min(max(k, 0), len(it.Levels)-1)]
		}
		out = append(out, model.Rating{Item: it.ID, Level: level, Confidence: rng.IntN(6), RatedAt: at})
	}
	return out
}

func generate(ctx context.Context, args []string) error {
	fl := flag.NewFlagSet("generate", flag.ExitOnError)
	dbPath := fl.String("db", "", "new database to create")
	people := fl.Int("people", 10_000, "people in the organisation")
	nItems := fl.Int("items", 150, "items each person rates (the framework's first N)")
	fw := fl.String("framework", "ddat@2025-q3", "framework version rated")
	seed := fl.Uint64("seed", 1, "seed of the generator")
	batch := fl.Int("batch", 1000, "people per transaction")
	history := fl.Float64("history", 0.10, "share of people who also have an older, partial self-assessment")
	appraiser := fl.Float64("appraiser", 0.05, "share of people who also have a newer appraiser assessment")
	skip := fl.Float64("skip", 0, "share of items each person leaves unrated")
	unassessed := fl.Float64("unassessed", 0, "share of people with no self-assessment at all")
	verbose := fl.Bool("v", false, "report each batch's time")
	parse(fl, args)
	if *dbPath == "" {
		return errors.New("generate needs --db PATH")
	}
	if _, err := os.Stat(*dbPath); !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s already exists: generate makes a new database", *dbPath)
	}
	ref, err := model.ParseFrameworkRef(*fw)
	if err != nil {
		return err
	}
	f, packs, err := embeddedPack(ref)
	if err != nil {
		return err
	}
	items := f.Items[:min(*nItems, len(f.Items))]

	start := time.Now()
	s, err := store.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := s.SeedPacks(ctx, packs); err != nil {
		return err
	}

	rng := rand.New(rand.NewPCG(*seed, 0x7465616d62656e63))
	epoch := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	ratings, assessments := 0, 0
	var pending []store.BulkPerson
	flush := func() error {
		t := time.Now()
		if err := s.BulkLoad(ctx, pending); err != nil {
			return err
		}
		if *verbose {
			fmt.Fprintf(os.Stderr, "  %d people in %.2f s\n", len(pending), time.Since(t).Seconds())
		}
		pending = pending[:0]
		return nil
	}
	for n := range *people {
		p := model.Person{
			ID: uuid(rng), Name: fmt.Sprintf("Synthetic Person %05d", n+1), Discipline: pickDiscipline(rng),
			Organisation: "Synthetic Trust", InformaticsWTE: float64(rng.IntN(11)) / 10,
			CreatedAt: epoch,
		}
		created := epoch.Add(time.Duration(60+rng.IntN(480)) * day)
		updated := created.Add(time.Duration(rng.IntN(30*24*60)) * time.Minute)
		base := rng.Float64()
		bp := store.BulkPerson{Person: p}
		self := model.Assessment{ID: uuid(rng), Framework: ref, Kind: model.SelfAssessment, Assessor: p.Name, CreatedAt: created, UpdatedAt: updated}
		if *unassessed == 0 || rng.Float64() >= *unassessed {
			bp.Assessments = append(bp.Assessments, store.BulkAssessment{Assessment: self, Ratings: ratingsFor(rng, items, base, *skip, updated)})
		}
		if rng.Float64() < *history {
			// An earlier self-assessment: superseded, so never counted.
			old := created.Add(-time.Duration(90+rng.IntN(200)) * day)
			a := model.Assessment{ID: uuid(rng), Framework: ref, Kind: model.SelfAssessment, Assessor: p.Name, CreatedAt: old, UpdatedAt: old.Add(day)}
			bp.Assessments = append(bp.Assessments, store.BulkAssessment{Assessment: a, Ratings: ratingsFor(rng, items, base*0.7, 0.5, old)})
		}
		if rng.Float64() < *appraiser {
			// A later appraiser's view: another kind, so never counted.
			at := updated.Add(time.Duration(1+rng.IntN(20)) * day)
			a := model.Assessment{ID: uuid(rng), Framework: ref, Kind: model.AppraiserAssessment, Assessor: "Appraiser", CreatedAt: at, UpdatedAt: at}
			bp.Assessments = append(bp.Assessments, store.BulkAssessment{Assessment: a, Ratings: ratingsFor(rng, items, base, 0, at)})
		}
		for _, a := range bp.Assessments {
			ratings += len(a.Ratings)
		}
		assessments += len(bp.Assessments)
		pending = append(pending, bp)
		if len(pending) == *batch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if len(pending) > 0 {
		if err := flush(); err != nil {
			return err
		}
	}
	if err := s.Close(); err != nil {
		return err
	}
	elapsed := time.Since(start)
	fi, err := os.Stat(*dbPath)
	if err != nil {
		return err
	}
	fmt.Printf("generated %s: %d people, %d assessments, %d ratings (%s, first %d items) in %.1f s (%.0f ratings/s); %.0f MB; peak RSS %s\n",
		*dbPath, *people, assessments, ratings, ref, len(items), elapsed.Seconds(), float64(ratings)/elapsed.Seconds(),
		float64(fi.Size())/1e6, peakRSS())
	return nil
}

func measure(ctx context.Context, args []string) error {
	start := time.Now()
	fl := flag.NewFlagSet("measure", flag.ExitOnError)
	dbPath := fl.String("db", "", "database made by generate")
	fw := fl.String("framework", "ddat@2025-q3", "framework version")
	targetLevel := fl.Int("target", 3, "team target on every item (normalised per item)")
	outPath := fl.String("out", "", "write the per-item figures here")
	parse(fl, args)
	if *dbPath == "" {
		return errors.New("measure needs --db PATH")
	}
	ref, err := model.ParseFrameworkRef(*fw)
	if err != nil {
		return err
	}
	var steps []string
	lap := func(name string, t0 time.Time) {
		steps = append(steps, fmt.Sprintf("%s %.3f s", name, time.Since(t0).Seconds()))
	}

	t := time.Now()
	s, err := store.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer s.Close()
	lap("open", t)

	t = time.Now()
	raw, err := s.FrameworkRaw(ctx, ref)
	if err != nil {
		return err
	}
	f, err := frameworks.Parse(raw)
	if err != nil {
		return err
	}
	lap("framework", t)

	t = time.Now()
	people, err := s.People(ctx)
	if err != nil {
		return err
	}
	lap("people", t)

	t = time.Now()
	latest, err := s.LatestRatings(ctx, ref, model.SelfAssessment, nil)
	if err != nil {
		return err
	}
	lap("latest ratings", t)

	t = time.Now()
	members := make([]gap.MemberRatings, len(people))
	rated := 0
	for i, p := range people {
		members[i] = gap.MemberRatings{PersonID: p.ID, Ratings: latest[p.ID]}
		rated += len(latest[p.ID])
	}
	targets := make([]model.Target, len(f.Items))
	for i, it := range f.Items {
		targets[i] = model.Target{Item: it.ID, Level: *targetLevel, Source: gap.ManualSource}
	}
	rep := gap.MeasureTeam(f, nil, members, targets)
	comp := gap.TeamComposition(people)
	lap("measures", t)

	if *outPath != "" {
		if err := writeFigures(*outPath, rep); err != nil {
			return err
		}
	}
	total := time.Since(start)
	fmt.Printf("measured %s: %d members, %d with a self-assessment, %d ratings, %d items, %d common gaps; %d disciplines, %.1f WTE (%.1f times Wachter's %g)\n",
		*dbPath, rep.Members, len(latest), rated, len(rep.Items), len(rep.CommonGaps),
		comp.Disciplines, comp.TotalWTE, comp.ShareOfBenchmark, comp.WachterBenchmark)
	fmt.Printf("steps: %s\n", strings.Join(steps, "; "))
	fmt.Printf("total %.3f s in process; peak RSS (VmHWM) %s\n", total.Seconds(), peakRSS())
	return nil
}

// writeFigures writes one line per item, then one per common gap, in the
// sqlite3 shell's list format: NULL is an empty field.
func writeFigures(path string, rep gap.TeamMeasures) error {
	file, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(file)
	num := func(p *int) string {
		if p == nil {
			return ""
		}
		return fmt.Sprint(*p)
	}
	b := func(v bool) int {
		if v {
			return 1
		}
		return 0
	}
	for _, m := range rep.Items {
		fmt.Fprintf(w, "item|%s|%d|%d|%s|%d|%d|%s|%s|%d|%d|%.4f\n", m.Item.ID, m.Members, m.Rated, num(m.Target),
			m.Meeting, m.Below, num(m.Median), num(m.Max), b(m.Covered), b(m.Fragile), m.BelowShare)
	}
	for i, m := range rep.CommonGaps {
		fmt.Fprintf(w, "gap|%d|%s|%d|%d\n", i+1, m.Item.ID, m.Below, m.Rated)
	}
	return errors.Join(w.Flush(), file.Close())
}

// peakRSS is the process's peak resident set size, from /proc/self/status.
func peakRSS() string {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for line := range strings.Lines(string(data)) {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int
			fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(v), " kB"), &kb)
			return fmt.Sprintf("%.1f MB", float64(kb)/1024)
		}
	}
	return "unknown"
}

func export(ctx context.Context, args []string) error {
	fl := flag.NewFlagSet("export", flag.ExitOnError)
	dbPath := fl.String("db", "", "database made by generate")
	dir := fl.String("dir", "", "folder to write .gapwise.json files into")
	count := fl.Int("count", 1000, "how many people's latest self-assessments to export")
	parse(fl, args)
	if *dbPath == "" || *dir == "" {
		return errors.New("export needs --db PATH and --dir DIR")
	}
	start := time.Now()
	ws, err := workspace.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer ws.Close()
	people, err := ws.People(ctx)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*dir, 0o700); err != nil {
		return err
	}
	// Spread over the organisation: every step-th person, then the ones in
	// between, until count files are written.
	step := max(1, len(people) / *count)
	var order []int
	for offset := range step {
		for i := offset; i < len(people); i += step {
			order = append(order, i)
		}
	}
	written := 0
	for _, i := range order {
		if written == *count {
			break
		}
		as, err := ws.Assessments(ctx, people[i].ID)
		if err != nil {
			return err
		}
		as = slices.DeleteFunc(as, func(a model.Assessment) bool { return a.Kind != model.SelfAssessment })
		if len(as) == 0 {
			continue
		}
		latest := slices.MaxFunc(as, func(a, b model.Assessment) int { return a.UpdatedAt.Compare(b.UpdatedAt) })
		data, name, err := ws.ExportAssessment(ctx, latest.ID)
		if err != nil {
			return err
		}
		if err := workspace.SaveNewFile(filepath.Join(*dir, name), func(w io.Writer) error {
			_, err := w.Write(data)
			return err
		}); err != nil {
			return err
		}
		written++
	}
	fmt.Printf("exported %d assessment files to %s in %.1f s\n", written, *dir, time.Since(start).Seconds())
	return nil
}
