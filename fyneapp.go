// Package gapwise holds FyneApp.toml, the one place where the release
// version is written: internal/appinfo reads it from here, so the app, the
// CLI, the About screen, the reports and the Windows version resource of
// `make release` all say the same.
package gapwise

import _ "embed"

// FyneAppTOML is the app metadata file at the repository root.
//
//go:embed FyneApp.toml
var FyneAppTOML string
