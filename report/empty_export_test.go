package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAnExportHoldingNoRecordsIsRefusedNamingItUnlessAllowed: a 0-byte
// CSV or NDJSON file (a copy or download that failed), or a CSV of its
// header row only, beside a store was read as an export that held
// nothing, with no word, and a team's data went missing from the
// summary. Each is refused, naming the file and asking whether it is a
// failed copy; AllowEmpty (summary --allow-empty), for an export of a
// span that had no assessments, counts it as nothing.
func TestAnExportHoldingNoRecordsIsRefusedNamingItUnlessAllowed(t *testing.T) {
	dir := t.TempDir()
	header := csvHeaderLine() // an earlier build's, with no end mark
	var whole strings.Builder // this build's export of no records
	if err := endRow(&whole, csvColumns, 0, "", ExportSpan{}, newFileSummer()); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, content, why string }{
		{"team b.csv", "", "0 bytes"},
		{"team b.ndjson", "", "0 bytes"},
		{"team b header.csv", header, "its header row"},
		{"team b blank.ndjson", "\n\n", "no record"},
		{"team b marked.csv", strings.Join(csvColumns, ",") + "\r\n" + whole.String(), "its header row"},
		{"team b marked.ndjson", string(markLine(MarkStart, -1, nil)) + string(markLine(MarkEnd, 0, nil)), "no record"},
	} {
		p := filepath.Join(dir, c.name)
		if err := os.WriteFile(p, []byte(c.content), 0o600); err != nil {
			t.Fatal(err)
		}
		for _, allow := range []bool{false, true} {
			f, err := os.Open(p)
			if err != nil {
				t.Fatal(err)
			}
			in := &Inputs{AllowEmpty: allow}
			if strings.HasSuffix(c.name, ".csv") {
				err = in.AddCSV(f, p)
			} else {
				err = in.AddNDJSON(f, p)
			}
			f.Close()
			switch {
			case allow && err != nil:
				t.Errorf("%s with AllowEmpty: %v; want it counted as nothing", c.name, err)
			case !allow && err == nil:
				t.Errorf("%s is read as an export holding nothing, with no word", c.name)
			case !allow && (!strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), "holds no records") ||
				!strings.Contains(err.Error(), "a failed copy?") || !strings.Contains(err.Error(), c.why) || !strings.Contains(err.Error(), "--allow-empty")):
				t.Errorf("%s: %v; want the file named, that it holds no records (%s), a failed copy?, and --allow-empty", c.name, err, c.why)
			}
		}
	}
	// This build's header alone, or its start line alone, is an export
	// cut short, refused as incomplete even with AllowEmpty.
	for name, content := range map[string]string{
		"cut.csv":    strings.Join(csvColumns, ",") + "\r\n",
		"cut.ndjson": string(markLine(MarkStart, -1, nil)),
	} {
		for _, allow := range []bool{false, true} {
			in := &Inputs{AllowEmpty: allow}
			var err error
			if strings.HasSuffix(name, ".csv") {
				err = in.AddCSV(strings.NewReader(content), name)
			} else {
				err = in.AddNDJSON(strings.NewReader(content), name)
			}
			if err == nil || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), "incomplete") {
				t.Errorf("%s (allow empty %v): %v; want it refused as incomplete", name, allow, err)
			}
		}
	}
}
