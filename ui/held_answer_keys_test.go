package ui

import (
	"fmt"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"digicheck/questionnaire"
	"digicheck/store"
)

// A question that comes up holding an answer the patient gave (an
// amendment, a section opened again from the review, a resumed draft, a
// follow-up, a question gone back to) refused an enter typed before it
// could be read, and nothing else. In one burst "enter 1 enter", typed to
// keep the devices and go on, the enter kept the devices (read), and the 1
// unticked "Internet or wifi at home" on the question it brought up, which
// the last enter confirmed, saved so; "enter 3 enter" ticked an answer
// never given; "enter 1" changed "Data or credit" from "Sometimes" to "No,
// never"; "enter Amharic enter" replaced the interpreter's language; an n
// replaced the reason why not, "no time". Every key that would change or
// keep the answer is now refused within the word hold of the question's
// coming, as the enter is: nothing is changed, and every key after it is
// ignored until esc. Typed once the question could be read, the keys work
// as ever.

// heldQuestion is a question that comes up holding an answer, reached by
// keeping, each once read, the questions before it on its screen.
type heldQuestion struct {
	kind    string
	section string   // the review's key of its section
	draft   string   // its section, as a draft names it
	before  []string // the questions before it, from the first of its screen
	title   string
}

var (
	heldTickAll = heldQuestion{"tick-all", "1", "access", []string{"Which of these can you use"}, "How do you get online?"}
	heldSingle  = heldQuestion{"single", "1", "access", []string{"Which of these can you use", "How do you get online?"}, "Do you run out of data or credit"}
	heldText    = heldQuestion{"text box", "4", "needs", []string{"Do you need information in a certain way?"}, "Which language does the interpreter need to speak?"}
	heldReason  = heldQuestion{"reason box", "", "", []string{"Did you go to"}, "Why not? (optional)"}
)

// heldKeys is a key (or keys, the last the one that would change or keep
// the answer) typed on a question holding an answer, how the refusal names
// it, and what it does typed once the question was read.
type heldKeys struct {
	keys  []string
	said  string
	taken func(t *testing.T, d *driver, f *field)
}

// movedOnWith checks that the keys, once the question was read, answered
// it with want and moved on.
func movedOnWith(want ...string) func(*testing.T, *driver, *field) {
	return func(t *testing.T, d *driver, f *field) {
		t.Helper()
		if d.m.focusedField() == f {
			t.Fatalf("the keys, typed once %q was read, did not answer it:\n%s", f.title, d.screen())
		}
		if v := f.values(); !slices.Equal(v, want) {
			t.Fatalf("%q answered %v, want %v", f.title, v, want)
		}
	}
}

// stayedWith checks that the keys, once the question was read, changed its
// answer to want (ticks or text), the question still on screen.
func stayedWith(want ...string) func(*testing.T, *driver, *field) {
	return func(t *testing.T, d *driver, f *field) {
		t.Helper()
		if d.m.focusedField() != f {
			t.Fatalf("the keys, typed once %q was read, left it:\n%s", f.title, d.screen())
		}
		got := f.values()
		if f.kind == freeText {
			got = []string{f.input.Value()}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%q holds %q, want %q:\n%s", f.title, got, want, d.screen())
		}
	}
}

