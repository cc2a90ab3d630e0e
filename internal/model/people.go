package model

import (
	"fmt"
	"strings"
	"time"
)

// Discipline is a person's professional background; the list is fixed by the
// exchange format so files from different sites agree.
type Discipline string

// The disciplines of DESIGN.md, in the order the app offers them.
const (
	Doctor              Discipline = "doctor"
	Nurse               Discipline = "nurse"
	Midwife             Discipline = "midwife"
	AHP                 Discipline = "ahp"
	Pharmacist          Discipline = "pharmacist"
	HealthcareScientist Discipline = "healthcare-scientist"
	SocialWorker        Discipline = "social-worker"
	Dentist             Discipline = "dentist"
	OtherClinical       Discipline = "other"
	NonClinical         Discipline = "non-clinical"
)

// Disciplines lists every discipline in display order.
var Disciplines = []Discipline{Doctor, Nurse, Midwife, AHP, Pharmacist, HealthcareScientist, SocialWorker, Dentist, OtherClinical, NonClinical}

var disciplineLabels = map[Discipline]string{
	Doctor: "Doctor", Nurse: "Nurse", Midwife: "Midwife", AHP: "Allied health professional",
	Pharmacist: "Pharmacist", HealthcareScientist: "Healthcare scientist", SocialWorker: "Social worker",
	Dentist: "Dentist", OtherClinical: "Other clinical", NonClinical: "Non-clinical",
}

// Label is the human name of the discipline.
func (d Discipline) Label() string {
	if l, ok := disciplineLabels[d]; ok {
		return l
	}
	return string(d)
}

// Clinical reports whether the discipline is a registered health or care
// profession: every discipline Gapwise lists except non-clinical. Social
// work counts: it is a care profession and the Faculty of Clinical
// Informatics admits social workers alongside health professionals.
// "Other clinical" counts because the person said so. A discipline Gapwise
// does not know (from a newer file) or one not recorded does not count: the
// Wachter benchmark is about clinicians, and an unknown background is not
// evidence of one. This is the one rule the composition figures, the app,
// the CLI and the team PDF use.
func (d Discipline) Clinical() bool {
	_, known := disciplineLabels[d]
	return known && d != NonClinical
}

// ParseDiscipline accepts a discipline id.
func ParseDiscipline(s string) (Discipline, error) {
	for _, d := range Disciplines {
		if string(d) == s {
			return d, nil
		}
	}
	return "", fmt.Errorf("unknown discipline %q (one of doctor, nurse, midwife, ahp, pharmacist, healthcare-scientist, social-worker, dentist, other, non-clinical)", s)
}

// Person is someone whose competencies are assessed. IDs are UUIDs so that
// files from different laptops merge without clashes.
type Person struct {
	ID             string
	Name           string
	Discipline     Discipline
	Role           string
	Organisation   string
	InformaticsWTE float64 // whole-time equivalent spent on informatics, 0..1.x
	Sample         bool    // fictional person created by "try with sample data"
	CreatedAt      time.Time
}

// PersonName is what a list of people to choose from shows: a person's id,
// name and whether they are sample data. On an organisation's database the
// list has thousands of rows, so it carries no more than that.
type PersonName struct {
	ID     string
	Name   string
	Sample bool
}

// Team is a group of people whose skills are looked at together.
type Team struct {
	ID        string
	Name      string
	Framework FrameworkRef
	Sample    bool
	CreatedAt time.Time
}

// AssessmentKind says who gave the ratings.
type AssessmentKind string

// Kinds of assessment.
const (
	SelfAssessment      AssessmentKind = "self"
	AppraiserAssessment AssessmentKind = "appraiser"
	AgreedAssessment    AssessmentKind = "agreed"
)

// Noun names the kind of assessment in a sentence: "self-assessment",
// "appraiser's assessment", "agreed assessment".
func (k AssessmentKind) Noun() string {
	switch k {
	case AppraiserAssessment:
		return "appraiser's assessment"
	case AgreedAssessment:
		return "agreed assessment"
	}
	return "self-assessment"
}

