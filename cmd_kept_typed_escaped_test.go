package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"

	"digicheck/push"
	"digicheck/record"
	"digicheck/store"
)

// drawsNothing is a character that draws nothing, as an earlier build let
// into a name, a team or a reason (a Hangul filler), and its code as it is
// printed.
const drawsNothing, drawsNothingShown = "\u3164", `\u3164`

// assertShownEscaped fails unless out shows each of want and never the
// character drawn as nothing.
func assertShownEscaped(t *testing.T, what, out string, want ...string) {
	t.Helper()
	if strings.Contains(out, drawsNothing) {
		t.Errorf("%s prints %+q raw:\n%s", what, drawsNothing, out)
	}
	// A line filled at the width may break between the words.
	flat := strings.Join(strings.Fields(out), " ")
	for _, w := range want {
		if !strings.Contains(flat, w) {
			t.Errorf("%s does not show %q:\n%s", what, w, out)
		}
	}
	assertNoControls(t, what, out)
}

// spoiledStore is a store of two assessments of one patient, the second
// made by a clinician and a team an earlier build kept with a Hangul
// filler in them (checks refuse it since), and the records as read back.
func spoiledStore(t *testing.T) (string, []record.Record) {
	t.Helper()
	path, rs := storeWith(t, 2)
	spoilOnDisk(t, path, rs[1].ID.String(), func(m map[string]any) {
		m["clinician"] = "Dr" + drawsNothing + " Lee"
		m["team"] = "Ward " + drawsNothing + "5"
	})
	dropFacts(t, path)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range rs {
		if rs[i], err = st.Get(rs[i].ID); err != nil {
			t.Fatal(err)
		}
	}
	return path, rs
}

// TestFollowupSaysANameKeptWithACharacterThatDrawsNothingAsItsCode: followup
// of a patient with two assessments that count says which it uses, "made
// on ... by Dr Lee", and the plain prompts say whose assessment is
// followed up: a name an earlier build kept with a Hangul filler printed
// with the filler raw, unseen. It is printed as its code, as history does.
func TestFollowupSaysANameKeptWithACharacterThatDrawsNothingAsItsCode(t *testing.T) {
	t.Parallel()
	path, rs := spoiledStore(t)
	out, errs, _ := runStoreCmdIn(t, path, "q\n", (*app).followupCmd, rs[1].Patient.Value)
	assertShownEscaped(t, "followup", out+errs, "by Dr"+drawsNothingShown+" Lee")
}

// TestVoidOfAnAssessmentInConflictSaysWhatTheServerKeptAsItsCode: a void
// refused because the assessment is in conflict with the FHIR server
// names who voided it there and why, as the conflict kept them; a name or
// reason with a character that draws nothing printed it raw ("voided on
// another machine by Dr Lee, reason: " with nothing after it). Each is
// printed as its code, in the refusal and in its short form.
func TestVoidOfAnAssessmentInConflictSaysWhatTheServerKeptAsItsCode(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 1)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const server = "https://fhir.example.nhs.uk/R4"
	for _, voided := range []bool{true, false} {
		k := store.Conflict{Record: rs[0].ID, Assessment: rs[0].ID, ServerVersion: "3", ServerClinician: "Dr" + drawsNothing + " Lee",
			ServerTime: time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC), ServerVoided: voided, What: "record", At: time.Now()}
		want := []string{"by Dr" + drawsNothingShown + " Lee"}
		if voided {
			k.ServerVoidReason = drawsNothing + drawsNothing
			want = append(want, drawsNothingShown+drawsNothingShown)
		}
		if err := st.MarkConflict(server, k); err != nil {
			t.Fatal(err)
		}
		ks, err := st.Conflicts(server)
		if err != nil {
			t.Fatal(err)
		}
		kept := ks[rs[0].ID]
		refusal := settleFirstIn(&cobra.Command{}, st, server, "", "voided", rs[0], kept)
		assertShownEscaped(t, "void's refusal", refusal.Error(), want...)
		assertShownEscaped(t, "the short refusal", settleFirstShort("voided", rs[0], kept), want...)
	}
}

// TestPushConflictViewsShowWhatWasKeptWithACharacterThatDrawsNothingAsItsCode:
// push --conflicts and push --resolve say both versions side by side, who
// made each, their teams and why one was voided: a name, a team, a reason
// or a free-text answer an earlier build kept with a character that draws
// nothing printed it raw, and two versions could read alike where they
// differ. Each is printed as its code; so are the conflict's own words
// (push.ConflictMessage).
func TestPushConflictViewsShowWhatWasKeptWithACharacterThatDrawsNothingAsItsCode(t *testing.T) {
	t.Parallel()
	path, rs := spoiledStore(t)
	mine := rs[1]
	theirs := rs[0]
	theirs.Status, theirs.VoidReason = record.EnteredInError, "wrong"+drawsNothing+"patient"
	theirs.Answers = mine.Answers.Clone()
	var b bytes.Buffer
	writeDiffs(&b, mine, theirs)
	assertShownEscaped(t, "the fields that differ", b.String(), "Dr"+drawsNothingShown+" Lee", "Ward "+drawsNothingShown+"5", "wrong"+drawsNothingShown+"patient")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	assertShownEscaped(t, "a void said", voidWords(st, theirs), "wrong"+drawsNothingShown+"patient")
	k := store.Conflict{Record: mine.ID, Assessment: mine.ID, ServerVersion: "2", ServerClinician: drawsNothing,
		ServerVoided: true, ServerVoidReason: drawsNothing, What: "record", MadeBy: mine.Clinician}
	assertShownEscaped(t, "the conflict's words", push.ConflictMessage(k), drawsNothingShown)
	k.NotTakenIn = true
	assertShownEscaped(t, "the conflict's words, not taken in", push.ConflictMessage(k), "Dr"+drawsNothingShown+" Lee")
}

// TestAnAmendRefusedOnAVoidSaysAReasonKeptWithACharacterThatDrawsNothingAsItsCode:
// amend of an assessment entered in error is refused, quoting the void's
// reason; a reason an earlier build kept as two Hangul fillers was printed
// as "entered in error (ㅤㅤ)", nothing seen between the brackets, by amend
// and by every error printed (printError). It is printed as its code.
func TestAnAmendRefusedOnAVoidSaysAReasonKeptWithACharacterThatDrawsNothingAsItsCode(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 1)
	if _, _, err := runStoreCmd(t, path, (*app).voidCmd, rs[0].ID.String(), "--reason", "wrong patient", "--clinician", "Dr Void Test"); err != nil {
		t.Fatal(err)
	}
	st, _ := store.Open(path, store.Options{})
	v, _ := st.Current(rs[0].ID)
	spoilOnDisk(t, path, v.ID.String(), func(m map[string]any) { m["void_reason"] = drawsNothing + drawsNothing })
	dropFacts(t, path)
	_, _, err := runStoreCmdIn(t, path, "q\n", (*app).amendCmd, v.ID.String(), "--reason", "answers misheard", "--clinician", "Dr Amend")
	if err == nil {
		t.Fatal("amend of a void: no refusal")
	}
	assertShownEscaped(t, "amend's refusal", err.Error(), "("+drawsNothingShown+drawsNothingShown+")")
	var b bytes.Buffer
	printError(&b, fang.Styles{}, err)
	assertShownEscaped(t, "the error printed", b.String(), "("+drawsNothingShown+drawsNothingShown+")")
	b.Reset()
	printError(&b, fang.Styles{}, errors.New("cannot save: record x was entered in error ("+drawsNothing+")"))
	assertShownEscaped(t, "an error printed", b.String(), "("+drawsNothingShown+")")
}