func heldKeysOf(q heldQuestion) []heldKeys {
	switch q.kind {
	case "single": // "Sometimes"
		return []heldKeys{
			{[]string{"1"}, `"1"`, movedOnWith("never")},
			{[]string{"enter"}, "Enter", movedOnWith("sometimes")},
			{[]string{"down", "enter"}, "Down", movedOnWith("often")},
		}
	case "tick-all": // "Internet or wifi at home"
		return []heldKeys{
			{[]string{"1"}, `"1"`, stayedWith()},
			{[]string{"3"}, `"3"`, stayedWith(questionnaire.NetHome, questionnaire.NetPublic)},
			{[]string{"x"}, `"x"`, stayedWith()},
			{[]string{"enter"}, "Enter", movedOnWith(questionnaire.NetHome)},
		}
	}
	given, rest := "Polish", "olish"
	if q.kind == "reason box" {
		given, rest = "no time", "o time"
	}
	return []heldKeys{
		{[]string{"a"}, `"a"`, stayedWith("a")},
		{[]string{"n"}, `"n"`, stayedWith("n")},
		{[]string{"7"}, `"7"`, stayedWith("7")},
		{[]string{"space"}, `" "`, stayedWith(" ")},
		{[]string{"backspace"}, "Backspace", stayedWith(given[:len(given)-1])},
		{[]string{"home", "delete"}, "Delete", stayedWith(rest)},
		{[]string{"paste"}, "Pasted text", stayedWith("Amharic")},
		{[]string{"enter"}, "Enter", movedOnWith(given)},
		{[]string{"left", "enter"}, "Enter", movedOnWith(given)},
	}
}

// pressHeld presses keys as keyPress names them, and "delete", and
// "paste": "Amharic" pasted.
func pressHeld(d *driver, keys ...string) {
	for _, k := range keys {
		switch k {
		case "paste":
			d.send(tea.PasteMsg{Content: "Amharic"})
		case "delete":
			d.send(tea.KeyPressMsg{Code: tea.KeyDelete})
		default:
			d.press(k)
		}
	}
}

// A context brings up the first question of q's screen, holding the
// patient's answer, with keys held as at a terminal.
type heldContext struct {
	name  string
	kinds []heldQuestion
	open  func(t *testing.T, q heldQuestion) *driver
}

var heldContexts = []heldContext{
	{"amendment", []heldQuestion{heldTickAll, heldSingle, heldText}, func(t *testing.T, q heldQuestion) *driver {
		old := earlier(t)
		o := testOptions((&memStore{}).Save)
		o.Clinician, o.Team = old.Clinician, old.Team
		o.Amend, o.AmendReason = &old, "interpreter"
		d := newDriver(t, o, 80, 24)
		d.waitFor("Amend assessment", "Clinician")
		d.press("enter", "tab", "enter")
		d.waitFor("Amendment · Review")
		d.m.refusalHold = refusalHold
		time.Sleep(wordHold) // the review has been read
		sectionFromReview(t, d, q.section, q.before[0])
		return d
	}},
	{"section opened again", []heldQuestion{heldTickAll, heldSingle, heldText}, func(t *testing.T, q heldQuestion) *driver {
		d, _ := atReview(t)
		sectionFromReview(t, d, q.section, q.before[0])
		return d
	}},
	{"resumed draft", []heldQuestion{heldTickAll, heldSingle, heldText}, func(t *testing.T, q heldQuestion) *driver {
		st := tempStore(t)
		dr := store.Draft{Draft: draftAt(t, st).Draft}
		dr.Section, dr.Answers = q.draft, scenarioAnswers.Clone()
		for _, k := range []string{questionnaire.LinkChoice, questionnaire.LinkAgeBand, questionnaire.LinkDisability, questionnaire.LinkBenefits,
			questionnaire.LinkMainLanguage, questionnaire.LinkEthnicity, questionnaire.LinkPostcodeDistrict} {
			delete(dr.Answers, k) // sections not reached
		}
		if err := st.SaveDraft(&dr); err != nil {
			t.Fatal(err)
		}
		o := withStore(testOptions(nil), st)
		o.Drafts = offered(dr)
		d := newDriver(t, o, 80, 24)
		d.waitFor("Unfinished assessments")
		d.m.refusalHold = refusalHold
		time.Sleep(wordHold) // the list has been read
		d.press("enter")
		d.waitFor(q.before[0])
		return d
	}},
	{"gone back to", []heldQuestion{heldTickAll, heldSingle, heldText}, func(t *testing.T, q heldQuestion) *driver {
		d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
		enterPatient(d)
		d.press("x", "enter")
		d.waitFor("How do you get online?")
		d.press("1", "enter")
		d.waitFor("Do you run out of data")
		d.press("2") // Sometimes
		d.waitFor("Skills · 2 of 5")
		if q.section == "4" {
			d.press("x", "enter")
			d.waitFor("Does someone help you")
			d.press("2")
			d.waitFor("Would you like to do things")
			d.press("1")
			d.waitFor("How worried are you")
			d.press("3")
			d.waitFor("Has something bad happened")
			d.press("1")
			d.waitFor("Do you need information")
			d.press("6", "enter")
			d.waitFor("Which language does the interpreter")
			d.typeText("Polish")
			d.press("enter")
			d.waitFor("How often do you need someone")
			d.press("4")
			d.waitFor("How would you like us to contact you?")
		}
		// Back to the first question of the screen, each gone back to
		// holding its answer.
		for d.m.focusedField() == nil || !strings.Contains(flat(d.m.focusedField().title), q.before[0]) {
			d.press("esc")
			if d.m.screen != sectionScreen {
				t.Fatalf("esc did not go back to %q:\n%s", q.before[0], d.screen())
			}
		}
		d.m.refusalHold = refusalHold
		return d
	}},
}

