package remote_test

import (
	"context"
	"errors"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/fhirclient"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/remote"
	"digicheck/store"
)

// newStore is an empty store in the test's folder.
func newStore(t *testing.T, name string) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), name+".db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func client(t testing.TB, srv *fhirserver.Server) *fhirclient.Client {
	t.Helper()
	c, err := fhirclient.New(fhirclient.Config{Base: srv.Base, Timeout: 10 * time.Second, Attempts: 2})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func save(t *testing.T, st *store.Store, r *record.Record) {
	t.Helper()
	if err := st.Save(r); err != nil {
		t.Fatal(err)
	}
}

// TestAFollowUpOnAnotherMachineLinksToTheBaselineThroughTheServer: a
// baseline saved and amended on one machine and sent to the server is read
// on a second machine that never saw it, every version, kept there as
// copies marked as from the server; a follow-up saved there links to it and
// compares with it; and the first machine, reading the patient back, gets
// the follow-up, linked to its own baseline.
func TestAFollowUpOnAnotherMachineLinksToTheBaselineThroughTheServer(t *testing.T) {
	srv := fhirserver.Start(t)
	c := client(t, srv)
	ctx := context.Background()
	a, b := newStore(t, "ward"), newStore(t, "community")

	base := testkit.Assessed(t, testkit.Offline(nil))
	save(t, a, &base)
	amended := base
	amended.ID, amended.Time, amended.Amends, amended.AmendReason = record.ID{}, time.Time{}, base.ID, "typo in the devices"
	amended.Answers = testkit.Offline(questionnaire.Answers{questionnaire.LinkDevices: {questionnaire.DevBasicMob}})
	res, err := questionnaire.V1.Assess(amended.Answers, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	amended.Result = res
	if err := a.Amend(&amended); err != nil {
		t.Fatal(err)
	}
	other := testkit.Assessed(t, testkit.Included(nil))
	other.Patient = record.PatientID{Kind: record.NHSNumber, Value: "9990000026"}
	save(t, a, &other)
	fhirserver.SendStore(t, c.Base(), a)

	// The second machine has nothing for the patient.
	if _, err := b.Latest(base.Patient); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the second store already has the patient: %v", err)
	}
	copies, skipped, err := remote.Patient(ctx, c, base.Patient, "")
	if err != nil || len(skipped) != 0 {
		t.Fatalf("Patient: %v, skipped %v", err, skipped)
	}
	if len(copies) != 2 || copies[0].Record.ID != base.ID || copies[1].Record.ID != amended.ID {
		t.Fatalf("read %d versions, want the baseline and its amendment in order: %+v", len(copies), copies)
	}
	if copies[1].Assessment != base.ID || copies[1].ServerVersion == "" {
		t.Errorf("amendment read as assessment %s version %q, want %s", copies[1].Assessment, copies[1].ServerVersion, base.ID)
	}
	saved, refused, err := remote.Import(b, c.Base(), copies)
	if err != nil || len(refused) != 0 || len(saved) != 2 {
		t.Fatalf("Import: saved %d, refused %v, %v", len(saved), refused, err)
	}
	latest, err := b.Latest(base.Patient)
	if err != nil || latest.ID != amended.ID {
		t.Fatalf("the second store's latest is %v (%v), want the amendment %s", latest.ID, err, amended.ID)
	}
	got, _ := b.Get(base.ID)
	if got.Time != base.Time || got.Clinician != base.Clinician || len(got.Recommendation.Referrals) != len(base.Recommendation.Referrals) {
		t.Errorf("the copy differs from the baseline: %+v", got)
	}
	from, err := b.CopySources([]record.ID{base.ID, amended.ID})
	if err != nil || from[base.ID] != c.Base() || from[amended.ID] != c.Base() {
		t.Errorf("copies marked as from %v (%v), want %s", from, err, c.Base())
	}
	// Read again, nothing more is saved.
	if again, _, err := remote.Import(b, c.Base(), copies); err != nil || len(again) != 0 {
		t.Errorf("importing again saved %d (%v)", len(again), err)
	}

	follow := testkit.Assessed(t, testkit.Included(nil))
	follow.FollowsUp = latest.ID
	follow.Clinician = "Nurse B"
	save(t, b, &follow)
	if follow.Change == nil || follow.Change.Since != amended.ID {
		t.Fatalf("the follow-up on the second machine compares with %+v, want the amendment", follow.Change)
	}
	if from, _ := b.CopySources([]record.ID{follow.ID}); from[follow.ID] != "" {
		t.Error("a follow-up made here is marked as a copy")
	}
	fhirserver.SendStore(t, c.Base(), b) // the copies go again unchanged; the follow-up is new

	copies, _, err = remote.Patient(ctx, c, base.Patient, "")
	if err != nil {
		t.Fatal(err)
	}
	saved, refused, err = remote.Import(a, c.Base(), copies)
	if err != nil || len(refused) != 0 || len(saved) != 1 || saved[0].Record.ID != follow.ID {
		t.Fatalf("the first machine read back %v (refused %v, %v), want the follow-up only", saved, refused, err)
	}
	back, err := a.Latest(base.Patient)
	if err != nil || back.ID != follow.ID || back.FollowsUp != amended.ID || back.Change == nil {
		t.Errorf("the first machine's latest is %+v (%v), want the follow-up of %s", back.ID, err, amended.ID)
	}
}

