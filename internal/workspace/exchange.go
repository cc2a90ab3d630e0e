package workspace

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gapwise/internal/appinfo"
	"gapwise/internal/exchange"
	"gapwise/internal/model"
	"gapwise/internal/store"
	"gapwise/internal/userfile"
)

// ImportOutcome says what importing a file did.
type ImportOutcome = store.ImportOutcome

// Import outcomes.
const (
	Added     = store.Added     // a new assessment
	Replaced  = store.Replaced  // a newer version; the older is kept as history
	Unchanged = store.Unchanged // the same or an older version: nothing written
)

// ImportResult describes one imported file.
type ImportResult struct {
	File       string // the file it came from, when imported from a file
	Outcome    ImportOutcome
	Person     model.Person
	Assessment model.Assessment
	Ratings    int
	// PersonUpdated says the person's profile took the file's details
	// (AssessmentImportOptions.AcceptPersonUpdate); Person shows them as now stored.
	PersonUpdated bool
}

// AssessmentImportOptions change how an import treats what is already here.
type AssessmentImportOptions struct {
	// AcceptPersonUpdate imports a file whose person id is someone already
	// here under another name or discipline, as that same person, whose
	// profile then takes the file's details. Without it such a file is
	// refused with a *model.PersonMismatchError naming both: a file cannot
	// put its ratings under someone else's name unless the user says so.
	AcceptPersonUpdate bool
}

func optionsOf(opts []AssessmentImportOptions) AssessmentImportOptions {
	var o AssessmentImportOptions
	for _, x := range opts {
		o.AcceptPersonUpdate = o.AcceptPersonUpdate || x.AcceptPersonUpdate
	}
	return o
}

