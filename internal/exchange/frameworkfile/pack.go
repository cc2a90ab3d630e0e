package frameworkfile

import (
	"bytes"

	"gapwise/frameworks"
	"gapwise/internal/model"
)

// packReader reads one Gapwise pack JSON with frameworks.Parse, the reader
// of the embedded packs.
var packReader = Reader{Format: FormatPack, Detect: detectPack, Read: readPack}

// detectPack accepts one JSON object that declares the pack format near its
// start (the format key is first in every pack Encode writes, but a
// hand-written one may order keys freely, so look at the whole head).
func detectPack(files []File) bool {
	if len(files) != 1 {
		return false
	}
	data := bytes.TrimLeft(bytes.TrimPrefix(files[0].Data, []byte("\ufeff")), " \t\r\n")
	if len(data) == 0 || data[0] != '{' {
		return false
	}
	return bytes.Contains(data, []byte(`"gapwise.pack"`))
}

func readPack(files []File) (*model.Framework, []string, error) {
	if len(files) != 1 {
		return nil, nil, model.Errorf(model.Invalid, "a Gapwise pack is one JSON file; %d files given", len(files))
	}
	f, err := frameworks.Parse(files[0].Data)
	if err != nil {
		return nil, nil, model.Wrap(model.Invalid, err, "%s", files[0].Name)
	}
	return f, nil, nil
}
