package ui

import (
	"image/color"
	"reflect"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"digicheck/questionnaire"
)

// sizes a window goes through when dragged: wider, the smallest, too
// small, tall and narrow, and back.
var resizes = [][2]int{{120, 40}, {60, 20}, {59, 20}, {45, 12}, {60, 30}, {80, 24}}

// TestResizeMidSectionKeepsWhatIsOnScreen: the ticks of a question not yet
// confirmed, and the focus, survive any resize, and every frame fits.
func TestResizeMidSectionKeepsWhatIsOnScreen(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toNeeds(d)
	d.press("down", "x", "down", "down", "down", "down", "x") // large print, interpreter
	for _, s := range resizes {
		d.send(tea.WindowSizeMsg{Width: s[0], Height: s[1]})
		if s[0] < minWidth || s[1] < minHeight {
			d.waitFor("Make the window at least 60x20", "Your answers are kept.")
			continue
		}
		checkFits(t, d.m.View().Content, s[0], s[1])
		d.waitFor("Communication and contact · 4 of 5", "[x] Large print", "> 6 [x] A spoken-language interpreter")
	}
	d.press("enter")
	d.waitFor("Which language does the interpreter")
	d.typeText("Polish")
	d.press("enter", "1", "1")
	d.waitFor("About you (optional)")
	want := []string{questionnaire.NeedLargePrint, questionnaire.NeedInterpreter}
	if got := d.m.s.Answers()[questionnaire.LinkCommNeeds]; !reflect.DeepEqual(got, want) {
		t.Fatalf("needs after resizing: %v, want %v", got, want)
	}
}

// TestResizeMidResultKeepsConsentsAndTheReferralAsked: the consents given
// and the referral the keys answer survive resizing, and the referral
// asked about stays named or in view.
func TestResizeMidResultKeepsConsentsAndTheReferralAsked(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	enterPatient(d)
	answerSections(d)
	d.press("end", "enter")
	d.waitFor("Result")
	d.press("a", "down", "d", "down")
	before := consentsOf(d.m)
	asked := d.m.referrals()[d.m.referral].Name
	for _, s := range resizes {
		d.send(tea.WindowSizeMsg{Width: s[0], Height: s[1]})
		if s[0] < minWidth || s[1] < minHeight {
			d.waitFor("Make the window at least 60x20")
			d.press("a") // does nothing blind
			continue
		}
		checkFits(t, d.m.View().Content, s[0], s[1])
		scr := strings.Join(strings.Fields(d.screen()), " ")
		if !strings.Contains(scr, "> [ask ] "+strings.Join(strings.Fields(asked), " ")[:20]) && !strings.Contains(scr, "a/d/n will answer: "+asked[:20]) {
			t.Fatalf("at %dx%d the referral asked about (%s) is neither shown nor named:\n%s", s[0], s[1], asked, d.screen())
		}
	}
	if got := consentsOf(d.m); !reflect.DeepEqual(got, before) {
		t.Fatalf("consents after resizing %v, want %v", got, before)
	}
}

// TestNewScreensFitAndRecover: the list of drafts and the outcome
// questions fit the smallest window, say so below it, and come back.
func TestNewScreensFitAndRecover(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	dr := draftAt(t, st)
	o := withStore(testOptions(nil), st)
	o.Drafts = offered(dr, dr, dr, dr, dr, dr)
	d := newDriver(t, o, 60, 20)
	checkFits(t, d.m.View().Content, 60, 20)
	d.press(repeat("down", 5)...)
	d.waitFor("> NHS 943 476 5919")
	checkFits(t, d.m.View().Content, 60, 20)
	d.send(tea.WindowSizeMsg{Width: 50, Height: 20})
	d.waitFor("Make the window at least 60x20")
	d.press("d", "y") // nothing happens blind
	d.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	d.waitFor("Unfinished assessments", "enter resume")
	if len(d.m.drafts) != 6 || len(drafts(t, st)) != 1 {
		t.Fatal("keys pressed while the window was too small acted")
	}

	prev := savedScenario(t, st)
	o = withStore(testOptions(nil), st)
	o.FollowUp = &prev
	d = newDriver(t, o, 60, 20)
	d.press("enter", "enter")
	d.waitFor("Earlier referrals")
	for range len(agreed(prev)) {
		checkFits(t, d.m.View().Content, 60, 20)
		d.press("1") // went
	}
	d.waitFor("Follow-up · Access · 1 of 5")
	checkFits(t, d.m.View().Content, 60, 20)
}

// TestLightAndDarkBackgrounds: until the background is known the screen is
// drawn in the terminal's own colours; COLORFGBG is the first guess, the
// terminal's answer to the background query decides, and neither changes
// the words on screen.
func TestLightAndDarkBackgrounds(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	words := d.screen()
	own := d.m.View().Content
	if d.m.styles.theme != themeUnknown {
		t.Fatalf("theme %v before anything was known, want the terminal's own colours", d.m.styles.theme)
	}
	d.send(tea.EnvMsg{"COLORFGBG=0;15"})
	if d.m.styles.theme != themeLight {
		t.Error("COLORFGBG=0;15 (white background) did not give light styles")
	}
	d.send(tea.BackgroundColorMsg{Color: color.Black})
	if d.m.styles.theme != themeDark {
		t.Error("a black background did not give dark styles")
	}
	darkFrame := d.m.View().Content
	d.send(tea.EnvMsg{"COLORFGBG=0;15"})
	if d.m.styles.theme != themeDark {
		t.Error("COLORFGBG overrode the terminal's own answer")
	}
	d.send(tea.BackgroundColorMsg{Color: color.White})
	if d.m.styles.theme != themeLight {
		t.Fatal("a white background did not give light styles")
	}
	if d.screen() != words {
		t.Errorf("the light screen says something else:\n%s\nwant\n%s", d.screen(), words)
	}
	if f := d.m.View().Content; f == darkFrame || f == own {
		t.Error("light, dark and the terminal's own colours are not all drawn differently")
	}
	for _, v := range []string{"", "15", "15;default", "x;y", "0;99"} {
		if _, ok := colorFgBgDark(v); ok {
			t.Errorf("COLORFGBG %q read as a background", v)
		}
	}
	for v, want := range map[string]bool{"15;0": true, "0;15": false, "0;default;7": false, "7;8": true} {
		if got, ok := colorFgBgDark(v); !ok || got != want {
			t.Errorf("COLORFGBG %q: dark %v, %v; want %v", v, got, ok, want)
		}
	}
}

