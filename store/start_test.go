package store

import (
	"reflect"
	"testing"
	"time"

	"digicheck/record"
)

// TestAStartReadsWhatItShowsInOneOpenOfTheFile: a start of an assessment
// reads, before its first screen, the drafts it offers and whether the
// store holds synthetic test data. StartDrafts reads both in one
// transaction, one open of the file, where ExpireDrafts' look for drafts
// due, ListDrafts' look at the pages of drafts, its list and
// SyntheticData opened it four times (each open a lock, a map and an
// unmap of the file, all before the first frame). What it reads is what
// they read.
func TestAStartReadsWhatItShowsInOneOpenOfTheFile(t *testing.T) {
	const age = 7 * 24 * time.Hour
	for _, synthetic := range []bool{false, true} {
		s := openTemp(t)
		if synthetic {
			r := assessed(t, nhsPatient)
			r.Synthetic = true
			if err := s.SaveSynthetic([]record.Record{r}); err != nil {
				t.Fatal(err)
			}
		}
		for _, p := range []string{nhsPatient, localPatient} {
			d := draftOf(t, p)
			if err := s.SaveDraft(&d); err != nil {
				t.Fatal(err)
			}
		}
		// Another window's start: the drafts kept here are held by this
		// one, and listed saying so.
		start, err := Open(s.Path(), Options{})
		if err != nil {
			t.Fatal(err)
		}
		want, err := start.ListDrafts(age)
		if err != nil || len(want) != 2 {
			t.Fatalf("ListDrafts = %+v, %v; want the two drafts", want, err)
		}
		wantSyn, err := start.SyntheticData()
		if err != nil || wantSyn != synthetic {
			t.Fatalf("SyntheticData = %v, %v; want %v", wantSyn, err, synthetic)
		}

		var look StartLook
		var ok bool
		n := opensOf(t, s.Path(), func() { look, ok, err = start.StartDrafts(age) })
		if n >= 0 && n != 1 {
			t.Errorf("a start opened the store %d times to read its drafts and its kind of data, want once", n)
		}
		if !ok || err != nil {
			t.Fatalf("StartDrafts = %v, %v; want the drafts read", ok, err)
		}
		if !reflect.DeepEqual(look.Entries, want) {
			t.Errorf("StartDrafts lists\n%+v\nListDrafts\n%+v", look.Entries, want)
		}
		if look.Synthetic != synthetic {
			t.Errorf("StartDrafts says synthetic %v, SyntheticData %v", look.Synthetic, synthetic)
		}
	}
}

// TestAStartWithADraftDueLeavesItToExpireDrafts: a draft due to expire is
// discarded before the list is read (ExpireDrafts writes, then ListDrafts
// reads what is left), so StartDrafts reads nothing for the start to take
// and writes nothing: the start expires and lists the drafts as before.
func TestAStartWithADraftDueLeavesItToExpireDrafts(t *testing.T) {
	const age = 7 * 24 * time.Hour
	s := openTemp(t)
	old, fresh := draftOf(t, nhsPatient), draftOf(t, localPatient)
	for _, d := range []*Draft{&old, &fresh} {
		if err := s.SaveDraft(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.ReleaseDrafts(); err != nil {
		t.Fatal(err)
	}
	backdate(t, s, old.ID.String(), time.Now().Add(-age-time.Minute))
	start, err := Open(s.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if look, ok, err := start.StartDrafts(age); ok || err != nil || look.Entries != nil {
		t.Fatalf("StartDrafts with a draft due = %+v, %v, %v; want nothing read, for ExpireDrafts to discard it first", look, ok, err)
	}
	if ds, err := start.Drafts(); err != nil || len(ds) != 2 {
		t.Fatalf("drafts after StartDrafts: %d, %v; want both still kept", len(ds), err)
	}
	gone, err := start.ExpireDrafts(age)
	if err != nil || len(gone) != 1 || gone[0].ID != old.ID {
		t.Fatalf("ExpireDrafts = %v, %v; want the old draft", gone, err)
	}
	// Nothing due now: the start reads the list itself.
	look, ok, err := start.StartDrafts(age)
	if !ok || err != nil || len(look.Entries) != 1 || look.Entries[0].ID != fresh.ID {
		t.Fatalf("StartDrafts after the expiry = %+v, %v, %v; want the fresh draft", look, ok, err)
	}
}
