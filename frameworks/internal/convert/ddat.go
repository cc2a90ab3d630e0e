package convert

import (
	"fmt"
	"io/fs"

	"gapwise/internal/exchange/frameworkfile"
	"gapwise/internal/model"
)

// DDaT converts the official DDaT CSV downloads in src/ddat into the
// ddat@2025-q3 pack with the reader the app's framework import uses, so an
// imported download and the embedded pack can never be read differently.
// Only the version and release period are the converter's own: the files
// do not say which quarter they are.
func DDaT(src fs.FS) (*model.Framework, error) {
	read := func(name string) (frameworkfile.File, error) {
		data, err := fs.ReadFile(src, "ddat/"+name)
		if err != nil {
			return frameworkfile.File{}, fmt.Errorf("read source ddat/%s: %w", name, err)
		}
		return frameworkfile.File{Name: "ddat/" + name, Data: data}, nil
	}
	role, err := read("role_content_capability_framework.csv")
	if err != nil {
		return nil, err
	}
	skill, err := read("skill_description_content_capability_framework.csv")
	if err != nil {
		return nil, err
	}
	f, _, err := frameworkfile.ReadDDaT(role, skill)
	if err != nil {
		return nil, err
	}
	f.Ref.Version = "2025-q3"
	f.ShortName = "DDaT"
	f.Released = "2025-Q3 (the framework as published June to September 2025)"
	return f, nil
}

// MeanRequiredLevel is the average stated level of a role level's
// requirements; the tests compare DDaT ranks against it.
func MeanRequiredLevel(l model.RoleLevel) float64 { return frameworkfile.MeanRequiredLevel(l) }
