package main

import (
	binenc "encoding/binary"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/report"
)

// recordBytes are where in the store file at path the records bucket
// keeps its keys and values, read from bbolt's leaf pages (a 16-byte page
// header; leaf elements of flags, pos, ksize and vsize, pos counted from
// the element): where a failing disk's bit flip lands in a record or its
// key. Nothing of the records' own format is assumed.
type recordBytes struct {
	keys, vals [][2]int64 // offset and length of each
	// edges are the keys first or last in their leaf: the first is
	// its parent's key too, and the last bounds the next leaf's.
	edges map[int64]bool
}

func readRecordBytes(t *testing.T, path string) recordBytes {
	t.Helper()
	f, root, size := openRecordsRoot(t, path)
	le := binenc.LittleEndian
	rb := recordBytes{edges: map[int64]bool{}}
	var walk func(id int64)
	walk = func(id int64) {
		h := make([]byte, size)
		if _, err := f.ReadAt(h, id*size); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, int64(le.Uint32(h[12:])+1)*size)
		if _, err := f.ReadAt(buf, id*size); err != nil {
			t.Fatal(err)
		}
		count := int(le.Uint16(buf[10:]))
		for i := range count {
			at := 16 + 16*i
			e := buf[at : at+16]
			if buf[8]&0x01 != 0 { // a branch: key position, size, child
				walk(int64(le.Uint64(e[8:])))
				continue
			}
			pos, ks, vs := int64(le.Uint32(e[4:])), int64(le.Uint32(e[8:])), int64(le.Uint32(e[12:]))
			start := id*size + int64(at) + pos
			rb.keys = append(rb.keys, [2]int64{start, ks})
			rb.vals = append(rb.vals, [2]int64{start + ks, vs})
			if i == 0 || i == count-1 {
				rb.edges[start] = true
			}
		}
	}
	walk(root)
	return rb
}

// tally is what one command said of a damaged store: the records it read
// and those it gave as lost (unreadable), and any it counted twice.
type tally struct {
	read, lost int
	twice      []string
	failed     string // the command's error, if any
}

func (c tally) String() string {
	return fmt.Sprintf("read %d, lost %d, twice %v, error %q", c.read, c.lost, c.twice, c.failed)
}

var leftOutCount = regexp.MustCompile(`^(\d+) records? could not be read and (?:were|was) left out`)

// exportTally runs one export of the store at path and counts its rows or
// lines, and checks that what it says on failing agrees with them.
func exportTally(t *testing.T, path, format string) tally {
	t.Helper()
	os.Remove(path + ".damaged") // each command meets the damage itself
	out, stderr, err := runStoreCmd(t, path, (*app).exportCmd, "--format", format, "--identifiable")
	var c tally
	if err != nil {
		c.failed = err.Error()
	}
	seen := map[string]bool{}
	note := func(id string, lost bool) {
		if seen[id] {
			c.twice = append(c.twice, id)
		}
		seen[id] = true
		if lost {
			c.lost++
		} else {
			c.read++
		}
	}
	switch format {
	case "csv":
		rows, rerr := csv.NewReader(strings.NewReader(out)).ReadAll()
		if rerr != nil && out != "" {
			t.Fatalf("csv: %v\n%s", rerr, out)
		}
		rows = withoutEndRow(rows)
		if len(rows) > 0 {
			status := slices.Index(rows[0], "status")
			for _, row := range rows[1:] {
				note(row[0], row[status] == report.StatusUnreadable)
			}
		}
	default:
		for _, l := range exportLines(out) {
			var v struct {
				ResourceType, ID, Status string
			}
			if err := json.Unmarshal([]byte(l), &v); err != nil {
				t.Fatalf("%s line is not JSON: %v\n%s", format, err, l)
			}
			switch {
			case format == "ndjson":
				note(v.ID, v.Status == report.StatusUnreadable)
			case v.ResourceType == "QuestionnaireResponse":
				note(v.ID, false)
			case v.ResourceType == "OperationOutcome":
				note(strings.TrimPrefix(v.ID, "unreadable-"), true)
			}
		}
	}
	if m := leftOutCount.FindStringSubmatch(c.failed); m != nil {
		if n, _ := strconv.Atoi(m[1]); n != c.lost {
			t.Errorf("%s export says %d records were left out, and writes %d unreadable\n%s", format, n, c.lost, stderr)
		}
	} else if c.lost > 0 && err == nil {
		t.Errorf("%s export writes %d unreadable and exits 0\n%s", format, c.lost, stderr)
	}
	return c
}

// Damaged stores, item 1: a bit flipped in a record's key made CSV count
// that record twice while NDJSON counted it once. Bits flipped one at a
// time in a small store's records (keys and values, as bbolt lays them out
// in its leaf pages): CSV, NDJSON and FHIR export read the same records
// and give the same ones as lost, none twice, and check counts the same.
func TestEveryExportAndCheckAgreeOnAStoreWithABitFlippedInItsRecords(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 4)
	rb := readRecordBytes(t, path)
	if len(rb.keys) != len(rs) {
		t.Fatalf("found %d keys in the records' pages; want %d", len(rb.keys), len(rs))
	}
	var flips []flip
	// Every bit of one key, and of the first bytes of each value (where
	// a format keeps what says how to read the rest); a sample of the
	// rest of the keys and values.
	head, stride, keyStride := int64(8), int64(29), int64(1)
	if testing.Short() || testkit.Race {
		// Under the race detector every export of every flip took
		// three minutes: the sample is thinner there. Every bit of the
		// second key (two thirds of the flips, most of the test's 100 s
		// there) is the plain run's; here one bit of every third byte.
		head, stride, keyStride = 2, 97, 3
	}
	for i, k := range rb.keys {
		if i == 1 {
			flips = append(flips, everyBit(k[0], k[1], keyStride)...)
		} else {
			flips = append(flips, everyBit(k[0], k[1], 5)...)
		}
	}
	for _, v := range rb.vals {
		flips = append(flips, everyBit(v[0], min(head, v[1]), 1)...)
		flips = append(flips, everyBit(v[0]+head, v[1]-head, stride)...)
	}
	flipEachAndCompare(t, path, len(rs), flips)
}

