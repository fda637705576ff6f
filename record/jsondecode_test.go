package record

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
)

// DecodeJSON must decode what json.Unmarshal decodes, for every record:
// an export writes what it decodes, and writes it byte for byte as it
// did. The records are made at random by reflection over Record's type
// (filler, as for AppendJSON), every field of every type filled, with
// every kind of text; the JSON Marshal writes of each is decoded both
// ways. The quick reading (decodeFast) must read nearly all of them
// itself, and never read one otherwise than Unmarshal.
func TestDecodeJSONIsUnmarshal(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 6))
	fast, valid := 0, 0
	for n := range 3000 {
		var r Record
		f := filler{rng: rng, t: t, set: map[string]bool{}}
		f.fill(reflect.ValueOf(&r).Elem(), "Record")
		j, err := json.Marshal(&r)
		if err != nil {
			continue
		}
		valid++
		if sameAsUnmarshal(t, n, j) {
			fast++
		}
	}
	if fast < valid*9/10 {
		t.Errorf("the quick reading read %d of %d records' JSON: want nearly all", fast, valid)
	}
}

// JSON damaged at random, a byte changed, dropped or doubled, is read by
// the quick reading only as Unmarshal reads it: what it cannot read as
// Marshal writes a record goes to Unmarshal, which says why not.
func TestDecodeJSONOfDamagedJSONIsUnmarshal(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 7))
	fast := 0
	for n := range 6000 {
		var r Record
		f := filler{rng: rng, t: t, set: map[string]bool{}}
		f.fill(reflect.ValueOf(&r).Elem(), "Record")
		j, err := json.Marshal(&r)
		if err != nil || len(j) < 2 {
			continue
		}
		at := rng.IntN(len(j))
		switch rng.IntN(3) {
		case 0:
			j[at] = "\"\\{}[],:0nult \x00\xff"[rng.IntN(16)]
		case 1:
			j = append(j[:at], j[at+1:]...)
		case 2:
			j = append(j[:at+1], j[at:]...)
		}
		if sameAsUnmarshal(t, n, j) {
			fast++
		}
	}
	if fast == 0 {
		t.Error("the quick reading read none of the damaged records: the test says nothing")
	}
}

// sameAsUnmarshal fails t unless DecodeJSON decodes j as Unmarshal does,
// and the quick reading, when it reads j, reads it so; it reports whether
// the quick reading read it.
func sameAsUnmarshal(t *testing.T, n int, j []byte) bool {
	t.Helper()
	var want, got, quick Record
	werr := json.Unmarshal(j, &want)
	gerr := DecodeJSON(j, &got)
	if (werr != nil) != (gerr != nil) || werr == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("record %d: DecodeJSON gives %v, Unmarshal %v\n%s\n got %#v\nwant %#v", n, gerr, werr, j, got, want)
	}
	if !decodeFast(j, &quick) {
		return false
	}
	if werr != nil {
		t.Fatalf("record %d: the quick reading read JSON that Unmarshal refuses (%v):\n%s", n, werr, j)
	}
	if !reflect.DeepEqual(quick, want) {
		t.Fatalf("record %d: the quick reading differs from Unmarshal:\n%s\n got %#v\nwant %#v", n, j, quick, want)
	}
	return true
}
