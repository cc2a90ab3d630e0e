package workspace

import (
	"context"
	"io"
	"strings"
	"time"

	"gapwise/internal/appinfo"
	"gapwise/internal/exchange"
	"gapwise/internal/gap"
	"gapwise/internal/model"
	"gapwise/internal/report"
)

// TeamFormat is a team export's file format; its value is the file
// extension.
type TeamFormat string

// Team export formats for TeamExport and WriteTeamExport.
const (
	TeamFormatXLSX TeamFormat = "xlsx" // matrix, measures, teaching and about sheets
	TeamFormatCSV  TeamFormat = "csv"  // the matrix only
	// TeamFormatTeachingCSV is the Teaching sheet as CSV (who can teach
	// whom, exchange.TeamTeachingCSV).
	TeamFormatTeachingCSV TeamFormat = "teaching.csv"
)

// teamFormat checks an export format, allowing any case ("XLSX").
func teamFormat(format TeamFormat) (TeamFormat, error) {
	switch f := TeamFormat(strings.ToLower(strings.TrimSpace(string(format)))); f {
	case TeamFormatXLSX, TeamFormatCSV, TeamFormatTeachingCSV:
		return f, nil
	}
	return "", model.Errorf(model.Invalid, "cannot export a team as %q: choose xlsx, csv or teaching.csv", string(format))
}

// WriteTeamExport writes a team's matrix, measures and who can teach whom
// to out as xlsx (matrix, measures, teaching and about sheets), csv (the
// matrix only) or teaching.csv (the teaching sheet only); to a file
// through SaveNewFile. The display decides what it shows (gap.Display): in
// workshop display no names, the labels and order of the screen and the
// team report, and no figure resting on fewer than its threshold of rated
// members. generated is recorded in the file as given; zero means now.
func (w *Workspace) WriteTeamExport(ctx context.Context, teamID string, out io.Writer, format TeamFormat, generated time.Time, d gap.Display) error {
	format, err := teamFormat(format)
	if err != nil {
		return err
	}
	if err := d.Validate(); err != nil {
		return err
	}
	v, err := w.TeamView(ctx, teamID)
	if err != nil {
		return err
	}
	table := teamTable(v, generated, d)
	switch format {
	case TeamFormatCSV:
		err = exchange.TeamCSV(out, table)
	case TeamFormatTeachingCSV:
		err = exchange.TeamTeachingCSV(out, table)
	default:
		err = exchange.TeamXLSX(out, table)
	}
	if err != nil {
		return model.Wrap(model.KindOf(err), err, "cannot export team %q", v.Team.Name)
	}
	return nil
}

// teamTable lays a team view out for export.
func teamTable(v *TeamView, generated time.Time, d gap.Display) exchange.TeamTable {
	f := v.Framework
	t := exchange.TeamTable{
		TeamID: v.Team.ID, Team: v.Team.Name, Framework: f.Ref, FrameworkName: f.Name,
		Licence: f.Licence, LicenceURL: f.LicenceURL, Attribution: f.Attribution,
		Provisional: f.Provisional, ProvisionalNote: f.ProvisionalNote,
		Generated: generated, AppVersion: appinfo.Version,
		Display: d, Scale: f.Scale.Levels,
		Items: make([]exchange.TeamItem, len(v.Measures.Items)),
	}
	for i, m := range v.Measures.Items {
		it := exchange.TeamItem{
			ID: m.Item.ID, Title: m.Item.Title,
			Rated: m.Rated, Meeting: m.Meeting, Below: m.Below,
			Median: m.Median, Max: m.Max, Target: m.Target,
			Covered: m.Covered, Fragile: m.Fragile, BelowShare: m.BelowShare,
			Levels: m.Levels,
		}
		if g := f.TopGroup(m.Item.Group); g != nil {
			it.Group = g.Title
		}
		t.Items[i] = it
	}
	// Who can teach whom: counted for the Measures sheet; listed, one item
	// at a time in the display's order (its ties), for the export to word
	// for the display (gap.TeachingLines).
	for i := range v.Measures.Items {
		m := &v.Measures.Items[i]
		if !d.Hides(m.Rated) {
			c := gap.TeachCounts(f, v.Ratings, m)
			t.Items[i].Teachers, t.Items[i].Learners, t.Items[i].Interested = c.Teachers, c.Learners, c.Interested
		}
	}
	t.Ratings = v.Ratings
	order := v.Ratings.DisplayOrder(v.Roster(d))
	t.Teach = func(j int) (gap.Teaching, *gap.ItemMeasure) {
		m := &v.Measures.Items[j]
		return gap.Teach(f, v.Ratings, m, order), m
	}
	// The table orders and labels the members by the display's roster.
	t.Members = make([]exchange.TeamMember, len(v.Members))
	for i, p := range v.Members {
		// The levels live in one slice per member, pointed into, rather
		// than one allocation per rated cell (1.5 million at organisation
		// scale).
		row := exchange.TeamMember{Person: p, Levels: make([]*int, len(t.Items))}
		vals := make([]int, len(t.Items))
		for j, it := range t.Items {
			if r, ok := v.Ratings.Get(model.PersonID(p.ID), model.ItemID(it.ID)); ok {
				vals[j] = r.Level
				row.Levels[j] = &vals[j]
			}
		}
		t.Members[i] = row
	}
	return t
}

// WriteTeamPDF writes a team's gap report as a PDF: composition, coverage,
// single points of failure, common gaps, the members x items heatmap and
// the team's actions, as the display allows (gap.Display). generated is
// printed as given; zero means now.
func (w *Workspace) WriteTeamPDF(ctx context.Context, teamID string, out io.Writer, generated time.Time, d gap.Display) error {
	if err := d.Validate(); err != nil {
		return err
	}
	v, err := w.TeamView(ctx, teamID)
	if err != nil {
		return err
	}
	// The team's plan, read only: printing a report never creates one.
	plans, err := w.store.PlansForTeam(ctx, teamID)
	if err != nil {
		return err
	}
	var actions []model.Action
	if len(plans) > 0 {
		actions = plans[0].Actions
	}
	in := report.TeamInput{
		Meta:        report.Meta{Framework: v.Framework, AppVersion: appinfo.Version, Generated: generated},
		Team:        v.Team,
		Members:     v.Members,
		Ratings:     v.Ratings,
		Targets:     v.Targets,
		Composition: v.Composition,
		Measures:    v.Measures,
		Actions:     actions,
		Display:     d,
	}
	if err := report.TeamPDF(out, in); err != nil {
		return model.Wrap(model.KindOf(err), err, "cannot make the team report")
	}
	return nil
}
