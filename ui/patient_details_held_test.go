package ui

import (
	"strings"
	"testing"
	"time"
)

// The patient's details (identifier, number, clinician, team) are held as
// every other answer is when their box comes up holding a value: reopened
// from the review with p, gone back to with esc. Not held, "enter
// backspace 9 enter" typed in one burst to keep the identifier saved the
// record under H100009, the patient being H100004; "enter Ward9 enter"
// replaced the team; "Dee" typed 0.4 s after esc replaced the clinician.

// toReviewWithLocal answers a new assessment of the patient with local
// hospital number number, as fast as the driver goes, and stops on the
// review.
func toReviewWithLocal(d *driver, number string) {
	d.waitFor("New assessment", "Identifier")
	d.press("2")
	d.waitFor("✓ Identifier: Local hospital number")
	d.typeText(number)
	d.press("enter")
	d.waitFor("Clinician", "✓ Number: "+number)
	readName(d)
	d.press("enter")
	d.waitFor("Team (optional)", "✓ Clinician: Dr Ada Test")
	d.press("enter")
	d.waitFor("Access · 1 of 5")
	d.press("x", "enter")
	d.waitFor("How do you get online?")
	d.press("x", "enter")
	d.waitFor("Do you run out of data")
	d.press("1")
	d.waitFor("Skills · 2 of 5")
	d.press("x")
	answerRest(d)
}

// detailsFromReview opens the patient details from the review with p, held
// as at a terminal, and waits until they have been read.
func detailsFromReview(d *driver) {
	d.m.refusalHold = refusalHold
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond) // the review is read
	d.press("p")
	d.aloneEnds()
	d.waitFor("Change patient details")
}

// TestAPatientNumberReopenedFromTheReviewIsNotChangedByKeysTypedAhead: at
// the review, p opens the patient details on the identifier, answered. An
// enter once it is read keeps it, and brings up the number box holding the
// patient's number: the backspace and 9 typed with that enter are refused,
// the number put back, and the enter after them keeps nothing.
func TestAPatientNumberReopenedFromTheReviewIsNotChangedByKeysTypedAhead(t *testing.T) {
	t.Parallel()
	st := &memStore{}
	d := newDriver(t, testOptions(st.Save), 80, 24)
	toReviewWithLocal(d, "H100004")
	detailsFromReview(d)
	d.waitFor("Identifier")
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond) // the identifier is read
	d.press("enter", "backspace", "9", "enter")          // one burst
	p := d.m.patient
	if got := p.id.input.Value(); got != "H100004" {
		t.Fatalf("keys typed ahead changed the patient's number to %q:\n%s", got, d.screen())
	}
	if p.form.done || p.form.focused() != p.id {
		t.Fatalf("the enter typed ahead kept the number unread and went on:\n%s", d.screen())
	}
	if s := flat(d.screen()); !strings.Contains(s, "Backspace not taken: it came before this question could be read.") {
		t.Fatalf("the backspace was refused without a word:\n%s", d.screen())
	}
	// Esc says the refusal was read: the number is kept by enter.
	escRead(d) // the refusal read
	time.Sleep(d.m.refusalHold + 50*time.Millisecond)
	d.press("enter")
	d.waitFor("Clinician", "✓ Number: H100004")
}

// TestAnIdentifierReopenedFromTheReviewIsNotChangedByKeysTypedAhead: the
// identifier comes up answered (Local hospital number): an up typed with
// the p, or a 1 typed before it could be read, is refused and the answer
// put back.
func TestAnIdentifierReopenedFromTheReviewIsNotChangedByKeysTypedAhead(t *testing.T) {
	t.Parallel()
	for _, k := range []string{"up", "1"} {
		t.Run(k, func(t *testing.T) {
			t.Parallel()
			d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
			toReviewWithLocal(d, "H100004")
			detailsFromReview(d)
			d.press(k)
			p := d.m.patient
			if p.kind.chosen != 1 || p.kind.cursor != 1 || p.form.focused() != p.kind {
				t.Fatalf("%s typed before the identifier could be read moved it (chosen %d, highlight %d):\n%s", k, p.kind.chosen, p.kind.cursor, d.screen())
			}
			if s := flat(d.screen()); !strings.Contains(s, "not taken: it came before this question could be read.") {
				t.Fatalf("%s was not refused on screen:\n%s", k, d.screen())
			}
		})
	}
}