// Plural is "1 action" or "3 actions".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// ParseAssessmentKind accepts self, appraiser or agreed.
func ParseAssessmentKind(s string) (AssessmentKind, error) {
	switch k := AssessmentKind(s); k {
	case SelfAssessment, AppraiserAssessment, AgreedAssessment:
		return k, nil
	}
	return "", fmt.Errorf("unknown assessment kind %q (self, appraiser or agreed)", s)
}

// Assessment is one set of ratings of one person against one framework version.
type Assessment struct {
	ID        string
	PersonID  string
	Framework FrameworkRef
	Kind      AssessmentKind
	Assessor  string
	Scope     Scope
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Scope narrows an assessment to part of a framework. Empty means all items.
type Scope struct {
	Group     string // a group id: only items in it (or its subgroups)
	RoleLevel string // a role level id: only the items it requires
}

// Rating is one item's rating in an assessment. A missing rating means "not
// rated"; Level 0 means "none yet" and is a real answer.
type Rating struct {
	Item       string
	Level      int
	Confidence int // 1-5; 0 when not given
	Evidence   string
	// Interest is "I want to develop this": the person asks to learn or
	// grow on the item, whatever their level. Team views find learners by it.
	Interest bool
	RatedAt  time.Time
}

// Target is the level a person (or team) aims for on an item, with where it came from.
type Target struct {
	Item   string
	Level  int
	Source string // "manual", "role:ddat/<role level id>", "person:<id>"
}

// ActionStatus is where a development action stands.
type ActionStatus string

// Action statuses.
const (
	Planned    ActionStatus = "planned"
	InProgress ActionStatus = "in-progress"
	Done       ActionStatus = "done"
	Dropped    ActionStatus = "dropped"
)

// Plan is a development plan for a person or a team.
type Plan struct {
	ID        string
	PersonID  string // set for a personal plan
	TeamID    string // set for a team plan
	Framework FrameworkRef
	Title     string
	CreatedAt time.Time
	UpdatedAt time.Time
	Actions   []Action
}

// Action is one SMART development action in a plan.
type Action struct {
	ID        string
	Objective string
	Items     []string
	Activity  string
	Owner     string // person id for team actions; empty for the plan's person or the whole team
	Due       string // ISO date
	Status    ActionStatus
	Evidence  string
}

// SameIdentity reports whether two records carrying one person id describe
// the same person. A person is identified by name and discipline; a new job
// role, organisation or WTE is ordinary change. Names are compared with
// their white space trimmed and runs of spaces collapsed, ignoring letter
// case, so "sam  jones " is "Sam Jones" but "Sam Jone" is not.
func SameIdentity(a, b Person) bool {
	return a.Discipline == b.Discipline && strings.EqualFold(foldSpace(a.Name), foldSpace(b.Name))
}

func foldSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// PersonMismatchError is a file whose person id belongs to someone else
// here: importing it would put one person's ratings under another's name.
// It comes wrapped in an *Error of kind Conflict; the app finds it with
// errors.As to ask whether they are the same person.
type PersonMismatchError struct {
	File   Person // as the file gives them
	Stored Person // as this database holds them
}

func (e *PersonMismatchError) Error() string {
	return fmt.Sprintf("this file says person %s is %q (%s), but in this database %s is %q (%s)",
		e.File.ID, e.File.Name, strings.ToLower(e.File.Discipline.Label()), e.Stored.ID, e.Stored.Name, strings.ToLower(e.Stored.Discipline.Label()))
}

// CheckIdentity returns a Conflict wrapping a *PersonMismatchError when
// stored and file, records of one person id, describe different people.
func CheckIdentity(stored, file Person) error {
	if SameIdentity(stored, file) {
		return nil
	}
	return &Error{Kind: Conflict, Err: &PersonMismatchError{File: file, Stored: stored}}
}
