package exchange

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"gapwise/internal/model"
)

// The keys each object of the file may have, in the order Encode writes
// them, and those it must have. docs/assessment.schema.json lists the same
// (a test keeps them in step).
var (
	fileKeys          = []string{"format", "format_version", "generator", "id", "person", "framework", "kind", "assessor", "scope", "created_at", "updated_at", "ratings", "targets"}
	fileRequired      = []string{"format", "format_version", "id", "person", "framework", "kind", "created_at", "updated_at", "ratings"}
	personKeys        = []string{"id", "name", "discipline", "role", "organisation", "informatics_wte"}
	personRequired    = []string{"id", "name", "discipline"}
	frameworkKeys     = []string{"id", "version"}
	frameworkRequired = []string{"id", "version"}
	scopeKeys         = []string{"group", "role_level"}
	ratingKeys        = []string{"item", "level", "confidence", "evidence", "interest", "rated_at"}
	ratingRequired    = []string{"item", "level"}
	targetKeys        = []string{"item", "level", "source"}
	targetRequired    = []string{"item", "level", "source"}
)

// MaxWTE is the largest informatics whole-time equivalent a file may give.
const MaxWTE = 2.0

// Times outside [timeFloor, timeCeiling) are refused as implausible: a laptop
// whose clock was reset to 1970 or a typo such as 2205 would otherwise make a
// file look older or newer than every other version of the assessment.
var (
	timeFloor   = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	timeCeiling = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
)

// collectLimit bounds how many problems are kept before sorting; beyond it
// they are only counted, so a huge broken file cannot use much memory.
const collectLimit = 10_000

var utf8BOM = []byte("\ufeff")

// Decode parses and validates a whole assessment file before anything is
// written. Every problem is found, not just the first: the error is a
// *DecodeError wrapped in a *model.Error of kind model.BadFile, each problem
// with the line of the offending value.
//
// resolve finds the file's framework version; installed, when given, lists
// the versions this installation has, for the message about a version it
// does not have. A leading UTF-8 byte-order mark is ignored. Times are
// returned in UTC to the millisecond (the precision Gapwise keeps); ratings
// and targets in the framework's item order.
//
// A file whose format is not "gapwise.assessment" or whose format_version is
// not 1 gets that one problem only: nothing else in it can be trusted.
func Decode(data []byte, resolve Resolver, installed ...model.FrameworkRef) (*File, error) {
	return decode(data, resolve, installed, true)
}

// decode is Decode; without lines (for Encode, whose caller never sees the
// bytes) problems carry no line numbers and messages do not mention lines.
func decode(data []byte, resolve Resolver, installed []model.FrameworkRef, lines bool) (*File, error) {
	if len(data) > MaxFileSize {
		return nil, invalid(&DecodeError{Problems: []Problem{{Msg: fmt.Sprintf(
			"the file is %.1f MiB; an assessment file is at most %d MiB, so this is probably not one",
			float64(len(data))/(1<<20), MaxFileSize>>20)}}})
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	d := &decoder{lines: newLineIndex(data), noLines: !lines}
	if isUTF16(data) {
		d.add(0, "the file is UTF-16 text; Gapwise reads assessment files saved as UTF-8")
		return nil, d.err()
	}
	if !utf8.Valid(data) {
		d.add(firstInvalidUTF8(data), "the file is not UTF-8 text (save it as UTF-8)")
		return nil, d.err()
	}
	root, off, msg := parseTree(data)
	if root == nil {
		d.add(off, "%s", msg)
		return nil, d.err()
	}
	f := d.file(root, resolve, installed)
	if len(d.probs) > 0 || d.more > 0 {
		return nil, d.err()
	}
	return f, nil
}

// isUTF16 recognises UTF-16 by its byte-order mark, or by the zero bytes
// every other byte that ASCII JSON ("{" and quotes) has in UTF-16.
func isUTF16(data []byte) bool {
	if bytes.HasPrefix(data, []byte{0xfe, 0xff}) || bytes.HasPrefix(data, []byte{0xff, 0xfe}) {
		return true
	}
	return len(data) >= 4 && (data[0] == 0 && data[1] == '{' && data[2] == 0 || data[0] == '{' && data[1] == 0 && data[3] == 0)
}

func invalid(de *DecodeError) error { return &model.Error{Kind: model.BadFile, Err: de} }

func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return 0
}

// decoder collects problems while it checks a parsed file.
type decoder struct {
	lines   lineIndex
	noLines bool
	probs   []Problem
	more    int
}

