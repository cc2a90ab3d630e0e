//go:build windows

package workspace

import (
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// networkDrive reports whether path is on a network drive: Windows's own
// answer (GetDriveType) for the volume holding it, which sees mapped
// drives and folder redirection to a server alike.
func networkDrive(path string) (bool, error) {
	dir := existingDir(path)
	p, err := windows.UTF16PtrFromString(dir)
	if err != nil {
		return false, err
	}
	buf := make([]uint16, windows.MAX_PATH+1)
	if err := windows.GetVolumePathName(p, &buf[0], uint32(len(buf))); err != nil {
		return false, err
	}
	return windows.GetDriveType(&buf[0]) == windows.DRIVE_REMOTE, nil
}

// existingDir is the nearest folder of path that exists (the database may
// not have been created yet).
func existingDir(path string) string {
	dir := filepath.Dir(path)
	for {
		if _, err := os.Stat(dir); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			return dir
		}
		dir = up
	}
}
