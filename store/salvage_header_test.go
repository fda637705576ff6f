package store

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/record"
	"digicheck/store/packed"
)

// storeOfPageSize is a store file of pages of ps bytes holding n records,
// closed, with the records saved by id. A store takes the page size of
// the machine it was made on (bbolt's default), so a store made on a
// machine of 16 KB pages and copied here has pages of 16 KB.
func storeOfPageSize(t *testing.T, ps, n int) (string, map[record.ID]record.Record) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "digicheck.db")
	made := filepath.Join(dir, "made.db")
	if _, err := Open(made, Options{Timeout: time.Second}); err != nil {
		t.Fatal(err)
	}
	// The store made here, copied into a file of pages of ps bytes.
	src, err := bolt.Open(made, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	dst, err := bolt.Open(path, 0o600, &bolt.Options{PageSize: ps})
	if err != nil {
		t.Fatal(err)
	}
	err = bolt.Compact(dst, src, 0)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if cerr := src.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	saved := map[record.ID]record.Record{}
	for _, p := range nhsNumbers(n) {
		r := save(t, s, assessed(t, p))
		saved[r.ID] = r
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if ms := metas(f); len(ms) == 0 || ms[0].pageSize != uint32(ps) {
		t.Fatalf("the store made has meta pages %+v; want pages of %d bytes", ms, ps)
	}
	return path, saved
}

// damageBothMetas changes both meta pages of the store file at path
// (pages of ps bytes) with fn, given each page's bytes.
func damageBothMetas(t *testing.T, path string, ps int, fn func(page []byte)) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fn(b[:ps])
	fn(b[ps : 2*ps])
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if ms := metas(f); len(ms) != 0 {
		t.Fatalf("a meta page is still sound after the damage: %+v", ms)
	}
}

func flipBytes(b []byte) {
	for i := range b {
		b[i] ^= 0xff
	}
}

// metaDamages are the damages to both meta pages after which the size of
// the store's pages cannot be read from a sound header: only their
// checksums flipped (the page size field still right), the page size
// field made nonsense or another size a store can have (so its checksum
// fails), 48 bytes of their fields flipped, the whole pages zeroed.
var metaDamages = []struct {
	name string
	fn   func(page []byte)
}{
	{"checksums flipped", func(p []byte) { flipBytes(p[72:80]) }},
	{"page size field nonsense", func(p []byte) { binary.LittleEndian.PutUint32(p[24:], 3000) }},
	{"page size field another size", func(p []byte) {
		binary.LittleEndian.PutUint32(p[24:], binary.LittleEndian.Uint32(p[24:])*2)
	}},
	{"fields flipped", func(p []byte) { flipBytes(p[16:64]) }},
	{"zeroed", func(p []byte) { clear(p) }},
}

// salvagedLines reads what Salvage wrote: the records, by id (not the lines
// that frame them), failing the
// test on a line that is not a record, a record written twice, or one
// that differs from the record saved under its id.
func salvagedLines(t *testing.T, out []byte, saved map[record.ID]record.Record) map[record.ID]bool {
	t.Helper()
	got := map[record.ID]bool{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if bytes.HasPrefix(sc.Bytes(), []byte(`{"digicheck_export":`)) {
			continue // the start line and the end mark framing the records
		}
		var r record.Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %q: %v", sc.Bytes(), err)
		}
		if got[r.ID] {
			t.Errorf("record %s written twice", r.ID)
		}
		got[r.ID] = true
		want, ok := saved[r.ID]
		if !ok {
			t.Errorf("record %s written was never saved", r.ID)
			continue
		}
		if !reflect.DeepEqual(normalJSON(t, r), normalJSON(t, want)) {
			t.Errorf("record %s written differs from the one saved:\n%s\n%s", r.ID, normalJSON(t, r), normalJSON(t, want))
		}
	}
	return got
}

// Both meta pages damaged, every record whole: salvage said "the size of
// its pages is not known and no record can be told apart" and wrote
// nothing, though each record carries its own checksum. It now tries the
// page sizes a store can have and reads the records at the one where
// they are found whole, whichever page size the store was made with.
func TestSalvageFindsThePageSizeWhenNeitherMetaPageCanBeRead(t *testing.T) {
	t.Parallel()
	for _, ps := range []int{4096, 16384} {
		for _, d := range metaDamages {
			t.Run(d.name+"/"+SizeText(int64(ps)), func(t *testing.T) {
				t.Parallel()
				path, saved := storeOfPageSize(t, ps, 12)
				damageBothMetas(t, path, ps, d.fn)
				var out bytes.Buffer
				sv, err := Salvage(path, &out)
				if err != nil {
					t.Fatalf("Salvage: %v", err)
				}
				got := salvagedLines(t, out.Bytes(), saved)
				if sv.Records != len(saved) || len(got) != len(saved) {
					t.Errorf("Salvage wrote %d records (says %d); %d were saved, every one whole", len(got), sv.Records, len(saved))
				}
				if sv.InferredPageSize != int64(ps) {
					t.Errorf("Salvage says the page size was inferred as %d; the store's pages are %d bytes", sv.InferredPageSize, ps)
				}
			})
		}
	}
}

