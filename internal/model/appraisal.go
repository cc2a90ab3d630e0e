package model

import "time"

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

// Appraisal is one joint appraisal of a person against one framework
// version: their self-assessment beside the appraiser's, an agreed level per
// item (held in an assessment of kind "agreed"), notes, the previous plan's
// review, the new agreed plan, and sign-off by both.
type Appraisal struct {
	ID            string
	PersonID      string
	Framework     FrameworkRef
	Period        string // e.g. "2026/27"
	AppraiserName string
	SelfID        string // assessment of kind self
	AppraiserID   string // assessment of kind appraiser; "" until the appraiser has rated
	AgreedID      string // assessment of kind agreed
	PreviousPlan  string // plan reviewed this time; "" when none
	Plan          string // the new agreed plan
	OverallNotes  string
	ItemNotes     map[string]string // discussion note per item id
	// Sign-off: a zero time means not signed yet.
	AppraiseeSignedAt time.Time
	AppraiserSignedAt time.Time
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// Disagree reports whether a self and an appraiser rating differ by one
// level or more; both must be rated. Disagreements are flagged, never averaged.
func Disagree(self, appraiser *int) bool {
	if self == nil || appraiser == nil {
		return false
	}
	d := *self - *appraiser
	return d >= 1 || d <= -1
}
