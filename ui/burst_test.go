package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// Keys typed in one burst answer only a question, or a referral line, that
// was on screen when they were typed. After esc goes back, or a consent
// moves the highlight on by itself, keys that arrive before the new screen
// can have been seen are dropped, and the status line says so (H19).

// TestEscAndTheKeysAfterItInOneBurstAnswerNothing: esc then a number in
// one burst goes back without the number answering the question esc went
// back to, which the clinician had not yet seen.
func TestEscAndTheKeysAfterItInOneBurstAnswerNothing(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toSkills(d, "2")
	d.m.refusalHold = time.Hour // every key below comes in one burst
	d.press("esc", "3", "enter")
	d.waitFor("Access · 1 of 5", "Do you run out of data", "(•) Sometimes")
	if !strings.Contains(flat(d.screen()), "Keys typed straight after esc were ignored") {
		t.Fatalf("the screen does not say the keys after esc were ignored:\n%s", d.screen())
	}
	if got := d.m.sections[0].form.focused().values(); len(got) != 1 || got[0] != "sometimes" {
		t.Fatalf("a key typed with esc changed the answer it went back to: %v", got)
	}

	// Once the question has been seen, keys answer it as usual.
	d.m.refusalHold = 0
	d.press("3")
	d.waitFor("Skills · 2 of 5")
	if got := d.m.s.Answers().One(questionnaire.LinkAfford); got != "often" {
		t.Fatalf("afford %q after answering the question seen, want often", got)
	}
}

// TestEscReadWithTheNextKeyGoesBackAndAnswersNothing: a terminal that
// delivers esc and the key after it in one read gives one key, alt held
// (esc 3 is alt+3). It is esc: it goes back, and the key is dropped, never
// lost without a word and never applied to a text being typed (alt+backspace
// would delete a word of it).
func TestEscReadWithTheNextKeyGoesBackAndAnswersNothing(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toSkills(d, "2")
	d.send(tea.KeyPressMsg{Code: '3', Mod: tea.ModAlt})
	d.waitFor("Access · 1 of 5", "Do you run out of data", "(•) Sometimes")
	if !strings.Contains(flat(d.screen()), "Keys typed straight after esc were ignored") {
		t.Fatalf("alt+3 (esc 3 read together) did not go back and say the 3 was ignored:\n%s", d.screen())
	}
	if got := d.m.sections[0].form.focused().values(); len(got) != 1 || got[0] != "sometimes" {
		t.Fatalf("the key read with esc changed an answer: %v", got)
	}

	// In a text question: esc d read together does not delete a word.
	d = newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	d.press("1")
	d.typeText(validNHS)
	d.press("enter")
	d.waitFor("Clinician")
	d.typeText("Dr Jo Bloggs")
	d.send(tea.KeyPressMsg{Code: tea.KeyBackspace, Mod: tea.ModAlt})
	d.waitFor("NHS number: 10 digits")
	if got := d.m.patient.clinician.input.Value(); got != "Dr Jo Bloggs" {
		t.Fatalf("esc read with the key after it edited the name typed: %q", got)
	}
}