// followUpAtReason is a follow-up whose first earlier referral was not
// taken up, "no time", and which is at the question after it.
func followUpAtReason(t *testing.T, st *store.Store) *driver {
	prev := savedScenario(t, st)
	o := withStore(testOptions(nil), st)
	o.FollowUp = &prev
	d := newDriver(t, o, 80, 24)
	d.press("enter", "enter")
	d.waitFor("Did you go to " + prev.Recommendation.Referrals[0].Name)
	d.press("3") // No, I did not take it up
	d.waitFor("Why not? (optional)")
	d.typeText("no time")
	d.press("enter")
	d.waitFor("Did you go to " + prev.Recommendation.Referrals[1].Name)
	return d
}

var heldReasonContexts = []heldContext{
	{"resumed follow-up", []heldQuestion{heldReason}, func(t *testing.T, q heldQuestion) *driver {
		st := tempStore(t)
		d := followUpAtReason(t, st)
		d.send(stopMsg{syscall.SIGHUP})
		if out, _ := d.m.finish(nil); out.Draft == nil {
			t.Fatalf("no draft kept: %v", out.DraftErr)
		}
		o := withStore(testOptions(nil), st)
		o.Drafts = []Resumable{{Draft: drafts(t, st)[0], Base: d.m.opts.FollowUp}}
		d = newDriver(t, o, 80, 24)
		d.waitFor("Unfinished assessments", "1 earlier referral followed")
		d.m.refusalHold = refusalHold
		time.Sleep(wordHold) // the list has been read
		d.press("enter")
		d.waitFor(q.before[0], "(•) No, I did not take it up")
		return d
	}},
	{"follow-up gone back to", []heldQuestion{heldReason}, func(t *testing.T, q heldQuestion) *driver {
		d := followUpAtReason(t, tempStore(t))
		d.press("esc")
		d.waitFor("Why not? (optional)", "no time")
		d.press("esc")
		d.waitFor(q.before[0], "(•) No, I did not take it up")
		d.m.refusalHold = refusalHold
		return d
	}},
}

// toHeld keeps, each once read, the questions before q, and reports the
// question it brought up, q, holding an answer.
func toHeld(t *testing.T, d *driver, q heldQuestion) *field {
	t.Helper()
	for _, b := range q.before {
		keptRead(t, d, b)
	}
	f := d.m.focusedField()
	if f == nil || !strings.Contains(flat(f.title), q.title) {
		t.Fatalf("%q did not come up:\n%s", q.title, d.screen())
	}
	if len(f.values()) == 0 {
		t.Fatalf("%q came up holding no answer:\n%s", q.title, d.screen())
	}
	return f
}

