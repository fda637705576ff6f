package main

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"digicheck/report"
)

// Damaged stores, item 2: one page of records zeroed. check said how many
// records could be read, a count that disagreed with the export's, and
// named none of the records lost, though the export names each (the
// patient index holds every record's id). check counts as the export
// does, the records read and those lost, and names every one it lost.
func TestCheckCountsAndNamesTheRecordsOfALostPageAsTheExportDoes(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 40)
	zeroRecordsLeaf(t, path, 2)
	out, _, err := runStoreCmd(t, path, (*app).checkCmd)
	if err == nil {
		t.Fatalf("check passed a store with a lost page:\n%s", out)
	}
	exp, stderr, _ := runStoreCmd(t, path, (*app).exportCmd, "--format", "ndjson", "--identifiable")
	read, lost := 0, []string{}
	for _, l := range exportLines(exp) {
		var v struct{ ID, Status string }
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("export line %q: %v\n%s", l, err, stderr)
		}
		if v.Status == report.StatusUnreadable {
			lost = append(lost, v.ID)
		} else {
			read++
		}
	}
	if len(lost) == 0 {
		t.Fatalf("the export lost no record:\n%s", stderr)
	}
	m := regexp.MustCompile(`Records: (\d+) could be read, and (\d+) more`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("check does not say how many were read and how many lost:\n%s", out)
	}
	if n, _ := strconv.Atoi(m[1]); n != read {
		t.Errorf("check read %d records, the export %d", n, read)
	}
	if n, _ := strconv.Atoi(m[2]); n != len(lost) {
		t.Errorf("check lost %d records, the export %d", n, len(lost))
	}
	for _, id := range lost {
		if !strings.Contains(out, "\n  "+id+" ") {
			t.Errorf("check does not name the lost record %s:\n%s", id, out)
		}
	}
}