// add records a problem at the line holding byte off.
func (d *decoder) add(off int, format string, args ...any) {
	if len(d.probs) >= collectLimit {
		d.more++
		return
	}
	p := Problem{Msg: fmt.Sprintf(format, args...)}
	if !d.noLines {
		p.Line = d.lines.line(off)
	}
	d.probs = append(d.probs, p)
}

// alsoOn points at the first of two clashing values.
func (d *decoder) alsoOn(off int) string {
	if d.noLines {
		return ""
	}
	return fmt.Sprintf(" (also on line %d)", d.lines.line(off))
}

// err sorts the problems by line and lists the first MaxProblems.
func (d *decoder) err() error {
	slices.SortStableFunc(d.probs, func(a, b Problem) int { return cmp.Compare(a.Line, b.Line) })
	de := &DecodeError{Problems: d.probs, More: d.more}
	if len(de.Problems) > MaxProblems {
		de.More += len(de.Problems) - MaxProblems
		de.Problems = de.Problems[:MaxProblems:MaxProblems]
	}
	return invalid(de)
}

func (d *decoder) file(root *node, resolve Resolver, installed []model.FrameworkRef) *File {
	if root.kind != jsonObject {
		d.add(root.off, "the file holds %s, not a JSON object: it is not a Gapwise assessment file", root.describe())
		return nil
	}
	if !d.format(root) {
		return nil
	}
	fields, _ := d.object(root, "", fileKeys, fileRequired)
	f := &File{Ratings: []model.Rating{}, Targets: []model.Target{}} // never nil, so a round trip compares equal
	a := &f.Assessment

	if n := fields.get("generator"); n != nil {
		f.Generator, _ = d.text(n, "generator", MaxTextLen, false)
	}
	if n := fields.get("id"); n != nil {
		a.ID, _ = d.uuid(n, "id")
	}
	if n := fields.get("person"); n != nil {
		d.person(n, &f.Person)
		a.PersonID = f.Person.ID
	}
	var fw *model.Framework
	if n := fields.get("framework"); n != nil {
		a.Framework, fw = d.framework(n, resolve, installed)
	}
	if n := fields.get("kind"); n != nil {
		if s, ok := d.str(n, "kind"); ok {
			k, err := model.ParseAssessmentKind(s)
			if err != nil {
				d.add(n.off, "kind %s is not one of self, appraiser or agreed", quote(s))
			}
			a.Kind = k
		}
	}
	assessorOff := root.off
	if n := fields.get("assessor"); n != nil {
		a.Assessor, _ = d.text(n, "assessor", MaxTextLen, false)
		assessorOff = n.off
	}
	if strings.TrimSpace(a.Assessor) == "" {
		switch a.Kind {
		case model.SelfAssessment:
			a.Assessor = f.Person.Name
		case model.AppraiserAssessment, model.AgreedAssessment:
			d.add(assessorOff, "assessor is missing or empty: an %s assessment must say who gave the ratings", a.Kind)
		}
	}
	var created, updated *node
	if created = fields.get("created_at"); created != nil {
		a.CreatedAt, _ = d.time(created, "created_at")
	}
	if updated = fields.get("updated_at"); updated != nil {
		a.UpdatedAt, _ = d.time(updated, "updated_at")
	}
	if !a.CreatedAt.IsZero() && !a.UpdatedAt.IsZero() && a.UpdatedAt.Before(a.CreatedAt) {
		d.add(updated.off, "updated_at %s is before created_at %s", stamp(a.UpdatedAt), stamp(a.CreatedAt))
	}
	if n := fields.get("scope"); n != nil {
		a.Scope = d.scope(n, fw)
	}
	if n := fields.get("ratings"); n != nil {
		f.Ratings = d.ratings(n, fw, a.UpdatedAt)
	}
	if n := fields.get("targets"); n != nil {
		f.Targets = d.targets(n, fw)
	}
	if fw != nil {
		pos := itemPositions(fw)
		slices.SortStableFunc(f.Ratings, func(x, y model.Rating) int { return cmp.Compare(pos(x.Item), pos(y.Item)) })
		slices.SortStableFunc(f.Targets, func(x, y model.Target) int { return cmp.Compare(pos(x.Item), pos(y.Item)) })
	}
	return f
}

