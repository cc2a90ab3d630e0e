package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
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
	// The standard scanner finds syntax errors (and trailing data) and where
	// they are more exactly than the token stream does, so it goes first.
	var raw json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			if syn.Offset >= int64(len(data)) {
				return nil, len(data) - 1, "the file ends too early: it is cut short or not JSON"
			}
			off := max(int(syn.Offset)-1, 0)
			if strings.Contains(syn.Error(), "after top-level value") {
				return nil, off, "unexpected data after the end of the JSON object"
			}
			return nil, off, "not valid JSON: " + syn.Error()
		}
		return nil, 0, "not valid JSON: " + err.Error()
	}
	p := &treeParser{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	p.dec.UseNumber()
	n, err := p.value(0)
	if err != nil {
		var deep *depthError
		if errors.As(err, &deep) {
			return nil, deep.off, "the JSON is nested too deeply for an assessment file"
		}
		return nil, p.next(), "not valid JSON: " + err.Error()
	}
	if _, err := p.dec.Token(); !errors.Is(err, io.EOF) {
		return nil, p.next(), "unexpected data after the end of the JSON object"
	}
	return n, 0, ""
}

type depthError struct{ off int }

func (e *depthError) Error() string { return "nested too deeply" }

type treeParser struct {
	data []byte
	dec  *json.Decoder
}

// next is the offset of the next token: the decoder's offset is just after
// the previous token, before any white space, ':' or ','.
func (p *treeParser) next() int {
	i := int(p.dec.InputOffset())
	for i < len(p.data) {
		switch p.data[i] {
		case ' ', '\t', '\r', '\n', ',', ':':
			i++
		default:
			return i
		}
	}
	return max(len(p.data)-1, 0)
}

func (p *treeParser) value(depth int) (*node, error) {
	off := p.next()
	tok, err := p.dec.Token()
	if err != nil {
		return nil, err
	}
	n := &node{off: off}
	switch t := tok.(type) {
	case json.Delim:
		if depth >= maxDepth {
			return nil, &depthError{off}
		}
		switch t {
		case '{':
			n.kind = jsonObject
			for p.dec.More() {
				koff := p.next()
				tok, err := p.dec.Token()
				if err != nil {
					return nil, err
				}
				key, ok := tok.(string)
				if !ok {
					return nil, fmt.Errorf("object key is not a string")
				}
				v, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.members = append(n.members, member{key: key, off: koff, val: v})
			}
		case '[':
			n.kind = jsonArray
			for p.dec.More() {
				v, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.elems = append(n.elems, v)
			}
		default:
			return nil, fmt.Errorf("unexpected %q", rune(t))
		}
		if _, err := p.dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
	case string:
		n.kind, n.text = jsonString, t
	case json.Number:
		n.kind, n.text = jsonNumber, string(t)
	case bool:
		n.kind, n.boolean = jsonBool, t
	case nil:
		n.kind = jsonNull
	default:
		return nil, fmt.Errorf("unexpected token %v", tok)
	}
	return n, nil
}
