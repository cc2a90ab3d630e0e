// Package assets embeds the app's icon and the fonts of its PDF reports so
// the binary needs no files beside it.
package assets

import _ "embed"

// Icon is the application icon, a 512x512 PNG.
//
//go:embed icon.png
var Icon []byte

// The report fonts: DejaVu Sans (Bitstream Vera licence with public-domain
// DejaVu changes; see fonts/LICENSE-DejaVu.txt). DejaVu covers Latin,
// Greek and Cyrillic with their accents, typographic dashes and quotes, and
// symbols such as ≠ and ✓ that the reports print.
var (
	//go:embed fonts/DejaVuSans.ttf
	FontRegular []byte

	//go:embed fonts/DejaVuSans-Bold.ttf
	FontBold []byte

	//go:embed fonts/DejaVuSans-Oblique.ttf
	FontItalic []byte

	//go:embed fonts/LICENSE-DejaVu.txt
	FontLicence string
)
