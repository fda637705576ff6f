package store

import (
	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/record"

	"reflect"
	"testing"
	"time"
)

// FuzzDecodeDraft: a draft's bytes come from a file that may be damaged or
// written by another version, and now carry a lease and an owner. Whatever
// they hold, decoding must not panic; a draft that decodes is the one
// stored under its key, encodes to bytes that decode to the same draft,
// and can be listed (held or not, its expiry warning) without panicking.
//
//	go test -run x -fuzz FuzzDecodeDraft -fuzztime 60s ./store/
func FuzzDecodeDraft(f *testing.F) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	id := func(n string) record.ID { return record.MustParseID("0190a1b2-0000-7000-8000-00000000000" + n) }
	for _, d := range []Draft{
		{Draft: assess.Draft{ID: id("4"), Answers: testkit.Full(nil), Section: "skills", Started: now}, Login: "nurse", Holder: "ab12", HeldUntil: now, Saved: now},
		{Draft: assess.Draft{ID: id("5"), Consent: map[string]string{"learn-my-way": "agreed"}}, ForkedFrom: id("4")},
		{Draft: assess.Draft{ID: id("6")}},
	} {
		v, err := encodeDraft(&d)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(d.ID.String(), v)
	}
	f.Add("x", []byte(`{"id":"x","held_until":"9999-12-31T23:59:59Z","saved":"0001-01-01T00:00:00Z"}`))
	f.Add("x", []byte(`{"id":"x","answers":{"a":null},"consent":{"":""}}`))
	s := &Store{token: func() string { return "ab12" }}
	f.Fuzz(func(t *testing.T, key string, val []byte) {
		d, err := decodeDraft([]byte(key), val)
		if err != nil {
			return
		}
		if d.ID.String() != key {
			t.Fatalf("draft under %q decoded with id %q", key, d.ID)
		}
		v, err := encodeDraft(&d)
		if err != nil {
			return // a value JSON cannot carry back, such as a time past year 9999
		}
		again, err := decodeDraft([]byte(key), v)
		if err != nil {
			t.Fatalf("re-encoded draft does not decode: %v", err)
		}
		if !reflect.DeepEqual(normalDraft(d), normalDraft(again)) {
			t.Fatalf("draft changed in a round trip:\n%+v\n%+v", d, again)
		}
		_ = s.heldElsewhere(&d, now)
		for _, age := range []time.Duration{0, time.Hour, 7 * 24 * time.Hour} {
			d.HeldElsewhere = s.heldElsewhere(&d, now)
			e := DraftEntry{Draft: d}
			if age > 0 {
				e.Expires = d.Saved.Add(age)
			}
			_ = e.ExpiryWarning(now)
		}
		_ = s.heldError(&d).Error()
	})
}

// normalDraft drops what a JSON round trip may legitimately change: time
// zones and empty versus missing maps and slices.
func normalDraft(d Draft) Draft {
	for _, t := range []*time.Time{&d.Started, &d.Saved, &d.HeldUntil} {
		*t = t.UTC()
	}
	if len(d.Answers) == 0 {
		d.Answers = nil
	}
	if len(d.Consent) == 0 {
		d.Consent = nil
	}
	if len(d.Outcomes) == 0 {
		d.Outcomes = nil
	}
	return d
}
