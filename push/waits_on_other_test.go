package push

import (
	"errors"
	"strings"
	"testing"
	"time"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// handedBack is the line "B amends A's assessment, then A amends B's
// amendment", every version accepted by the server, which is then
// restored from a backup made when it held A's first version alone. It
// returns A's store, the client, A's first version, B's amendment (held
// by A as read) and A's amendment of it.
func handedBack(t *testing.T) (a *store.Store, s *fhirserver.Server, v1, v2, v3 record.Record) {
	t.Helper()
	a, _, s, v1, v2, v3 = handedBackWithB(t)
	return a, s, v1, v2, v3
}

// handedBackWithB is handedBack, with B's store too.
func handedBackWithB(t *testing.T) (a, b *store.Store, s *fhirserver.Server, v1, v2, v3 record.Record) {
	t.Helper()
	s = fhirserver.Start(t)
	c := client(t, s.Base, 10*time.Second)
	a, b = newStore(t), newStore(t)
	v1 = saved(t, a, testkit.NHSNumber)
	if rep, err := run(t, a, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("A's push: sent %d, %v", rep.Sent, err)
	}
	s.Control(t, fhirserver.Control{Backup: true})
	cp := v1
	if err := b.SaveCopy(&cp, c.Base()); err != nil {
		t.Fatal(err)
	}
	v2 = amendAnswers(t, b, v1, testkit.Included(nil))
	if rep, err := run(t, b, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("B's push: sent %d, %v", rep.Sent, err)
	}
	cp = v2
	if err := a.SaveCopy(&cp, c.Base()); err != nil {
		t.Fatal(err)
	}
	v3 = amendAnswers(t, a, v2, testkit.Full(nil))
	if rep, err := run(t, a, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("A's push of its amendment: sent %d, %v", rep.Sent, err)
	}
	s.Control(t, fhirserver.Control{RestoreBackup: true})
	return a, b, s, v1, v2, v3
}

// TestAPlainPushChecksTheNewestAsTheCheckServerDoes: after the restore
// the server holds A's first version, and lacks B's amendment that A's
// own amendment rests on. push --check-server said so; a plain push, whose
// check of the newest assessments did not count a version waiting on
// another machine's, said the server still held them "as sent". Both now
// say what the server lacks, made by whom, which of this machine's
// versions wait on it, and do not end as done.
func TestAPlainPushChecksTheNewestAsTheCheckServerDoes(t *testing.T) {
	for _, check := range []bool{true, false} {
		t.Run(map[bool]string{true: "--check-server", false: "plain push"}[check], func(t *testing.T) {
			a, s, _, v2, v3 := handedBack(t)
			c := client(t, s.Base, 10*time.Second)
			o := quick
			o.CheckServer, o.NoticeShort = check, !check // as digicheck push runs it
			rep, err := run(t, a, c, o)
			if rep.Newest != 0 || !rep.Checked {
				t.Errorf("the push says the server holds the newest as sent: newest %d, checked %v", rep.Newest, rep.Checked)
			}
			if rep.LostCopied != 1 || len(rep.LostCopies) != 1 {
				t.Fatalf("the push names %d versions waited on (%+v), want B's amendment %s; %v", rep.LostCopied, rep.LostCopies, v2.ID, err)
			}
			lc := rep.LostCopies[0]
			if lc.Base != v2.ID || lc.Clinician != v2.Clinician || lc.Waiting != 1 {
				t.Errorf("the version waited on: %+v, want B's amendment %s by %q with A's amendment %s waiting on it", lc, v2.ID, v2.Clinician, v3.ID)
			}
			if rep.WaitOnOther != 1 {
				t.Errorf("the push counts %d of this machine's versions waiting on another machine, want 1 (A's amendment)", rep.WaitOnOther)
			}
			if err == nil || !errors.Is(err, ErrWaitsOnOther) || !errors.Is(err, ErrNotAllSent) {
				t.Fatalf("the push with A's amendment waiting on B's machine ends %v, want ErrWaitsOnOther", err)
			}
			for _, want := range []string{v2.ID.String(), v2.Clinician, "digicheck push --check-server"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("the push's error does not say %q (what waits on which machine, what to run there):\n%v", want, err)
				}
			}
		})
	}
}

// TestAHistoryThatCannotBeReadIsNeverTakenForHeld: the server holds, as
// current, a version this store lacks (another machine's amendment), and
// its history of the assessment, which says whether it still holds the
// version accepted from here, cannot be read (it answers 503). push
// --check-server took the unread history for one holding every version
// and said the server held every assessment accepted from here. It says
// it could not check, and fails.
func TestAHistoryThatCannotBeReadIsNeverTakenForHeld(t *testing.T) {
	s := fhirserver.Start(t)
	c := client(t, s.Base, 10*time.Second)
	a, b := newStore(t), newStore(t)
	first := saved(t, a, "9434765919")
	if rep, err := run(t, a, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("A's push: sent %d, %v", rep.Sent, err)
	}
	cp := first
	if err := b.SaveCopy(&cp, c.Base()); err != nil {
		t.Fatal(err)
	}
	s.Control(t, fhirserver.Control{Backup: true})
	amend(t, a, first, "worry wrong")
	if rep, err := run(t, a, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("A's amendment: sent %d, %v", rep.Sent, err)
	}
	s.Control(t, fhirserver.Control{RestoreBackup: true})
	amend(t, b, first, "worry very")
	if rep, err := run(t, b, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("B's amendment: sent %d, %v", rep.Sent, err)
	}
	s.Control(t, fhirserver.Control{Faults: []fhirserver.Fault{{Status: 503, Times: 100, Method: "GET", Path: "/QuestionnaireResponse/" + first.ID.String() + "/_history"}}})
	o := quick
	o.CheckServer = true
	rep, err := run(t, a, c, o)
	if err == nil {
		t.Fatalf("push --check-server with the history unreadable ends as done: checked %v, lost %d, conflicts %v", rep.Checked, rep.Lost, rep.Conflicts)
	}
	if rep.Checked {
		t.Errorf("push --check-server with the history unreadable says it checked each assessment")
	}
	if !strings.Contains(err.Error(), "could not check") || !strings.Contains(err.Error(), first.ID.String()) {
		t.Errorf("push --check-server's error does not say it could not check assessment %s:\n%v", first.ID, err)
	}
}
