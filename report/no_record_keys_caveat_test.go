package report

import (
	"regexp"
	"strings"
	"testing"
)

// A pseudonymised export with its record_key column taken out (as
// docs/disclosure.md advises before sharing it) is rounded by its own
// ids, so some of its counts differ by 5 from the store's, or show "*"
// where the store's summary shows 10. Only standard error said so: the
// published summary read exactly like one of the store, and whoever
// later published from the store could not see that the two must not
// both go out. Every format now carries the caveat, saying what it means
// for the counts; a summary of the export as exported carries none, and
// neither does an --exact summary: nothing in it is rounded or
// suppressed, so its counts are the store's whatever keys the rows carry,
// and the caveat there said what was not so.
func TestASummaryOfAnExportWithoutRecordKeysSaysSoInEveryFormat(t *testing.T) {
	const caveat = "NO RECORD KEYS"
	csvExport := syntheticExport(t, FormatCSV)
	ndjsonExport := syntheticExport(t, FormatNDJSON)
	for _, c := range []struct {
		name, format string
		b            []byte
		keyless      bool
	}{
		{"nokey.csv", FormatCSV, withoutCSVColumn(t, csvExport, RecordKeyColumn), true},
		{"nokey.ndjson", FormatNDJSON, regexp.MustCompile(`,"`+RecordKeyColumn+`":"[0-9a-f]{8}"`).ReplaceAll(ndjsonExport, nil), true},
		{"whole.csv", FormatCSV, csvExport, false},
	} {
		for _, exact := range []bool{false, true} {
			in := &Inputs{}
			if err := addExportErr(in, c.b, c.name, c.format); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if got := len(in.UnkeyedWarnings()) > 0; got != c.keyless {
				t.Fatalf("%s: warned of no record keys on standard error: %v, want %v", c.name, got, c.keyless)
			}
			s, err := in.Summarise(Options{Exact: exact})
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			for format, out := range publishedIn(t, s) {
				flat := oneLine(out)
				says := strings.Contains(flat, caveat)
				if want := c.keyless && !exact; says != want {
					t.Errorf("%s exact=%v %s: says %s: %v, want %v:\n%.800s", c.name, exact, format, caveat, says, want, out)
				}
				if says && (!strings.Contains(flat, "5 higher or lower") || !strings.Contains(flat, "must not be published beside a summary of the store")) {
					t.Errorf("%s exact=%v %s: the caveat does not say what it means for the counts:\n%.800s", c.name, exact, format, out)
				}
			}
		}
	}
}
