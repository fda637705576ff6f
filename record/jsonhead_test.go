package record

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// HeadTime reads, from the first 512 bytes of a record's JSON, the id and
// time that decoding the whole record gives, or says it cannot: never
// another time. An export of a period passes over a record on its word
// without decoding it. The records are made at random (filler), with
// every kind of text in the patient, clinician and team before the time.
func TestTheHeadOfARecordGivesTheTimeDecodingItGivesOrNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 5))
	read := 0
	for n := range 5000 {
		var r Record
		f := filler{rng: rng, t: t, set: map[string]bool{}}
		f.fill(reflect.ValueOf(&r).Elem(), "Record")
		if n%2 == 0 { // half as records are kept: short plain words
			r.Patient = PatientID{Kind: NHSNumber, Value: "9434765919"}
			r.Clinician, r.Team = "Sister A. Okafor", "Ward 7"
			for i := range r.ID {
				r.ID[i] = byte(rng.UintN(256))
			}
			r.Time = time.Unix(1.7e9+rng.Int64N(1e8), rng.Int64N(1e9)).In(zones[rng.IntN(2)])
		}
		j, err := json.Marshal(&r)
		if err != nil {
			continue // no such record is ever kept
		}
		id, at, ok := HeadTime(j[:min(len(j), 512)])
		var whole Record
		werr := json.Unmarshal(j, &whole)
		if !ok {
			if n%2 == 0 && werr == nil {
				t.Errorf("record %d: the head of a record as kept is not read: %s", n, clip(j, 0))
			}
			continue
		}
		read++
		if werr != nil {
			// Its time is read back by Unmarshal all the same.
			var tm struct {
				Time time.Time `json:"time"`
			}
			if err := json.Unmarshal(j, &tm); err != nil {
				t.Fatalf("record %d: the head gives %v, but the record's time cannot be decoded: %v", n, at, err)
			}
			whole.ID, whole.Time = r.ID, tm.Time
		}
		if id != whole.ID.String() || !at.Equal(whole.Time) {
			t.Fatalf("record %d: the head gives %s at %v; decoded, it is %s at %v", n, id, at, whole.ID, whole.Time)
		}
	}
	if read < 2500 {
		t.Errorf("only %d of 5000 heads read", read)
	}
}

// A head cut short before the time ends, a field out of its place, or a
// time not written as Marshal writes it, is not read.
func TestAHeadThatIsNotAsMarshalWritesItGivesNoTime(t *testing.T) {
	const good = `{"id":"019a1b2c-3d4e-7f00-8a00-0123456789ab","patient":{"kind":"nhs","value":"9434765919"},"clinician":"A \"B\" \\","team":"Ward 7","time":"2026-01-05T10:00:00Z","status":"completed"}`
	if id, at, ok := HeadTime([]byte(good)); !ok || id != "019a1b2c-3d4e-7f00-8a00-0123456789ab" || !at.Equal(time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)) {
		t.Fatalf("HeadTime(good) = %s, %v, %v", id, at, ok)
	}
	for _, h := range []string{
		good[:len(`{"id":"019a1b2c-3d4e-7f00-8a00-0123456789ab","patient":{"kind":"nhs","value":"9434765919"},"clinician":"A \"B\" \\","team":"Ward 7","time":"2026-01-05T10:00:0`)],
		`{"id":"019a1b2c-3d4e-7f00-8a00-0123456789ab","clinician":"A","patient":{"kind":"nhs","value":"1"},"time":"2026-01-05T10:00:00Z"}`,
		`{"id":"019a1b2c-3d4e-7f00-8a00-0123456789ab","patient":{"kind":"nhs","value":"1"},"clinician":"A","time":"2026-01-05T10:00:00+00:00"}`,
		`{"id":"019a1b2c-3d4e-7f00-8a00-0123456789ab","patient":{"kind":"nhs","value":"1"},"clinician":"A","time":"2026-01-05T10:00:00.000Z"}`,
		`{"id":"019a1b2c-3d4e-7f00-8a00-0123456789ab","patient":{"kind":"nhs","value":"1"},"clinician":"A","time":"2026-01-05T10:00:00\u005a"}`,
		`{"id":"019a1b2c-3d4e-7f00-8a00-0123456789ab","patient":{"kind":"nhs","value":"1"},"clinician":"A","time":2026}`,
		`{"id":"019a1b2c-3d4e-7f00-8a00-0123456789a","patient":{"kind":"nhs","value":"1"},"clinician":"A","time":"2026-01-05T10:00:00Z"}`,
		`{"id":"019a1b2c-3d4e-7f00-8a00-0123456789ab","patient":{"kind":"nhs","value":"1"},"clinician":"A","status":"completed","time":"2026-01-05T10:00:00Z"}`,
	} {
		if id, at, ok := HeadTime([]byte(h)); ok {
			t.Errorf("HeadTime(%s) = %s, %v: want nothing read", h, id, at)
		}
	}
}
