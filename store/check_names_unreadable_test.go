package store

import (
	"encoding/binary"
	"os"
	"slices"
	"strings"
	"testing"
)

// A key of a page of records moved out of order by a flipped bit: check
// said "1 more cannot be (damaged, named in the problems below)", but no
// problem named it, and the CSV export did: a clinician could not tell
// from check which assessment to enter again. Check names it.
func TestCheckNamesARecordItCannotReadInADamagedStructure(t *testing.T) {
	s := openTemp(t)
	var ids []string
	for range 20 {
		r := save(t, s, assessed(t, nhsPatient))
		ids = append(ids, r.ID.String())
	}
	path, page := s.Path(), os.Getpagesize()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// A record's key, not the last of its leaf, made to sort after every
	// other on it: its first character.
	at := -1
	for pg := 2; pg*page < len(b) && at < 0; pg++ {
		p := b[pg*page : (pg+1)*page]
		if p[8]&0x02 == 0 {
			continue
		}
		n := int(binary.LittleEndian.Uint16(p[10:]))
		for e := 0; e+1 < n; e++ {
			el := 16 + 16*e
			pos, ksize := int(binary.LittleEndian.Uint32(p[el+4:])), int(binary.LittleEndian.Uint32(p[el+8:]))
			if k := p[el+pos : el+pos+ksize]; slices.Contains(ids, string(k)) {
				at = pg*page + el + pos
				break
			}
		}
	}
	if at < 0 {
		t.Fatal("no record's key found on a leaf")
	}
	overwrite(t, path, int64(at), []byte("f"))

	s2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s2.Check()
	if err != nil {
		t.Fatalf("Check = %v", err)
	}
	text := rep.String()
	if len(rep.Unreadable) == 0 || !strings.Contains(text, "cannot be (damaged") {
		t.Fatalf("check does not count a record that cannot be read:\n%s", text)
	}
	for _, id := range rep.Unreadable {
		found := false
		for _, p := range rep.Problems {
			found = found || strings.Contains(p, id)
		}
		if !found {
			t.Errorf("record %s is counted as not read, but no problem names it:\n%s", id, text)
		}
	}
}