// TestEveryScreenShowsItsKeys: each screen's help line names the keys that
// act on it, and those keys act as named.
func TestEveryScreenShowsItsKeys(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	dr := draftAt(t, st)
	o := withStore(testOptions(nil), st)
	o.Drafts = offered(dr)
	d := newDriver(t, o, 80, 24)
	help := func(bs ...key.Binding) {
		t.Helper()
		for _, b := range bs {
			h := b.Help()
			d.waitFor(h.Key + " " + h.Desc)
		}
	}
	text := func(hs ...string) {
		t.Helper()
		d.waitFor(hs...)
	}
	k := d.m.keys
	help(k.Resume, k.Discard, k.New, k.Quit)
	d.press("n")
	text("1-2 choose", "enter confirm")
	help(k.FormMove, k.Back, k.Quit)
	d.press("esc")
	d.press("enter")
	d.waitFor("Motivation and trust · 3 of 5")
	text("1-3 choose", "enter confirm")
	help(k.FormMove, k.Back, k.Quit)
	d.press("esc", "esc")
	d.waitFor("Skills · 2 of 5", "Which of these can you do on your own?")
	text("1-7 or x tick")
	help(k.FormMove, k.FormNext, k.Back, k.Quit)
	d.press("enter")
	d.waitFor("Does someone help you")
	d.press("enter")
	d.waitFor("Motivation and trust · 3 of 5")
	d.press("1", "1", "1")
	d.waitFor("Do you need information")
	d.press("x", "enter", "1", "1")
	d.waitFor(gateQuestion)
	d.press(skipOptional)
	d.waitFor("Review")
	help(k.Confirm, k.EditSection, k.EditPatient, k.Back, k.Quit)
	d.press("end", "enter")
	d.waitFor("Result")
	help(k.Agree, k.Decline, k.NotDiscussed, k.Save, k.Back, k.Quit)
	if len(d.m.referrals()) > firstReferrals {
		help(k.More)
	}
	d.press("ctrl+c")
	help(k.Yes, k.Keep, k.No)
	d.press("n")
	answerReferrals(d, min(len(d.m.referrals()), firstReferrals))
	saveReadBack(d)
	d.waitFor("Saved ·")
	help(k.Copy, k.Handout, k.New, k.Exit)
}

// TestTheResultSaysWhatIsAboveAndBelowWhereverItIsScrolled: at 80x24, a
// result longer than the window (every referral shown, every reason in
// full) says "more above" whenever its first row is out of view and "more
// below" whenever its last row is, at every line the arrows and pgup/pgdn
// reach, the referral's "a/d/n will answer" included; and every row of it
// comes into view by pgup and pgdn alone.
func TestTheResultSaysWhatIsAboveAndBelowWhereverItIsScrolled(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	enterPatient(d)
	answerSections(d)
	d.press("end", "enter")
	d.waitFor("Barriers")
	d.press("m", "e", "a", "a", "a", "a", "a")

	text, _ := d.m.resultText(d.m.contentWidth(), true)
	var rows []string
	for _, l := range strings.Split(plain(text), "\n") {
		if l = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), ">")); l != "" {
			rows = append(rows, l)
		}
	}
	first, last := rows[0], rows[len(rows)-1]
	if len(rows) < d.m.bodyHeight()+5 {
		t.Fatalf("the result is %d rows, too short to scroll at 80x24", len(rows))
	}

	seen := map[string]bool{}
	check := func(after string) {
		t.Helper()
		s := d.screen()
		lines := strings.Split(s, "\n")
		body := strings.Join(lines[:len(lines)-4], "\n")
		status := strings.Join(lines[len(lines)-4:], "\n")
		for _, l := range strings.Split(body, "\n") {
			seen[strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), ">"))] = true
		}
		if !strings.Contains(body, first) && !strings.Contains(status, "▲ more above") {
			t.Fatalf("after %s the first row is out of view and nothing says so:\n%s", after, s)
		}
		if !strings.Contains(body, last) && !strings.Contains(status, "▼ more below") {
			t.Fatalf("after %s the last row is out of view and nothing says so:\n%s", after, s)
		}
		if strings.Contains(body, first) && strings.Contains(status, "▲ more above") {
			t.Fatalf("after %s it says more above with the first row in view:\n%s", after, s)
		}
	}
	for range 3 {
		d.press("pgup")
		check("pgup")
	}
	for range 40 {
		d.press("down")
		check("down")
	}
	for range 40 {
		d.press("up")
		check("up")
	}
	for range 4 {
		d.press("pgdown")
		check("pgdn")
	}
	for range 4 {
		d.press("pgup")
		check("pgup")
	}
	for _, r := range rows {
		if !seen[r] {
			t.Errorf("row never shown by the scrolling keys: %q", r)
		}
	}
}
