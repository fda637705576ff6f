package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"time"
)

// bandEdited is an export with the access band of its first n rows of a
// current assessment banded "none" changed to "significant", leaving their
// answers as they were (a spreadsheet's fill-down, a hand edit), and the
// lines of the rows changed.
func bandEdited(t *testing.T, format string, export []byte, n int) ([]byte, []int) {
	t.Helper()
	var lines []int
	if format == InputNDJSON {
		ls := strings.SplitAfter(string(export), "\n")
		for i, l := range ls {
			if len(lines) < n && strings.Contains(l, `"bands":{"access":"none"`) && !strings.Contains(l, `"status":"entered-in-error"`) {
				ls[i] = strings.Replace(l, `"bands":{"access":"none"`, `"bands":{"access":"significant"`, 1)
				lines = append(lines, i+1)
			}
		}
		return []byte(strings.Join(ls, "")), lines
	}
	rows, err := csv.NewReader(bytes.NewReader(export)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for i, r := range rows[1:] {
		if len(lines) < n && r[col["band_access"]] == "none" && r[col["status"]] == "completed" {
			r[col["band_access"]] = "significant"
			lines = append(lines, i+2)
		}
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = bytes.Contains(export, []byte("\r\n"))
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), lines
}

// An export passes through spreadsheets, where a band can be changed (a
// fill-down, a hand edit) while the answers it is worked out from stay.
// Such rows were counted as they stood, with no word: 30 rows of team A's
// export changed from "none" to "significant" moved the access table by
// 25 patients. Each row's bands are now worked out again from its answers,
// by its instrument version, and an export with rows whose bands do not
// follow is refused, naming the file, each row's line and what it says
// beside what its answers give; an export as it was written, of either
// instrument version, is read as before.
func TestAnExportRowWhoseBandsAreNotThoseItsAnswersGiveIsNamedAndRefused(t *testing.T) {
	st := storeOf(t, nil)
	if _, err := Synthesise(st, SyntheticOptions{Count: 400, Seed: 13, From: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 6, 25, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{InputCSV, InputNDJSON} {
		var b bytes.Buffer
		var err error
		if format == InputCSV {
			_, err = ExportCSV(&b, st, ExportOptions{Key: testKey, Location: time.UTC})
		} else {
			_, err = ExportNDJSON(&b, st, ExportOptions{Key: testKey, Location: time.UTC})
		}
		if err != nil {
			t.Fatal(err)
		}
		add := func(in *Inputs, data []byte, name string) error {
			if format == InputCSV {
				return in.AddCSV(bytes.NewReader(data), name)
			}
			return in.AddNDJSON(bytes.NewReader(data), name)
		}
		// As written: every row's bands are those its answers give.
		clean := &Inputs{CheckBands: true}
		if err := add(clean, b.Bytes(), "A."+format); err != nil {
			t.Fatalf("%s export as written refused: %v", format, err)
		}
		s := summarise(t, clean, Options{By: Month, Exact: true})
		if len(s.Versions) != 2 {
			t.Errorf("%s: versions %v, want rows of both instrument versions checked", format, s.Versions)
		}

		edited, lines := bandEdited(t, format, b.Bytes(), 30)
		if len(lines) != 30 {
			t.Fatalf("%s: only %d rows to edit", format, len(lines))
		}
		err = add(&Inputs{CheckBands: true}, edited, "A_band."+format)
		if err == nil {
			t.Fatalf("%s export with 30 bands edited was read", format)
		}
		msg := err.Error()
		for _, want := range []string{
			fmt.Sprintf("A_band.%s:%d: access band significant, but its answers give none", format, lines[0]),
			fmt.Sprintf("A_band.%s:%d:", format, lines[1]),
			"30 rows of A_band." + format + " have bands that are not those their answers give",
			"nothing of the file is counted",
		} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: the refusal does not say %q:\n%s", format, want, msg)
			}
		}
		// A version is named, so the QI lead can see which rules gave it.
		if !strings.Contains(msg, "by instrument version ") {
			t.Errorf("%s: the refusal names no instrument version:\n%s", format, msg)
		}
	}
}
