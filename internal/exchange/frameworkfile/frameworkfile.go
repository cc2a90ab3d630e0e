// Package frameworkfile reads framework files in outside formats: Gapwise's
// own pack JSON, the official DDaT CSV downloads, the SFIA spreadsheet,
// Moodle and Mahara exports, DIRECT and the organisation template. Each
// format is one Reader in the registry (Readers); Read picks one by content
// (or by the format the user named), reads the files whole and validates the
// framework with the same validator as the embedded packs, so a framework
// that reads here is as sound as one built in. Nothing here writes anything.
package frameworkfile

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"gapwise/frameworks"
	"gapwise/internal/model"
	"gapwise/internal/userfile"
)

// File is one file the user gave: its name (for messages and detection
// hints) and its bytes.
type File struct {
	Name string
	Data []byte
}

// Format names one outside format; the values are the CLI's --format words.
type Format string

// The formats. A reader for each is registered in Readers.
const (
	FormatPack       Format = "gapwise-pack"  // docs/packs.md
	FormatDDaT       Format = "ddat-csv"      // the two official DDaT CSV downloads, given together
	FormatSFIA       Format = "sfia-xlsx"     // the SFIA Foundation's spreadsheet (SFIA 8 and 9 layouts)
	FormatMoodle     Format = "moodle-csv"    // Moodle competency framework CSV (tool_lpimportcsv)
	FormatMahara     Format = "mahara-matrix" // Mahara SmartEvidence .matrix JSON
	FormatDirectCSV  Format = "direct-csv"    // DIRECT framework CSV
	FormatDirectJSON Format = "direct-json"   // DIRECT framework JSON
	FormatTemplate   Format = "template"      // Gapwise's spreadsheet template for an organisation's framework
)

// Reader reads one format.
//
// Detect decides by content (a header row, a JSON key, a sheet name), not by
// file name alone, and must be cheap and never panic: it is tried on every
// import. Read turns the files into a framework and warnings a person should
// see before saving (skipped rows, levels left undefined...). Its errors are
// model.Invalid and name the file, the line or cell, and the problem. Read
// need not validate the framework (Read in this package does), and may leave
// Licence, Attribution and Publisher empty when the format does not carry
// them: the user supplies them (see Options).
type Reader struct {
	Format Format
	Detect func(files []File) bool
	Read   func(files []File) (*model.Framework, []string, error)
}

// registry lists every reader, one line per format. Detection tries them in
// this order, so a reader whose Detect is looser goes after stricter ones.
var registry = []Reader{
	packReader,
	ddatReader,
	sfiaReader,
	moodleReader,
	maharaReader,
	directJSONReader,
	directCSVReader,
	templateReader,
}

// Readers returns the registered readers in detection order.
func Readers() []Reader { return slices.Clone(registry) }

// Formats lists the known format names, for usage text and errors.
func Formats() []Format {
	out := make([]Format, len(registry))
	for i, r := range registry {
		out[i] = r.Format
	}
	return out
}

// Limits on what a user may hand us. The official DDaT role download is
// 2.5 MB and the SFIA spreadsheet about 1 MB; these leave ample room while
// refusing a disk image picked by mistake before it is read into memory.
const (
	MaxFileSize  = 64 << 20 // bytes per file
	MaxFiles     = 8        // files in one import
	MaxWarnings  = 50       // warnings kept; the rest are counted in the last one
	placeholder  = "(to be given)"
	warnOverflow = "and %d more warnings"
)

// Result is a framework read from files, validated, not yet stored.
type Result struct {
	Framework *model.Framework
	Format    Format
	Warnings  []string
	// VersionFromContent is true when the files name no version and the
	// framework's is a hash of their content: a person may know a better one.
	VersionFromContent bool
	// Missing names the manifest fields the files did not carry and the user
	// must or may give before the framework is stored: "licence" (required),
	// "attribution", "publisher".
	Missing []string
}

// Read reads files as one framework: in the named format, or ("") in the
// first format whose Detect accepts them. The framework is validated whole;
// manifest fields the format lacks are reported in Result.Missing rather
// than refused, so that a preview can ask for them (see Result.Apply).
func Read(files []File, format Format) (*Result, error) {
	if len(files) == 0 {
		return nil, model.Errorf(model.Invalid, "no framework file given")
	}
	if len(files) > MaxFiles {
		return nil, model.Errorf(model.Invalid, "%d files given; a framework is at most %d files", len(files), MaxFiles)
	}
	for _, f := range files {
		if len(f.Data) == 0 {
			return nil, model.Errorf(model.Invalid, "%s is empty", f.Name)
		}
	}
	var r *Reader
	if format == "" {
		for i := range registry {
			if detect(registry[i], files) {
				r = &registry[i]
				break
			}
		}
		if r == nil {
			return nil, model.Errorf(model.Invalid, "%s: not a framework file Gapwise can read (formats: %s)", names(files), formatList())
		}
	} else {
		for i := range registry {
			if registry[i].Format == format {
				r = &registry[i]
			}
		}
		if r == nil {
			return nil, model.Errorf(model.Invalid, "unknown framework format %q (formats: %s)", format, formatList())
		}
	}
	f, warnings, err := r.Read(files)
	if err != nil {
		if model.KindOf(err) == model.Internal {
			err = model.Wrap(model.Invalid, err, "%s", names(files))
		}
		return nil, err
	}
	if f == nil {
		return nil, model.Errorf(model.Internal, "%s reader returned no framework", r.Format)
	}
	res := &Result{Framework: f, Format: r.Format, Warnings: capWarnings(warnings)}
	res.VersionFromContent = f.Ref.Version == contentVersion(files) ||
		(len(files) == 2 && f.Ref.Version == contentVersion([]File{files[1], files[0]}))
	for _, m := range []struct {
		name string
		val  *string
	}{{"licence", &f.Licence}, {"attribution", &f.Attribution}, {"publisher", &f.Publisher}} {
		if strings.TrimSpace(*m.val) == "" {
			res.Missing = append(res.Missing, m.name)
		}
	}
	if err := res.validate(); err != nil {
		return nil, err
	}
	return res, nil
}

