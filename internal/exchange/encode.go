package exchange

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"math"
	"slices"

	"gapwise/internal/model"
)

// The file's shape for writing. Field order here is the order in the file
// and matches fileKeys and friends in decode.go.
type fileJSON struct {
	Format        string        `json:"format"`
	FormatVersion int           `json:"format_version"`
	Generator     string        `json:"generator,omitempty"`
	ID            string        `json:"id"`
	Person        personJSON    `json:"person"`
	Framework     frameworkJSON `json:"framework"`
	Kind          string        `json:"kind"`
	Assessor      string        `json:"assessor"`
	Scope         *scopeJSON    `json:"scope,omitempty"`
	CreatedAt     string        `json:"created_at"`
	UpdatedAt     string        `json:"updated_at"`
	Ratings       []ratingJSON  `json:"ratings"`
	Targets       []targetJSON  `json:"targets"`
}

type personJSON struct {
	ID             string  `json:"id"`
	Name           string  `json:"name"`
	Discipline     string  `json:"discipline"`
	Role           string  `json:"role"`
	Organisation   string  `json:"organisation"`
	InformaticsWTE float64 `json:"informatics_wte"`
}

type frameworkJSON struct {
	ID      string `json:"id"`
	Version string `json:"version"`
}

type scopeJSON struct {
	Group     string `json:"group,omitempty"`
	RoleLevel string `json:"role_level,omitempty"`
}

type ratingJSON struct {
	Item       string `json:"item"`
	Level      int    `json:"level"`
	Confidence int    `json:"confidence,omitempty"`
	Evidence   string `json:"evidence,omitempty"`
	Interest   bool   `json:"interest,omitempty"`
	RatedAt    string `json:"rated_at"`
}

type targetJSON struct {
	Item   string `json:"item"`
	Level  int    `json:"level"`
	Source string `json:"source"`
}

// Encode writes f as an assessment file against fw, the framework version
// its assessment rates: fields in a fixed order, two-space indentation,
// UTF-8 ("&" and "<" unescaped), a final newline, ratings and targets in
// the framework's item order, times as RFC 3339 in UTC to the millisecond.
//
// The output is what Decode would return for it written back, so equal
// assessments give identical bytes: UUIDs are lower-cased, an empty
// assessor of a self-assessment becomes the person's name, a rating without
// a time gets updated_at and a target without a source gets "manual".
//
// Encode never writes a file Decode would refuse: a File that breaks a rule
// (an item not in fw, a level the item does not define, a WTE of 3 ...) is
// an invalid-input error listing every problem, as a *DecodeError without
// line numbers.
func Encode(f *File, fw *model.Framework) ([]byte, error) {
	if f == nil || fw == nil {
		return nil, model.Errorf(model.Internal, "exchange.Encode needs a file and its framework")
	}
	if f.Assessment.Framework != fw.Ref {
		return nil, model.Errorf(model.Internal, "cannot write assessment %s: it rates %s, not %s",
			f.Assessment.ID, f.Assessment.Framework, fw.Ref)
	}
	if f.Assessment.PersonID != "" && !sameID(f.Assessment.PersonID, f.Person.ID) {
		return nil, model.Errorf(model.Internal, "cannot write assessment %s: it belongs to person %s, not %s",
			f.Assessment.ID, f.Assessment.PersonID, f.Person.ID)
	}
	raw, err := marshal(f, fw)
	if err != nil {
		return nil, err
	}
	resolve := func(ref model.FrameworkRef) (*model.Framework, bool) { return fw, ref == fw.Ref }
	// Line numbers mean nothing to someone saving a file they have not seen.
	canon, err := decode(raw, resolve, nil, false)
	if err != nil {
		var de *DecodeError
		if errors.As(err, &de) {
			err = de
		}
		who := f.Person.Name
		if who == "" {
			who = f.Assessment.ID
		}
		return nil, model.Wrap(model.Invalid, err, "cannot write the assessment file of %s", who)
	}
	return marshal(canon, fw)
}

func marshal(f *File, fw *model.Framework) ([]byte, error) {
	a := f.Assessment
	p := f.Person
	assessor := a.Assessor
	if assessor == "" && a.Kind == model.SelfAssessment {
		assessor = p.Name
	}
	out := fileJSON{
		Format:        Format,
		FormatVersion: FormatVersion,
		Generator:     f.Generator,
		ID:            a.ID,
		Person: personJSON{
			ID: p.ID, Name: p.Name, Discipline: string(p.Discipline), Role: p.Role,
			Organisation: p.Organisation, InformaticsWTE: p.InformaticsWTE,
		},
		Framework: frameworkJSON{ID: a.Framework.ID, Version: a.Framework.Version},
		Kind:      string(a.Kind),
		Assessor:  assessor,
		CreatedAt: stamp(a.CreatedAt),
		UpdatedAt: stamp(a.UpdatedAt),
		Ratings:   make([]ratingJSON, 0, len(f.Ratings)),
		Targets:   make([]targetJSON, 0, len(f.Targets)),
	}
	if a.Scope != (model.Scope{}) {
		out.Scope = &scopeJSON{Group: a.Scope.Group, RoleLevel: a.Scope.RoleLevel}
	}
	pos := itemPositions(fw)
	ratings := slices.Clone(f.Ratings)
	slices.SortStableFunc(ratings, func(x, y model.Rating) int { return cmp.Compare(pos(x.Item), pos(y.Item)) })
	for _, r := range ratings {
		at := r.RatedAt
		if at.IsZero() {
			at = a.UpdatedAt
		}
		out.Ratings = append(out.Ratings, ratingJSON{
			Item: r.Item, Level: r.Level, Confidence: r.Confidence, Evidence: r.Evidence, Interest: r.Interest, RatedAt: stamp(at),
		})
	}
	targets := slices.Clone(f.Targets)
	slices.SortStableFunc(targets, func(x, y model.Target) int { return cmp.Compare(pos(x.Item), pos(y.Item)) })
	for _, t := range targets {
		src := t.Source
		if src == "" {
			src = "manual"
		}
		out.Targets = append(out.Targets, targetJSON{Item: t.Item, Level: t.Level, Source: src})
	}
	if math.IsNaN(p.InformaticsWTE) || math.IsInf(p.InformaticsWTE, 0) {
		return nil, model.Errorf(model.Invalid, "cannot write the assessment file of %s: person.informatics_wte is not a number", p.Name)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return nil, model.Wrap(model.Internal, err, "cannot write the assessment file of %s", p.Name)
	}
	return buf.Bytes(), nil
}

// itemPositions orders items as the framework does; unknown items go last
// (Decode then refuses them).
func itemPositions(fw *model.Framework) func(string) int {
	pos := make(map[string]int, len(fw.Items))
	for i, it := range fw.Items {
		pos[it.ID] = i
	}
	return func(id string) int {
		if i, ok := pos[id]; ok {
			return i
		}
		return len(pos)
	}
}

// sameID compares two ids, as UUIDs when both are.
func sameID(a, b string) bool {
	ca, okA := canonicalUUID(a)
	cb, okB := canonicalUUID(b)
	if okA && okB {
		return ca == cb
	}
	return a == b
}
