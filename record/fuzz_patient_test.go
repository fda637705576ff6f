package record

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// FuzzLocalPatientID: a local hospital number is typed by a clinician, or
// piped in, or read from an export. Whatever is given, NewPatientID must
// not panic, and a number it accepts is kept as a short upper-case code of
// letters, digits and dashes that prints safely, is not an NHS number in
// disguise, and reads back as itself.
//
//	go test -run x -fuzz FuzzLocalPatientID -fuzztime 30s ./record/
func FuzzLocalPatientID(f *testing.F) {
	for _, s := range []string{"RX-1", " rx1234 ", "", "943 476 5919", "9434765919", "ABC-123-456-789-0123", "ABC-123-456-789-01234",
		"x\x1b[2J", "ıd-1", "ſ1", "A\u202e1", "１２３", "--", "a b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := NewPatientID(LocalID, s)
		if _, perr := ParsePatientID(s); perr == nil && strings.TrimSpace(s) == "" {
			t.Fatalf("ParsePatientID accepted %q", s)
		}
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error with no message")
			}
			return
		}
		v := id.Value
		if id.Kind != LocalID || v == "" || len(v) > 20 || strings.Trim(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
			t.Fatalf("%q accepted as %+v", s, id)
		}
		if questionnaire.CheckText(v) != nil {
			t.Fatalf("%q accepted as %q, which does not print safely", s, v)
		}
		if d := strings.ReplaceAll(v, "-", ""); len(d) == 10 && strings.Trim(d, "0123456789") == "" {
			t.Fatalf("%q accepted as a local number, but it is ten digits like an NHS number", s)
		}
		again, err := NewPatientID(LocalID, v)
		if err != nil || again != id {
			t.Fatalf("%q kept as %q, which reads back as %+v, %v", s, v, again, err)
		}
	})
}