// TestATeamReopenedFromTheReviewIsNotReplacedByKeysTypedAhead: with the
// clinician read, "enter Ward9 enter" typed in one burst brought up the
// team box holding Ward 5 and replaced it, unread. Refused, the team box
// holds Ward 5, and so does the review once it is kept.
func TestATeamReopenedFromTheReviewIsNotReplacedByKeysTypedAhead(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toReviewWithLocal(d, "H100004")
	detailsFromReview(d)
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.press("enter")
	d.waitFor("Number")
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.press("enter")
	d.waitFor("Clinician")
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond) // the name is read
	d.press("enter")
	d.typeText("Ward9")
	d.press("enter")
	p := d.m.patient
	if got := p.team.input.Value(); got != "Ward 5" || p.form.done {
		t.Fatalf("keys typed ahead left the team box holding %q (done %v):\n%s", got, p.form.done, d.screen())
	}
	if s := flat(d.screen()); !strings.Contains(s, `"W" not taken: it came before this question could be read.`) {
		t.Fatalf("the W was not refused on screen:\n%s", d.screen())
	}
	// A second enter straight after the one that kept the clinician is
	// refused the same way.
	escRead(d) // the refusal read
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.press("esc") // back to the clinician
	d.waitFor("Clinician")
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.press("enter", "enter")
	if p.form.done || p.form.focused() != p.team {
		t.Fatalf("an enter typed ahead kept the team unread:\n%s", d.screen())
	}
	d.waitFor("Enter not taken: it came before this question could be read.")
	escRead(d) // the refusal read
	time.Sleep(d.m.refusalHold + 50*time.Millisecond)
	d.press("enter")
	d.waitFor("Review", "Ward 5")
}

// TestAClinicianGoneBackToIsNotReplacedByKeysTypedSoonAfterEsc: on the team
// box, esc goes back to the clinician box holding the name given; "Dee"
// typed 0.4 s later, before the name could be read, replaced it. Refused,
// the name is whole; once read, a name typed replaces it.
func TestAClinicianGoneBackToIsNotReplacedByKeysTypedSoonAfterEsc(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toReviewWithLocal(d, "H100004")
	detailsFromReview(d)
	for _, want := range []string{"Number", "Clinician", "Team"} {
		time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
		d.press("enter")
		d.waitFor(want)
	}
	d.press("esc")
	d.waitFor("Clinician", "> Dr Ada Test")
	time.Sleep(d.m.refusalHold + 50*time.Millisecond) // past the hold of esc
	d.typeText("Dee")
	p := d.m.patient
	if got := p.clinician.input.Value(); got != "Dr Ada Test" {
		t.Fatalf("a name typed 0.4 s after esc replaced the clinician with %q:\n%s", got, d.screen())
	}
	if s := flat(d.screen()); !strings.Contains(s, `"D" not taken: it came before this question could be read.`) {
		t.Fatalf("the D was not refused on screen:\n%s", d.screen())
	}
	escRead(d) // the refusal read
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.typeText("Dee")
	d.press("enter")
	d.waitFor("Team", "✓ Clinician: Dee")
}

