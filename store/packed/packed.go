// Package packed is how a record's JSON is kept on disk: compressed
// against a fixed dictionary of typical records, behind one byte that
// names the format. Records are packed as S2 blocks (FormatS2); before,
// they were packed with DEFLATE (RFC 1951: by klauspost/compress's
// encoder, read by Go's compress/flate; see packLevel), which is still
// read.
//
// A record is about 3.3 kB of JSON, most of it the words of its routes'
// reasons and its referrals (names, contacts, lines for the patient),
// which are the same in record after record. Against a dictionary that
// holds them, a record packs to a few hundred bytes to a kilobyte (DEFLATE
// 700 bytes on average, S2 1,030, for `digicheck synthetic` records of 4.3
// kB): a store of a million records is one or two gigabytes, not five, and
// a save writes one page where it wrote two.
//
// A stored value that begins with '{' is a record's JSON as it was stored
// before packing, and is read as it is; one that begins with FormatDeflate
// is packed; one that begins with FormatSummed is packed and carries the
// SHA-256 of its packed bytes, the record's checksum, which the store kept
// in a bucket of its own before (a save wrote three more pages for it);
// FormatFacts carries the record's facts too. FormatS2 and FormatS2Facts,
// which Pack writes now, are FormatSummed and FormatFacts with the JSON
// packed as an S2 block (klauspost/compress/s2) against the same
// dictionary rather than DEFLATE: about a tenth of the time to pack (6 us
// against 57 us for the store's 7.4 kB test record), for a value about
// two fifths longer (1.2 kB against 0.8 kB), still one page; unpacking
// takes a quarter of the time or less. The
// dictionary of a format can never change: every record packed with it
// needs it to be read, so dict-1.json is frozen (its SHA-256 is pinned by
// a test), and a better dictionary would be a new format, with this one
// still read. Every format is read for good: values of each, as they were
// stored, are in testdata and must unpack to their record.
package packed

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync"

	kflate "github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/s2"
)

// FormatDeflate is the first byte of a packed record: DEFLATE against
// dict-1.json.
const FormatDeflate = 0x01

// FormatSummed is the first byte of a packed record that carries its own
// checksum: then SumSize bytes, the SHA-256 of the rest of the value, then
// the DEFLATE stream, against dict-1.json as FormatDeflate's. Pack wrote
// it before FormatS2.
const FormatSummed = 0x02

// FormatFacts is the first byte of a packed record that carries its own
// checksum and its facts (the store's summary row, package facts): then
// SumSize bytes, the SHA-256 of the rest of the value; the length of the
// facts (an unsigned varint) and the facts; then the DEFLATE stream, as
// FormatSummed's. The store keeps the facts of its newest records in the
// record itself, so that a save writes them in the page it writes the
// record to (WithFacts).
const FormatFacts = 0x03

// FormatS2 is the first byte of a record packed as an S2 block (the block
// format of klauspost/compress/s2, which begins with the JSON's length as
// an unsigned varint) against dict-1.json (s2Dict), carrying its own
// checksum: then SumSize bytes, the SHA-256 of the rest of the value, then
// the block. Pack writes it: S2 packs a record in a tenth of DEFLATE's
// time, with no compressor to make ready, since its dictionary is hashed
// once for every record.
const FormatS2 = 0x04

// FormatS2Facts is FormatFacts with its JSON as FormatS2's: the format
// byte, SumSize bytes of SHA-256 of the rest of the value, the length of
// the facts (an unsigned varint) and the facts, then the S2 block.
// WithFacts makes it of a FormatS2 value.
const FormatS2Facts = 0x05

// SumSize is the length of a FormatSummed value's checksum.
const SumSize = sha256.Size

// MaxJSON bounds a record's JSON when it is unpacked, so that a damaged
// or made-up value cannot unpack to gigabytes.
const MaxJSON = 4 << 20

// dict is typical records, synthetic ones as `digicheck synthetic --seed 1`
// made them, chosen so that together they hold every route reason and
// referral of the national directory at the time, the most typical last
// (nearest the data, cheapest to refer back to). DEFLATE looks back at
// most 32 kB.
//
//go:embed dict-1.json
var dict []byte

// s2Repeat is where an S2 block's first repeat points in dict-1.json
// before the block has one of its own: at the last record's start, so a
// block of a record, which begins as that record does, can start with a
// copy. It is part of FormatS2, frozen with the dictionary; it is what
// s2.MakeDict finds for dict-1.json and `{"id":"`, pinned here so that a
// later version of the library cannot change it.
const s2Repeat = 26690

// s2Dict is the dictionary FormatS2 packs against: the whole of
// dict-1.json (S2 refers back up to 64 kB). Its hash table is made once,
// by the first Pack, and is read, not written, by every Pack after. Made
// when first used: making it copies the whole dictionary, which a start
// that packs and unpacks nothing does not need.
var s2Dict = sync.OnceValue(func() *s2.Dict { return s2.MakeDictManual(dict, s2Repeat) })

