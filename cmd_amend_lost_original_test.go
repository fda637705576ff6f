package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/fhirclient"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// TestAnAmendmentOfACopyOfAnAssessmentTheServerLostIsHeldBackAndNamesItsMaker:
// A's assessment was sent and read by B; the server was restored from a
// backup made before it, so it holds nothing of that assessment; B
// amends its copy. The save said "Sent to the trust's FHIR server", and
// push "Sent 1 of 1", exit 0: the server held an amendment with no
// original under it, and A's push then called A's own assessment changed
// on another machine. The save and both pushes hold it back, say that
// the server lacks A's record, whose it is, and to run push
// --check-server on that machine; the push fails; the server holds
// nothing of the assessment.
func TestAnAmendmentOfACopyOfAnAssessmentTheServerLostIsHeldBackAndNamesItsMaker(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	srv := fhirserver.Start(t)
	srv.Control(t, fhirserver.Control{Backup: true})
	pathA, rs := storeWith(t, 1)
	first := rs[0]
	if out, stderr, err := runStoreCmd(t, pathA, (*app).pushCmd, "--server", srv.Base); err != nil || !strings.Contains(out, "Sent 1 of 1") {
		t.Fatalf("A's push: %v\n%s%s", err, out, stderr)
	}
	source, err := fhirclient.Identity(srv.Base)
	if err != nil {
		t.Fatal(err)
	}
	pathB := filepath.Join(t.TempDir(), "b.db")
	st, err := store.Open(pathB, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cp := first
	if err := st.SaveCopy(&cp, source); err != nil {
		t.Fatal(err)
	}
	srv.Control(t, fhirserver.Control{RestoreBackup: true})
	mine := first
	mine.ID, mine.Amends, mine.AmendReason, mine.Clinician = record.ID{}, first.ID, "B corrects", "Nurse Bo"
	if err := st.Amend(&mine); err != nil {
		t.Fatal(err)
	}

	a := &app{settings: site.Settings{Team: "Ward 7"}}
	sent, why := a.pushRecord(st, srv.Base, mine, 15*time.Second, time.Second)
	why = strings.Join(strings.Fields(why), " ")
	if sent {
		t.Fatal("the save of B's amendment sent it onto a server that holds nothing of the assessment")
	}
	for _, want := range []string{"the FHIR server lacks record " + first.ID.String(), "made by " + first.Clinician + " on another machine", "on that machine run digicheck push --check-server"} {
		if !strings.Contains(why, want) {
			t.Errorf("the save's push does not say %q:\n%s", want, why)
		}
	}

	for _, args := range [][]string{nil, {"--check-server"}} {
		out, stderr, err := runStoreCmd(t, pathB, (*app).pushCmd, append([]string{"--server", srv.Base}, args...)...)
		said := out + stderr
		if err != nil {
			said += err.Error()
		}
		said = strings.Join(strings.Fields(said), " ")
		if err == nil {
			t.Errorf("B's push %v exits 0 with its amendment resting on A's lost assessment:\n%s", args, said)
		}
		for _, never := range []string{"Sent 1 of 1", "changed on another machine"} {
			if strings.Contains(said, never) {
				t.Errorf("B's push %v says %q:\n%s", args, never, said)
			}
		}
		for _, want := range []string{first.ID.String(), first.Clinician, "lacks", "--check-server"} {
			if !strings.Contains(said, want) {
				t.Errorf("B's push %v does not say %q (what the server lacks, whose, what to run there):\n%s", args, want, said)
			}
		}
	}
	c, err := fhirclient.New(fhirclient.Config{Base: srv.Base, Timeout: 10 * time.Second, Attempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res, err := c.Read(context.Background(), "QuestionnaireResponse", first.ID.String()); err == nil {
		t.Errorf("the server holds assessment %s with no original under it:\n%s", first.ID, res.JSON)
	}
}
