package store

import (
	"bytes"
	"encoding/json"
	"runtime"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store/packed"
)

// A save packs its record once: a plain one before its transaction, a
// follow-up in it, after its Change is filled in (versions.go), and not
// also before, since those bytes would be thrown away.
func TestASaveOrAFollowUpPacksItsRecordOnce(t *testing.T) {
	s := openTemp(t)
	n := packs.Load()
	base := save(t, s, assessed(t, nhsPatient))
	if got := packs.Load() - n; got != 1 {
		t.Errorf("a save packed its record %d times; want once", got)
	}
	fu := reassessed(t, base, confidentAnswers())
	fu.FollowsUp = base.ID
	n = packs.Load()
	fu = save(t, s, fu)
	if got := packs.Load() - n; got != 1 {
		t.Errorf("a follow-up's save packed its record %d times; want once", got)
	}
	stored, err := s.Get(fu.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Change == nil {
		t.Errorf("the follow-up was stored without its Change; want the bytes packed after Change was filled in")
	}
}

// A record's stored bytes hold exactly what encoding/json's Marshal makes
// of it, however encodeRecord comes to them: every reader, and the
// checksums of records stored before, were made with Marshal.
func TestARecordIsStoredAsMarshalWritesIt(t *testing.T) {
	full := assessed(t, nhsPatient)
	if err := prepare(&full); err != nil {
		t.Fatal(err)
	}
	short := full
	short.Recommendation.Referrals, short.Answers = nil, nil
	html := full
	html.Clinician = "Dr <b>&amp;</b> \u2028 O'Neil \"x\""
	for _, r := range []record.Record{full, short, html, {}} {
		for range 3 { // buffers used before give the same bytes
			v, err := encodeRecord(&r)
			if err != nil {
				t.Fatal(err)
			}
			got, err := packed.Unpack(v)
			want, _ := json.Marshal(&r)
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("stored JSON differs from json.Marshal's:\n%s\nwant\n%s", got, want)
			}
		}
	}
}

// BenchmarkEncodeRecord is a save's encoding of the store's test record
// (7.4 kB of JSON), alone: its JSON and its packing.
func BenchmarkEncodeRecord(b *testing.B) {
	r := assessed(b, nhsPatient)
	if err := prepare(&r); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := encodeRecord(&r); err != nil {
			b.Fatal(err)
		}
	}
}

// A save's encoding allocates little more than the bytes it stores: its
// JSON, 7.4 kB for the test record, is written into a buffer kept for the
// next record, and its S2 block made in scratch kept likewise, where
// json.Marshal and a block as long as the longest could be took 18 kB a
// record, garbage for the collector to run after on the save's path.
func TestEncodingARecordAllocatesLittleMoreThanItsBytes(t *testing.T) {
	if testing.CoverMode() != "" || testkit.Race {
		t.Skip("coverage counts allocations of its own, and the race detector drops kept buffers at random")
	}
	r := assessed(t, nhsPatient)
	if err := prepare(&r); err != nil {
		t.Fatal(err)
	}
	v, err := encodeRecord(&r)
	if err != nil {
		t.Fatal(err)
	}
	const n = 200
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range n {
		if _, err := encodeRecord(&r); err != nil {
			t.Fatal(err)
		}
	}
	runtime.ReadMemStats(&after)
	if per := (after.TotalAlloc - before.TotalAlloc) / n; per > 6<<10 {
		t.Errorf("encoding a record of %d stored bytes allocates %d bytes; want under 6 kB", len(v), per)
	}
}

// A save's encoding makes one thing: the value it stores. The record's
// JSON is written without reflection (record.AppendJSON) into a buffer
// kept for the next record; encoding/json made 46 more a record (a value
// for every id, band, time and answer, and a list of the answers' keys
// to sort), each work for the allocator and the collector on the save's
// path.
func TestEncodingARecordMakesOnlyItsValue(t *testing.T) {
	if testing.CoverMode() != "" || testkit.Race {
		t.Skip("coverage counts allocations of its own, and the race detector drops kept buffers at random")
	}
	r := assessed(t, nhsPatient)
	if err := prepare(&r); err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(200, func() {
		if _, err := encodeRecord(&r); err != nil {
			t.Fatal(err)
		}
	}); n > 1 {
		t.Errorf("encoding a record made %v allocations; want 1, its stored value", n)
	}
}
