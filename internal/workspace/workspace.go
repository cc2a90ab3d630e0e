// Package workspace holds the application's verbs (open a database, browse a
// framework, rate, compute gaps...) so that the desktop app and the CLI do
// exactly the same thing and never drift apart.
package workspace

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"gapwise/frameworks"
	"gapwise/internal/model"
	"gapwise/internal/store"
)

// EnvDB names the environment variable that overrides the database path.
const EnvDB = "GAPWISE_DB"

// Workspace is an open Gapwise database with its framework packs.
type Workspace struct {
	store *store.Store
	// notices of an earlier open of the same file that this one replaced
	// (OpenReader reopening for writing), so that none is lost
	earlier []string

	mu    sync.Mutex
	cache map[model.FrameworkRef]*model.Framework

	events events // change notifications (events.go)
}

// Open opens (creating if needed) the database at path and makes sure every
// embedded framework pack is in it. The packs are parsed only when the
// database lacks one or holds an older copy: comparing checksums is enough
// on every other start.
func Open(ctx context.Context, path string) (*Workspace, error) { return open(ctx, path, false) }

// OpenReader is Open for a command that only reads (the CLI's gaps, pathways,
// assess show and ladder): its store cannot write, and so skips the rules
// for writing (store.OpenReader). A database that needs an upgrade, or
// whose built-in packs differ from this build's, is opened as Open does,
// so the command sees what the app would.
func OpenReader(ctx context.Context, path string) (*Workspace, error) { return open(ctx, path, true) }

func open(ctx context.Context, path string, reading bool) (*Workspace, error) {
	files, err := frameworks.Files()
	if err != nil {
		return nil, fmt.Errorf("load embedded frameworks: %w", err)
	}
	openStore := store.Open
	if reading {
		openStore = store.OpenReader
	}
	st, err := openStore(ctx, path)
	if err != nil {
		return nil, err
	}
	stale, err := packsStale(ctx, st, files)
	if err == nil && stale {
		if reading { // a reading store cannot add them
			earlier := st.Notices()
			if err := st.Close(); err != nil {
				return nil, err
			}
			w, err := open(ctx, path, false)
			if w != nil {
				w.earlier = earlier
			}
			return w, err
		}
		err = seedPacks(ctx, st)
	}
	if err != nil {
		return nil, errors.Join(fmt.Errorf("add framework packs to %s: %w", path, err), st.Close())
	}
	return &Workspace{store: st, cache: map[model.FrameworkRef]*model.Framework{}}, nil
}

// seedIfNeeded parses and seeds the embedded packs when any is missing from
// the database or differs from the stored copy.
func seedIfNeeded(ctx context.Context, st *store.Store, files []frameworks.File) error {
	if stale, err := packsStale(ctx, st, files); err != nil || !stale {
		return err
	}
	return seedPacks(ctx, st)
}

// seedPacks parses the embedded packs and writes those the database lacks
// or holds differently.
func seedPacks(ctx context.Context, st *store.Store) error {
	packs, err := frameworks.Embedded()
	if err != nil {
		return fmt.Errorf("load embedded frameworks: %w", err)
	}
	data := make([]store.PackData, len(packs))
	for i, p := range packs {
		data[i] = store.PackData{Framework: p.Framework, Raw: p.Raw, SHA256: p.SHA256}
	}
	_, err = st.SeedPacks(ctx, data)
	return err
}

// packsStale reports whether any embedded pack is missing from the database
// or differs from the stored copy, comparing checksums only.
func packsStale(ctx context.Context, st *store.Store, files []frameworks.File) (bool, error) {
	stored, err := st.PackChecksums(ctx)
	if err != nil {
		return false, err
	}
	return slices.ContainsFunc(files, func(f frameworks.File) bool { return stored[f.Ref.String()] != f.SHA256 }), nil
}

// inSnapshot runs a view's reads in one read transaction (store.Snapshot):
// one consistent state, and one BEGIN for the dozen reads of a view.
func inSnapshot[T any](ctx context.Context, w *Workspace, fn func(context.Context) (T, error)) (T, error) {
	var v T
	err := w.store.Snapshot(ctx, func(ctx context.Context) (err error) {
		v, err = fn(ctx)
		return err
	})
	return v, err
}

// Close releases the database.
func (w *Workspace) Close() error { return w.store.Close() }

// Notices are things opening the database did that the person should hear
// about once, e.g. that it was made private; the app shows them and the CLI
// prints them on standard error.
func (w *Workspace) Notices() []string {
	return append(slices.Clip(w.earlier), w.store.Notices()...)
}

// Path is the database file in use.
func (w *Workspace) Path() string { return w.store.Path() }

