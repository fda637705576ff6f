package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"digicheck/report"
)

var spanEnds = regexp.MustCompile(`records lost: (from|record) ([0-9a-f-]{36})(?:[^\n]* up to (?:and including )?([0-9a-f-]{36}))?`)

// Damaged stores, fault 2: the span of records lost on a page that cannot
// be read ended at a record that was read and exported ('records lost:
// from 019ae414... up to 019fd94d...', 019fd94d exported as completed): a
// span end that is not lost invites re-entry of a saved assessment. When
// the patient index names the records lost, the span runs from the first
// of them up to and including the last, and neither end is a record
// exported as read; check says the same span.
func TestASpanOfLostRecordsEndsAtARecordLost(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 40)
	zeroRecordsLeaf(t, path, 2)
	out, stderr, _ := runStoreCmd(t, path, (*app).exportCmd, "--format", "ndjson", "--identifiable")
	read := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var v struct{ ID, Status string }
		if err := json.Unmarshal([]byte(l), &v); err == nil && v.Status != report.StatusUnreadable {
			read[v.ID] = true
		}
	}
	check, _, _ := runStoreCmd(t, path, (*app).checkCmd)
	for name, text := range map[string]string{"export": strings.Join(strings.Fields(stderr), " "), "check": check} {
		m := spanEnds.FindAllStringSubmatch(text, -1)
		if len(m) == 0 {
			t.Fatalf("%s names no span of records lost:\n%s", name, text)
		}
		for _, sp := range m {
			if read[sp[2]] || read[sp[3]] {
				t.Errorf("%s's span of records lost, from %s up to %s, ends at a record the export read", name, sp[2], sp[3])
			}
			if sp[1] == "from" && !strings.Contains(sp[0], "up to and including") {
				t.Errorf("%s's span does not say its end is lost too: %s", name, sp[0])
			}
		}
	}
}
