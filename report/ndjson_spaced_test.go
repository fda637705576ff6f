package report

import (
	"bytes"
	"strings"
	"testing"
)

// spaced is an NDJSON line re-written as Python's json.dumps(o,
// separators=(", ", ": ")) writes it: a space after each comma and colon
// between values, none inside a string.
func spaced(line []byte) []byte {
	var out []byte
	in, esc := false, false
	for _, c := range line {
		out = append(out, c)
		switch {
		case esc:
			esc = false
		case in && c == '\\':
			esc = true
		case c == '"':
			in = !in
		case !in && (c == ',' || c == ':'):
			out = append(out, ' ')
		}
	}
	return out
}

// An NDJSON export whose record lines a tool parsed and wrote back with a
// space after each comma and colon, its values the same, was refused as
// "this line has been changed since it was exported": the row check, made
// from the values, was looked for as "row_check":" and not found. It is
// now read and summarised as the export as written, and a value changed
// in a line so re-written (a team renamed) is still refused.
func TestAnNDJSONExportRewrittenWithSpacesIsReadAndItsEditsStillCaught(t *testing.T) {
	next := 0
	rs := bulk(t, &next, 30, fixture{day: "2025-01-06", team: "Ward 7"})
	rs = append(rs, bulk(t, &next, 30, fixture{day: "2025-02-03", team: "Ward 9"})...)
	st := storeOf(t, rs)
	var b bytes.Buffer
	if _, err := ExportNDJSON(&b, st, ExportOptions{Key: testKey}); err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(b.Bytes(), []byte("\n"))
	rewrite := func(edit func(i int, l []byte) []byte) []byte {
		var out []byte
		for i, l := range lines {
			if bytes.Contains(l, []byte(`"digicheck_export"`)) {
				out = append(out, l...) // the marks as they were
				continue
			}
			out = append(out, edit(i, spaced(l))...)
		}
		return out
	}
	summary := func(file []byte) (string, error) {
		in := &Inputs{}
		if err := in.AddNDJSON(bytes.NewReader(file), "spaced.ndjson"); err != nil {
			return "", err
		}
		s, err := in.Summarise(Options{By: Month, Exact: true})
		if err != nil {
			return "", err
		}
		var w bytes.Buffer
		if err := s.WriteCSV(&w); err != nil {
			t.Fatal(err)
		}
		return w.String(), nil
	}
	want, err := summary(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	file := rewrite(func(_ int, l []byte) []byte { return l })
	if !bytes.Contains(file, []byte(`"row_check": "`)) {
		t.Fatalf("not re-written with spaces:\n%.400s", file)
	}
	got, err := summary(file)
	if err != nil {
		t.Fatalf("the export re-written with spaces, values the same, is refused: %v", err)
	}
	if got != want {
		t.Errorf("the export re-written with spaces is summarised otherwise than as written:\n%.600s\nwant\n%.600s", got, want)
	}
	renamed := rewrite(func(i int, l []byte) []byte {
		if i == 3 {
			return bytes.Replace(l, []byte(`"team": "Ward 7"`), []byte(`"team": "Ward 9"`), 1)
		}
		return l
	})
	if bytes.Equal(renamed, file) {
		t.Fatal("no team renamed")
	}
	if _, err := summary(renamed); err == nil || !strings.Contains(err.Error(), "spaced.ndjson:4") || !strings.Contains(err.Error(), "changed since it was exported") {
		t.Errorf("a team renamed in a line re-written with spaces: %v, want refused naming line 4", err)
	}
}