// TestAPatientWithNothingOnTheServerReadsNothing, and a server that is down
// is an error that says so, never an empty answer taken for "no
// assessments".
func TestAPatientWithNothingOnTheServerReadsNothing(t *testing.T) {
	srv := fhirserver.Start(t)
	c := client(t, srv)
	copies, skipped, err := remote.Patient(context.Background(), c, record.PatientID{Kind: record.NHSNumber, Value: "9990000018"}, "")
	if err != nil || len(copies) != 0 || len(skipped) != 0 {
		t.Errorf("an empty server: %v %v %v", copies, skipped, err)
	}
	srv.Stop()
	_, _, err = remote.Patient(context.Background(), c, record.PatientID{Kind: record.NHSNumber, Value: "9990000018"}, "")
	if err == nil || !errors.Is(err, fhirclient.ErrUnavailable) {
		t.Errorf("a server that is down: %v, want ErrUnavailable", err)
	}
}

const (
	trustSystem = "https://fhir.test-trust.nhs.uk/Id/local-number"
	otherSystem = "https://fhir.other-trust.nhs.uk/Id/mrn"
)

// localOn puts on srv an assessment of local number value, sent by a
// machine whose local_number_system is system, and returns it.
func localOn(t *testing.T, c *fhirclient.Client, value, system, clinician string) record.Record {
	t.Helper()
	p, err := record.NewPatientID(record.LocalID, value)
	if err != nil {
		t.Fatal(err)
	}
	st := newStore(t, "machine")
	r := testkit.Assessed(t, testkit.Offline(nil))
	r.Patient, r.Clinician = p, clinician
	save(t, st, &r)
	fhirserver.SendStoreIn(t, c.Base(), st, system)
	return r
}

// TestALocalNumberIsNeverLookedUpOnTheServerWithoutTheTrustsSystem: a local
// number means nothing without its identifier system. With no
// local_number_system, reading a local number from the server took in
// another organisation's patient of the same number (and a follow-up here
// linked to that patient's assessment); it is now not asked at all, and
// the error says why and what to set.
func TestALocalNumberIsNeverLookedUpOnTheServerWithoutTheTrustsSystem(t *testing.T) {
	srv := fhirserver.Start(t)
	c := client(t, srv)
	other := localOn(t, c, "RX-555", otherSystem, "Dr Other Trust")
	copies, skipped, err := remote.Patient(context.Background(), c, other.Patient, "")
	if !errors.Is(err, remote.ErrNoLocalSystem) || len(copies) != 0 || len(skipped) != 0 {
		t.Fatalf("a local number with no system read %d copies (%v), %v; want none and ErrNoLocalSystem", len(copies), skipped, err)
	}
	if !strings.Contains(err.Error(), "local_number_system") {
		t.Errorf("the refusal does not say what to set: %v", err)
	}
}

// ignoresSystem is a server that searches by an identifier's value alone,
// whatever system is asked for (a server that does not support the
// system|value form of a token).
type ignoresSystem struct{ *fhirclient.Client }

func (s ignoresSystem) Search(ctx context.Context, typ string, q url.Values, fn func(fhirclient.Resource) error) error {
	q2 := url.Values{}
	for k, vs := range q {
		for _, v := range vs {
			if i := strings.IndexByte(v, '|'); i >= 0 {
				v = v[i+1:]
			}
			q2.Add(k, v)
		}
	}
	return s.Client.Search(ctx, typ, q2, fn)
}

