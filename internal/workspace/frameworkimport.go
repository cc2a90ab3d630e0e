package workspace

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"gapwise/frameworks"
	"gapwise/internal/exchange/frameworkfile"
	"gapwise/internal/model"
	"gapwise/internal/store"
)

// FrameworkImport is a framework read from the user's files and validated,
// shown as a preview before anything is written.
type FrameworkImport struct {
	Framework *model.Framework
	Format    string   // frameworkfile.Format, e.g. "ddat-csv"
	Files     []string // the files it was read from
	Warnings  []string
	// Missing names manifest fields the files lack: "licence" (the import
	// needs one), "attribution", "publisher".
	Missing []string
	// VersionFromContent: the files name no version; it is a hash of their
	// content, and the person may know the release's name.
	VersionFromContent bool
	// Exists is true when a version of this id@version is already stored; it
	// must be imported under another version.
	Exists bool

	res *frameworkfile.Result
}

// FrameworkFormats lists the --format words.
func FrameworkFormats() []string {
	var out []string
	for _, f := range frameworkfile.Formats() {
		out = append(out, string(f))
	}
	return out
}

// ReadFrameworkFiles reads framework files without storing anything: one
// preview per framework (the DDaT pair is one framework; several pack files
// are several). format "" detects each framework's format from content.
func (w *Workspace) ReadFrameworkFiles(ctx context.Context, paths []string, format string) ([]*FrameworkImport, error) {
	files, err := frameworkfile.ReadPaths(paths)
	if err != nil {
		return nil, err
	}
	have, err := w.store.ListFrameworks(ctx)
	if err != nil {
		return nil, err
	}
	var out []*FrameworkImport
	for _, group := range frameworkfile.Split(files, frameworkfile.Format(format)) {
		res, err := frameworkfile.Read(group, frameworkfile.Format(format))
		if err != nil {
			return nil, err
		}
		fi := &FrameworkImport{Framework: res.Framework, Format: string(res.Format), Warnings: res.Warnings, Missing: res.Missing, VersionFromContent: res.VersionFromContent, res: res}
		for _, f := range group {
			fi.Files = append(fi.Files, f.Name)
		}
		fi.Exists = slices.ContainsFunc(have, func(h store.FrameworkInfo) bool { return h.Ref == res.Framework.Ref })
		out = append(out, fi)
	}
	return out, nil
}

// ImportOptions are the user's additions to a framework being imported.
type ImportOptions struct {
	As          string // ID@VERSION to store it under; "" keeps the file's own
	Licence     string // when the file carries none
	Attribution string // when the file carries none
}

// Apply sets the user's choices (validated again as a whole).
func (fi *FrameworkImport) Apply(o ImportOptions) error {
	var opts frameworkfile.Options
	if s := strings.TrimSpace(o.As); s != "" {
		ref, err := model.ParseFrameworkRef(s)
		if err != nil {
			return model.Wrap(model.Invalid, err, "cannot import as %q", s)
		}
		opts.As = ref
	}
	opts.Licence, opts.Attribution = o.Licence, o.Attribution
	if err := fi.res.Apply(opts); err != nil {
		return err
	}
	fi.Framework = fi.res.Framework
	return nil
}

// IsBuiltIn reports whether ref is one of the packs built into Gapwise. It
// reads the packs' names only: parsing them all (which the framework list
// did for this at every start) kept 2.4 MB of frameworks nobody had opened.
func IsBuiltIn(ref model.FrameworkRef) bool {
	files, err := frameworks.Files()
	if err != nil {
		return false
	}
	return slices.ContainsFunc(files, func(f frameworks.File) bool { return f.Ref == ref })
}

// ImportFrameworks stores previewed frameworks, all or none, and returns
// their summaries. Each is written in the pack format (so it is read back by
// the packs' own reader) and refused if its version is already stored.
func (w *Workspace) ImportFrameworks(ctx context.Context, imports []*FrameworkImport) ([]FrameworkInfo, error) {
	packs := make([]store.PackData, 0, len(imports))
	for _, fi := range imports {
		if fi == nil || fi.Framework == nil {
			return nil, model.Errorf(model.Invalid, "no framework to import")
		}
		if err := fi.Apply(ImportOptions{}); err != nil { // a licence is required by now
			return nil, err
		}
		raw, err := frameworks.Encode(fi.Framework)
		if err != nil {
			return nil, err
		}
		packs = append(packs, store.PackData{Framework: fi.Framework, Raw: raw})
	}
	if err := w.store.ImportPacks(ctx, packs); err != nil {
		return nil, err
	}
	w.changed(ctx, nil, FrameworksChanged)
	out := make([]FrameworkInfo, 0, len(imports))
	for _, p := range packs {
		f, err := w.Framework(ctx, p.Framework.Ref)
		if err != nil {
			return nil, err
		}
		out = append(out, infoOf(f))
	}
	return out, nil
}

// RemoveFramework deletes an imported framework version that nothing uses.
// Built-in packs cannot be removed: they would be added again at the next
// start, and their ids are what exchanged files rely on.
func (w *Workspace) RemoveFramework(ctx context.Context, ref model.FrameworkRef) error {
	if IsBuiltIn(ref) {
		return model.Errorf(model.Conflict, "%s is built into Gapwise and cannot be removed", ref)
	}
	if err := w.store.RemovePack(ctx, ref); err != nil {
		return err
	}
	w.mu.Lock()
	delete(w.cache, ref)
	w.mu.Unlock()
	return w.changed(ctx, nil, FrameworksChanged)
}

// Summary is a one-line account of a framework for previews and messages.
func (fi *FrameworkImport) Summary() string {
	c := fi.Framework.Counts()
	return fmt.Sprintf("%s (%s): %d groups, %d items, %d levels, %d roles, %d role levels, %d requirements",
		fi.Framework.Name, fi.Framework.Ref, c.Groups, c.Items, c.Levels, c.Roles, c.RoleLevels, c.Requirements)
}
