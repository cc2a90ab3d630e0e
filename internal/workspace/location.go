package workspace

// Where the database lives, and whether that place is fit for it. SQLite's
// write-ahead log needs a local disk: on a network drive or in a folder a
// sync client (OneDrive, Dropbox...) copies behind its back, the database
// can be corrupted or silently lose changes. On Windows the default is
// Local AppData, never Roaming, which trusts often redirect to a server;
// databases left in Roaming by earlier versions are moved with consent.

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"gapwise/internal/model"
	"gapwise/internal/store"
)

// Location is where the database is opened from by default.
type Location struct {
	Path string // the database to open
	// Old is set when Path is a database in the place earlier versions
	// used (Roaming AppData on Windows) and the current place (New) has
	// none yet: offer MoveDatabase(Old, New) before opening.
	Old, New string
}

// env is what the default location depends on, so it can be tested for
// any system on any system.
type env struct {
	goos      string
	getenv    func(string) string
	configDir func() (string, error) // os.UserConfigDir
	exists    func(string) bool
}

func osEnv() env {
	return env{runtime.GOOS, os.Getenv, os.UserConfigDir, func(p string) bool {
		_, err := os.Stat(p)
		return err == nil
	}}
}

// dbName is the database file name in the Gapwise folder.
const dbName = "gapwise.db"

// DefaultPath is where the database lives unless the user says otherwise:
// $GAPWISE_DB, else Gapwise\gapwise.db in Local AppData on Windows, else
// Gapwise/gapwise.db in the user's configuration folder (~/.config on
// Linux). While a database from an earlier version is still in Roaming
// AppData and none is in Local AppData, it is that old one.
func DefaultPath() (string, error) {
	loc, err := DefaultLocation()
	return loc.Path, err
}

// DefaultLocation is DefaultPath with the move an earlier version's
// database is waiting for, if any.
func DefaultLocation() (Location, error) { return osEnv().location() }

func (e env) location() (Location, error) {
	if p := e.getenv(EnvDB); p != "" {
		return Location{Path: p}, nil
	}
	if e.goos != "windows" {
		dir, err := e.configDir()
		if err != nil {
			return Location{}, model.Wrap(model.Internal, err, "cannot find your configuration folder; pass --db PATH")
		}
		return Location{Path: filepath.Join(dir, "Gapwise", dbName)}, nil
	}
	local := e.getenv("LOCALAPPDATA")
	if local == "" {
		return Location{}, model.Errorf(model.Internal, "%%LOCALAPPDATA%% is not set, so Gapwise cannot find your local application data folder; pass --db PATH")
	}
	loc := Location{Path: winJoin(local, "Gapwise", dbName)}
	// Earlier versions used os.UserConfigDir, which is %AppData% (Roaming).
	if roaming := e.getenv("APPDATA"); roaming != "" {
		old := winJoin(roaming, "Gapwise", dbName)
		if !strings.EqualFold(old, loc.Path) && !e.exists(loc.Path) && e.exists(old) {
			return Location{Path: old, Old: old, New: loc.Path}, nil
		}
	}
	return loc, nil
}