// TestALocalNumberIsReadFromTheServerInTheTrustsSystemOnly: with
// local_number_system set, only responses whose subject carries the local
// number in that system are taken for the patient: not another trust's
// patient of the same number, nor one pushed with no system (a machine of
// unknown trust), even from a server that searched by the value alone.
func TestALocalNumberIsReadFromTheServerInTheTrustsSystemOnly(t *testing.T) {
	srv := fhirserver.Start(t)
	c := client(t, srv)
	ours := localOn(t, c, "RX-555", trustSystem, "Dr Ward One")
	localOn(t, c, "RX-555", otherSystem, "Dr Other Trust")
	localOn(t, c, "RX-555", "", "Dr No System")
	for _, s := range []remote.Server{c, ignoresSystem{c}} {
		copies, _, err := remote.Patient(context.Background(), s, ours.Patient, trustSystem)
		if err != nil {
			t.Fatal(err)
		}
		if len(copies) != 1 || copies[0].Record.ID != ours.ID {
			var who []string
			for _, c := range copies {
				who = append(who, c.Record.Clinician)
			}
			t.Errorf("%T: read %d assessments of RX-555 (%v), want the trust's one only", s, len(copies), who)
		}
	}
}

// TestAFollowUpWhoseBaselineWasNotKeptHereIsNotSaidToNeedVoiding: a
// baseline the store refuses (here, bands that are not those its answers
// give) and its follow-up, read from the server: the follow-up was said
// to follow up "a version the server no longer holds as current", with
// advice to void it, though the server holds that baseline as current and
// it was merely not kept here. It is now said to follow up a record not
// kept here either.
func TestAFollowUpWhoseBaselineWasNotKeptHereIsNotSaidToNeedVoiding(t *testing.T) {
	made := newStore(t, "made")
	base := testkit.Assessed(t, testkit.Offline(nil))
	save(t, made, &base)
	follow := testkit.Assessed(t, testkit.Included(nil))
	follow.FollowsUp = base.ID
	save(t, made, &follow)
	bad := base
	bad.Result.Bands.Trust = questionnaire.NoBarrier
	if bad.Result.Bands == base.Result.Bands {
		bad.Result.Bands.Access = questionnaire.NoBarrier
	}
	copies := []remote.Copy{
		{Record: bad, Assessment: base.ID, ServerVersion: "1", Current: true},
		{Record: follow, Assessment: follow.ID, ServerVersion: "1", Current: true},
	}
	saved, refused, err := remote.Import(newStore(t, "here"), "https://fhir.example.nhs.uk/fhir", copies)
	if err != nil || len(saved) != 0 || len(refused) != 2 {
		t.Fatalf("Import: saved %d, refused %v, %v; want both refused", len(saved), refused, err)
	}
	for _, r := range refused {
		if r.Record != follow.ID {
			continue
		}
		var ul *remote.UnlinkedError
		if errors.As(r.Err, &ul) || errors.Is(r.Err, remote.ErrUnlinked) || strings.Contains(r.Err.Error(), "void") {
			t.Errorf("the follow-up of a baseline not kept here is said as %q", r.Err)
		}
		if !strings.Contains(r.Err.Error(), base.ID.String()[:13]) || !strings.Contains(r.Err.Error(), "not kept here") {
			t.Errorf("the follow-up's refusal %q does not say that the record it follows up was not kept here", r.Err)
		}
	}
}

// TestAFollowUpOfAVersionTheServerLacksIsNotSaidToNeedVoiding: a
// follow-up read from the server whose earlier version the server does
// not hold at all (emptied, or restored from an older backup, and sent
// the follow-up again) was said to be "Nothing here is wrong" with advice
// to mark a genuine assessment entered in error. It is said that the
// server lacks that version, and that the machines that made and changed
// the earlier assessment run push --check-server.
func TestAFollowUpOfAVersionTheServerLacksIsNotSaidToNeedVoiding(t *testing.T) {
	made := newStore(t, "made")
	base := testkit.Assessed(t, testkit.Offline(nil))
	save(t, made, &base)
	follow := testkit.Assessed(t, testkit.Included(nil))
	follow.FollowsUp = base.ID
	save(t, made, &follow)
	copies := []remote.Copy{{Record: follow, Assessment: follow.ID, ServerVersion: "1", Current: true}}
	saved, refused, err := remote.Import(newStore(t, "here"), "https://fhir.example.nhs.uk/fhir", copies)
	if err != nil || len(saved) != 0 || len(refused) != 1 {
		t.Fatalf("Import: saved %d, refused %v, %v; want the follow-up refused", len(saved), refused, err)
	}
	why := refused[0].Err
	if !errors.Is(why, remote.ErrUnlinked) {
		t.Fatalf("the follow-up is refused as %q, not as one that cannot be linked here", why)
	}
	msg := why.Error()
	for _, wrong := range []string{"void", "entered in error", "Nothing here is wrong"} {
		if strings.Contains(msg, wrong) {
			t.Errorf("the follow-up of a version the server lacks is said with %q: %q", wrong, msg)
		}
	}
	for _, want := range []string{base.ID.String()[:13], "does not hold", "SERVER SHORT", "digicheck push --check-server", "docs/fhir-server.md"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the follow-up of a version the server lacks is not said with %q: %q", want, msg)
		}
	}
}
