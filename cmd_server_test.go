package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	bolt "go.etcd.io/bbolt"

	"digicheck/assess"
	"digicheck/fhir"
	"digicheck/fhirclient"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/prompt"
	"digicheck/push"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/report"
	"digicheck/site"
	"digicheck/store"
)

// sendStore puts every version of the store at path on the server, as
// the machine it is on would have pushed it (fhirserver.SendStore).
func sendStore(t *testing.T, base, path string) int {
	t.Helper()
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return fhirserver.SendStore(t, base, st)
}

// syntheticStore is a store of n synthetic records (amendments, voids and
// follow-ups among them) made with seed.
func syntheticStore(t *testing.T, name string, n int, seed uint64) string {
	t.Helper()
	return madeOnce(t, fmt.Sprintf("syntheticStore %d %d", n, seed), name+".db", func(path string) error {
		st, err := store.Open(path, store.Options{})
		if err != nil {
			return err
		}
		_, err = report.Synthesise(st, report.SyntheticOptions{Count: n, Seed: seed,
			From: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)})
		return err
	})
}

// TestTheServerIsSummarisedAsThePushedStoresAre: two teams' stores pushed
// to the server; summary --server counts exactly what a summary of the two
// stores' exports counts, and after one store adds records and pushes
// again, an incremental read (only what changed) counts what the stores
// do then. export --server writes every record version the stores hold.
func TestTheServerIsSummarisedAsThePushedStoresAre(t *testing.T) {
	// 300 records pushed, read back and summarised twice: 215 s of a
	// race run at a load of 15. The race run still pushes and
	// summarises a server's records in the other server tests.
	testkit.Bulk(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	ward := syntheticStore(t, "ward", 150, 3)
	community := syntheticStore(t, "community", 150, 4)
	n := sendStore(t, srv.Base, ward) + sendStore(t, srv.Base, community)

	mine := filepath.Join(t.TempDir(), "qi.db") // the QI lead's own store: empty
	summary := func(args ...string) string {
		t.Helper()
		out, stderr, err := runStoreCmd(t, mine, (*app).summaryCmd, append([]string{"--exact", "--from", "2000-01-01", "--format", "csv"}, args...)...)
		if err != nil {
			t.Fatalf("summary %v: %v\n%s", args, err, stderr)
		}
		return out
	}
	exportOf := func(path string) string {
		t.Helper()
		to := filepath.Join(t.TempDir(), filepath.Base(path)+".ndjson")
		if _, stderr, err := runStoreCmd(t, path, (*app).exportCmd, "--format", "ndjson", "--identifiable", "-o", to); err != nil {
			t.Fatalf("export: %v\n%s", err, stderr)
		}
		return to
	}
	want := summary(exportOf(ward), exportOf(community))
	got, stderr, err := runStoreCmd(t, mine, (*app).summaryCmd, "--from", "2000-01-01", "--exact", "--format", "csv", "--server", srv.Base)
	if err != nil || got != want {
		t.Fatalf("summary --server (%v) differs from the summary of the pushed stores' exports:\n%s\n%s\nwant\n%s", err, stderr, got, want)
	}
	if !strings.Contains(want, "assessed") {
		t.Fatalf("the summary counts nothing: %s", want)
	}

	// More records in one store, pushed again: read incrementally.
	st, err := store.Open(ward, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	late := testkit.Assessed(t, testkit.Full(nil))
	late.Patient = record.PatientID{Kind: record.NHSNumber, Value: "9990000026"}
	late.Team = "Ward 7"
	late.Synthetic = true // the store holds synthetic data only
	if err := st.Save(&late); err != nil {
		t.Fatal(err)
	}
	n += sendStore(t, srv.Base, ward) - 150 // the earlier versions again, unchanged
	_, stderr, err = runStoreCmd(t, mine, (*app).summaryCmd, "--from", "2000-01-01", "--exact", "--format", "csv", "--server", srv.Base)
	if err != nil || !strings.Contains(stderr, "changed since") {
		t.Errorf("a second read is not incremental: %v\n%s", err, stderr)
	}
	if got, want := summary("--server", srv.Base), summary(exportOf(ward), exportOf(community)); got != want {
		t.Errorf("after an incremental read, summary --server differs:\n%s\nwant\n%s", got, want)
	}

	to := filepath.Join(t.TempDir(), "server.ndjson")
	if _, stderr, err := runStoreCmd(t, mine, (*app).exportCmd, "--server", srv.Base, "--format", "ndjson", "--identifiable", "-o", to); err != nil {
		t.Fatalf("export --server: %v\n%s", err, stderr)
	}
	b, err := os.ReadFile(to)
	if err != nil {
		t.Fatal(err)
	}
	if lines := len(exportLines(string(b))); lines != n {
		t.Errorf("export --server wrote %d record versions, want the %d the stores hold", lines, n)
	}
}

// TestHistoryReadsFromTheServerWhenTheStoreHasNone: a patient this store
// has never seen is read from the server, kept as copies and listed, with
// where they came from; without a server it is the plain "no assessments".
func TestHistoryReadsFromTheServerWhenTheStoreHasNone(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	elsewhere, rs := storeWith(t, 2) // two assessments of one patient, on another machine
	sendStore(t, srv.Base, elsewhere)

	here := filepath.Join(t.TempDir(), "here.db")
	other := testkit.Assessed(t, testkit.Included(nil))
	other.Patient = record.PatientID{Kind: record.NHSNumber, Value: "9990000026"}
	st, err := store.Open(here, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Save(&other); err != nil {
		t.Fatal(err)
	}

	if _, _, err := runStoreCmd(t, here, (*app).historyCmd, testkit.NHSNumber); err == nil || !strings.Contains(err.Error(), "no assessments") {
		t.Fatalf("history with no server: %v", err)
	}
	out, stderr, err := runStoreCmd(t, here, (*app).historyCmd, testkit.NHSNumber, "--server", srv.Base)
	if err != nil {
		t.Fatalf("history --server: %v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "Read 2 record versions") || !strings.Contains(stderr, srv.Base) {
		t.Errorf("history does not say what it read from where:\n%s", stderr)
	}
	if !strings.Contains(out, "Read from the FHIR server "+srv.Base) {
		t.Errorf("history does not mark the copies:\n%s", out)
	}
	for _, r := range rs {
		if !strings.Contains(out, r.ID.String()[:8]) {
			t.Errorf("history lacks %s:\n%s", r.ID, out)
		}
	}
	// Kept: the next history needs no server, and still says where from.
	out, _, err = runStoreCmd(t, here, (*app).historyCmd, testkit.NHSNumber)
	if err != nil || !strings.Contains(out, "Read from the FHIR server "+srv.Base) {
		t.Errorf("the copies were not kept: %v\n%s", err, out)
	}
	// The other patient's history is this store's own, unmarked.
	out, _, err = runStoreCmd(t, here, (*app).historyCmd, "9990000026", "--server", srv.Base)
	if err != nil || strings.Contains(out, "Read from the FHIR server") {
		t.Errorf("a patient of this store is read from the server, or marked: %v\n%s", err, out)
	}

	srv.Stop()
	if _, _, err := runStoreCmd(t, filepath.Join(t.TempDir(), "new.db"), (*app).historyCmd, testkit.NHSNumber, "--server", srv.Base); err == nil ||
		!strings.Contains(err.Error(), "could not reach the FHIR server") {
		t.Errorf("history with the server down: %v; want an error that says it could not reach the server", err)
	}
}

// TestAFollowUpOnASecondMachineLinksToTheBaselineThroughTheServer: a
// community nurse's laptop that has never seen the patient follows up the
// baseline made on a ward PC and sent to the server: followup reads it from
// the server, keeps it as a copy marked as from there, says so, and saves
// the follow-up linked to it, with what became of its referrals and the
// change since.
func TestAFollowUpOnASecondMachineLinksToTheBaselineThroughTheServer(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	ward, _, first := agreedToEverything(t)
	sendStore(t, srv.Base, ward)

	laptop := filepath.Join(t.TempDir(), "laptop.db") // no store yet
	if _, _, err := runStoreCmd(t, laptop, (*app).followupCmd, first.Patient.Value); err == nil {
		t.Fatal("a follow-up with no store and no server did not fail")
	}
	lines := followUpLines(t, first, "Nurse C", "", "3", "no bus")
	out, stderr, err := runStoreCmdIn(t, laptop, strings.Join(lines, "\n")+"\n", (*app).followupCmd, first.Patient.Value, "--server", srv.Base)
	if err != nil {
		t.Fatalf("followup --server: %v\n%s\n%s", err, stderr, out)
	}
	if !strings.Contains(stderr, "read from the FHIR server "+srv.Base) {
		t.Errorf("the follow-up does not say where the baseline came from:\n%s", stderr)
	}
	st, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fu, err := st.Latest(first.Patient)
	if err != nil {
		t.Fatal(err)
	}
	if fu.FollowsUp != first.ID || fu.Clinician != "Nurse C" || fu.Change == nil || fu.Change.Since != first.ID || len(fu.Outcomes) != len(first.Recommendation.Referrals) {
		t.Fatalf("follow-up %s follows %s (want %s), change %+v, %d outcomes", fu.ID, fu.FollowsUp, first.ID, fu.Change, len(fu.Outcomes))
	}
	from, err := st.CopySources([]record.ID{first.ID, fu.ID})
	if err != nil || from[first.ID] != srv.Base || from[fu.ID] != "" {
		t.Errorf("copies: %v (%v); want the baseline from %s and the follow-up made here", from, err, srv.Base)
	}
}

// newAssessmentLines is a whole new assessment piped to the plain
// prompts, saved, then finish.
func newAssessmentLines(t *testing.T) string {
	t.Helper()
	a := testkit.Included(questionnaire.Answers{
		questionnaire.LinkTasks: {questionnaire.TaskText}, questionnaire.LinkChoice: {string(questionnaire.RouteApp)},
	})
	res, err := questionnaire.V1.Assess(a, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	lines := append(append(append([]string{}, pipedPatient...), pipedAccess...), pipedRest...)
	lines = append(lines, declineShown(len(res.Recommendation.Referrals))...)
	lines = append(lines, "1", "2") // save; no other assessment
	return strings.Join(lines, "\n") + "\n"
}

// serverHas waits up to a few seconds for the server to hold the record
// (a push after a save goes on in the background after the run ends).
func serverHas(t *testing.T, base string, r record.Record) bool {
	t.Helper()
	c, err := fhirclient.New(fhirclient.Config{Base: base, Timeout: 5 * time.Second, Attempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	for range 100 {
		if res, err := c.Read(context.Background(), "QuestionnaireResponse", r.ID.String()); err == nil {
			got, ok, _ := fhir.RecordIn(res.JSON)
			return ok && got.ID == r.ID
		}
		time.Sleep(100 * time.Millisecond)
	}
	return false
}

// TestASaveIsSentInTheBackgroundWhenTheSiteHasAServer: with fhir_server in
// the site config, the plain prompts save, say so, and push in the
// background, reading out "Sent" (or, the clinician having finished first,
// that it is still sending); the record reaches the server. With the
// server down the save stands, the prompts say it is not sent yet, and the
// next push sends it: nothing is lost.
func TestASaveIsSentInTheBackgroundWhenTheSiteHasAServer(t *testing.T) {
	t.Parallel()
	srv := fhirserver.Start(t)
	run := func(path string) (string, record.Record) {
		t.Helper()
		cfg := site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}
		out, errs, err := execute(&app{settings: site.Settings{DB: path, Config: cfg}}, (*app).newCmd, newAssessmentLines(t))
		if err != nil {
			t.Fatalf("new: %v\n%s%s", err, out, errs)
		}
		st, err := store.Open(path, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var saved []record.Record
		st.Each(func(r record.Record) error { saved = append(saved, r); return nil }, nil)
		if len(saved) != 1 {
			t.Fatalf("%d records saved", len(saved))
		}
		return out + errs, saved[0]
	}

	out, r := run(filepath.Join(t.TempDir(), "up.db"))
	if !strings.Contains(out, "Saved.") || !strings.Contains(out, "Sending it to the trust's FHIR server in the background.") {
		t.Errorf("the save does not say it is being sent:\n%s", out)
	}
	// Found by trying it: a run that ended straight after the save was
	// never sent, said only "Not sent yet", with the server healthy.
	if !strings.Contains(out, "Sent to the trust's FHIR server: record "+r.ID.String()) || strings.Contains(out, "Not sent") {
		t.Errorf("the push is not finished and said once before the run ends:\n%s", out)
	}
	if !serverHas(t, srv.Base, r) {
		t.Error("the record never reached the server")
	}

	srv.Faults(t, fhirserver.Fault{Status: 503, Times: 1000})
	path := filepath.Join(t.TempDir(), "down.db")
	out, r = run(path)
	if !strings.Contains(out, "Saved.") || strings.Contains(out, "Sent to the trust's FHIR server") {
		t.Errorf("with the server failing:\n%s", out)
	}
	srv.Control(t, fhirserver.Control{ClearFaults: true})
	if _, stderr, err := execute(&app{settings: site.Settings{DB: path}}, (*app).pushCmd, "", "--server", srv.Base); err != nil {
		t.Fatalf("the next push: %v\n%s", err, stderr)
	}
	if !serverHas(t, srv.Base, r) {
		t.Error("the record saved while the server failed was lost")
	}
}

// pushWith sends what st holds to the server at base, as digicheck push
// does.
func pushWith(t *testing.T, base string, st *store.Store) {
	t.Helper()
	c, err := fhirclient.New(fhirclient.Config{Base: base, Timeout: 20 * time.Second, Attempts: 2})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := push.Run(context.Background(), st, c, push.Options{}); err != nil {
		t.Fatal(err)
	}
}

// TestAStoreThatHoldsThePatientStillAsksTheServerForNewerVersions: a laptop
// that read a patient's baseline from the server once, after the ward PC
// amended it and sent the amendment, sees the amendment in history, says
// the server had something newer, refuses to amend the old version
// (naming the current one), and follows up the amendment, not the
// version it had. With the server answering too slowly, history says it
// could not reach it and that what it lists is this machine's only, and
// lists it within the bound.
func TestAStoreThatHoldsThePatientStillAsksTheServerForNewerVersions(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	srv := fhirserver.Start(t)
	ward, wst, first := agreedToEverything(t)
	_ = ward
	pushWith(t, srv.Base, wst)
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	if _, err := store.Open(laptop, store.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil || !strings.Contains(stderr, "kept 2") {
		t.Fatalf("first history: %v\n%s", err, stderr)
	}

	amended := first
	amended.ID, amended.Amends, amended.AmendReason = record.ID{}, first.ID, "reading help corrected on the ward"
	if err := wst.Amend(&amended); err != nil {
		t.Fatal(err)
	}
	pushWith(t, srv.Base, wst)

	out, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", srv.Base)
	if err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	if !strings.Contains(out, "reading help corrected on the ward") {
		t.Errorf("history does not show the amendment made on the ward:\n%s", out)
	}
	if !strings.Contains(strings.Join(strings.Fields(stderr), " "), "has 1 newer record version of patient") { // filled at the width
		t.Errorf("history does not say the server had something newer:\n%s", stderr)
	}

	withServer := &app{settings: site.Settings{DB: laptop, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	if _, _, err := execute(withServer, (*app).amendCmd, "", first.ID.String(), "--reason", "typo"); err == nil ||
		!strings.Contains(err.Error(), "not the current version") || !strings.Contains(err.Error(), amended.ID.String()) {
		t.Errorf("amending the version the ward has since amended: %v; want a refusal naming %s", err, amended.ID)
	}

	// A third version, made on the ward after the laptop last looked:
	// the follow-up rests on it.
	again := amended
	again.ID, again.Amends, again.AmendReason = record.ID{}, amended.ID, "contact number corrected on the ward"
	if err := wst.Amend(&again); err != nil {
		t.Fatal(err)
	}
	pushWith(t, srv.Base, wst)
	lines := followUpLines(t, again, "Nurse C", "", "3", "no bus")
	out, stderr, err = runStoreCmdIn(t, laptop, strings.Join(lines, "\n")+"\n", (*app).followupCmd, first.Patient.Value, "--server", srv.Base)
	if err != nil {
		t.Fatalf("followup: %v\n%s\n%s", err, stderr, out)
	}
	st, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fu, err := st.Latest(first.Patient)
	if err != nil || fu.FollowsUp != again.ID {
		t.Fatalf("the follow-up follows %s (%v); want the ward's latest amendment %s", fu.FollowsUp, err, again.ID)
	}
	if !strings.Contains(stderr, "Following up "+again.ID.String()) {
		t.Errorf("the follow-up does not say it follows the server's version:\n%s", stderr)
	}

	srv.Faults(t, fhirserver.Fault{Method: "GET", DelayMs: 60_000, Times: 20})
	start := time.Now()
	out, stderr, err = runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", srv.Base)
	took := time.Since(start)
	if err != nil || !strings.Contains(out, "contact number corrected on the ward") {
		t.Fatalf("history with the server too slow: %v\n%s", err, out)
	}
	if took > serverLook+3*time.Second {
		t.Errorf("history waited %s for a slow server; the bound is %s", took, serverLook)
	}
	// Said as a server up and slow, not as one that could not be
	// reached: it took the connection.
	for _, want := range []string{"did not answer within " + serverLook.String(), "this machine's record of patient " + first.Patient.String() + " only"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("history with the server too slow does not say %q:\n%s", want, stderr)
		}
	}
}

// TestAConflictingAmendmentIsSaidPlainlyNotRetried: the laptop amends its
// copy of an assessment that the ward PC has amended on the server since.
// The push after the save says it is not sent, as a conflict with the
// ward's version and who made it, not "will retry"; push says the same
// with the server's version; push --conflicts shows both versions; and
// summary --server says the server's count and this machine's disagree.
func TestAConflictingAmendmentIsSaidPlainlyNotRetried(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	_, wst, first := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	lst, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	onWard := first
	onWard.ID, onWard.Amends, onWard.AmendReason, onWard.Clinician = record.ID{}, first.ID, "amended on the ward", "Sister Okafor"
	if err := wst.Amend(&onWard); err != nil {
		t.Fatal(err)
	}
	pushWith(t, srv.Base, wst)
	onLaptop := first
	onLaptop.ID, onLaptop.Amends, onLaptop.AmendReason = record.ID{}, first.ID, "amended on the laptop"
	if err := lst.Amend(&onLaptop); err != nil {
		t.Fatal(err)
	}

	a := &app{settings: site.Settings{DB: laptop, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	res := pushResult(a.pushAfterSave(lst)(onLaptop))
	if res.Sent || !res.Conflict || !strings.Contains(res.Why, "changed on another machine") || !strings.Contains(res.Why, "Sister Okafor") ||
		!strings.Contains(res.Why, "kept here and not sent") {
		t.Errorf("the saved screen is told %+v; want a conflict naming the ward's clinician, not sent", res)
	}

	for range 2 {
		_, _, err := execute(a, (*app).pushCmd, "")
		want := "assessment " + first.ID.String() + " was changed on another machine; its server version is "
		if err == nil || !strings.Contains(said(err), want) || !strings.Contains(said(err), "by Sister Okafor at ") ||
			!strings.Contains(said(err), "amendment "+onLaptop.ID.String()+" is kept locally and not sent") {
			t.Errorf("push: %v; want the conflict said plainly", err)
		}
	}
	out, _, err := execute(a, (*app).pushCmd, "", "--conflicts")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"This machine's version:", "The server's version now", "amended on the laptop", "amended on the ward", "Sister Okafor"} {
		if !strings.Contains(out, want) {
			t.Errorf("push --conflicts lacks %q:\n%s", want, out)
		}
	}
	_, stderr, err := execute(a, (*app).summaryCmd, "", "--server", srv.Base)
	if err != nil {
		t.Fatalf("summary --server: %v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "1 version the server refused as a conflict") || !strings.Contains(stderr, "disagree") {
		t.Errorf("summary --server does not say this machine's store disagrees with the server:\n%s", stderr)
	}

	settleConflict(t, a, srv, first, onLaptop)
}

// settleConflict: found by an integration test, a conflict could not be
// settled: the laptop could amend its unsent version (and was told it
// would be sent, which it never was), history showed it as plain current,
// and every later push exited 1 for good.
func settleConflict(t *testing.T, a *app, srv *fhirserver.Server, first, onLaptop record.Record) {
	t.Helper()
	_, _, err := execute(a, (*app).amendCmd, "", onLaptop.ID.String(), "--reason", "amended again")
	if err == nil || !strings.Contains(said(err), "in conflict with the FHIR server") || !strings.Contains(said(err), "digicheck push --resolve "+onLaptop.ID.String()+" --keep-mine") {
		t.Errorf("amending a version in conflict: %v; want it refused, saying how to settle it", err)
	}
	out, _, err := execute(a, (*app).historyCmd, "", first.Patient.Value)
	if err != nil || !strings.Contains(out, "NOT SENT, IN CONFLICT") {
		t.Errorf("history does not mark the version in conflict (%v):\n%s", err, out)
	}
	if _, _, err := execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String()); err == nil {
		t.Error("--resolve without --keep-mine settled a conflict")
	}
	out, _, err = execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String(), "--keep-mine")
	if err != nil || !strings.Contains(out, "Settled:") || !strings.Contains(out, "Sent 1 of 1") {
		t.Fatalf("push --resolve --keep-mine: %v\n%s", err, out)
	}
	// The laptop's version is saved again on the server's, so every
	// machine can take it in, and that is what the server holds.
	st, err := store.Open(a.settings.DB, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	kept, err := st.Current(onLaptop.ID)
	if err != nil || kept.ID == onLaptop.ID || !strings.Contains(kept.AmendReason, "amended on the laptop") || !serverHolds(t, srv.Base, first.ID, kept) {
		t.Errorf("the server's current version is not the laptop's, saved again on the server's, after it was kept: %+v, %v", kept, err)
	}
	if _, _, err := execute(a, (*app).pushCmd, ""); err != nil {
		t.Errorf("push after the conflict is settled: %v", err)
	}
	if out, _, _ := execute(a, (*app).historyCmd, "", first.Patient.Value); strings.Contains(out, "IN CONFLICT") {
		t.Errorf("history still marks a settled conflict:\n%s", out)
	}
}

// serverHolds reports whether the server's resource for assessment holds
// record r as its current version.
func serverHolds(t *testing.T, base string, assessment record.ID, r record.Record) bool {
	t.Helper()
	c, err := fhirclient.New(fhirclient.Config{Base: base, Timeout: 5 * time.Second, Attempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Read(context.Background(), "QuestionnaireResponse", assessment.String())
	if err != nil {
		return false
	}
	got, ok, _ := fhir.RecordIn(res.JSON)
	return ok && got.ID == r.ID
}

// TestTheCommandLineAmendAndVoidAreSentAsTheScreensSaveIs: with fhir_server
// in the site config, an amendment through the plain prompts and a void
// from the command line each reach the server before the command ends,
// and say "Sent"; with the server down the void is saved, says it is not
// sent yet, within the bound, and the next push sends it.
func TestTheCommandLineAmendAndVoidAreSentAsTheScreensSaveIs(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	srv := fhirserver.Start(t)
	path, st, base := agreedToEverything(t)
	a := &app{settings: site.Settings{DB: path, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	lines := []string{"", "", "1"} // clinician and team as offered; the review confirmed
	for range assess.FirstReferrals {
		lines = append(lines, "")
	}
	lines = append(lines, "2", "1", "2") // not the rest; save; no new assessment
	out, errs, err := execute(a, (*app).amendCmd, strings.Join(lines, "\n")+"\n", base.ID.String(), "--reason", "typo", "--clinician", "Dr Fix")
	if err != nil {
		t.Fatalf("amend: %v\n%s%s", err, out, errs)
	}
	amended, err := st.Current(base.ID)
	if err != nil || amended.ID == base.ID {
		t.Fatalf("no amendment saved: %v", err)
	}
	if !serverHolds(t, srv.Base, base.ID, amended) {
		t.Errorf("the amendment did not reach the server before amend ended:\n%s", out)
	}
	if !strings.Contains(out, "Sent to the trust's FHIR server") {
		t.Errorf("amend does not say the amendment was sent:\n%s", out)
	}
	// One outcome: found by piping the prompts, which said "Not sent yet
	// (will retry)" and then "Sent".
	if strings.Contains(out, "Not sent") || strings.Count(out, "Sent to the trust's FHIR server") != 1 {
		t.Errorf("amend says more than the one outcome:\n%s", out)
	}

	out, errs, err = execute(a, (*app).voidCmd, "", amended.ID.String(), "--reason", "wrong patient", "--clinician", "Dr Fix")
	if err != nil {
		t.Fatalf("void: %v\n%s", err, errs)
	}
	voided, err := st.Current(base.ID)
	if err != nil || voided.Status != record.EnteredInError {
		t.Fatalf("no void saved: %v", err)
	}
	if !serverHolds(t, srv.Base, base.ID, voided) || !strings.Contains(out, "Sent to the trust's FHIR server: record "+voided.ID.String()) {
		t.Errorf("the void was not sent, or not said:\n%s", out)
	}

	other := testkit.Assessed(t, testkit.Offline(nil))
	if err := st.Save(&other); err != nil {
		t.Fatal(err)
	}
	srv.Stop()
	start := time.Now()
	out, errs, err = execute(a, (*app).voidCmd, "", other.ID.String(), "--reason", "wrong patient", "--clinician", "Dr Fix")
	if err != nil {
		t.Fatalf("void with the server down: %v\n%s", err, errs)
	}
	if took := time.Since(start); took > cliPushWait+serverLook+2*time.Second {
		t.Errorf("void with the server down took %s", took)
	}
	if !strings.Contains(out, "Not sent yet (will retry)") || !strings.Contains(out, "Nothing is lost") {
		t.Errorf("void with the server down does not say it is not sent yet:\n%s", out)
	}
}

// Found by an integration test: with the token file readable by others,
// history and void (and followup and amend, which read the server the same
// way) exited 1 with only the authentication error, for a patient held
// on this machine. The server's settings stop the network part only.
func TestATokenFileProblemNeverStopsWorkOnAPatientHeldHere(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("file modes")
	}
	path, _, first := agreedToEverything(t)
	tok := filepath.Join(t.TempDir(), "fhir token")
	if err := os.WriteFile(tok, []byte("abc\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a := &app{settings: site.Settings{DB: path, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: "http://127.0.0.1:9/fhir", FHIRTokenFile: tok}}}}
	out, stderr, err := execute(a, (*app).historyCmd, "", first.Patient.Value)
	if err != nil || !strings.Contains(out, first.ID.String()[:8]) {
		t.Fatalf("history: %v\n%s\n%s", err, out, stderr)
	}
	for _, want := range []string{"warning: the FHIR server http://127.0.0.1:9/fhir was not asked", "mode 0644", "chmod 600 '" + tok + "'", "this machine's record of patient"} {
		if !strings.Contains(strings.Join(strings.Fields(stderr), " "), want) { // filled at the width
			t.Errorf("history's warning lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "abc") {
		t.Errorf("the token is shown: %s", stderr)
	}
	if _, stderr, err := execute(a, (*app).voidCmd, "", first.ID.String(), "--reason", "wrong patient", "--clinician", "Dr Void Test"); err != nil {
		t.Fatalf("void: %v\n%s", err, stderr)
	}
}

// A push that gave up waiting is said to have had no answer in time, not
// to have found the server unreachable (found with a server answering 5 s
// late).
func TestASlowServerIsSaidToBeSlowNotUnreachable(t *testing.T) {
	t.Parallel()
	slow := &fhirclient.Error{Kind: fhirclient.ErrUnavailable, Msg: "the FHIR server 127.0.0.1:18431 did not answer within 15s", Cause: context.DeadlineExceeded}
	for err, want := range map[error]string{
		slow:                     "the FHIR server did not answer within 15s",
		context.DeadlineExceeded: "the FHIR server did not answer in time",
		&fhirclient.Error{Kind: fhirclient.ErrUnavailable, Msg: "cannot reach the FHIR server 127.0.0.1:9"}: "could not connect to the FHIR server",
	} {
		if got := pushWhy(err); got != want {
			t.Errorf("pushWhy(%v) = %q, want %q", err, got, want)
		}
	}
}

// Found by trying followup: Ctrl+C while it waited for the server opened
// the follow-up with "context canceled"; and with no local copy and no
// answer, it only erred, saying nothing of what the clinician can do.
func TestWaitingForTheServerStopsOnCtrlCAndSaysWhatToDoWithNothingHere(t *testing.T) {
	t.Parallel()
	path, st, first := agreedToEverything(t)
	a := &app{settings: site.Settings{DB: path}}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var w strings.Builder
	if _, err := a.readPatient(ctx, &w, st, "http://127.0.0.1:9/fhir", first.Patient, true); err == nil || !strings.Contains(err.Error(), "stopped while waiting") {
		t.Errorf("Ctrl+C while waiting: %v\n%s", err, w.String())
	}
	w.Reset()
	_, err := a.readPatient(context.Background(), &w, nil, "http://127.0.0.1:9/fhir", first.Patient, false)
	if err == nil || !strings.Contains(err.Error(), "Try again later, or start a new assessment of the patient (digicheck new)") {
		t.Errorf("nothing here and no server: %v", err)
	}
}

// Found by an integration test: with synthetic and real records on one
// server, the cache took the kind of the first record read, so the real
// ones were left out and the whole summary labelled SYNTHETIC.
func TestASummaryOfAServerWithSyntheticAndRealRecordsCountsTheRealOnes(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	srv := fhirserver.Start(t)
	syn := pushStore(t, 5)
	if _, errOut, err := runCLI(t, map[string]string{"DIGICHECK_DB": syn}, "", "push", "--server", srv.Base, "--test-server"); err != nil {
		t.Fatalf("push synthetic: %v\n%s", err, errOut)
	}
	path, st, _ := agreedToEverything(t)
	pushWith(t, srv.Base, st)
	a := &app{settings: site.Settings{DB: path}}
	// --exact: with disclosure control the heading gives no input's size.
	out, stderr, err := execute(a, (*app).summaryCmd, "", "--from", "2000-01-01", "--server", srv.Base, "--exact")
	if err != nil {
		t.Fatalf("summary --server: %v\n%s", err, stderr)
	}
	if strings.Contains(out, "SYNTHETIC") || !strings.Contains(out, "(2 records)") || !strings.Contains(stderr, "5 synthetic test record versions on the FHIR server") {
		t.Errorf("want the real record counted and the synthetic ones left out, said:\n%s\n%s", out, stderr)
	}
}

// Found by an integration re-test: summary --server waited in silence for
// ten minutes and more on a 429 with Retry-After 600, and said nothing of
// a Retry-After of 120 s. Each wait is said, and one past --max-wait
// (2 minutes unless given) stops the read at once, saying why.
func TestAServerReadSaysEachWaitAndStopsAtMaxWait(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	path, st, _ := agreedToEverything(t)
	pushWith(t, srv.Base, st)
	a := &app{settings: site.Settings{DB: path}}

	long := 600
	srv.Faults(t, fhirserver.Fault{Status: 429, RetryAfter: &long, Times: 100})
	start := time.Now()
	_, stderr, err := execute(a, (*app).summaryCmd, "", "--server", srv.Base)
	if took := time.Since(start); took > 20*time.Second {
		t.Fatalf("summary --server waited %v on a Retry-After of 600 s, past the 2 minute --max-wait it should have stopped at once for", took)
	}
	if err == nil || !strings.Contains(err.Error(), "the server asked us to wait 10m0s before trying again, past the 2m0s this waits at most") || !strings.Contains(err.Error(), "give a longer --max-wait to wait for it") {
		t.Errorf("a Retry-After past --max-wait is not said: %v\n%s", err, stderr)
	}

	one := 1
	srv.Control(t, fhirserver.Control{ClearFaults: true})
	srv.Faults(t, fhirserver.Fault{Status: 429, RetryAfter: &one})
	_, stderr, err = execute(a, (*app).exportCmd, "", "--server", srv.Base, "--max-wait", "30s", "--format", "csv", "--identifiable")
	if err != nil {
		t.Fatalf("export --server after one 429: %v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "server read: try 1 of 5 failed") || !strings.Contains(stderr, "429") || !strings.Contains(stderr, "trying again in 1s") {
		t.Errorf("the wait for a 429's Retry-After is not said:\n%s", stderr)
	}
}

// Found by an integration re-test: with the server answering 500 at once
// to every request, void said "the FHIR server could not be reached", and
// the read before it "could not reach"; with a 429 asking for 300 s, "no
// answer within 8s". Each says what the server answered, at once.
func TestVoidSaysWhatTheServerAnswered(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	ra := 300
	for _, c := range []struct {
		fault fhirserver.Fault
		want  string
	}{
		{fhirserver.Fault{Status: 500, Times: 100}, "the server answered 500 (server error)"},
		{fhirserver.Fault{Status: 429, RetryAfter: &ra, Times: 100}, "the server asked us to wait 300 s (429)"},
	} {
		srv := fhirserver.Start(t)
		path, st, first := agreedToEverything(t)
		pushWith(t, srv.Base, st)
		srv.Faults(t, c.fault)
		a := &app{settings: site.Settings{DB: path, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
		start := time.Now()
		out, stderr, err := execute(a, (*app).voidCmd, "", first.ID.String(), "--reason", "wrong patient", "--clinician", "Dr Void Test")
		if err != nil {
			t.Fatalf("void with the server answering %d: %v\n%s", c.fault.Status, err, stderr)
		}
		said := strings.Join(strings.Fields(out+stderr), " ") // as read, its lines filled
		if took := time.Since(start); took > 8*time.Second {
			t.Errorf("void waited %v for a server answering %d at once", took, c.fault.Status)
		}
		if strings.Count(said, c.want) < 2 || !strings.Contains(said, "could not read from the FHIR server") {
			t.Errorf("void with the server answering %d does not say %q for the read and the send:\n%s", c.fault.Status, c.want, said)
		}
		for _, wrong := range []string{"could not be reached", "could not reach", "no answer within"} {
			if strings.Contains(said, wrong) {
				t.Errorf("void with the server answering %d at once says %q:\n%s", c.fault.Status, wrong, said)
			}
		}
	}
}

// Found by an integration re-test: a token file at mode 644 or a
// fhir_token_env variable unset was said after a void as "Not sent yet
// (will retry)", though neither clears by itself. It is not sent, and the
// setting to fix is said.
func TestASettingThatNeedsFixingIsNotPromisedARetry(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("file modes")
	}
	tok := filepath.Join(t.TempDir(), "fhir token")
	if err := os.WriteFile(tok, []byte("abc\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, fs := range map[string]site.FHIRServer{
		"a token file others can read": {FHIRServerURL: "http://127.0.0.1:9/fhir", FHIRTokenFile: tok},
		"fhir_token_env unset":         {FHIRServerURL: "http://127.0.0.1:9/fhir", FHIRTokenEnv: "DIGICHECK_TEST_TOKEN_NEVER_SET"},
	} {
		path, _, first := agreedToEverything(t)
		a := &app{settings: site.Settings{DB: path, Config: site.Config{FHIRServer: fs}}}
		out, stderr, err := execute(a, (*app).voidCmd, "", first.ID.String(), "--reason", "wrong patient", "--clinician", "Dr Void Test")
		if err != nil {
			t.Fatalf("%s: void: %v\n%s", name, err, stderr)
		}
		said := strings.Join(strings.Fields(out+stderr), " ") // as read, its lines filled
		if strings.Contains(said, "will retry") || !strings.Contains(said, "Not sent: record ") || !strings.Contains(said, "the site's FHIR settings need fixing first: FHIR server authentication") {
			t.Errorf("%s: void does not say the settings need fixing, with no promise to retry:\n%s", name, said)
		}
	}
}

// Found by an integration re-test: a piped amend whose push failed said
// "Not sent yet (will retry)" after "What next?", then sent again and said
// it a second time. The outcome is said once.
func TestAPipedAmendSaysThePushOutcomeOnce(t *testing.T) {
	t.Parallel()
	srv := fhirserver.Start(t)
	path, st, base := agreedToEverything(t)
	pushWith(t, srv.Base, st)
	srv.Faults(t, fhirserver.Fault{Status: 500, Times: 1000})
	lines := []string{"", "", "1"}
	for range assess.FirstReferrals {
		lines = append(lines, "")
	}
	lines = append(lines, "2", "1", "2")
	a := &app{settings: site.Settings{DB: path, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	out, stderr, err := execute(a, (*app).amendCmd, strings.Join(lines, "\n")+"\n", base.ID.String(), "--reason", "typo", "--clinician", "Dr Fix")
	if err != nil {
		t.Fatalf("amend: %v\n%s\n%s", err, out, stderr)
	}
	said := out + stderr
	if n := strings.Count(said, "Not sent"); n != 1 || !strings.Contains(said, "the server answered 500 (server error)") {
		t.Errorf("the push outcome is said %d times, want once, with the server's answer:\n%s", n, said)
	}
}

// serverChangedPastTheLaptop is the ward PC and a laptop that both hold
// an assessment: the ward amends it and then voids it, and sends both;
// the laptop, which never had the ward's amendment, amends its own version
// and has not sent it. The server's chain (first, ward's amendment, void)
// cannot be taken in on the laptop, whose first version is amended
// already.
func serverChangedPastTheLaptop(t *testing.T, srv *fhirserver.Server) (a *app, lst *store.Store, first, onLaptop, void record.Record) {
	a, lst, first, onLaptop, void, _ = serverChangedPastTheLaptopFrom(t, srv)
	return
}

// serverChangedPastTheLaptopFrom is serverChangedPastTheLaptop, with the
// ward's store.
func serverChangedPastTheLaptopFrom(t *testing.T, srv *fhirserver.Server) (a *app, lst *store.Store, first, onLaptop, void record.Record, ward string) {
	t.Helper()
	ward, wst, first := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	lst, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	onWard := first
	onWard.ID, onWard.Amends, onWard.AmendReason, onWard.Clinician = record.ID{}, first.ID, "amended on the ward", "Sister Okafor"
	if err := wst.Amend(&onWard); err != nil {
		t.Fatal(err)
	}
	void, err = wst.Void(onWard.ID, store.Voiding{Reason: "wrong patient selected", Clinician: "Sister Okafor"})
	if err != nil {
		t.Fatal(err)
	}
	pushWith(t, srv.Base, wst)
	onLaptop = first
	onLaptop.ID, onLaptop.Amends, onLaptop.AmendReason = record.ID{}, first.ID, "amended on the laptop"
	if err := lst.Amend(&onLaptop); err != nil {
		t.Fatal(err)
	}
	a = &app{settings: site.Settings{DB: laptop, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	return a, lst, first, onLaptop, void, ward
}

// TestAServerStateThisMachineCannotTakeInIsSaidAndStopsAmendAndVoid: the
// laptop's own amendment is no longer what the trust holds, and the
// server's newer state (a void resting on a version the laptop never had)
// cannot be taken in there. History says so plainly, on the version and
// with the way out; amend and void of the assessment are refused, saying
// how to settle it; push does not send the laptop's amendment over the
// void. Found with a laptop that kept showing its own amendment as
// current, and amended it again.
func TestAServerStateThisMachineCannotTakeInIsSaidAndStopsAmendAndVoid(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	srv := fhirserver.Shared(t)
	a, lst, first, onLaptop, _ := serverChangedPastTheLaptop(t, srv)

	out, stderr, err := execute(a, (*app).historyCmd, "", first.Patient.Value)
	if err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	for _, want := range []string{"holds a newer state of this patient's assessment", "of assessment " + first.ID.String(), "could not take in", "by Sister Okafor",
		"cannot be amended or voided",
		"--resolve " + onLaptop.ID.String()[:13] + " --keep-server"} {
		if !strings.Contains(strings.Join(strings.Fields(stderr), " "), want) { // filled at the width
			t.Errorf("history's word on the server does not say %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(out, "NOT CURRENT ON THE SERVER") || !strings.Contains(out, "--keep-server") {
		t.Errorf("history does not mark the laptop's amendment as not current on the server:\n%s", out)
	}
	for _, c := range []struct {
		mk   func(*app) *cobra.Command
		what string
	}{{(*app).amendCmd, "amended"}, {(*app).voidCmd, "voided"}} {
		_, _, err := execute(a, c.mk, "", onLaptop.ID.String(), "--reason", "again", "--clinician", "Dr Lap")
		if err == nil || !strings.Contains(err.Error(), "cannot be "+c.what) || !strings.Contains(err.Error(), "could not take in") ||
			!strings.Contains(err.Error(), "--resolve "+onLaptop.ID.String()+" --keep-server") {
			t.Errorf("%s of the laptop's version: %v; want a refusal saying the server moved on and how to settle it", c.what, err)
		}
	}
	// A follow-up would rest on the laptop's amendment, which the trust
	// holds entered in error: refused, after the server's word.
	_, stderr, err = execute(a, (*app).followupCmd, "", first.Patient.Value)
	if err == nil || !strings.Contains(err.Error(), "entered in error") || !strings.Contains(err.Error(), "could not take in") ||
		!strings.Contains(stderr, "could not take in") {
		t.Errorf("followup of the assessment the server holds voided: %v; want the server's word and a refusal\n%s", err, stderr)
	}
	if cur, err := lst.Current(first.ID); err != nil || cur.ID != onLaptop.ID {
		t.Errorf("something was saved over the laptop's version: %+v, %v", cur.ID, err)
	}
	before := srv.Stats(t).QuestionnaireResponseVersions
	if _, _, err := execute(a, (*app).pushCmd, ""); err == nil || !strings.Contains(err.Error(), "could not take in") {
		t.Errorf("push: %v; want the laptop's amendment held, saying why", err)
	}
	if n := srv.Stats(t).QuestionnaireResponseVersions; n != before {
		t.Errorf("push sent the laptop's amendment over the server's void: %d versions, had %d", n, before)
	}
}

// TestKeepingTheServersVersionMakesItCurrentAndLosesNothing: push
// --resolve RECORD --keep-server takes the server's version (here the
// ward's void) as current on the laptop, keeps the laptop's amendment as
// a superseded version, sends nothing over the server's, and history
// shows both; an amendment after a kept amendment goes on the server's
// version. There was only --keep-mine.
func TestKeepingTheServersVersionMakesItCurrentAndLosesNothing(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	srv := fhirserver.Shared(t)
	a, lst, first, onLaptop, void := serverChangedPastTheLaptop(t, srv)
	if _, stderr, err := execute(a, (*app).historyCmd, "", first.Patient.Value); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	if _, _, err := execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String(), "--keep-server", "--keep-mine"); err == nil {
		t.Error("--keep-server with --keep-mine settled a conflict")
	}
	before := srv.Stats(t).QuestionnaireResponseVersions
	out, errs, err := execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String(), "--keep-server")
	if err != nil || !strings.Contains(out, "Settled: the server's version") || !strings.Contains(out, void.ID.String()) {
		t.Fatalf("push --resolve --keep-server: %v\n%s%s", err, out, errs)
	}
	cur, err := lst.Current(first.ID)
	// The server's line is taken in as the server holds it: the ward's
	// amendment, then its void on it; the laptop's amendment is set aside.
	if err != nil || cur.ID != void.ID || cur.Status != record.EnteredInError || cur.VoidReason != "wrong patient selected" || cur.Amends == onLaptop.ID {
		t.Fatalf("the laptop's current version is not the server's void as the server holds it: %+v, %v", cur, err)
	}
	if kept, err := lst.Get(onLaptop.ID); err != nil || kept.AmendReason != "amended on the laptop" {
		t.Errorf("the laptop's amendment was lost: %v", err)
	}
	out, stderr, err := execute(a, (*app).historyCmd, "", first.Patient.Value)
	if err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	for _, want := range []string{"amended on the laptop", "wrong patient selected", "amended on the ward", "set aside when its conflict with the FHIR server was settled"} {
		if !strings.Contains(strings.Join(strings.Fields(out), " "), want) { // as read, its lines filled
			t.Errorf("history after keeping the server's version lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "NOT CURRENT") || strings.Contains(out, "IN CONFLICT") || strings.Contains(stderr, "could not take in") || strings.Contains(stderr, "differs from this machine's") {
		t.Errorf("history still says the server's state is not taken in:\n%s%s", out, stderr)
	}
	out, _, err = execute(a, (*app).pushCmd, "")
	if err != nil || !strings.Contains(out, "Nothing to send") {
		t.Errorf("push after keeping the server's version: %v\n%s", err, out)
	}
	if n := srv.Stats(t).QuestionnaireResponseVersions; n != before {
		t.Errorf("the server holds %d versions, had %d: something was sent over its version", n, before)
	}
}

// TestAnAmendmentAfterKeepingTheServersAmendmentGoesOnIt: with the
// server's amendment kept over the laptop's, the laptop's next amendment
// is sent on the server's version, not as a conflict.
func TestAnAmendmentAfterKeepingTheServersAmendmentGoesOnIt(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	srv := fhirserver.Shared(t)
	_, wst, first := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	lst, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := &app{settings: site.Settings{DB: laptop, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	if _, stderr, err := execute(a, (*app).historyCmd, "", first.Patient.Value); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	onWard := first
	onWard.ID, onWard.Amends, onWard.AmendReason, onWard.Clinician = record.ID{}, first.ID, "amended on the ward", "Sister Okafor"
	if err := wst.Amend(&onWard); err != nil {
		t.Fatal(err)
	}
	pushWith(t, srv.Base, wst)
	onLaptop := first
	onLaptop.ID, onLaptop.Amends, onLaptop.AmendReason = record.ID{}, first.ID, "amended on the laptop"
	if err := lst.Amend(&onLaptop); err != nil {
		t.Fatal(err)
	}
	if _, _, err := execute(a, (*app).pushCmd, ""); err == nil {
		t.Fatal("the laptop's amendment was sent over the ward's")
	}
	if out, errs, err := execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String(), "--keep-server"); err != nil {
		t.Fatalf("push --resolve --keep-server: %v\n%s%s", err, out, errs)
	}
	kept, err := lst.Current(first.ID)
	if err != nil || kept.AmendReason == "" || !strings.Contains(kept.AmendReason, "amended on the ward") {
		t.Fatalf("the laptop's current version is not the ward's amendment: %+v, %v", kept, err)
	}
	again := kept
	again.ID, again.Amends, again.AmendReason = record.ID{}, kept.ID, "amended on the laptop after looking at both"
	if err := lst.Amend(&again); err != nil {
		t.Fatal(err)
	}
	if out, errs, err := execute(a, (*app).pushCmd, ""); err != nil || !strings.Contains(out, "Sent 1 of 1") {
		t.Fatalf("push of the amendment on the kept version: %v\n%s%s", err, out, errs)
	}
	if !serverHolds(t, srv.Base, first.ID, again) {
		t.Error("the server's current version is not the laptop's amendment on the kept version")
	}
}

// TestAServerThatMovesOnPastAKeptVersionIsTakenIn: the laptop kept the
// ward's amendment (--keep-server), under the ward's own id; the ward
// amends it again on the server, and the laptop takes that in as it would
// any newer version: it is current there, with no word of a conflict, and
// can be amended. (Kept under a new id of the laptop's, the ward's next
// amendment rested on a record the laptop did not know as that one, and
// could not be taken in.)
func TestAServerThatMovesOnPastAKeptVersionIsTakenIn(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	srv := fhirserver.Shared(t)
	_, wst, first := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	lst, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := &app{settings: site.Settings{DB: laptop, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	if _, stderr, err := execute(a, (*app).historyCmd, "", first.Patient.Value); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	onWard := first
	onWard.ID, onWard.Amends, onWard.AmendReason, onWard.Clinician = record.ID{}, first.ID, "amended on the ward", "Sister Okafor"
	if err := wst.Amend(&onWard); err != nil {
		t.Fatal(err)
	}
	pushWith(t, srv.Base, wst)
	onLaptop := first
	onLaptop.ID, onLaptop.Amends, onLaptop.AmendReason = record.ID{}, first.ID, "amended on the laptop"
	if err := lst.Amend(&onLaptop); err != nil {
		t.Fatal(err)
	}
	if _, _, err := execute(a, (*app).historyCmd, "", first.Patient.Value); err != nil {
		t.Fatal(err)
	}
	if out, errs, err := execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String(), "--keep-server"); err != nil {
		t.Fatalf("push --resolve --keep-server: %v\n%s%s", err, out, errs)
	}
	kept, err := lst.Current(first.ID)
	if err != nil {
		t.Fatal(err)
	}
	again := onWard
	again.ID, again.Amends, again.AmendReason = record.ID{}, onWard.ID, "amended on the ward again"
	if err := wst.Amend(&again); err != nil {
		t.Fatal(err)
	}
	pushWith(t, srv.Base, wst)

	_, stderr, err := execute(a, (*app).historyCmd, "", first.Patient.Value)
	if err != nil || strings.Contains(stderr, "could not take in") || strings.Contains(stderr, "differs from this machine's") {
		t.Fatalf("history after the server moved past the kept version (%v):\n%s", err, stderr)
	}
	now, err := lst.Current(first.ID)
	if err != nil || now.ID != again.ID || now.Amends != kept.ID {
		t.Errorf("the laptop's current version is not the ward's latest over the kept one: %s, %v", now.ID, err)
	}
	if _, stderr, err := execute(a, (*app).amendCmd, "", now.ID.String(), "--reason", "again", "--clinician", "Dr Lap"); err != nil && strings.Contains(err.Error(), "--keep-server") {
		t.Errorf("amend of the ward's latest, taken in: %v\n%s", err, stderr)
	}
}

// TestConflictsShowWhatDiffersFieldByFieldReferralConsentsToo: two
// machines amend one assessment alike but for the patient's consent to one
// referral; push --conflicts shows that field, this machine's and the
// server's, by the referral's name, as one-line summaries that read the
// same cannot. Found with two summaries identical to the word.
func TestConflictsShowWhatDiffersFieldByFieldReferralConsentsToo(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	srv := fhirserver.Shared(t)
	_, wst, first := agreedToEverything(t)
	if len(first.Recommendation.Referrals) == 0 {
		t.Fatal("the test patient has no referral")
	}
	pushWith(t, srv.Base, wst)
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	if _, err := store.Open(laptop, store.Options{}); err != nil {
		t.Fatal(err)
	}
	a := &app{settings: site.Settings{DB: laptop, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	if _, stderr, err := execute(a, (*app).historyCmd, "", first.Patient.Value); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	lst, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	onWard := first
	onWard.ID, onWard.Amends, onWard.AmendReason = record.ID{}, first.ID, "consent asked again"
	onWard.Result = cloneWithConsent(first.Result, questionnaire.Agreed)
	last := len(onWard.Recommendation.Referrals) - 1
	onWard.Recommendation.Referrals[last].Consent = questionnaire.Declined
	if err := wst.Amend(&onWard); err != nil {
		t.Fatal(err)
	}
	pushWith(t, srv.Base, wst)
	onLaptop := first
	onLaptop.ID, onLaptop.Amends, onLaptop.AmendReason = record.ID{}, first.ID, "consent asked again"
	onLaptop.Result = cloneWithConsent(first.Result, questionnaire.Agreed)
	if err := lst.Amend(&onLaptop); err != nil {
		t.Fatal(err)
	}
	if _, _, err := execute(a, (*app).pushCmd, ""); err == nil {
		t.Fatal("the laptop's amendment was sent over the ward's")
	}
	out, _, err := execute(a, (*app).pushCmd, "", "--conflicts")
	if err != nil {
		t.Fatal(err)
	}
	name := onWard.Recommendation.Referrals[last].Name
	_, diff, ok := strings.Cut(out, "What differs")
	if !ok {
		t.Fatalf("push --conflicts does not say what differs:\n%s", out)
	}
	for _, want := range []string{"Referral " + questionnaire.Printable(name), "here:   agreed", "server: declined"} {
		if !strings.Contains(diff, want) {
			t.Errorf("push --conflicts does not show %q:\n%s", want, out)
		}
	}
	for _, l := range strings.Split(diff, "\n") {
		if w := len([]rune(l)); w > 80 {
			t.Errorf("a line of %d columns: %q", w, l)
		}
	}
}

// TestAVersionAfterKeepingTheServersIsTakenInElsewhere: the laptop keeps
// the ward's amendment (--keep-server) and then voids the assessment; the
// void is sent, and the ward, reading the server, takes it in: its history
// shows the void current, and a follow-up of the patient there is refused
// as of an assessment entered in error. Found with two machines: the kept
// version was saved under a new id of the laptop's, the void rested on
// it, and the ward said "record ... does not exist" and went on showing
// its amendment as current.
func TestAVersionAfterKeepingTheServersIsTakenInElsewhere(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	srv := fhirserver.Shared(t)
	wpath, wst, first := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	lst, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := &app{settings: site.Settings{DB: laptop, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	if _, stderr, err := execute(a, (*app).historyCmd, "", first.Patient.Value); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	onWard := first
	onWard.ID, onWard.Amends, onWard.AmendReason, onWard.Clinician = record.ID{}, first.ID, "amended on the ward", "Sister Okafor"
	if err := wst.Amend(&onWard); err != nil {
		t.Fatal(err)
	}
	pushWith(t, srv.Base, wst)
	onLaptop := first
	onLaptop.ID, onLaptop.Amends, onLaptop.AmendReason = record.ID{}, first.ID, "amended on the laptop"
	if err := lst.Amend(&onLaptop); err != nil {
		t.Fatal(err)
	}
	if _, _, err := execute(a, (*app).pushCmd, ""); err == nil {
		t.Fatal("the laptop's amendment was sent over the ward's")
	}
	if out, errs, err := execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String(), "--keep-server"); err != nil {
		t.Fatalf("push --resolve --keep-server: %v\n%s%s", err, out, errs)
	}
	kept, err := lst.Current(first.ID)
	if err != nil || kept.ID != onWard.ID {
		t.Fatalf("the kept version is not the ward's amendment under its own id %s: %s, %v", onWard.ID, kept.ID, err)
	}
	void, err := lst.Void(kept.ID, store.Voiding{Reason: "wrong patient selected", Clinician: "Dr Lap"})
	if err != nil {
		t.Fatal(err)
	}
	if out, errs, err := execute(a, (*app).pushCmd, ""); err != nil || !strings.Contains(out, "Sent 1 of 1") {
		t.Fatalf("push of the void: %v\n%s%s", err, out, errs)
	}
	if !serverHolds(t, srv.Base, first.ID, void) {
		t.Fatal("the server's current version is not the laptop's void")
	}
	ward := &app{settings: site.Settings{DB: wpath, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	out, stderr, err := execute(ward, (*app).historyCmd, "", first.Patient.Value)
	if err != nil {
		t.Fatalf("history on the ward: %v\n%s", err, stderr)
	}
	if strings.Contains(stderr, "does not exist") || strings.Contains(stderr, "differs from this machine's") || strings.Contains(stderr, "could not take in") {
		t.Errorf("the ward could not take in the laptop's void:\n%s", stderr)
	}
	if cur, err := wst.Current(first.ID); err != nil || cur.ID != void.ID {
		t.Errorf("the ward's current version is %s, not the laptop's void %s (%v)\n%s", cur.ID, void.ID, err, out)
	}
}

// TestKeepingMineOverAVoidIsSaidAndTakenInEverywhere: the ward amended
// and voided the assessment and sent both; the laptop, which had amended
// its own copy, keeps its version (--keep-mine). That undoes the ward's
// void, so it is refused, saying so, until --undo-void is given; then the
// laptop's version is sent on the server's void, and the ward and a
// machine that never saw the patient both take it in: current, with no
// word of a conflict or a version left out. Found with two machines: the
// laptop's amendment was sent as it was, resting on the first version,
// and the ward, told nothing, went on showing the void as current, while
// a fresh machine showed two versions each looking current.
func TestKeepingMineOverAVoidIsSaidAndTakenInEverywhere(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	srv := fhirserver.Shared(t)
	a, lst, first, onLaptop, void, wardPath := serverChangedPastTheLaptopFrom(t, srv)
	if _, stderr, err := execute(a, (*app).historyCmd, "", first.Patient.Value); err != nil || !strings.Contains(strings.Join(strings.Fields(stderr), " "), "could not take in") {
		t.Fatalf("history on the laptop: %v\n%s", err, stderr)
	}
	before := srv.Stats(t).QuestionnaireResponseVersions
	_, _, err := execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String(), "--keep-mine")
	if err == nil || !strings.Contains(err.Error(), "undoes that void") || !strings.Contains(err.Error(), "--undo-void") {
		t.Errorf("keep-mine over a void: %v; want it refused, saying it undoes the void", err)
	}
	if n := srv.Stats(t).QuestionnaireResponseVersions; n != before {
		t.Fatalf("keep-mine over a void, not confirmed, sent something: %d versions, had %d", n, before)
	}
	out, errs, err := execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String(), "--keep-mine", "--undo-void")
	if err != nil || !strings.Contains(out, "undoes the void") || !strings.Contains(out, "Sent 1 of 1") {
		t.Fatalf("push --resolve --keep-mine --undo-void: %v\n%s%s", err, out, errs)
	}
	kept, err := lst.Current(first.ID)
	if err != nil || kept.Amends != void.ID || kept.Status != record.Amended || !strings.Contains(kept.AmendReason, "amended on the laptop") {
		t.Fatalf("the laptop's current version is not its own, on the server's void %s: %+v, %v", void.ID, kept, err)
	}
	if !serverHolds(t, srv.Base, first.ID, kept) {
		t.Fatal("the server's current version is not the laptop's, kept")
	}
	ward := &app{settings: site.Settings{DB: wardPath, Config: a.settings.Config}}
	fresh := &app{settings: site.Settings{DB: filepath.Join(t.TempDir(), "fresh.db"), Config: a.settings.Config}}
	if _, err := store.Open(fresh.settings.DB, store.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, m := range []struct {
		name string
		a    *app
	}{{"laptop", a}, {"ward", ward}, {"a fresh machine", fresh}} {
		out, stderr, err := execute(m.a, (*app).historyCmd, "", first.Patient.Value)
		if err != nil {
			t.Fatalf("history on %s: %v\n%s", m.name, err, stderr)
		}
		for _, bad := range []string{"could not take in", "differs from this machine's", "does not exist"} {
			if strings.Contains(stderr, bad) {
				t.Errorf("history on %s says %q:\n%s", m.name, bad, stderr)
			}
		}
		st, err := store.Open(m.a.settings.DB, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		cur, err := st.Current(first.ID)
		if err != nil || cur.ID != kept.ID {
			t.Errorf("on %s the current version is %s, not the laptop's kept %s (%v)\n%s", m.name, cur.ID, kept.ID, err, out)
		}
	}
	if out, _, err := execute(ward, (*app).pushCmd, ""); err != nil || !strings.Contains(out, "Nothing to send") {
		t.Errorf("push on the ward after taking in the laptop's version: %v\n%s", err, out)
	}
}

// TestAVoidTheServerRefusesTheCredentialsOfSaysTheSettingsNeedFixing: a
// server answering 401 (a wrong or expired token) is a settings problem,
// not a passing one: void says the server refused this machine's
// credentials and that the settings need fixing first, never that it
// could not reach the server or will retry. Found with a wrong token.
func TestAVoidTheServerRefusesTheCredentialsOfSaysTheSettingsNeedFixing(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	path, st, first := agreedToEverything(t)
	pushWith(t, srv.Base, st)
	srv.Faults(t, fhirserver.Fault{Status: 401, Times: 1000})
	a := &app{settings: site.Settings{DB: path, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	out, stderr, err := execute(a, (*app).voidCmd, "", first.ID.String(), "--reason", "wrong patient", "--clinician", "Dr Fix")
	if err != nil {
		t.Fatalf("void: %v\n%s", err, stderr)
	}
	said := out + stderr
	for _, bad := range []string{"will retry", "could not reach"} {
		if strings.Contains(said, bad) {
			t.Errorf("void with the server refusing the credentials says %q:\n%s", bad, said)
		}
	}
	for _, want := range []string{"refused this machine's credentials (401)", "need fixing first", "Not sent: record "} {
		if !strings.Contains(said, want) {
			t.Errorf("void with the server refusing the credentials does not say %q:\n%s", want, said)
		}
	}
}

// TestAVersionAnotherMachineSentToASecondServerIsAcceptedThere: the
// laptop read the ward's assessment from the first server, amended it,
// and pushed both to a second server; the ward's push of its own first
// version to the second server finds it there, in the resource's history
// under the laptop's amendment: accepted, no conflict, nothing sent again.
// Found with two servers: it was called a conflict, and keeping the
// ward's version sent it again over the laptop's.
func TestAVersionAnotherMachineSentToASecondServerIsAcceptedThere(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	one, two := fhirserver.Start(t), fhirserver.Start(t)
	wpath, wst, first := agreedToEverything(t)
	pushWith(t, one.Base, wst)
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	lst, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", one.Base); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	onLaptop := first
	onLaptop.ID, onLaptop.Amends, onLaptop.AmendReason = record.ID{}, first.ID, "amended on the laptop"
	if err := lst.Amend(&onLaptop); err != nil {
		t.Fatal(err)
	}
	pushWith(t, two.Base, lst)
	if !serverHolds(t, two.Base, first.ID, onLaptop) {
		t.Fatal("the second server does not hold the laptop's amendment")
	}
	c, err := fhirclient.New(fhirclient.Config{Base: two.Base, Timeout: 5 * time.Second, Attempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	hist := func() int {
		h, err := c.History(context.Background(), "QuestionnaireResponse", first.ID.String())
		if err != nil {
			t.Fatal(err)
		}
		return len(h)
	}
	before := hist()
	ward := &app{settings: site.Settings{DB: wpath}}
	out, stderr, err := execute(ward, (*app).pushCmd, "", "--server", two.Base)
	if err != nil || strings.Contains(out+stderr, "conflict") {
		t.Errorf("the ward's push to the second server: %v\n%s%s", err, out, stderr)
	}
	if n := hist(); n != before || !serverHolds(t, two.Base, first.ID, onLaptop) {
		t.Errorf("the second server holds %d versions of the assessment, had %d, or the laptop's is no longer current: the ward's first version was sent again", n, before)
	}
	if k, err := wst.Conflicts(two.Base); err != nil || len(k) != 0 {
		t.Errorf("the ward's store holds conflicts with the second server: %v, %v", k, err)
	}
	if _, ok, err := wst.PushedVersion(two.Base, first.ID); err != nil || !ok {
		t.Errorf("the ward's first version is not noted accepted by the second server: %v", err)
	}
}

// TestASummaryOfTheServerWarnsOnlyOfWhatItCouldNotCount: a server whose
// history holds a version another machine settled a conflict over (the
// ward's amendment, left in the history under the laptop's kept one, as a
// keep-mine sent it before it was saved again on the server's version) is
// summarised with no warning, counting the server's current version: the
// one superseded elsewhere is no version of the assessment as the server
// holds it. The cache took in that older branch first, counted it as
// current, and warned on every summary that the server's current version
// was left out and read again next time.
func TestASummaryOfTheServerWarnsOnlyOfWhatItCouldNotCount(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	_, wst, first := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	lst, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	onWard := first
	onWard.ID, onWard.Amends, onWard.AmendReason, onWard.Clinician = record.ID{}, first.ID, "amended on the ward", "Sister Okafor"
	if err := wst.Amend(&onWard); err != nil {
		t.Fatal(err)
	}
	pushWith(t, srv.Base, wst)
	onLaptop := first
	onLaptop.ID, onLaptop.Amends, onLaptop.AmendReason = record.ID{}, first.ID, "amended on the laptop"
	if err := lst.Amend(&onLaptop); err != nil {
		t.Fatal(err)
	}
	if c, err := fhirclient.New(fhirclient.Config{Base: srv.Base, Timeout: 20 * time.Second, Attempts: 2}); err != nil {
		t.Fatal(err)
	} else if _, err := push.Run(context.Background(), lst, c, push.Options{}); err == nil {
		t.Fatal("the laptop's amendment was sent over the ward's")
	}
	if _, err := lst.SettleConflict(srv.Base, onLaptop.ID); err != nil {
		t.Fatal(err)
	}
	pushWith(t, srv.Base, lst) // sent as it was, on the ward's version
	if !serverHolds(t, srv.Base, first.ID, onLaptop) {
		t.Fatal("the server does not hold the laptop's amendment over the ward's")
	}
	qi := &app{settings: site.Settings{DB: filepath.Join(t.TempDir(), "qi.db")}}
	for run := range 2 {
		out, stderr, err := execute(qi, (*app).summaryCmd, "", "--server", srv.Base)
		if err != nil {
			t.Fatalf("summary --server: %v\n%s", err, stderr)
		}
		if strings.Contains(stderr, "left out") || strings.Contains(stderr, "read again next time") {
			t.Errorf("summary --server, run %d, warns of versions left out though every current one is counted:\n%s%s", run+1, stderr, out)
		}
	}
	cache, err := qi.serverCache(srv.Base)
	if err != nil {
		t.Fatal(err)
	}
	if cur, err := cache.Current(first.ID); err != nil || cur.ID != onLaptop.ID {
		t.Errorf("the cache counts %s as the assessment's current version, not the server's current %s (%v)", cur.ID, onLaptop.ID, err)
	}
}

// TestTwoVoidsOfOneAssessmentAgree: the ward and the laptop each void the
// same assessment; the laptop's push finds the ward's void on the server:
// the same outcome, said as agreed, not a conflict to settle by hand; the
// server's void is current on the laptop and nothing is sent over it.
func TestTwoVoidsOfOneAssessmentAgree(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	srv := fhirserver.Shared(t)
	_, wst, first := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	lst, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := &app{settings: site.Settings{DB: laptop, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	if _, stderr, err := execute(a, (*app).historyCmd, "", first.Patient.Value); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	wardVoid, err := wst.Void(first.ID, store.Voiding{Reason: "wrong patient selected", Clinician: "Sister Okafor"})
	if err != nil {
		t.Fatal(err)
	}
	pushWith(t, srv.Base, wst)
	if _, err := lst.Void(first.ID, store.Voiding{Reason: "duplicate", Clinician: "Dr Lap"}); err != nil {
		t.Fatal(err)
	}
	before := srv.Stats(t).QuestionnaireResponseVersions
	out, errs, err := execute(a, (*app).pushCmd, "")
	if err != nil || !strings.Contains(out, "no conflict") {
		t.Errorf("push of a second void: %v; want it said as agreed\n%s%s", err, out, errs)
	}
	if k, err := lst.Conflicts(srv.Base); err != nil || len(k) != 0 {
		t.Errorf("the laptop holds conflicts after two voids: %v, %v", k, err)
	}
	if cur, err := lst.Current(first.ID); err != nil || cur.ID != wardVoid.ID || cur.Status != record.EnteredInError {
		t.Errorf("the laptop's current version is %s, not the ward's void %s (%v)", cur.ID, wardVoid.ID, err)
	}
	if n := srv.Stats(t).QuestionnaireResponseVersions; n != before {
		t.Errorf("the server holds %d versions, had %d", n, before)
	}
	if out, _, err := execute(a, (*app).pushCmd, ""); err != nil || !strings.Contains(out, "Nothing to send") {
		t.Errorf("push after two voids agreed: %v\n%s", err, out)
	}
}

// The ward PC voids an assessment the laptop has amended since reading it:
// push, the saved screen and history say the server holds it entered in
// error, by whom and why, not only that it "was changed" or holds "a
// newer state" while the laptop shows its amendment as current.
func TestAConflictWithAVoidOnTheServerSaysItIsEnteredInError(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	_, wst, first := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	lst, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	if _, err := wst.Void(first.ID, store.Voiding{Clinician: "Sister Okafor", Reason: "wrong patient chosen"}); err != nil {
		t.Fatal(err)
	}
	pushWith(t, srv.Base, wst)
	onLaptop := first
	onLaptop.ID, onLaptop.Amends, onLaptop.AmendReason = record.ID{}, first.ID, "amended on the laptop"
	if err := lst.Amend(&onLaptop); err != nil {
		t.Fatal(err)
	}
	a := &app{settings: site.Settings{DB: laptop, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	res := pushResult(a.pushAfterSave(lst)(onLaptop))
	if res.Sent || !strings.Contains(res.Why, "entered in error") || !strings.Contains(res.Why, "wrong patient chosen") {
		t.Errorf("the saved screen is told %+v; want the server's void said", res)
	}
	if !res.Conflict || !res.EnteredInError || strings.HasPrefix(res.Why, prompt.EnteredInError) {
		t.Errorf("the saved screen is told %+v; want a conflict whose note is held back (EnteredInError)", res)
	}
	_, _, err = execute(a, (*app).pushCmd, "")
	if err == nil || !strings.Contains(said(err), "ENTERED IN ERROR: voided on another machine by Sister Okafor, reason: wrong patient chosen") {
		t.Errorf("push: %v; want the server's void said", err)
	}
	out, _, err := execute(a, (*app).historyCmd, "", first.Patient.Value)
	if err != nil || !strings.Contains(out, "ENTERED IN ERROR") {
		t.Errorf("history: %v\n%s; want the server's void said", err, out)
	}
}

// A conflict settled on one server (--keep-mine or --keep-server) leaves
// this machine's versions on other parents than that server holds them:
// the version kept over is set aside, and the server's version is taken
// in on this machine's. Sent as this machine holds them, they gave a
// second server a forked history; refused, the second server got the
// assessment from no one. Now the second server is sent the line the
// first holds: the same versions, in the same order, each once, the same
// content, the same current version, and a second push sends nothing.
func TestALineSettledWithOneServerIsSentToAnotherAsTheFirstHoldsIt(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	for _, keep := range []string{"--keep-mine", "--keep-server"} {
		t.Run(keep, func(t *testing.T) {
			srv := fhirserver.Start(t)
			_, wst, first := agreedToEverything(t)
			pushWith(t, srv.Base, wst)
			laptop := filepath.Join(t.TempDir(), "laptop.db")
			lst, err := store.Open(laptop, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if _, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil {
				t.Fatalf("history: %v\n%s", err, stderr)
			}
			onWard := first
			onWard.ID, onWard.Amends, onWard.AmendReason, onWard.Clinician = record.ID{}, first.ID, "amended on the ward", "Sister Okafor"
			if err := wst.Amend(&onWard); err != nil {
				t.Fatal(err)
			}
			pushWith(t, srv.Base, wst)
			onLaptop := first
			onLaptop.ID, onLaptop.Amends, onLaptop.AmendReason = record.ID{}, first.ID, "amended on the laptop"
			if err := lst.Amend(&onLaptop); err != nil {
				t.Fatal(err)
			}
			a := &app{settings: site.Settings{DB: laptop, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
			execute(a, (*app).pushCmd, "")
			if out, _, err := execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String(), keep); err != nil {
				t.Fatalf("push --resolve %s: %v\n%s", keep, err, out)
			}

			two := fhirserver.Start(t)
			if out, errs, err := execute(a, (*app).pushCmd, "", "--server", two.Base); err != nil {
				t.Fatalf("push to a second server: %v\n%s%s", err, out, errs)
			}
			onOne, onTwo := serverLine(t, srv.Base, first.ID), serverLine(t, two.Base, first.ID)
			if len(onTwo) != len(onOne) {
				t.Fatalf("the second server holds %d versions %v; the first holds %d %v", len(onTwo), ids(onTwo), len(onOne), ids(onOne))
			}
			for i := range onOne {
				if !reflect.DeepEqual(onOne[i], onTwo[i]) {
					t.Errorf("version %d differs between the servers:\n first:  %+v\n second: %+v", i+1, onOne[i], onTwo[i])
				}
			}
			cur, err := lst.Current(first.ID)
			if err != nil || onTwo[len(onTwo)-1].ID != cur.ID {
				t.Errorf("the second server's current version is %s; this machine's is %s (%v)", onTwo[len(onTwo)-1].ID, cur.ID, err)
			}
			before := two.Stats(t).QuestionnaireResponseVersions
			if out, errs, err := execute(a, (*app).pushCmd, "", "--server", two.Base); err != nil || !strings.Contains(out, "Nothing to send") {
				t.Errorf("a second push to the second server: %v\n%s%s", err, out, errs)
			}
			if n := two.Stats(t).QuestionnaireResponseVersions; n != before {
				t.Errorf("a second push sent %d versions more", n-before)
			}
		})
	}
}

// A second server that already holds a line of its own, different from
// the first's (this machine's amendment, sent there before the first
// server's conflict was found and settled), is not overwritten nor
// forked: the first server's line meets it as a conflict, said as
// plainly as on the first server, and nothing there is changed.
func TestASecondServerHoldingAnotherLineGetsAConflictNotAFork(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	_, wst, first := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	lst, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	onWard := first
	onWard.ID, onWard.Amends, onWard.AmendReason, onWard.Clinician = record.ID{}, first.ID, "amended on the ward", "Sister Okafor"
	if err := wst.Amend(&onWard); err != nil {
		t.Fatal(err)
	}
	pushWith(t, srv.Base, wst)
	onLaptop := first
	onLaptop.ID, onLaptop.Amends, onLaptop.AmendReason = record.ID{}, first.ID, "amended on the laptop"
	if err := lst.Amend(&onLaptop); err != nil {
		t.Fatal(err)
	}
	a := &app{settings: site.Settings{DB: laptop, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	two := fhirserver.Start(t)
	if out, errs, err := execute(a, (*app).pushCmd, "", "--server", two.Base); err != nil {
		t.Fatalf("push to the second server first: %v\n%s%s", err, out, errs)
	}
	execute(a, (*app).pushCmd, "")
	if out, _, err := execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String(), "--keep-mine"); err != nil {
		t.Fatalf("push --resolve --keep-mine: %v\n%s", err, out)
	}
	before := serverLine(t, two.Base, first.ID)
	_, _, err = execute(a, (*app).pushCmd, "", "--server", two.Base)
	if err == nil || !strings.Contains(said(err), "conflict") || !strings.Contains(said(err), "assessment "+first.ID.String()) ||
		!strings.Contains(said(err), "Nothing on the server was overwritten") {
		t.Fatalf("push to a second server holding another line: %v; want a conflict said plainly", err)
	}
	if !strings.Contains(said(err), "holds assessment "+first.ID.String()+" as this machine sent it before") || strings.Contains(said(err), "another machine;") {
		t.Errorf("push to a second server holding this machine's own line: %v; want that said, not a change on another machine", err)
	}
	if after := serverLine(t, two.Base, first.ID); !reflect.DeepEqual(before, after) {
		t.Errorf("the second server's line was changed from %v to %v", ids(before), ids(after))
	}
	// Settled there as on the first, keeping this machine's version: the
	// second server's current version is the first's.
	if out, errs, err := execute(a, (*app).pushCmd, "", "--server", two.Base, "--resolve", onWard.ID.String(), "--keep-mine"); err != nil {
		t.Fatalf("push --resolve --keep-mine on the second server: %v\n%s%s", err, out, errs)
	}
	if out, errs, err := execute(a, (*app).pushCmd, "", "--server", two.Base); err != nil {
		t.Fatalf("push to the second server after settling: %v\n%s%s", err, out, errs)
	}
	onOne, onTwo := serverLine(t, srv.Base, first.ID), serverLine(t, two.Base, first.ID)
	if onTwo[len(onTwo)-1].ID != onOne[len(onOne)-1].ID {
		t.Errorf("the second server's current version is %s, the first's %s", onTwo[len(onTwo)-1].ID, onOne[len(onOne)-1].ID)
	}
}

// A store whose conflict was settled by a digicheck that kept neither the
// mark of the server's version taken in (from 8aa9d90 until c7f0e07) nor
// that version as the server holds it: a push to a second server cannot
// send the line as the first holds it, so it refuses it, naming the
// command that mends it; a push to the first server reads the server's
// version again; then the second server is sent the first's line.
func TestALineSettledByAnOlderDigicheckIsSentElsewhereOnceTheFirstServerIsReadAgain(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	_, wst, first := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	lst, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	onWard := first
	onWard.ID, onWard.Amends, onWard.AmendReason, onWard.Clinician = record.ID{}, first.ID, "amended on the ward", "Sister Okafor"
	if err := wst.Amend(&onWard); err != nil {
		t.Fatal(err)
	}
	pushWith(t, srv.Base, wst)
	onLaptop := first
	onLaptop.ID, onLaptop.Amends, onLaptop.AmendReason = record.ID{}, first.ID, "amended on the laptop"
	if err := lst.Amend(&onLaptop); err != nil {
		t.Fatal(err)
	}
	a := &app{settings: site.Settings{DB: laptop, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	execute(a, (*app).pushCmd, "")
	if out, _, err := execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String(), "--keep-mine"); err != nil {
		t.Fatalf("push --resolve --keep-mine: %v\n%s", err, out)
	}
	olderStore(t, laptop, first.ID)

	two := fhirserver.Start(t)
	_, _, err = execute(a, (*app).pushCmd, "", "--server", two.Base)
	if err == nil || !strings.Contains(err.Error(), "digicheck push --server "+srv.Base) {
		t.Fatalf("push to a second server: %v; want the line refused, naming the push that mends it", err)
	}
	if n := two.Stats(t).QuestionnaireResponseVersions; n != 0 {
		t.Fatalf("the second server was sent %d versions of a line it cannot be sent whole", n)
	}
	if out, errs, err := execute(a, (*app).pushCmd, ""); err != nil {
		t.Fatalf("push to the first server: %v\n%s%s", err, out, errs)
	}
	if out, errs, err := execute(a, (*app).pushCmd, "", "--server", two.Base); err != nil {
		t.Fatalf("push to the second server after: %v\n%s%s", err, out, errs)
	}
	onOne, onTwo := serverLine(t, srv.Base, first.ID), serverLine(t, two.Base, first.ID)
	if !reflect.DeepEqual(onOne, onTwo) {
		t.Errorf("the servers hold different lines:\n first:  %v\n second: %v", ids(onOne), ids(onTwo))
	}
}

// olderStore leaves the store at path as a digicheck before the marks of
// versions taken in left it: no such marks, no server's version kept as
// the server holds it, and the copy read from the server that the first
// version of assessment is set aside with this machine's.
func olderStore(t *testing.T, path string, assessment record.ID) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(func(tx *bolt.Tx) error {
		p := tx.Bucket([]byte("push"))
		return p.ForEachBucket(func(k []byte) error {
			b := p.Bucket(k)
			for _, name := range []string{"rebased", "taken"} {
				if b.Bucket([]byte(name)) != nil {
					if err := b.DeleteBucket([]byte(name)); err != nil {
						return err
					}
				}
			}
			if a := b.Bucket([]byte("set-aside")); a != nil {
				return a.Put([]byte(assessment.String()), []byte("2"))
			}
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
}

// said is what err says, its words as one line: push wraps what it says
// to the terminal's width.
func said(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }

// serverLine reads the history of assessment id on the server at base,
// oldest first, as the records its versions carry.
func serverLine(t *testing.T, base string, id record.ID) []record.Record {
	t.Helper()
	c, err := fhirclient.New(fhirclient.Config{Base: base, Timeout: 20 * time.Second, Attempts: 2})
	if err != nil {
		t.Fatal(err)
	}
	hist, err := c.History(context.Background(), "QuestionnaireResponse", id.String())
	if err != nil {
		t.Fatal(err)
	}
	var out []record.Record
	for i := len(hist) - 1; i >= 0; i-- {
		r, ok, err := fhir.RecordIn(hist[i].JSON)
		if err != nil || !ok {
			t.Fatalf("version %s of %s: no record (%v)", hist[i].VersionID, id, err)
		}
		out = append(out, r)
	}
	return out
}

func ids(rs []record.Record) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.ID.String())
	}
	return out
}
