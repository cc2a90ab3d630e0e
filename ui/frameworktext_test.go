package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"gapwise/internal/model"
)

// An imported item's cross-references and resources (Moodle, DIRECT) are
// shown with it; an address is plain text.
func TestItemTextShowsRelatedAndResources(t *testing.T) {
	f := &model.Framework{
		Scale: model.Scale{Levels: []model.Level{{Value: 1, Name: "Awareness"}}},
		Items: []model.Item{
			{ID: "data-cleaning", Title: "Data cleaning", Levels: []int{1}, Related: []string{"sql"},
				Resources: []model.Resource{
					{Title: "Data Carpentry: data cleaning", URL: "https://example.org/dc", Provider: "The Carpentries", Kind: "learning resource"},
					{Title: "OpenRefine", Kind: "tool"},
				}},
			{ID: "sql", Title: "Query languages", Levels: []int{1}},
		},
	}
	segs := itemSegments(f, &f.Items[0])
	for _, s := range segs {
		if _, ok := s.(*widget.HyperlinkSegment); ok {
			t.Error("a resource is a hyperlink; the app opens nothing on the network")
		}
	}
	text := segmentsText(segs)
	for _, want := range []string{"Related", "- sql — Query languages", "Resources",
		"- Data Carpentry: data cleaning (learning resource, The Carpentries): https://example.org/dc", "- OpenRefine (tool)"} {
		if !strings.Contains(text, want) {
			t.Errorf("item text lacks %q:\n%s", want, text)
		}
	}
	plain := segmentsText(itemSegments(f, &f.Items[1]))
	if strings.Contains(plain, "Resources") {
		t.Error("an item without resources shows a Resources heading")
	}
	// A scale level with a name only (Moodle's) is not said to mean nothing.
	if strings.Contains(plain, "the level means:") || !strings.Contains(plain, "No item-specific text.") {
		t.Errorf("level text for a scale without descriptions:\n%s", plain)
	}
}

func segmentsText(segs []widget.RichTextSegment) string {
	var b strings.Builder
	for _, s := range segs {
		if ts, ok := s.(*widget.TextSegment); ok {
			b.WriteString(ts.Text + "\n")
		}
	}
	return b.String()
}