// ErrFormat is returned for a value that is neither a record's JSON nor a
// packed record of a format known here.
var ErrFormat = errors.New("not a stored record of a known format")

// packWith is the part of the dictionary DEFLATE packs against: its
// last 16 kB, the most typical records. The compressor hashes its whole
// dictionary for every record, so half the dictionary is about half the
// time, for records about a tenth larger (235 bytes rather than 215). A
// stream packed against the end of the dictionary unpacks against the
// whole of it: DEFLATE refers back by distance, and the bytes just before
// the record are the same either way.
var packWith = dict[len(dict)-16<<10:]

// packLevel is the DEFLATE compressor PackAs uses for FormatSummed and
// FormatDeflate, as Pack did before FormatS2: klauspost/compress's DEFLATE
// encoder at its level 6, the strongest of its fast (single-pass,
// table-driven) levels. It writes DEFLATE as RFC 1951 defines it, against
// the same dictionary, so what it packs reads with the reader below (Go's
// compress/flate, unchanged), and what Go's encoder packed before reads
// as it did.
const packLevel = 6

// writers holds DEFLATE compressors between uses. Making one ready for a
// record (Reset) clears its hash tables and hashes the whole of packWith
// again, about 40 us: the cost FormatS2 does away with.
var writers = sync.Pool{New: func() any {
	wr := &writer{}
	w, err := kflate.NewWriterDict(&wr.out, packLevel, packWith)
	if err != nil {
		panic(err) // only for a bad level
	}
	wr.w = w
	return wr
}}

// A writer is a DEFLATE compressor whose output goes where its sink
// points.
type writer struct {
	w   *kflate.Writer
	out sink
}

// sink is the buffer a writer writes to, set for the length of one Pack.
type sink struct{ buf *bytes.Buffer }

func (s *sink) Write(p []byte) (int, error) { return s.buf.Write(p) }

// blocks are scratch buffers S2 blocks are made in (PackAs).
var blocks = sync.Pool{New: func() any { return new([]byte) }}

var readers = sync.Pool{New: func() any { return flate.NewReaderDict(bytes.NewReader(nil), dict) }}

// Pack returns json packed, carrying its checksum: FormatS2, the SHA-256
// of the S2 block, then the block.
func Pack(json []byte) []byte { return PackAs(FormatS2, json) }

// PackAs returns json packed in the given format: FormatS2, or as records
// were packed before, FormatSummed or FormatDeflate (before records
// carried their checksum); any other format is JSON left as it is.
func PackAs(format byte, json []byte) []byte {
	if format == FormatS2 {
		n := s2.MaxEncodedLen(len(json))
		if n < 0 {
			panic("packed: a record too long to pack")
		}
		// The block is made in a scratch buffer as long as the longest
		// block could be, and copied to a value of its own length.
		sp := blocks.Get().(*[]byte)
		defer blocks.Put(sp)
		if cap(*sp) < n {
			*sp = make([]byte, n)
		}
		b := s2Dict().Encode((*sp)[:n], json)
		v := make([]byte, 1+SumSize+len(b))
		v[0] = FormatS2
		copy(v[1+SumSize:], b)
		sum := sha256.Sum256(v[1+SumSize:])
		copy(v[1:], sum[:])
		return v
	}
	var buf bytes.Buffer
	buf.Grow(len(json)/8 + 64 + SumSize)
	switch format {
	case FormatSummed:
		buf.WriteByte(FormatSummed)
		buf.Write(make([]byte, SumSize)) // filled in below
	case FormatDeflate:
		buf.WriteByte(FormatDeflate)
	default:
		return json
	}
	wr := writers.Get().(*writer)
	wr.out.buf = &buf
	wr.w.Reset(&wr.out)
	// Writes to a bytes.Buffer do not fail.
	_, _ = wr.w.Write(json)
	_ = wr.w.Close()
	wr.out.buf = nil
	writers.Put(wr)
	v := buf.Bytes()
	if format == FormatSummed {
		sum := sha256.Sum256(v[1+SumSize:])
		copy(v[1:], sum[:])
	}
	return v
}

// Summed reports whether v is a stored value that carries its own
// checksum.
func Summed(v []byte) bool {
	return len(v) > 0 && (v[0] == FormatSummed || v[0] == FormatFacts || v[0] == FormatS2 || v[0] == FormatS2Facts)
}

// S2 reports whether v is a record packed as an S2 block (FormatS2 or
// FormatS2Facts), which a digicheck before these formats cannot read.
func S2(v []byte) bool { return len(v) > 0 && (v[0] == FormatS2 || v[0] == FormatS2Facts) }

// withFacts is the format that carries facts for each format that can
// take them (WithFacts).
var withFacts = map[byte]byte{FormatSummed: FormatFacts, FormatS2: FormatS2Facts}

