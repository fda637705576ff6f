package store

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/uuid"

	"digicheck/record"
)

// sameMinute saves records whose UUIDv7 ids share their first 8 and more
// characters, as records made within a minute of each other do.
func sameMinute(t *testing.T, s *Store) []record.Record {
	t.Helper()
	base, _ := uuid.NewV7()
	var out []record.Record
	for i, patient := range []string{nhsPatient, localPatient, nhsPatient} {
		u := base
		u[7] ^= byte(i + 1) // the same millisecond, a different random part
		r := assessed(t, patient)
		r.ID = record.ID(u)
		out = append(out, save(t, s, r))
	}
	return out
}

// TestAmbiguousPrefixListsEveryMatch: a prefix that several records start
// with is refused with each of them named (id, patient, when), so the
// clinician can give the right one at once.
func TestAmbiguousPrefixListsEveryMatch(t *testing.T) {
	s := openTemp(t)
	rs := sameMinute(t, s)
	prefix := rs[0].ID.String()[:8]
	for name, lookup := range map[string]func() error{
		"Find": func() error { _, err := s.Find(prefix); return err },
	} {
		err := lookup()
		if !errors.Is(err, ErrAmbiguous) {
			t.Fatalf("%s(%s) = %v, want ErrAmbiguous", name, prefix, err)
		}
		for _, r := range rs {
			line := r.ID.String() + "  patient " + r.Patient.String() + "  " + r.Time.Local().Format("2006-01-02 15:04:05")
			if !strings.Contains(err.Error(), line) {
				t.Errorf("%s: the error does not list %q:\n%v", name, line, err)
			}
		}
	}
}

// TestShortIDsCanBeTypedBack: the short ids the store gives are unique in
// the store, so each finds its record; ids that differ early are shown to
// the millisecond.
func TestShortIDsCanBeTypedBack(t *testing.T) {
	s := openTemp(t)
	rs := sameMinute(t, s)
	far := assessed(t, nhsPatient)
	u, _ := uuid.Parse(rs[0].ID.String())
	u[0] ^= 0x80
	far.ID = record.ID(u)
	rs = append(rs, save(t, s, far))
	var ids []record.ID
	for _, r := range rs {
		ids = append(ids, r.ID)
	}
	short, err := s.ShortIDs(ids)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		got, err := s.Find(short[r.ID])
		if err != nil || got.ID != r.ID {
			t.Errorf("Get(%s) = %s, %v; want %s", short[r.ID], got.ID, err, r.ID)
		}
		if len(short[r.ID]) >= len(r.ID.String()) {
			t.Errorf("%s is not shortened", r.ID)
		}
	}
	if len(short[far.ID]) != record.ShownIDLen {
		t.Errorf("an id unlike the others is shown as %q, want %d characters", short[far.ID], record.ShownIDLen)
	}
}

// TestSaveRefusesControlCharactersInTypedText: whatever screen or command
// made a record, the store keeps no escape sequence in who made it or why.
func TestSaveRefusesControlCharactersInTypedText(t *testing.T) {
	s := openTemp(t)
	for name, spoil := range map[string]func(*record.Record){
		"clinician":    func(r *record.Record) { r.Clinician = "A\x1b[2J" },
		"team":         func(r *record.Record) { r.Team = "Ward\u202e7" },
		"amend reason": func(r *record.Record) { r.AmendReason = "x\ny" },
	} {
		r := assessed(t, nhsPatient)
		spoil(&r)
		if err := s.Save(&r); !errors.Is(err, ErrInvalidRecord) {
			t.Errorf("%s: Save = %v, want ErrInvalidRecord", name, err)
		}
	}
	r := save(t, s, assessed(t, nhsPatient))
	if _, err := s.Void(r.ID, Voiding{Reason: "wrong\x1b]52;c;eA==\x07patient", Clinician: "R Patel"}); !errors.Is(err, ErrInvalidRecord) {
		t.Errorf("Void with an escape in the reason = %v, want ErrInvalidRecord", err)
	}
}
