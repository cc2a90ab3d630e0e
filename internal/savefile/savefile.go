// Package savefile writes the files Gapwise makes for people (PDFs,
// spreadsheets, CSV and .gapwise.json files, database backups) so that each
// is whole or absent: it is written to a temporary file beside the target,
// synced, and only then given its name, which never replaces anything
// (ReplaceFile replaces a file, whole, once the user has agreed to it).
//
// A run killed half-way can leave its temporary file behind. The names say
// whose they are ("NAME.gapwise-partial-PID-RANDOM", visible, never hidden
// in a user's folder), and every later save into the same folder removes
// the ones whose process has gone (or that are a day old), never anyone
// else's files. Temporary names of earlier Gapwise versions
// (".gapwise-report-*.tmp", ".gapwise-write-test-*") are removed the same
// way once they are an hour old.
//
// It depends on the standard library and internal/model only, so the store,
// workspace and CLI can all use it.
package savefile

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"gapwise/internal/model"
)

// marker sits between the target's name and the owner's process id.
const marker = ".gapwise-partial-"

// maxBase keeps a temporary name within every file system's 255-byte limit.
const maxBase = 120

// Ages after which a leftover is removed even if its process id is in use
// again (ours), or for names that carry none (earlier versions').
const (
	staleOurs   = 24 * time.Hour
	staleLegacy = time.Hour
)

