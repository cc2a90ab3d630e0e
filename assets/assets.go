// Package assets embeds the app's icon and the fonts of its PDF reports so
// the binary needs no files beside it.
package assets

import _ "embed"

// WindowIcon is the app's icon for its windows: icon.png (512x512, 16 bits
// a channel, which packaging uses) at 256x256 with 8 bits a channel. Window
// managers show a window's icon at 256 pixels at most, and the X11 driver
// keeps the icon it is given as 8 bytes a pixel: the full-size icon held
// about 1 MB more of the app's memory for as long as it ran (issue 12).
// Made with ImageMagick: convert icon.png -resize 256x256 -depth 8 -strip
// PNG32:icon-window.png
//
//go:embed icon-window.png
var WindowIcon []byte

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
