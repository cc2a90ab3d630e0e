package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"gapwise/internal/model"
)

const sfiaAck = "This publication contains information from the Skills Framework for the Information Age with the permission of the SFIA Foundation."

func newTestBrowser(t *testing.T) (*browser, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	w := a.NewWindow("Gapwise")
	b := newBrowser(t.Context(), w, openWorkspace(t))
	b.start()
	w.SetContent(b.content())
	w.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(w.Close)
	if b.shown() == nil {
		t.Fatal("no framework shown after opening the browser")
	}
	return b, w
}

func TestBrowserShowsOnlyTheLevelsASFIASkillDefines(t *testing.T) {
	b, _ := newTestBrowser(t)
	if !b.selectFramework(model.FrameworkRef{ID: "sfia", Version: "9"}) {
		t.Fatal("SFIA 9 not offered in the framework picker")
	}
	if got := b.shown().Ref.String(); got != "sfia@9" {
		t.Fatalf("framework on screen = %s, want sfia@9", got)
	}
	if !b.selectItem("ITSP") {
		t.Fatal("ITSP not in the item list")
	}
	it, _ := b.shown().Item("ITSP")
	text := richText(b.detail)
	for _, lv := range it.Levels {
		want, _ := it.Descriptor(lv)
		if !strings.Contains(text, strings.TrimSpace(want)) {
			t.Errorf("level %d descriptor of ITSP not shown", lv)
		}
	}
	if it.Levels[0] > 1 && !strings.Contains(text, "Not defined at levels 1") {
		t.Errorf("the levels ITSP skips are not named; detail:\n%s", text)
	}
	if !strings.Contains(b.attribution.Text, sfiaAck) {
		t.Errorf("SFIA acknowledgement missing under SFIA text: %q", b.attribution.Text)
	}
	if b.banner.Visible() {
		t.Error("SFIA 9 is flagged provisional")
	}
}

func TestBrowserShowsDDaTSkillAtFourLevels(t *testing.T) {
	b, _ := newTestBrowser(t)
	b.selectFramework(model.FrameworkRef{ID: "ddat", Version: "2025-q3"})
	if !b.selectItem("business-architecture") {
		t.Fatal("business-architecture not in the DDaT item list")
	}
	text := richText(b.detail)
	for _, name := range []string{"Awareness", "Working", "Practitioner", "Expert"} {
		if !strings.Contains(text, name) {
			t.Errorf("level %s missing from the DDaT skill", name)
		}
	}
	if !strings.Contains(b.attribution.Text, "Open Government Licence v3.0") {
		t.Errorf("OGL attribution missing: %q", b.attribution.Text)
	}
}

func TestBrowserFlagsFCIAsProvisional(t *testing.T) {
	b, _ := newTestBrowser(t)
	b.selectFramework(model.FrameworkRef{ID: "fci", Version: "2020-provisional"})
	if !b.banner.Visible() || !strings.Contains(b.provisional.Text, "Provisional") {
		t.Fatalf("FCI shown without its provisional flag (banner visible=%v, %q)", b.banner.Visible(), b.provisional.Text)
	}
	if !b.selectItem("1.2") {
		t.Fatal("FCI sub-domain 1.2 not listed")
	}
	if text := richText(b.detail); !strings.Contains(text, "Provenance of this entry") {
		t.Errorf("FCI item shown without its provenance grade:\n%s", text)
	}
}

func TestBrowserSearchNarrowsTheList(t *testing.T) {
	b, _ := newTestBrowser(t)
	b.selectFramework(model.FrameworkRef{ID: "sfia", Version: "9"})
	total := len(b.shown().Items)
	b.searchFor("strategic planning")
	if !b.selectItem("ITSP") {
		t.Error("searching 'strategic planning' lost ITSP")
	}
	items := 0
	for _, r := range b.rows {
		if !r.heading {
			items++
		}
	}
	if items == 0 || items >= total {
		t.Errorf("search shows %d of %d items; want a narrower, non-empty list", items, total)
	}
	if !strings.Contains(b.matches.Text, "match") {
		t.Errorf("match count not shown: %q", b.matches.Text)
	}
	b.searchFor("zzzz-no-such-skill")
	if len(b.rows) != 0 || !strings.Contains(richText(b.detail), "No items match") {
		t.Errorf("a search with no results should say so; rows=%d", len(b.rows))
	}
	b.searchFor("")
	if !b.selectItem("ITSP") {
		t.Error("clearing the search did not bring the full list back")
	}
}

func TestBrowserRolesListDDaTRoleLevels(t *testing.T) {
	b, _ := newTestBrowser(t)
	b.selectFramework(model.FrameworkRef{ID: "ddat", Version: "2025-q3"})
	levels := 0
	for i, r := range b.roles.rows {
		if r.level != nil {
			levels++
			if levels == 1 {
				b.roles.list.Select(i)
			}
		}
	}
	if levels != 201 {
		t.Errorf("roles tab lists %d role levels, want 201", levels)
	}
	if text := richText(b.roles.detail); !strings.Contains(text, "Skills needed") {
		t.Errorf("selecting a role level does not show its skills:\n%s", text)
	}
}
