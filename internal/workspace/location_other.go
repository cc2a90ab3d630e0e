//go:build !windows && !linux

package workspace

// networkDrive is not known on this system; the synced-folder check still
// applies.
func networkDrive(string) (bool, error) { return false, nil }
