package report

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// An export whose lines end LF CR (each line's CR moved after its LF, as
// a tool that reverses line ends leaves it), or whose header ends CRLF
// over rows ended by CR alone (rows pasted in from a Mac file), was
// refused with the CSV or JSON parser's own words ("bare \" in
// non-quoted field", "invalid character '\r'"), saying neither what was
// wrong nor what to do. Each is now said in words: what the line ends
// are, that every export ends its lines CRLF (CSV) or LF (NDJSON), and
// what to do.
func TestAnExportWithLineEndsMixedOrReversedIsToldInWords(t *testing.T) {
	st := storeOf(t, records(t, wardFixtures()))
	var csvOut, ndjson bytes.Buffer
	if _, err := ExportCSV(&csvOut, st, ExportOptions{Key: testKey, Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	if _, err := ExportNDJSON(&ndjson, st, ExportOptions{Key: testKey, Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	csvB, nd := csvOut.Bytes(), ndjson.Bytes()
	csvHead, csvRows, _ := bytes.Cut(csvB, []byte("\r\n"))
	ndHead, ndRows, _ := bytes.Cut(nd, []byte("\n"))
	join := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	for _, c := range []struct {
		name string
		b    []byte
	}{
		{"lfcr.csv", bytes.ReplaceAll(csvB, []byte("\r\n"), []byte("\n\r"))},
		{"lfcr.ndjson", bytes.ReplaceAll(nd, []byte("\n"), []byte("\n\r"))},
		{"crlf-head-cr-rows.csv", join(csvHead, []byte("\r\n"), bytes.ReplaceAll(csvRows, []byte("\r\n"), []byte("\r")))},
		{"crlf-head-cr-rows-lf-end.csv", join(csvHead, []byte("\r\n"), bytes.ReplaceAll(csvRows, []byte("\r\n"), []byte("\r")), []byte("\n"))},
		{"lf-head-cr-lines.ndjson", join(ndHead, []byte("\n"), bytes.ReplaceAll(ndRows, []byte("\n"), []byte("\r")), []byte("\n"))},
	} {
		in := &Inputs{}
		var err error
		if strings.HasSuffix(c.name, ".csv") {
			err = in.AddCSV(bytes.NewReader(c.b), c.name)
		} else {
			err = in.AddNDJSON(bytes.NewReader(c.b), c.name)
		}
		if err == nil {
			_, err = in.Summarise(Options{Exact: true, Location: time.UTC})
		}
		if err == nil {
			t.Errorf("%s: read", c.name)
			continue
		}
		said := err.Error()
		for _, w := range []string{"line ends", "as it was exported"} {
			if !strings.Contains(said, w) {
				t.Errorf("%s: %v\nwant it to say %q", c.name, err, w)
			}
		}
		for _, w := range []string{"bare \"", "invalid character", "parse error", `\r`, `\x0d`, "wrong number of fields", "not a digicheck record"} {
			if strings.Contains(said, w) {
				t.Errorf("%s: %v\nsays the parser's %q", c.name, err, w)
			}
		}
	}
}
