package main

import (
	binenc "encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"digicheck/internal/testkit"
)

// recordsBranch is a branch page of the records bucket below its root:
// where it lies in the file, and its children's page ids and keys.
type recordsBranch struct {
	id       int64
	children []int64
	keys     [][2]int64 // offset in the file and length of each child's key
}

// recordsBranches reads, from the store file at path, the branch pages
// directly below the records bucket's root (which must be a branch of
// branches: a store of a few hundred records).
func recordsBranches(t *testing.T, path string) (bs []recordsBranch, size int64) {
	t.Helper()
	f, root, size := openRecordsRoot(t, path)
	le := binenc.LittleEndian
	read := func(id int64) []byte {
		buf := make([]byte, size)
		if _, err := f.ReadAt(buf, id*size); err != nil {
			t.Fatal(err)
		}
		return buf
	}
	top := read(root)
	if top[8]&0x01 == 0 {
		t.Fatalf("the records' root page %d is a leaf", root)
	}
	for i := range int(le.Uint16(top[10:])) {
		id := int64(le.Uint64(top[16+16*i+8:]))
		buf := read(id)
		if buf[8]&0x01 == 0 {
			t.Fatalf("page %d below the records' root is a leaf: want a tree of three levels", id)
		}
		b := recordsBranch{id: id}
		for j := range int(le.Uint16(buf[10:])) {
			at := 16 + 16*j
			e := buf[at : at+16]
			pos, ks := int64(le.Uint32(e[0:])), int64(le.Uint32(e[4:]))
			b.children = append(b.children, int64(le.Uint64(e[8:])))
			b.keys = append(b.keys, [2]int64{id*size + int64(at) + pos, ks})
		}
		bs = append(bs, b)
	}
	if len(bs) < 2 {
		t.Fatalf("the records' root has %d branches below it; want several", len(bs))
	}
	return bs, size
}

var summaryRead = regexp.MustCompile(`\((\d+)\s+records?\)`)

// summaryTally is how many records a summary of the store at path says
// it read, and how many it left out as unreadable.
func summaryTally(t *testing.T, path string) tally {
	t.Helper()
	os.Remove(path + ".damaged")
	out, _, err := runStoreCmd(t, path, (*app).summaryCmd, "--exact", "--from", "2000-01-01")
	var c tally
	if err != nil {
		c.failed = err.Error()
	}
	m := summaryRead.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("summary says no count of records read (%v):\n%s", err, out)
	}
	c.read, _ = strconv.Atoi(m[1])
	if m := leftOutCount.FindStringSubmatch(c.failed); m != nil {
		c.lost, _ = strconv.Atoi(m[1])
	}
	return c
}

// Damaged stores, faults 1 and 2: a page that leads to the records (a
// branch page of their tree) damaged while every page of records itself
// is sound. A child pointer naming another leaf made 5 records vanish
// silently and 6 readable ones be called lost (listed twice by NDJSON); a
// zeroed branch page, or one bit flipped in one of its keys, lost 202 of
// 300. The records are all on sound pages, so every one is read, none is
// called lost, none is written twice, and check, summary and the three
// exports say the same.
func TestRecordsUnderADamagedBranchPageAreAllRead(t *testing.T) {
	t.Parallel()
	testkit.Bulk(t) // every export and check of 300 records, for each of several damages; TestDraftsAreNotReadAsRecordsUnderADamagedBranchPage reads such a store under -race
	const n = 300
	clean := syntheticStore(t, "syn", n, 3)
	bs, size := recordsBranches(t, clean)
	b := bs[0]
	if len(b.children) < 8 {
		t.Fatalf("branch page %d has %d children; want 8 or more", b.id, len(b.children))
	}
	type damage struct {
		name string
		do   func(buf []byte)
	}
	le := binenc.LittleEndian
	cases := []damage{
		{"a child pointer names another leaf of its branch", func(buf []byte) {
			// Element 5 of the branch names the leaf of element 7.
			at := b.id*size + 16 + 16*5 + 8
			le.PutUint64(buf[at:], uint64(b.children[7]))
		}},
		{"the branch page zeroed", func(buf []byte) {
			clear(buf[b.id*size : (b.id+1)*size])
		}},
		{"one bit flipped in a key of the branch page", func(buf []byte) {
			buf[b.keys[5][0]+3] ^= 1 << 4
		}},
		{"one bit flipped in another key of the branch page", func(buf []byte) {
			buf[b.keys[5][0]] ^= 1
		}},
	}
	data, err := os.ReadFile(clean)
	if err != nil {
		t.Fatal(err)
	}
	// FHIR writes an assessment's versions as one response: what it
	// writes of the sound store is what it must write of the damaged.
	want := map[string]tally{"fhir": exportTally(t, clean, "fhir")}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			buf := append([]byte(nil), data...)
			c.do(buf)
			p := filepath.Join(t.TempDir(), fmt.Sprintf("d%d.db", i))
			if err := os.WriteFile(p, buf, 0o600); err != nil {
				t.Fatal(err)
			}
			got := map[string]tally{}
			for _, f := range []string{"csv", "ndjson", "fhir"} {
				got[f] = exportTally(t, p, f)
			}
			os.Remove(p + ".damaged")
			got["check"] = checkTally(t, p)
			got["summary"] = summaryTally(t, p)
			for name, g := range got {

				w, ok := want[name]
				if !ok {
					w = tally{read: n}
				}
				if g.read != w.read || g.lost != 0 || len(g.twice) != len(w.twice) {
					t.Errorf("%s: %v; want every one of the %d records read (%v as the sound store), none lost, none twice", name, g, n, w)
				}
			}
		})
	}
}
