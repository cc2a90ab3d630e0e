package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The assessment file is read in two steps: first into a small tree of JSON
// values that remembers where each value starts, then the tree is checked
// field by field. encoding/json's struct decoding cannot say where a value
// was, keeps the last of two duplicate keys silently and turns 2.5 into a
// type error that stops at the first problem; the tree avoids all three.

type jsonKind uint8

const (
	jsonNull jsonKind = iota
	jsonBool
	jsonNumber
	jsonString
	jsonObject
	jsonArray
)

// node is one JSON value and the byte offset where it starts.
type node struct {
	kind    jsonKind
	off     int
	text    string // a string's value, or a number's literal as written
	boolean bool
	members []member // an object's members in file order
	elems   []*node  // an array's elements
}

// member is one key of an object, with where the key starts.
type member struct {
	key string
	off int
	val *node
}

// maxDepth bounds nesting. The format needs three levels (file, ratings,
// rating); anything deeper is not an assessment file.
const maxDepth = 16

// describe names a value's type the way a person reads the file.
func (n *node) describe() string {
	switch n.kind {
	case jsonNull:
		return "null"
	case jsonBool:
		return fmt.Sprint(n.boolean)
	case jsonNumber:
		return "the number " + n.text
	case jsonString:
		if len(n.text) > 40 {
			return "a string"
		}
		return fmt.Sprintf("the string %q", n.text)
	case jsonObject:
		return "an object"
	}
	return "a list"
}

// lineIndex turns byte offsets into 1-based line numbers.
type lineIndex []int // offsets of every '\n'

func newLineIndex(data []byte) lineIndex {
	var nl lineIndex
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			return nl
		}
		nl = append(nl, i+j)
		i += j + 1
	}
}

// line is the line holding the byte at off.
func (nl lineIndex) line(off int) int { return sort.SearchInts(nl, off) + 1 }

// parseTree reads data (valid UTF-8) as exactly one JSON value. On failure
// it returns the offset of the offending byte and a message.
func parseTree(data []byte) (*node, int, string) {
	if len(bytes.TrimLeft(data, " \t\r\n")) == 0 {
		return nil, 0, "the file is empty"
	}
	// The standard scanner checks the syntax (and that nothing follows the
	// value) first, so the tree builder below only follows the structure.
	if !json.Valid(data) {
		var raw json.RawMessage
		err := json.Unmarshal(data, &raw)
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			if syn.Offset >= int64(len(data)) {
				return nil, len(data) - 1, "the file ends too early: it is cut short or not JSON"
			}
			off := max(int(syn.Offset)-1, 0)
			if strings.Contains(syn.Error(), "after top-level value") {
				return nil, off, "unexpected data after the end of the JSON object"
			}
			if strings.Contains(syn.Error(), "max depth") {
				return nil, off, "the JSON is nested too deeply for an assessment file"
			}
			return nil, off, "not valid JSON: " + syn.Error()
		}
		return nil, 0, "not valid JSON"
	}
	p := &treeParser{data: data}
	n, err := p.value(0)
	if err != nil {
		return nil, p.i, err.Error()
	}
	if p.ws(); p.i < len(data) { // the scanner above refuses this already
		return nil, p.i, "unexpected data after the end of the JSON object"
	}
	return n, 0, ""
}

// treeParser builds the tree from data that json.Unmarshal has already
// found to be valid JSON, so it only has to follow the structure; it still
// checks every index, so that a mistake here is an error, never a panic.
type treeParser struct {
	data []byte
	i    int
}

var errBroken = errors.New("not valid JSON")

func (p *treeParser) ws() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\r', '\n':
			p.i++
		default:
			return
		}
	}
}

// peek is the next byte that is not white space, or 0 at the end.
func (p *treeParser) peek() byte {
	p.ws()
	if p.i < len(p.data) {
		return p.data[p.i]
	}
	return 0
}

// expect consumes c as the next byte that is not white space.
func (p *treeParser) expect(c byte) error {
	if p.peek() != c {
		return errBroken
	}
	p.i++
	return nil
}

