package report

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// Two things done to an export in a spreadsheet or a script were refused
// with words that blamed what had not happened. Every row sorted, the end
// mark's row with them, was "incomplete ... rows are missing", with no row
// missing; a comma added at each line's end of the CRLF file, after the CR,
// was "this row has been changed" at the first row whose last field was
// not empty, though every line was changed alike. Both are still refused,
// saying what was done; a row deleted is still said to be missing.
func TestAnExportSortedOrWithItsLineEndsChangedIsRefusedSayingSo(t *testing.T) {
	next := 0
	rs := bulk(t, &next, 20, fixture{day: "2025-01-06", team: "Ward 7"})
	st := storeOf(t, rs)
	var b bytes.Buffer
	if _, err := ExportCSV(&b, st, ExportOptions{Key: testKey}); err != nil {
		t.Fatal(err)
	}
	crlf := bytes.Contains(b.Bytes(), []byte("\r\n"))
	sep := []byte("\n")
	if crlf {
		sep = []byte("\r\n")
	}
	lines := bytes.Split(bytes.TrimSuffix(b.Bytes(), sep), sep)
	join := func(ls [][]byte) []byte { return append(bytes.Join(ls, sep), sep...) }
	read := func(file []byte) error {
		in := &Inputs{}
		err := in.AddCSV(bytes.NewReader(file), "edited.csv")
		if err == nil {
			_, err = in.Summarise(Options{By: Month, Exact: true})
		}
		return err
	}
	if err := read(b.Bytes()); err != nil {
		t.Fatalf("the export as written: %v", err)
	}
	// Every row below the header sorted, the end mark's among them: it
	// sorts (its id field's words "end of export ...") before rows of
	// ids starting with f.
	body := slices.Clone(lines[1:])
	slices.SortFunc(body, func(x, y []byte) int { return bytes.Compare(x, y) })
	if bytes.Contains(body[len(body)-1], []byte("end of export")) {
		// Moved to the middle, as a sort by another column puts it.
		body[len(body)/2], body[len(body)-1] = body[len(body)-1], body[len(body)/2]
	}
	sorted := join(append([][]byte{lines[0]}, body...))
	err := read(sorted)
	if err == nil || !strings.Contains(err.Error(), "sorted or moved") || strings.Contains(err.Error(), "missing") {
		t.Errorf("every row sorted, the end mark's too: %v, want refused as sorted, not missing", err)
	}
	deleted := join(slices.Delete(slices.Clone(lines), 5, 6))
	if err := read(deleted); err == nil || !strings.Contains(err.Error(), "missing") || !strings.Contains(err.Error(), "19 were read") {
		t.Errorf("a row deleted: %v, want refused as missing", err)
	}
	// A comma added at each line's end after its CR, as a tool splitting
	// the file at LF adds it: the CR stands in the last field.
	if !crlf {
		t.Fatal("the export's lines do not end in CRLF")
	}
	{
		var out [][]byte
		for _, l := range bytes.Split(b.Bytes(), []byte("\n")) {
			if len(l) > 0 {
				out = append(out, append(slices.Clone(l), ','))
			}
		}
		commas := append(bytes.Join(out, []byte("\n")), '\n')
		err := read(commas)
		if err == nil || !strings.Contains(err.Error(), "edited.csv:1:") || !strings.Contains(err.Error(), "line ends were changed") {
			t.Errorf("a comma after each line's CR: %v, want refused at line 1 as line ends changed", err)
		}
	}
	// A comma added at each line's end before its line end is an empty
	// column more, and reads as the export.
	var out [][]byte
	for _, l := range lines {
		out = append(out, append(slices.Clone(l), ','))
	}
	if err := read(join(out)); err != nil {
		t.Errorf("a comma at each line's end, before its line end: %v", err)
	}
}
