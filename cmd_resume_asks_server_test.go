//go:build !windows

package main

import (
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// laptopWithAmendmentDraft: the ward saved an assessment and pushed it;
// the laptop read it from the server and left an amendment of it
// unfinished, as a draft. The laptop then read nothing more from the
// server. It returns the laptop's app (its site naming the server), the
// ward's store and the assessment.
func laptopWithAmendmentDraft(t *testing.T, dir string, srv *fhirserver.Server) (*app, *store.Store, record.Record) {
	t.Helper()
	a, wst, first := laptopReadFromServer(t, dir, srv)
	if _, _, err := execute(a, (*app).amendCmd, "\n\n5\n\n", first.ID.String(), "--reason", "worry misheard", "--clinician", "Nurse m2"); err == nil {
		t.Fatal("an amendment whose input ended was not reported unfinished")
	}
	lst, err := store.Open(a.settings.DB, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ds, err := lst.ListDrafts(0); err != nil || len(ds) != 1 || ds[0].Amends != first.ID {
		t.Fatalf("drafts %+v (%v); want one amending %s", ds, err, first.ID)
	}
	return a, wst, first
}

// TestResumingAnAmendmentDraftAsksTheServerFirst: an amendment draft was
// left on the laptop; another machine then amended the assessment, or
// marked it entered in error, and sent that to the FHIR server. The
// laptop had not read the server since: the resume went on from the
// version the draft started on, and the save stood in conflict with the
// server, with its note offered "to paste". digicheck amend asks the
// server first; resuming the draft does too, and refuses, saying why and
// what to do, as it does when this machine already knows.
func TestResumingAnAmendmentDraftAsksTheServerFirst(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	for _, tc := range []struct {
		name string
		move func(t *testing.T, wst *store.Store, first record.Record) record.Record
		want []string
	}{
		{"amended on another machine", amendedElsewhere, []string{"cannot be amended: it was amended since this draft was started, by Nurse m1", "is the assessment's current version", "digicheck amend "}},
		{"voided on another machine", voidedElsewhere, []string{"cannot be amended: its assessment was marked entered in error by Nurse m1", "because: wrong patient", "nothing to amend"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			a, wst, first := laptopWithAmendmentDraft(t, dir, srv)
			cur := tc.move(t, wst, first)
			pushWith(t, srv.Base, wst)

			// The plain prompts: the draft chosen, resume; refused, the
			// list again; the input ends.
			out, stderr, _ := execute(a, newFromInput, "2\n3\n", "--drafts-from-input")
			all := strings.Join(strings.Fields(out+stderr), " ")
			want := append([]string{"Asking the FHIR server", "Not resumed: record " + first.ID.String()[:13], "Nothing was saved; the draft is kept"}, tc.want...)
			for _, w := range want {
				if !strings.Contains(all, w) {
					t.Errorf("the plain prompts do not say %q:\n%s%s", w, out, stderr)
				}
			}
			for _, w := range []string{"Resuming the assessment", "AMENDED", "Saved"} {
				if strings.Contains(all, w) {
					t.Errorf("the plain prompts say %q:\n%s%s", w, out, stderr)
				}
			}
			lst, err := store.Open(filepath.Join(dir, "digicheck.db"), store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := lst.Get(cur.ID); err != nil {
				t.Errorf("the other machine's %s was not read from the server: %v", cur.ID, err)
			}
			if ds, _ := lst.ListDrafts(0); len(ds) != 1 {
				t.Errorf("%d drafts, want the one kept", len(ds))
			}
		})
	}
}

// TestResumingAnAmendmentDraftOnTheFullScreenAsksTheServerFirst: the same
// on the full screen: enter on the draft asks the server, and says why it
// is not resumed; the draft stays.
func TestResumingAnAmendmentDraftOnTheFullScreenAsksTheServerFirst(t *testing.T) {
	testkit.EndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	dir := t.TempDir()
	a, wst, first := laptopWithAmendmentDraft(t, dir, srv)
	amendedElsewhere(t, wst, first)
	pushWith(t, srv.Base, wst)
	tm := resumeOnFullScreen(t, dir, a)
	tm.waitFor("Not resumed")
	s := strings.Join(strings.Fields(tm.vt.Screen()), " ")
	for _, want := range []string{"cannot be amended: it was amended since this draft was started, by Nurse m1", "the draft is kept"} {
		if !strings.Contains(s, want) {
			t.Errorf("the screen does not say %q:\n%s", want, tm.vt.Screen())
		}
	}
	tm.quitKeeping("Discard")
	if got := draftsIn(t, dir); len(got) != 1 {
		t.Errorf("drafts: %v, want the one kept", got)
	}
}

// TestResumingAnAmendmentDraftOfflineGoesOnSayingSo: with the FHIR server
// out of reach, the draft is resumed as before, and the clinician is told
// that the server could not be asked, so what is amended may not be the
// latest.
func TestResumingAnAmendmentDraftOfflineGoesOnSayingSo(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	a, first, down := draftLeftOffline(t, laptopWithAmendmentDraft)
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

// TestAmendResumingItsDraftAsksTheServerOnce: digicheck amend asks the
// FHIR server before it offers the draft of that amendment; resuming the
// draft then does not ask again (a server out of reach was waited for
// twice, and said twice).
func TestAmendResumingItsDraftAsksTheServerOnce(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	a, first, _ := draftLeftOffline(t, laptopWithAmendmentDraft)
	out, stderr, _ := execute(a, withDraftsFromInput((*app).amendCmd), "2\n3\n", first.ID.String(), "--reason", "worry misheard", "--clinician", "Nurse m2", "--drafts-from-input")
	all := strings.Join(strings.Fields(out+stderr), " ")
	if !strings.Contains(all, "Resuming the assessment") {
		t.Fatalf("the draft was not resumed:\n%s%s", out, stderr)
	}
	if n := strings.Count(all, "Asking the FHIR server"); n != 1 {
		t.Errorf("the server was asked %d times, want once:\n%s%s", n, out, stderr)
	}
}
