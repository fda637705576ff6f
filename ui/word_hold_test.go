package ui

import (
	"testing"
	"time"

	"digicheck/questionnaire"
)

// No letter is the key of an option (options 1-9 have their digits, the
// tenth 0, the rest are reached by the arrows, which no typing makes), and
// after a refused key the keys that come are held until none has come for
// a while longer than the gap between a word and the next burst: a word
// typed on a list, at any pace, never chooses an answer there.

// toEthnicList stops on the ethnic group list (17 options).
func toEthnicList(d *driver) {
	toEquity(d)
	d.press(askOptional)
	for _, q := range []string{"age group", "disability", "means-tested", "main language"} {
		d.waitFor(q)
		d.press("1")
	}
	d.waitFor("What is your ethnic group?")
}

// TestEnglishTypedOnTheEthnicListChoosesNothing: "english" and enter in
// one burst on the ethnic group list answer nothing (e was the key of
// "Other: Chinese") and leave nothing for the postcode box after it.
func TestEnglishTypedOnTheEthnicListChoosesNothing(t *testing.T) {
	t.Parallel()
	for _, word := range []string{"english", "chinese", "black", "asian", "irish"} {
		t.Run(word, func(t *testing.T) {
			t.Parallel()
			d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
			toEthnicList(d)
			d.m.refusalHold = time.Hour // the word and its enter come in one burst
			d.typeText(word)
			d.press("enter")
			d.waitFor("What is your ethnic group?", `Not an answer: "`+word[:1]+`" is not a key of this list`)
			if f := d.m.activeForm().focused(); f == nil || f.values() != nil {
				t.Fatalf("%q typed on the ethnic list answered it:\n%s", word, d.screen())
			}
			if got := d.m.s.Answers()[questionnaire.LinkEthnicity]; got != nil {
				t.Fatalf("%q recorded ethnic group %q", word, got)
			}
		})
	}
}

// TestAWordTypedAtATypistsPaceOnTheLanguageListChoosesNothing: "arabic"
// typed one key every 0.45 s, then enter, on the interpreter's language
// list neither chooses "Another language" (a was its key) nor types the
// rest of the word as the other language.
func TestAWordTypedAtATypistsPaceOnTheLanguageListChoosesNothing(t *testing.T) {
	t.Parallel()
	d := toLanguageList(t)
	d.m.refusalHold = refusalHold // keys are held as they are at a terminal
	time.Sleep(refusalHold)       // the list has been read
	for _, r := range "arabic" {
		d.typeText(string(r))
		time.Sleep(450 * time.Millisecond)
	}
	d.press("enter")
	d.waitFor("Which language does the interpreter need to speak?")
	if f := d.m.activeForm().focused(); f == nil || f.values() != nil || f.kind != oneOf {
		t.Fatalf("a word typed at a typist's pace answered the language list:\n%s", d.screen())
	}
	if a := d.m.sections[d.m.current].values(); a[questionnaire.LinkLanguageCode] != nil || a[questionnaire.LinkLanguageOther] != nil {
		t.Fatalf("a word typed at a typist's pace was recorded: %v", a)
	}
}

// TestTheBurstAfterARefusedWordAnswersNothing: a burst typed a second
// after a refused word, meant for the next question, is held on the list
// still on screen: its "1" does not record Polish.
func TestTheBurstAfterARefusedWordAnswersNothing(t *testing.T) {
	t.Parallel()
	d := toLanguageList(t)
	d.m.refusalHold = refusalHold // keys are held as they are at a terminal
	time.Sleep(refusalHold)       // the list has been read
	d.typeText("Tigrinya")
	d.press("enter")
	d.waitFor(`Not an answer: "T" is not a key of this list`)
	time.Sleep(time.Second)
	d.typeText("1")
	d.press("enter")
	d.typeText("5")
	d.press("enter")
	d.waitFor("Which language does the interpreter need to speak?", "Keys are being ignored")
	if f := d.m.activeForm().focused(); f == nil || f.values() != nil {
		t.Fatalf("the burst after a refused word answered the list:\n%s", d.screen())
	}
	if got := d.m.sections[d.m.current].values()[questionnaire.LinkLanguageCode]; got != nil {
		t.Fatalf("the burst after a refused word recorded language %q", got)
	}
	// However long no key has come, a key is still ignored: only esc
	// takes keys again.
	time.Sleep(wordHold + 100*time.Millisecond)
	d.press("1")
	if f := d.m.activeForm().focused(); f == nil || f.values() != nil {
		t.Fatalf("a key after the hold answered the list:\n%s", d.screen())
	}
	d.press("esc")
	time.Sleep(wordHold + 100*time.Millisecond)
	d.press("2")
	d.waitFor("Do you need letters written in your own language?")
}
