package store

import (
	"bytes"
	"io"
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// FuzzDecodeRecord: a record's bytes come from a file that may be damaged,
// restored from somewhere else or written by another version. Whatever
// they hold, decoding must not panic; a value that decodes is the record
// stored under that key, re-encodes to bytes that decode to the same, and
// can be checked and shown (note, detail, history) without panicking. The
// same bytes as a draft obey the same rules.
//
//	go test -run x -fuzz FuzzDecodeRecord -fuzztime 60s ./store/
func FuzzDecodeRecord(f *testing.F) {
	full := assessed(f, nhsPatient)
	full.ID = record.MustParseID("0190a1b2-0000-7000-8000-000000000001")
	follow := full
	follow.ID, follow.FollowsUp = record.MustParseID("0190a1b2-0000-7000-8000-000000000002"), full.ID
	follow.Outcomes = []record.ReferralOutcome{{ProgrammeID: "learn-my-way", Name: "Learn My Way", Outcome: record.OutcomeNotTakenUp, Reason: "no bus"}}
	ch := record.Compare(full, follow)
	follow.Change = &ch
	voided := full
	voided.ID, voided.Status, voided.Amends, voided.VoidReason = record.MustParseID("0190a1b2-0000-7000-8000-000000000003"), record.EnteredInError, full.ID, "wrong patient"
	for _, r := range []record.Record{full, follow, voided} {
		v, err := encodeRecord(&r)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(r.ID.String(), v)
	}
	d := Draft{Draft: assess.Draft{ID: record.MustParseID("0190a1b2-0000-7000-8000-000000000004"), Answers: testkit.Full(nil), Section: "skills"}}
	if v, err := encodeDraft(&d); err == nil {
		f.Add(d.ID.String(), v)
	}
	for _, v := range []string{"", "null", "{}", `{"id":"k"}`, `{"id":"k","bands":{"access":"huge"}}`,
		`{"id":"k","time":"yesterday"}`, `{"id":"k","answers":{"devices":[null]}}`, `{"id":"k","change":{"domains":[{"was":"some"}]}}`,
		`{"id":"k","recommendation":{"checks":[{"route":"\u001b[2J"}]}}`, `[`, "\xff\xfe"} {
		f.Add("k", []byte(v))
	}

	f.Fuzz(func(t *testing.T, key string, val []byte) {
		if d, err := decodeDraft([]byte(key), val); err == nil && d.ID.String() != key {
			t.Fatalf("draft under %q carries id %q", key, d.ID)
		}
		r, err := decodeRecord([]byte(key), val)
		if err != nil {
			return
		}
		if r.ID.String() != key {
			t.Fatalf("record under %q carries id %q", key, r.ID)
		}
		_ = record.Validate(&r, questionnaire.V1)
		_ = record.NoteWith(r, record.NoteOptions{})
		_ = record.HandoutWith(r, record.HandoutOptions{LargePrint: true})
		if err := record.WriteDetailWith(io.Discard, r, questionnaire.V1, record.NoteOptions{}); err != nil {
			t.Fatal(err)
		}
		if err := record.WriteHistory(io.Discard, []record.Record{r, r}, nil); err != nil {
			t.Fatal(err)
		}
		if err := record.WriteVersionsAside(io.Discard, []record.Record{r}, r.ID, nil); err != nil {
			t.Fatal(err)
		}
		enc, err := encodeRecord(&r)
		if err != nil {
			t.Fatalf("a decoded record does not encode: %v", err)
		}
		again, err := decodeRecord([]byte(key), enc)
		if err != nil {
			t.Fatalf("a re-encoded record does not decode: %v\n%s", err, enc)
		}
		if enc2, _ := encodeRecord(&again); !bytes.Equal(enc, enc2) {
			t.Fatalf("encoding is not stable:\n%s\n%s", enc, enc2)
		}
	})
}
