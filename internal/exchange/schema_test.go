package exchange

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"gapwise/internal/model"
)

const (
	schemaPath = "../../docs/assessment.schema.json"
	docPath    = "../../docs/exchange-format.md"
)

func readSchema(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatalf("%s: %v", schemaPath, err)
	}
	return schema
}

// resolveRef follows a "$ref" to "#/$defs/NAME".
func resolveRef(t *testing.T, root, node map[string]any) map[string]any {
	t.Helper()
	ref, ok := node["$ref"].(string)
	if !ok {
		return node
	}
	def, ok := root["$defs"].(map[string]any)[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
	if !ok {
		t.Fatalf("schema $ref %s does not resolve", ref)
	}
	return def
}

func stringList(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// TestSchemaMatchesDecoder: each object of docs/assessment.schema.json
// declares exactly the keys Decode accepts, requires exactly those Decode
// requires, and allows no others.
func TestSchemaMatchesDecoder(t *testing.T) {
	schema := readSchema(t)
	if schema["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema is %v, want draft 2020-12", schema["$schema"])
	}
	defs := schema["$defs"].(map[string]any)
	objects := []struct {
		name           string
		node           map[string]any
		keys, required []string
	}{
		{"file", schema, fileKeys, fileRequired},
		{"person", defs["person"].(map[string]any), personKeys, personRequired},
		{"framework", defs["framework"].(map[string]any), frameworkKeys, frameworkRequired},
		{"scope", defs["scope"].(map[string]any), scopeKeys, nil},
		{"rating", defs["rating"].(map[string]any), ratingKeys, ratingRequired},
		{"target", defs["target"].(map[string]any), targetKeys, targetRequired},
	}
	for _, o := range objects {
		var props []string
		for k := range o.node["properties"].(map[string]any) {
			props = append(props, k)
		}
		if !slices.Equal(sorted(props), sorted(o.keys)) {
			t.Errorf("%s: schema properties %v, decoder keys %v", o.name, sorted(props), sorted(o.keys))
		}
		var req []string
		if r, ok := o.node["required"]; ok {
			req = stringList(r)
		}
		if !slices.Equal(sorted(req), sorted(o.required)) {
			t.Errorf("%s: schema requires %v, decoder requires %v", o.name, sorted(req), sorted(o.required))
		}
		if o.node["additionalProperties"] != false {
			t.Errorf("%s: additionalProperties should be false (unknown fields are refused)", o.name)
		}
	}
	props := schema["properties"].(map[string]any)
	var discs []string
	for _, d := range model.Disciplines {
		discs = append(discs, string(d))
	}
	if got := stringList(defs["person"].(map[string]any)["properties"].(map[string]any)["discipline"].(map[string]any)["enum"]); !slices.Equal(got, discs) {
		t.Errorf("discipline enum %v, want %v", got, discs)
	}
	if got := stringList(props["kind"].(map[string]any)["enum"]); !slices.Equal(got, []string{"self", "appraiser", "agreed"}) {
		t.Errorf("kind enum %v", got)
	}
	if props["format"].(map[string]any)["const"] != Format || props["format_version"].(map[string]any)["const"] != float64(FormatVersion) {
		t.Error("format or format_version const is wrong")
	}
}

// TestSchemaMatchesFiles walks the golden file and the hand-written base
// file against the schema's properties and required lists.
func TestSchemaMatchesFiles(t *testing.T) {
	schema := readSchema(t)
	golden, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"golden": golden, "base": []byte(base)} {
		var doc any
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		var problems []string
		walkSchema(t, schema, schema, doc, "", &problems)
		for _, p := range problems {
			t.Errorf("%s: %s", name, p)
		}
	}
}

func walkSchema(t *testing.T, root, node map[string]any, value any, path string, problems *[]string) {
	node = resolveRef(t, root, node)
	switch v := value.(type) {
	case map[string]any:
		props, _ := node["properties"].(map[string]any)
		for k, child := range v {
			sub, ok := props[k].(map[string]any)
			if !ok {
				*problems = append(*problems, fmt.Sprintf("%s.%s is not in the schema", path, k))
				continue
			}
			walkSchema(t, root, sub, child, path+"."+k, problems)
		}
		if req, ok := node["required"]; ok {
			for _, r := range stringList(req) {
				if _, ok := v[r]; !ok {
					*problems = append(*problems, fmt.Sprintf("%s: required %q is missing", path, r))
				}
			}
		}
	case []any:
		items, ok := node["items"].(map[string]any)
		if !ok {
			*problems = append(*problems, fmt.Sprintf("%s is a list but the schema has no items", path))
			return
		}
		for i, e := range v {
			walkSchema(t, root, items, e, fmt.Sprintf("%s[%d]", path, i), problems)
		}
	}
}

// TestDocsExample: docs/exchange-format.md shows the golden file as its
// example and describes every key.
func TestDocsExample(t *testing.T) {
	doc, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	golden, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), "```json\n"+string(golden)+"```\n") {
		t.Errorf("%s does not show %s as its example; copy it in", docPath, goldenPath)
	}
	for _, keys := range [][]string{fileKeys, personKeys, frameworkKeys, scopeKeys, ratingKeys, targetKeys} {
		for _, k := range keys {
			if !strings.Contains(string(doc), "| `"+k+"` |") {
				t.Errorf("%s has no table row for `%s`", docPath, k)
			}
		}
	}
}
