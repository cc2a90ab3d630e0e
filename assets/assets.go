// Package assets embeds the app's icon (and, for reports, its fonts) so the
// binary needs no files beside it.
package assets

import _ "embed"

// Icon is the application icon, a 512x512 PNG.
//
//go:embed icon.png
var Icon []byte
