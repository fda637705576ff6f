package main

import (
	"digicheck/report"
	binenc "encoding/binary"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
)

// zeroLeafHolding zeroes the leaf page of the records bucket that holds
// key, as a failing disk loses a page, and returns the keys it held, in
// order, read from the page before it was zeroed.
func zeroLeafHolding(t *testing.T, path, key string) []string {
	t.Helper()
	return leafHolding(t, path, key, true)
}

// leafHolding returns the keys of the leaf page of the records bucket that
// holds key, and zeroes it if zero is set.
func leafHolding(t *testing.T, path, key string, zero bool) []string {
	t.Helper()
	f, root, size := openRecordsRoot(t, path)
	le := binenc.LittleEndian
	// read is the page id whole, its overflow pages with it.
	read := func(id int64) []byte {
		h := make([]byte, 16)
		if _, err := f.ReadAt(h, id*size); err != nil {
			t.Fatal(err)
		}
		p := make([]byte, int64(le.Uint32(h[12:])+1)*size)
		if _, err := f.ReadAt(p, id*size); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// bbolt's page layout: a 16-byte header (flags at byte 8, count at
	// 10), then 16-byte elements: a branch's pos, ksize, page id; a
	// leaf's flags, pos, ksize, vsize. pos counts from the element.
	id := root
	for range 10 {
		p := read(id)
		n := int(le.Uint16(p[10:]))
		if p[8]&0x02 != 0 { // a leaf
			var keys []string
			for i := range n {
				e := 16 + 16*i
				pos, ks := int(le.Uint32(p[e+4:])), int(le.Uint32(p[e+8:]))
				keys = append(keys, string(p[e+pos:e+pos+ks]))
			}
			if !slices.Contains(keys, key) {
				t.Fatalf("leaf %d does not hold %s", id, key)
			}
			if !zero {
				return keys
			}
			if _, err := f.WriteAt(make([]byte, len(p)), id*size); err != nil {
				t.Fatal(err)
			}
			return keys
		}
		if p[8]&0x01 == 0 {
			t.Fatalf("page %d of the records is neither a branch nor a leaf", id)
		}
		child := int64(-1)
		for i := range n {
			e := 16 + 16*i
			pos, ks := int(le.Uint32(p[e:])), int(le.Uint32(p[e+4:]))
			if i > 0 && string(p[e+pos:e+pos+ks]) > key {
				break
			}
			child = int64(le.Uint64(p[e+8:]))
		}
		id = child
	}
	t.Fatalf("no leaf holds %s", key)
	return nil
}

// newestLost makes a synthetic store of 4,200 records, whose first 4,096
// have their QI copy sealed in a block and the rest carry their own, and
// zeroes a page of the records among the last: it returns the store's
// path, every record's id in order, and the ids the lost page held.
func newestLost(t *testing.T) (path string, ids, lost []string) {
	t.Helper()
	path = synthetic4200(t, 9)
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var last string
	err = db.View(func(tx *bolt.Tx) error {
		if k, _ := tx.Bucket([]byte("factBlocks")).Cursor().Last(); k != nil {
			last = string(k)
		}
		return tx.Bucket([]byte("records")).ForEach(func(k, _ []byte) error {
			ids = append(ids, string(k))
			return nil
		})
	})
	db.Close()
	if err != nil || len(ids) != 4200 || last == "" {
		t.Fatalf("the store holds %d records, its last block ends at %x: %v", len(ids), last, err)
	}
	lost = zeroLeafHolding(t, path, ids[len(ids)-30])
	if i := slices.Index(ids, lost[0]); i <= 4096 || len(lost) >= 100 {
		t.Fatalf("the lost page holds records %d to %d; want some of the newest, after the block", i, i+len(lost)-1)
	}
	return path, ids, lost
}

// The newest records (after the last block of facts) carry their own QI
// copy, which summary and the CSV and FHIR exports read through their
// pages. A lost page of them made summary fail with bbolt's assertion
// message and the CSV and FHIR exports stop before the first byte. Each
// now steps over it as NDJSON does: the records it held are named on
// standard error as left out, and counted as such, the rest counted and
// exported, and the command fails as for any damage found.
func TestALostPageOfTheNewestRecordsIsLeftOutAndNamedNotAFailure(t *testing.T) {
	testkit.Bulk(t) // 4,200 records; TestBothExportsLeaveOutASealedRecordWhoseKeyIsDamaged reads such a store under -race
	path, ids, lost := newestLost(t)
	leftOut := func(stderr, prefix string) []string {
		var named []string
		for _, l := range strings.Split(stderr, "\n") {
			if rest, ok := strings.CutPrefix(l, prefix); ok {
				named = append(named, strings.SplitN(rest, ":", 2)[0])
			}
		}
		slices.Sort(named)
		return named
	}
	wantErr := func(what string, err error, stderr string) {
		t.Helper()
		format := map[string]string{"CSV export": "csv", "FHIR export": "fhir"}[what]
		prefix, _ := oneUnreadable(format)
		if err == nil || !strings.HasPrefix(err.Error(), manyUnreadable(len(lost), format)) {
			t.Errorf("%s = %v; want it to fail, %d records left out\n%s", what, err, len(lost), stderr)
		}
		if strings.Contains(stderr, "assertion") || strings.Contains(stderr, "bbolt") {
			t.Errorf("%s says bbolt's own message:\n%s", what, stderr)
		}
		if got := leftOut(stderr, prefix); !slices.Equal(got, lost) {
			t.Errorf("%s names %d records left out; want the %d on the lost page\n%s", what, len(got), len(lost), stderr)
		}
		for _, l := range strings.Split(stderr, "\n") {
			if strings.HasPrefix(l, strings.Fields(prefix)[0]) && len(l) > 80 {
				t.Errorf("%s: a line of %d columns: %s", what, len(l), l)
			}
		}
	}

	out, stderr, err := runStoreCmd(t, path, (*app).summaryCmd, "--exact")
	wantErr("summary", err, stderr)
	if want := "(" + thousandsOf(len(ids)-len(lost)) + " records"; !strings.Contains(out, want) {
		t.Errorf("summary does not say it read %s:\n%s", want, out)
	}

	out, stderr, err = runStoreCmd(t, path, (*app).exportCmd, "--format", "csv", "--identifiable")
	wantErr("CSV export", err, stderr)
	rows := map[string]string{}
	for _, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")[1:] {
		if strings.HasPrefix(l, report.EndOfExport) {
			continue // the end mark
		}
		id, rest, _ := strings.Cut(l, ",")
		rows[id] = rest
	}
	if len(rows) != len(ids) {
		t.Errorf("the CSV export has %d rows; want one for each of the %d records", len(rows), len(ids))
	}
	for _, id := range lost {
		if !strings.Contains(rows[id], ",unreadable,") {
			t.Errorf("the CSV row of lost record %s is %.60q; want it unreadable", id, rows[id])
		}
	}

	out, stderr, err = runStoreCmd(t, path, (*app).exportCmd, "--format", "fhir", "--identifiable")
	wantErr("FHIR export", err, stderr)
	if !strings.Contains(out, `"resourceType":"QuestionnaireResponse"`) {
		t.Errorf("the FHIR export wrote no response:\n%.200s", out)
	}
}

