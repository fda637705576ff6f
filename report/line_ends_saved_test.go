package report

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// An export saved again by Excel for Mac as "CSV (Macintosh)", its line
// ends carriage returns (CR) alone, and one saved by an editor that
// leaves off the last line ending, were refused as "cut short ... (a copy
// or a download interrupted?) ... copy it again": nothing was missing,
// and copying it again would not help. A file of CR line ends is now
// refused saying so, and to save it as CSV UTF-8 with Windows or Unix
// line ends or to summarise the file as exported; a last line with no
// line ending, saying that a program that leaves it off may have saved
// it, as well as that a copy may have been cut short.
func TestAnExportSavedWithOtherLineEndsSaysWhatIsWrongAndWhatToDo(t *testing.T) {
	st := storeOf(t, records(t, wardFixtures()))
	var csvOut, ndjson bytes.Buffer
	if _, err := ExportCSV(&csvOut, st, ExportOptions{Key: testKey, Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	if _, err := ExportNDJSON(&ndjson, st, ExportOptions{Key: testKey, Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	crOnly := bytes.ReplaceAll(csvOut.Bytes(), []byte("\r\n"), []byte("\r"))
	for _, c := range []struct {
		name          string
		b             []byte
		says, notSays []string
	}{
		{"mac.csv", crOnly, []string{"carriage return", "CSV UTF-8", "as it was exported"}, []string{"cut short", "copy it again"}},
		{"mac.ndjson", bytes.ReplaceAll(ndjson.Bytes(), []byte("\n"), []byte("\r")), []string{"carriage return", "as it was exported"}, []string{"cut short"}},
		{"no-last-ending.csv", csvOut.Bytes()[:csvOut.Len()-2], []string{"no line ending", "leaves off the last line ending", "as it was exported"}, nil},
		{"no-last-ending.ndjson", ndjson.Bytes()[:ndjson.Len()-1], []string{"no line ending", "leaves off the last line ending", "as it was exported"}, nil},
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
