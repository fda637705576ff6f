package packed

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"strings"
	"testing"
)

// A record as the store kept it before packing: JSON, read as it is.
const record = `{"id":"019adcbc-452b-7308-a603-92cb9fba52e0","patient":{"kind":"nhs","value":"9990001898"},"clinician":"Sister A. Okafor","team":"Ward 7 (Elderly care)","time":"2025-12-02T01:45:17Z","status":"completed","answers":{"access.afford":["sometimes"],"access.devices":["smartphone"],"access.internet":["home"],"choice.route":["no-preference"]},"instrument_version":"1","recommendation":{"primary":"phone","primary_reason":"first possible route for a patient who does not want to do health tasks online: has a phone","checks":[{"route":"sms","possible":true,"reason":"has a mobile and can read and reply to a text"}],"referrals":[{"programme":"public-library","name":"Your local public library","barriers":["access","skills"],"reason":"Access: some barrier; Skills: some barrier","contact":"Libraries have free computers and wifi, and staff who can help. Find the nearest one on the local council website.","patient_line":"Your library has free computers and free wifi, and staff who can help you.","consent":"declined"}]}}`

func TestPackedRecordsUnpackToTheirJSON(t *testing.T) {
	for _, json := range []string{record, "{}", strings.Repeat(record, 40)} {
		p := Pack([]byte(json))
		if p[0] != FormatS2 || !SumOK(p) {
			t.Fatalf("packed record begins with %#x (sum ok: %v), want FormatS2 with its sum", p[0], SumOK(p))
		}
		got, err := Unpack(p)
		if err != nil || string(got) != json {
			t.Errorf("Unpack(Pack(%d bytes)) = %d bytes, %v; want the JSON back", len(json), len(got), err)
		}
	}
}

// A record packed against the whole dictionary (by a later digicheck, or
// another DEFLATE compressor) reads the same as one Pack made.
func TestARecordPackedAgainstTheWholeDictionaryUnpacks(t *testing.T) {
	var buf bytes.Buffer
	buf.WriteByte(FormatDeflate)
	w, err := flate.NewWriterDict(&buf, flate.BestCompression, dict)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(record))
	w.Close()
	got, err := Unpack(buf.Bytes())
	if err != nil || string(got) != record {
		t.Errorf("Unpack = %d bytes, %v; want the record", len(got), err)
	}
}

// Records packed before they carried their checksum (FormatDeflate, whose
// sum is in the store's sums bucket) unpack as they did.
func TestRecordsPackedWithoutTheirSumStillUnpack(t *testing.T) {
	p := PackAs(FormatDeflate, []byte(record))
	if p[0] != FormatDeflate || Summed(p) {
		t.Fatalf("PackAs(FormatDeflate) begins with %#x", p[0])
	}
	got, err := Unpack(p)
	if err != nil || string(got) != record {
		t.Errorf("Unpack of a FormatDeflate record = %d bytes, %v; want the record", len(got), err)
	}
}

// A record's checksum is of its packed bytes: any byte of the stream
// changed, or of the sum, and it no longer matches; the sum is not
// checked by Unpack, which the store calls after checking it.
func TestASummedRecordsChecksumFindsAnyByteChanged(t *testing.T) {
	p := Pack([]byte(record))
	if !SumOK(p) {
		t.Fatal("a freshly packed record does not match its own sum")
	}
	for i := 1; i < len(p); i++ {
		q := bytes.Clone(p)
		q[i] ^= 0x01
		if SumOK(q) {
			t.Fatalf("byte %d of %d flipped: the sum still matches", i, len(p))
		}
	}
	if SumOK(PackAs(FormatDeflate, []byte(record))) || SumOK([]byte(record)) {
		t.Error("SumOK of a value that carries no sum should be false")
	}
}

// Records stored before packing are JSON, and read byte for byte as they
// were stored.
func TestJSONStoredBeforePackingReadsAsItIs(t *testing.T) {
	got, err := Unpack([]byte(record))
	if err != nil || string(got) != record {
		t.Errorf("Unpack of stored JSON = %q, %v", got, err)
	}
}

// What the dictionary is for: a record, whose words are mostly the
// directory's, packs to a small part of its JSON.
func TestARecordPacksToUnderAFifthOfItsJSON(t *testing.T) {
	p := Pack([]byte(record))
	if len(p)*5 > len(record) {
		t.Errorf("a record of %d bytes of JSON packs to %d bytes, want under a fifth", len(record), len(p))
	}
	var plain bytes.Buffer
	w, _ := flate.NewWriter(&plain, flate.DefaultCompression)
	w.Write([]byte(record))
	w.Close()
	if len(p) >= plain.Len() {
		t.Errorf("packed with the dictionary: %d bytes; without: %d; the dictionary should help", len(p), plain.Len())
	}
}