// A record whose facts are sealed in a block of the QI copy (a store of
// more than 4096 records), its format byte or its key flipped.
func TestEveryExportAgreesOnASealedRecordWithABitFlipped(t *testing.T) {
	testkit.Bulk(t) // 4,200 records; TestBothExportsLeaveOutASealedRecordWhoseKeyIsDamaged reads such a store under -race
	path := synthetic4200(t, 3)
	rb := readRecordBytes(t, path)
	flipEachAndCompare(t, path, 4200, []flip{{rb.vals[0][0], 0}, {rb.vals[0][0], 7}, {rb.keys[0][0] + 35, 0}})
}

// flip is one bit of a store file.
type flip struct {
	at  int64
	bit byte
}

// everyBit is every bit of the n bytes at at, or one bit of every
// stride'th byte.
func everyBit(at, n, stride int64) []flip {
	var out []flip
	for i := int64(0); i < n; i += stride {
		if stride == 1 {
			for bit := range byte(8) {
				out = append(out, flip{at + i, bit})
			}
		} else {
			out = append(out, flip{at + i, byte((at + i) % 8)})
		}
	}
	return out
}

// flipEachAndCompare flips each bit in turn in a copy of the store at
// path, of records records, and holds the exports (and check) to the same
// counts.
func flipEachAndCompare(t *testing.T, path string, records int, flips []flip) {
	clean, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for n, fl := range flips {
		b := slices.Clone(clean)
		b[fl.at] ^= 1 << fl.bit
		p := filepath.Join(dir, fmt.Sprintf("flip%d.db", n))
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		what := fmt.Sprintf("bit %d of byte %d", fl.bit, fl.at)
		got := map[string]tally{}
		for _, format := range []string{"csv", "ndjson", "fhir"} {
			if format == "fhir" && records > 100 {
				continue // counts assessments, not records, in a store of versions
			}
			got[format] = exportTally(t, p, format)
		}
		if compareCheck {
			os.Remove(p + ".damaged")
			got["check"] = checkTally(t, p)
		}
		for name, c := range got {
			if len(c.twice) > 0 {
				t.Errorf("%s: %s counts %v twice", what, name, c.twice)
			}
			if c.read+c.lost != records && c.failed == "" {
				t.Errorf("%s: %s accounts for %d of the %d records (%v)", what, name, c.read+c.lost, records, c)
			}
		}
		for _, name := range []string{"ndjson", "fhir", "check"} {
			if name == "check" && !compareCheck {
				continue
			}
			b, ok := got[name]
			if !ok {
				continue
			}
			if a := got["csv"]; a.read != b.read || a.lost != b.lost {
				t.Errorf("%s: csv and %s disagree:\n  csv:  %v\n  %s: %v", what, name, a, name, b)
			}
		}
		os.Remove(p)
		os.Remove(p + ".damaged")
	}
}

// compareCheck is whether check's headline is held to the exports' counts.
const compareCheck = true

var checkRecords = regexp.MustCompile(`(?m)^Records: (\d+)`)
var checkUnreadable = regexp.MustCompile(`(?m)^Records: \d+ could be read, and (\d+) `)

// checkTally runs check on the store at path and takes its headline count
// of the records it read and those it found lost or unreadable.
func checkTally(t *testing.T, path string) tally {
	t.Helper()
	out, _, err := runStoreCmd(t, path, (*app).checkCmd)
	var c tally
	if err != nil {
		c.failed = err.Error()
	}
	m := checkRecords.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("check gives no count of records:\n%s", out)
	}
	c.read, _ = strconv.Atoi(m[1])
	if m := checkUnreadable.FindStringSubmatch(out); m != nil {
		c.lost, _ = strconv.Atoi(m[1])
	}
	return c
}

// Damaged stores, item 4: a record whose stored bytes cannot be unpacked
// was named on standard error with the decoder's words ("it cannot be
// decoded: \"...: corrupt input\""). Each export says what is wrong in
// plain words, the decoder's words last, for IT.
func TestExportsSayARecordThatCannotBeReadInPlainWords(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 3)
	rb := readRecordBytes(t, path)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[rb.vals[1][0]] ^= 1 // what says how to read the rest
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"csv", "ndjson", "fhir"} {
		os.Remove(path + ".damaged")
		_, stderr, _ := runStoreCmd(t, path, (*app).exportCmd, "--format", format, "--identifiable")
		said := strings.Join(strings.Fields(stderr), " ")
		_, line, ok := strings.Cut(said, "unreadable: record "+rs[1].ID.String()+": ")
		if !ok {
			t.Errorf("%s export does not name the record left out:\n%s", format, stderr)
			continue
		}
		plain, _, _ := strings.Cut(line, "(for IT:")
		if !strings.HasPrefix(plain, "its stored bytes are damaged") {
			t.Errorf("%s export says why the record is left out as %q; want it in plain words first", format, line)
		}
		for _, j := range []string{"decoded", "corrupt", "invalid character", "flate", "s2:"} {
			if strings.Contains(plain, j) {
				t.Errorf("%s export says %q before the words for IT: %s", format, j, line)
			}
		}
	}
}