// format checks the format and its version before anything else: for a file
// that is not an assessment, or that a newer Gapwise wrote, one plain
// sentence is more use than a list of fields this build does not know.
func (d *decoder) format(root *node) bool {
	n := lookup(root, "format")
	switch {
	case n == nil:
		d.add(root.off, `"format" is missing: this is not a Gapwise assessment file`)
		return false
	case n.kind != jsonString:
		d.add(n.off, "format must be %q, not %s: this is not a Gapwise assessment file", Format, n.describe())
		return false
	case n.text == "gapwise.pack":
		d.add(n.off, "this is a framework pack (format %q), not an assessment file", n.text)
		return false
	case n.text != Format:
		d.add(n.off, "format is %s, not %q: this is not a Gapwise assessment file", quote(n.text), Format)
		return false
	}
	n = lookup(root, "format_version")
	if n == nil {
		d.add(root.off, "format_version is missing")
		return false
	}
	v, ok := d.integer(n, "format_version")
	switch {
	case !ok:
		return false
	case v > FormatVersion:
		d.add(n.off, "the file was made by a newer Gapwise (format version %d; this Gapwise reads version %d): update Gapwise to import it", v, FormatVersion)
		return false
	case v < FormatVersion:
		d.add(n.off, "format_version %d is not valid (this Gapwise reads version %d)", v, FormatVersion)
		return false
	}
	return true
}

// lookup finds the first member of an object with the key.
func lookup(obj *node, key string) *node {
	for _, m := range obj.members {
		if m.key == key {
			return m.val
		}
	}
	return nil
}

// object checks that n is an object whose keys are all known, each given
// once, with the required ones present, and returns its members by key.
// where names the object in messages ("person"; "" for the file itself).
func (d *decoder) object(n *node, where string, known, required []string) (fieldSet, bool) {
	if n.kind != jsonObject {
		d.add(n.off, "%s must be an object, not %s", where, n.describe())
		return nil, false
	}
	in := ""
	if where != "" {
		in = " in " + where
	}
	fields := make(fieldSet, 0, len(n.members))
	for _, m := range n.members {
		if fields.get(m.key) != nil {
			d.add(m.off, "field %s appears twice%s", quote(m.key), in)
			continue
		}
		if !slices.Contains(known, m.key) {
			d.add(m.off, "unknown field %s%s", quote(m.key), in)
			continue
		}
		fields = append(fields, m)
	}
	for _, k := range required {
		if fields.get(k) == nil {
			d.add(n.off, "%s is missing", join(where, k))
		}
	}
	return fields, true
}

// fieldSet is an object's known members, each key once. Objects in this
// format have a handful of keys, so a list beats a map.
type fieldSet []member

// get is the value of key, or nil when the object does not have it.
func (fs fieldSet) get(key string) *node {
	for _, m := range fs {
		if m.key == key {
			return m.val
		}
	}
	return nil
}

func join(where, key string) string {
	if where == "" {
		return key
	}
	return where + "." + key
}

// str reads a string value.
func (d *decoder) str(n *node, name string) (string, bool) {
	if n.kind != jsonString {
		d.add(n.off, "%s must be a string, not %s", name, n.describe())
		return "", false
	}
	return n.text, true
}

// text reads a string of at most limit characters holding only what
// model.CheckLine allows (model.CheckText for multiline text, which may hold
// line breaks and tabs): no control characters, and in one-line text nothing
// invisible, so a name cannot pose as another or reverse the text after it.
func (d *decoder) text(n *node, name string, limit int, multiline bool) (string, bool) {
	s, ok := d.str(n, name)
	if !ok {
		return "", false
	}
	if c := utf8.RuneCountInString(s); c > limit {
		d.add(n.off, "%s is %d characters long; the limit is %d", name, c, limit)
		return "", false
	}
	check := model.CheckLine
	if multiline {
		check = model.CheckText
	}
	if err := check(s); err != nil {
		d.add(n.off, "%s %v", name, err)
		return "", false
	}
	return s, true
}

// nonEmpty reads text that must not be blank.
func (d *decoder) nonEmpty(n *node, name string, limit int) (string, bool) {
	s, ok := d.text(n, name, limit, false)
	if ok && strings.TrimSpace(s) == "" {
		d.add(n.off, "%s is empty", name)
		return "", false
	}
	return s, ok
}

// integer reads a whole number written as one (2, not 2.0 or 2e0).
func (d *decoder) integer(n *node, name string) (int, bool) {
	if n.kind != jsonNumber || !isIntLiteral(n.text) {
		d.add(n.off, "%s must be a whole number, not %s", name, n.describe())
		return 0, false
	}
	v, err := strconv.Atoi(n.text)
	if err != nil || v < -1e9 || v > 1e9 {
		d.add(n.off, "%s %s is out of range", name, n.text)
		return 0, false
	}
	return v, true
}

