package main

import (
	binenc "encoding/binary"
	"strings"
	"testing"
)

// followup of a patient one of whose records is on a page whose entries
// point past the page (a page written over with other bytes) printed
// bbolt's runtime panic to the clinician: "bbolt: runtime error: slice
// bounds out of range [::5487737264] with length 2147483647". history of
// the same patient says which record's page cannot be read. followup says
// it as history does, the runtime error kept for IT.
func TestFollowupOfAPatientOnAPageWrittenOverSaysItInWords(t *testing.T) {
	path, rs := storeWith(t, 40)
	f, root, size := openRecordsRoot(t, path)
	le := binenc.LittleEndian
	top := make([]byte, size)
	if _, err := f.ReadAt(top, root*size); err != nil {
		t.Fatal(err)
	}
	if top[8]&0x01 == 0 {
		t.Fatalf("the records' root page %d is a leaf", root)
	}
	leaf := int64(le.Uint64(top[16+8:])) // the first page below the root
	page := make([]byte, size)
	if _, err := f.ReadAt(page, leaf*size); err != nil {
		t.Fatal(err)
	}
	if page[8]&0x02 == 0 {
		t.Fatalf("page %d below the records' root is not a leaf", leaf)
	}
	// Its first entry's key and value said to be far past the page, as
	// random bytes written over it left them.
	le.PutUint32(page[16+4:], 0x7fff0000)
	if _, err := f.WriteAt(page, leaf*size); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out, errs, err := runCLI(t, nil, "", "--db", path, "followup", rs[0].Patient.Value, "--accessible")
	said := out + errs
	if err != nil {
		said += err.Error()
	}
	t.Logf("%s", said)
	flat := strings.Join(strings.Fields(said), " ")
	if !strings.Contains(flat, "cannot be followed up until the store is restored") {
		t.Fatalf("followup of a patient on a page written over is not refused as on a damaged store:\n%s", said)
	}
	for _, raw := range []string{"runtime error", "slice bounds", "bbolt:"} {
		i := strings.Index(flat, raw)
		if i < 0 {
			continue
		}
		if forIT := strings.LastIndex(flat[:i], "for IT"); forIT < 0 {
			t.Errorf("followup says %q to the clinician, not kept for IT:\n%s", raw, said)
		}
	}
	if !strings.Contains(flat, "cannot be read") {
		t.Errorf("followup does not say, as history does, which record's page cannot be read:\n%s", said)
	}
	// The part for IT said once, whole, with the clinician's words
	// outside it: "…dereference)):" and an aside nested in an aside
	// were read when the store's own wording met followup's.
	refusal := ""
	if err != nil {
		refusal = strings.Join(strings.Fields(err.Error()), " ")
	}
	if strings.Contains(refusal, "))") || strings.Count(refusal, "for IT:") != 1 {
		t.Errorf("followup's refusal says its part for IT twice or nested:\n%s", said)
	}
	if i := strings.Index(refusal, "for IT:"); i >= 0 {
		if j := strings.Index(refusal[i:], ")"); j < 0 || strings.Contains(refusal[i:i+j], "Nothing was written") || strings.Contains(refusal[i:i+j], "cannot be read") {
			t.Errorf("followup's refusal puts the clinician's words inside its part for IT:\n%s", said)
		}
	}
}