// detect runs a reader's Detect, treating a panic as "not this format": a
// detector is a heuristic over untrusted bytes and must not take the import
// down with it.
func detect(r Reader, files []File) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return r.Detect != nil && r.Detect(files)
}

// validate runs the packs' validator, standing in placeholders for missing
// manifest fields the user has yet to give.
func (r *Result) validate() error {
	f := *r.Framework
	if strings.TrimSpace(f.Licence) == "" {
		f.Licence = placeholder
	}
	if strings.TrimSpace(f.Publisher) == "" {
		f.Publisher = placeholder
	}
	return frameworks.Validate(&f)
}

// Options are what the user adds to a framework read from files.
type Options struct {
	As          model.FrameworkRef // store under this id@version instead of the file's own
	Licence     string             // used when the file carries none (required then)
	Attribution string             // used when the file carries none
	Publisher   string             // used when the file carries none
}

// Apply sets the user's choices on the framework and validates it again, now
// with nothing left missing. A licence given for a file that carries its own
// is refused: the publisher's terms are not the user's to change.
func (r *Result) Apply(o Options) error {
	f := r.Framework
	if o.As != (model.FrameworkRef{}) {
		f.Ref = o.As
	}
	set := func(field string, dst *string, val string) error {
		val = strings.TrimSpace(val)
		if val == "" {
			return nil
		}
		if !slices.Contains(r.Missing, field) && *dst != val {
			return model.Errorf(model.Invalid, "the file gives its own %s (%q); it cannot be replaced", field, *dst)
		}
		*dst = val
		return nil
	}
	if err := errors.Join(set("licence", &f.Licence, o.Licence), set("attribution", &f.Attribution, o.Attribution),
		set("publisher", &f.Publisher, o.Publisher)); err != nil {
		return err
	}
	if strings.TrimSpace(f.Licence) == "" {
		return model.Errorf(model.Invalid, "%s carries no licence: say under what terms you hold it (e.g. \"Internal use only\")", f.Ref)
	}
	if strings.TrimSpace(f.Publisher) == "" {
		f.Publisher = "Not stated in the imported file"
	}
	return frameworks.Validate(f)
}

func capWarnings(w []string) []string {
	if len(w) <= MaxWarnings {
		return w
	}
	out := slices.Clone(w[:MaxWarnings])
	return append(out, fmt.Sprintf(warnOverflow, len(w)-MaxWarnings))
}

func names(files []File) string {
	n := make([]string, len(files))
	for i, f := range files {
		n[i] = f.Name
	}
	return strings.Join(n, ", ")
}

func formatList() string {
	f := Formats()
	s := make([]string, len(f))
	for i, x := range f {
		s[i] = string(x)
	}
	return strings.Join(s, ", ")
}

// ReadPaths reads the files a user named. It refuses anything that is not a
// regular file (a FIFO would block forever, a device would never end) and
// files over MaxFileSize, before reading them.
func ReadPaths(paths []string) ([]File, error) {
	out := make([]File, 0, len(paths))
	for _, p := range paths {
		data, err := readFile(p)
		if err != nil {
			return nil, err
		}
		out = append(out, File{Name: p, Data: data})
	}
	return out, nil
}

func readFile(path string) ([]byte, error) {
	return userfile.Read(path, MaxFileSize, "a framework file")
}

// Split groups the files a user gave into frameworks. Files that one
// multi-file reader accepts together (the DDaT pair) are one framework;
// every other file is one on its own (several pack files are several
// frameworks). With format given, only that reader is asked.
func Split(files []File, format Format) [][]File {
	if len(files) <= 1 {
		return [][]File{files}
	}
	var out [][]File
	byFormat := map[Format]int{} // index in out of the group of a multi-file format
	for _, f := range files {
		var own Format
		for _, r := range registry {
			if (format == "" || r.Format == format) && detect(r, []File{f}) {
				own = r.Format
				break
			}
		}
		if own == "" {
			if format != "" { // let Read say why the named format refuses them
				return [][]File{files}
			}
			out = append(out, []File{f})
			continue
		}
		if i, ok := byFormat[own]; ok && detect(readerFor(own), append(slices.Clone(out[i]), f)) {
			out[i] = append(out[i], f)
			continue
		}
		byFormat[own] = len(out)
		out = append(out, []File{f})
	}
	return out
}

func readerFor(f Format) Reader {
	for _, r := range registry {
		if r.Format == f {
			return r
		}
	}
	return Reader{}
}
