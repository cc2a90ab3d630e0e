package frameworks

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"sync"

	"gapwise/internal/model"
)

// The compiled form of a framework: a compact binary encoding of a parsed,
// validated model.Framework that the store keeps beside the pack's JSON, so
// that opening an assessment does not parse several hundred kilobytes of
// JSON (13 ms for DDaT, half of a CLI command's run) each time. It is a
// cache, never the record: the JSON stays the source, the store drops the
// compiled form whenever a pack's JSON changes, and a compiled form that
// does not decode is ignored and rebuilt from the JSON.
//
// Layout: the magic "GWFC", a version byte, the fields of model.Framework in
// declaration order (strings and slices as a uvarint length then their
// contents, a nil slice as length 0 and a non-nil one as length+1, ints as
// zigzag varints, bools as one byte), then a CRC-32C of everything before
// it, so a damaged blob is noticed instead of misread. Decoding takes the
// text of every string from one copy of the blob.
//
// CompiledVersion changes whenever the layout does (a field added to the
// model means a new version: TestCompiledCoversEveryField fails until the
// codec writes it).
const CompiledVersion = 1

const compiledMagic = "GWFC"

// castagnoli is made on first use: making it at package initialisation
// cost every command 0.1 ms.
var castagnoli = sync.OnceValue(func() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) })

// Compile encodes f, which must be a valid framework (as Parse returns).
func Compile(f *model.Framework) []byte {
	e := encoder{b: make([]byte, 0, 64<<10)}
	e.b = append(e.b, compiledMagic...)
	e.b = append(e.b, CompiledVersion)
	e.str(f.Ref.ID)
	e.str(f.Ref.Version)
	e.str(f.Name)
	e.str(f.ShortName)
	e.str(f.Publisher)
	e.str(f.SourceURL)
	e.str(f.Licence)
	e.str(f.LicenceURL)
	e.str(f.Attribution)
	e.bool(f.Provisional)
	e.str(f.ProvisionalNote)
	e.str(f.Released)
	e.str(f.Notice)
	e.strs(f.GroupKinds)
	e.str(f.Scale.Name)
	e.str(f.Scale.Description)
	if e.len(f.Scale.Levels == nil, len(f.Scale.Levels)) {
		for _, l := range f.Scale.Levels {
			e.int(l.Value)
			e.str(l.Name)
			e.str(l.Description)
		}
	}
	if e.len(f.Groups == nil, len(f.Groups)) {
		for _, g := range f.Groups {
			e.str(g.ID)
			e.str(g.Title)
			e.str(g.Kind)
			e.str(g.Parent)
			e.str(g.Description)
			e.str(g.Note)
		}
	}
	if e.len(f.Items == nil, len(f.Items)) {
		for i := range f.Items {
			it := &f.Items[i]
			e.str(it.ID)
			e.str(it.Title)
			e.str(it.Group)
			e.str(it.Description)
			e.str(it.Guidance)
			e.str(it.URL)
			e.ints(it.Levels)
			e.descriptors(it.Descriptors)
			e.str(it.Confidence)
			e.str(it.Note)
			e.strs(it.Related)
			if e.len(it.Resources == nil, len(it.Resources)) {
				for _, r := range it.Resources {
					e.str(r.Title)
					e.str(r.URL)
					e.str(r.Provider)
					e.str(r.Kind)
				}
			}
		}
	}
	if e.len(f.Roles == nil, len(f.Roles)) {
		for i := range f.Roles {
			r := &f.Roles[i]
			e.str(r.ID)
			e.str(r.Family)
			e.str(r.Title)
			e.str(r.Description)
			e.str(r.Type)
			if e.len(r.Levels == nil, len(r.Levels)) {
				for _, l := range r.Levels {
					e.str(l.ID)
					e.str(l.Title)
					e.str(l.Description)
					e.int(l.Rank)
					e.requirements(l.Requirements)
				}
			}
			e.requirements(r.Requirements)
		}
	}
	if e.len(f.Attributes == nil, len(f.Attributes)) {
		for _, a := range f.Attributes {
			e.str(a.Code)
			e.str(a.Name)
			e.str(a.Type)
			e.str(a.Description)
			e.descriptors(a.Levels)
		}
	}
	return binary.LittleEndian.AppendUint32(e.b, crc32.Checksum(e.b, castagnoli()))
}

type encoder struct{ b []byte }

func (e *encoder) str(s string) {
	e.b = binary.AppendUvarint(e.b, uint64(len(s)))
	e.b = append(e.b, s...)
}

func (e *encoder) int(n int) { e.b = binary.AppendVarint(e.b, int64(n)) }

