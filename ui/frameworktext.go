package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/widget"

	"gapwise/internal/model"
)

// Rich text builders for framework content. Text is never parsed as
// Markdown: framework descriptors are shown exactly as published.

func heading(s string) widget.RichTextSegment { return block(widget.RichTextStyleHeading, s) }

func subheading(s string) widget.RichTextSegment { return block(widget.RichTextStyleSubHeading, s) }

func para(s string) widget.RichTextSegment {
	return block(widget.RichTextStyleParagraph, strings.TrimSpace(s))
}

func strong(s string) widget.RichTextSegment { return block(widget.RichTextStyleStrong, s) }

func emphasis(s string) widget.RichTextSegment { return block(widget.RichTextStyleEmphasis, s) }

// block makes a segment that sits on its own line(s): Fyne's heading and
// strong styles are inline by default.
func block(style widget.RichTextStyle, s string) widget.RichTextSegment {
	style.Inline = false
	return &widget.TextSegment{Style: style, Text: s}
}

// itemSegments describes one item with every level at which it is defined.
func itemSegments(f *model.Framework, it *model.Item) []widget.RichTextSegment {
	segs := []widget.RichTextSegment{heading(strings.Replace(it.Label(), "  ", " — ", 1))}
	var path []string
	for _, g := range f.GroupPath(it.Group) {
		path = append(path, g.Title)
	}
	if len(path) > 0 {
		segs = append(segs, emphasis(strings.Join(path, " › ")))
	}
	if it.Description != "" {
		segs = append(segs, para(it.Description))
	}
	if it.Guidance != "" {
		segs = append(segs, subheading("Guidance notes"), para(it.Guidance))
	}
	if it.Note != "" {
		segs = append(segs, subheading("Topics"), para(it.Note))
	}
	if it.Confidence != "" {
		segs = append(segs, emphasis("Provenance of this entry: "+it.Confidence+". "+confidenceMeaning(it.Confidence)))
	}
	segs = append(segs, subheading("Levels"))
	if undefined := undefinedLevels(f, it); undefined != "" {
		segs = append(segs, emphasis("Not defined at "+undefined+"."))
	}
	for _, lv := range it.Levels {
		segs = append(segs, strong(fmt.Sprintf("Level %d · %s", lv, f.Scale.LevelName(lv))))
		if text, ok := it.Descriptor(lv); ok {
			segs = append(segs, para(text))
		} else {
			if meaning := scaleMeaning(f, lv); meaning != "" {
				segs = append(segs, emphasis("No item-specific text. On this scale the level means: "+meaning))
			} else {
				segs = append(segs, emphasis("No item-specific text."))
			}
		}
	}
	return append(segs, linkSegments(f, it)...)
}

// linkSegments lists the items an item cross-references and the resources
// its framework links to it. Addresses are shown as text, not links: the
// app opens nothing on the network.
func linkSegments(f *model.Framework, it *model.Item) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	var related []string
	for _, id := range it.Related {
		if r, ok := f.Item(id); ok {
			related = append(related, "- "+strings.Replace(r.Label(), "  ", " — ", 1))
		}
	}
	if len(related) > 0 {
		segs = append(segs, subheading("Related"), para(strings.Join(related, "\n")))
	}
	var res []string
	for _, r := range it.Resources {
		line := "- " + r.Title
		var about []string
		for _, s := range []string{r.Kind, r.Provider} {
			if s != "" {
				about = append(about, s)
			}
		}
		if len(about) > 0 {
			line += " (" + strings.Join(about, ", ") + ")"
		}
		if r.URL != "" {
			line += ": " + r.URL
		}
		res = append(res, line)
	}
	if len(res) > 0 {
		segs = append(segs, subheading("Resources"), para(strings.Join(res, "\n")))
	}
	return segs
}

func confidenceMeaning(c string) string {
	switch c {
	case "verified":
		return "Number and title read on the publisher's page."
	case "strong":
		return "Topic seen in a public restatement; final number or wording not confirmed."
	case "inferred":
		return "Reconstructed to fill the structure; replace when the official text is available."
	}
	return ""
}

func scaleMeaning(f *model.Framework, v int) string {
	for _, l := range f.Scale.Levels {
		if l.Value == v {
			return strings.Join(strings.Fields(l.Description), " ")
		}
	}
	return ""
}

// undefinedLevels names the scale levels an item skips, e.g. "levels 1–3".
func undefinedLevels(f *model.Framework, it *model.Item) string {
	var missing []string
	for _, l := range f.Scale.Levels {
		if !it.ValidLevel(l.Value) {
			missing = append(missing, fmt.Sprint(l.Value))
		}
	}
	switch len(missing) {
	case 0:
		return ""
	case 1:
		return "level " + missing[0]
	}
	return "levels " + strings.Join(missing, ", ")
}

// levelSegments lists the scale, with generic attributes at each level when
// the framework has them (SFIA 9's levels of responsibility).
func levelSegments(f *model.Framework) []widget.RichTextSegment {
	segs := []widget.RichTextSegment{heading(f.Scale.Name)}
	if f.Scale.Description != "" {
		segs = append(segs, para(f.Scale.Description))
	}
	for _, l := range f.Scale.Levels {
		segs = append(segs, subheading(fmt.Sprintf("Level %d · %s", l.Value, l.Name)), para(l.Description))
		for _, a := range f.Attributes {
			for _, d := range a.Levels {
				if d.Level == l.Value {
					segs = append(segs, strong(a.Name), para(d.Text))
				}
			}
		}
	}
	return segs
}

// aboutSegments is the framework's manifest, licence and notice.
func aboutSegments(f *model.Framework) []widget.RichTextSegment {
	segs := []widget.RichTextSegment{heading(f.Name)}
	if f.Provisional {
		segs = append(segs, strong("Provisional"), para(f.ProvisionalNote))
	}
	c := f.Counts()
	rows := [][2]string{
		{"Framework version", f.Ref.String()},
		{"Publisher", f.Publisher},
		{"Released", f.Released},
		{"Source", f.SourceURL},
		{"Licence", f.Licence},
		{"Contents", fmt.Sprintf("%d items, %d groups, %d levels, %d level descriptors, %d roles, %d role levels", c.Items, c.Groups, c.Levels, c.LevelDescriptors, c.Roles, c.RoleLevels)},
	}
	for _, r := range rows {
		if r[1] != "" {
			segs = append(segs, strong(r[0]), para(r[1]))
		}
	}
	segs = append(segs, subheading("Attribution"), para(f.Attribution))
	if f.Notice != "" {
		segs = append(segs, subheading("Notice"), para(f.Notice))
	}
	return segs
}
