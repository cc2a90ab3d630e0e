package ui

import (
	"fmt"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Appearance settings live in Fyne's Preferences (a preferences.json in
// the user's configuration folder, named by the app ID), never in the
// database: they belong to this computer's user, not to anyone's
// assessment, and hold no personal data (a theme choice, a text size and
// the window's size).
const (
	prefTheme     = "appearance.theme"      // themeSystem, themeLight or themeDark
	prefTextScale = "appearance.text_scale" // a value of textScales
)

// Theme choices as stored in the preferences.
const (
	themeSystem = "system"
	themeLight  = "light"
	themeDark   = "dark"
)

// themeChoices are the choices in the order the settings panel shows them.
var themeChoices = []struct{ key, label string }{
	{themeSystem, "Same as the system"},
	{themeLight, "Light"},
	{themeDark, "Dark"},
}

// textScales are the offered text sizes, as a share of Fyne's own.
var textScales = []float64{0.9, 1, 1.1, 1.25, 1.5}

// appearance is what the user chose; the zero value is the default.
type appearance struct {
	theme string  // themeSystem, themeLight or themeDark
	scale float64 // one of textScales
}

// loadAppearance reads the saved choices, falling back to the defaults for
// anything missing or not understood (a hand-edited or newer file).
func loadAppearance(p fyne.Preferences) appearance {
	a := appearance{theme: themeSystem, scale: 1}
	switch v := p.String(prefTheme); v {
	case themeLight, themeDark:
		a.theme = v
	}
	s := p.FloatWithFallback(prefTextScale, 1)
	for _, ok := range textScales {
		if math.Abs(s-ok) < 0.001 {
			a.scale = ok
		}
	}
	return a
}

// save keeps the choices for next time.
func (a appearance) save(p fyne.Preferences) {
	p.SetString(prefTheme, a.theme)
	p.SetFloat(prefTextScale, a.scale)
}

// appTheme applies the choices over a base theme: a fixed light or dark
// variant (whatever the system says) and text scaled by the chosen size.
// Everything else (icons, padding, fonts) is the base theme's.
type appTheme struct {
	base    fyne.Theme
	variant *fyne.ThemeVariant // nil: follow the system
	scale   float32
}

func newAppTheme(base fyne.Theme, a appearance) *appTheme {
	t := &appTheme{base: base, scale: float32(a.scale)}
	switch a.theme {
	case themeLight:
		v := theme.VariantLight
		t.variant = &v
	case themeDark:
		v := theme.VariantDark
		t.variant = &v
	}
	return t
}

func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.variant != nil {
		v = *t.variant
	}
	return t.base.Color(n, v)
}

func (t *appTheme) Font(s fyne.TextStyle) fyne.Resource     { return t.base.Font(s) }
func (t *appTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

func (t *appTheme) Size(n fyne.ThemeSizeName) float32 {
	s := t.base.Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameCaptionText, theme.SizeNameHeadingText,
		theme.SizeNameSubHeadingText, theme.SizeNameInlineIcon:
		return float32(math.Round(float64(s * t.scale)))
	}
	return s
}

// themeVariant is the variant the window is drawn in: the user's choice,
// else the system's. Code that picks its own colours or words by variant
// (a chart's legend) must ask this, not fyne.Settings.ThemeVariant, which
// only knows the system's.
func themeVariant() fyne.ThemeVariant {
	s := fyne.CurrentApp().Settings()
	if t, ok := s.Theme().(*appTheme); ok && t.variant != nil {
		return *t.variant
	}
	return s.ThemeVariant()
}

// textScale is the chosen text size (1 when none was chosen).
func textScale() float32 {
	if t, ok := fyne.CurrentApp().Settings().Theme().(*appTheme); ok {
		return t.scale
	}
	return 1
}

// applyAppearance puts the choices into effect at once in every window.
func applyAppearance(app fyne.App, a appearance) {
	s := app.Settings()
	base := s.Theme()
	if t, ok := base.(*appTheme); ok {
		base = t.base
	}
	if base == nil {
		base = theme.DefaultTheme()
	}
	s.SetTheme(newAppTheme(base, a))
}

// ApplySettings puts the saved appearance into effect; the app calls it
// once, before building any window's content.
func ApplySettings(app fyne.App) {
	applyAppearance(app, loadAppearance(app.Preferences()))
}

// settingsPanel is the Settings area: theme and text size, applied as soon
// as they are chosen and kept for next time. It holds nothing personal, so
// it stays usable during workshop display (a projector may need the light
// theme and larger text).
type settingsPanel struct {
	themes *widget.RadioGroup
	sizes  *widget.RadioGroup
	root   fyne.CanvasObject
}

func newSettingsPanel() *settingsPanel {
	app := fyne.CurrentApp()
	cur := loadAppearance(app.Preferences())
	p := &settingsPanel{}
	var themeLabels, sizeLabels []string
	for _, c := range themeChoices {
		themeLabels = append(themeLabels, c.label)
	}
	for _, s := range textScales {
		sizeLabels = append(sizeLabels, scaleLabel(s))
	}
	changed := func() {
		a := appearance{theme: themeSystem, scale: 1}
		for _, c := range themeChoices {
			if c.label == p.themes.Selected {
				a.theme = c.key
			}
		}
		for _, s := range textScales {
			if scaleLabel(s) == p.sizes.Selected {
				a.scale = s
			}
		}
		a.save(app.Preferences())
		applyAppearance(app, a)
	}
	p.themes = widget.NewRadioGroup(themeLabels, nil)
	p.themes.Required = true
	p.sizes = widget.NewRadioGroup(sizeLabels, nil)
	p.sizes.Horizontal = true
	p.sizes.Required = true
	for _, c := range themeChoices {
		if c.key == cur.theme {
			p.themes.SetSelected(c.label)
		}
	}
	p.sizes.SetSelected(scaleLabel(cur.scale))
	p.themes.OnChanged = func(string) { changed() }
	p.sizes.OnChanged = func(string) { changed() }

	note := widget.NewLabel("Changes apply at once and are kept for next time on this computer " +
		"(in Gapwise's preferences file, with the window's size; nothing personal is stored there). " +
		"Ctrl+, opens this page from anywhere.")
	note.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem("Theme", p.themes),
		widget.NewFormItem("Text size", p.sizes),
	)
	p.root = container.NewVScroll(container.NewPadded(container.NewVBox(
		widget.NewLabelWithStyle("Appearance", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		form,
		note,
	)))
	return p
}

// content is the panel's root object.
func (p *settingsPanel) content() fyne.CanvasObject { return p.root }

func scaleLabel(s float64) string { return fmt.Sprintf("%d%%", int(math.Round(s*100))) }
