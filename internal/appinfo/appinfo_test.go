package appinfo

import "testing"

func TestVersionOf(t *testing.T) {
	tests := []struct{ toml, want string }{
		{"[Details]\n  Icon = \"x.png\"\n  Version = \"1.2.3\"\n  Build = 4\n", "1.2.3"},
		{"[Details]\nVersion=\"0.9.0-rc.1\"\n", "0.9.0-rc.1"},
		{"[Details]\n  # Version = \"9.9.9\" is a comment\n  Name = \"x\"\n", "unknown"},
		{"", "unknown"},
	}
	for _, tc := range tests {
		if got := versionOf(tc.toml); got != tc.want {
			t.Errorf("versionOf(%q) = %q; want %q", tc.toml, got, tc.want)
		}
	}
	if Version == "unknown" || Version == "" {
		t.Errorf("the repository's FyneApp.toml gives no version: %q", Version)
	}
}
