// Package appinfo holds the application's identity, shared by the desktop
// app, the CLI and the reports so that provenance lines always agree.
package appinfo

// Name is the product name.
const Name = "Gapwise"

// ID is the desktop application ID; it must match FyneApp.toml.
const ID = "uk.org.gapwise.app"

// Version is the release version; overridden at link time with
// -ldflags "-X gapwise/internal/appinfo.Version=...".
var Version = "0.1.0-dev"
