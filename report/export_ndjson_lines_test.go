package report

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"digicheck/record"
	"digicheck/store"
)

// An NDJSON export of one quarter decodes the quarter's records, not the
// year's: a record outside the period is passed over on the word of its
// head (its id and time), read without decoding the rest. It decoded
// every record of the store whatever the dates, so a quarter cost nearly
// the CPU of the year.
func TestAnNDJSONExportOfAQuarterDecodesOnlyTheQuartersRecords(t *testing.T) {
	st := syntheticStore(t, 800, 19)
	o := ExportOptions{Key: testKey, Unreadable: &Unreadables{}, Location: time.UTC,
		From: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)}
	var b bytes.Buffer
	before := store.RecordsDecoded()
	n, err := ExportNDJSON(&b, st, o)
	decoded := store.RecordsDecoded() - before
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 || n > 300 || strings.Count(b.String(), "\n") != n+2 {
		t.Fatalf("the quarter's export holds %d records in %d lines: want about a quarter of 800", n, strings.Count(b.String(), "\n"))
	}
	if decoded != int64(n) {
		t.Errorf("the export of a quarter of %d records decoded %d records of the store's 800: want only those in the quarter", n, decoded)
	}
	// What it writes is what a summary of the store counts for the quarter.
	in := &Inputs{}
	if err := in.AddNDJSON(bytes.NewReader(b.Bytes()), "q.ndjson"); err != nil {
		t.Fatal(err)
	}
	got := summarise(t, in, Options{Exact: true})
	want, err := SummariseStore(st, Options{Exact: true, Location: time.UTC, From: o.From, To: o.To})
	if err != nil {
		t.Fatal(err)
	}
	for i := range want.Cells {
		if got.Cells[i].Count != want.Cells[i].Count {
			t.Errorf("%s: the quarter's export %d, the store's quarter %d", key(want.Cells[i]), got.Cells[i].Count, want.Cells[i].Count)
		}
	}
}

// The records are decoded and their lines made on every core, a few dozen
// at a time, and written in the store's order: an identifiable export of
// more records than one chunk of the store's reading holds (1,024) is
// each record's JSON, as encoding/json writes it, in id order, with its
// row check after it.
func TestAnNDJSONExportMadeOnEveryCoreWritesEachRecordInTheStoresOrder(t *testing.T) {
	st := syntheticStore(t, 2600, 19)
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	count := 0
	if err := st.EachPast(nil, func(r record.Record) error {
		count++
		return enc.Encode(&r)
	}, nil); err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	n, err := ExportNDJSON(&got, st, ExportOptions{Identifiable: true, Unreadable: &Unreadables{}})
	if err != nil || n != count || count != 2600 {
		t.Fatalf("ExportNDJSON = %d, %v; the store holds %d", n, err, count)
	}
	if !bytes.HasPrefix(got.Bytes(), markLine(MarkStart, -1, nil)) || !bytes.Contains(got.Bytes(), []byte("\n"+`{"digicheck_export":"end","records":`+strconv.Itoa(count)+`,"to":`)) || !bytes.HasSuffix(got.Bytes(), []byte("\"}\n")) {
		t.Errorf("the export does not start and end with its end mark's lines")
	}
	lines := regexp.MustCompile(`,"`+RowCheckColumn+`":"[a-p]{16}"}\n`).ReplaceAll(withoutMarkLines(got.Bytes()), []byte("}\n"))
	if n := bytes.Count(withoutMarkLines(got.Bytes()), []byte(`"`+RowCheckColumn+`"`)); n != count {
		t.Errorf("%d lines carry a row check, want every one of %d", n, count)
	}
	if !bytes.Equal(lines, want.Bytes()) {
		g, w := strings.Split(string(lines), "\n"), strings.Split(want.String(), "\n")
		for i := range min(len(g), len(w)) {
			if g[i] != w[i] {
				t.Fatalf("line %d of %d differs:\n got %.200s\nwant %.200s", i+1, len(w), g[i], w[i])
			}
		}
		t.Fatalf("%d lines, want %d", len(g), len(w))
	}
}
