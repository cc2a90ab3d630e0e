package frameworks

import "gapwise/internal/model"

// The on-disk pack format (docs/packs.md, docs/pack.schema.json). It is kept
// apart from the model types so the model can change shape without changing
// files that organisations keep, and so JSON names stay snake_case and stable.
const (
	packFormat        = "gapwise.pack"
	packFormatVersion = 1
)

type packJSON struct {
	Format          string          `json:"format"`
	FormatVersion   int             `json:"format_version"`
	ID              string          `json:"id"`
	Version         string          `json:"version"`
	Name            string          `json:"name"`
	ShortName       string          `json:"short_name,omitempty"`
	Publisher       string          `json:"publisher"`
	SourceURL       string          `json:"source_url,omitempty"`
	Licence         string          `json:"licence"`
	LicenceURL      string          `json:"licence_url,omitempty"`
	Attribution     string          `json:"attribution,omitempty"`
	Provisional     bool            `json:"provisional"`
	ProvisionalNote string          `json:"provisional_note,omitempty"`
	Released        string          `json:"released,omitempty"`
	Notice          string          `json:"notice,omitempty"`
	GroupKinds      []string        `json:"group_kinds,omitempty"`
	Scale           scaleJSON       `json:"scale"`
	Groups          []groupJSON     `json:"groups,omitempty"`
	Items           []itemJSON      `json:"items"`
	Roles           []roleJSON      `json:"roles,omitempty"`
	Attributes      []attributeJSON `json:"attributes,omitempty"`
}

type scaleJSON struct {
	Name        string      `json:"name,omitempty"`
	Description string      `json:"description,omitempty"`
	Levels      []levelJSON `json:"levels"`
}

