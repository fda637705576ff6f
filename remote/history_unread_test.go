package remote_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"digicheck/fhirclient"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/remote"
)

// TestAFollowUpWhoseHistoryCannotBeReadNowIsNotSaidAsTheServersLoss: the
// server holds a follow-up of a version of the patient's earlier
// assessment that it does not hold as current, and its history of that
// assessment, which says whether the version was lost or set aside there,
// does not answer (503, as a busy server does). The follow-up was said as
// SERVER SHORT, the server having lost data, with push --check-server on
// the machines that made the assessment. Whether it lost anything is not
// known: it is said as a history that could not be read now, to try
// again, never as a loss.
func TestAFollowUpWhoseHistoryCannotBeReadNowIsNotSaidAsTheServersLoss(t *testing.T) {
	srv := fhirserver.Start(t)
	c, err := fhirclient.New(fhirclient.Config{Base: srv.Base, Timeout: 10 * time.Second, Attempts: 2, Backoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	made := newStore(t, "made")
	base := testkit.Assessed(t, testkit.Offline(nil))
	save(t, made, &base)
	fhirserver.SendStore(t, c.Base(), made)
	srv.Control(t, fhirserver.Control{Backup: true})
	amended := base
	amended.ID, amended.Time, amended.Amends, amended.AmendReason = record.ID{}, time.Time{}, base.ID, "typo"
	if err := made.Amend(&amended); err != nil {
		t.Fatal(err)
	}
	follow := testkit.Assessed(t, testkit.Included(nil))
	follow.FollowsUp = amended.ID
	save(t, made, &follow)
	fhirserver.SendStore(t, c.Base(), made)
	res, err := c.Read(ctx, "QuestionnaireResponse", follow.ID.String())
	if err != nil {
		t.Fatal(err)
	}
	// Restored to the baseline alone; the follow-up sent again.
	srv.Control(t, fhirserver.Control{RestoreBackup: true})
	if _, err := c.Transaction(ctx, []fhirclient.Put{{Type: "QuestionnaireResponse", ID: follow.ID.String(), Resource: res.JSON}}); err != nil {
		t.Fatal(err)
	}
	srv.Control(t, fhirserver.Control{Faults: []fhirserver.Fault{{Status: 503, Times: 100, Method: "GET", Path: "/QuestionnaireResponse/" + base.ID.String() + "/_history"}}})

	copies, _, err := remote.Patient(ctx, c, base.Patient, "")
	if err != nil {
		t.Fatal(err)
	}
	_, refused, err := remote.Import(newStore(t, "here"), c.Base(), copies)
	if err != nil {
		t.Fatal(err)
	}
	var why error
	for _, r := range refused {
		if r.Record == follow.ID {
			why = r.Err
		}
	}
	if why == nil {
		t.Fatalf("the follow-up was kept, or not refused by itself: refused %v", refused)
	}
	msg := why.Error()
	for _, wrong := range []string{"SERVER SHORT", "lost versions", "does not hold", "push --check-server"} {
		if strings.Contains(msg, wrong) {
			t.Errorf("the follow-up whose history could not be read is said with %q: %q", wrong, msg)
		}
	}
	for _, want := range []string{amended.ID.String()[:13], "could not be read", "try again"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the follow-up whose history could not be read is not said with %q: %q", want, msg)
		}
	}
	if !errors.Is(why, fhirclient.ErrUnavailable) {
		t.Errorf("the refusal %q does not carry the failed read (fhirclient.ErrUnavailable)", why)
	}
}
