//go:build unix

package savefile

import (
	"errors"
	"syscall"
)

// alive reports whether a process with this id exists (signal 0 checks
// without sending anything; EPERM means it exists but is someone else's).
func alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