// FrameworkInfo is the summary of one pack version in the database.
type FrameworkInfo struct {
	Ref         model.FrameworkRef
	Name        string
	ShortName   string
	Provisional bool
	Licence     string
	Attribution string
	Counts      model.Counts
	BuiltIn     bool // one of the packs built into Gapwise (not removable)
}

// Frameworks lists every framework version in the database with its figures.
func (w *Workspace) Frameworks(ctx context.Context) ([]FrameworkInfo, error) {
	rows, err := w.store.ListFrameworks(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]FrameworkInfo, 0, len(rows))
	for _, r := range rows {
		f, err := w.Framework(ctx, r.Ref)
		if err != nil {
			return nil, err
		}
		out = append(out, infoOf(f))
	}
	return out, nil
}

func infoOf(f *model.Framework) FrameworkInfo {
	return FrameworkInfo{
		Ref: f.Ref, Name: f.Name, ShortName: f.ShortName, Provisional: f.Provisional,
		Licence: f.Licence, Attribution: f.Attribution, Counts: f.Counts(), BuiltIn: IsBuiltIn(f.Ref),
	}
}

// Framework returns one framework version from the database. The result is
// shared and cached: callers must not modify it.
func (w *Workspace) Framework(ctx context.Context, ref model.FrameworkRef) (*model.Framework, error) {
	w.mu.Lock()
	f, ok := w.cache[ref]
	w.mu.Unlock()
	if ok {
		return f, nil
	}
	f, err := w.loadFramework(ctx, ref)
	if err != nil {
		return nil, err
	}
	w.mu.Lock()
	w.cache[ref] = f
	w.mu.Unlock()
	return f, nil
}

// loadFramework takes a built-in pack from the program's compiled form when
// the database holds exactly that pack's JSON (same checksum); any other
// framework from its compiled form in the database when there is one for
// its current JSON; and otherwise parses the JSON and saves the compiled
// form for next time (frameworks/compiled.go: parsing DDaT's JSON was half
// of every CLI command's run). Saving is best effort: a database that
// cannot take the write now is simply read the slow way.
func (w *Workspace) loadFramework(ctx context.Context, ref model.FrameworkRef) (*model.Framework, error) {
	sum, err := w.store.FrameworkChecksum(ctx, ref)
	if err != nil {
		return nil, err
	}
	if f, ok := frameworks.BuiltInCompiled(sum); ok && f.Ref == ref {
		return f, nil
	}
	var compiled *model.Framework
	err = w.store.CompiledFramework(ctx, ref, sum, frameworks.CompiledVersion, func(data []byte) {
		if f, err := frameworks.Decompile(data); err == nil && f.Ref == ref {
			compiled = f
		}
	})
	if err != nil {
		return nil, err
	}
	if compiled != nil {
		return compiled, nil
	}
	raw, sum, err := w.store.FrameworkSource(ctx, ref) // its checksum again: the JSON read now
	if err != nil {
		return nil, err
	}
	f, err := frameworks.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("framework %s in the database: %w", ref, err)
	}
	if f.Ref != ref {
		return nil, model.Errorf(model.BadFile, "framework %s in the database holds %s", ref, f.Ref)
	}
	_ = w.store.SaveCompiledFramework(ctx, ref, sum, frameworks.CompiledVersion, frameworks.Compile(f))
	return f, nil
}

// Check reports integrity problems; none means the database is healthy.
func (w *Workspace) Check(ctx context.Context) ([]string, error) { return w.store.Check(ctx) }

// Backup writes a consistent copy of the database to dest, never overwriting.
func (w *Workspace) Backup(ctx context.Context, dest string) error {
	return w.store.Backup(ctx, dest)
}

// BackupReplacing is Backup over a file the user has agreed to replace;
// the old file stays whole until the new copy is complete.
func (w *Workspace) BackupReplacing(ctx context.Context, dest string) error {
	return w.store.BackupReplacing(ctx, dest)
}

// ResolveFramework accepts ID@VERSION, or a bare ID meaning that framework's
// newest version in the database.
func (w *Workspace) ResolveFramework(ctx context.Context, s string) (*model.Framework, error) {
	if strings.Contains(s, "@") {
		ref, err := model.ParseFrameworkRef(s)
		if err != nil {
			return nil, model.Wrap(model.Invalid, err, "bad framework name")
		}
		return w.Framework(ctx, ref)
	}
	infos, err := w.store.ListFrameworks(ctx)
	if err != nil {
		return nil, err
	}
	var best *model.FrameworkRef
	for i := range infos {
		r := infos[i].Ref
		if r.ID == s && (best == nil || model.CompareVersions(r.Version, best.Version) > 0) {
			best = &r
		}
	}
	if best == nil {
		return nil, model.Errorf(model.NotFound, "no framework %q (try: gapwise-cli frameworks list)", s)
	}
	return w.Framework(ctx, *best)
}

// SchemaVersion is the newest database schema this build knows.
const SchemaVersion = store.LatestSchema
