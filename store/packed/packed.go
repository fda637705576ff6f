// Package packed is how a record's JSON is kept on disk: compressed with
// DEFLATE (RFC 1951: packed by klauspost/compress's encoder, read by Go's
// compress/flate; see packLevel) against a fixed dictionary of typical
// records, behind one byte that names the format.
//
// A record is about 3.3 kB of JSON, most of it the words of its routes'
// reasons and its referrals (names, contacts, lines for the patient),
// which are the same in record after record. Against a dictionary that
// holds them, a record packs to about 200 bytes: a store of a million
// records is a few hundred megabytes, not five gigabytes, and a save
// writes one page where it wrote two.
//
// A stored value that begins with '{' is a record's JSON as it was stored
// before packing, and is read as it is; one that begins with FormatDeflate
// is packed; one that begins with FormatSummed is packed and carries the
// SHA-256 of its packed bytes, the record's checksum, which the store kept
// in a bucket of its own before (a save wrote three more pages for it). The dictionary of a format can never change: every record
// packed with it needs it to be read, so dict-1.json is frozen (its
// SHA-256 is pinned by a test), and a better dictionary would be a new
// format, with this one still read.
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
	"sync/atomic"

	kflate "github.com/klauspost/compress/flate"
)

// FormatDeflate is the first byte of a packed record: DEFLATE against
// dict-1.json.
const FormatDeflate = 0x01

// FormatSummed is the first byte of a packed record that carries its own
// checksum: then SumSize bytes, the SHA-256 of the rest of the value, then
// the DEFLATE stream, against dict-1.json as FormatDeflate's. Pack writes
// it.
const FormatSummed = 0x02

// FormatFacts is the first byte of a packed record that carries its own
// checksum and its facts (the store's summary row, package facts): then
// SumSize bytes, the SHA-256 of the rest of the value; the length of the
// facts (an unsigned varint) and the facts; then the DEFLATE stream, as
// FormatSummed's. The store keeps the facts of its newest records in the
// record itself, so that a save writes them in the page it writes the
// record to (WithFacts).
const FormatFacts = 0x03

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

// ErrFormat is returned for a value that is neither a record's JSON nor a
// packed record of a format known here.
var ErrFormat = errors.New("not a stored record of a known format")

// packWith is the part of the dictionary Pack compresses against: its
// last 16 kB, the most typical records. The compressor hashes its whole
// dictionary for every record, so half the dictionary is about half the
// time, for records about a tenth larger (235 bytes rather than 215). A
// stream packed against the end of the dictionary unpacks against the
// whole of it: DEFLATE refers back by distance, and the bytes just before
// the record are the same either way.
var packWith = dict[len(dict)-16<<10:]

// packLevel is the compressor Pack uses: klauspost/compress's DEFLATE
// encoder at its level 6, the strongest of its fast (single-pass,
// table-driven) levels. It writes DEFLATE as RFC 1951 defines it, against
// the same dictionary, so what it packs reads with the reader below (Go's
// compress/flate, unchanged), and what Go's encoder packed before reads
// as it did: only the encoder changed. On this store's test record (7.4 kB
// of JSON) it packs in under half the time of Go's compress/flate at its
// default level, which packed every record before, to a stream about 4%
// longer (780 bytes against 748). Its level 5 was 830 bytes for 12% less
// time, its level 1 996 bytes for a third less: not worth the bytes.
const packLevel = 6

// A writer is a DEFLATE compressor whose output goes where its sink
// points. Making one ready for a record (Writer.Reset) clears its hash
// tables and hashes the whole of packWith again: with Go's encoder, a
// quarter of the instructions a save took (0.48 of 1.98 million,
// callgrind); with this one, about 37 us against 63 us. So a
// writer is made ready after it is used, on a goroutine of its own, while
// the save that used it writes and syncs its pages, and the next Pack
// takes it ready (primed). A writer not ready in time is made ready by
// the Pack that takes it, as every Pack did before: the bytes are the
// same either way.
type writer struct {
	w     *kflate.Writer
	out   sink
	ready bool // made ready since it was last used
}

// sink is the buffer a writer writes to, set for the length of one Pack.
type sink struct{ buf *bytes.Buffer }

func (s *sink) Write(p []byte) (int, error) { return s.buf.Write(p) }

// primed holds writers made ready for a record; writers holds the rest.
var (
	primed  = make(chan *writer, 2)
	writers = sync.Pool{New: func() any {
		wr := &writer{}
		w, err := kflate.NewWriterDict(&wr.out, packLevel, packWith)
		if err != nil {
			panic(err) // only for a bad level
		}
		wr.w, wr.ready = w, true
		return wr
	}}
)

// primes counts the writers made ready by the Pack that took them, rather
// than ahead of it: for tests.
var primes atomic.Int64

// take returns a writer ready for a record.
func take() *writer {
	select {
	case wr := <-primed:
		wr.ready = false
		return wr
	default:
	}
	wr := writers.Get().(*writer)
	if !wr.ready {
		primes.Add(1)
		wr.w.Reset(&wr.out)
	}
	wr.ready = false
	return wr
}

// making counts the writers being made ready off a Pack's path, and
// mostMaking the most there were at once: for tests.
var making, mostMaking atomic.Int64

