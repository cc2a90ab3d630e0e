package ui

import (
	"fmt"

	"gapwise/internal/model"
)

// ratingState is one item's rating at a moment: rated with a value, or not.
type ratingState struct {
	rated  bool
	rating model.Rating
}

// ratingChange is one undoable change made on the rating screen.
type ratingChange struct {
	item          string
	before, after ratingState
	evidence      bool // an evidence edit: keystrokes on one item make one change
}

// ratingHistory is the rating screen's undo stack since the assessment was
// opened. Undo walks it back to the state the screen opened with.
type ratingHistory struct{ changes []ratingChange }

// record adds a change. Consecutive evidence edits of one item merge, so
// one undo takes back what was typed there, not one letter.
func (h *ratingHistory) record(c ratingChange) {
	if n := len(h.changes); n > 0 && c.evidence {
		if last := &h.changes[n-1]; last.evidence && last.item == c.item {
			last.after = c.after
			if sameState(last.before, last.after) {
				h.changes = h.changes[:n-1]
			}
			return
		}
	}
	if sameState(c.before, c.after) {
		return
	}
	h.changes = append(h.changes, c)
}

// pop removes and returns the latest change.
func (h *ratingHistory) pop() (ratingChange, bool) {
	n := len(h.changes)
	if n == 0 {
		return ratingChange{}, false
	}
	c := h.changes[n-1]
	h.changes = h.changes[:n-1]
	return c, true
}

func (h *ratingHistory) reset() { h.changes = nil }

func sameState(a, b ratingState) bool {
	if a.rated != b.rated {
		return false
	}
	return !a.rated || (a.rating.Level == b.rating.Level && a.rating.Confidence == b.rating.Confidence &&
		a.rating.Evidence == b.rating.Evidence && a.rating.Interest == b.rating.Interest)
}

// undoMessage says what undoing c does, from the state now to the state
// restored: "Undid: 1.2 level 3 -> not rated".
func undoMessage(c ratingChange) string {
	now, back := c.after, c.before
	var what string
	switch {
	case now.rated != back.rated || now.rating.Level != back.rating.Level:
		what = stateText(now) + " -> " + stateText(back)
	case now.rating.Confidence != back.rating.Confidence:
		what = "confidence " + confidenceText(now.rating.Confidence) + " -> " + confidenceText(back.rating.Confidence)
	case now.rating.Interest != back.rating.Interest:
		what = fmt.Sprintf("%q %s -> %s", interestLabel, onOff(now.rating.Interest), onOff(back.rating.Interest))
	default:
		what = "evidence edit"
	}
	return "Undid: " + c.item + " " + what
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

func stateText(s ratingState) string {
	if !s.rated {
		return "not rated"
	}
	return fmt.Sprintf("level %d", s.rating.Level)
}

func confidenceText(c int) string {
	if c <= 0 || c >= len(confidenceChoices) {
		return "not given"
	}
	return confidenceChoices[c]
}
