//go:build !windows

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// noticeOnScreen is the text of the notice box on a terminal's screen,
// its lines joined with single spaces (none after a hyphen), or "".
func noticeOnScreen(screen string) string {
	var words []string
	in := false
	for _, l := range strings.Split(screen, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(l, "╭"):
			in = true
		case strings.HasPrefix(l, "╰"):
			in = false
		case in && strings.HasPrefix(l, "│"):
			words = append(words, strings.Fields(strings.Trim(l, "│"))...)
		}
	}
	return strings.ReplaceAll(strings.Join(words, " "), "- ", "-")
}

// TestAFollowUpThatCouldNotReachTheServerSaysSoOnItsFirstScreen: in the
// full-screen UI at 80x24, a follow-up whose FHIR server cannot be reached
// says so on the first screen it draws, in full, above the question: the
// earlier assessment shown is this machine's only, and may not be the
// latest. Printed before the UI, it was hidden by it.
func TestAFollowUpThatCouldNotReachTheServerSaysSoOnItsFirstScreen(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	prev := savedPatient(t, dir)
	server := closedServer(t)
	tm := startTerm(t, dir, 80, 24, nil, "followup", prev.Patient.Value, "--server", server)
	tm.waitFor("Follow-up", "Following up the assessment of", "Clinician", "enter next")
	got := noticeOnScreen(tm.vt.Screen())
	for _, want := range []string{
		"could not reach the FHIR server " + server,
		"What is shown is this machine's record of patient " + prev.Patient.String() + " only: another machine may have amended it or followed it up since.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the first screen's notice does not say %q; it says %q; the screen:\n%s", want, got, tm.vt.Screen())
		}
	}
	if strings.Contains(got, "Asking the FHIR server") {
		t.Errorf("the notice repeats the progress line: %q", got)
	}
	tm.keys("ctrl+c")
}

// TestServerNoticeKeepsWhatMustBeRead: of what reading the server printed,
// the notice keeps what the clinician must heed before relying on the
// earlier assessment, and leaves out progress and "nothing newer".
func TestServerNoticeKeepsWhatMustBeRead(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ said, want string }{
		{"", ""},
		{"Asking the FHIR server http://s/fhir for patient 943 476 5919's assessments (waiting at most 8s)...\n" +
			"The FHIR server http://s/fhir has nothing newer for patient 943 476 5919 than this machine has.\n", ""},
		{"Asking the FHIR server http://s/fhir for patient 943 476 5919's assessments (waiting at most 8s)...\n" +
			"warning: could not reach the FHIR server http://s/fhir (no answer within 8s).\nWhat is shown is this machine's record of patient 943 476 5919 only: another machine may have amended it or followed it up since.\n",
			"warning: could not reach the FHIR server http://s/fhir (no answer within 8s).\nWhat is shown is this machine's record of patient 943 476 5919 only: another machine may have amended it or followed it up since."},
		{"Asking the FHIR server http://s/fhir for patient 943 476 5919's assessments (waiting at most 8s)...\n" +
			"The FHIR server http://s/fhir has 1 newer record version of patient 943 476 5919, made on another machine: kept here as copies and used from now on.\n" +
			"Following up 0193 of 2026-11-02, read from the FHIR server http://s/fhir.\n",
			"The FHIR server http://s/fhir has 1 newer record version of patient 943 476 5919, made on another machine: kept here as copies and used from now on.\nFollowing up 0193 of 2026-11-02, read from the FHIR server http://s/fhir."},
		{"left out: QuestionnaireResponse/x on the server: bad\n", "left out: QuestionnaireResponse/x on the server: bad"},
	} {
		if got := serverNotice(c.said); got != c.want {
			t.Errorf("serverNotice(%q)\n = %q\nwant %q", c.said, got, c.want)
		}
	}
}

