package store

import (
	"strings"
	"testing"
	"time"
)

// A record check cannot read is named with the time its id holds, which is
// when its assessment was begun, not when it was saved (a minute or more
// later): IT matching it against a note pasted into the patient record by
// its time would be out. It is said as begun, in local time as history
// gives times, its zone named.
func TestALostRecordIsNamedWithTheTimeItsAssessmentWasBegun(t *testing.T) {
	// A UUIDv7 whose first 48 bits are 2026-12-07 19:31:05.000 UTC.
	const id = "01a251fd-00a8-7000-8000-000000000001"
	// In local time, as history gives times, its zone named.
	begun := time.Date(2026, 12, 7, 19, 31, 5, 0, time.UTC).Local().Format("2006-01-02 15:04 MST")
	for name, got := range map[string]string{
		"lost record": lostIDText(id),
		"lost span":   spanText(keyRange{lo: []byte(id)}),
	} {
		if !strings.Contains(got, id+" (begun "+begun+")") {
			t.Errorf("%s: %q, want the id with (begun %s)", name, got, begun)
		}
		if strings.Contains(got, "saved") {
			t.Errorf("%s: %q says the id's time is when it was saved", name, got)
		}
	}
}