// TestANumberGoneBackToIsNotChangedByKeysTypedSoonAfterEsc: at the start of
// a new assessment, the number box gone back to from the clinician box
// holds the number given; a backspace and 9 typed 0.4 s after esc are
// refused. The number box that came up empty took the number at once.
func TestANumberGoneBackToIsNotChangedByKeysTypedSoonAfterEsc(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	d.m.refusalHold = refusalHold
	d.waitFor("New assessment", "Identifier")
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.press("2")
	d.typeText("H100008") // typed straight on into the empty box: taken
	d.press("enter")
	d.waitFor("Clinician", "✓ Number: H100008")
	d.press("esc")
	d.waitFor("> H100008")
	time.Sleep(d.m.refusalHold + 50*time.Millisecond) // past the hold of esc
	d.press("backspace", "9")
	if got := d.m.patient.id.input.Value(); got != "H100008" {
		t.Fatalf("keys typed 0.4 s after esc changed the number to %q:\n%s", got, d.screen())
	}
	d.waitFor("Backspace not taken")
}

// amendmentReview opens an amendment by Cy Nurse of Ward7 and stops on its
// review.
func amendmentReview(t *testing.T) *driver {
	old := earlier(t)
	o := testOptions((&memStore{}).Save)
	o.Clinician, o.Team = "Cy Nurse", "Ward7"
	o.Amend, o.AmendReason = &old, "typo fix"
	d := newDriver(t, o, 80, 24)
	d.waitFor("Amend assessment", "Clinician")
	d.press("enter")
	d.waitFor("Team")
	if d.m.patient.team.input.Value() == "" {
		d.typeText("Ward7")
	}
	d.press("enter")
	d.waitFor("Amendment · Review", "Cy Nurse · Ward7")
	return d
}

// TestAnAmendmentsClinicianReopenedFromTheReviewIsHeld: an amendment's
// review offers p to change who amends it. p opens the clinician box
// holding the name given: an enter 0.3 s later is refused as on any
// answer not yet read, and keys are ignored until esc.
func TestAnAmendmentsClinicianReopenedFromTheReviewIsHeld(t *testing.T) {
	t.Parallel()
	d := amendmentReview(t)
	detailsFromReview(d)
	d.waitFor("Clinician", "> Cy Nurse")
	time.Sleep(300 * time.Millisecond)
	d.press("enter")
	p := d.m.patient
	if p.form.focused() != p.clinician {
		t.Fatalf("an enter 0.3 s after p kept the clinician unread:\n%s", d.screen())
	}
	d.waitFor("Enter not taken: it came before this question could be read.")
	d.typeText("Dee")
	if got := p.clinician.input.Value(); got != "Cy Nurse" {
		t.Fatalf("keys after the refused enter replaced the clinician with %q:\n%s", got, d.screen())
	}
	escRead(d) // the refusal read
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.press("enter")
	d.waitFor("Team", "✓ Clinician: Cy Nurse")
}

// TestAnAmendmentsTeamReopenedFromTheReviewIsNotReplacedByKeysTypedAhead:
// with the clinician read, "enter Ward9 enter" typed in one burst replaced
// the team Ward7 the box came up holding, unread, saved so.
func TestAnAmendmentsTeamReopenedFromTheReviewIsNotReplacedByKeysTypedAhead(t *testing.T) {
	t.Parallel()
	d := amendmentReview(t)
	detailsFromReview(d)
	d.waitFor("Clinician", "> Cy Nurse")
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.press("enter")
	d.typeText("Ward9")
	d.press("enter")
	p := d.m.patient
	if got := p.team.input.Value(); got != "Ward7" || p.form.done {
		t.Fatalf("keys typed ahead left the team box holding %q (done %v):\n%s", got, p.form.done, d.screen())
	}
	escRead(d) // the refusal read
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.press("enter")
	d.waitFor("Amendment · Review", "Cy Nurse · Ward7")
}