// TestConsentKeysInABurstLandOnTheLineHighlighted: a Down d Down a typed
// in one burst on the result screen. A consent leaves the highlight on the
// line answered and only ↓ moves it, so each answer lands on the line the
// clinician saw highlighted, and never on one further down.
func TestConsentKeysInABurstLandOnTheLineHighlighted(t *testing.T) {
	t.Parallel()
	result := func() (*driver, []questionnaire.Referral) {
		d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
		enterPatient(d)
		answerSections(d)
		d.press("end", "enter")
		d.waitFor("Result")
		readReferral(d)
		refs := d.m.referrals()
		if len(refs) < 3 {
			t.Fatalf("scenario gives %d referrals, want 3 or more", len(refs))
		}
		return d, refs
	}

	// In one burst, the first a answers the referral read, and nothing
	// lands further down: the d came with the ↓ that highlighted its
	// referral, before it could be read out, and records nothing
	// (TestAConsentKeyForAReferralBroughtUpByAKeyOfTheSameBurstRecordsNothing);
	// the keys after it are held.
	d, refs := result()
	d.m.refusalHold = refusalHold
	time.Sleep(wordHold + 200*time.Millisecond) // the first referral read out
	burst(d, "a", "down", "d", "down", "a")
	want := map[string]string{refs[0].ProgrammeID: questionnaire.Agreed}
	if got := consentsOf(d.m); !equalMaps(got, want) {
		t.Fatalf("a Down d Down a in one burst recorded %v, want %v", got, want)
	}
	if d.m.referral != 1 {
		t.Fatalf("after a Down d Down a in one burst the highlight is on referral %d, want 1 (the d's)", d.m.referral)
	}

	// Consents alone in one burst are letters typed together, as a
	// word's are ("dna"): none is taken, and the screen says so. Each
	// referral is answered by a key typed on its own.
	d, _ = result()
	d.m.refusalHold = time.Hour
	// The referral was read out long before (a consent key within the
	// word hold of it coming up is refused at once, as unread).
	d.m.referralCameAt = time.Now().Add(-2 * d.m.wordHoldLen())
	d.press("d", "n", "a")
	d.aloneEnds()
	if got := consentsOf(d.m); len(got) != 0 {
		t.Fatalf("d n a in one burst recorded %v, want nothing", got)
	}
	d.waitFor(`Not taken: "dn" came as keys typed together`)

	// Typed one key at a time, each seen, the same keys answer the same
	// lines: the highlight never moves by itself.
	d, refs = result()
	d.press("a", "down", "d")
	want = map[string]string{refs[0].ProgrammeID: questionnaire.Agreed, refs[1].ProgrammeID: questionnaire.Declined}
	if got := consentsOf(d.m); !equalMaps(got, want) {
		t.Fatalf("a, then down and d one at a time, recorded %v, want %v", got, want)
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestKeysTypedAfterARefusalAreDroppedInView: enter on a question with no
// answer, then 1 and enter in the same burst. The keys were typed for the
// next question, which never came: they answer nothing, and the refusal
// stays on screen saying so, as keys typed with esc are dropped.
func TestKeysTypedAfterARefusalAreDroppedInView(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	enterPatient(d)
	d.m.refusalHold = time.Hour
	d.press("enter", "1", "enter")
	d.waitFor("Access · 1 of 5", "Which of these can you use", "[ ] My own smartphone")
	want := "An answer is needed: tick every answer that applies (its number, or x), then press enter. Keys typed after this were ignored: answer this question again."
	if !strings.Contains(flat(d.screen()), want) {
		t.Fatalf("the screen does not show %q:\n%s", want, d.screen())
	}
}

// TestKeysTypedAfterARefusedSaveAreDroppedInView: enter with referrals
// still to answer, then a in the same burst. The save is refused and the
// highlight moves to the first referral to answer; the a, typed before
// that could be seen, answers nothing, and the refusal stays on screen
// saying so.
func TestKeysTypedAfterARefusedSaveAreDroppedInView(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	enterPatient(d)
	answerSections(d)
	d.press("end", "enter")
	d.waitFor("Result")
	readReferral(d)
	d.press("a", "down") // the first answered; the highlight left on the third
	d.m.refusalHold = time.Hour
	d.press("enter", "a")
	if got := consentsOf(d.m); len(got) != 1 {
		t.Fatalf("a key typed after the refused save answered a referral: %v", got)
	}
	want := "Answer each of the first referrals (2 to go): a agrees, d declines, n not discussed. Keys typed after this were ignored"
	if !strings.Contains(flat(d.screen()), want) {
		t.Fatalf("the screen does not show %q:\n%s", want, d.screen())
	}
}

// TestEnterTypedAfterANumberConfirmsTheAnswerChosen: a number chooses a
// single answer and moves on at once, but clinicians type number+enter out
// of habit. An enter in the same burst, straight after the number, is the
// confirmation of the answer just chosen: it answers nothing on the next
// question, which was not yet on screen, and the rest of the burst lands
// question by question. At "Does someone help you" the burst 3 enter 3
// enter 1 enter records help sometimes, NHS App no, hard to use sight.
func TestEnterTypedAfterANumberConfirmsTheAnswerChosen(t *testing.T) {
	t.Parallel()
	d := toV2Help(t)
	d.m.refusalHold = time.Hour // every key below comes in one burst
	d.press("3", "enter", "3", "enter", "1", "enter")
	d.waitFor("Motivation and trust · 3 of 5")
	a := d.m.s.Answers()
	for link, want := range map[string]string{
		questionnaire.LinkHelp:       questionnaire.HelpSome,
		questionnaire.LinkNHSApp:     questionnaire.AppNo,
		questionnaire.LinkTechAccess: questionnaire.TechSight,
	} {
		if got := a[link]; len(got) != 1 || got[0] != want {
			t.Errorf("%s = %v after the burst, want [%s]", link, got, want)
		}
	}
	if s := flat(d.screen()); strings.Contains(s, "ignored") || strings.Contains(s, "An answer is needed") {
		t.Errorf("the burst was refused in part:\n%s", d.screen())
	}
}

// TestEnterOnAnUnansweredQuestionSeenIsRefused: the enter absorbed after a
// number is only one typed before the next question could be seen. Once
// it has been on screen, enter with nothing ticked is refused as ever.
func TestEnterOnAnUnansweredQuestionSeenIsRefused(t *testing.T) {
	t.Parallel()
	d := toV2Help(t)
	d.m.refusalHold = 20 * time.Millisecond
	d.press("3")
	d.waitFor("Do you use the NHS App")
	time.Sleep(40 * time.Millisecond) // the question is read
	d.press("enter")
	d.waitFor("Do you use the NHS App", "An answer is needed")

	// Nor is an enter absorbed after another key came between.
	d = toV2Help(t)
	d.m.refusalHold = time.Hour
	d.press("3", "down", "enter")
	d.waitFor("Do you use the NHS App", "An answer is needed")
}

// toV2Help answers the first section of instrument v2 as the first
// scripted patient did, ticks the first task of the Skills section and
// stops on "Does someone help you", the single choice followed by two
// tick-all questions.
func toV2Help(t *testing.T) *driver {
	t.Helper()
	o := testOptions((&memStore{}).Save)
	o.Instrument = questionnaire.V2
	d := newDriver(t, o, 80, 24)
	enterPatient(d)
	first := &questionnaire.Instrument{Sections: questionnaire.V2.Sections[:1]}
	keysFor(d, first, testkit.ScriptedPatients[0].Answers)
	d.waitFor("Skills · 2 of", "Which of these can you do on your own?")
	d.press("1", "enter")
	d.waitFor("Does someone help you")
	return d
}

// TestKeysTypedWithNOnTheDraftsListAnswerNothing: n on the list of
// unfinished assessments, and the keys typed with it in one burst, start
// a new assessment and answer none of its questions, which were not on
// screen when they were typed; the status says they were ignored.
func TestKeysTypedWithNOnTheDraftsListAnswerNothing(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	o := withStore(testOptions(nil), st)
	o.Drafts = offered(draftAt(t, st))
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments")
	d.m.refusedAt = time.Time{} // the list has been read
	d.m.refusalHold = time.Hour // every key below comes in one burst
	d.press("n", "enter")
	d.typeText(validNHS)
	d.press("enter", "enter", "enter", "x", "enter")
	d.waitFor("New assessment", "Identifier")
	if !strings.Contains(flat(d.screen()), "list of unfinished assessments were ignored") {
		t.Fatalf("the screen does not say the keys typed with n were ignored:\n%s", d.screen())
	}
	if d.m.patient.touched() || d.m.s.Progressed() {
		t.Fatalf("keys typed on the list answered the new assessment:\n%s", d.screen())
	}

	// Once the screen has been seen, keys answer it as usual.
	d.m.refusalHold = 0
	d.press("1")
	d.waitFor("NHS number: 10 digits")
}

// TestKeysTypedWithEnterOnTheDraftsListAnswerNothing: enter resumes the
// draft chosen, and keys typed with it in one burst answer none of the
// questions the draft opens on, nor start anything else.
func TestKeysTypedWithEnterOnTheDraftsListAnswerNothing(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	o := withStore(testOptions(nil), st)
	o.Drafts = offered(draftAt(t, st))
	d := newDriver(t, o, 80, 24)
	d.waitFor("Unfinished assessments")
	d.m.refusedAt = time.Time{} // the list has been read
	d.m.refusalHold = time.Hour
	d.press("enter", "1", "1", "1", "n", "enter")
	d.waitFor("Motivation and trust · 3 of 5", "Would you like to do things")
	if !strings.Contains(flat(d.screen()), "were ignored") {
		t.Fatalf("the screen does not say the keys typed with enter were ignored:\n%s", d.screen())
	}
	if got := d.m.sections[d.m.current].form.focused().values(); len(got) != 0 || strings.Contains(d.screen(), "✓ Wants online") {
		t.Fatalf("a key typed on the list answered the resumed draft (%v):\n%s", got, d.screen())
	}
}

// TestKeysTypedAsTheDraftsListAppearsOpenNothing: a burst meant for the
// patient screen (1, enter, an NHS number, enter) that reaches the list of
// unfinished assessments in the moment it is first drawn opens no draft,
// which may be another patient's; the list stays, and says the keys were
// ignored. Once it has been read, enter resumes the draft as usual.
func TestKeysTypedAsTheDraftsListAppearsOpenNothing(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	o := withStore(testOptions(nil), st)
	o.Drafts = offered(draftAt(t, st))
	m := New(o)
	m.refusalHold = time.Hour // the burst comes as the list is drawn
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	for _, k := range append([]string{"1", "enter"}, append(strings.Split(validNHS, ""), "enter")...) {
		m.Update(keyPress(k))
	}
	if m.screen != draftsScreen {
		t.Fatalf("keys typed as the list appeared left it (screen %d):\n%s", m.screen, m.render())
	}
	if !strings.Contains(flat(m.render()), "could be read were ignored: read the list, then choose") {
		t.Fatalf("the list does not say the keys were ignored:\n%s", m.render())
	}
	m.refusalHold = 0 // the list has been read
	m.Update(keyPress("enter"))
	if m.screen == draftsScreen {
		t.Fatalf("enter on the list, once read, did not resume the draft:\n%s", m.render())
	}
}

// readLongAgo has question f, and the screen it is on, shown long ago, as
// if read out: its hold counts from its coming into view and from the
// window's first frame, whichever is later.
func readLongAgo(d *driver, f *field) {
	ago := time.Now().Add(-4 * time.Hour)
	f.shownAt, d.m.backAt = ago, ago
}

// TestKeysTypedWithAnAnswerThatBringsUpAQuestionAnswerNothing: "No, I did
// not take it up" brings up "Why not?", a question that was not to come.
// Keys typed with that answer were meant for the next referral: they are
// held, with the note the plain prompts give, and the next referral is
// asked as if they were never typed. (They were typed into "Why not", and
// every answer after it moved up a question.)
func TestKeysTypedWithAnAnswerThatBringsUpAQuestionAnswerNothing(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	prev := savedScenario(t, st)
	if len(agreed(prev)) < 2 {
		t.Fatalf("the scenario agreed %d referrals, want at least 2", len(agreed(prev)))
	}
	o := withStore(testOptions(nil), st)
	o.FollowUp = &prev
	d := newDriver(t, o, 80, 24)
	d.press("enter", "enter")
	d.waitFor("Earlier referrals")
	// The question read out and answered (an outcome question takes no
	// key sooner than the word hold after it was shown).
	readLongAgo(d, d.m.outcomeForm.codes[0])
	d.m.refusalHold = time.Hour // every key below comes in one burst
	d.press("3", "4", "5", "enter", "2")
	d.waitFor("Why not")
	if !strings.Contains(flat(d.screen()), heldBeforeShown) {
		t.Fatalf("the screen does not say the keys typed with the answer were ignored:\n%s", d.screen())
	}
	of := d.m.outcomeForm
	if got := of.reasons[0].text(); got != "" {
		t.Fatalf("keys typed before Why not was shown were typed into it: %q", got)
	}
	if of.form.focused() != of.reasons[0] {
		t.Fatalf("the focus left Why not on keys typed before it was shown: %q", of.form.focused().title)
	}
	if v := of.codes[1].values(); len(v) != 0 {
		t.Fatalf("the next referral was answered %v by keys typed before it was shown", v)
	}

	// Once the question has been seen, keys answer it as usual.
	d.m.refusalHold = 0
	d.typeText("no bus")
	d.press("enter", "2")
	if got := of.reasons[0].text(); got != "no bus" {
		t.Fatalf("why not %q, want no bus", got)
	}
	if v := of.codes[1].values(); len(v) != 1 || v[0] != record.OutcomeHelped {
		t.Fatalf("the next referral %v, want helped", v)
	}
}

// TestAKeyTypedBeforeEscLeavesNoTickOnTheQuestionEscLeft: in a follow-up,
// "4 enter 1 esc 2" in one burst. The 4 answers the last referral and the
// devices question opens by itself; the enter after the number is
// absorbed, and the 1, meant for the referral, ticks the first device
// before esc goes back. Esc typed before that question could be read
// leaves it as it was shown: going forward again, nothing is ticked that
// the clinician did not tick with it in view (a tick made with it in view
// is kept: TestEscGoesBackWithoutLosingAnswers). (The devices question
// opened with "[x] My own smartphone" ticked.)
func TestAKeyTypedBeforeEscLeavesNoTickOnTheQuestionEscLeft(t *testing.T) {
	t.Parallel()
	st := tempStore(t)
	prev := savedScenario(t, st)
	o := withStore(testOptions(nil), st)
	o.FollowUp = &prev
	d := newDriver(t, o, 80, 24)
	d.press("enter", "enter")
	d.waitFor("Earlier referrals")
	for range len(agreed(prev)) - 1 {
		d.press("4")
	}
	// The last referral read out and answered (an outcome question
	// takes no key sooner than the word hold after it was shown).
	readLongAgo(d, d.m.focusedField())
	d.m.refusalHold = time.Hour // every key below comes in one burst
	d.press("4", "enter", "1", "esc", "2")
	d.waitFor("Earlier referrals", "Keys typed straight after esc were ignored")
	d.m.refusalHold = 0
	d.press("4")
	d.waitFor("Follow-up · Access · 1 of", "Which of these can you use")
	if strings.Contains(d.screen(), "[x]") {
		t.Fatalf("a key typed before esc left a tick on the question esc left:\n%s", d.screen())
	}
	if v := d.m.sections[0].form.focused().values(); len(v) != 0 {
		t.Fatalf("the devices question holds %v, ticked by a key typed before esc", v)
	}
}

// TestKeysTypedWithAnAnswerThatBringsUpAnItemAnswerNothing: the same rule
// for an item asked because of an earlier answer (EnableWhen): the
// interpreter brings up the language question, and text typed with that
// answer is not typed into it.
func TestKeysTypedWithAnAnswerThatBringsUpAnItemAnswerNothing(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	enterPatient(d)
	d.press("x", "enter", "1", "enter", "2")
	d.waitFor("Skills · 2 of 5")
	d.press("x", "down", "x", "enter", "down", "down", "enter")
	d.waitFor("Motivation and trust · 3 of 5")
	d.press("1", "down", "down", "down", "enter", "1")
	d.waitFor("Communication and contact · 4 of 5", "Do you need information")
	d.m.refusalHold = time.Hour // every key below comes in one burst
	d.press("6", "enter")
	d.typeText("4")
	d.waitFor("Which language does the interpreter", heldBeforeShown[:40])
	if got := d.m.sections[d.m.current].form.focused().text(); got != "" {
		t.Fatalf("a key typed with the answer was typed into the question it brought up: %q", got)
	}
	d.m.refusalHold = 0
	d.typeText("Polish")
	if got := d.m.sections[d.m.current].form.focused().text(); got != "Polish" {
		t.Fatalf("language %q once the question was read, want Polish", got)
	}
}
