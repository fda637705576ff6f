package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// What was done to an export's line ends, said as it was done. An NDJSON
// export with CR-only line ends was told to be saved again "as CSV
// UTF-8", which makes no NDJSON export. A CSV export with CR-only line
// ends and one LF at its end, with CR CR LF, or with a space between each
// CR and LF, was told a comma had been added at each line's end, in the
// field of a "column" named with the CR and the next line's text in it
// ("comms_respondent\x0de85596e3-..."). An NDJSON export pretty-printed
// (jq ., json.dumps with indent) was refused with "not a digicheck
// record: unexpected end of JSON input", saying neither what happened nor
// what to do. Each now says what happened, names the real column, and
// what to do.
func TestAnExportWithItsLineEndsChangedIsToldWhatHappened(t *testing.T) {
	st := storeOf(t, records(t, wardFixtures()))
	var csvOut, ndjson bytes.Buffer
	if _, err := ExportCSV(&csvOut, st, ExportOptions{Key: testKey, Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	if _, err := ExportNDJSON(&ndjson, st, ExportOptions{Key: testKey, Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	csvB := csvOut.Bytes()
	header, _, _ := strings.Cut(csvOut.String(), "\r\n")
	lastColumn := header[strings.LastIndexByte(header, ',')+1:]
	var pretty bytes.Buffer
	for l := range bytes.Lines(ndjson.Bytes()) {
		var v any
		if err := json.Unmarshal(l, &v); err != nil {
			t.Fatal(err)
		}
		b, _ := json.MarshalIndent(v, "", " ")
		pretty.Write(append(b, '\n'))
	}
	for _, c := range []struct {
		name          string
		b             []byte
		says, notSays []string
	}{
		{"mac.ndjson", bytes.ReplaceAll(ndjson.Bytes(), []byte("\n"), []byte("\r")),
			[]string{"carriage return (CR) alone", "export it again", "LF"}, []string{"CSV UTF-8", "CSV (Macintosh)"}},
		{"cr-then-lf.csv", append(bytes.ReplaceAll(csvB, []byte("\r\n"), []byte("\r")), '\n'),
			[]string{"carriage return (CR) alone", `"` + lastColumn + `"`, "CSV UTF-8"}, []string{"comma", `\x0d`}},
		{"crcrlf.csv", bytes.ReplaceAll(csvB, []byte("\r\n"), []byte("\r\r\n")),
			[]string{"CR CR LF", `"` + lastColumn + `"`, "as it was exported"}, []string{"comma", `\x0d`}},
		{"crspacelf.csv", bytes.ReplaceAll(csvB, []byte("\r\n"), []byte("\r \n")),
			[]string{"between a line's CR and its LF", `"` + lastColumn + `"`, "as it was exported"}, []string{"comma", `\x0d`}},
		{"comma.csv", bytes.ReplaceAll(csvB, []byte("\r\n"), []byte("\r,\n")),
			[]string{"comma", `"` + lastColumn + `"`}, []string{`\x0d`}},
		{"pretty.ndjson", pretty.Bytes(),
			[]string{"one record to a line", "pretty-printed", "as it was exported", "export it again"}, []string{"unexpected end of JSON input"}},
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
		for _, w := range c.says {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %v\nwant it to say %q", c.name, err, w)
			}
		}
		for _, w := range c.notSays {
			if strings.Contains(err.Error(), w) {
				t.Errorf("%s: %v\nsays %q", c.name, err, w)
			}
		}
	}
}
