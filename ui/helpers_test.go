package ui

import (
	"errors"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// validNHS passes the Modulus 11 check; the two below it do not.
const (
	validNHS      = "9434765919"
	wrongCheckNHS = "9434765918"
	nineDigitNHS  = "943476591"
)

var fixedNow = time.Date(2026, 3, 2, 10, 30, 0, 0, time.UTC)

// memStore is an in-memory stand-in for the store, counting every call.
type memStore struct {
	mu    sync.Mutex
	calls int
	ids   []string // the id of every record Save was given
	fail  error    // returned (once) instead of saving
	recs  map[string]record.Record
}

func (s *memStore) Save(r *record.Record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	s.ids = append(s.ids, r.ID.String())
	if s.fail != nil {
		err := s.fail
		s.fail = nil
		return err
	}
	if s.recs == nil {
		s.recs = map[string]record.Record{}
	}
	s.recs[r.ID.String()] = *r
	return nil
}

func (s *memStore) Calls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

func testOptions(save func(*record.Record) error) Options {
	return Options{
		Instrument: questionnaire.V1,
		Directory:  questionnaire.National,
		Clinician:  "Dr Ada Test",
		Team:       "Ward 5",
		Save:       save,
		Now:        func() time.Time { return fixedNow },
	}
}

// keyPress turns a key name into the message the terminal would send.
func keyPress(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	r := []rune(s)
	if len(r) != 1 {
		panic("unknown key " + s)
	}
	return tea.KeyPressMsg{Code: r[0], Text: s}
}

// ui is what a scenario needs from a running UI: keys in, screen out. It is
// implemented by a synchronous driver (for goldens and benchmarks) and by a
// teatest program (for the end-to-end tests).
type ui interface {
	press(keys ...string)
	typeText(s string)
	// waitFor fails the test unless the screen comes to contain every
	// text (ANSI stripped).
	waitFor(texts ...string)
	screen() string
}

// driver runs the model synchronously: every command is run and its
// messages delivered before the next key, as a program would given time.
// Commands that do not finish quickly (a cursor blink's timer) are dropped,
// so the screen is deterministic.
type driver struct {
	tb       testing.TB
	m        *Model
	captured []tea.Msg // messages the model returned that the program handles (clipboard)
}

func newDriver(tb testing.TB, o Options, w, h int) *driver {
	tb.Helper()
	d := &driver{tb: tb, m: New(o)}
	// The driver delivers keys as fast as it can, and each test waits to
	// see the screen before its next key as a clinician would: keys are
	// held after a refused answer only for keys typed blind.
	d.m.refusalHold = 0
	d.run(d.m.Init())
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	return d
}

func (d *driver) send(msg tea.Msg) {
	_, cmd := d.m.Update(msg)
	d.run(cmd)
}

// commandWait is how long the driver waits for a command before taking it
// for a timer and dropping it. It is long enough for a real store's fsync
// on a busy machine, since a dropped save or draft would stall the test.
const commandWait = 3 * time.Second

func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil || isBlink(cmd) {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(commandWait):
		return
	}
	if msg == nil {
		return
	}
	if b, ok := msg.(tea.BatchMsg); ok {
		for _, c := range b {
			d.run(c)
		}
		return
	}
	// tea.Sequence's message type is unexported; it is a []tea.Cmd.
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
		for i := 0; i < v.Len(); i++ {
			d.run(v.Index(i).Interface().(tea.Cmd))
		}
		return
	}
	switch reflect.TypeOf(msg).String() {
	case "tea.setClipboardMsg":
		d.captured = append(d.captured, msg)
		return
	case "tea.windowSizeMsg", "tea.backgroundColorMsg":
		// Queries to the terminal; there is none.
		return
	}
	d.send(msg)
}

// isBlink reports whether cmd is a text cursor's blink timer, which only
// waits and would slow every typed key by the wait.
func isBlink(cmd tea.Cmd) bool {
	name := runtime.FuncForPC(reflect.ValueOf(cmd).Pointer()).Name()
	// The draft hold's renewal timer only waits, too.
	return strings.Contains(name, "cursor.(*Model).Blink") || strings.Contains(name, "(*Model).renewLater")
}

// quits reports whether cmd, or a command batched in it, quits.
func quits(cmd tea.Cmd) bool {
	if cmd == nil || isBlink(cmd) {
		return false
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		if b, ok := msg.(tea.BatchMsg); ok {
			for _, c := range b {
				if quits(c) {
					return true
				}
			}
		}
		return msg == tea.Quit()
	case <-time.After(250 * time.Millisecond):
		return false
	}
}

