package store

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// nhsNumbers is n valid NHS numbers (their check digit right), from
// 999 000 0000 up.
func nhsNumbers(n int) []string {
	var out []string
	for base := 999000000; len(out) < n; base++ {
		digits := fmt.Sprintf("%09d", base)
		sum := 0
		for i, d := range digits {
			sum += int(d-'0') * (10 - i)
		}
		check := 11 - sum%11
		if check == 11 {
			check = 0
		}
		if check == 10 {
			continue
		}
		out = append(out, fmt.Sprintf("%s%d", digits, check))
	}
	return out
}

// One bit flipped in a patient's number in a key of the patient index,
// on a leaf of an index of several pages, puts the leaf's keys out of
// order. check said "Assessments: not counted, as the store's structure
// is damaged" and "the patient index is damaged ... (for IT: page 20
// (patients): key 12 ...)": nothing a clinician could act on. It now
// names the entry (the number it is filed as, the record it names, the
// patients beside it), says the records themselves are intact and how
// many, and what to do.
func TestAPatientIndexKeyOutOfOrderIsSaidAsWhoseEntryWithTheRecordsIntact(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "digicheck.db")
	s, err := Open(path, Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	patients := nhsNumbers(150)
	var saved []string
	for _, p := range patients {
		r := save(t, s, assessed(t, p))
		saved = append(saved, r.ID.String())
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// A patient in the middle of a leaf: its key is on the file once
	// (the first key of a leaf is on its parent too).
	victim := -1
	for i := 60; i < len(patients)-1; i++ {
		if bytes.Count(raw, []byte("nhs\x00"+patients[i]+"\x00")) == 1 {
			victim = i
			break
		}
	}
	if victim < 0 {
		t.Fatal("no patient's index key is on the file once")
	}
	at := bytes.Index(raw, []byte("nhs\x00"+patients[victim]+"\x00")) + 4
	raw[at] ^= 0x02 // '9' becomes ';'
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path, Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	text := rep.String()
	said := strings.Join(strings.Fields(text), " ")
	if rep.OK() {
		t.Fatalf("check passes a patient index with a key out of order:\n%s", text)
	}
	for _, want := range []string{
		`filed as patient ";` + patients[victim][1:] + `"`,
		saved[victim],
		"The records themselves are intact: all 150 were read and pass their checks",
		"Records: 150 could be read, every one",
		"digicheck export --format ndjson --identifiable",
	} {
		if !strings.Contains(said, want) {
			t.Errorf("check does not say %q:\n%s", want, text)
		}
	}
	if strings.Contains(said, "structure is damaged") {
		t.Errorf("check says the store's structure is damaged in general, not what is affected:\n%s", text)
	}
}