// TestAFollowUpsTeamGoneBackToIsHeld: a follow-up's team box, holding the
// team of the assessment followed up, is held as it first comes up; gone
// back to with esc from the question after it, an enter 0.5 s later kept
// it unread, and an x replaced it. Both are refused.
func TestAFollowUpsTeamGoneBackToIsHeld(t *testing.T) {
	t.Parallel()
	for _, k := range []string{"enter", "x"} {
		t.Run(k, func(t *testing.T) {
			t.Parallel()
			st := tempStore(t)
			prev := savedScenario(t, st)
			prev.Team = "Ward9"
			o := withStore(testOptions(nil), st)
			o.FollowUp, o.Team = &prev, ""
			d := newDriver(t, o, 80, 24)
			d.m.refusalHold = refusalHold
			d.waitFor("Clinician")
			d.typeText("Eve Lo")
			d.press("enter")
			d.waitFor("Team", "Ward9")
			time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond) // the team is read
			d.press("enter")
			d.waitFor("Earlier referrals")
			time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
			d.press("esc")
			d.waitFor("Team", "> Ward9")
			time.Sleep(500 * time.Millisecond)
			d.press(k)
			p := d.m.patient
			if d.m.screen != patientScreen || p.form.focused() != p.team || p.team.input.Value() != "Ward9" {
				t.Fatalf("%s 0.5 s after esc kept or changed the team unread (box %q):\n%s", k, p.team.input.Value(), d.screen())
			}
			d.waitFor("not taken: it came before this question could be read.")
		})
	}
}

// escRead presses esc once the refusal on screen has been read: an esc
// sooner is not taken.
func escRead(d *driver) {
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.press("esc")
}

// TestPatientDetailsShownAgainFromTheReviewAreHeldAgain: p, esc back to
// the review, then p again brings up the same form, not finished. Its
// hold begins again as it is shown again: counted from its first showing,
// an enter typed with the second p, 1.5 s after the first, kept the
// identifier unread.
func TestPatientDetailsShownAgainFromTheReviewAreHeldAgain(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toReviewWithLocal(d, "H100004")
	detailsFromReview(d)
	shown := time.Now()
	d.waitFor("Identifier")
	d.press("esc")
	d.waitFor("Review")
	time.Sleep(time.Until(shown.Add(1500 * time.Millisecond)))
	d.press("p", "enter") // one burst: the enter ends p's wait
	d.waitFor("Change patient details")
	p := d.m.patient
	if p.form.done || p.form.focused() != p.kind {
		t.Fatalf("an enter typed with p, the form shown again, kept the identifier unread:\n%s", d.screen())
	}
	if s := flat(d.screen()); !strings.Contains(s, "Enter not taken: it came before this question could be read.") {
		t.Fatalf("the enter was refused without a word:\n%s", d.screen())
	}
}

// TestTheHeaderNamesThePatientOnceTheNumberIsChanged: the number changed
// from the review and kept, the clinician box came up under a header still
// naming the patient before the change, H100004, while the intro said
// H100005. The header names the patient as given on the screen, and the
// review the patient kept.
func TestTheHeaderNamesThePatientOnceTheNumberIsChanged(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toReviewWithLocal(d, "H100004")
	detailsFromReview(d)
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.press("enter")
	d.waitFor("Number", "> H100004")
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.typeText("H100005")
	d.press("enter")
	d.waitFor("Patient: Local H100005", "Clinician")
	header := strings.SplitN(d.screen(), "\n", 2)[0]
	if !strings.Contains(header, "Local H100005") {
		t.Fatalf("the header names %q, the number changed to H100005:\n%s", strings.TrimSpace(header), d.screen())
	}
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.press("enter")
	d.waitFor("Team (optional)")
	time.Sleep(d.m.wordHoldLen() + 100*time.Millisecond)
	d.press("enter")
	d.waitFor("Review", "Local number    H100005")
	if header := strings.SplitN(d.screen(), "\n", 2)[0]; !strings.Contains(header, "Local H100005") {
		t.Fatalf("the review's header names %q:\n%s", strings.TrimSpace(header), d.screen())
	}
}
