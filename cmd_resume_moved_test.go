//go:build !windows

package main

import (
	"bufio"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// amendmentDraftLeft is a store holding one assessment and a draft of an
// amendment of it, left when the amend run's input ended part way.
func amendmentDraftLeft(t *testing.T) (path string, st *store.Store, base record.Record) {
	t.Helper()
	path, rs := storeWith(t, 1)
	if _, _, err := runStoreCmdIn(t, path, "\n\n5\n\n", (*app).amendCmd, rs[0].ID.String(), "--reason", "worry misheard", "--clinician", "Dr Fix"); err == nil {
		t.Fatal("an amendment whose input ended was not reported unfinished")
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ds, err := st.ListDrafts(0); err != nil || len(ds) != 1 || ds[0].Amends != rs[0].ID {
		t.Fatalf("drafts %+v (%v); want one amending %s", ds, err, rs[0].ID)
	}
	return path, st, rs[0]
}

// noFileKept fails if a refused save's answers were kept in a file beside
// the store at path.
func noFileKept(t *testing.T, path string) {
	t.Helper()
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "digicheck-not-saved-*"))
	if len(kept) > 0 {
		t.Errorf("the answers were kept in a file, to paste into the record: %v", kept)
	}
}

// TestAnAmendmentDraftWhoseBaseMovedOnIsNotResumed: an amendment draft
// left unfinished, whose base was then amended again, or whose assessment
// was then marked entered in error, was resumed without a word, and its
// save refused as if the store could not be written, with the note of an
// amendment of a wrong-patient record kept in a file "to paste into the
// patient record". The resume is refused, as that of a draft resting on
// a version in conflict is, saying why and what to do, and the draft is
// kept.
func TestAnAmendmentDraftWhoseBaseMovedOnIsNotResumed(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		move func(t *testing.T, st *store.Store, base record.Record) record.Record
		want []string
		not  []string
	}{
		{"amended again", func(t *testing.T, st *store.Store, base record.Record) record.Record {
			again := base
			again.ID, again.Amends, again.AmendReason, again.Clinician = record.ID{}, base.ID, "age was wrong", "Nurse Two"
			if err := st.Amend(&again); err != nil {
				t.Fatal(err)
			}
			return again
		}, []string{"cannot be amended: it was amended since this draft was started, by Nurse Two", "is the assessment's current version", "digicheck amend "}, nil},
		{"voided", func(t *testing.T, st *store.Store, base record.Record) record.Record {
			v, err := st.Void(base.ID, store.Voiding{Reason: "wrong patient", Clinician: "Nurse One"})
			if err != nil {
				t.Fatal(err)
			}
			return v
		}, []string{"cannot be amended: its assessment was marked entered in error by Nurse One", "because: wrong patient", "nothing to amend"}, []string{"digicheck amend"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path, st, base := amendmentDraftLeft(t)
			cur := tc.move(t, st, base)

			// The plain prompts: the draft chosen, resume; refused, the
			// list again; the input ends.
			out, stderr, _ := runStoreCmdIn(t, path, "2\n3\n", newFromInput, "--drafts-from-input")
			all := strings.Join(strings.Fields(out+stderr), " ")
			want := append([]string{"Not resumed: record " + base.ID.String()[:13], "Nothing was saved; the draft is kept"}, tc.want...)
			for _, w := range want {
				if !strings.Contains(all, w) {
					t.Errorf("the plain prompts do not say %q:\n%s%s", w, out, stderr)
				}
			}
			for _, w := range append([]string{"Resuming the assessment", "paste the note", ".."}, tc.not...) {
				if strings.Contains(all, w) {
					t.Errorf("the plain prompts say %q:\n%s%s", w, out, stderr)
				}
			}
			if tc.name == "amended again" && !strings.Contains(all, cur.ID.String()[:13]) {
				t.Errorf("the plain prompts do not name the current version %s:\n%s", cur.ID, out)
			}
			if ds, _ := st.ListDrafts(0); len(ds) != 1 {
				t.Errorf("%d drafts, want the one kept", len(ds))
			}
			noFileKept(t, path)
		})
	}
}

// TestAnAmendmentDraftOfAVoidedAssessmentIsNotResumedOnTheFullScreen: the
// same on the full screen: enter on the draft says why it is not resumed,
// and the draft stays in the list.
func TestAnAmendmentDraftOfAVoidedAssessmentIsNotResumedOnTheFullScreen(t *testing.T) {
	t.Parallel()
	path, st, base := amendmentDraftLeft(t)
	if _, err := st.Void(base.ID, store.Voiding{Reason: "wrong patient", Clinician: "Nurse One"}); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(path)
	tm := startTerm(t, dir, 80, 24, nil)
	tm.waitFor("Unfinished assessments")
	for try := 0; ; try++ {
		time.Sleep(800 * time.Millisecond) // the list has been read
		tm.keys("enter")
		time.Sleep(500 * time.Millisecond)
		if s := tm.vt.Screen(); try == 3 || !strings.Contains(s, "were ignored") {
			break
		}
	}
	tm.waitFor("Not resumed")
	s := strings.Join(strings.Fields(tm.vt.Screen()), " ")
	for _, want := range []string{"cannot be amended: its assessment was marked entered in error", "wrong patient", "the draft is kept"} {
		if !strings.Contains(s, want) {
			t.Errorf("the screen does not say %q:\n%s", want, tm.vt.Screen())
		}
	}
	tm.quitKeeping("Discard")
	if ds, _ := st.ListDrafts(0); len(ds) != 1 {
		t.Errorf("%d drafts, want the one kept", len(ds))
	}
}

