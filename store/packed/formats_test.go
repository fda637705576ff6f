package packed

import (
	"bytes"
	"encoding/binary"
	"os"
	"strings"
	"testing"

	"github.com/klauspost/compress/s2"
)

// fixtureFacts is what the stored values of the formats that carry facts in
// testdata carry.
var fixtureFacts = []byte("facts of the record, as bytes: \x00\x01\x02\xff")

// fixtures are the store's test record (testdata/assessed.json) as each
// format stored it, the bytes kept as they were written: the DEFLATE
// formats by the digicheck before FormatS2 (main at 21a8c10), the S2
// formats by the first that wrote them. A store holds values of every one
// of these for good.
var fixtures = []struct {
	file   string
	format byte
	summed bool
	facts  bool
}{
	{"assessed.json", '{', false, false},
	{"assessed.deflate", FormatDeflate, false, false},
	{"assessed.summed", FormatSummed, true, false},
	{"assessed.facts", FormatFacts, true, true},
	{"assessed.s2", FormatS2, true, false},
	{"assessed.s2facts", FormatS2Facts, true, true},
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Every format a record was ever stored in unpacks to the record's JSON,
// byte for byte, matches its checksum and gives back its facts, and its
// head is the JSON's first bytes.
func TestEveryStoredFormatUnpacksToItsRecord(t *testing.T) {
	json := readFixture(t, "assessed.json")
	for _, f := range fixtures {
		v := readFixture(t, f.file)
		if v[0] != f.format {
			t.Errorf("%s begins with %#x, want %#x", f.file, v[0], f.format)
		}
		got, err := Unpack(v)
		if err != nil || !bytes.Equal(got, json) {
			t.Errorf("%s: Unpack = %d bytes, %v; want the record's %d bytes of JSON", f.file, len(got), err, len(json))
		}
		if Summed(v) != f.summed || SumOK(v) != f.summed {
			t.Errorf("%s: summed %v, sum ok %v; want %v", f.file, Summed(v), SumOK(v), f.summed)
		}
		facts, _, ok := Facts(v)
		if ok != f.facts || (f.facts && !bytes.Equal(facts, fixtureFacts)) {
			t.Errorf("%s: Facts = %q, %v; want carried %v", f.file, facts, ok, f.facts)
		}
		if h, err := Head(v, 44); err != nil || !bytes.Equal(h, json[:44]) {
			t.Errorf("%s: Head = %q, %v; want %q", f.file, h, err, json[:44])
		}
	}
}

// A tool that rewrites a stored record in an old format (testkit.Repack) writes
// it as that format was written: the DEFLATE formats pack to the bytes
// they did before Pack wrote FormatS2.
func TestTheDEFLATEFormatsPackAsTheyDid(t *testing.T) {
	json := readFixture(t, "assessed.json")
	for _, f := range fixtures[1:4] {
		var got []byte
		if f.facts {
			got = WithFacts(PackAs(FormatSummed, json), fixtureFacts)
		} else {
			got = PackAs(f.format, json)
		}
		if !bytes.Equal(got, readFixture(t, f.file)) {
			t.Errorf("%s: packed now to %d bytes that differ from the %d stored", f.file, len(got), len(readFixture(t, f.file)))
		}
	}
}

// A save packs its record as an S2 block, and its facts carried with it
// as FormatS2Facts.
func TestASaveWritesFormatS2(t *testing.T) {
	json := readFixture(t, "assessed.json")
	v := Pack(json)
	if v[0] != FormatS2 || !SumOK(v) || !S2(v) || !TakesFacts(v) {
		t.Fatalf("Pack gives %#x (sum ok %v); want FormatS2 with its sum", v[0], SumOK(v))
	}
	w := WithFacts(v, fixtureFacts)
	if w[0] != FormatS2Facts || !SumOK(w) || !S2(w) || TakesFacts(w) {
		t.Fatalf("WithFacts(Pack) gives %#x (sum ok %v); want FormatS2Facts with its sum", w[0], SumOK(w))
	}
	for _, f := range fixtures {
		if s := readFixture(t, f.file); S2(s) != (f.format == FormatS2 || f.format == FormatS2Facts) {
			t.Errorf("S2(%s) = %v", f.file, S2(s))
		}
	}
	// A record is a few hundred bytes to a kilobyte or so: with its
	// facts, the index entry and its key, one page.
	if len(w) > len(json)/5 {
		t.Errorf("the test record of %d bytes of JSON packs to %d bytes; want under a fifth", len(json), len(w))
	}
}

// Records of every length, past the 64 kB an S2 block refers back into
// its dictionary, pack and unpack.
func TestRecordsOfEveryLengthPackAsS2(t *testing.T) {
	for _, json := range append(shapes, "", "{", strings.Repeat(record, 200)) {
		v := Pack([]byte(json))
		if got, err := Unpack(v); err != nil || string(got) != json {
			t.Errorf("%d bytes of JSON: Unpack(Pack) = %d bytes, %v", len(json), len(got), err)
		}
	}
}

// The S2 dictionary's first repeat is part of the format: it is pinned,
// at the start of the dictionary's last record, where s2.MakeDict puts it.
func TestTheS2DictionaryNeverChanges(t *testing.T) {
	if i := bytes.LastIndex(dict, []byte(`{"id":"`)); s2Repeat != i {
		t.Errorf("s2Repeat = %d; the last record of dict-1.json starts at %d", s2Repeat, i)
	}
	if !bytes.Equal(s2Dict().Bytes(), s2.MakeDict(dict, []byte(`{"id":"`)).Bytes()) {
		t.Log("s2.MakeDict now chooses another repeat for dict-1.json; FormatS2 keeps s2Repeat")
	}
}

// A damaged S2 value is refused with an error, never a panic, and never
// unpacked to more than MaxJSON: a block whose length says more is
// refused before room is made for it.
func TestDamagedS2ValuesAreRefused(t *testing.T) {
	v := readFixture(t, "assessed.s2")
	w := readFixture(t, "assessed.s2facts")
	bomb := append([]byte{FormatS2}, make([]byte, SumSize)...)
	bomb = binary.AppendUvarint(bomb, MaxJSON+1)
	bomb = append(bomb, 0)
	huge := append(bomb[:1+SumSize:1+SumSize], 0xff, 0xff, 0xff, 0xff, 0x7f, 0)
	for name, d := range map[string][]byte{
		"cut short in its sum":   v[:1+SumSize-1],
		"with no block":          v[:1+SumSize],
		"cut short in its block": v[:len(v)-10],
		"a byte more":            append(bytes.Clone(v), 0),
		"a length too long":      lengthPlus(v, 1+SumSize, 1),
		"a length too short":     lengthPlus(v, 1+SumSize, -1),
		"facts past its end":     append(bytes.Clone(w[:1+SumSize]), 0x7f, 1, 2),
		"a bomb":                 bomb,
		"a length over 4 GB":     huge,
	} {
		got, err := Unpack(d)
		if err == nil {
			t.Errorf("%s: unpacked to %d bytes, want an error", name, len(got))
		}
		if _, err := Head(d, 44); err == nil {
			t.Errorf("%s: Head gave no error", name)
		}
	}
}

// lengthPlus returns v with the varint length at v[at:] (one that fits
// the same bytes) changed by d.
func lengthPlus(v []byte, at int, d int) []byte {
	n, w := binary.Uvarint(v[at:])
	out := bytes.Clone(v)
	l := binary.AppendUvarint(nil, uint64(int(n)+d))
	if len(l) != w {
		panic("length of another width")
	}
	copy(out[at:], l)
	return out
}

// FuzzUnpack: no value, however damaged, makes Unpack or Head panic or
// unpack to more than MaxJSON; what Head gives is the start of what
// Unpack gives; and a value whose checksum matches after a change is one
// that unpacks as the original did (the checksum is what the store trusts).
func FuzzUnpack(f *testing.F) {
	for _, fx := range fixtures {
		f.Add(readFixture(f, fx.file))
	}
	f.Add(Pack([]byte(record)))
	f.Add([]byte{FormatS2})
	f.Fuzz(func(t *testing.T, v []byte) {
		got, err := Unpack(v)
		if err == nil && len(got) > MaxJSON {
			t.Fatalf("unpacked to %d bytes, over MaxJSON", len(got))
		}
		h, herr := Head(v, 44)
		if err == nil && herr == nil && !bytes.HasPrefix(got, h) {
			t.Fatalf("Head %q is not the start of what Unpack gives", h)
		}
		if err == nil && S2(v) {
			if back, err := Unpack(Pack(got)); err != nil || !bytes.Equal(back, got) {
				t.Fatalf("what an S2 value unpacks to does not pack and unpack again: %v", err)
			}
		}
	})
}

// BenchmarkPackFormats compares packing the store's test record (7.4 kB
// of JSON) as a save packs it now (FormatS2) with DEFLATE as it packed it
// before (FormatSummed), each writer made ready on the caller's path, as
// a save after a pause finds it; and unpacking each. It reports the bytes
// of each value.
func BenchmarkPackFormats(b *testing.B) {
	json := readFixture(b, "assessed.json")
	for _, format := range []byte{FormatS2, FormatSummed} {
		name := map[byte]string{FormatS2: "s2", FormatSummed: "deflate"}[format]
		b.Run("pack-"+name, func(b *testing.B) {
			var v []byte
			for range b.N {
				v = PackAs(format, json)
			}
			b.ReportMetric(float64(len(v)), "bytes")
		})
		b.Run("unpack-"+name, func(b *testing.B) {
			v := PackAs(format, json)
			for range b.N {
				if _, err := Unpack(v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
