package push

import (
	"context"
	"testing"
	"time"

	"digicheck/internal/fhirserver"
)

// TestAPlainPushFindsItsNewestAssessmentLostOnASharedServer: a server
// that other machines push to was restored from a backup made before this
// store's newest assessment was sent. It holds as many assessments as it
// accepted from here (other machines' make up the count), so a plain push
// said the server held no fewer, sent nothing, and the assessment stayed
// missing from the shared record. A restore loses the newest first: the
// plain push asks the server (one search) whether it holds the newest it
// accepted from here, finds this one gone, and sends it again.
func TestAPlainPushFindsItsNewestAssessmentLostOnASharedServer(t *testing.T) {
	s := fhirserver.Start(t)
	c := client(t, s.Base, 10*time.Second)
	a, b := newStore(t), newStore(t)
	saved(t, a, "9434765919")
	if _, err := run(t, a, c, quick); err != nil {
		t.Fatal(err)
	}
	for _, nhs := range []string{"9434765870", "4010232137", "6190937861"} {
		saved(t, b, nhs)
	}
	if _, err := run(t, b, c, quick); err != nil {
		t.Fatal(err)
	}
	s.Control(t, fhirserver.Control{Backup: true})
	newest := saved(t, a, "4482199354")
	if rep, err := run(t, a, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("the newest assessment: sent %d, %v", rep.Sent, err)
	}
	s.Control(t, fhirserver.Control{RestoreBackup: true})

	o := quick
	o.NoticeShort = true // as digicheck push runs it
	rep, err := run(t, a, c, o)
	if err != nil || rep.Lost != 1 || rep.LostAssessments != 1 || rep.Sent != 1 {
		t.Fatalf("plain push after the restore: lost %d of %d, sent %d (counted %v, newest %d), %v", rep.Lost, rep.LostAssessments, rep.Sent, rep.Counted, rep.Newest, err)
	}
	if got, err := c.Current(context.Background(), "QuestionnaireResponse", []string{newest.ID.String()}); err != nil || len(got) != 1 {
		t.Fatalf("the server holds %d of the newest assessment, %v", len(got), err)
	}
	rep, err = run(t, a, c, o)
	if err != nil || rep.Pending != 0 || rep.Lost != 0 || !rep.Checked && rep.Newest == 0 {
		t.Fatalf("the push after: pending %d, lost %d, checked %v, newest %d, %v", rep.Pending, rep.Lost, rep.Checked, rep.Newest, err)
	}
}
