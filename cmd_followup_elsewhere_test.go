package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/site"
)

// TestAVoidedFollowUpOnAVersionSetAsideReadsQuietlyFromTheSecondServer:
// the laptop amended an assessment offline and followed the amendment up,
// and sent both to server B before the ward's amendment on server A met
// its own there as a conflict. Settled on A by keeping the ward's, the
// follow-up voided as push advised, and B given A's line: B then holds the
// follow-up and its void on the laptop's amendment, which is in B's
// history but no longer on the assessment's line. Every history and
// summary --server B, on every machine, warned that "the server's record
// ... differs from this machine's and is not kept here: cannot save the
// copy: record ..., which it follows up, is not in this store", and
// summary left the two out "read again next time", forever. A follow-up
// entered in error counts nowhere: it is passed over without a word, and
// the counts are as they were.
// followUpOnB is the laptop of the follow-up sent to server B before
// the conflict on server A set aside the amendment it follows up (see
// TestAVoidedFollowUpOnAVersionSetAsideReadsQuietlyFromTheSecondServer),
// voided as push advised when voided is set; B is then given A's line.
func followUpOnB(t *testing.T, voided bool) (A, B *fhirserver.Server, first, ward, fu record.Record) {
	t.Helper()
	A, B = fhirserver.Start(t), fhirserver.Start(t)
	laptop, lst, first := agreedToEverything(t)
	pushWith(t, A.Base, lst)
	pushWith(t, B.Base, lst)
	mine := first
	mine.ID, mine.Amends, mine.AmendReason, mine.Clinician = record.ID{}, first.ID, "amended on the laptop", "Dr Lap"
	if err := lst.Amend(&mine); err != nil {
		t.Fatal(err)
	}
	fu = testkit.Assessed(t, testkit.Included(nil))
	fu.Patient, fu.FollowsUp, fu.Clinician = first.Patient, mine.ID, "Nurse Bea"
	if err := lst.Save(&fu); err != nil {
		t.Fatal(err)
	}
	a := &app{settings: site.Settings{DB: laptop, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: A.Base}}}}
	if out, errs, err := execute(a, (*app).pushCmd, "", "--server", B.Base); err != nil {
		t.Fatalf("push to B: %v\n%s%s", err, out, errs)
	}
	_, wst := wardReading(t, A.Base, first)
	ward = first
	ward.ID, ward.Amends, ward.AmendReason, ward.Clinician = record.ID{}, first.ID, "amended on the ward", "Sister Okafor"
	if err := wst.Amend(&ward); err != nil {
		t.Fatal(err)
	}
	pushWith(t, A.Base, wst)
	if _, _, err := execute(a, (*app).pushCmd, ""); err == nil {
		t.Fatal("the laptop's push to A met no conflict")
	}
	if out, errs, err := execute(a, (*app).pushCmd, "", "--resolve", mine.ID.String(), "--keep-server"); err != nil {
		t.Fatalf("keep-server on A: %v\n%s%s", err, out, errs)
	}
	if voided {
		if out, errs, err := execute(a, (*app).voidCmd, "", fu.ID.String(), "--reason", "followed up a version set aside", "--clinician", "Dr Void Test"); err != nil {
			t.Fatalf("void: %v\n%s%s", err, out, errs)
		}
	}
	execute(a, (*app).pushCmd, "")
	execute(a, (*app).pushCmd, "", "--server", B.Base)
	if _, _, err := execute(a, (*app).pushCmd, "", "--server", B.Base, "--resolve", ward.ID.String(), "--keep-mine"); err != nil {
		t.Logf("keep-mine on B: %v", err)
	}
	execute(a, (*app).pushCmd, "", "--server", B.Base)
	if !serverHasAny(t, B.Base, fu.ID) {
		t.Fatal("B does not hold the follow-up: not the case this test is of")
	}
	return A, B, first, ward, fu
}

