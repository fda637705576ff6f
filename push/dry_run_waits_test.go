package push

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"testing"

	"digicheck/record"
)

// TestADryRunSaysWhatWaitsOnAnotherMachineAsThePushDoes: B voids, and
// follows up, A's amendment, which the server lost (restored from an
// older backup). The dry run counted both as would be sent, printed the
// void as a create (If-None-Match: *) of a resource the server holds, and
// ended without error, while the push straight after held both back, as
// waiting on A's record, and failed. The dry run now asks the server what
// the push asks before sending: it counts neither as would be sent, says
// each waits on A's record, whose it is and what to run on A's machine,
// and fails as the push does, changing nothing here. Once A has sent its
// amendment again, it prints the void as the push sends it: If-Match the
// server's version of the assessment.
func TestADryRunSaysWhatWaitsOnAnotherMachineAsThePushDoes(t *testing.T) {
	_, c, a, b, v1, v2 := aLostCopy(t)
	fu := followUp(t, b, v2)
	v := void(t, b, v2)
	plainPush := quick
	plainPush.NoticeShort = true // as digicheck push runs it
	dryRun := func() (Report, error, string) {
		t.Helper()
		var dry bytes.Buffer
		o := plainPush
		o.DryRun = &dry
		rep, err := run(t, b, c, o)
		return rep, err, dry.String()
	}

	rep, err, printed := dryRun()
	if rep.Sent != 0 {
		t.Errorf("the dry run says %d record versions would be sent; want none, both wait on A's amendment", rep.Sent)
	}
	for _, r := range []record.Record{v, fu} {
		if strings.Contains(printed, r.ID.String()) {
			t.Errorf("the dry run prints %s, which the push holds back, as sent", describe(r, r.ID))
		}
	}
	if !errors.Is(err, ErrWaitsOnOther) || !errors.Is(err, ErrNotAllSent) {
		t.Fatalf("the dry run ends %v; want it to fail as the push does, waiting on another machine", err)
	}
	var waits []record.ID
	for _, f := range rep.Failed {
		var we *WaitsError
		if errors.As(f.Err, &we) && we.Copy.Base == v2.ID {
			waits = append(waits, f.Record)
		}
	}
	if len(waits) != 2 {
		t.Errorf("the dry run says %v wait on A's amendment %s; want the void %s and the follow-up %s", waits, v2.ID, v.ID, fu.ID)
	}
	for _, want := range []string{v2.ID.String(), v2.Clinician, "digicheck push --check-server", "lacks"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the dry run does not say %q (what the server lacks, whose, what to run there):\n%v", want, err)
		}
	}
	if n := pending(t, b, c.Base()); n != 2 {
		t.Errorf("after the dry run B has %d versions pending; want 2, the push state unchanged", n)
	}
	if known, kerr := b.Conflicts(c.Base()); kerr != nil || len(known) != 0 {
		t.Errorf("after the dry run B's store keeps conflicts %v (%v)", known, kerr)
	}

	// The push straight after does what the dry run said.
	real, rerr := run(t, b, c, plainPush)
	if real.Sent != rep.Sent || len(real.Failed) != len(rep.Failed) || !errors.Is(rerr, ErrWaitsOnOther) {
		t.Fatalf("the push sent %d, failed %d (%v); the dry run said %d and %d", real.Sent, len(real.Failed), rerr, rep.Sent, len(rep.Failed))
	}

	o := quick
	o.CheckServer = true
	if rep, err := run(t, a, c, o); err != nil || rep.Sent != 1 {
		t.Fatalf("A's push --check-server: sent %d, %v", rep.Sent, err)
	}
	held, err := c.Read(t.Context(), "QuestionnaireResponse", v1.ID.String())
	if err != nil {
		t.Fatal(err)
	}
	rep, err, printed = dryRun()
	if err != nil || rep.Sent != 2 {
		t.Fatalf("B's dry run once A's amendment is back: %d would be sent, %v; want the void and the follow-up", rep.Sent, err)
	}
	// The void goes as a new version of A's assessment, the resource
	// under its first version's id.
	request := regexp.MustCompile(`"request":\{"method":"PUT","url":"QuestionnaireResponse/` + v1.ID.String() + `"[^}]*\}`).FindString(printed)
	if want := `"ifMatch":"W/\"` + held.VersionID + `\""`; !strings.Contains(request, want) || strings.Contains(request, `"ifNoneMatch"`) {
		t.Errorf("the dry run prints the void not as the push sends it (%s, on the server's version %s): %s", want, held.VersionID, request)
	}
	if real, err := run(t, b, c, plainPush); err != nil || real.Sent != rep.Sent {
		t.Errorf("B's push after its dry run: sent %d, %v; the dry run said %d", real.Sent, err, rep.Sent)
	}
}