func (p *treeParser) value(depth int) (*node, error) {
	c := p.peek()
	n := &node{off: p.i}
	switch {
	case c == '{' || c == '[':
		if depth >= maxDepth {
			return nil, errors.New("the JSON is nested too deeply for an assessment file")
		}
		p.i++
		end := byte('}')
		if c == '[' {
			end = ']'
			n.kind = jsonArray
		} else {
			n.kind = jsonObject
		}
		if p.peek() == end {
			p.i++
			return n, nil
		}
		for {
			if c == '{' {
				if p.peek() != '"' {
					return nil, errBroken
				}
				koff := p.i
				key, err := p.string()
				if err != nil {
					return nil, err
				}
				if err := p.expect(':'); err != nil {
					return nil, err
				}
				v, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.members = append(n.members, member{key: key, off: koff, val: v})
			} else {
				v, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.elems = append(n.elems, v)
			}
			switch p.peek() {
			case ',':
				p.i++
			case end:
				p.i++
				return n, nil
			default:
				return nil, errBroken
			}
		}
	case c == '"':
		s, err := p.string()
		if err != nil {
			return nil, err
		}
		n.kind, n.text = jsonString, s
	case c == 't' || c == 'f' || c == 'n':
		for _, lit := range []string{"true", "false", "null"} {
			if bytes.HasPrefix(p.data[p.i:], []byte(lit)) {
				p.i += len(lit)
				n.kind, n.boolean = jsonBool, lit == "true"
				if lit == "null" {
					n.kind = jsonNull
				}
				return n, nil
			}
		}
		return nil, errBroken
	case c == '-' || '0' <= c && c <= '9':
		start := p.i
		for p.i < len(p.data) && strings.IndexByte("+-0123456789.eE", p.data[p.i]) >= 0 {
			p.i++
		}
		n.kind, n.text = jsonNumber, string(p.data[start:p.i])
	default:
		return nil, errBroken
	}
	return n, nil
}

// string reads a JSON string starting at p.i. A \u escape of half a
// UTF-16 surrogate pair without its other half is refused, with p.i at the
// escape: encoding/json would quietly turn it into U+FFFD, so a name would
// change on its way in.
func (p *treeParser) string() (string, error) {
	start := p.i
	escaped := false
	for j := start + 1; j < len(p.data); j++ {
		switch p.data[j] {
		case '\\':
			escaped = true
			j++
		case '"':
			p.i = j + 1
			raw := p.data[start+1 : j]
			if !escaped {
				return string(raw), nil
			}
			s, bad, err := unescape(raw)
			if err != nil {
				p.i = start + 1 + bad
			}
			return s, err
		}
	}
	return "", errBroken
}

// unescape decodes the inside of a JSON string that the scanner has found
// valid. On a lone surrogate it returns the escape's offset in raw.
func unescape(raw []byte) (string, int, error) {
	var b strings.Builder
	b.Grow(len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if i+1 >= len(raw) {
			return "", i, errBroken
		}
		i++
		switch raw[i] {
		case '"', '\\', '/':
			b.WriteByte(raw[i])
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			at := i - 1
			r, ok := hex4(raw, i+1)
			if !ok {
				return "", at, errBroken
			}
			i += 4
			if utf16.IsSurrogate(r) {
				lo, ok := rune(0), false
				if r < 0xdc00 && i+2 < len(raw) && raw[i+1] == '\\' && raw[i+2] == 'u' {
					lo, ok = hex4(raw, i+3)
				}
				pair := utf16.DecodeRune(r, lo)
				if !ok || pair == utf8.RuneError {
					return "", at, fmt.Errorf("%s is half of a UTF-16 surrogate pair without its other half: it is not a character (the program that wrote the file damaged the text)", raw[at:at+6])
				}
				r = pair
				i += 6
			}
			b.WriteRune(r)
		default:
			return "", i - 1, errBroken
		}
	}
	return b.String(), 0, nil
}

// hex4 reads the four hex digits of a \u escape at raw[i:].
func hex4(raw []byte, i int) (rune, bool) {
	if i+4 > len(raw) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(raw[i:i+4]), 16, 32)
	return rune(v), err == nil
}
