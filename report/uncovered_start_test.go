package report

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// An export made --from a day inside a month ("since our last report",
// export --from 2026-03-15), summarised for that month, counted half the
// month as the month: the only word was "(partial)" in the table of
// periods; the JSON notes and standard error said nothing, as they say
// of a month the inputs do not cover to its end. The month no input
// covers from its start is now said, with the same note, in every format.
func TestASpanNoInputCoversFromItsStartIsSaidAsOneNotCoveredToItsEndIs(t *testing.T) {
	from := time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)
	_, since := fromInsideExports(t, from, "Ward 9")
	in := &Inputs{}
	addExport(t, in, bytes.NewReader(since), "ward9.ndjson", FormatNDJSON)
	s, err := in.Summarise(Options{Exact: true, Location: time.UTC, By: Month,
		From: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	note := s.UncoveredNote()
	if !strings.Contains(note, "No input covers 2026-03 from its start") || !strings.Contains(note, "export again for dates from 2026-03-01") {
		t.Errorf("UncoveredNote of a month an export starts inside = %q", note)
	}
	if strings.Contains(note, "15") {
		t.Errorf("UncoveredNote names the day the export starts: %q", note)
	}
	var js bytes.Buffer
	if err := s.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(oneLine(js.String()), "No input covers 2026-03 from its start") {
		t.Errorf("the JSON notes do not say so:\n%s", js.String())
	}
	// A month the export covers from its start is not said to be uncovered.
	s, err = in.Summarise(Options{Exact: true, Location: time.UTC, By: Month,
		From: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 4, 30, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if note := s.UncoveredNote(); note != "" {
		t.Errorf("UncoveredNote of a month the export covers = %q", note)
	}
}