// refusedOnHeld fails t unless k, typed on f (a question that came up
// holding an answer) before it could be read, was refused with the keys
// after it until esc, leaving the answer, the highlight and the text as
// they came; after esc an enter keeps the answer.
func refusedOnHeld(t *testing.T, d *driver, f *field, k heldKeys) {
	t.Helper()
	before, text := f.values(), f.input.Value()
	pressHeld(d, k.keys...)
	pressHeld(d, "2", "enter") // the rest of the burst, for the questions after it
	if g := d.m.focusedField(); g != f {
		t.Fatalf("the keys went on from %q:\n%s", f.title, d.screen())
	}
	if v := f.values(); !slices.Equal(v, before) || f.input.Value() != text {
		t.Fatalf("the keys changed %q from %v to %v:\n%s", f.title, before, v, d.screen())
	}
	if f.kind == oneOf && f.cursor != f.chosen {
		t.Errorf("the highlight was left on %d, not on the answer given, %d:\n%s", f.cursor, f.chosen, d.screen())
	}
	if f.kind == freeText && !f.given {
		t.Errorf("the text %q was not put back as it came, replaced by what is typed next:\n%s", text, d.screen())
	}
	s := flat(d.screen())
	ignored := 2 // the rest of the burst
	if k.said == "Down" {
		// The arrow is refused, not the enter after it: that enter is
		// ignored too.
		ignored += len(k.keys) - 1
	}
	for _, want := range []string{k.said + " not taken: it came before this question could be read.", "Keys are ignored until Esc", fmt.Sprintf("(%d keys ignored.)", ignored)} {
		if !strings.Contains(s, want) {
			t.Fatalf("the screen does not say %q:\n%s", want, d.screen())
		}
	}
	// The refusal is read, then esc: an esc sooner is not taken
	// (TestAnEscStraightAfterAKeyRefusedOnAHeldQuestionDoesNotTakeKeysAgain).
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.press("esc")
	if !strings.Contains(flat(d.screen()), "Keys are taken again. Answer the question on screen first: "+flat(f.title)) {
		t.Fatalf("esc did not take keys again on %q, naming it:\n%s", f.title, d.screen())
	}
	time.Sleep(d.m.refusalHold) // keys typed with esc are held a moment
	d.press("enter")
	if d.m.focusedField() == f {
		t.Fatalf("enter, once keys were taken again, did not keep the answer of %q:\n%s", f.title, d.screen())
	}
	if v := f.values(); !slices.Equal(v, before) {
		t.Fatalf("%q kept as %v, the patient gave %v", f.title, v, before)
	}
}

func TestAKeyOnAQuestionHoldingAnAnswerIsRefusedUntilItCanBeReadAndTakenAfter(t *testing.T) {
	t.Parallel()
	for _, c := range append(slices.Clone(heldContexts), heldReasonContexts...) {
		for _, q := range c.kinds {
			for _, k := range heldKeysOf(q) {
				name := c.name + "/" + q.kind + "/" + strings.Join(k.keys, " ")
				t.Run(name+"/at 0.3 s refused", func(t *testing.T) {
					t.Parallel()
					d := c.open(t, q)
					f := toHeld(t, d, q)
					time.Sleep(300 * time.Millisecond)
					refusedOnHeld(t, d, f, k)
				})
				t.Run(name+"/at 1.3 s taken", func(t *testing.T) {
					t.Parallel()
					d := c.open(t, q)
					f := toHeld(t, d, q)
					time.Sleep(1300 * time.Millisecond)
					pressHeld(d, k.keys...)
					if s := flat(d.screen()); strings.Contains(s, "not taken") || strings.Contains(s, "Keys are ignored") {
						t.Fatalf("%v, typed 1.3 s after %q came up, was refused:\n%s", k.keys, f.title, d.screen())
					}
					k.taken(t, d, f)
				})
			}
		}
	}
}