func TestValuesNotOfAKnownFormatAreRefused(t *testing.T) {
	p := Pack([]byte(record))
	big := Pack(bytes.Repeat([]byte("{"), MaxJSON+1))
	for name, v := range map[string][]byte{
		"empty":             nil,
		"another format":    append([]byte{0x06}, p[1:]...),
		"summed, cut short": p[:1+SumSize-1],
		"cut short":         p[:len(p)/2],
		"garbage":           {FormatDeflate, 0xff, 0xff, 0xff},
		"a bomb":            big,
	} {
		if got, err := Unpack(v); err == nil {
			t.Errorf("%s: unpacked to %d bytes, want an error", name, len(got))
		} else if name == "another format" && !errors.Is(err, ErrFormat) {
			t.Errorf("%s: %v, want ErrFormat", name, err)
		}
	}
}

// Every record packed needs the dictionary it was packed with to be read:
// it can never change.
func TestTheDictionaryNeverChanges(t *testing.T) {
	sum := sha256.Sum256(dict)
	if got := hex.EncodeToString(sum[:]); got != "df45778c67e61eebf373ae1f1f188ba20ba076203573d85df8177d7a18c9608b" {
		t.Errorf("dict-1.json has SHA-256 %s: records packed with the old one would no longer read; restore it, and make a better dictionary a new format", got)
	}
}

func BenchmarkPack(b *testing.B) {
	for range b.N {
		Pack([]byte(record))
	}
}

func BenchmarkUnpack(b *testing.B) {
	p := Pack([]byte(record))
	for range b.N {
		if _, err := Unpack(p); err != nil {
			b.Fatal(err)
		}
	}
}

// A record that carries its facts unpacks to its JSON, gives its facts
// back, and its checksum covers both: a changed fact fails it.
func TestARecordCarryingItsFactsUnpacksAndSumsThem(t *testing.T) {
	facts := []byte("\x01\x02some facts\x00")
	for _, bare := range []byte{FormatS2, FormatSummed} {
		carriesFacts(t, bare, facts)
	}
}

func carriesFacts(t *testing.T, bare byte, facts []byte) {
	v := WithFacts(PackAs(bare, []byte(record)), facts)
	want := map[byte]byte{FormatS2: FormatS2Facts, FormatSummed: FormatFacts}[bare]
	if v[0] != want || !Summed(v) || !SumOK(v) {
		t.Fatalf("WithFacts of %#x gives format %#x, summed %v, sum ok %v; want %#x with its sum", bare, v[0], Summed(v), SumOK(v), want)
	}
	got, err := Unpack(v)
	if err != nil || string(got) != record {
		t.Errorf("Unpack = %q, %v; want the JSON back", got, err)
	}
	if f, _, ok := Facts(v); !ok || !bytes.Equal(f, facts) {
		t.Errorf("Facts = %q, %v; want %q", f, ok, facts)
	}
	if _, _, ok := Facts(PackAs(bare, []byte(record))); ok {
		t.Errorf("Facts of a %#x value: want none", bare)
	}
	bad := bytes.Clone(v)
	bad[1+SumSize+1] ^= 1 // the first byte of the facts
	if SumOK(bad) {
		t.Error("a value whose facts were changed passes its checksum")
	}
	cut := v[:1+SumSize+3] // the facts' length says more than is there
	if _, _, ok := Facts(cut); ok {
		t.Error("Facts of a value cut short inside its facts: want not ok")
	}
	if _, err := Unpack(cut); err == nil {
		t.Error("Unpack of a value cut short inside its facts: want an error")
	}
}

// Records of every shape a store holds, for the tests of the encoder.
var shapes = []string{record, "{}", strings.Repeat(record, 40), strings.Replace(record, "Okafor", strings.Repeat("Ø", 3000), 1)}

// Every record packed before the encoder changed was packed by Go's
// compress/flate at its default level against the same dictionary: such
// a record reads as it did, whatever the encoder now is.
func TestRecordsPackedByGoCompressFlateStillUnpack(t *testing.T) {
	for _, json := range shapes {
		for _, format := range []byte{FormatDeflate, FormatSummed} {
			var buf bytes.Buffer
			buf.WriteByte(format)
			if format == FormatSummed {
				buf.Write(make([]byte, SumSize))
			}
			w, err := flate.NewWriterDict(&buf, flate.DefaultCompression, packWith)
			if err != nil {
				t.Fatal(err)
			}
			w.Write([]byte(json))
			w.Close()
			got, err := Unpack(buf.Bytes())
			if err != nil || string(got) != json {
				t.Errorf("format %#x, %d bytes of JSON packed by compress/flate: Unpack = %d bytes, %v; want the JSON", format, len(json), len(got), err)
			}
		}
	}
}

// What PackAs writes in the DEFLATE formats (as a tool rewriting a stored
// record writes them, testkit.Repack) is plain DEFLATE against the dictionary:
// Go's own compress/flate reader, the one an earlier digicheck reads with,
// gives the JSON back.
func TestRecordsPackedNowReadWithGoCompressFlate(t *testing.T) {
	for _, json := range shapes {
		p := PackAs(FormatSummed, []byte(json))
		r := flate.NewReaderDict(bytes.NewReader(p[1+SumSize:]), dict)
		got, err := io.ReadAll(r)
		if err != nil || string(got) != json {
			t.Errorf("%d bytes of JSON: compress/flate read back %d bytes, %v; want the JSON", len(json), len(got), err)
		}
	}
}
