package model

import (
	"strings"
	"time"
)

// MaxObjectiveLen is the most characters a development action's objective
// may hold (drafted objectives are kept within it).
const MaxObjectiveLen = 1000

// Catalogue is an organisation's learning catalogue for one framework
// version: courses, e-learning, mentoring schemes and the like, each linked
// to the items it develops. Drafted plans propose its entries for the
// largest gaps. One framework version has at most one catalogue; importing
// another replaces it.
type Catalogue struct {
	Framework  FrameworkRef
	Source     string // the file names it was read from, as the user gave them
	ImportedAt time.Time
	Entries    []CatalogueEntry // in the file's order
}

// CatalogueEntry is one learning opportunity. Only the title and at least one
// item are required.
type CatalogueEntry struct {
	Title    string
	Provider string   // who offers it; "" when not given
	URL      string   // http or https address; "" when not given; never fetched
	Type     string   // the activity type in the catalogue's own words ("Course", "Webinar")
	Items    []string // ids of the items it develops, in the framework's order
}

// Develops reports whether the entry develops the item.
func (e CatalogueEntry) Develops(itemID string) bool {
	for _, id := range e.Items {
		if id == itemID {
			return true
		}
	}
	return false
}

// activityWords maps the words catalogues use for an activity type to the
// plan activity it is (one of Activities). Matched whole, ignoring case and
// surrounding space.
var activityWords = map[string]string{
	"course": "course or qualification", "courses": "course or qualification", "course or qualification": "course or qualification",
	"qualification": "course or qualification", "training": "course or qualification", "training course": "course or qualification",
	"workshop": "course or qualification", "classroom": "course or qualification", "apprenticeship": "course or qualification",
	"masterclass": "course or qualification", "programme": "course or qualification", "program": "course or qualification",
	"certificate": "course or qualification", "certification": "course or qualification", "degree": "course or qualification",
	"e-learning": "e-learning", "elearning": "e-learning", "online course": "e-learning", "online": "e-learning",
	"webinar": "e-learning", "video": "e-learning", "mooc": "e-learning", "tutorial": "e-learning", "online module": "e-learning",
	"module": "e-learning", "learning resource": "e-learning",
	"mentoring": "mentoring", "mentor": "mentoring", "coaching": "mentoring", "mentorship": "mentoring",
	"shadowing": "shadowing", "job shadowing": "shadowing",
	"secondment": "secondment", "placement": "secondment", "rotation": "secondment",
	"project": "project work", "project work": "project work",
	"conference": "conference or network", "network": "conference or network", "community": "conference or network",
	"community of practice": "conference or network", "conference or network": "conference or network", "event": "conference or network",
	"meetup":     "conference or network",
	"self-study": "self-study", "self study": "self-study", "reading": "self-study", "book": "self-study", "article": "self-study",
	"guide": "self-study", "guidance": "self-study", "podcast": "self-study",
	"other": "other",
}

// ActivityFor is the plan activity an entry's type stands for: one of
// Activities, or "" when the type is empty or not one Gapwise knows (the
// person then chooses it; the type is still shown in the action's words).
func ActivityFor(catalogueType string) string {
	return activityWords[strings.ToLower(strings.TrimSpace(catalogueType))]
}
