package model

import (
	"strings"
	"time"
)

// Activity types of a development action, in the order the app offers them.
var Activities = []string{
	"course or qualification", "e-learning", "mentoring", "shadowing", "secondment",
	"project work", "conference or network", "self-study", "other",
}

// ActionStatuses lists the statuses in the order the app offers them.
var ActionStatuses = []ActionStatus{Planned, InProgress, Done, Dropped}

// ParseActionStatus accepts planned, in-progress, done or dropped.
func ParseActionStatus(s string) (ActionStatus, error) {
	for _, st := range ActionStatuses {
		if string(st) == s {
			return st, nil
		}
	}
	return "", Errorf(Invalid, "unknown status %q (planned, in-progress, done or dropped)", s)
}

// MaxAppraisers is how many appraisers one appraisal may have: a joint
// appraisal (an informatics and a clinical appraiser, say), not a panel.
const MaxAppraisers = 4

// Appraiser is one appraiser of an appraisal: who they are, what part of the
// framework they review, their ratings and their sign-off.
type Appraiser struct {
	Name         string
	Role         string   // e.g. "informatics appraiser", "clinical appraiser"; "" when not given
	Scope        []string // group or item ids they review; empty means every item
	AssessmentID string   // their assessment (kind appraiser); "" until they rate
	SignedAt     time.Time
}

// Covers reports whether an item (in the given group; parent gives a
// group's parent, "" at the top) is within the appraiser's scope.
func (a Appraiser) Covers(item, group string, parent func(string) string) bool {
	if len(a.Scope) == 0 {
		return true
	}
	for _, s := range a.Scope {
		if s == item {
			return true
		}
	}
	for g, steps := group, 0; g != "" && steps < 64; g, steps = parent(g), steps+1 {
		for _, s := range a.Scope {
			if s == g {
				return true
			}
		}
	}
	return false
}

// Appraisal is one joint appraisal of a person against one framework
// version: their self-assessment beside each appraiser's, an agreed level
// per item (held in an assessment of kind "agreed"), notes, the previous
// plan's review, the new agreed plan, and sign-off by every signatory.
type Appraisal struct {
	ID           string
	PersonID     string
	Framework    FrameworkRef
	Period       string      // e.g. "2026/27"
	Appraisers   []Appraiser // in the order they were added; at least one
	SelfID       string      // assessment of kind self
	AgreedID     string      // assessment of kind agreed
	PreviousPlan string      // plan reviewed this time; "" when none
	Plan         string      // the new agreed plan
	OverallNotes string
	ItemNotes    map[string]string // discussion note per item id
	// AppraiseeSignedAt is when the appraisee signed; zero when not yet.
	AppraiseeSignedAt time.Time
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// AppraiserNamed finds an appraiser by name (ignoring case and surrounding
// spaces); the index is -1 when there is none.
func (a *Appraisal) AppraiserNamed(name string) int {
	name = strings.TrimSpace(name)
	for i, ap := range a.Appraisers {
		if strings.EqualFold(ap.Name, name) {
			return i
		}
	}
	return -1
}

// AppraiserNames lists the appraisers' names, "A and B", "A, B and C".
func (a *Appraisal) AppraiserNames() string {
	names := make([]string, len(a.Appraisers))
	for i, ap := range a.Appraisers {
		names[i] = ap.Name
	}
	return AndList(names)
}

// AnySigned reports whether any signatory has signed: the agreed levels and
// notes are then locked, so that what was signed stays what is recorded.
func (a *Appraisal) AnySigned() bool {
	if !a.AppraiseeSignedAt.IsZero() {
		return true
	}
	for _, ap := range a.Appraisers {
		if !ap.SignedAt.IsZero() {
			return true
		}
	}
	return false
}

// AllSigned reports whether the appraisee and every appraiser have signed:
// the agreed plan is then locked too, until a signature is withdrawn.
func (a *Appraisal) AllSigned() bool {
	if a.AppraiseeSignedAt.IsZero() || len(a.Appraisers) == 0 {
		return false
	}
	for _, ap := range a.Appraisers {
		if ap.SignedAt.IsZero() {
			return false
		}
	}
	return true
}

// LastSigned is the latest signature time; zero when nobody has signed.
func (a *Appraisal) LastSigned() time.Time {
	last := a.AppraiseeSignedAt
	for _, ap := range a.Appraisers {
		if ap.SignedAt.After(last) {
			last = ap.SignedAt
		}
	}
	return last
}

// Disagree reports whether any two of the given ratings differ by one level
// or more; unrated (nil) ones are left out. Disagreements are flagged, never
// averaged.
func Disagree(levels ...*int) bool {
	var first *int
	for _, l := range levels {
		if l == nil {
			continue
		}
		if first == nil {
			first = l
			continue
		}
		if d := *l - *first; d >= 1 || d <= -1 {
			return true
		}
	}
	return false
}

// Spread is the largest difference between any two of the given ratings
// (unrated ones left out); 0 when fewer than two are rated.
func Spread(levels ...*int) int {
	lo, hi, n := 0, 0, 0
	for _, l := range levels {
		if l == nil {
			continue
		}
		if n == 0 || *l < lo {
			lo = *l
		}
		if n == 0 || *l > hi {
			hi = *l
		}
		n++
	}
	return hi - lo
}
