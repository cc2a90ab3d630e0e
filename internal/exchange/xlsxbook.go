package exchange

// The parts the team and personal workbooks share: the document
// properties, the About sheet, printing, row heights and the cells' text.

import (
	"time"

	"gapwise/internal/xlsx"
)

// bookProps are a workbook's document properties: made by Gapwise at gen.
func bookProps(title, subject, version string, gen time.Time) xlsx.Props {
	return xlsx.Props{
		Title: cellText(title), Subject: subject, Creator: "Gapwise", LastModifiedBy: "Gapwise",
		Created: gen.UTC(), Modified: gen.UTC(), Version: version, Application: "Gapwise",
	}
}

// bookStyles are the workbooks' shared cell styles.
type bookStyles struct{ head, boldTop, wrap int }

func newBookStyles(x *xlsx.Workbook) (bookStyles, error) {
	var s bookStyles
	var err error
	if s.head, err = x.Style(xlsx.Style{Bold: true, Wrap: true, Vertical: "bottom"}); err != nil {
		return s, err
	}
	if s.boldTop, err = x.Style(xlsx.Style{Bold: true, Vertical: "top"}); err != nil {
		return s, err
	}
	s.wrap, err = x.Style(xlsx.Style{Wrap: true, Vertical: "top"})
	return s, err
}

// printSetup prints a sheet landscape on A4, pagesWide pages across (and
// as many down as needed), with titles (rows and columns repeated on every
// page, e.g. the header row) unless "".
func printSetup(pagesWide int, titles string) *xlsx.Print {
	return &xlsx.Print{Landscape: true, A4: true, FitWidth: pagesWide, FitHeight: 0, Titles: titles}
}

// value is a cell's value as the workbook holds it: text through cellText,
// numbers as numbers, nil blank.
func value(v any) any {
	if s, ok := v.(string); ok {
		return cellText(s)
	}
	return v
}

// intCell is an optional number; nil is blank.
func intCell(v *int) any {
	if v == nil {
		return nil
	}
	return *v
}

// writeAbout writes the About sheet: names in bold in a column labelWidth
// wide, values wrapped beside them, each row as tall as its value needs,
// printed one page wide.
func writeAbout(x *xlsx.Workbook, st bookStyles, labelWidth float64, rows [][2]string) error {
	if err := x.Sheet(SheetAbout, xlsx.SheetOptions{
		Cols:  []xlsx.Col{{Min: 1, Max: 1, Width: labelWidth}, {Min: 2, Max: 2, Width: 110}},
		Print: printSetup(1, ""),
	}); err != nil {
		return err
	}
	for _, kv := range rows {
		if err := x.Row([]xlsx.Cell{{Value: cellText(kv[0]), Style: st.boldTop}, {Value: cellText(kv[1]), Style: st.wrap}}, wrappedHeight(kv[1], 110)); err != nil {
			return err
		}
	}
	return nil
}

// titleRows is a print-titles reference to a sheet's first row.
func titleRows(sheet string) string { return "'" + sheet + "'!$1:$1" }
