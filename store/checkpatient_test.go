package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"digicheck/internal/testkit"
)

// CheckPatient finds a patient's entry of the patient index filed under
// another number, as the save would, without writing; a sound patient's
// entries pass.
func TestCheckPatientFindsAnEntryFiledUnderAnotherNumber(t *testing.T) {
	path := filepath.Join(t.TempDir(), "digicheck.db")
	st, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, testkit.Offline(nil))
	if err := st.Save(&r); err != nil {
		t.Fatal(err)
	}
	if err := st.CheckPatient(r.Patient); err != nil {
		t.Fatalf("a sound patient's entries: %v", err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	key := []byte(r.Patient.Kind + "\x00" + r.Patient.Value + "\x00" + r.ID.String())
	i := bytes.Index(b, key)
	if i < 0 {
		t.Fatal("the patient's entry is not in the file")
	}
	b[i+len(r.Patient.Kind)+1+4] ^= 1
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	st, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	if err := st.CheckPatient(r.Patient); !errors.Is(err, ErrDamaged) {
		t.Errorf("CheckPatient of a patient whose entry is filed under another number = %v; want ErrDamaged", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Error("CheckPatient wrote to the store")
	}
	if st.Refused() == nil {
		t.Error("the damage found is not noted: the store would still take a draft")
	}
}
