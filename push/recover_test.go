package push

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"digicheck/fhir"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// TestAServerEmptiedGetsBackAnAmendmentAndAVoidMadeOnACopy: laptop A makes
// two assessments and pushes; laptop B reads them (copies), amends one and
// voids the other, and pushes; the server is emptied. B's versions rest on
// A's first versions, which B does not send: B's push --check-server says
// so, naming the records and who made them, and sends nothing. Once A's
// push --check-server has sent its versions again, the server holds each
// assessment at an earlier version than B had it accepted: B's push
// --check-server sends the amendment and the void again, and the shared
// record shows the corrected answers and the void. It said before that the
// server held every assessment it accepted from B, and never sent them.
func TestAServerEmptiedGetsBackAnAmendmentAndAVoidMadeOnACopy(t *testing.T) {
	for _, how := range []string{"emptied", "restored from a backup made before B's changes"} {
		t.Run(how, func(t *testing.T) {
			s := fhirserver.Start(t)
			c := client(t, s.Base, 10*time.Second)
			a, b := newStore(t), newStore(t)
			first := saved(t, a, testkit.NHSNumber)
			wrong := saved(t, a, "9434765870")
			if rep, err := run(t, a, c, quick); err != nil || rep.Sent != 2 {
				t.Fatalf("A's push: sent %d, %v", rep.Sent, err)
			}
			for _, r := range []record.Record{first, wrong} {
				cp := r
				if err := b.SaveCopy(&cp, c.Base()); err != nil {
					t.Fatal(err)
				}
			}
			if how != "emptied" {
				s.Control(t, fhirserver.Control{Backup: true})
			}
			amended := amendAnswers(t, b, first, testkit.Included(nil))
			voided := void(t, b, wrong)
			if rep, err := run(t, b, c, quick); err != nil || rep.Sent != 2 {
				t.Fatalf("B's push: sent %d, %v", rep.Sent, err)
			}
			o := quick
			o.CheckServer = true
			if how == "emptied" {
				s.Control(t, fhirserver.Control{Reset: true})
				// B first: the versions its own rest on are gone, and
				// only A holds them as made there. B's versions wait,
				// counted, and the push is not done while they do.
				rep, err := run(t, b, c, o)
				if !errors.Is(err, ErrWaitsOnOther) || rep.WaitOnOther != 2 || !rep.Checked || rep.Sent != 0 || rep.LostCopied != 2 || len(rep.LostCopies) != 2 {
					t.Fatalf("B's check before A's: checked %v, sent %d, lost copied %d (%+v), %v", rep.Checked, rep.Sent, rep.LostCopied, rep.LostCopies, err)
				}
				for _, lc := range rep.LostCopies {
					want := map[record.ID]record.ID{first.ID: first.ID, wrong.ID: wrong.ID}[lc.Assessment]
					if lc.Base != want || lc.Clinician != "R Patel" || lc.Made.IsZero() {
						t.Fatalf("B's check names %+v for assessment %s: want its first version %s, made by R Patel", lc, lc.Assessment, want)
					}
				}
				if rep, err := run(t, a, c, o); err != nil || rep.Lost != 2 || rep.Sent != 2 {
					t.Fatalf("A's check: lost %d, sent %d, %v", rep.Lost, rep.Sent, err)
				}
			} else {
				s.Control(t, fhirserver.Control{RestoreBackup: true})
			}
			rep, err := run(t, b, c, o)
			if err != nil || !rep.Checked || rep.Lost != 2 || rep.LostAssessments != 2 || rep.LostCopied != 0 || rep.Sent != 2 {
				t.Fatalf("B's check after A's versions are back: lost %d of %d assessments (copied %d), sent %d, %v", rep.Lost, rep.LostAssessments, rep.LostCopied, rep.Sent, err)
			}
			cur, err := c.Read(context.Background(), "QuestionnaireResponse", first.ID.String())
			if err != nil {
				t.Fatal(err)
			}
			if held, ok, _ := fhir.RecordIn(cur.JSON); !ok || held.ID != amended.ID {
				t.Fatalf("the server's current version of the amended assessment is %s, not B's amendment %s", held.ID, amended.ID)
			}
			cur, err = c.Read(context.Background(), "QuestionnaireResponse", wrong.ID.String())
			if err != nil {
				t.Fatal(err)
			}
			if held, ok, _ := fhir.RecordIn(cur.JSON); !ok || held.ID != voided.ID || statusOf(t, cur) != "entered-in-error" {
				t.Fatalf("the server's current version of the voided assessment is %s (%s), not B's void %s", held.ID, statusOf(t, cur), voided.ID)
			}
			// Nothing more to send from either machine.
			if rep, err := run(t, b, c, o); err != nil || rep.Lost != 0 || rep.LostCopied != 0 || rep.Pending != 0 {
				t.Fatalf("B's check again: lost %d, copied %d, pending %d, %v", rep.Lost, rep.LostCopied, rep.Pending, err)
			}
			if rep, err := run(t, a, c, o); err != nil || rep.Lost != 0 || rep.Pending != 0 {
				t.Fatalf("A's check after B's: lost %d, pending %d, %v", rep.Lost, rep.Pending, err)
			}
		})
	}
}

