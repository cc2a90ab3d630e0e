// Package gap is Gapwise's gap and pathway maths: pure functions over model
// types, with no I/O, no clock and no state, so the app, the command line
// and PDF reports get the same figures from the same inputs.
//
// # Product decisions
//
// Not rated is not zero. An item with no model.Rating is "not rated": it is
// counted apart (Status NotRated, Tally.NotRated, Pathway.NotRated) and never
// adds to a gap total or a fit score as if it were level 0. Level 0
// (model.NoneLevel, "none yet") is a real rating and is used as 0.
//
// An item's gap is target minus current when current is below target, else
// zero. It is only defined when the item has both a rating and a target.
// Gaps are measured in scale levels, not in the steps at which an item
// happens to be defined: for a SFIA skill defined at 2, 4 and 5, going from
// 2 to 5 is a gap of 3, so gaps on different skills compare fairly.
//
// Targets are normalised to what the item can reach (NormaliseTarget):
//   - a target of 0 (or below) is no target;
//   - a target above the item's highest defined level (or above the scale's
//     top, for an item that lists no levels) is capped to that level, and the
//     ItemGap is marked Capped so the UI can say "target 7 capped to 5";
//   - a target below the item's first defined level (target 2 on a SFIA skill
//     defined at 4 to 7) is raised to the first defined level, and one that
//     falls in a hole of the item's levels (3 on a skill defined at 2, 4, 5)
//     is raised to the next defined level; both are marked Raised. Raising,
//     not lowering, is used because only the higher level satisfies the
//     target's intent.
//
// Level 0 is never a defined level for targeting, even where a pack lists it
// among an item's levels (the FCI does).
//
// A rating at a level at which the item is not defined is invalid input: the
// caller validates ratings (model.Item.ValidLevel) before they get here.
// Should one arrive anyway it is used as the number it is; nothing panics.
// Ratings and targets for items that are not in the framework (or not in the
// scope) are ignored. When the same item appears more than once in ratings
// or targets, the later entry wins.
//
// Each item in a report has exactly one Status. An item without a target is
// NoTarget whether or not it is rated, since no gap can be defined for it; an
// item with a target and no rating is NotRated. Tally.Rated counts every
// rated item whatever its status, so "rated 30 of 50" needs no second pass.
//
// Pathways compare one set of ratings with every level of every role in the
// framework (DDaT). Only requirements at a stated level count; role-wide
// requirements and requirements at level 0 ("needed, no level stated") are
// left out, and a role level with no requirement at a stated level has no
// pathway. A required item that is not rated is missing, never met, and is
// also listed in NotRated and counted in Unknown. A pathway's TotalGap adds up
// the gaps of rated items only, so it is a lower bound whenever Unknown is not
// zero, and is shown as such ("gap 0+ on rated", Pathway.GapText).
//
// A pathway says what it rests on (Pathway.Basis: "rests on 1 of 6 required
// skills: rate 5 more"), and the ranking is honest about it: role levels
// resting on at least half their required skills (Enough) come first, and
// within each part fit is the met share of all required skills, unknowns
// counting as not met. Ties go to the level with the larger rated share
// before the smaller gap, so an unrated skill can never win a tie by hiding
// its gap. A level whose one rated skill is met while five are unrated thus
// ranks below every level the ratings cover at least half of.
package gap
