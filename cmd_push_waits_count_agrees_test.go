package main

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/store"
)

// TestPushsFirstLineCountsTheVersionsThatWaitAsItsDetailDoes: the laptop
// amended the ward's assessment and sent it; the server was emptied; the
// laptop amended it again. The push's first line said "1 not sent, as
// said below; 1 waits on the machine that made the version it rests on",
// where the detail below said "2 record versions made here wait on 1
// record": the new amendment, met waiting as it was sent, was counted
// among those not sent. Both counts now agree, and with the total.
func TestPushsFirstLineCountsTheVersionsThatWaitAsItsDetailDoes(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	_, wst, first := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	if _, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	lst, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := laptopApp(laptop, srv.Base)
	once := amendOn(t, lst, first, "amended on the laptop", "Nurse Bea")
	if out, stderr, err := execute(a, (*app).pushCmd, ""); err != nil {
		t.Fatalf("push: %v\n%s%s", err, out, stderr)
	}
	srv.Control(t, fhirserver.Control{Reset: true})
	amendOn(t, lst, once, "amended again on the laptop", "Nurse Bea")

	out, stderr, err := execute(a, (*app).pushCmd, "")
	if err == nil {
		t.Fatalf("the push ends 0 with the laptop's amendments unsent:\n%s%s", out, stderr)
	}
	all := flat(out + stderr + err.Error())
	if testing.Verbose() {
		t.Logf("push:\n%s", all)
	}
	// The first line: from "Sent" to the tally after it (or the
	// detail, when the tally is not printed).
	line := all[max(strings.Index(all, "Sent "), 0):]
	for _, end := range []string{" push: ", " not sent to "} {
		if i := strings.Index(line, end); i >= 0 {
			line = line[:i]
		}
	}
	number := func(in, re string) int {
		t.Helper()
		m := regexp.MustCompile(re).FindStringSubmatch(in)
		if m == nil {
			return 0
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}
	detail := number(all, `(\d+) record versions? made here waits? on`)
	summary := number(line, `; (\d+) waits? on`)
	total := number(line, `^Sent \d+ of (\d+) record versions?`)
	notSent := number(line, `; (\d+) not sent, as said below`)
	if detail != 2 {
		t.Fatalf("the detail says %d versions wait, not the 2 this set-up makes:\n%s", detail, all)
	}
	if summary != detail {
		t.Errorf("the first line says %d wait, the detail %d:\n%s", summary, detail, all)
	}
	if summary+notSent != total {
		t.Errorf("the first line's %d waiting and %d not sent are not its %d record versions:\n%s", summary, notSent, total, all)
	}
}
