package main

import (
	"os"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/store"
)

// A summary read with --read-damaged of a store whose newest save is lost
// (its newer meta page damaged, so it is read as of the save before)
// carries the DAMAGED caveat in its output, in every format and in a run
// chart, as a summary of a store check has found damaged does. It was
// published with the short counts and no mark, exit 0: the warnings were
// on standard error only, which the board paper never carries, and the
// refusal itself had told the QI lead to give --read-damaged.
func TestASummaryReadDamagedCarriesTheDamagedCaveatInEveryFormat(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 2)
	if _, _, err := runStoreCmd(t, path, (*app).voidCmd, rs[0].ID.String(), "--reason", "wrong patient", "--clinician", "Dr Void Test"); err != nil {
		t.Fatal(err)
	}
	testkit.FlipMetaTxidBit(t, path, true)
	runs := [][]string{
		{"--format", "table"},
		{"--format", "csv"},
		{"--format", "json"},
		{"--format", "markdown"},
		{"--format", "html"},
		{"--exact", "--from", "2000-01-01", "--format", "csv"},
		{"--exact", "--chart", "assessed"}, // a chart of too few to show is refused with disclosure control
		{"--format", "csv", path},          // the store named, not the one in force
	}
	for _, args := range runs {
		out, stderr, err := runStoreCmd(t, path, (*app).summaryCmd, append([]string{"--read-damaged"}, args...)...)
		if err != nil {
			t.Errorf("summary --read-damaged %v = %v; want it read\n%s", args, err, stderr)
			continue
		}
		flat := strings.Join(strings.Fields(out), " ")
		if !strings.Contains(strings.ToLower(flat), "damaged store") || !strings.Contains(flat, "--read-damaged") {
			t.Errorf("summary --read-damaged %v: the output has no DAMAGED caveat saying it was read with --read-damaged:\n%.300s", args, out)
		}
		if _, err := os.Stat(store.DamageNote(path)); err == nil {
			t.Fatalf("summary --read-damaged %v left a damage note: the test no longer shows a summary of a store never checked", args)
		}
	}
}