// TestAnEmptiedServerGetsBackALineMadeOnTwoMachinesWhicheverRunsFirst: A
// makes an assessment, B amends its copy, A amends its copy of B's
// amendment; the server is emptied. Each machine's line rests on a version
// only the other sends, and each held back the whole assessment, its own
// first version too: neither sent anything, in any order, and the
// assessment stayed missing from the shared record. Now each sends its own
// versions up to the first it holds as read, names that one, and the
// checks, machine after machine, rebuild the line.
func TestAnEmptiedServerGetsBackALineMadeOnTwoMachinesWhicheverRunsFirst(t *testing.T) {
	for _, bFirst := range []bool{false, true} {
		t.Run(map[bool]string{false: "A first", true: "B first"}[bFirst], func(t *testing.T) {
			s := fhirserver.Start(t)
			c := client(t, s.Base, 10*time.Second)
			a, b := newStore(t), newStore(t)
			v1 := saved(t, a, testkit.NHSNumber)
			if _, err := run(t, a, c, quick); err != nil {
				t.Fatal(err)
			}
			cp := v1
			if err := b.SaveCopy(&cp, c.Base()); err != nil {
				t.Fatal(err)
			}
			v2 := amendAnswers(t, b, v1, testkit.Included(nil))
			if rep, err := run(t, b, c, quick); err != nil || rep.Sent != 1 {
				t.Fatalf("B's push: sent %d, %v", rep.Sent, err)
			}
			cp = v2
			if err := a.SaveCopy(&cp, c.Base()); err != nil {
				t.Fatal(err)
			}
			v3 := amendAnswers(t, a, v2, testkit.Full(nil))
			if rep, err := run(t, a, c, quick); err != nil || rep.Sent != 1 {
				t.Fatalf("A's push of its amendment: sent %d, %v", rep.Sent, err)
			}
			s.Control(t, fhirserver.Control{Reset: true})

			o := quick
			o.CheckServer = true
			// Each twice in turn: a second check on the same machine
			// sends nothing it could not send the first time (sent
			// before the copy it rests on, it met the server's earlier
			// version as a conflict).
			machines := []string{"A", "A", "B", "B", "A", "A", "B"}
			if bFirst {
				machines = []string{"B", "B", "A", "A", "B", "B", "A", "A"}
			}
			for i, m := range machines {
				st := map[string]*store.Store{"A": a, "B": b}[m]
				// A check that leaves versions waiting on the other
				// machine's says so, and fails; none other fails.
				if rep, err := run(t, st, c, o); err != nil && !(errors.Is(err, ErrWaitsOnOther) && rep.LostCopied > 0) || len(rep.Conflicts) > 0 || len(rep.Failed) > 0 {
					t.Fatalf("check %d (%s): conflicts %v, failed %v, %v", i+1, m, rep.Conflicts, rep.Failed, err)
				}
			}
			hist, err := c.History(context.Background(), "QuestionnaireResponse", v1.ID.String())
			if err != nil {
				t.Fatal(err)
			}
			var got []record.ID
			for _, h := range hist {
				r, _, _ := fhir.RecordIn(h.JSON)
				got = append(got, r.ID)
			}
			slices.Reverse(got) // the server gives its history newest first
			if want := []record.ID{v1.ID, v2.ID, v3.ID}; !slices.Equal(got, want) {
				t.Fatalf("after the checks %v the server's history is %v, want %v (A's, B's, A's)", machines, got, want)
			}
		})
	}
}
