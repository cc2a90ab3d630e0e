package workspace

import (
	"context"
	"sync"
)

// EventKind says what kind of thing changed.
type EventKind int

// Event kinds. Each names what a screen may be showing; a change that
// touches several things (an import adds a person and an assessment) sends
// one event for each.
const (
	PersonChanged     EventKind = iota + 1 // a person was added, edited or erased
	AssessmentChanged                      // an assessment was started, imported, carried or deleted
	RatingsChanged                         // ratings or targets of one assessment changed
	TeamChanged                            // a team, its members or its targets changed
	PlanChanged                            // a plan or its actions changed
	AppraisalChanged                       // an appraisal, its notes, agreed levels or sign-off changed
	FrameworksChanged                      // framework versions were imported or removed
)

func (k EventKind) String() string {
	return map[EventKind]string{PersonChanged: "person", AssessmentChanged: "assessment", RatingsChanged: "ratings",
		TeamChanged: "team", PlanChanged: "plan", AppraisalChanged: "appraisal", FrameworksChanged: "frameworks"}[k]
}

// Event tells subscribers that something changed in the database, after
// the change has committed. ID is the person, assessment, team, plan or
// appraisal concerned ("" when several or none in particular).
type Event struct {
	Kind EventKind
	ID   string
	// Origin is the value the change's context carried (WithOrigin): a
	// screen skips events for its own changes, which it already shows.
	Origin any
}

type originKey struct{}

// WithOrigin marks changes made under ctx as coming from origin.
func WithOrigin(ctx context.Context, origin any) context.Context {
	return context.WithValue(ctx, originKey{}, origin)
}

// events is the workspace's list of subscribers.
type events struct {
	mu   sync.Mutex
	next int
	subs map[int]func(Event)
}

// Subscribe calls f for every change made through this workspace from now
// on, until the returned function is called. f runs on the goroutine that
// made the change, after it committed, so it must be quick and must not
// call back into the workspace on that goroutine (a UI hands the event to
// its own goroutine).
func (w *Workspace) Subscribe(f func(Event)) (unsubscribe func()) {
	e := &w.events
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.subs == nil {
		e.subs = map[int]func(Event){}
	}
	id := e.next
	e.next++
	e.subs[id] = f
	return func() {
		e.mu.Lock()
		delete(e.subs, id)
		e.mu.Unlock()
	}
}

// changed publishes one event per id given of one kind (one event with no
// id when none is given), and only when err is nil; it returns err, so a
// verb can end `return w.changed(ctx, err, RatingsChanged, id)`.
func (w *Workspace) changed(ctx context.Context, err error, kind EventKind, ids ...string) error {
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		ids = []string{""}
	}
	e := &w.events
	e.mu.Lock()
	subs := make([]func(Event), 0, len(e.subs))
	for _, f := range e.subs {
		subs = append(subs, f)
	}
	e.mu.Unlock()
	origin := ctx.Value(originKey{})
	for _, id := range ids {
		for _, f := range subs {
			f(Event{Kind: kind, ID: id, Origin: origin})
		}
	}
	return nil
}