func (e *encoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func (e *encoder) strs(s []string) {
	if e.len(s == nil, len(s)) {
		for _, v := range s {
			e.str(v)
		}
	}
}

// len writes a slice's length (0 for nil) and reports whether it has
// elements to write.
func (e *encoder) len(isNil bool, n int) bool {
	if isNil {
		e.b = append(e.b, 0)
		return false
	}
	e.b = binary.AppendUvarint(e.b, uint64(n)+1)
	return n > 0
}

func (e *encoder) ints(v []int) {
	if e.len(v == nil, len(v)) {
		for _, n := range v {
			e.int(n)
		}
	}
}

func (e *encoder) descriptors(ds []model.Descriptor) {
	if e.len(ds == nil, len(ds)) {
		for _, d := range ds {
			e.int(d.Level)
			e.str(d.Text)
		}
	}
}

func (e *encoder) requirements(rs []model.Requirement) {
	if e.len(rs == nil, len(rs)) {
		for _, r := range rs {
			e.str(r.Item)
			e.int(r.Level)
		}
	}
}

// errCompiled is every decoding failure: the caller falls back to the JSON.
var errCompiled = errors.New("compiled framework: damaged or of another version")

// Decompile decodes what Compile wrote. Any damage, truncation or other
// version is an error (never a panic), and the caller parses the JSON
// instead.
func Decompile(data []byte) (*model.Framework, error) {
	const head = len(compiledMagic) + 1
	if len(data) < head+4 || string(data[:len(compiledMagic)]) != compiledMagic || data[len(compiledMagic)] != CompiledVersion {
		return nil, errCompiled
	}
	body := data[:len(data)-4]
	if binary.LittleEndian.Uint32(data[len(data)-4:]) != crc32.Checksum(body, castagnoli()) {
		return nil, errCompiled
	}
	return decompile(string(body[head:])) // one copy: every string is a slice of it
}

// decompile decodes the fields that follow the magic and version byte, to
// the end of s (the checksum already checked and cut off, or never needed:
// a built-in pack's compiled form is part of the program).
func decompile(s string) (*model.Framework, error) {
	d := decoder{s: s}
	f := &model.Framework{}
	f.Ref.ID = d.str()
	f.Ref.Version = d.str()
	f.Name = d.str()
	f.ShortName = d.str()
	f.Publisher = d.str()
	f.SourceURL = d.str()
	f.Licence = d.str()
	f.LicenceURL = d.str()
	f.Attribution = d.str()
	f.Provisional = d.bool()
	f.ProvisionalNote = d.str()
	f.Released = d.str()
	f.Notice = d.str()
	f.GroupKinds = d.strs()
	f.Scale.Name = d.str()
	f.Scale.Description = d.str()
	f.Scale.Levels = slice(&d, 3, func(l *model.Level) {
		l.Value = d.int()
		l.Name = d.str()
		l.Description = d.str()
	})
	f.Groups = slice(&d, 6, func(g *model.Group) {
		g.ID = d.str()
		g.Title = d.str()
		g.Kind = d.str()
		g.Parent = d.str()
		g.Description = d.str()
		g.Note = d.str()
	})
	f.Items = slice(&d, 12, func(it *model.Item) {
		it.ID = d.str()
		it.Title = d.str()
		it.Group = d.str()
		it.Description = d.str()
		it.Guidance = d.str()
		it.URL = d.str()
		it.Levels = slice(&d, 1, func(n *int) { *n = d.int() })
		it.Descriptors = d.descriptors()
		it.Confidence = d.str()
		it.Note = d.str()
		it.Related = d.strs()
		it.Resources = slice(&d, 4, func(r *model.Resource) {
			r.Title = d.str()
			r.URL = d.str()
			r.Provider = d.str()
			r.Kind = d.str()
		})
	})
	f.Roles = slice(&d, 7, func(r *model.Role) {
		r.ID = d.str()
		r.Family = d.str()
		r.Title = d.str()
		r.Description = d.str()
		r.Type = d.str()
		r.Levels = slice(&d, 5, func(l *model.RoleLevel) {
			l.ID = d.str()
			l.Title = d.str()
			l.Description = d.str()
			l.Rank = d.int()
			l.Requirements = d.requirements()
		})
		r.Requirements = d.requirements()
	})
	f.Attributes = slice(&d, 5, func(a *model.Attribute) {
		a.Code = d.str()
		a.Name = d.str()
		a.Type = d.str()
		a.Description = d.str()
		a.Levels = d.descriptors()
	})
	if d.bad || d.off != len(d.s) {
		return nil, errCompiled
	}
	return f, nil
}

// decoder reads s from off; after the first problem bad is set and every
// read returns a zero value, so the structure above needs no error checks.
type decoder struct {
	s   string
	off int
	bad bool
}

func (d *decoder) uvarint() uint64 {
	if d.bad {
		return 0
	}
	var v uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if d.off >= len(d.s) {
			break
		}
		c := d.s[d.off]
		d.off++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	d.bad = true
	return 0
}

func (d *decoder) int() int {
	u := d.uvarint()
	return int(int64(u>>1) ^ -int64(u&1))
}

func (d *decoder) bool() bool {
	switch d.uvarint() {
	case 0:
		return false
	case 1:
		return true
	}
	d.bad = true
	return false
}

func (d *decoder) str() string {
	n := d.uvarint()
	if n > uint64(len(d.s)-d.off) {
		d.bad = true
		return ""
	}
	s := d.s[d.off : d.off+int(n)]
	d.off += int(n)
	return s
}

func (d *decoder) strs() []string {
	return slice(d, 1, func(s *string) { *s = d.str() })
}

func (d *decoder) descriptors() []model.Descriptor {
	return slice(d, 2, func(x *model.Descriptor) {
		x.Level = d.int()
		x.Text = d.str()
	})
}

func (d *decoder) requirements() []model.Requirement {
	return slice(d, 2, func(r *model.Requirement) {
		r.Item = d.str()
		r.Level = d.int()
	})
}

// slice reads a length (see encoder.len) and that many elements with each.
// minBytes is the least an element can take, so that a damaged length
// cannot make it allocate more than the blob could hold.
func slice[T any](d *decoder, minBytes int, each func(*T)) []T {
	n := d.uvarint()
	if n == 0 || d.bad {
		return nil
	}
	n--
	if n > uint64((len(d.s)-d.off)/minBytes) {
		d.bad = true
		return nil
	}
	out := make([]T, n)
	for i := range out {
		if d.bad {
			return nil
		}
		each(&out[i])
	}
	return out
}
