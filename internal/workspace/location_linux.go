//go:build linux

package workspace

import (
	"os"
	"path/filepath"
	"syscall"
)

// Linux file system types that live on another machine.
var remoteFS = map[int64]string{
	0x6969:     "NFS",
	0x517B:     "SMB",
	0xFF534D42: "CIFS",
	0xFE534D42: "SMB2",
	0x5346414F: "AFS",
	0x564C:     "NCP",
	0x73757245: "Coda",
}

// networkDrive reports whether the file system holding path (or its
// nearest existing folder) is a network one.
func networkDrive(path string) (bool, error) {
	dir := filepath.Dir(path)
	for {
		var st syscall.Statfs_t
		err := syscall.Statfs(dir, &st)
		if err == nil {
			_, remote := remoteFS[int64(st.Type)]
			return remote, nil
		}
		if !os.IsNotExist(err) {
			return false, err
		}
		up := filepath.Dir(dir)
		if up == dir {
			return false, err
		}
		dir = up
	}
}
