package frameworks

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strings"

	"gapwise/internal/model"
)

// Parse reads a pack strictly: unknown fields and anything after the JSON
// value are refused, because a misspelt field in a hand-written pack would
// otherwise vanish silently. The result is validated. Every error is
// model.Invalid with a message that says where and what.
func Parse(data []byte) (*model.Framework, error) {
	// Windows editors often save UTF-8 with a byte-order mark; it carries no content.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var p packJSON
	if err := dec.Decode(&p); err != nil {
		return nil, decodeError(data, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		line, col := position(data, dec.InputOffset())
		return nil, model.Errorf(model.Invalid, "pack: unexpected data after the JSON object at line %d, column %d", line, col)
	}
	if p.Format != packFormat {
		return nil, model.Errorf(model.Invalid, "pack: format is %q, want %q", p.Format, packFormat)
	}
	if p.FormatVersion != packFormatVersion {
		return nil, model.Errorf(model.Invalid, "pack: format_version %d is not supported (this Gapwise reads version %d)", p.FormatVersion, packFormatVersion)
	}
	f := toModel(&p)
	if err := Validate(f); err != nil {
		return nil, err
	}
	return f, nil
}

// Encode writes a pack as indented JSON with a trailing newline. The output
// depends only on f, so regenerated packs diff cleanly; f is validated first
// so that no invalid pack is ever written.
func Encode(f *model.Framework) ([]byte, error) {
	if err := Validate(f); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // keep "&" and "<" readable in framework text
	if err := enc.Encode(fromModel(f)); err != nil {
		return nil, model.Wrap(model.Internal, err, "pack %s: encode", f.Ref)
	}
	return buf.Bytes(), nil
}

// decodeError turns encoding/json's errors into a message naming the line,
// column and field where possible.
func decodeError(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return model.Errorf(model.Invalid, "pack: the file is empty")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return model.Errorf(model.Invalid, "pack: the JSON ends too early")
	case errors.As(err, &syn):
		// Offset counts the offending byte itself; point at it.
		line, col := position(data, syn.Offset-1)
		return model.Errorf(model.Invalid, "pack: invalid JSON at line %d, column %d: %s", line, col, trimJSON(syn.Error()))
	case errors.As(err, &typ):
		line, col := position(data, typ.Offset)
		where := "the pack"
		if typ.Field != "" {
			where = "field " + typ.Field
		}
		return model.Errorf(model.Invalid, "pack: line %d, column %d: %s must be %s, not a JSON %s", line, col, where, jsonKind(typ.Type.Kind().String()), typ.Value)
	}
	msg := trimJSON(err.Error())
	// encoding/json gives no offset for an unknown field; find the first
	// place the key is used so the author can go straight to it.
	if field, ok := strings.CutPrefix(msg, "unknown field "); ok {
		key := regexp.MustCompile(regexp.QuoteMeta(field) + `\s*:`)
		if loc := key.FindIndex(data); loc != nil {
			line, col := position(data, int64(loc[0]))
			return model.Errorf(model.Invalid, "pack: line %d, column %d: unknown field %s", line, col, field)
		}
	}
	return model.Errorf(model.Invalid, "pack: %s", msg)
}

func trimJSON(msg string) string { return strings.TrimPrefix(msg, "json: ") }

// jsonKind names a Go kind the way a pack author thinks of it.
func jsonKind(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "slice", "array":
		return "a list"
	case "struct", "map":
		return "an object"
	}
	if strings.HasPrefix(kind, "int") || strings.HasPrefix(kind, "uint") || strings.HasPrefix(kind, "float") {
		return "a whole number"
	}
	return "a " + kind
}

// position converts a byte offset to a 1-based line and column.
func position(data []byte, offset int64) (line, col int) {
	if offset < 0 {
		offset = 0
	}
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(offset) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}