// winJoin joins Windows path parts with backslashes whatever system the
// code runs on (filepath.Join would use / in tests on Linux).
func winJoin(parts ...string) string {
	s := strings.TrimRight(parts[0], `\/`)
	for _, p := range parts[1:] {
		s += `\` + p
	}
	return s
}

// MoveDatabase moves a database from an earlier version's place to the
// current one: a consistent copy is made with SQLite's own backup (which
// also carries anything still in the write-ahead log), opened to check it,
// and only then is the old file (with its -wal and -shm) removed. On any
// failure the old database is left as it was.
func MoveDatabase(ctx context.Context, from, to string) error {
	if _, err := os.Lstat(to); err == nil {
		return model.Errorf(model.Conflict, "%s already exists, so the database in %s was not moved", to, from)
	}
	st, err := store.Open(ctx, from)
	if err != nil {
		return err
	}
	err = st.Backup(ctx, to)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return model.Wrap(model.KindOf(err), err, "cannot move your database to %s; it is still in %s", to, from)
	}
	check, err := store.Open(ctx, to)
	if err == nil {
		err = check.Close()
	}
	if err != nil {
		os.Remove(to)
		return model.Wrap(model.KindOf(err), err, "the moved database in %s could not be opened, so the one in %s is kept", to, from)
	}
	for _, p := range []string{from, from + "-wal", from + "-shm"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return model.Wrap(model.Denied, err, "your database was copied to %s, but the old copy %s could not be removed; delete it yourself", to, p)
		}
	}
	os.Remove(filepath.Dir(from)) // the old Gapwise folder, if now empty
	return nil
}

// StorageWarning says, in words for the user, why the folder of the
// database at path is a risky place for it and what to do; "" when it is
// a local folder that no sync client is known to manage.
func StorageWarning(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return storageWarning(abs, runtime.GOOS, networkDrive)
}

// storageWarning is StorageWarning with the system and the network-drive
// test given, so every case can be tested everywhere.
func storageWarning(path, goos string, remote func(string) (bool, error)) string {
	const advice = " SQLite, which keeps your data, needs a local disk: there the database can be damaged or lose changes. " +
		"Close Gapwise, move the file to a folder on this computer that is not synced " +
		"(the default is %s), and start Gapwise with --db and the new path, or set GAPWISE_DB."
	def := "Gapwise/gapwise.db in your configuration folder"
	if goos == "windows" {
		def = `%LOCALAPPDATA%\Gapwise\gapwise.db`
	}
	advised := strings.ReplaceAll(advice, "%s", def)
	if goos == "windows" && (strings.HasPrefix(path, `\\`) || strings.HasPrefix(path, `//`)) &&
		!strings.HasPrefix(path, `\\?\`) && !strings.HasPrefix(path, `\\.\`) {
		return "Your database " + path + " is on a network share." + advised
	}
	if remote != nil {
		if ok, err := remote(path); err == nil && ok {
			return "Your database " + path + " is on a network drive." + advised
		}
	}
	if client := syncedFolder(path); client != "" {
		return "Your database " + path + " is in a folder that " + client + " synchronises." + advised
	}
	return ""
}

// syncClients are folder names that sync clients create, and the client.
var syncClients = []struct{ prefix, client string }{
	{"onedrive", "OneDrive"}, // "OneDrive", "OneDrive - NHS Trust Name"
	{"dropbox", "Dropbox"},
	{"google drive", "Google Drive"},
	{"googledrive", "Google Drive"},
	{"my drive", "Google Drive"},
	{"icloud drive", "iCloud"},
	{"iclouddrive", "iCloud"},
	{"mobile documents", "iCloud"}, // ~/Library/Mobile Documents
	{"box", "Box"},
	{"box sync", "Box"},
	{"nextcloud", "Nextcloud"},
	{"owncloud", "ownCloud"},
	{"sharepoint", "SharePoint"},
}

// syncedFolder names the sync client whose folder holds path, judged by
// the folder names alone (no client is asked): "" when none matches.
func syncedFolder(path string) string {
	parts := strings.FieldsFunc(path, func(r rune) bool { return r == '/' || r == '\\' })
	if len(parts) > 0 {
		parts = parts[:len(parts)-1] // the file itself
	}
	for _, part := range parts {
		p := strings.ToLower(part)
		for _, c := range syncClients {
			if p == c.prefix || strings.HasPrefix(p, c.prefix+" - ") {
				return c.client
			}
		}
		// macOS keeps every file-provider folder under CloudStorage.
		if p == "cloudstorage" {
			return "a cloud storage service"
		}
	}
	return ""
}

// DataProtection says in plain words how the database file is protected
// on this system, for the About screen and the CLI.
func DataProtection() string { return dataProtection(runtime.GOOS) }

func dataProtection(goos string) string {
	if goos == "windows" {
		return "On Windows the database is in your Local AppData folder, which Windows lets only your account " +
			"(and the computer's administrators) open; it is not encrypted by Gapwise, so keep BitLocker or your " +
			"trust's disk encryption on."
	}
	return "The database file is readable and writable by your user account only (mode 0600); it is not " +
		"encrypted by Gapwise, so keep your disk encryption on."
}