// lineFeed gives its lines one a read, calling before(i) before the
// line with index i is read: what is done between two answers.
type lineFeed struct {
	lines  []string
	i      int
	before func(i int)
}

func (f *lineFeed) Read(p []byte) (int, error) {
	if f.i >= len(f.lines) {
		return 0, io.EOF
	}
	if f.before != nil {
		f.before(f.i)
	}
	n := copy(p, f.lines[f.i]+"\n")
	f.i++
	return n, nil
}

// TestASaveRefusedBecauseTheBaseMovedOnSaysSo: an amendment in progress
// whose base was marked entered in error before the save (in another
// window, or read from the FHIR server) was refused as "the store did not
// save it", and its note, an amendment of a wrong-patient record, kept in
// a file to paste into the patient record. The refusal says why, tells
// no one to paste anything, keeps no file, and keeps the draft.
func TestASaveRefusedBecauseTheBaseMovedOnSaysSo(t *testing.T) {
	t.Parallel()
	path, st, base := agreedToEverything(t)
	lines := []string{"", "", "1"} // clinician and team as offered; the review confirmed
	for range min(len(base.Recommendation.Referrals), assess.FirstReferrals) {
		lines = append(lines, "") // the answer given before
	}
	if len(base.Recommendation.Referrals) > assess.FirstReferrals {
		lines = append(lines, "2") // not the rest
	}
	save := len(lines)
	lines = append(lines, "1") // save
	feed := &lineFeed{lines: lines, before: func(i int) {
		if i == save {
			if _, err := st.Void(base.ID, store.Voiding{Reason: "wrong patient", Clinician: "Nurse One"}); err != nil {
				t.Error(err)
			}
		}
	}}
	a := &app{}
	a.settings.DB = path
	c := a.amendCmd()
	var out, errb strings.Builder
	c.SetIn(bufio.NewReaderSize(feed, 16))
	c.SetOut(&out)
	c.SetErr(&errb)
	c.SetArgs([]string{base.ID.String(), "--reason", "typo", "--clinician", "Dr Fix"})
	c.SilenceUsage, c.SilenceErrors = true, true
	err := c.Execute()
	all := asPrinted13(strings.Join(strings.Fields(out.String()+errb.String()), " "), base.ID)
	if feed.i <= save {
		t.Fatalf("the save was never asked for (%v):\n%s", err, all)
	}
	for _, w := range []string{"Not saved: record " + base.ID.String()[:13] + " cannot be amended: its assessment was marked entered in error by Nurse One", "wrong patient", "the draft is kept"} {
		if !strings.Contains(all, w) {
			t.Errorf("the refusal does not say %q:\n%s", w, all)
		}
	}
	for _, w := range []string{"paste the note", "did not save it", "try again", "Saved 1"} {
		if strings.Contains(all, w) {
			t.Errorf("the refusal says %q:\n%s", w, all)
		}
	}
	noFileKept(t, path)
	if ds, _ := st.ListDrafts(0); len(ds) != 1 {
		t.Errorf("%d drafts, want the amendment's kept", len(ds))
	}
}

// TestAFollowUpDraftWhoseBaseWasAmendedSinceIsComparedWithTheAmendment:
// a follow-up's draft whose base was amended since is resumed on the
// amendment, saying so plainly and what the follow-up is compared with
// (it was refused, and the clinician sent to follow the patient up again).
func TestAFollowUpDraftWhoseBaseWasAmendedSinceIsComparedWithTheAmendment(t *testing.T) {
	t.Parallel()
	path, st, first := agreedToEverything(t)
	fu := testkit.Assessed(t, testkit.Included(nil))
	d := store.Draft{}
	d.Patient, d.FollowsUp, d.Clinician = first.Patient, first.ID, "Nurse Bea"
	d.InstrumentVersion, d.Section, d.Answers = fu.InstrumentVersion, "skills", fu.Answers
	if err := st.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	if err := st.ReleaseDrafts(); err != nil {
		t.Fatal(err)
	}
	again := first
	again.ID, again.Amends, again.AmendReason, again.Clinician = record.ID{}, first.ID, "age was wrong", "Nurse Two"
	if err := st.Amend(&again); err != nil {
		t.Fatal(err)
	}
	out, stderr, _ := runStoreCmdIn(t, path, "2\n3\n", newFromInput, "--drafts-from-input")
	all := asPrinted13(strings.Join(strings.Fields(out+stderr), " "), first.ID, again.ID)
	for _, w := range []string{"followed up (record " + first.ID.String()[:13] + ") was amended since this draft was started, by Nurse Two",
		"this follow-up is compared with the amended version (record " + again.ID.String()[:13] + ")", "Resuming the assessment"} {
		if !strings.Contains(all, w) {
			t.Errorf("the plain prompts do not say %q:\n%s%s", w, out, stderr)
		}
	}
	if strings.Contains(all, "Not resumed") {
		t.Errorf("the draft was not resumed:\n%s%s", out, stderr)
	}
}

// asPrinted13 writes every prefix of an id's text in s, however long, as its
// first record.ShownIDLen characters: a message prints the shortest prefix
// unique in the store, which is longer when two records were made in the
// same millisecond, and a test that looks for the message must not fail
// when that happens.
func asPrinted13(s string, ids ...record.ID) string {
	for _, id := range ids {
		short := id.String()[:record.ShownIDLen]
		s = regexp.MustCompile(regexp.QuoteMeta(short)+`[0-9a-f-]*`).ReplaceAllString(s, short)
	}
	return s
}