func isIntLiteral(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// uuid reads a UUID in any RFC 4122 textual form and returns it in the
// canonical lower-case form.
func (d *decoder) uuid(n *node, name string) (string, bool) {
	s, ok := d.str(n, name)
	if !ok {
		return "", false
	}
	id, ok := canonicalUUID(s)
	if !ok {
		d.add(n.off, "%s %s is not a UUID (like 7c9e6679-7425-40de-944b-e07fc1f90ae7)", name, quote(s))
		return "", false
	}
	if strings.Trim(id, "0-") == "" || strings.Trim(id, "f-") == "" {
		d.add(n.off, "%s is the placeholder UUID %s, which cannot tell one record from another", name, id)
		return "", false
	}
	return id, true
}

// canonicalUUID accepts 8-4-4-4-12 hex digits, bare, as a "urn:uuid:" URN
// or in braces, and returns the bare lower-case form.
func canonicalUUID(s string) (string, bool) {
	switch {
	case len(s) == 45 && strings.EqualFold(s[:9], "urn:uuid:"):
		s = s[9:]
	case len(s) == 38 && s[0] == '{' && s[37] == '}':
		s = s[1:37]
	}
	if len(s) != 36 {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return "", false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return "", false
			}
		}
	}
	return strings.ToLower(s), true
}

