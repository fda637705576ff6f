//go:build !windows

package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// laptopWithFollowUpDraft: the ward saved an assessment and pushed it;
// the laptop read it from the server and left a follow-up of it
// unfinished, as a draft with every section answered. The laptop then
// read nothing more from the server. It returns the laptop's app (its
// site naming the server), the ward's store and the assessment.
func laptopWithFollowUpDraft(t *testing.T, dir string, srv *fhirserver.Server) (*app, *store.Store, record.Record) {
	t.Helper()
	a, wst, first := laptopReadFromServer(t, dir, srv)
	lst, err := store.Open(a.settings.DB, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fu := testkit.Assessed(t, testkit.Included(nil))
	d := store.Draft{}
	d.Patient, d.FollowsUp, d.Clinician, d.Team = first.Patient, first.ID, "Nurse m2", "Ward 7"
	d.InstrumentVersion, d.Answers = fu.InstrumentVersion, fu.Answers
	if err := lst.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	if err := lst.ReleaseDrafts(); err != nil {
		t.Fatal(err)
	}
	return a, wst, first
}

// followedUpElsewhere saves on the ward's store a follow-up of first, by
// Nurse m1.
func followedUpElsewhere(t *testing.T, wst *store.Store, first record.Record) record.Record {
	t.Helper()
	fu := testkit.Assessed(t, testkit.Included(nil))
	fu.ID, fu.Patient, fu.FollowsUp, fu.Clinician = record.ID{}, first.Patient, first.ID, "Nurse m1"
	if err := wst.Save(&fu); err != nil {
		t.Fatal(err)
	}
	return fu
}

// resumeAndSave is the plain prompts' input that resumes the one draft
// listed, confirms its answers and saves it.
const resumeAndSave = "2\n3\n1\n1\n"

// TestResumingAFollowUpDraftAsksTheServerFirst: a follow-up draft was
// left on the laptop; another machine then amended the assessment it
// follows up, marked it entered in error, or followed the patient up, and
// sent that to the FHIR server. The laptop had not read the server since:
// the resume went on from the version the draft started on, and the
// follow-up was saved on a stale base (in conflict with the server, or
// a second follow-up of one assessment). Resuming now asks the server
// first, as amend and an amendment's draft do: refused when the
// assessment was voided or followed up since, saying why and what to do;
// when it was amended since, said plainly, and the follow-up saved on the
// amendment and compared with it.
func TestResumingAFollowUpDraftAsksTheServerFirst(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	for _, tc := range []struct {
		name    string
		move    func(t *testing.T, wst *store.Store, first record.Record) record.Record
		resumed bool
		want    []string
	}{
		{"amended on another machine", amendedElsewhere, true, []string{"was amended since this draft was started, by Nurse m1", "this follow-up is compared with the amended version (record ", "Resuming the assessment", "Saved 1 assessment"}},
		{"voided on another machine", voidedElsewhere, false, []string{"cannot be followed up: its assessment was marked entered in error by Nurse m1", "because: wrong patient", "nothing to follow up"}},
		{"followed up on another machine", followedUpElsewhere, false,
			[]string{"cannot be followed up: the patient was followed up since this draft was started, by Nurse m1", "digicheck followup " + strings.ReplaceAll(testkit.NHSNumber, " ", "")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			a, wst, first := laptopWithFollowUpDraft(t, dir, srv)
			cur := tc.move(t, wst, first)
			pushWith(t, srv.Base, wst)

			out, stderr, _ := execute(a, newFromInput, resumeAndSave, "--drafts-from-input")
			all := asPrinted13(strings.Join(strings.Fields(out+stderr), " "), first.ID, cur.ID)
			want := append([]string{"Asking the FHIR server"}, tc.want...)
			if !tc.resumed {
				want = append(want, "Not resumed: record "+first.ID.String()[:13], "Nothing was saved; the draft is kept")
			}
			for _, w := range want {
				if !strings.Contains(all, w) {
					t.Errorf("the plain prompts do not say %q:\n%s%s", w, out, stderr)
				}
			}
			lst, err := store.Open(filepath.Join(dir, "digicheck.db"), store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := lst.Get(cur.ID); err != nil {
				t.Errorf("the other machine's %s was not read from the server: %v", cur.ID, err)
			}
			ds, _ := lst.ListDrafts(0)
			if !tc.resumed {
				if strings.Contains(all, "Resuming the assessment") || strings.Contains(all, "Saved") {
					t.Errorf("the draft was resumed:\n%s%s", out, stderr)
				}
				if len(ds) != 1 {
					t.Errorf("%d drafts, want the one kept", len(ds))
				}
				return
			}
			if strings.Contains(all, "Not sent") || strings.Contains(all, "NOTE HELD BACK") {
				t.Errorf("the follow-up was not sent:\n%s%s", out, stderr)
			}
			if len(ds) != 0 {
				t.Errorf("%d drafts left after the save", len(ds))
			}
			hist, err := lst.History(first.Patient)
			if err != nil {
				t.Fatal(err)
			}
			var saved *record.Record
			for i := range hist {
				if hist[i].Clinician == "Nurse m2" && !hist[i].FollowsUp.IsZero() {
					saved = &hist[i]
				}
			}
			switch {
			case saved == nil:
				t.Fatalf("no follow-up saved:\n%s%s", out, stderr)
			case saved.FollowsUp != cur.ID:
				t.Errorf("the follow-up follows up %s, want the amendment %s", saved.FollowsUp, cur.ID)
			case saved.Change == nil || saved.Change.Since != cur.ID:
				t.Errorf("the follow-up is compared with %+v, want the amendment %s", saved.Change, cur.ID)
			}
		})
	}
}

// TestResumingAFollowUpDraftOnTheFullScreenAsksTheServerFirst: the same
// on the full screen: enter on the draft asks the server; the assessment
// it follows up was amended on another machine, and the screen says so,
// and what the follow-up is compared with, as the draft opens.
func TestResumingAFollowUpDraftOnTheFullScreenAsksTheServerFirst(t *testing.T) {
	testkit.EndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	dir := t.TempDir()
	a, wst, first := laptopWithFollowUpDraft(t, dir, srv)
	amendedElsewhere(t, wst, first)
	pushWith(t, srv.Base, wst)
	tm := resumeOnFullScreen(t, dir, a)
	tm.waitFor("Resumed")
	s := strings.Join(strings.Fields(tm.vt.Screen()), " ")
	for _, want := range []string{"was amended since this draft was started, by Nurse m1", "compared with the amended version"} {
		if !strings.Contains(s, want) {
			t.Errorf("the screen does not say %q:\n%s", want, tm.vt.Screen())
		}
	}
	if strings.Contains(s, "Not resumed") {
		t.Errorf("the draft was not resumed:\n%s", tm.vt.Screen())
	}
	tm.keys("ctrl+c")
	tm.waitFor("Discard this follow-up")
	time.Sleep(1500 * time.Millisecond) // keys after a refused one are held
	tm.keys("k")
	tm.exited()
	if got := draftsIn(t, dir); len(got) != 1 {
		t.Errorf("drafts: %v, want the one kept", got)
	}
}

// TestResumingAFollowUpDraftOfflineGoesOnSayingSo: with the FHIR server
// out of reach, the follow-up's draft is resumed, on what this machine
// holds, and the clinician is told the server could not be asked.
func TestResumingAFollowUpDraftOfflineGoesOnSayingSo(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	a, first, down := draftLeftOffline(t, laptopWithFollowUpDraft)
	out, stderr, _ := execute(a, newFromInput, "2\n3\n", "--drafts-from-input")
	all := strings.Join(strings.Fields(out+stderr), " ")
	for _, w := range []string{"could not reach the FHIR server " + down, "this machine's record of patient " + first.Patient.String() + " only", "Resuming the assessment"} {
		if !strings.Contains(all, w) {
			t.Errorf("the plain prompts do not say %q:\n%s%s", w, out, stderr)
		}
	}
	if strings.Contains(all, "Not resumed") {
		t.Errorf("the draft was not resumed offline:\n%s%s", out, stderr)
	}
}

// TestFollowupResumingItsDraftAsksTheServerOnce: digicheck followup asks
// the FHIR server before it offers the follow-up's draft; resuming the
// draft does not ask again (a server out of reach waited for twice).
func TestFollowupResumingItsDraftAsksTheServerOnce(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	a, first, _ := draftLeftOffline(t, laptopWithFollowUpDraft)
	out, stderr, _ := execute(a, withDraftsFromInput((*app).followupCmd), "2\n3\n", first.Patient.Value, "--drafts-from-input")
	all := strings.Join(strings.Fields(out+stderr), " ")
	if !strings.Contains(all, "Resuming the assessment") {
		t.Fatalf("the draft was not resumed:\n%s%s", out, stderr)
	}
	if n := strings.Count(all, "Asking the FHIR server"); n != 1 {
		t.Errorf("the server was asked %d times, want once:\n%s%s", n, out, stderr)
	}
}
