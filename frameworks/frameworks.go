// Package frameworks holds the framework packs built into Gapwise (DDaT,
// SFIA 8 and 9, and a provisional FCI structure) and the reader, validator
// and writer of the pack format that organisations also use for their own
// frameworks (docs/packs.md).
//
// The packs in packs/ are generated from the source data in src/ by the
// converter in internal/convert; regenerate them with
//
//	go test ./frameworks -run TestPacksUpToDate -update
package frameworks

import (
	"cmp"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"gapwise/internal/model"
)

//go:embed packs/*.json
var packFiles embed.FS

//go:generate go test -run TestChecksumsUpToDate -update

// Pack is one embedded pack: parsed framework, the raw JSON bytes, and hex SHA-256 of Raw.
// The store seeds a pack version once and can use SHA256 to notice that a
// rebuilt binary carries different bytes for the same version.
type Pack struct {
	Framework *model.Framework
	Raw       []byte
	SHA256    string
}

// embedded parses the packs once per process: they cannot change at run
// time, and DDaT alone is several hundred kilobytes of JSON.
var embedded = sync.OnceValues(loadEmbedded)

// Embedded returns all embedded packs, sorted by id then version. They are
// parsed and validated once and shared: callers must not mutate them. Safe
// for concurrent use.
func Embedded() ([]Pack, error) {
	packs, err := embedded()
	if err != nil {
		return nil, err
	}
	return slices.Clone(packs), nil
}

// File is one embedded pack before parsing: enough for the store to decide
// whether seeding has any work to do, which on every start but the first
// it has not. Parsing the packs' JSON was nearly half of every CLI run, and
// hashing them a tenth of what remained, so the checksums are computed when
// the packs are generated (checksums.go) and only read here.
type File struct {
	Ref    model.FrameworkRef // from the file name, which loadEmbedded checks against the content
	SHA256 string             // of the file's bytes, from checksums.go (TestFilesMatchEmbedded checks it)
}

var embeddedFiles = sync.OnceValues(loadFiles)

// Files returns the embedded pack files with their checksums, unparsed and
// unread, sorted like Embedded.
func Files() ([]File, error) {
	files, err := embeddedFiles()
	if err != nil {
		return nil, err
	}
	return slices.Clone(files), nil
}

func loadFiles() ([]File, error) {
	entries, err := packFiles.ReadDir("packs")
	if err != nil {
		return nil, model.Wrap(model.Internal, err, "embedded packs: list")
	}
	var out []File
	for _, e := range entries {
		ref, err := model.ParseFrameworkRef(strings.TrimSuffix(e.Name(), ".json"))
		if err != nil || !strings.HasSuffix(e.Name(), ".json") {
			return nil, model.Errorf(model.Internal, "embedded pack file %s is not named ID@VERSION.json", e.Name())
		}
		sum, ok := packChecksums[e.Name()]
		if !ok {
			return nil, model.Errorf(model.Internal, "embedded pack file %s has no checksum in checksums.go; run go test ./frameworks -run TestChecksumsUpToDate -update", e.Name())
		}
		out = append(out, File{Ref: ref, SHA256: sum})
	}
	if len(out) != len(packChecksums) {
		return nil, model.Errorf(model.Internal, "checksums.go lists %d packs, packs/ holds %d; run go test ./frameworks -run TestChecksumsUpToDate -update", len(packChecksums), len(out))
	}
	slices.SortFunc(out, func(a, b File) int { return compareRefs(a.Ref, b.Ref) })
	return out, nil
}

func loadEmbedded() ([]Pack, error) {
	entries, err := packFiles.ReadDir("packs")
	if err != nil {
		return nil, model.Wrap(model.Internal, err, "embedded packs: list")
	}
	var out []Pack
	for _, e := range entries {
		name := path.Join("packs", e.Name())
		raw, err := packFiles.ReadFile(name)
		if err != nil {
			return nil, model.Wrap(model.Internal, err, "embedded pack %s: read", e.Name())
		}
		f, err := Parse(raw)
		if err != nil {
			// A broken embedded pack is a build fault, not the user's.
			return nil, model.Wrap(model.Internal, err, "embedded pack %s", e.Name())
		}
		if want := f.Ref.String() + ".json"; e.Name() != want {
			return nil, model.Errorf(model.Internal, "embedded pack %s holds %s; its file must be named %s", e.Name(), f.Ref, want)
		}
		sum := sha256.Sum256(raw)
		out = append(out, Pack{Framework: f, Raw: raw, SHA256: hex.EncodeToString(sum[:])})
	}
	slices.SortFunc(out, func(a, b Pack) int { return compareRefs(a.Framework.Ref, b.Framework.Ref) })
	return out, nil
}

// compareRefs orders by id, then version; versions that are both whole
// numbers compare as numbers so that sfia@10 will follow sfia@9.
func compareRefs(a, b model.FrameworkRef) int {
	if c := strings.Compare(a.ID, b.ID); c != 0 {
		return c
	}
	an, aErr := strconv.Atoi(a.Version)
	bn, bErr := strconv.Atoi(b.Version)
	if aErr == nil && bErr == nil {
		return cmp.Compare(an, bn)
	}
	return strings.Compare(a.Version, b.Version)
}