// rfc3339 is the shape of an RFC 3339 date-time. time.Parse alone also
// takes a comma before the fraction and offsets such as +24:00.
var rfc3339 = sync.OnceValue(func() *regexp.Regexp { // compiled on first use, not at every start
	return regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})$`)
})

// plainUTC recognises the commonest shape of rfc3339, with no fraction and
// in UTC (2025-03-01T09:30:00Z), without the regexp: a batch import checks
// ten thousand files of 150 times. Every string it accepts, rfc3339 does
// (TestPlainUTCIsRFC3339).
func plainUTC(s string) bool {
	const shape = "dddd-dd-ddTdd:dd:ddZ"
	if len(s) != len(shape) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; shape[i] == 'd' && (c < '0' || c > '9') || shape[i] != 'd' && c != shape[i] {
			return false
		}
	}
	return true
}

// offsetOK checks that a numeric zone offset is at most 23:59.
func offsetOK(s string) bool {
	if strings.HasSuffix(s, "Z") {
		return true
	}
	off := s[len(s)-5:]
	return off[:2] <= "23" && off[3:] <= "59"
}

// time reads an RFC 3339 time, in UTC to the millisecond.
func (d *decoder) time(n *node, name string) (time.Time, bool) {
	s, ok := d.str(n, name)
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || !plainUTC(s) && !rfc3339().MatchString(s) || !offsetOK(s) {
		d.add(n.off, "%s %s is not an RFC 3339 date and time (like 2025-03-01T09:30:00Z)", name, quote(s))
		return time.Time{}, false
	}
	if t.Before(timeFloor) || !t.Before(timeCeiling) {
		d.add(n.off, "%s %s is not a plausible date (Gapwise accepts 2000 to 2099)", name, s)
		return time.Time{}, false
	}
	return t.UTC().Truncate(time.Millisecond), true
}

func (d *decoder) person(n *node, p *model.Person) {
	fields, ok := d.object(n, "person", personKeys, personRequired)
	if !ok {
		return
	}
	if v := fields.get("id"); v != nil {
		p.ID, _ = d.uuid(v, "person.id")
	}
	if v := fields.get("name"); v != nil {
		p.Name, _ = d.nonEmpty(v, "person.name", MaxTextLen)
	}
	if v := fields.get("discipline"); v != nil {
		if s, ok := d.str(v, "person.discipline"); ok {
			disc, err := model.ParseDiscipline(s)
			if err != nil {
				names := make([]string, len(model.Disciplines))
				for i, x := range model.Disciplines {
					names[i] = string(x)
				}
				d.add(v.off, "person.discipline %s is not one of %s", quote(s), strings.Join(names, ", "))
			}
			p.Discipline = disc
		}
	}
	if v := fields.get("role"); v != nil {
		p.Role, _ = d.text(v, "person.role", MaxTextLen, false)
	}
	if v := fields.get("organisation"); v != nil {
		p.Organisation, _ = d.text(v, "person.organisation", MaxTextLen, false)
	}
	if v := fields.get("informatics_wte"); v != nil {
		if v.kind != jsonNumber {
			d.add(v.off, "person.informatics_wte must be a number, not %s", v.describe())
			return
		}
		x, err := strconv.ParseFloat(v.text, 64)
		if err != nil || math.IsInf(x, 0) || math.IsNaN(x) || x < 0 || x > MaxWTE {
			d.add(v.off, "person.informatics_wte %s is out of range (0 to %g)", v.text, MaxWTE)
			return
		}
		p.InformaticsWTE = x + 0 // turns -0 into 0
	}
}

func (d *decoder) framework(n *node, resolve Resolver, installed []model.FrameworkRef) (model.FrameworkRef, *model.Framework) {
	var ref model.FrameworkRef
	fields, ok := d.object(n, "framework", frameworkKeys, frameworkRequired)
	if !ok {
		return ref, nil
	}
	var idOK, verOK bool
	if v := fields.get("id"); v != nil {
		ref.ID, idOK = d.nonEmpty(v, "framework.id", MaxTextLen)
	}
	if v := fields.get("version"); v != nil {
		ref.Version, verOK = d.nonEmpty(v, "framework.version", MaxTextLen)
	}
	if !idOK || !verOK {
		return ref, nil
	}
	var fw *model.Framework
	if resolve != nil {
		fw, ok = resolve(ref)
	}
	if !ok || fw == nil {
		d.add(n.off, "framework version %s is not installed%s", ref, installedList(installed))
		return ref, nil
	}
	return ref, fw
}

// installedList is the " (installed: ...)" note for an unknown version.
func installedList(refs []model.FrameworkRef) string {
	if len(refs) == 0 {
		return " in this Gapwise"
	}
	refs = slices.Clone(refs)
	slices.SortFunc(refs, func(a, b model.FrameworkRef) int {
		if c := strings.Compare(a.ID, b.ID); c != 0 {
			return c
		}
		return model.CompareVersions(a.Version, b.Version)
	})
	names := make([]string, len(refs))
	for i, r := range refs {
		names[i] = r.String()
	}
	return " (installed: " + strings.Join(names, ", ") + ")"
}

func (d *decoder) scope(n *node, fw *model.Framework) model.Scope {
	var s model.Scope
	fields, ok := d.object(n, "scope", scopeKeys, nil)
	if !ok {
		return s
	}
	if v := fields.get("group"); v != nil {
		s.Group, ok = d.text(v, "scope.group", MaxTextLen, false)
		if ok && fw != nil && s.Group != "" {
			if _, found := fw.Group(s.Group); !found {
				d.add(v.off, "scope.group %s is not a group of %s", quote(s.Group), fw.Ref)
			}
		}
	}
	if v := fields.get("role_level"); v != nil {
		s.RoleLevel, ok = d.text(v, "scope.role_level", MaxTextLen, false)
		if ok && fw != nil && s.RoleLevel != "" {
			if _, _, found := fw.RoleLevel(s.RoleLevel); !found {
				d.add(v.off, "scope.role_level %s is not a role level of %s", quote(s.RoleLevel), fw.Ref)
			}
		}
	}
	return s
}

// list checks that n is a list.
func (d *decoder) list(n *node, name string) bool {
	if n.kind != jsonArray {
		d.add(n.off, "%s must be a list, not %s", name, n.describe())
		return false
	}
	return true
}

// item reads the item of a rating or target and finds it in the framework
// (nil when there is no framework to look in or the item is not there).
func (d *decoder) item(fields fieldSet, where string, fw *model.Framework) (string, *model.Item, bool) {
	v := fields.get("item")
	if v == nil {
		return "", nil, false
	}
	id, ok := d.nonEmpty(v, where+".item", MaxTextLen)
	if !ok || fw == nil {
		return id, nil, ok
	}
	it, found := fw.Item(id)
	if !found {
		// A file written before a corrected pack renamed the item.
		if now := model.CurrentItemID(fw.Ref, id); now != id {
			if it, found = fw.Item(now); found {
				return now, it, true
			}
		}
		d.add(v.off, "item %s is not in %s", quote(id), fw.Ref)
		return id, nil, false
	}
	return id, it, true
}

func (d *decoder) ratings(n *node, fw *model.Framework, updated time.Time) []model.Rating {
	if !d.list(n, "ratings") {
		return nil
	}
	out := make([]model.Rating, 0, len(n.elems))
	seen := map[string]int{} // item -> offset of its first rating
	for i, e := range n.elems {
		where := "ratings[" + strconv.Itoa(i) + "]"
		fields, ok := d.object(e, where, ratingKeys, ratingRequired)
		if !ok {
			continue
		}
		r := model.Rating{RatedAt: updated}
		id, it, itemOK := d.item(fields, where, fw)
		r.Item = id
		if itemOK {
			if first, dup := seen[id]; dup {
				d.add(fields.get("item").off, "item %s is rated twice%s", quote(id), d.alsoOn(first))
			} else {
				seen[id] = fields.get("item").off
			}
			where = id + " rating"
		}
		if v := fields.get("level"); v != nil {
			if lv, ok := d.integer(v, where+": level"); ok {
				r.Level = lv
				switch {
				case it != nil && !it.ValidLevel(lv):
					d.add(v.off, "level %d is not defined for %s in %s (defined: %s)", lv, it.ID, fw.Ref, definedLevels(it, true))
				case it == nil && lv < 0:
					d.add(v.off, "%s: level %d is not valid", where, lv)
				}
			}
		}
		if v := fields.get("confidence"); v != nil && v.kind != jsonNull {
			if c, ok := d.integer(v, where+": confidence"); ok {
				if c < 0 || c > 5 {
					d.add(v.off, "%s: confidence %d is out of range (1 to 5, or left out)", where, c)
				}
				r.Confidence = c
			}
		}
		if v := fields.get("evidence"); v != nil {
			r.Evidence, _ = d.text(v, where+": evidence", MaxEvidenceLen, true)
		}
		if v := fields.get("interest"); v != nil && v.kind != jsonNull {
			if v.kind != jsonBool {
				d.add(v.off, "%s: interest must be true or false, not %s", where, v.describe())
			}
			r.Interest = v.boolean
		}
		if v := fields.get("rated_at"); v != nil {
			if t, ok := d.time(v, where+": rated_at"); ok {
				r.RatedAt = t
			}
		}
		out = append(out, r)
	}
	return out
}

func (d *decoder) targets(n *node, fw *model.Framework) []model.Target {
	if !d.list(n, "targets") {
		return nil
	}
	out := make([]model.Target, 0, len(n.elems))
	seen := map[string]int{} // item -> offset of its first target
	for i, e := range n.elems {
		where := "targets[" + strconv.Itoa(i) + "]"
		fields, ok := d.object(e, where, targetKeys, targetRequired)
		if !ok {
			continue
		}
		var t model.Target
		id, it, itemOK := d.item(fields, where, fw)
		t.Item = id
		if itemOK {
			if first, dup := seen[id]; dup {
				d.add(fields.get("item").off, "item %s has two targets%s", quote(id), d.alsoOn(first))
			} else {
				seen[id] = fields.get("item").off
			}
			where = id + " target"
		}
		if v := fields.get("level"); v != nil {
			if lv, ok := d.integer(v, where+": level"); ok {
				t.Level = lv
				switch {
				case it != nil && (lv < 1 || !it.ValidLevel(lv)):
					d.add(v.off, "target level %d is not defined for %s in %s (a target is one of: %s)", lv, it.ID, fw.Ref, definedLevels(it, false))
				case it == nil && lv < 1:
					d.add(v.off, "%s: level %d is not valid (a target is at least 1)", where, lv)
				}
			}
		}
		if v := fields.get("source"); v != nil {
			t.Source, _ = d.nonEmpty(v, where+": source", MaxTextLen)
		}
		out = append(out, t)
	}
	return out
}

// definedLevels lists the levels an item is defined at, for messages. For a
// rating, level 0 ("none yet") is always valid and is said so; a target is
// never 0.
func definedLevels(it *model.Item, rating bool) string {
	var parts []string
	for _, l := range it.Levels {
		if l != model.NoneLevel || rating {
			parts = append(parts, strconv.Itoa(l))
		}
	}
	s := strings.Join(parts, ", ")
	if rating && !slices.Contains(it.Levels, model.NoneLevel) {
		s += "; 0 = none yet"
	}
	if s == "" {
		return "none"
	}
	return s
}

// quote shows a value from the file in a message, cut short if long.
func quote(s string) string {
	const limit = 60
	if utf8.RuneCountInString(s) > limit {
		r := []rune(s)
		s = string(r[:limit]) + "…"
	}
	return strconv.Quote(s)
}

// stamp writes a time the way files carry it: RFC 3339 in UTC, to the
// millisecond, without trailing zeros in the fraction.
func stamp(t time.Time) string {
	return t.UTC().Truncate(time.Millisecond).Format(time.RFC3339Nano)
}