func (d *driver) press(keys ...string) {
	for _, k := range keys {
		d.send(keyPress(k))
	}
}

func (d *driver) typeText(s string) {
	for _, r := range s {
		d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func (d *driver) screen() string { return plain(d.m.View().Content) }

func (d *driver) waitFor(texts ...string) {
	d.tb.Helper()
	s := d.screen()
	for _, t := range texts {
		if !strings.Contains(s, t) {
			d.tb.Fatalf("screen does not show %q:\n%s", t, s)
		}
	}
}

// plain strips escape codes and trailing spaces, for comparing screens.
func plain(s string) string {
	lines := strings.Split(ansi.Strip(s), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// scenarioAnswers is what scenario records, as the instrument stores it.
var scenarioAnswers = testkit.Interpreter(nil)

// firstVisit is the scenario's patient assessed a month before fixedNow
// by Dr First Visit of Ward 5, consent(i) the answer to referral i.
func firstVisit(t *testing.T, consent func(i int) string) record.Record {
	t.Helper()
	r := testkit.Assessed(t, scenarioAnswers.Clone())
	for i := range r.Recommendation.Referrals {
		r.Recommendation.Referrals[i].Consent = consent(i)
	}
	r.Clinician, r.Team, r.Time = "Dr First Visit", "Ward 5", fixedNow.AddDate(0, -1, 0)
	return r
}

func repeat(k string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = k
	}
	return out
}

// enterPatient fills the patient screen with a valid NHS number and the
// pre-filled clinician and team, one question at a time, each answer listed
// above the next question.
func enterPatient(u ui) {
	u.waitFor("New assessment", "Identifier", "1 ( ) NHS number")
	u.press("1") // NHS number, chosen by its key: none is chosen to start with
	u.waitFor("NHS number: 10 digits", "✓ Identifier: NHS number")
	u.typeText(validNHS)
	u.press("enter")
	seen(u).waitFor("Clinician", "✓ Number: "+validNHS)
	readName(u)
	u.press("enter")
	u.waitFor("Team (optional)", "✓ Clinician: Dr Ada Test")
	u.press("enter")
	u.waitFor("Access · 1 of 5", "Which of these can you use")
}

// readList waits as a clinician reads a list of many answers before
// typing x: x ticks the answer highlighted only once the list has been on
// screen for the word hold (or an arrow moved the highlight).
func readList(u ui) {
	switch v := u.(type) {
	case blind:
		readList(v.ui)
	case *program:
		time.Sleep(wordHold + 100*time.Millisecond)
	case *driver:
		time.Sleep(v.m.wordHoldLen())
	}
}

// readName waits as a clinician reads the name the clinician box offers
// (the site's clinician, the login name): an enter keeps it only once it
// has been on screen for the word hold, even in a burst.
func readName(u ui) {
	switch v := u.(type) {
	case blind:
		readName(v.ui)
	case *program:
		time.Sleep(wordHold + 100*time.Millisecond)
	case *driver:
		time.Sleep(v.m.wordHoldLen())
	}
}

// toSkills enters the patient, answers the Access section with its first
// options and afford, the number key of the answer about running out of
// data, and stops on the Skills section.
func toSkills(u ui, afford string) {
	enterPatient(u)
	u.press("x", "enter")
	u.waitFor("How do you get online?")
	u.press("x", "enter")
	u.waitFor("Do you run out of data")
	u.press(afford)
	u.waitFor("Skills · 2 of 5")
}

// correctMotivation, from an amendment's review of the scenario's
// answers, corrects the patient's wish to do more online to "yes, with
// some help", keeps the rest of the section and comes back to the review.
func correctMotivation(u ui) {
	u.press("3")
	u.waitFor("Motivation and trust · 3 of 5", "(•) Yes")
	u.press("down", "enter") // yes, with some help: the correction
	u.waitFor("How worried are you", "(•) Very worried")
	u.press("enter")
	u.waitFor("Has something bad happened")
	u.press("enter")
	u.waitFor("Amendment · Review")
}

// The optional section's first question, and the keys that answer it.
const (
	gateQuestion = "Ask these optional questions?"
	askOptional  = "1"
	skipOptional = "2"
)

// answerSections answers every section with keys, giving scenarioAnswers,
// and stops on the review screen. Each step waits for the next question, as
// a clinician would look before pressing the next key. It uses every way
// of answering: x and number keys to tick, a number to choose (which moves
// on at once), and the arrows then enter.
func answerSections(u ui) { answerSectionsPostcode(u, "ls6") }

// answerSectionsPostcode is answerSections with postcode typed for the
// postcode district ("" answers it empty).
func answerSectionsPostcode(u ui, postcode string) {
	// Access
	readList(u)
	u.press("x", "enter")
	u.waitFor("How do you get online?")
	u.press("1", "enter")
	u.waitFor("Do you run out of data")
	u.press("2") // Sometimes

	// Skills
	u.waitFor("Skills · 2 of 5", "Which of these can you do on your own?")
	readList(u)
	u.press("x", "down", "x", "enter")
	u.waitFor("Does someone help you")
	u.press("down", "down", "enter") // from nothing chosen: the first, then the second

	// Motivation and trust
	u.waitFor("Motivation and trust · 3 of 5", "Would you like to do things")
	u.press("1")
	u.waitFor("How worried are you")
	u.press("down", "down", "down", "enter")
	u.waitFor("Has something bad happened")
	u.press("1")

	// Communication: the interpreter brings in the language question.
	u.waitFor("Communication and contact · 4 of 5", "Do you need information")
	u.press("6", "enter")
	// It was not to come before that answer: the keys typed in the next
	// moment are held (even in a burst), so it is read before typing. A
	// burst waits for it too: slept from when the keys were sent, the
	// hold could still run on a loaded machine, where the question is
	// drawn later.
	seen(u).waitFor("Which language does the interpreter")
	time.Sleep(refusalHold)
	u.typeText("Polish")
	u.press("enter")
	u.waitFor("How often do you need someone")
	u.press("4")
	u.waitFor("How would you like us to contact you?")
	u.press("1")

	// Equity: recorded this time.
	u.waitFor("About you (optional) · 5 of 5", gateQuestion)
	u.press(askOptional)
	u.waitFor("Which age group are you in?")
	u.press("7")
	u.waitFor("disability or a long-term")
	u.press("1")
	u.waitFor("means-tested benefits")
	u.press("1")
	u.waitFor("Is English your main language?")
	u.press("2")
	u.waitFor("What is your ethnic group?")
	u.press(repeat("down", 13)...)
	u.waitFor("> 13 ( ) Black or Black British: African")
	u.press("enter")
	u.waitFor("first part of your postcode")
	u.typeText(postcode)
	u.press("enter")
	u.waitFor("Review", "p  Patient")
}

// answerReferrals answers the first n referrals, agreeing to every other
// one starting with agreement, with ↓ between them, and returns the consents given in order.
// Only the first firstReferrals are on screen to start with: for more, it
// presses m first to show the rest.
func answerReferrals(u ui, n int) []string {
	if n > firstReferrals {
		u.press("m")
		u.waitFor("m shows fewer")
	}
	var got []string
	for i := 0; i < n; i++ {
		if i > 0 {
			u.press("down") // the highlight stays on the referral answered
		}
		readReferral(u)
		readOut(u)
		if i%2 == 0 {
			u.press("a")
			got = append(got, questionnaire.Agreed)
		} else {
			u.press("d")
			got = append(got, questionnaire.Declined)
		}
		alone(u)
	}
	return got
}

// readReferral scrolls, as a clinician reads down the result, until the
// referral the consent keys answer is wholly on screen: a consent key
// answers only a referral that is (the footer names it while it is not).
func readReferral(u ui) {
	if d, ok := u.(*driver); ok {
		// The model knows, where a notice in the footer hides its words.
		for i := 0; i < 60 && !d.m.referralShown(); i++ {
			d.press("down")
		}
		return
	}
	for i := 0; i < 60; i++ {
		scr := u.screen()
		switch {
		case strings.Contains(scr, "▼ a/d/n will answer:"):
			u.press("down")
		case strings.Contains(scr, "▲ a/d/n will answer:"):
			u.press("up")
		default:
			return
		}
		if _, ok := u.(*program); ok {
			time.Sleep(100 * time.Millisecond)
		}
	}
}

// readOut waits, where keys typed ahead are held (a running program, or a
// driver given the hold), while the referral highlighted is read out to
// the patient: a consent typed within the word hold of the key that
// brought its referral up records nothing.
func readOut(u ui) {
	switch u := u.(type) {
	case *program:
		time.Sleep(wordHold + 100*time.Millisecond)
	case *driver:
		if u.m.refusalHold > 0 {
			time.Sleep(u.m.wordHoldLen() + 100*time.Millisecond)
		}
	}
}

// alone waits, at a running program, until the key just typed is taken as
// typed on its own: a consent is taken once no key has followed it for the
// word hold (Model.take). The driver takes it at once (its hold is 0).
func alone(u ui) {
	if _, ok := u.(*program); ok {
		time.Sleep(wordHold + 100*time.Millisecond)
	}
}

// aloneEnds ends the wait of the key typed last on the review, the result
// or the saved screen, as its timer does once no key has followed it.
func (d *driver) aloneEnds() {
	d.send(aloneMsg{seq: d.m.aloneSeq})
}

// checkRecord compares a stored record with what the instrument works out
// for the scenario's answers.
func checkRecord(t *testing.T, got record.Record, consents []string) {
	t.Helper()
	want, err := questionnaire.V1.Assess(scenarioAnswers, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Answers, scenarioAnswers) {
		t.Errorf("answers:\n got %v\nwant %v", got.Answers, scenarioAnswers)
	}
	if got.Bands != want.Bands {
		t.Errorf("bands: got %+v, want %+v", got.Bands, want.Bands)
	}
	g, w := got.Recommendation, want.Recommendation
	if g.Primary != w.Primary || g.Fallback != w.Fallback || g.PrimaryReason != w.PrimaryReason ||
		g.FallbackReason != w.FallbackReason || g.ChoiceNote != w.ChoiceNote || g.ChoiceHonoured != w.ChoiceHonoured {
		t.Errorf("routes: got %+v, want %+v", g, w)
	}
	if !reflect.DeepEqual(g.Adjustments, w.Adjustments) {
		t.Errorf("adjustments: got %v, want %v", g.Adjustments, w.Adjustments)
	}
	// The referrals answered were offered; those never shown (after the
	// first few, without m) are kept apart, unoffered.
	offered := max(len(consents), min(len(w.Referrals), firstReferrals))
	if len(g.Referrals) != offered || len(g.Referrals)+len(g.Unshown) != len(w.Referrals) {
		t.Fatalf("got %d referrals offered and %d unshown, want %d of %d offered", len(g.Referrals), len(g.Unshown), offered, len(w.Referrals))
	}
	for i, r := range append(slices.Clone(g.Referrals), g.Unshown...) {
		if r.ProgrammeID != w.Referrals[i].ProgrammeID {
			t.Errorf("referral %d: got %s, want %s", i, r.ProgrammeID, w.Referrals[i].ProgrammeID)
		}
		want := ""
		if i < len(consents) {
			want = consents[i]
		} else if i < offered {
			want = questionnaire.NotDiscussed
		}
		if r.Consent != want {
			t.Errorf("referral %s: consent %q, want %q", r.ProgrammeID, r.Consent, want)
		}
	}
	if got.InstrumentVersion != questionnaire.V1.Version || got.DirectoryVersion != questionnaire.National.Version() {
		t.Errorf("versions: got %s/%s", got.InstrumentVersion, got.DirectoryVersion)
	}
	if got.Patient != (record.PatientID{Kind: record.NHSNumber, Value: validNHS}) {
		t.Errorf("patient: got %+v", got.Patient)
	}
	if got.Clinician != "Dr Ada Test" || got.Team != "Ward 5" || got.Status != record.Completed {
		t.Errorf("clinician/team/status: %q %q %q", got.Clinician, got.Team, got.Status)
	}
	if !got.Time.Equal(fixedNow) || got.ID.IsZero() {
		t.Errorf("time %v, id %q", got.Time, got.ID)
	}
}

var errDiskFull = errors.New("disk full")

// consentsOf is the patient's answer to each referral on m's result so
// far, by programme.
func consentsOf(m *Model) map[string]string {
	out := map[string]string{}
	for _, r := range m.referrals() {
		if r.Consent != "" {
			out[r.ProgrammeID] = r.Consent
		}
	}
	return out
}

// agreed is the referrals of r the patient agreed to.
func agreed(r record.Record) []questionnaire.Referral {
	var out []questionnaire.Referral
	for _, f := range r.Recommendation.Referrals {
		if f.Consent == questionnaire.Agreed {
			out = append(out, f)
		}
	}
	return out
}

// saveReadBack saves a result with referrals: enter, then, at the question
// asked before the save (each referral's answer read back), enter again
// once it has been on screen for the word hold.
func saveReadBack(u ui) {
	if d, ok := u.(*driver); ok && len(d.m.referrals()) == 0 {
		d.press("enter") // nothing to read back: enter saves
		return
	}
	u.press("enter")
	u.waitFor(confirmAsk)
	u.press("end") // read down to the end: an amendment's kept referrals may be below the fold
	switch v := u.(type) {
	case *program:
		time.Sleep(wordHold + 100*time.Millisecond)
	case *driver:
		time.Sleep(v.m.wordHoldLen())
	}
	u.press("enter")
}