// maxMaking bounds the writers made ready off a Pack's path at once. Packs
// in a row (a batch of saves) come faster than their writers are made
// ready, and each writer is about a megabyte: unbounded, 100,000
// synthetic records held 1.3 GB. A writer given back while maxMaking are
// being made ready goes to the pool as it is, and the Pack that takes it
// makes it ready, as every Pack did before.
const maxMaking = 2

// give makes wr ready for the next record, off the caller's path, and
// keeps it for the next Pack, or in the pool when enough are ready.
func give(wr *writer) {
	wr.out.buf = nil
	n := making.Add(1)
	if n > maxMaking {
		making.Add(-1)
		writers.Put(wr)
		return
	}
	if n > mostMaking.Load() {
		mostMaking.Store(n)
	}
	go func() {
		defer making.Add(-1)
		wr.w.Reset(&wr.out)
		wr.ready = true
		select {
		case primed <- wr:
		default:
			writers.Put(wr)
		}
	}()
}

var readers = sync.Pool{New: func() any { return flate.NewReaderDict(bytes.NewReader(nil), dict) }}

// Pack returns json packed, carrying its checksum: FormatSummed, the
// SHA-256 of the DEFLATE stream, then the stream.
func Pack(json []byte) []byte { return PackAs(FormatSummed, json) }

// PackAs returns json packed in the given format, FormatSummed or
// FormatDeflate (as records were packed before they carried their
// checksum); any other format is JSON left as it is.
func PackAs(format byte, json []byte) []byte {
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
	wr := take()
	wr.out.buf = &buf
	// Writes to a bytes.Buffer do not fail.
	_, _ = wr.w.Write(json)
	_ = wr.w.Close()
	give(wr)
	v := buf.Bytes()
	if format == FormatSummed {
		sum := sha256.Sum256(v[1+SumSize:])
		copy(v[1:], sum[:])
	}
	return v
}

// Summed reports whether v is a stored value that carries its own
// checksum.
func Summed(v []byte) bool { return len(v) > 0 && (v[0] == FormatSummed || v[0] == FormatFacts) }

// WithFacts returns v, a value Pack made (FormatSummed), as FormatFacts,
// carrying facts, with its checksum of the whole.
func WithFacts(v, facts []byte) []byte {
	if len(v) < 1+SumSize || v[0] != FormatSummed {
		panic("packed: WithFacts of a value that is not FormatSummed")
	}
	out := make([]byte, 0, len(v)+binary.MaxVarintLen64+len(facts))
	out = append(out, FormatFacts)
	out = append(out, make([]byte, SumSize)...)
	out = binary.AppendUvarint(out, uint64(len(facts)))
	out = append(out, facts...)
	out = append(out, v[1+SumSize:]...)
	sum := sha256.Sum256(out[1+SumSize:])
	copy(out[1:], sum[:])
	return out
}

// WithoutFacts returns v, a FormatFacts value, as the FormatSummed value
// it was made from (WithFacts), or v itself for a value of another format.
func WithoutFacts(v []byte) []byte {
	_, stream, ok := Facts(v)
	if !ok {
		return v
	}
	out := make([]byte, 1+SumSize, 1+SumSize+len(stream))
	out[0] = FormatSummed
	out = append(out, stream...)
	sum := sha256.Sum256(out[1+SumSize:])
	copy(out[1:], sum[:])
	return out
}

// Facts returns the facts a FormatFacts value carries, and the rest of
// it, the DEFLATE stream; ok is false for a value of another format, or
// one whose facts run past its end.
func Facts(v []byte) (facts, stream []byte, ok bool) {
	if len(v) < 1+SumSize || v[0] != FormatFacts {
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

// Repack packs json in the format of stored, another value, as a tool
// that rewrote a stored record would: JSON stays JSON, and a value that
// carries a checksum keeps stored's checksum, not one of json. It is for
// tests that change a store behind the program's back.
func Repack(stored, json []byte) []byte {
	if len(stored) == 0 {
		return json
	}
	var v []byte
	if f, _, ok := Facts(stored); ok {
		v = WithFacts(PackAs(FormatSummed, json), f)
	} else {
		v = PackAs(stored[0], json)
	}
	if Summed(v) && len(stored) >= 1+SumSize {
		copy(v[1:1+SumSize], stored[1:1+SumSize])
	}
	return v
}

// Unpack returns the JSON of a stored value: the value itself when it is
// JSON stored before packing, else its packed JSON unpacked.
func Unpack(v []byte) ([]byte, error) {
	v, plain, err := deflated(v)
	if err != nil || plain {
		return v, err
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

// deflated returns the DEFLATE stream a stored value holds, past its
// format byte and whatever comes before the stream in that format; or,
// with plain true, the value itself when it is JSON stored before packing.
func deflated(v []byte) (stream []byte, plain bool, err error) {
	if len(v) == 0 {
		return nil, false, ErrFormat
	}
	switch v[0] {
	case '{':
		return v, true, nil
	case FormatDeflate:
		return v[1:], false, nil
	case FormatSummed:
		if len(v) < 1+SumSize {
			return nil, false, fmt.Errorf("a packed record cut short: %d bytes", len(v))
		}
		return v[1+SumSize:], false, nil
	case FormatFacts:
		_, stream, ok := Facts(v)
		if !ok {
			return nil, false, fmt.Errorf("a packed record whose facts run past its end: %d bytes", len(v))
		}
		return stream, false, nil
	}
	return nil, false, fmt.Errorf("%w (it begins with byte %#x)", ErrFormat, v[0])
}
