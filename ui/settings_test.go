package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func TestWindowSize(t *testing.T) {
	for _, tc := range []struct {
		name          string
		screen, saved fyne.Size
		want          fyne.Size
	}{
		{"1024x768 screen: all of it", fyne.NewSize(1024, 736), fyne.Size{}, fyne.NewSize(1024, 736)},
		{"1280x800: most of it, at least 1024x768", fyne.NewSize(1280, 768), fyne.Size{}, fyne.NewSize(1152, 768)},
		{"1920x1080: 90%", fyne.NewSize(1920, 1048), fyne.Size{}, fyne.NewSize(1728, 943.2)},
		{"a 4K screen at scale 1: capped", fyne.NewSize(3840, 2128), fyne.Size{}, fyne.NewSize(1800, 1150)},
		{"smaller than 1024x768: never larger than the screen", fyne.NewSize(800, 568), fyne.Size{}, fyne.NewSize(800, 568)},
		{"unknown screen: 1280x800 (tested)", fyne.Size{}, fyne.Size{}, fyne.NewSize(1280, 800)},
		{"remembered size restored", fyne.NewSize(1920, 1048), fyne.NewSize(1300, 900), fyne.NewSize(1300, 900)},
		{"remembered on a larger screen: cut to this one", fyne.NewSize(1024, 736), fyne.NewSize(1900, 1000), fyne.NewSize(1024, 736)},
		{"remembered tiny size: ignored", fyne.NewSize(1920, 1048), fyne.NewSize(200, 100), fyne.NewSize(1728, 943.2)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := windowSize(tc.screen, tc.saved)
			if d := got.Subtract(tc.want); d.Width*d.Width > 0.01 || d.Height*d.Height > 0.01 {
				t.Errorf("windowSize(%v, %v) = %v, want %v", tc.screen, tc.saved, got, tc.want)
			}
		})
	}
}

func TestWindowRemembersItsSize(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("Gapwise")
	w.SetContent(widget.NewLabel("x"))
	FitWindow(w, 1024, 768)
	if got := w.Canvas().Size(); got != fyne.NewSize(1024, 768-titleBar) {
		t.Errorf("on a 1024x768 screen the window is %v, want the whole screen below its title bar", got)
	}
	w.Resize(fyne.NewSize(1366, 840))
	rememberWindowSize(w)
	next := a.NewWindow("Gapwise")
	next.SetContent(widget.NewLabel("x"))
	FitWindow(next, 1920, 1080)
	if got := next.Canvas().Size(); got != fyne.NewSize(1366, 840) {
		t.Errorf("the next start opened at %v, want the remembered 1366x840", got)
	}
	FitWindow(next, 1280, 800)
	if got := next.Canvas().Size(); got != fyne.NewSize(1280, 800-titleBar) {
		t.Errorf("on a smaller screen the remembered size became %v, want it cut to the screen", got)
	}
}

func TestLoadAppearanceFallsBackOnNonsense(t *testing.T) {
	a := test.NewTempApp(t)
	p := a.Preferences()
	if got := loadAppearance(p); got != (appearance{themeSystem, 1}) {
		t.Errorf("nothing saved gives %+v", got)
	}
	p.SetString(prefTheme, "purple")
	p.SetFloat(prefTextScale, 7)
	if got := loadAppearance(p); got != (appearance{themeSystem, 1}) {
		t.Errorf("nonsense saved gives %+v, want the defaults", got)
	}
	appearance{themeDark, 1.25}.save(p)
	if got := loadAppearance(p); got != (appearance{themeDark, 1.25}) {
		t.Errorf("saved dark at 125%% reads back as %+v", got)
	}
}

func TestSettingsPanelAppliesAndKeepsTheChoice(t *testing.T) {
	s, w, _ := newTestShell(t)
	a := fyne.CurrentApp()
	base := a.Settings().Theme().Size(theme.SizeNameText)
	pressShortcut(w, settingsShortcut)
	if s.tabs.Selected().Text != "Settings" {
		t.Fatalf("Ctrl+, shows %q, want Settings", s.tabs.Selected().Text)
	}
	radios := under[*widget.RadioGroup](s.settings.content())
	if len(radios) != 2 {
		t.Fatalf("%d radio groups in Settings, want theme and text size", len(radios))
	}
	radios[0].SetSelected("Dark")
	if themeVariant() != theme.VariantDark {
		t.Error("choosing Dark did not make the window dark")
	}
	if got := a.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantLight); got != a.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantDark) {
		t.Error("the dark theme still draws light colours when the system says light")
	}
	radios[1].SetSelected("150%")
	if got := a.Settings().Theme().Size(theme.SizeNameText); got != float32(int(base*1.5+0.5)) {
		t.Errorf("text at 150%% is %v, want 1.5 × %v", got, base)
	}
	if got := a.Settings().Theme().Size(theme.SizeNamePadding); got != theme.DefaultTheme().Size(theme.SizeNamePadding) && got != test.Theme().Size(theme.SizeNamePadding) {
		t.Errorf("padding changed with the text size: %v", got)
	}
	if s.rate.confidence.Horizontal {
		t.Error("at 150% the six confidence choices stay side by side, wider than a 1024-pixel window")
	}
	if got := loadAppearance(a.Preferences()); got != (appearance{themeDark, 1.5}) {
		t.Errorf("the preferences keep %+v, want dark at 150%%", got)
	}
	radios[1].SetSelected("100%")
	if !s.rate.confidence.Horizontal {
		t.Error("back at 100% the confidence choices stay one under the other")
	}
	radios[1].SetSelected("150%")
	radios[0].SetSelected("Same as the system")
	if themeVariant() != a.Settings().ThemeVariant() {
		t.Error("Same as the system does not follow the system")
	}
	// The main menu reaches it too.
	s.showTab("Me")
	menu := w.MainMenu()
	if menu == nil || len(menu.Items) == 0 || len(menu.Items[0].Items) == 0 || menu.Items[0].Items[0].Label != "Settings…" {
		t.Fatalf("the main menu has no Settings item: %+v", menu)
	}
	menu.Items[0].Items[0].Action()
	if s.tabs.Selected().Text != "Settings" {
		t.Errorf("the menu's Settings… shows %q", s.tabs.Selected().Text)
	}
}

func TestSettingsStayDuringWorkshopDisplay(t *testing.T) {
	if !projectionSafe["Settings"] {
		t.Error("Settings is hidden during workshop display; a projector needs its theme and text size")
	}
}

func TestEmptyStatusTakesNoRoom(t *testing.T) {
	test.NewTempApp(t)
	l := widget.NewLabel("")
	c := collapsing(l)
	if m := c.MinSize(); m.Height != 0 {
		t.Errorf("an empty status needs %v", m)
	}
	l.SetText("Saved Team report.pdf")
	if m := c.MinSize(); m.Height == 0 {
		t.Error("a status with text takes no room")
	}
}