// personChange compares a file's person with the one stored under the same
// id: it returns whether the profile is to take the file's details, or the
// refusal naming both (see model.CheckIdentity).
func (w *Workspace) personChange(ctx context.Context, fp model.Person, o AssessmentImportOptions) (bool, error) {
	stored, err := w.store.Person(ctx, fp.ID)
	if model.KindOf(err) == model.NotFound {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if err := model.CheckIdentity(stored, fp); err != nil {
		if !o.AcceptPersonUpdate {
			return false, err
		}
		return true, nil
	}
	return false, nil
}

// Describe is a one-line account of the import for a person to read.
func (r ImportResult) Describe() string {
	what := fmt.Sprintf("%s's %s assessment of %s (%d ratings)", r.Person.Name, r.Assessment.Kind, r.Assessment.Framework, r.Ratings)
	if r.PersonUpdated {
		what += fmt.Sprintf("; %s's profile now has the file's details (%s)", r.Person.Name, strings.ToLower(r.Person.Discipline.Label()))
	}
	switch r.Outcome {
	case Added:
		return "Imported " + what
	case Replaced:
		return "Updated " + what + "; the older version is kept as history"
	}
	return "Already up to date: " + what
}

// exportFile builds the exchange file of a stored assessment.
func (w *Workspace) exportFile(ctx context.Context, id string) (*exchange.File, *model.Framework, error) {
	s, err := w.Sheet(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	return &exchange.File{
		Person: s.Person, Assessment: s.Assessment, Ratings: s.ratingList(), Targets: s.targetList(),
		Generator: appinfo.Name + " " + appinfo.Version,
	}, s.Framework, nil
}

// ExportAssessment encodes an assessment as a .gapwise.json file and
// suggests a file name for it.
func (w *Workspace) ExportAssessment(ctx context.Context, id string) (data []byte, name string, err error) {
	f, fw, err := w.exportFile(ctx, id)
	if err != nil {
		return nil, "", err
	}
	data, err = exchange.Encode(f, fw)
	if err != nil {
		return nil, "", fmt.Errorf("export assessment %s: %w", id, err)
	}
	name = fmt.Sprintf("%s-%s-%s-%s-%s%s", model.Slug(f.Person.Name), fw.Ref.ID, model.Slug(fw.Ref.Version),
		f.Assessment.Kind, f.Assessment.UpdatedAt.UTC().Format("2006-01-02"), exchange.Extension)
	return data, name, nil
}

// resolver lets the exchange decoder see the framework versions installed here.
func (w *Workspace) resolver(ctx context.Context) (exchange.Resolver, []model.FrameworkRef, error) {
	rows, err := w.store.ListFrameworks(ctx)
	if err != nil {
		return nil, nil, err
	}
	refs := make([]model.FrameworkRef, len(rows))
	for i, r := range rows {
		refs[i] = r.Ref
	}
	resolve := func(ref model.FrameworkRef) (*model.Framework, bool) {
		f, err := w.Framework(ctx, ref)
		return f, err == nil
	}
	return resolve, refs, nil
}

// ImportAssessment validates a whole .gapwise.json file and then stores it
// in one transaction. Importing the same file twice changes nothing; a newer
// file for the same assessment replaces the older, which is kept as history.
// A file naming someone else under the id of a person here is refused (see
// AssessmentImportOptions).
func (w *Workspace) ImportAssessment(ctx context.Context, data []byte, opts ...AssessmentImportOptions) (ImportResult, error) {
	resolve, installed, err := w.resolver(ctx)
	if err != nil {
		return ImportResult{}, err
	}
	f, err := exchange.Decode(data, resolve, installed...)
	if err != nil {
		return ImportResult{}, err
	}
	if err := checkNotFuture(f); err != nil {
		return ImportResult{}, err
	}
	res := ImportResult{Person: f.Person, Assessment: f.Assessment, Ratings: len(f.Ratings)}
	if res.PersonUpdated, err = w.personChange(ctx, f.Person, optionsOf(opts)); err != nil {
		return ImportResult{}, err
	}
	previous, storedUpdated, err := w.previousVersion(ctx, f)
	if err != nil {
		return res, err
	}
	it := store.ImportItem{Person: f.Person, Assessment: f.Assessment, Ratings: f.Ratings, Targets: f.Targets,
		Previous: previous, StoredUpdated: storedUpdated, UpdatePerson: res.PersonUpdated}
	if res.Outcome, err = w.store.Import(ctx, it); err != nil {
		return res, err
	}
	w.changed(ctx, nil, PersonChanged, f.Person.ID)
	w.changed(ctx, nil, AssessmentChanged, f.Assessment.ID)
	if p, err := w.store.Person(ctx, f.Person.ID); err == nil {
		res.Person = p
	}
	return res, nil
}

// checkNotFuture refuses a file dated more than a day ahead: it would win
// over every later real update.
func checkNotFuture(f *exchange.File) error {
	if time.Until(f.Assessment.UpdatedAt) > 24*time.Hour {
		return model.Errorf(model.BadFile, "the file says it was updated on %s, in the future: check the sender's computer clock and export again",
			f.Assessment.UpdatedAt.Format("2 Jan 2006"))
	}
	for _, r := range f.Ratings {
		if time.Until(r.RatedAt) > 24*time.Hour {
			return model.Errorf(model.BadFile, "the file says %s was rated on %s, in the future: check the sender's computer clock and export again",
				r.Item, r.RatedAt.Format("2 Jan 2006"))
		}
	}
	return nil
}

// previousVersion is what an import keeps of the stored version of f's
// assessment: its exchange file when f is newer (nil otherwise), and the
// stored updated_at the import must still find (f's own when it is new).
func (w *Workspace) previousVersion(ctx context.Context, f *exchange.File) ([]byte, time.Time, error) {
	old, err := w.store.Assessment(ctx, f.Assessment.ID)
	if model.KindOf(err) == model.NotFound {
		return nil, f.Assessment.UpdatedAt, nil
	}
	if err != nil {
		return nil, time.Time{}, err
	}
	if !f.Assessment.UpdatedAt.After(old.UpdatedAt) {
		return nil, old.UpdatedAt, nil
	}
	of, fw, err := w.exportFile(ctx, old.ID)
	if err != nil {
		return nil, time.Time{}, err
	}
	previous, err := exchange.Encode(of, fw)
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("keep the previous version of %s: %w", old.ID, err)
	}
	return previous, old.UpdatedAt, nil
}

// ImportAssessmentFile reads and imports one file.
func (w *Workspace) ImportAssessmentFile(ctx context.Context, path string, opts ...AssessmentImportOptions) (ImportResult, error) {
	data, err := readLimited(path, exchange.MaxFileSize)
	if err != nil {
		return ImportResult{}, err
	}
	res, err := w.ImportAssessment(ctx, data, opts...)
	if err != nil {
		return res, fmt.Errorf("%s: %w", path, err)
	}
	return res, nil
}

// readLimited reads an assessment file the user chose (see userfile.Read).
func readLimited(path string, limit int64) ([]byte, error) {
	return userfile.Read(path, limit, "an assessment file")
}