var (
	ours = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`\.gapwise-partial-([0-9]+)-[0-9a-f]{8}(-journal|-wal|-shm)?$`)
	})
	legacy = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\.gapwise-(report-[0-9]+\.tmp|write-test-[0-9]+)$`) })
)

// now is the clock for staleness; tests move it.
var now = time.Now

// SaveNewFile creates path with what render writes. Nothing appears at
// path unless render returns nil and the bytes are on disk; on an error or a
// panic in render the temporary file is removed. An existing path is never
// replaced (Conflict), whether it was there before or appeared meanwhile.
// The file is readable by its owner only (0600): it holds personal data.
func SaveNewFile(path string, render func(io.Writer) error) error {
	return SaveNewFileAt(path, streamTo(path, render))
}

// ReplaceFile is SaveNewFile for a path the user has chosen, and agreed to
// replace if a file is already there: only call it after asking. The old
// file stays whole until the new one is complete and synced beside it,
// then the new one takes its name in one rename, so a failure at any point
// leaves the old file as it was. A folder or a link at path is never
// replaced (Invalid).
func ReplaceFile(path string, render func(io.Writer) error) error {
	return ReplaceFileAt(path, streamTo(path, render))
}

// streamTo adapts a renderer to the temporary file SaveNewFileAt makes.
func streamTo(path string, render func(io.Writer) error) func(tmp string) error {
	return func(tmp string) error {
		f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return fileErr(err, path)
		}
		defer f.Close()
		bw := bufio.NewWriter(f)
		if err := render(bw); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return fileErr(err, path)
		}
		if err := f.Close(); err != nil {
			return fileErr(err, path)
		}
		return nil
	}
}

// SaveNewFileAt is SaveNewFile for writers that need a file name rather
// than a stream (SQLite's VACUUM INTO): fill writes the complete file at
// tmp, an empty 0600 file it may replace in place. Files SQLite makes beside
// tmp (tmp-journal) are removed too.
func SaveNewFileAt(path string, fill func(tmp string) error) error {
	return write(path, fill, false)
}

// ReplaceFileAt is ReplaceFile for writers that need a file name.
func ReplaceFileAt(path string, fill func(tmp string) error) error {
	return write(path, fill, true)
}

func write(path string, fill func(tmp string) error, replace bool) (err error) {
	if strings.TrimSpace(path) == "" {
		return model.Errorf(model.Invalid, "no file name given")
	}
	if fi, err := os.Lstat(path); err == nil {
		if !replace {
			return exists(path)
		}
		if !fi.Mode().IsRegular() {
			return model.Errorf(model.Invalid, "%s is a folder or a link, not a file Gapwise can replace; choose another name", path)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fileErr(err, path)
	}
	dir := filepath.Dir(path)
	Clean(dir)
	tmp, err := create(dir, filepath.Base(path))
	if err != nil {
		return fileErr(err, path)
	}
	defer func() { // also while a panic unwinds
		for _, name := range []string{tmp, tmp + "-journal", tmp + "-wal", tmp + "-shm"} {
			os.Remove(name)
		}
	}()
	if err := fill(tmp); err != nil {
		return err
	}
	if err := syncFile(tmp); err != nil {
		return fileErr(err, path)
	}
	if replace {
		err = replaceWith(tmp, path)
	} else {
		err = publish(tmp, path)
	}
	if err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// replaceWith gives tmp the name path, replacing the regular file there
// (if any) in one rename, which the system makes atomic within a folder.
func replaceWith(tmp, path string) error {
	if fi, err := os.Lstat(path); err == nil && !fi.Mode().IsRegular() {
		return model.Errorf(model.Invalid, "%s is a folder or a link, not a file Gapwise can replace; choose another name", path)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fileErr(err, path)
	}
	return nil
}

// create makes a new empty temporary file for target in dir, mode 0600.
func create(dir, target string) (string, error) {
	base := target
	for len(base) > maxBase {
		_, size := utf8.DecodeLastRuneInString(base)
		base = base[:len(base)-size]
	}
	for try := 0; ; try++ {
		var b [4]byte
		if _, err := rand.Read(b[:]); err != nil {
			return "", err
		}
		name := filepath.Join(dir, fmt.Sprintf("%s%s%d-%s", base, marker, os.Getpid(), hex.EncodeToString(b[:])))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) && try < 10 {
			continue
		}
		if err != nil {
			return "", err
		}
		return name, f.Close()
	}
}

// publish gives tmp the name path without replacing anything there. A hard
// link appears only if nothing has the name; folders that cannot hold hard
// links (FAT memory sticks, some network shares) get a rename after one
// more look.
func publish(tmp, path string) error {
	err := os.Link(tmp, path)
	if err == nil {
		return nil
	}
	if errors.Is(err, fs.ErrExist) {
		return exists(path)
	}
	if _, err := os.Lstat(path); err == nil {
		return exists(path)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fileErr(err, path)
	}
	return nil
}

// Probe finds out whether files can be created in dir (beside target),
// creating and removing one temporary file named like SaveNewFile's, so that
// a run killed in between leaves a file the next run recognises.
func Probe(dir, target string) error {
	Clean(dir)
	name, err := create(dir, target)
	if err != nil {
		return err
	}
	return os.Remove(name)
}

// Clean removes the temporary files in dir that a Gapwise run killed
// half-way left behind: ours whose process has gone or that are a day old,
// and earlier versions' that are an hour old. Anything else is left alone,
// and failures are ignored (the next save tries again).
func Clean(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !leftover(e) {
			continue
		}
		os.Remove(filepath.Join(dir, e.Name()))
	}
}

func leftover(e fs.DirEntry) bool {
	m := ours().FindStringSubmatch(e.Name())
	isLegacy := m == nil && legacy().MatchString(e.Name())
	if m == nil && !isLegacy {
		return false
	}
	fi, err := e.Info()
	if err != nil {
		return false
	}
	age := now().Sub(fi.ModTime())
	if isLegacy {
		return age > staleLegacy
	}
	pid, err := strconv.Atoi(m[1])
	if err != nil {
		return false
	}
	return age > staleOurs || (pid != os.Getpid() && !alive(pid))
}

func syncFile(name string) error {
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncDir makes a new name durable where the platform can sync a folder.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

func exists(path string) error {
	return model.Errorf(model.Conflict, "%s already exists; choose another name (Gapwise never overwrites your files)", path)
}

// fileErr classifies a failure to write the user's file.
func fileErr(err error, path string) error {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return model.Wrap(model.Denied, err, "cannot write %s", path)
	case errors.Is(err, fs.ErrNotExist):
		return model.Wrap(model.NotFound, err, "cannot write %s: its folder does not exist", path)
	}
	return model.Wrap(model.Invalid, err, "cannot write %s", path)
}
