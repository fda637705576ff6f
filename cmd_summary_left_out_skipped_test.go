package main

import (
	"os"
	"strings"
	"testing"
	"time"
)

// TestASummaryTellsOfRecordsOfATeamLeftOutDatedAfterToday: a team whose
// computer's clock was ahead (30 assessments, some 18 of them dated after
// today) was left out as too few to show, and its records dated after
// today were named nowhere, not even on standard error, while a larger
// team's would have been. Standard error now says how many, and how to
// name them; the output, published, still names none.
func TestASummaryTellsOfRecordsOfATeamLeftOutDatedAfterToday(t *testing.T) {
	// Not parallel: the synthetic teams are set by DIGICHECK_TEAM.
	dir := t.TempDir()
	ward, fut := dir+"/ward.db", dir+"/fut.db"
	day := func(d int) string { return time.Now().AddDate(0, 0, d).Format(time.DateOnly) }
	make := func(path, team string, args ...string) {
		t.Helper()
		t.Setenv("DIGICHECK_TEAM", team)
		if _, stderr, err := runStoreCmd(t, path, (*app).syntheticCmd, args...); err != nil {
			t.Fatalf("synthetic: %v\n%s", err, stderr)
		}
	}
	make(ward, "Ward 7", "--count", "300", "--seed", "4", "--from", day(-210), "--to", day(-10))
	make(fut, "Future Team", "--count", "30", "--seed", "5", "--from", day(-35), "--to", day(57))
	os.Unsetenv("DIGICHECK_TEAM")
	out, stderr, err := runStoreCmd(t, ward, (*app).summaryCmd, "--format", "csv", ward, fut)
	if err != nil {
		t.Fatalf("summary: %v\n%s", err, stderr)
	}
	if !strings.Contains(out, "too few over the span to show: Future Team") {
		t.Fatalf("the team is not left out, so this test tries nothing:\n%.2000s", out)
	}
	flat := strings.Join(strings.Fields(stderr), " ")
	if !strings.Contains(flat, "of teams left out of this summary, too few to show or with none counted, are dated before 2000 or after today") ||
		!strings.Contains(flat, "digicheck summary --exact names them") {
		t.Fatalf("standard error does not tell of the records of the team left out dated after today:\n%s", stderr)
	}
	if strings.Contains(out, "skipped for implausible dates") {
		t.Errorf("the output names records of a team left out:\n%.2000s", out)
	}
	exact, stderr, err := runStoreCmd(t, ward, (*app).summaryCmd, "--format", "csv", "--exact", ward, fut)
	if err != nil {
		t.Fatalf("summary --exact: %v\n%s", err, stderr)
	}
	if !strings.Contains(exact, "skipped for implausible dates") || strings.Contains(stderr, "of teams left out") {
		t.Errorf("--exact does not name them as ever:\n%.2000s\n%s", exact, stderr)
	}
}
