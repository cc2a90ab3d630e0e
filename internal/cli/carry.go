package cli

import (
	"flag"
	"fmt"

	"gapwise/internal/model"
	"gapwise/internal/workspace"
)

// carryJSON is the stable JSON shape of `assess carry --json`.
type carryJSON struct {
	ID          string        `json:"id"`
	From        string        `json:"from"`
	Framework   string        `json:"framework"`
	Carried     int           `json:"carried"`
	Review      int           `json:"review"`
	Dropped     int           `json:"dropped"`
	New         int           `json:"new"`
	ReviewItems []reviewJSON  `json:"review_items"`
	DroppedList []droppedJSON `json:"dropped_items"`
	NewItems    []string      `json:"new_items"`
	Notes       []string      `json:"notes"`
}

type reviewJSON struct {
	Item   string `json:"item"`
	Level  int    `json:"level"`
	Reason string `json:"reason"`
}

type droppedJSON struct {
	Item   string `json:"item"`
	What   string `json:"what"`
	Level  int    `json:"level"`
	Reason string `json:"reason"`
}

func (e *env) assessCarry(args []string) error {
	var id, to string
	var asJSON bool
	pos, err := flags("assess carry", args, func(fs *flag.FlagSet) {
		fs.StringVar(&id, "assessment", "", "assessment id")
		fs.StringVar(&to, "to", "", "framework version to carry it to, ID@VERSION")
		fs.BoolVar(&asJSON, "json", false, "JSON output")
	})
	if err != nil {
		return err
	}
	if len(pos) > 0 || id == "" || to == "" {
		return usagef("assess carry needs --assessment ID and --to ID@VERSION")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		res, err := ws.CarryAssessment(e.ctx, id, to)
		if err != nil {
			return err
		}
		if !asJSON {
			fmt.Fprint(e.out, res.Summary())
			return nil
		}
		carried, review, dropped, fresh := res.Counts()
		out := carryJSON{ID: res.Assessment.ID, From: res.From.ID, Framework: res.ToFramework.Ref.String(),
			Carried: carried, Review: review, Dropped: dropped, New: fresh,
			ReviewItems: []reviewJSON{}, DroppedList: []droppedJSON{}, NewItems: nonNil(res.New), Notes: nonNil(res.Notes)}
		for _, r := range res.Ratings {
			if why, ok := res.Review[r.Item]; ok {
				out.ReviewItems = append(out.ReviewItems, reviewJSON{Item: r.Item, Level: r.Level, Reason: why})
			}
		}
		for _, d := range res.Dropped {
			out.DroppedList = append(out.DroppedList, droppedJSON{Item: d.Item, What: d.What, Level: d.Level, Reason: d.Reason})
		}
		return writeJSON(e.out, out)
	})
}

func (e *env) assessConfirm(args []string) error {
	var id, item string
	var all bool
	pos, err := flags("assess confirm", args, func(fs *flag.FlagSet) {
		fs.StringVar(&id, "assessment", "", "assessment id")
		fs.StringVar(&item, "item", "", "the carried rating to keep as it is")
		fs.BoolVar(&all, "all", false, "keep every carried rating awaiting review")
	})
	if err != nil {
		return err
	}
	if len(pos) > 0 || id == "" || (item == "") == !all {
		return usagef("assess confirm needs --assessment ID and one of --item ITEM or --all")
	}
	return e.withWorkspace(func(ws *workspace.Workspace) error {
		return ws.ConfirmReview(e.ctx, model.AssessmentID(id), model.ItemID(item))
	})
}
