package main

import (
	"os"
	"regexp"
	"testing"

	"gapwise/internal/appinfo"
)

// Both FyneApp.toml files (root, for go run; here, for fyne package) must
// name the same app as the binary, or packaging would ship another identity.
func TestFyneAppMetadataAgrees(t *testing.T) {
	field := func(data []byte, name string) string {
		m := regexp.MustCompile(`(?m)^\s*` + name + `\s*=\s*"?([^"\n]*)"?`).FindSubmatch(data)
		if m == nil {
			return ""
		}
		return string(m[1])
	}
	for _, path := range []string{"FyneApp.toml", "../../FyneApp.toml"} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := field(data, "ID"); got != appinfo.ID {
			t.Errorf("%s: ID %q, the binary says %q", path, got, appinfo.ID)
		}
		if got := field(data, "Version"); got != appinfo.Version {
			t.Errorf("%s: Version %q, the binary says %q", path, got, appinfo.Version)
		}
		if got := field(data, "Name"); got != appinfo.Name {
			t.Errorf("%s: Name %q, want %q", path, got, appinfo.Name)
		}
		icon := field(data, "Icon")
		if _, err := os.Stat(map[string]string{"FyneApp.toml": icon, "../../FyneApp.toml": "../../" + icon}[path]); err != nil {
			t.Errorf("%s: icon %q not found: %v", path, icon, err)
		}
	}
}
