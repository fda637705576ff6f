package store

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// keptDraft is a store holding one draft of nhsPatient, let go of (as a
// window that closed leaves it), and that draft.
func keptDraft(t *testing.T) (*Store, Draft) {
	t.Helper()
	s := openTemp(t)
	d := draftOf(t, nhsPatient)
	d.Answers[questionnaire.LinkAfford] = []string{"never"}
	if err := s.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	if err := s.ReleaseDrafts(); err != nil {
		t.Fatal(err)
	}
	return s, d
}

// editDraftBytes changes the stored bytes of the draft with this id as
// edit says, and nothing else: what is around the edit, a checksum in
// front of it included, is left as it was.
func editDraftBytes(t *testing.T, path string, id record.ID, edit func(v []byte) []byte) {
	t.Helper()
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDrafts)
		v := b.Get([]byte(id.String()))
		w := edit(bytes.Clone(v))
		if bytes.Equal(v, w) {
			t.Fatalf("the edit changed nothing in the draft:\n%q", v)
		}
		return b.Put([]byte(id.String()), w)
	})
}

// olderByOneBit flips one bit of the year of when a stored draft was kept
// ("saved":"2026-...), in its tens, so that it reads as kept 20 years
// before: one bit, as a failing disk or memory flips it.
func olderByOneBit(t *testing.T, v []byte) []byte {
	t.Helper()
	at := bytes.Index(v, []byte(`"saved":"`))
	if at < 0 {
		t.Fatalf("no saved time in the draft:\n%q", v)
	}
	at += len(`"saved":"`)
	for i := at + 2; i >= at; i-- { // tens, hundreds, thousands of the year
		if c := v[i]; c > '0' && c <= '9' {
			low := (c - '0') & -(c - '0') // the lowest bit set
			v[i] = c ^ low
			return v
		}
	}
	t.Fatalf("no year to flip in %q", v[at:at+4])
	return nil
}

// TestADraftFlippedToLookOldIsKeptAsDamagedNotDiscardedAsExpired: one bit
// flipped in the month of when a draft was kept (minutes before) made it
// "not worked on for 7 days": the next start wiped it, bytes and all,
// saying so only when digicheck ended, not whose it was; check had found
// nothing wrong. A draft carries its checksum now: one whose bytes are not
// those it was kept with is damaged, never discarded as expired, kept in
// the file for IT, named by patient when the drafts are listed and by
// check.
func TestADraftFlippedToLookOldIsKeptAsDamagedNotDiscardedAsExpired(t *testing.T) {
	s, d := keptDraft(t)
	editDraftBytes(t, s.Path(), d.ID, func(v []byte) []byte { return olderByOneBit(t, v) })

	s2, err := Open(s.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	gone, err := s2.ExpireDrafts(7 * 24 * time.Hour)
	if err != nil || len(gone) != 0 {
		t.Fatalf("ExpireDrafts = %d discarded (%v), %v; want the draft kept minutes ago and flipped to look 20 years old kept, as damaged, not discarded", len(gone), gone, err)
	}
	raw, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(raw, []byte(d.Patient.Value)) {
		t.Errorf("the draft's patient %s is no longer in the file: the damaged draft must be kept as it is, for IT", d.Patient)
	}

	ls, err := s2.ListDrafts(7 * 24 * time.Hour)
	var dn *DraftsNotOffered
	if !errors.Is(err, ErrDraftDamaged) || !errors.As(err, &dn) || !slices.Contains(dn.Patients, d.Patient) {
		t.Errorf("ListDrafts = %v; want the draft said damaged (ErrDraftDamaged) and its patient %s named", err, d.Patient)
	}
	if len(ls) != 0 {
		t.Errorf("ListDrafts offers %d drafts; want none: the only draft's bytes are not those kept", len(ls))
	}
	if _, err := s2.ClaimDraft(d.ID); !errors.Is(err, ErrDraftDamaged) {
		t.Errorf("resuming the flipped draft = %v; want it refused as damaged", err)
	}

	rep, err := s2.Check()
	if err != nil {
		t.Fatal(err)
	}
	if rep.Drafts != 1 || len(rep.SetAside) != 1 || !strings.Contains(rep.SetAside[0], "for patient "+d.Patient.String()) ||
		!strings.Contains(rep.SetAside[0], "left in the store as they are") {
		t.Errorf("check does not name the flipped draft of patient %s as damaged and kept:\n%s", d.Patient, rep)
	}
}

// TestADraftAlteredToAnotherValidPatientOrAnswerIsDamaged: another valid
// NHS number, or another answer the question offers, written into a kept
// draft passed check (OK, Drafts: 1), and the draft would be resumed and
// saved as an assessment of what was never entered. Its checksum now
// tells it damaged: check names it, it is not offered, and resuming it is
// refused.
func TestADraftAlteredToAnotherValidPatientOrAnswerIsDamaged(t *testing.T) {
	const other = "9990100144"
	if _, err := record.CheckNHSNumber(other); err != nil {
		t.Fatalf("%s must be a valid NHS number for this test: %v", other, err)
	}
	for name, edit := range map[string]func(d Draft, v []byte) []byte{
		"another valid NHS number": func(d Draft, v []byte) []byte {
			return bytes.Replace(v, []byte(`"value":"`+d.Patient.Value+`"`), []byte(`"value":"`+other+`"`), 1)
		},
		"another answer the question offers": func(_ Draft, v []byte) []byte {
			return bytes.Replace(v, []byte(`"`+questionnaire.LinkAfford+`":["never"]`), []byte(`"`+questionnaire.LinkAfford+`":["often"]`), 1)
		},
	} {
		t.Run(name, func(t *testing.T) {
			s, d := keptDraft(t)
			editDraftBytes(t, s.Path(), d.ID, func(v []byte) []byte { return edit(d, v) })

			s2, err := Open(s.Path(), Options{})
			if err != nil {
				t.Fatal(err)
			}
			rep, err := s2.Check()
			if err != nil {
				t.Fatal(err)
			}
			if rep.Drafts != 1 || len(rep.SetAside) != 1 || !strings.Contains(rep.SetAside[0], "damaged") {
				t.Errorf("check does not name the altered draft as damaged:\n%s", rep)
			}
			if c, err := s2.ClaimDraft(d.ID); !errors.Is(err, ErrDraftDamaged) {
				t.Errorf("resuming the altered draft = %v (patient %s, answers %v); want it refused as damaged", err, c.Patient, c.Answers)
			}
			if ls, err := s2.ListDrafts(0); len(ls) != 0 || !errors.Is(err, ErrDraftDamaged) {
				t.Errorf("ListDrafts = %d drafts, %v; want the altered draft not offered, and said damaged", len(ls), err)
			}
		})
	}
}
