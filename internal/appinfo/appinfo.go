// Package appinfo holds the application's identity, shared by the desktop
// app, the CLI and the reports so that provenance lines always agree.
package appinfo

import (
	"strings"

	"gapwise"
)

// Name is the product name.
const Name = "Gapwise"

// ID is the desktop application ID; it must match FyneApp.toml.
const ID = "uk.org.gapwise.app"

// Version is the release version: the Version of FyneApp.toml's [Details]
// (the one place it is written; see scripts/release.sh).
var Version = versionOf(gapwise.FyneAppTOML)

// versionOf reads the Version field of an app metadata file (the first
// line of the form `Version = "..."`); a file without one gives "unknown"
// rather than a made-up number. It scans by hand: a regexp compiled here,
// at every start of every command, cost more than the scan.
func versionOf(toml string) string {
	for line := range strings.Lines(toml) {
		rest, ok := strings.CutPrefix(strings.TrimSpace(line), "Version")
		if !ok {
			continue
		}
		rest, ok = strings.CutPrefix(strings.TrimSpace(rest), "=")
		if !ok {
			continue
		}
		rest, ok = strings.CutPrefix(strings.TrimSpace(rest), `"`)
		if !ok {
			continue
		}
		if v, _, ok := strings.Cut(rest, `"`); ok && v != "" {
			return v
		}
	}
	return "unknown"
}
