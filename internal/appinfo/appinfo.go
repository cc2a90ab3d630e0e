// Package appinfo holds the application's identity, shared by the desktop
// app, the CLI and the reports so that provenance lines always agree.
package appinfo

import (
	"regexp"

	"gapwise"
)

// Name is the product name.
const Name = "Gapwise"

// ID is the desktop application ID; it must match FyneApp.toml.
const ID = "uk.org.gapwise.app"

// Version is the release version: the Version of FyneApp.toml's [Details]
// (the one place it is written; see scripts/release.sh).
var Version = versionOf(gapwise.FyneAppTOML)

var versionLine = regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`)

// versionOf reads the Version field of an app metadata file; a file
// without one gives "unknown" rather than a made-up number.
func versionOf(toml string) string {
	if m := versionLine.FindStringSubmatch(toml); m != nil {
		return m[1]
	}
	return "unknown"
}
