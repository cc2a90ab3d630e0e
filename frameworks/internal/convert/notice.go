package convert

import (
	"fmt"
	"strings"

	"gapwise/internal/model"
)

// Notice renders frameworks/NOTICE from the packs' manifests, so the terms
// stated there are always the ones the packs carry.
func Notice(fws []*model.Framework) []byte {
	var b strings.Builder
	b.WriteString("Gapwise: notices for the embedded framework content\n")
	b.WriteString("====================================================\n\n")
	para(&b, "", "Gapwise embeds the competency framework packs listed below. Each entry states who "+
		"owns the framework, the terms under which it is included, and the attribution that must be shown "+
		"wherever its text is displayed or printed. This file is generated from the packs' manifests in "+
		"frameworks/internal/convert by `go test ./frameworks -run TestPacksUpToDate -update`; change them there.")
	b.WriteString("\n")
	para(&b, "", "Frameworks a user imports (Frameworks > Import a framework, or gapwise-cli frameworks import) are "+
		"not part of Gapwise and are not listed here. Each keeps the licence and attribution its file carries, or "+
		"that the user gave when importing it, and they are shown and printed with its text exactly as for the "+
		"embedded packs: in the app, the PDFs and the spreadsheets. The user is responsible for holding the rights "+
		"to a framework they import.")
	for _, f := range fws {
		b.WriteString("\n" + strings.Repeat("-", 78) + "\n")
		fmt.Fprintf(&b, "%s: %s\n\n", f.Ref, f.Name)
		para(&b, "Publisher: ", f.Publisher)
		para(&b, "Source: ", f.SourceURL)
		para(&b, "Released: ", f.Released)
		licence := f.Licence
		if f.LicenceURL != "" {
			licence += " <" + f.LicenceURL + ">"
		}
		para(&b, "Licence: ", licence)
		b.WriteString("\n")
		para(&b, "Attribution: ", f.Attribution)
		b.WriteString("\n")
		para(&b, "", f.Notice)
		if f.Provisional {
			b.WriteString("\n")
			para(&b, "Provisional: ", f.ProvisionalNote)
		}
	}
	return []byte(b.String())
}

// para writes label+text wrapped at 78 columns, continuation lines indented
// under the text.
func para(b *strings.Builder, label, text string) {
	if text == "" {
		return
	}
	indent := strings.Repeat(" ", len(label))
	line, empty := label, true
	for _, w := range strings.Fields(text) {
		if !empty && len(line)+1+len(w) > 78 {
			b.WriteString(line + "\n")
			line, empty = indent, true
		}
		if !empty {
			line += " "
		}
		line += w
		empty = false
	}
	b.WriteString(line + "\n")
}
