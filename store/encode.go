package store

import (
	"fmt"
	"sync"

	"digicheck/record"
	"digicheck/store/packed"

	bolt "go.etcd.io/bbolt"
)

// Records are stored as their JSON, packed (package packed: an S2 block
// against a fixed dictionary of typical records, as DEFLATE was before,
// a few hundred bytes a record instead of 3.3 kB). Records stored before packing are plain JSON and are
// read as they are, byte for byte. Every conversion between a record and
// its stored bytes goes through encodeRecord and decodeRecord. A record's
// sum (sums.go) is carried in its packed value; a record stored before
// that has its sum, of its stored bytes, in the sums bucket.

// schemaPacked is the first schema whose records may be packed. Storing a
// packed record raises a store's schema to it (storePacked), so an earlier
// digicheck, which would read packed bytes as broken JSON and call the store
// damaged, refuses the store as newer instead.
const schemaPacked = 2

// schemaSummed is the first schema whose records may carry their own sum
// (packed.FormatSummed), which an earlier digicheck cannot unpack: it
// would call such a store damaged, so it is refused as newer instead.
const schemaSummed = 3

// schemaS2 is the first schema whose records may be packed as S2 blocks
// (packed.FormatS2, packed.FormatS2Facts), which an earlier digicheck
// cannot unpack: it would call such a store damaged, so it is refused as
// newer instead.
const schemaS2 = 6

// storePacked puts a record's stored bytes under key in recs and raises the
// store's schema to schemaPacked, schemaSummed for a value that carries
// its sum, schemaFacts for one that carries its facts too, or schemaS2 for
// an S2 block; only the first such save in a store of an earlier schema
// writes the meta bucket.
func storePacked(tx *bolt.Tx, recs *bolt.Bucket, key, val []byte) error {
	if err := recs.Put(key, val); err != nil {
		return err
	}
	if packed.S2(val) {
		return raiseSchema(tx, schemaS2)
	}
	if _, _, ok := packed.Facts(val); ok {
		return raiseSchema(tx, schemaFacts)
	}
	if packed.Summed(val) {
		return raiseSchema(tx, schemaSummed)
	}
	return raiseSchema(tx, schemaPacked)
}

// jsonBufs are buffers a record's JSON is written to on its way to being
// packed, kept for the next record: the JSON is thrown away once packed.
// It is written by record.AppendJSON, the bytes json.Marshal writes
// (record's TestAppendJSONIsMarshal holds it to that for records made at
// random) without reflection: encoding/json took about half of the work
// of encoding a record, and made 46 values a record for the collector.
var jsonBufs = sync.Pool{New: func() any { return new([]byte) }}

func encodeRecord(r *record.Record) ([]byte, error) {
	packs.Add(1)
	bp := jsonBufs.Get().(*[]byte)
	defer jsonBufs.Put(bp)
	j, err := record.AppendJSON((*bp)[:0], r)
	if err != nil {
		return nil, err
	}
	*bp = j
	return packed.Pack(j), nil
}

// Bounds on what a stored key or value can be. bbolt hands out a damaged
// element's key or value with the length its page claims, which can run far
// past the page (a flipped bit in a length made one of 800 MB): anything
// longer than these is damage, refused before its bytes are read.
const (
	maxKeyBytes   = 512
	maxValueBytes = 4 << 20
)

// keyText is a key as a message shows it: as it is when it is a short run
// of printable ASCII (an id), else quoted in ASCII (every other byte or
// character as its code: a damaged key's bytes that made valid UTF-8 were
// shown as letters, "]սM,ι)\x96", reading as a name) and cut short, so a
// damaged key can neither reach a terminal raw nor make a message of
// megabytes.
func keyText(k []byte) string {
	if len(k) <= 64 {
		plain := true
		for _, c := range k {
			plain = plain && c > ' ' && c < 0x7f && c != '"'
		}
		if plain {
			return string(k)
		}
		return fmt.Sprintf("%+q", k)
	}
	return fmt.Sprintf("%+q… (%d bytes)", k[:64], len(k))
}

// sizeError says what is wrong with a key or value too long to be ours.
func sizeError(key, val []byte) error {
	if len(key) > maxKeyBytes || len(val) > maxValueBytes {
		return fmt.Errorf("a key of %d bytes with a value of %d bytes", len(key), len(val))
	}
	return nil
}

func decodeRecord(key, val []byte) (record.Record, error) {
	decodes.Add(1) // stored.go
	if err := sizeError(key, val); err != nil {
		return record.Record{}, err
	}
	j, err := packed.Unpack(val)
	if err != nil {
		return record.Record{}, err
	}
	var r record.Record
	if err := record.DecodeJSON(j, &r); err != nil {
		return record.Record{}, err
	}
	if r.ID.String() != string(key) {
		return record.Record{}, fmt.Errorf("record stored under %s carries id %q", key, r.ID)
	}
	return r, nil
}

// Keys. A record's key is its canonical UUIDv7 text: it sorts by time as
// bytes, and a clinician's id prefix is a key prefix. A patient index key is
// the patient's kind and value, each ended by a zero byte (neither may hold
// one), then the record id, so one patient's records lie together in time
// order.

func recordKey(id record.ID) []byte { return []byte(id.String()) }

func patientPrefix(p record.PatientID) []byte {
	k := make([]byte, 0, len(p.Kind)+len(p.Value)+2+36)
	k = append(k, p.Kind...)
	k = append(k, 0)
	k = append(k, p.Value...)
	return append(k, 0)
}

func patientKey(p record.PatientID, id record.ID) []byte {
	return append(patientPrefix(p), id.String()...)
}
