//go:build !unix

package userfile

import "os"

// openNoBlock opens a file for reading. Outside Unix there are no FIFOs on
// the file system to block on.
func openNoBlock(path string) (*os.File, error) { return os.Open(path) }
