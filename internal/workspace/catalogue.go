package workspace

import (
	"context"
	"time"

	"gapwise/internal/exchange/catalogue"
	"gapwise/internal/model"
	"gapwise/internal/userfile"
)

// CatalogueInfo is a stored learning catalogue's summary.
type CatalogueInfo struct {
	Framework  model.FrameworkRef
	Source     string // the files it was read from
	ImportedAt time.Time
	Entries    int
}

// CatalogueImport is a learning catalogue read from the user's files and
// checked whole, shown as a preview before anything is written.
type CatalogueImport struct {
	Catalogue *model.Catalogue
	Warnings  []string
	// Replaces is the catalogue the framework version has now, which
	// importing this one replaces; nil when it has none.
	Replaces *CatalogueInfo
}

// ReadCatalogueFiles reads a learning catalogue for a framework version
// without storing anything (see internal/exchange/catalogue for the
// columns and the checks).
func (w *Workspace) ReadCatalogueFiles(ctx context.Context, ref model.FrameworkRef, paths []string) (*CatalogueImport, error) {
	f, err := w.Framework(ctx, ref)
	if err != nil {
		return nil, err
	}
	if len(paths) > catalogue.MaxFiles {
		return nil, model.Errorf(model.Invalid, "%d files given; a catalogue is at most %d files", len(paths), catalogue.MaxFiles)
	}
	var files []catalogue.File
	for _, p := range paths {
		data, err := userfile.Read(p, catalogue.MaxFileSize, "a learning catalogue")
		if err != nil {
			return nil, err
		}
		files = append(files, catalogue.File{Name: p, Data: data})
	}
	res, err := catalogue.Read(files, f)
	if err != nil {
		return nil, err
	}
	ci := &CatalogueImport{Catalogue: res.Catalogue, Warnings: res.Warnings}
	if info, ok, err := w.catalogueInfo(ctx, ref); err != nil {
		return nil, err
	} else if ok {
		ci.Replaces = &info
	}
	return ci, nil
}

// ImportCatalogue stores a previewed catalogue in one transaction. A
// framework version that has one already keeps it (Conflict) unless replace
// is true: the person has been asked.
func (w *Workspace) ImportCatalogue(ctx context.Context, ci *CatalogueImport, replace bool) (CatalogueInfo, error) {
	if ci == nil || ci.Catalogue == nil || len(ci.Catalogue.Entries) == 0 {
		return CatalogueInfo{}, model.Errorf(model.Invalid, "no catalogue to import")
	}
	c := *ci.Catalogue
	c.ImportedAt = time.Now()
	if _, err := w.store.SaveCatalogue(ctx, c, replace); err != nil {
		return CatalogueInfo{}, err
	}
	w.changed(ctx, nil, FrameworksChanged)
	info, _, err := w.catalogueInfo(ctx, c.Framework)
	return info, err
}

// Catalogue returns a framework version's learning catalogue; ok is false
// when it has none.
func (w *Workspace) Catalogue(ctx context.Context, ref model.FrameworkRef) (model.Catalogue, bool, error) {
	return w.store.Catalogue(ctx, ref)
}

// Catalogues lists the stored learning catalogues.
func (w *Workspace) Catalogues(ctx context.Context) ([]CatalogueInfo, error) {
	list, err := w.store.Catalogues(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]CatalogueInfo, len(list))
	for i, c := range list {
		out[i] = CatalogueInfo{Framework: c.Framework, Source: c.Source, ImportedAt: c.ImportedAt, Entries: c.Entries}
	}
	return out, nil
}

func (w *Workspace) catalogueInfo(ctx context.Context, ref model.FrameworkRef) (CatalogueInfo, bool, error) {
	list, err := w.Catalogues(ctx)
	if err != nil {
		return CatalogueInfo{}, false, err
	}
	for _, c := range list {
		if c.Framework == ref {
			return c, true, nil
		}
	}
	return CatalogueInfo{}, false, nil
}

// RemoveCatalogue deletes a framework version's learning catalogue, its
// bytes cleared from the database file, and says how many entries went.
// Plans drafted from it keep their actions.
func (w *Workspace) RemoveCatalogue(ctx context.Context, ref model.FrameworkRef) (int, error) {
	n, err := w.store.RemoveCatalogue(ctx, ref)
	if n > 0 { // gone, even if old copies wait in the log (Conflict)
		w.changed(ctx, nil, FrameworksChanged)
	}
	return n, err
}
