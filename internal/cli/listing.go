package cli

import (
	"fmt"
	"text/tabwriter"

	"gapwise/internal/model"
)

// listing is how a list command prints its rows. The JSON form is the rows
// themselves and the text form is drawn from the same rows, so the two
// always list the same things; every list ends the same way (a count, or
// what to do when there is nothing yet).
type listing[T any] struct {
	header string                  // column titles, tab-separated
	row    func(i int, r T) string // row i's cells, tab-separated
	// one and many name the rows in the closing count: "1 team", "3 teams";
	// empty for no count line.
	one, many string
	// empty is said instead of a table with no rows; "" prints the bare header.
	empty string
}

// printList writes rows as a JSON array ([] when there are none) or as an
// aligned table with its count line.
func printList[T any](e *env, asJSON bool, rows []T, l listing[T]) error {
	if asJSON {
		if rows == nil {
			rows = []T{}
		}
		return writeJSON(e.out, rows)
	}
	if len(rows) == 0 && l.empty != "" {
		_, err := fmt.Fprintln(e.out, l.empty)
		return err
	}
	tw := tabwriter.NewWriter(e.out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, l.header)
	for i, r := range rows {
		fmt.Fprintln(tw, l.row(i, r))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if l.one == "" {
		return nil
	}
	_, err := fmt.Fprintln(e.out, model.Plural(len(rows), l.one, l.many))
	return err
}

// sampleName marks the demo's fictional records in text listings.
func sampleName(name string, sample bool) string {
	if sample {
		return name + " [SAMPLE]"
	}
	return name
}
