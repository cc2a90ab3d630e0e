package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"gapwise/internal/gap"
	"gapwise/internal/model"
)

// dash stands for "nothing here" in tables.
const dash = "—"

// dateText is a date the way UK documents write it.
func dateText(t time.Time) string {
	if t.IsZero() {
		return dash
	}
	return t.Format("2 January 2006")
}

// isoDateText turns an ISO date into "30 Sep 2026"; other text is kept.
func isoDateText(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return dash
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t.Format("2 Jan 2006")
	}
	return s
}

// statusText names an action status in words.
func statusText(s model.ActionStatus) string {
	switch s {
	case model.Planned:
		return "Planned"
	case model.InProgress:
		return "In progress"
	case model.Done:
		return "Done"
	case model.Dropped:
		return "Dropped"
	case "":
		return dash
	}
	return string(s)
}

// kindText names an assessment kind.
func kindText(k model.AssessmentKind) string {
	switch k {
	case model.SelfAssessment:
		return "Self-assessment"
	case model.AppraiserAssessment:
		return "Appraiser's assessment"
	case model.AgreedAssessment:
		return "Agreed assessment"
	}
	return string(k)
}

// gapStatusText names where an item stands against its target.
func gapStatusText(s gap.Status) string {
	switch s {
	case gap.Met:
		return "Met"
	case gap.Below:
		return "Below target"
	case gap.NotRated:
		return "Not rated"
	case gap.NoTarget:
		return "No target"
	}
	return "Unknown"
}

// levelText is a level's number and name on the scale, e.g. "3 Apply"; a
// scale that only numbers its levels ("Level 3") gives just the number.
func levelText(s model.Scale, v int) string {
	name := s.LevelName(v)
	if name == "" || name == fmt.Sprintf("Level %d", v) {
		return strconv.Itoa(v)
	}
	return fmt.Sprintf("%d %s", v, name)
}

// itemLabel is "ITSP Strategic planning", or the title alone where the id
// is only the title's slug.
func itemLabel(it *model.Item) string {
	if it == nil {
		return dash
	}
	if it.ID == model.Slug(it.Title) {
		return it.Title
	}
	return it.ID + " " + it.Title
}

// itemsText lists the items an action addresses, one a line.
func itemsText(f *model.Framework, ids []string) string {
	if len(ids) == 0 {
		return dash
	}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if it, ok := f.Item(id); ok {
			out = append(out, itemLabel(it))
		} else {
			out = append(out, id)
		}
	}
	return strings.Join(out, ";\n")
}

// orDash is s, or a dash when s is blank.
func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return dash
	}
	return s
}

// actionTally is "4 actions: 1 done, 2 in progress, 1 planned".
func actionTally(actions []model.Action) string {
	if len(actions) == 0 {
		return "no actions"
	}
	counts := map[model.ActionStatus]int{}
	for _, a := range actions {
		counts[a.Status]++
	}
	var parts []string
	for _, s := range []model.ActionStatus{model.Done, model.InProgress, model.Planned, model.Dropped} {
		if n := counts[s]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, strings.ToLower(statusText(s))))
		}
	}
	if other := len(actions) - sumStatuses(actions); other > 0 {
		parts = append(parts, fmt.Sprintf("%d with no status", other))
	}
	return model.Plural(len(actions), "action", "actions") + ": " + strings.Join(parts, ", ")
}

func sumStatuses(actions []model.Action) int {
	n := 0
	for _, a := range actions {
		switch a.Status {
		case model.Done, model.InProgress, model.Planned, model.Dropped:
			n++
		}
	}
	return n
}

// ratingText is a rating's number, or "not rated".
func ratingText(v *int) string {
	if v == nil {
		return "not rated"
	}
	return strconv.Itoa(*v)
}
