//go:build unix

package userfile

import (
	"os"
	"syscall"
)

// openNoBlock opens a file for reading without waiting for a writer, so a
// FIFO put where a file was expected cannot hang the program.
func openNoBlock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