// TakesFacts reports whether v is a value WithFacts can add facts to: one
// that carries its checksum and no facts (FormatSummed or FormatS2).
func TakesFacts(v []byte) bool { return len(v) >= 1+SumSize && withFacts[v[0]] != 0 }

// WithFacts returns v, a value Pack made (FormatS2, or FormatSummed as
// Pack made before), as FormatS2Facts (or FormatFacts), carrying facts,
// with its checksum of the whole.
func WithFacts(v, facts []byte) []byte {
	if !TakesFacts(v) {
		panic("packed: WithFacts of a value that is neither FormatS2 nor FormatSummed")
	}
	out := make([]byte, 0, len(v)+binary.MaxVarintLen64+len(facts))
	out = append(out, withFacts[v[0]])
	out = append(out, make([]byte, SumSize)...)
	out = binary.AppendUvarint(out, uint64(len(facts)))
	out = append(out, facts...)
	out = append(out, v[1+SumSize:]...)
	sum := sha256.Sum256(out[1+SumSize:])
	copy(out[1:], sum[:])
	return out
}

// Facts returns the facts a FormatFacts or FormatS2Facts value carries,
// and the rest of it, the DEFLATE stream or S2 block; ok is false for a
// value of another format, or one whose facts run past its end.
func Facts(v []byte) (facts, stream []byte, ok bool) {
	if len(v) < 1+SumSize || (v[0] != FormatFacts && v[0] != FormatS2Facts) {
		return nil, nil, false
	}
	rest := v[1+SumSize:]
	n, w := binary.Uvarint(rest)
	if w <= 0 || n > uint64(len(rest)-w) {
		return nil, nil, false
	}
	return rest[w : w+int(n) : w+int(n)], rest[w+int(n):], true
}

// SumOK reports whether v, a value that carries its own checksum, has the
// bytes it was packed with: the SHA-256 of its stream is the one it
// carries.
func SumOK(v []byte) bool {
	if !Summed(v) || len(v) < 1+SumSize {
		return false
	}
	sum := sha256.Sum256(v[1+SumSize:])
	return bytes.Equal(sum[:], v[1:1+SumSize])
}

// Unpack returns the JSON of a stored value: the value itself when it is
// JSON stored before packing, else its packed JSON unpacked.
func Unpack(v []byte) ([]byte, error) {
	v, kind, err := body(v)
	if err != nil || kind == plain {
		return v, err
	}
	if kind == block {
		return unblock(v)
	}
	r := readers.Get().(io.ReadCloser)
	defer readers.Put(r)
	if err := r.(flate.Resetter).Reset(bytes.NewReader(v), dict); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.Grow(8 * len(v))
	n, err := io.Copy(&out, io.LimitReader(r, MaxJSON+1))
	switch {
	case err != nil:
		return nil, fmt.Errorf("a packed record that cannot be unpacked: %w", err)
	case n > MaxJSON:
		return nil, fmt.Errorf("a packed record that unpacks to more than %d bytes", MaxJSON)
	}
	return out.Bytes(), nil
}

// The kinds of body a stored value holds (body).
const (
	plain   = iota // JSON as it was stored before packing
	deflate        // a DEFLATE stream against dict
	block          // an S2 block against s2Dict
)

// body returns what a stored value holds past its format byte and
// whatever comes before the JSON in that format, and its kind: the value
// itself when it is JSON stored before packing.
func body(v []byte) (b []byte, kind int, err error) {
	if len(v) == 0 {
		return nil, 0, ErrFormat
	}
	switch v[0] {
	case '{':
		return v, plain, nil
	case FormatDeflate:
		return v[1:], deflate, nil
	case FormatSummed, FormatS2:
		if len(v) < 1+SumSize {
			return nil, 0, fmt.Errorf("a packed record cut short: %d bytes", len(v))
		}
		if v[0] == FormatS2 {
			return v[1+SumSize:], block, nil
		}
		return v[1+SumSize:], deflate, nil
	case FormatFacts, FormatS2Facts:
		_, stream, ok := Facts(v)
		if !ok {
			return nil, 0, fmt.Errorf("a packed record whose facts run past its end: %d bytes", len(v))
		}
		if v[0] == FormatS2Facts {
			return stream, block, nil
		}
		return stream, deflate, nil
	}
	return nil, 0, fmt.Errorf("%w (it begins with byte %#x)", ErrFormat, v[0])
}

// unblock returns the JSON an S2 block holds, refusing a block that says
// it holds more than MaxJSON before making room for it.
func unblock(b []byte) ([]byte, error) {
	n, err := s2.DecodedLen(b)
	switch {
	case err != nil:
		return nil, fmt.Errorf("a packed record that cannot be unpacked: %w", err)
	case n > MaxJSON:
		return nil, fmt.Errorf("a packed record that unpacks to more than %d bytes", MaxJSON)
	}
	out, err := s2Dict().Decode(nil, b)
	if err != nil {
		return nil, fmt.Errorf("a packed record that cannot be unpacked: %w", err)
	}
	return out, nil
}
