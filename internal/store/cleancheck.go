package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// Integrity checking that costs nothing when nothing changed.
//
// PRAGMA quick_check reads the whole file, which on an organisation's
// database was most of a short command's run. Gapwise checks a file once and,
// when it closes it cleanly (write-ahead log checkpointed away), remembers
// the file's identity: its size, modification time and the SQLite header
// (which carries the change counter, page count and schema cookie). The next
// open skips the check only when all of that is unchanged and no -wal file
// is waiting; any difference, a crash, or another program's write means a
// full check first, as before. `db check` always runs the full
// integrity_check.
//
// The record lives in Gapwise's own cache folder, never beside the user's
// database, keyed by the database's absolute path.

// fileIdentity is what must be unchanged for a check to be skipped.
type fileIdentity struct {
	Size    int64  `json:"size"`
	ModNano int64  `json:"mod_nano"`
	Header  string `json:"header_sha256"` // of the first 100 bytes
}

// checkCacheDir is where clean-check records go; a variable so tests can
// point it at a temporary folder.
var checkCacheDir = func() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "Gapwise", "checked"), nil
}

// identify reads the identity of the file at path. ok is false when a -wal
// file is present (committed changes may be outside the main file) or the
// file cannot be read.
func identify(path string) (id fileIdentity, ok bool) {
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		return id, false
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return id, false
	}
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return id, false
	}
	hdr, err := readHeader(path)
	if err != nil || len(hdr) < 100 {
		return id, false
	}
	sum := sha256.Sum256(hdr)
	return fileIdentity{Size: fi.Size(), ModNano: fi.ModTime().UnixNano(), Header: hex.EncodeToString(sum[:])}, true
}

func recordPath(dbPath string) (string, error) {
	dir, err := checkCacheDir()
	if err != nil {
		return "", err
	}
	key := sha256.Sum256([]byte(dbPath))
	return filepath.Join(dir, hex.EncodeToString(key[:12])+".json"), nil
}

// knownClean reports whether path is exactly as Gapwise last left it after
// a clean close, so its integrity check can be skipped.
func knownClean(path string) bool {
	_, ok := cleanIdentity(path)
	return ok
}

// cleanIdentity is knownClean with the identity that matched the record.
func cleanIdentity(path string) (fileIdentity, bool) {
	now, ok := identify(path)
	if !ok {
		return now, false
	}
	rp, err := recordPath(path)
	if err != nil {
		return now, false
	}
	data, err := os.ReadFile(rp)
	if err != nil {
		return now, false
	}
	var rec struct {
		Path string       `json:"path"`
		ID   fileIdentity `json:"identity"`
	}
	if json.Unmarshal(data, &rec) != nil {
		return now, false
	}
	return now, rec.Path == path && rec.ID == now
}

// walEmpty reports whether path has no -wal file with frames in it: no
// change has been committed since the last checkpoint.
func walEmpty(path string) bool {
	fi, err := os.Stat(path + "-wal")
	return errors.Is(err, fs.ErrNotExist) || err == nil && fi.Size() == 0
}

// rememberClean records path's identity after Gapwise closed it cleanly.
// Failing to record only costs the next open a full check, so errors are
// dropped (and any stale record emptied).
//
// The record is rewritten in place rather than through a temporary file
// and a rename: creating files was a large part of a short command's run,
// and a record cut short by a crash is not valid JSON, so it only means a
// full check, never a skipped one.
func rememberClean(path string) {
	rp, err := recordPath(path)
	if err != nil {
		return
	}
	id, ok := identify(path)
	if !ok {
		forgetClean(path)
		return
	}
	data, err := json.Marshal(struct {
		Path string       `json:"path"`
		ID   fileIdentity `json:"identity"`
	}{path, id})
	if err != nil {
		return
	}
	err = os.WriteFile(rp, data, 0o600)
	if errors.Is(err, fs.ErrNotExist) && os.MkdirAll(filepath.Dir(rp), 0o700) == nil {
		err = os.WriteFile(rp, data, 0o600)
	}
	if err != nil {
		forgetClean(path)
	}
}

// forgetClean empties the record, so the next open checks in full. (It is
// emptied rather than removed so that rememberClean need not create it
// again.)
func forgetClean(path string) {
	if rp, err := recordPath(path); err == nil {
		if err := os.Truncate(rp, 0); err != nil && !errors.Is(err, fs.ErrNotExist) {
			os.Remove(rp)
		}
	}
}
