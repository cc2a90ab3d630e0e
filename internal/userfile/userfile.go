// Package userfile reads the files a user points Gapwise at (assessment
// files, framework files), once and safely: only ordinary files, never more
// than a limit, and never blocking on a FIFO. Every import reads through it.
package userfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"gapwise/internal/model"
)

// Read reads the file at path, which must be an ordinary file (a symbolic
// link to one is fine) of at most limit bytes. what names the kind of file
// expected, for the message about a file too large ("an assessment file").
//
// A FIFO would block the read for ever and a device never ends, so both are
// refused before opening; the file is then opened without blocking and
// checked again, so one swapped in after the first check is refused too.
func Read(path string, limit int64, what string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, openError(path, err)
	}
	if err := check(path, fi, limit, what); err != nil {
		return nil, err
	}
	f, err := openNoBlock(path)
	if err != nil {
		return nil, openError(path, err)
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return nil, model.Wrap(model.BadFile, err, "cannot read %s", path)
	}
	if err := check(path, fi, limit, what); err != nil {
		return nil, err
	}
	data, err := readAll(io.LimitReader(f, limit+1), min(fi.Size(), limit))
	if err != nil {
		return nil, model.Wrap(model.BadFile, err, "cannot read %s", path)
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(path, int64(len(data)), limit, what)
	}
	return data, nil
}

func openError(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return model.Errorf(model.NotFound, "%s does not exist", path)
	case errors.Is(err, fs.ErrPermission):
		return model.Wrap(model.Denied, err, "cannot read %s", path)
	}
	return model.Wrap(model.BadFile, err, "cannot open %s", path)
}

// check refuses a folder, FIFO, socket or device, and a file over limit.
func check(path string, fi fs.FileInfo, limit int64, what string) error {
	m := fi.Mode()
	switch {
	case m.IsRegular():
	case m.IsDir():
		return model.Errorf(model.BadFile, "%s is a folder, not a file", path)
	case m&fs.ModeNamedPipe != 0:
		return model.Errorf(model.BadFile, "%s is a named pipe (FIFO), not a file: Gapwise imports only ordinary files", path)
	case m&fs.ModeSocket != 0:
		return model.Errorf(model.BadFile, "%s is a socket, not a file: Gapwise imports only ordinary files", path)
	case m&fs.ModeDevice != 0:
		return model.Errorf(model.BadFile, "%s is a device, not a file: Gapwise imports only ordinary files", path)
	default:
		return model.Errorf(model.BadFile, "%s is not an ordinary file: Gapwise imports only ordinary files", path)
	}
	if fi.Size() > limit {
		return tooLarge(path, fi.Size(), limit, what)
	}
	return nil
}

func tooLarge(path string, size, limit int64, what string) error {
	return model.Errorf(model.BadFile, "%s is %s; %s is at most %d MiB, so this is not one", path, humanSize(size), what, limit>>20)
}

// humanSize writes a byte count the way a file manager does.
func humanSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", n)
}

// readAll is io.ReadAll into a buffer sized for the file (size bytes, as it
// was when opened) and one byte more, to see the end: a batch import reads
// ten thousand files twice, and io.ReadAll's growing from 512 bytes was most
// of the reading.
func readAll(r io.Reader, size int64) ([]byte, error) {
	data := make([]byte, 0, max(size, 0)+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // a file that grew
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
	}
}
