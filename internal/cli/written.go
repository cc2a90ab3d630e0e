package cli

import (
	"os"
	"path/filepath"
	"strings"
)

// fileJSON is a file a command wrote, as --json prints it.
type fileJSON struct {
	Path   string `json:"path"`
	Format string `json:"format"`
	Bytes  int64  `json:"bytes"`
}

// writtenJSON is what every file-writing command prints with --json.
type writtenJSON struct {
	Files []fileJSON `json:"files"`
}

// wrote reports the files a command wrote: in words through say, or with
// asJSON as one JSON object on stdout, the words (which carry the privacy
// notes) then going to stderr.
func (e *env) wrote(asJSON bool, say func(*env) error, files ...fileJSON) error {
	if !asJSON {
		return say(e)
	}
	quiet := *e
	quiet.out = e.errOut
	if err := say(&quiet); err != nil {
		return err
	}
	for i, f := range files {
		if abs, err := filepath.Abs(f.Path); err == nil {
			files[i].Path = abs
		}
		if f.Format == "" {
			files[i].Format = strings.TrimPrefix(filepath.Ext(f.Path), ".")
		}
		if fi, err := os.Stat(f.Path); err == nil {
			files[i].Bytes = fi.Size()
		}
	}
	return writeJSON(e.out, writtenJSON{Files: files})
}
