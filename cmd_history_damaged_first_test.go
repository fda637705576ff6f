package main

import (
	"strings"
	"testing"
)

// A history found damaged on its first run says so on its first line: a
// clinician reading from the top must know the list below cannot be
// trusted before reading it. The DAMAGED block came after every version,
// read, if at all, once the history had been taken as whole.
func TestAHistoryFoundDamagedSaysSoBeforeItsVersions(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 2)
	a := rs[len(rs)-1]
	flipIndexEntryID(t, path, a)
	out, _, err := runStoreCmd(t, path, (*app).historyCmd, a.Patient.Value)
	if err != nil {
		t.Fatalf("history: %v\n%s", err, out)
	}
	damaged := strings.Index(out, "DAMAGED")
	first := strings.Index(out, "Oldest first")
	if damaged < 0 || first < 0 {
		t.Fatalf("history does not show both the damage and the versions:\n%s", out)
	}
	if !strings.HasPrefix(out, "DAMAGED") {
		t.Errorf("history's first line is not its DAMAGED block (the damage is said at byte %d, the versions start at byte %d):\n%s", damaged, first, out)
	}
	if strings.Contains(out, "shown above") {
		t.Errorf("the block before the versions points above it:\n%s", out)
	}
}
