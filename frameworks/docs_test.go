package frameworks_test

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"gapwise/frameworks"
)

// TestSchemaMatchesPacks keeps docs/pack.schema.json honest: every key the
// embedded packs use (at any depth) is a property the schema documents, the
// schema's required keys are present, and every top-level property the
// schema lists is used by at least one pack.
func TestSchemaMatchesPacks(t *testing.T) {
	data, err := os.ReadFile("../docs/pack.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatalf("docs/pack.schema.json: %v", err)
	}
	packs, err := frameworks.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, p := range packs {
		var doc map[string]any
		if err := json.Unmarshal(p.Raw, &doc); err != nil {
			t.Fatal(err)
		}
		for k := range doc {
			used[k] = true
		}
		var problems []string
		walkSchema(schema, schema, doc, "", &problems)
		for _, msg := range problems[:min(len(problems), 10)] {
			t.Errorf("%s: %s", p.Framework.Ref, msg)
		}
	}
	// The small test pack uses the optional fields no embedded pack has.
	var small map[string]any
	if err := json.Unmarshal(smallPackJSON(t), &small); err != nil {
		t.Fatal(err)
	}
	var problems []string
	walkSchema(schema, schema, small, "", &problems)
	for _, msg := range problems {
		t.Errorf("small pack: %s", msg)
	}
	for k := range schema["properties"].(map[string]any) {
		if !used[k] {
			t.Errorf("schema documents top-level %q but no embedded pack uses it", k)
		}
	}
}

// walkSchema checks value against node: object keys must be declared
// properties and required keys present; arrays are walked with "items".
func walkSchema(root, node map[string]any, value any, path string, problems *[]string) {
	if ref, ok := node["$ref"].(string); ok {
		def, ok := root["$defs"].(map[string]any)[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
		if !ok {
			*problems = append(*problems, fmt.Sprintf("%s: schema $ref %s does not resolve", path, ref))
			return
		}
		node = def
	}
	switch v := value.(type) {
	case map[string]any:
		props, _ := node["properties"].(map[string]any)
		for k, child := range v {
			sub, ok := props[k].(map[string]any)
			if !ok {
				*problems = append(*problems, fmt.Sprintf("%s.%s is not in the schema", path, k))
				continue
			}
			walkSchema(root, sub, child, path+"."+k, problems)
		}
		req, _ := node["required"].([]any)
		for _, r := range req {
			if _, ok := v[r.(string)]; !ok {
				*problems = append(*problems, fmt.Sprintf("%s: required %q is missing", path, r))
			}
		}
	case []any:
		items, ok := node["items"].(map[string]any)
		if !ok {
			*problems = append(*problems, fmt.Sprintf("%s: the schema does not say what the list holds", path))
			return
		}
		for i, e := range v {
			walkSchema(root, items, e, fmt.Sprintf("%s[%d]", path, i), problems)
		}
	default:
		typ, _ := node["type"].(string)
		ok := map[string]bool{
			"string":  isType[string](v),
			"boolean": isType[bool](v),
			"integer": isType[float64](v),
			"":        true, // const or $ref-only nodes
		}[typ]
		if !ok {
			*problems = append(*problems, fmt.Sprintf("%s: %T is not a schema %s", path, v, typ))
		}
	}
}

func isType[T any](v any) bool { _, ok := v.(T); return ok }

// TestNotice checks the repository's root NOTICE carries the frameworks
// NOTICE (which TestPacksUpToDate keeps in step with the packs).
func TestNotice(t *testing.T) {
	pkg, err := os.ReadFile("NOTICE")
	if err != nil {
		t.Fatal(err)
	}
	root, err := os.ReadFile("../NOTICE")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(root), string(pkg)) {
		t.Error("../NOTICE does not contain frameworks/NOTICE; copy it: cp frameworks/NOTICE NOTICE")
	}
	packs, _ := frameworks.Embedded()
	for _, p := range packs {
		if !strings.Contains(string(pkg), p.Framework.Ref.String()) {
			t.Errorf("NOTICE does not mention %s", p.Framework.Ref)
		}
	}
}