// A store whose meta pages are sound: the page size is read from them,
// not inferred, and Salvage says so.
func TestSalvageDoesNotInferThePageSizeASoundMetaPageGives(t *testing.T) {
	t.Parallel()
	path, saved := storeOfPageSize(t, 4096, 3)
	var out bytes.Buffer
	sv, err := Salvage(path, &out)
	if err != nil {
		t.Fatal(err)
	}
	if got := salvagedLines(t, out.Bytes(), saved); len(got) != len(saved) || sv.Records != len(saved) {
		t.Errorf("Salvage wrote %d of %d records", len(got), len(saved))
	}
	if sv.InferredPageSize != 0 {
		t.Errorf("Salvage says the page size was inferred (%d) though a meta page gives it", sv.InferredPageSize)
	}
}

// The page size inferred, a record whose bytes were changed in every copy
// of it in the file is not written: only records passing their own
// checksum are.
func TestSalvageWithThePageSizeInferredWritesNoRecordThatIsNotWhole(t *testing.T) {
	t.Parallel()
	path, saved := storeOfPageSize(t, 4096, 12)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var hurt record.ID
	for id := range saved {
		hurt = id
		break
	}
	key := []byte(hurt.String())
	copies := 0
	for i := 0; ; {
		j := bytes.Index(b[i:], key)
		if j < 0 {
			break
		}
		at := i + j + len(key)
		i = at
		// A record's value follows its key on a leaf page: where the
		// bytes after the id are a value passing its own checksum,
		// one byte of its body is changed.
		if n := summedLen(b[at:]); n > 0 {
			b[at+n-1] ^= 0x01
			copies++
		}
	}
	if copies == 0 {
		t.Fatal("no copy of the record found in the file")
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	damageBothMetas(t, path, 4096, func(p []byte) { clear(p) })
	var out bytes.Buffer
	sv, err := Salvage(path, &out)
	if err != nil {
		t.Fatalf("Salvage: %v", err)
	}
	got := salvagedLines(t, out.Bytes(), saved)
	if got[hurt] {
		t.Errorf("record %s, changed in every copy, was written", hurt)
	}
	if len(got) != len(saved)-1 || sv.Records != len(saved)-1 {
		t.Errorf("Salvage wrote %d records (says %d); want the %d left whole", len(got), sv.Records, len(saved)-1)
	}
}

// summedLen is the length of the value passing its own checksum that v
// starts with, or 0 when it starts with none.
func summedLen(v []byte) int {
	if !packed.Summed(v) || len(v) < 1+packed.SumSize {
		return 0
	}
	h := sha256.New()
	for n, c := range v[1+packed.SumSize:] {
		h.Write([]byte{c})
		if bytes.Equal(h.Sum(nil), v[1:1+packed.SumSize]) {
			return 1 + packed.SumSize + n + 1
		}
	}
	return 0
}

// check on a store whose two meta pages alone are damaged said only
// "restore the store from a backup": the records whole in it, which
// salvage writes, went unmentioned, so the assessments saved since the
// backup looked lost. Its report now says how many are whole and how to
// salvage them.
func TestCheckOfAStoreWithBothMetaPagesDamagedSaysWhatSalvageRecovers(t *testing.T) {
	t.Parallel()
	path, saved := storeOfPageSize(t, os.Getpagesize(), 5)
	damageBothMetas(t, path, os.Getpagesize(), func(p []byte) { flipBytes(p[72:80]) })
	_, err := Open(path, Options{Timeout: time.Second})
	rep, ok := Unopened(path, err)
	if !ok {
		t.Fatalf("the store is not reported as damaged: %v", err)
	}
	said := fmt.Sprint(rep.Problems)
	if !strings.Contains(said, fmt.Sprintf("%d records", len(saved))) || !strings.Contains(said, "--salvage FILE") {
		t.Errorf("check does not say that the %d records whole in the store can be salvaged:\n%s", len(saved), said)
	}
}
