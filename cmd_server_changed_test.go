package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/fhirclient"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// TestAServerSummaryNamesAResponseChangedOnTheServerAndFails: two QI leads
// summarising one server published different counts, unmarked. A
// response changed on the server under the same record id was dropped
// without a word by a machine that had read it before; one whose carried
// record was changed and its own answers not was counted by a machine
// with no cache as the record said. Each is now named as left out, the
// summary carries the DAMAGED caveat, and it fails, on either machine.
func TestAServerSummaryNamesAResponseChangedOnTheServerAndFails(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	made, err := store.Open(filepath.Join(t.TempDir(), "made.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []record.ID
	for _, nhs := range []string{"9990000018", "9990000026", "9990000034"} {
		r := testkit.Assessed(t, testkit.Offline(questionnaire.Answers{questionnaire.LinkAgeBand: {"16-24"}}))
		if r.Patient, err = record.ParsePatientID(nhs); err != nil {
			t.Fatal(err)
		}
		if err := made.Save(&r); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	pushWith(t, srv.Base, made)
	summary := func(db string) (string, string, error) {
		a := &app{settings: site.Settings{DB: db}}
		return execute(a, (*app).summaryCmd, "", "--from", "2000-01-01", "--server", srv.Base, "--exact", "--format", "csv")
	}
	cached := filepath.Join(t.TempDir(), "real.db")
	if _, stderr, err := summary(cached); err != nil {
		t.Fatalf("the first summary of the server: %v\n%s", err, stderr)
	}
	c, err := fhirclient.New(fhirclient.Config{Base: srv.Base, Timeout: 20 * time.Second, Attempts: 2})
	if err != nil {
		t.Fatal(err)
	}
	testkit.AgeOnServer(t, c, ids[0], "75+", "")    // the record alone
	testkit.AgeOnServer(t, c, ids[1], "75+", "75+") // record and answers alike

	for _, m := range []struct {
		name  string
		db    string
		named []record.ID
	}{
		{"a machine that read the server before", cached, ids[:2]},
		// The second was never read here: nothing says it changed.
		{"a machine with no cache", filepath.Join(t.TempDir(), "fresh", "x.db"), ids[:1]},
	} {
		stdout, stderr, err := summary(m.db)
		if err == nil {
			t.Errorf("%s: the summary exits 0:\n%s", m.name, stderr)
		}
		flat := strings.Join(strings.Fields(stdout), " ")
		for _, w := range []string{"could not be kept here", map[int]string{1: "1 record version", 2: "2 record versions"}[len(m.named)]} {
			if !strings.Contains(flat, w) {
				t.Errorf("%s: the summary does not say %q; its caveats:\n%s", m.name, w, caveats(stdout))
			}
		}
		said := strings.Join(strings.Fields(stderr), " ")
		for _, id := range m.named {
			if !strings.Contains(said, "left out: QuestionnaireResponse/"+id.String()) {
				t.Errorf("%s: QuestionnaireResponse/%s is not named as left out:\n%s", m.name, id, stderr)
			}
		}
		if !strings.Contains(said, "equity.age is [\"75+\"] in the record and [\"16-24\"] in the response's answers") {
			t.Errorf("%s: the response whose record contradicts its answers is not said as such:\n%s", m.name, stderr)
		}
	}
}

// caveats is the lines of a summary that say what it could not count.
func caveats(out string) string {
	var keep []string
	for _, l := range strings.Split(out, "\n") {
		if low := strings.ToLower(l); strings.Contains(low, "damaged") || strings.Contains(low, "kept") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}