type levelJSON struct {
	Value       int    `json:"value"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

type groupJSON struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Kind        string `json:"kind"`
	Parent      string `json:"parent,omitempty"`
	Description string `json:"description,omitempty"`
	Note        string `json:"note,omitempty"`
}

type itemJSON struct {
	ID          string           `json:"id"`
	Title       string           `json:"title"`
	Group       string           `json:"group,omitempty"`
	Description string           `json:"description,omitempty"`
	Guidance    string           `json:"guidance,omitempty"`
	URL         string           `json:"url,omitempty"`
	Levels      []int            `json:"levels"`
	Descriptors []descriptorJSON `json:"descriptors,omitempty"`
	Confidence  string           `json:"confidence,omitempty"`
	Note        string           `json:"note,omitempty"`
	Related     []string         `json:"related,omitempty"`
	Resources   []resourceJSON   `json:"resources,omitempty"`
}

type resourceJSON struct {
	Title    string `json:"title"`
	URL      string `json:"url,omitempty"`
	Provider string `json:"provider,omitempty"`
	Kind     string `json:"kind,omitempty"`
}

type descriptorJSON struct {
	Level int    `json:"level"`
	Text  string `json:"text"`
}

type roleJSON struct {
	ID           string            `json:"id"`
	Family       string            `json:"family,omitempty"`
	Title        string            `json:"title"`
	Description  string            `json:"description,omitempty"`
	Type         string            `json:"type,omitempty"`
	Levels       []roleLevelJSON   `json:"levels,omitempty"`
	Requirements []requirementJSON `json:"requirements,omitempty"`
}

type roleLevelJSON struct {
	ID           string            `json:"id"`
	Title        string            `json:"title"`
	Description  string            `json:"description,omitempty"`
	Rank         int               `json:"rank"`
	Requirements []requirementJSON `json:"requirements,omitempty"`
}

type requirementJSON struct {
	Item  string `json:"item"`
	Level int    `json:"level"`
}

type attributeJSON struct {
	Code        string           `json:"code"`
	Name        string           `json:"name"`
	Type        string           `json:"type,omitempty"`
	Description string           `json:"description,omitempty"`
	Levels      []descriptorJSON `json:"levels"`
}

// mapSlice converts a slice element by element. An empty slice becomes nil
// so that a pack read back from its own encoding is identical to the
// original (omitempty drops empty lists).
func mapSlice[T, U any](in []T, f func(T) U) []U {
	if len(in) == 0 {
		return nil
	}
	out := make([]U, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}

func cloneStrings(in []string) []string { return mapSlice(in, func(s string) string { return s }) }
func cloneInts(in []int) []int          { return mapSlice(in, func(v int) int { return v }) }

func toModel(p *packJSON) *model.Framework {
	return &model.Framework{
		Ref:             model.FrameworkRef{ID: p.ID, Version: p.Version},
		Name:            p.Name,
		ShortName:       p.ShortName,
		Publisher:       p.Publisher,
		SourceURL:       p.SourceURL,
		Licence:         p.Licence,
		LicenceURL:      p.LicenceURL,
		Attribution:     p.Attribution,
		Provisional:     p.Provisional,
		ProvisionalNote: p.ProvisionalNote,
		Released:        p.Released,
		Notice:          p.Notice,
		GroupKinds:      cloneStrings(p.GroupKinds),
		Scale: model.Scale{
			Name:        p.Scale.Name,
			Description: p.Scale.Description,
			Levels: mapSlice(p.Scale.Levels, func(l levelJSON) model.Level {
				return model.Level{Value: l.Value, Name: l.Name, Description: l.Description}
			}),
		},
		Groups: mapSlice(p.Groups, func(g groupJSON) model.Group {
			return model.Group{ID: g.ID, Title: g.Title, Kind: g.Kind, Parent: g.Parent, Description: g.Description, Note: g.Note}
		}),
		Items: mapSlice(p.Items, func(it itemJSON) model.Item {
			return model.Item{
				ID: it.ID, Title: it.Title, Group: it.Group, Description: it.Description, Guidance: it.Guidance, URL: it.URL,
				Levels: cloneInts(it.Levels), Descriptors: mapSlice(it.Descriptors, descriptorToModel),
				Confidence: it.Confidence, Note: it.Note, Related: cloneStrings(it.Related),
				Resources: mapSlice(it.Resources, func(r resourceJSON) model.Resource {
					return model.Resource{Title: r.Title, URL: r.URL, Provider: r.Provider, Kind: r.Kind}
				}),
			}
		}),
		Roles: mapSlice(p.Roles, func(r roleJSON) model.Role {
			return model.Role{
				ID: r.ID, Family: r.Family, Title: r.Title, Description: r.Description, Type: r.Type,
				Levels: mapSlice(r.Levels, func(l roleLevelJSON) model.RoleLevel {
					return model.RoleLevel{ID: l.ID, Title: l.Title, Description: l.Description, Rank: l.Rank,
						Requirements: mapSlice(l.Requirements, requirementToModel)}
				}),
				Requirements: mapSlice(r.Requirements, requirementToModel),
			}
		}),
		Attributes: mapSlice(p.Attributes, func(a attributeJSON) model.Attribute {
			return model.Attribute{Code: a.Code, Name: a.Name, Type: a.Type, Description: a.Description,
				Levels: mapSlice(a.Levels, descriptorToModel)}
		}),
	}
}

func fromModel(f *model.Framework) *packJSON {
	return &packJSON{
		Format:          packFormat,
		FormatVersion:   packFormatVersion,
		ID:              f.Ref.ID,
		Version:         f.Ref.Version,
		Name:            f.Name,
		ShortName:       f.ShortName,
		Publisher:       f.Publisher,
		SourceURL:       f.SourceURL,
		Licence:         f.Licence,
		LicenceURL:      f.LicenceURL,
		Attribution:     f.Attribution,
		Provisional:     f.Provisional,
		ProvisionalNote: f.ProvisionalNote,
		Released:        f.Released,
		Notice:          f.Notice,
		GroupKinds:      cloneStrings(f.GroupKinds),
		Scale: scaleJSON{
			Name:        f.Scale.Name,
			Description: f.Scale.Description,
			Levels: mapSlice(f.Scale.Levels, func(l model.Level) levelJSON {
				return levelJSON{Value: l.Value, Name: l.Name, Description: l.Description}
			}),
		},
		Groups: mapSlice(f.Groups, func(g model.Group) groupJSON {
			return groupJSON{ID: g.ID, Title: g.Title, Kind: g.Kind, Parent: g.Parent, Description: g.Description, Note: g.Note}
		}),
		Items: mapSlice(f.Items, func(it model.Item) itemJSON {
			return itemJSON{
				ID: it.ID, Title: it.Title, Group: it.Group, Description: it.Description, Guidance: it.Guidance, URL: it.URL,
				Levels: cloneInts(it.Levels), Descriptors: mapSlice(it.Descriptors, descriptorFromModel),
				Confidence: it.Confidence, Note: it.Note, Related: cloneStrings(it.Related),
				Resources: mapSlice(it.Resources, func(r model.Resource) resourceJSON {
					return resourceJSON{Title: r.Title, URL: r.URL, Provider: r.Provider, Kind: r.Kind}
				}),
			}
		}),
		Roles: mapSlice(f.Roles, func(r model.Role) roleJSON {
			return roleJSON{
				ID: r.ID, Family: r.Family, Title: r.Title, Description: r.Description, Type: r.Type,
				Levels: mapSlice(r.Levels, func(l model.RoleLevel) roleLevelJSON {
					return roleLevelJSON{ID: l.ID, Title: l.Title, Description: l.Description, Rank: l.Rank,
						Requirements: mapSlice(l.Requirements, requirementFromModel)}
				}),
				Requirements: mapSlice(r.Requirements, requirementFromModel),
			}
		}),
		Attributes: mapSlice(f.Attributes, func(a model.Attribute) attributeJSON {
			return attributeJSON{Code: a.Code, Name: a.Name, Type: a.Type, Description: a.Description,
				Levels: mapSlice(a.Levels, descriptorFromModel)}
		}),
	}
}

func descriptorToModel(d descriptorJSON) model.Descriptor {
	return model.Descriptor{Level: d.Level, Text: d.Text}
}
func descriptorFromModel(d model.Descriptor) descriptorJSON {
	return descriptorJSON{Level: d.Level, Text: d.Text}
}
func requirementToModel(r requirementJSON) model.Requirement {
	return model.Requirement{Item: r.Item, Level: r.Level}
}
func requirementFromModel(r model.Requirement) requirementJSON {
	return requirementJSON{Item: r.Item, Level: r.Level}
}
