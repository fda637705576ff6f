package report

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestAnExportCutShortIsRefusedNamingTheFileAndItsLastLine: an export
// whose copy was interrupted ends inside a row, with no line ending
// after it, where every row of an export has one. Cut just before the
// last row's line ending the row still reads whole, and the file was
// summarised as the whole export (one assessment fewer, or a version
// amended counted as current); cut inside a row it was refused as "wrong
// number of fields" or "unexpected end of JSON input". Each is now
// refused, naming the file and the line, and saying it was cut short.
func TestAnExportCutShortIsRefusedNamingTheFileAndItsLastLine(t *testing.T) {
	st := storeOf(t, records(t, wardFixtures()))
	var csvOut, ndjson bytes.Buffer
	if _, err := ExportCSV(&csvOut, st, ExportOptions{Key: testKey, Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	if _, err := ExportNDJSON(&ndjson, st, ExportOptions{Key: testKey, Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	csvLines, ndLines := strings.Count(csvOut.String(), "\n"), strings.Count(ndjson.String(), "\n")
	for _, c := range []struct {
		name string
		b    []byte
		line int
	}{
		{"ending.csv", csvOut.Bytes()[:csvOut.Len()-2], csvLines},
		{"row.csv", csvOut.Bytes()[:csvOut.Len()-40], csvLines},
		{"ending.ndjson", ndjson.Bytes()[:ndjson.Len()-1], ndLines},
		{"row.ndjson", ndjson.Bytes()[:bytes.LastIndexByte(ndjson.Bytes()[:ndjson.Len()-1], '\n')+1-40], ndLines - 1},
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
		want := c.name + ":" + strconv.Itoa(c.line) + ": "
		if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "cut short") {
			t.Errorf("%s: %v; want a refusal beginning %q that says the file was cut short", c.name, err, want)
		}
	}
	// Whole, each is read.
	in := &Inputs{}
	if err := in.AddCSV(bytes.NewReader(csvOut.Bytes()), "whole.csv"); err != nil {
		t.Fatal(err)
	}
	if err := in.AddNDJSON(bytes.NewReader(ndjson.Bytes()), "whole.ndjson"); err != nil {
		t.Fatal(err)
	}
}

// TestAPipeIsRefusedSayingToSaveTheExportToAFile: `digicheck export |
// digicheck summary /dev/stdin` failed with "seek /dev/stdin: illegal
// seek": a summary reads an export twice, which a pipe cannot give. It is
// refused saying so, and what to do.
func TestAPipeIsRefusedSayingToSaveTheExportToAFile(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	go func() {
		w.WriteString("{}\n")
		w.Close()
	}()
	in := &Inputs{}
	err = in.AddNDJSON(r, "/dev/stdin")
	if err == nil || strings.Contains(err.Error(), "illegal seek") || !strings.Contains(err.Error(), "pipe") || !strings.Contains(err.Error(), "file") {
		t.Errorf("%v; want a refusal that says a pipe cannot be read and to save the export to a file", err)
	}
}