// TestAnAmendmentThatCouldNotReachTheServerSaysSoOnItsFirstScreen: the
// same for amend, whose server is the site config's: the record amended
// may not be the assessment's latest version.
func TestAnAmendmentThatCouldNotReachTheServerSaysSoOnItsFirstScreen(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	prev := savedPatient(t, dir)
	server := closedServer(t)
	config := filepath.Join(dir, "site.toml")
	if err := os.WriteFile(config, []byte("fhir_server = \""+server+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tm := startTerm(t, dir, 80, 24, []string{"DIGICHECK_CONFIG=" + config}, "amend", prev.ID.String(), "--reason", "typo")
	tm.waitFor("Amend assessment", "Clinician", "enter next")
	got := noticeOnScreen(tm.vt.Screen())
	for _, want := range []string{
		"could not reach the FHIR server " + server,
		"What is shown is this machine's record of patient " + prev.Patient.String() + " only",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the first screen's notice does not say %q; it says %q; the screen:\n%s", want, got, tm.vt.Screen())
		}
	}
	tm.keys("ctrl+c")
}

// TestAFollowUpOnANewerVersionFromTheServerSaysSoOnItsFirstScreen: a
// laptop that read a patient's baseline from the server once follows them
// up after the ward PC amended it: the first screen says the server had a
// newer version and that the follow-up rests on it.
func TestAFollowUpOnANewerVersionFromTheServerSaysSoOnItsFirstScreen(t *testing.T) {
	testkit.EndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	_, wst, first := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	dir := t.TempDir()
	laptop := filepath.Join(dir, "digicheck.db")
	if _, err := store.Open(laptop, store.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	amended := first
	amended.ID, amended.Amends, amended.AmendReason = record.ID{}, first.ID, "reading help corrected on the ward"
	if err := wst.Amend(&amended); err != nil {
		t.Fatal(err)
	}
	pushWith(t, srv.Base, wst)

	tm := startTerm(t, dir, 80, 24, nil, "followup", first.Patient.Value, "--server", srv.Base)
	tm.waitFor("Follow-up", "Following up the assessment of", "Clinician", "enter next")
	got := noticeOnScreen(tm.vt.Screen())
	for _, want := range []string{
		"has 1 newer record version of patient " + first.Patient.String(),
		"Following up " + amended.ID.String(),
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the first screen's notice does not say %q; it says %q; the screen:\n%s", want, got, tm.vt.Screen())
		}
	}
	tm.keys("ctrl+c")
}

// TestANewAssessmentOnADamagedStoreSaysSoOnItsFirstScreen: the warning
// that an assessment cannot be saved in a store found damaged is given
// before the first question in the full-screen UI too, where, printed
// before the UI, it was hidden by it.
func TestANewAssessmentOnADamagedStoreSaysSoOnItsFirstScreen(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	savedPatient(t, dir)
	if err := os.WriteFile(store.DamageNote(filepath.Join(dir, "digicheck.db")), []byte("the store failed its checks\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tm := startTerm(t, dir, 80, 24, nil)
	tm.waitFor("New assessment", "Identifier")
	got := noticeOnScreen(tm.vt.Screen())
	for _, want := range []string{"this assessment cannot be saved in the store", "kept in a file beside the store"} {
		if !strings.Contains(got, want) {
			t.Errorf("the first screen's notice does not say %q; it says %q; the screen:\n%s", want, got, tm.vt.Screen())
		}
	}
	tm.keys("ctrl+c")
}

// TestAFollowUpWithNothingToFollowUpNamesTheServerAsEverywhereElse: the
// server is named as every other line names it (lower case, no doubled or
// trailing slash, localhost left as localhost, as configured), never as
// the URL was spelt: found with the spelling given shown raw.
func TestAFollowUpWithNothingToFollowUpNamesTheServerAsEverywhereElse(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	srv := fhirserver.Shared(t)
	path := filepath.Join(t.TempDir(), "digicheck.db")
	scheme, rest, _ := strings.Cut(srv.Base, "://")
	host, p, _ := strings.Cut(rest, "/")
	spelt := strings.ToUpper(scheme) + "://" + strings.Replace(host, "127.0.0.1", "LocalHost", 1) + "//" + p + "/"
	_, _, err := runStoreCmd(t, path, (*app).followupCmd, testkit.NHSNumber, "--server", spelt)
	if err == nil || !strings.Contains(err.Error(), "no earlier assessment") {
		t.Fatalf("followup of a patient nowhere = %v", err)
	}
	named := strings.Replace(srv.Base, "127.0.0.1", "localhost", 1)
	if !strings.Contains(err.Error(), "on the FHIR server "+named+" ") || strings.Contains(err.Error(), spelt) {
		t.Errorf("the refusal does not name the server as %s:\n%v", named, err)
	}
}

// agreedPatient is a store in dir holding one assessment of the test
// patient who agreed to every referral offered, at least two.
func agreedPatient(t *testing.T, dir string) record.Record {
	t.Helper()
	st, err := store.Open(filepath.Join(dir, "digicheck.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, testkit.Interpreter(nil))
	r.Time = time.Now().AddDate(0, -1, 0)
	for i := range r.Recommendation.Referrals {
		r.Recommendation.Referrals[i].Consent = questionnaire.Agreed
	}
	if len(r.Recommendation.Referrals) < 2 {
		t.Fatalf("the patient has %d referrals, want at least 2", len(r.Recommendation.Referrals))
	}
	if err := st.Save(&r); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestABurstInAFollowUpAnswersNoQuestionItBringsUp types into the real
// binary, in one write, "No, I did not take it up" for the first earlier
// referral and the answers meant for the next: "Why not" comes up because
// of that answer, so the keys typed with it answer nothing, and the screen
// says so. Typed once it is in view, the follow-up saves what was meant.
// (They were typed into "Why not", saved as its reason, and every answer
// after it moved up a question.)
func TestABurstInAFollowUpAnswersNoQuestionItBringsUp(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	prev := agreedPatient(t, dir)
	tm := startTerm(t, dir, 80, 24, nil, "followup", prev.Patient.Value)
	tm.waitFor("Follow-up", "Clinician")
	tm.keys("Dr A Test", "enter") // the clinician types their name: none is filled in
	tm.waitFor("Team (optional)")
	tm.keys("enter")
	tm.waitFor("Earlier referrals")
	// The question is read out: it takes a key only once it has been on
	// screen for the word hold (1.2 s), as a referral's consent does.
	time.Sleep(1500 * time.Millisecond)
	if _, err := tm.ptmx.Write(keyBytes("3", "4", "5", "enter", "2")); err != nil {
		t.Fatal(err)
	}
	tm.waitFor("Keys typed before this question was shown were ignored", "Why not")
	time.Sleep(500 * time.Millisecond) // the question is read
	tm.keys("enter")
	tm.waitFor("Why not: skipped", "Did you go to "+prev.Recommendation.Referrals[1].Name)
	if s := tm.vt.Screen(); strings.Contains(s, "(•)") || strings.Contains(s, ": 45") {
		t.Fatalf("keys typed before Why not was shown answered a question:\n%s", s)
	}
	time.Sleep(1500 * time.Millisecond) // the next referral's question is read out
	tm.keys("2")
	tm.waitFor("Yes, and it helped\n")
	tm.keys("ctrl+c")
}

// TestPlainPromptsABurstInAFollowUpAnswersNoQuestionItBringsUp: the same
// through the plain prompts. "3" (not taken up) brings up "Why not"; the
// "4" and "2" typed with it, meant for the referrals after, are dropped with
// the note the full-screen UI gives, and the next referral is asked.
// (The 4 was saved as the reason, and the next referral as the 2.)
func TestPlainPromptsABurstInAFollowUpAnswersNoQuestionItBringsUp(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	prev := agreedPatient(t, dir)
	tm := startTerm(t, dir, 80, 60, nil, "followup", prev.Patient.Value, "--accessible")
	tm.waitFor("Clinician (type your name")
	tm.keys("Dr A Test\r") // typed: none is filled in
	tm.waitFor("Team")
	time.Sleep(100 * time.Millisecond)
	tm.keys("\r")
	tm.waitFor("did you go to")
	// The question is read out: a line counts only once it has been shown
	// for the reading hold (1.2 s), as at a referral's consent.
	time.Sleep(1500 * time.Millisecond)
	tm.keys("3\r4\r2\r")
	tm.waitFor("Keys typed before this question was shown were ignored", "Why not, in the patient's words? (optional; press Enter to skip):")
	time.Sleep(500 * time.Millisecond) // the question is read
	if s := tm.vt.Screen(); !strings.HasSuffix(strings.TrimRight(s, " \n"), "press Enter to skip):") {
		t.Fatalf("keys typed before Why not was shown answered it:\n%s", s)
	}
	tm.keys("\r")
	tm.waitFor("Referral 2 of")
	time.Sleep(500 * time.Millisecond)
	if s := tm.vt.Screen(); !strings.HasSuffix(strings.TrimRight(s, " \n"), "Type a number from 1 to 4:") {
		t.Fatalf("keys typed before Why not was shown answered the next referral:\n%s", s)
	}
	tm.keys("\x04")
	tm.exited()
}
