package model

// Named identifier types for the signatures that take several ids at once
// (a team and a person, an appraisal and an item), so the compiler refuses an
// argument passed in the wrong place. Records keep plain string ids; callers
// say which id they mean at the call, model.TeamID(t.ID), where a swap would
// read wrong.
type (
	PersonID     string
	TeamID       string
	AssessmentID string
	AppraisalID  string
	PlanID       string
	ActionID     string
	ItemID       string
	RoleLevelID  string
)