// thousandsOf writes n as summary does, with commas.
func thousandsOf(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// The page that holds the last record whose QI copy is sealed in a block
// is where a reader of the newest records' QI copy starts, and the page
// before it is where the reader looks for where to stop: lost, either is
// stepped over as any other, its records after the block left out and
// named and those in the block counted, not the whole summary refused.
func TestALostPageWhereTheNewestRecordsBeginIsSteppedOverToo(t *testing.T) {
	testkit.Bulk(t) // 4,200 records; TestBothExportsLeaveOutASealedRecordWhoseKeyIsDamaged reads such a store under -race
	for _, before := range []bool{false, true} {
		path := synthetic4200(t, 9)
		db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		err = db.View(func(tx *bolt.Tx) error {
			return tx.Bucket([]byte("records")).ForEach(func(k, _ []byte) error {
				ids = append(ids, string(k))
				return nil
			})
		})
		db.Close()
		if err != nil || len(ids) != 4200 {
			t.Fatalf("the store holds %d records: %v", len(ids), err)
		}
		// The first 4,096 records' QI copy is in the block.
		key := ids[4095]
		if before {
			// The last record of the page before the one that holds it.
			key = ids[slices.Index(ids, leafHolding(t, path, key, false)[0])-1]
		}
		held := zeroLeafHolding(t, path, key)
		var lost []string
		for _, id := range held {
			if id > ids[4095] {
				lost = append(lost, id)
			}
		}
		out, stderr, err := runStoreCmd(t, path, (*app).summaryCmd, "--exact")
		if strings.Contains(stderr, "bbolt") || strings.Contains(fmt.Sprint(err), "bbolt") || strings.Contains(fmt.Sprint(err), "cannot be found") {
			t.Fatalf("summary = %v; want the lost page stepped over\n%s", err, stderr)
		}
		var named []string
		for _, l := range strings.Split(stderr, "\n") {
			if rest, ok := strings.CutPrefix(l, "left out: record "); ok {
				named = append(named, strings.SplitN(rest, ":", 2)[0])
			}
		}
		if !slices.Equal(named, lost) {
			t.Errorf("summary leaves out %v; want the records of the lost page after the block, %v", named, lost)
		}
		if want := "(" + thousandsOf(len(ids)-len(lost)) + " records"; !strings.Contains(out, want) {
			t.Errorf("summary does not say it read %s:\n%.400s", want, out)
		}
	}
}
