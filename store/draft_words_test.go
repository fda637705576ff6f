package store

import (
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// Damaged stores, fault 8: check named a damaged draft only by when it
// was started (six drafts had started in the same minute), and said of a
// draft whose only fault was its NHS number's check digit that "the
// answers it kept are lost from this store", though every one could be
// read. It names the patient, where the draft says it, and says the
// answers are lost only when they cannot be read.
func TestCheckNamesADamagedDraftsPatient(t *testing.T) {
	s := openTemp(t)
	ds := draftsOfPatients(t, s, 2)
	var ids []string
	for id := range ds {
		ids = append(ids, id.String())
	}
	broken, digit := ids[0], ids[1]
	var badPatient record.PatientID
	testkit.Tamper(t, s.Path(), func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDrafts)
		v := append([]byte(nil), b.Get([]byte(broken))...)
		i := strings.Index(string(v), `"answers"`)
		v[i+len(`"answers"`)] = '!'
		if err := b.Put([]byte(broken), v); err != nil {
			return err
		}
		w := append([]byte(nil), b.Get([]byte(digit))...)
		p := ds[mustID(t, digit)].Patient.Value
		bad := p[:9] + string('0'+('9'-p[9]+1)%10)
		badPatient = record.PatientID{Kind: record.NHSNumber, Value: bad}
		return b.Put([]byte(digit), []byte(strings.Replace(string(w), `"value":"`+p+`"`, `"value":"`+bad+`"`, 1)))
	})
	rep, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	var brokenLine, digitLine string
	for _, p := range rep.SetAside {
		switch {
		case strings.Contains(p, broken):
			brokenLine = p
		case strings.Contains(p, digit):
			digitLine = p
		}
	}
	if want := "patient " + ds[mustID(t, broken)].Patient.String(); !strings.Contains(brokenLine, want) || !strings.Contains(brokenLine, "lost from this store") {
		t.Errorf("check says of the draft whose JSON is broken %q; want it to name %q, and its answers lost", brokenLine, want)
	}
	if !strings.Contains(digitLine, "patient "+badPatient.String()) || strings.Contains(digitLine, "lost from this store") || !strings.Contains(digitLine, "enter that assessment again") {
		t.Errorf("check says of the draft whose NHS number fails its check digit %q; want its patient named, its answers not called lost, and what to do", digitLine)
	}
}

func mustID(t *testing.T, s string) record.ID {
	t.Helper()
	id, err := record.ParseID(s)
	if err != nil {
		t.Fatal(err)
	}
	return id
}