func TestAVoidedFollowUpOnAVersionSetAsideReadsQuietlyFromTheSecondServer(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	A, B, first, ward, _ := followUpOnB(t, true)
	fresh := filepath.Join(t.TempDir(), "fresh.db")
	for _, when := range []string{"first", "again"} {
		out, stderr, err := runStoreCmd(t, fresh, (*app).historyCmd, first.Patient.Value, "--server", B.Base)
		if err != nil {
			t.Fatalf("history --server B (%s): %v\n%s", when, err, stderr)
		}
		if strings.Contains(stderr, "warning") || strings.Contains(stderr, "left out") || strings.Contains(stderr, "not kept here") {
			t.Errorf("history --server B (%s) on a fresh machine warns of the voided follow-up:\n%s", when, stderr)
		}
		if !strings.Contains(out, ward.ID.String()[:13]) {
			t.Errorf("history --server B (%s) does not show the assessment's current version %s:\n%s", when, ward.ID.String()[:13], out)
		}
	}
	qi := filepath.Join(t.TempDir(), "qi.db")
	var counts []string
	for _, when := range []string{"first", "again"} {
		out, stderr, err := runStoreCmd(t, qi, (*app).summaryCmd, "--from", "2000-01-01", "--exact", "--format", "csv", "--server", B.Base)
		if err != nil {
			t.Fatalf("summary --server B (%s): %v\n%s", when, err, stderr)
		}
		if strings.Contains(stderr, "warning") || strings.Contains(stderr, "left out") {
			t.Errorf("summary --server B (%s) warns of the voided follow-up:\n%s", when, stderr)
		}
		counts = append(counts, out)
	}
	fromA, stderr, err := runStoreCmd(t, filepath.Join(t.TempDir(), "qiA.db"), (*app).summaryCmd, "--from", "2000-01-01", "--exact", "--format", "csv", "--server", A.Base)
	if err != nil {
		t.Fatalf("summary --server A: %v\n%s", err, stderr)
	}
	for i, c := range counts {
		if c != fromA {
			t.Errorf("summary --server B (read %d) counts otherwise than summary --server A:\n%s\nwant\n%s", i+1, c, fromA)
		}
	}
}

// TestAFollowUpOnAVersionSetAsideIsSaidOnceInPlainWords: the same
// follow-up, not voided: it counts on B, and cannot be linked here. It is
// said once, in words, filled at the width, with what to do, not as the
// store's checks on each of its versions.
func TestAFollowUpOnAVersionSetAsideIsSaidOnceInPlainWords(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	_, B, first, _, fu := followUpOnB(t, false)
	_, stderr, err := runStoreCmd(t, filepath.Join(t.TempDir(), "fresh.db"), (*app).historyCmd, first.Patient.Value, "--server", B.Base)
	if err != nil {
		t.Fatalf("history --server B: %v\n%s", err, stderr)
	}
	if n := strings.Count(stderr, "warning"); n != 1 {
		t.Errorf("history --server B warns %d times, not once:\n%s", n, stderr)
	}
	all := strings.Join(strings.Fields(stderr), " ")
	for _, want := range []string{"follow-up", fu.ID.String()[:13], "digicheck void " + fu.ID.String()[:13], "follow the patient up again"} {
		if !strings.Contains(all, want) {
			t.Errorf("history --server B does not say %q:\n%s", want, stderr)
		}
	}
	for _, wrong := range []string{"differs from this machine's", "cannot save", "is not in this store", "does not exist"} {
		if strings.Contains(all, wrong) {
			t.Errorf("history --server B says %q:\n%s", wrong, stderr)
		}
	}
	_, sum, err := runStoreCmd(t, filepath.Join(t.TempDir(), "qi.db"), (*app).summaryCmd, "--from", "2000-01-01", "--exact", "--server", B.Base)
	if err != nil {
		t.Fatalf("summary --server B: %v\n%s", err, sum)
	}
	flat := strings.Join(strings.Fields(sum), " ")
	for _, want := range []string{"digicheck void " + fu.ID.String()[:13], "1 record version on the server was left out (above) and is not counted"} {
		if !strings.Contains(flat, want) {
			t.Errorf("summary --server B does not say %q:\n%s", want, sum)
		}
	}
	// Said once: one warning of the follow-up, naming one command. (Its id
	// is not counted: a baseline made in the same millisecond prints the
	// same 13 characters.)
	if strings.Contains(flat, "cannot save") || strings.Count(flat, "holds a follow-up") != 1 || strings.Count(flat, "digicheck void ") != 1 {
		t.Errorf("summary --server B says the follow-up more than once, or as the store's check:\n%s", sum)
	}
	in := false
	for _, l := range strings.Split(stderr, "\n") {
		in = strings.HasPrefix(l, "warning") || in && strings.HasPrefix(l, "  ")
		if in && len([]rune(l)) > 80 {
			t.Errorf("a line of the warning over 80 columns: %q", l)
		}
	}
}
