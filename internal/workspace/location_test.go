package workspace

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gapwise/internal/model"
)

func TestDefaultLocation(t *testing.T) {
	winEnv := map[string]string{
		"LOCALAPPDATA": `C:\Users\zoe\AppData\Local`,
		"APPDATA":      `\\fileserver\redirected$\zoe\AppData\Roaming`,
	}
	const local = `C:\Users\zoe\AppData\Local\Gapwise\gapwise.db`
	const roaming = `\\fileserver\redirected$\zoe\AppData\Roaming\Gapwise\gapwise.db`
	tests := []struct {
		name   string
		goos   string
		vars   map[string]string
		exists []string
		want   Location
		err    bool
	}{
		{"windows: Local AppData, not Roaming", "windows", winEnv, nil, Location{Path: local}, false},
		{"windows: both exist, Local wins", "windows", winEnv, []string{local, roaming}, Location{Path: local}, false},
		{"windows: only the old Roaming one: use it until moved", "windows", winEnv, []string{roaming},
			Location{Path: roaming, Old: roaming, New: local}, false},
		{"windows: GAPWISE_DB wins", "windows", map[string]string{"GAPWISE_DB": `D:\x.db`, "LOCALAPPDATA": `C:\L`}, []string{roaming},
			Location{Path: `D:\x.db`}, false},
		{"windows: no LOCALAPPDATA", "windows", map[string]string{"APPDATA": `C:\R`}, nil, Location{}, true},
		{"linux: configuration folder", "linux", nil, nil, Location{Path: filepath.Join("/home/zoe/.config", "Gapwise", "gapwise.db")}, false},
		{"linux: GAPWISE_DB", "linux", map[string]string{"GAPWISE_DB": "/tmp/x.db"}, nil, Location{Path: "/tmp/x.db"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := env{
				goos:      tc.goos,
				getenv:    func(k string) string { return tc.vars[k] },
				configDir: func() (string, error) { return "/home/zoe/.config", nil },
				exists: func(p string) bool {
					for _, x := range tc.exists {
						if x == p {
							return true
						}
					}
					return false
				},
			}
			got, err := e.location()
			if (err != nil) != tc.err || got != tc.want {
				t.Errorf("location() = %+v, %v; want %+v (error %v)", got, err, tc.want, tc.err)
			}
		})
	}
}

func TestStorageWarning(t *testing.T) {
	noNet := func(string) (bool, error) { return false, nil }
	net := func(string) (bool, error) { return true, nil }
	broken := func(string) (bool, error) { return true, errors.New("no volume") }
	tests := []struct {
		path, goos string
		remote     func(string) (bool, error)
		want       string // "" means no warning
	}{
		{`C:\Users\zoe\AppData\Local\Gapwise\gapwise.db`, "windows", noNet, ""},
		{`H:\Gapwise\gapwise.db`, "windows", net, "is on a network drive"},
		{`H:\Gapwise\gapwise.db`, "windows", broken, ""},
		{`\\fileserver\home$\zoe\gapwise.db`, "windows", noNet, "is on a network share"},
		{`\\?\C:\Users\zoe\gapwise.db`, "windows", noNet, ""},
		{`C:\Users\zoe\OneDrive - Example NHS Trust\Documents\gapwise.db`, "windows", noNet, "OneDrive synchronises"},
		{`C:\Users\zoe\OneDrive\gapwise.db`, "windows", noNet, "OneDrive synchronises"},
		{`C:\Users\zoe\Documents\OneDrive notes\gapwise.db`, "windows", noNet, ""},
		{`C:\Users\zoe\Dropbox\gapwise.db`, "windows", noNet, "Dropbox synchronises"},
		{`G:\My Drive\gapwise.db`, "windows", noNet, "Google Drive synchronises"},
		{"/Users/zoe/Library/Mobile Documents/com~apple~CloudDocs/gapwise.db", "darwin", noNet, "iCloud synchronises"},
		{"/Users/zoe/Library/CloudStorage/OneDrive-Personal/gapwise.db", "darwin", noNet, "a cloud storage service synchronises"},
		{"/home/zoe/Nextcloud/gapwise.db", "linux", noNet, "Nextcloud synchronises"},
		{"/home/zoe/.config/Gapwise/gapwise.db", "linux", noNet, ""},
		{"/home/zoe/onedrive.db", "linux", noNet, ""}, // the file's own name is not a folder
		{"/mnt/nfs/gapwise.db", "linux", net, "is on a network drive"},
	}
	for _, tc := range tests {
		got := storageWarning(tc.path, tc.goos, tc.remote)
		if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("storageWarning(%q, %s) = %q; want %q", tc.path, tc.goos, got, tc.want)
		}
		if got != "" && (!strings.Contains(got, tc.path) || !strings.Contains(got, "--db")) {
			t.Errorf("warning %q does not name the file and say what to do", got)
		}
	}
	if w := storageWarning(`H:\x.db`, "windows", net); !strings.Contains(w, `%LOCALAPPDATA%\Gapwise\gapwise.db`) {
		t.Errorf("Windows advice does not name Local AppData: %q", w)
	}
}

func TestDataProtection(t *testing.T) {
	if w := dataProtection("windows"); !strings.Contains(w, "Local AppData") || strings.Contains(w, "0600") {
		t.Errorf("Windows: %q", w)
	}
	for _, goos := range []string{"linux", "darwin"} {
		if w := dataProtection(goos); !strings.Contains(w, "0600") {
			t.Errorf("%s: %q", goos, w)
		}
	}
}

// TestMoveDatabase: everything in the old database arrives, including
// and the old files and folder are gone; a
// move onto an existing database is refused and changes nothing.
func TestMoveDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	from := filepath.Join(dir, "Roaming", "Gapwise", "gapwise.db")
	os.MkdirAll(filepath.Dir(from), 0o700)
	w, err := Open(ctx, from)
	if err != nil {
		t.Fatal(err)
	}
	p, err := w.AddPerson(ctx, model.Person{Name: "Zoë Ødegård", Discipline: "nurse"})
	if err != nil {
		t.Fatal(err)
	}
	w.Close()

	to := filepath.Join(dir, "Local", "Gapwise", "gapwise.db")
	if err := MoveDatabase(ctx, from, to); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{from, from + "-wal", filepath.Dir(from)} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s is still there after the move (%v)", p, err)
		}
	}
	moved, err := Open(ctx, to)
	if err != nil {
		t.Fatal(err)
	}
	defer moved.Close()
	if got, err := moved.Person(ctx, p.ID); err != nil || got.Name != "Zoë Ødegård" {
		t.Errorf("after the move: %+v, %v", got, err)
	}
	if info, err := os.Stat(to); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("moved database: %v, %v; want mode 0600", info, err)
	}

	// Refused onto an existing database; the source stays.
	other := filepath.Join(dir, "other.db")
	o, _ := Open(ctx, other)
	o.Close()
	if err := MoveDatabase(ctx, other, to); model.KindOf(err) != model.Conflict {
		t.Errorf("onto an existing database: %v", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("the source of a refused move is gone: %v", err)
	}
}
