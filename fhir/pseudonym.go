package fhir

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"hash"

	"digicheck/record"
)

// Keyed pseudonyms: the one way digicheck names a patient or a record in
// a pseudonymised export, CSV, NDJSON and FHIR alike (see PseudonymSubject
// and report's exports).

// Pseudonymiser makes pseudonyms with one key. It is not safe for use by
// several goroutines at once.
type Pseudonymiser struct {
	mac hash.Hash
	sum []byte
	// msg is where what is keyed is put together, so that it is written
	// to the HMAC in one piece: a string made a []byte, or an id's bytes,
	// handed to the hash one by one were each an allocation, three a row
	// of a CSV export made a million times.
	msg []byte
}

// NewPseudonymiser checks the key (CheckKey).
func NewPseudonymiser(key []byte) (*Pseudonymiser, error) {
	if err := CheckKey(key); err != nil {
		return nil, err
	}
	return &Pseudonymiser{mac: hmac.New(sha256.New, key), sum: make([]byte, 0, sha256.Size)}, nil
}

// Append appends the pseudonym of the identifier (kind, value), in 64 hex
// digits, to dst.
func (p *Pseudonymiser) Append(dst []byte, kind string, value []byte) []byte {
	p.msg = append(append(append(p.msg[:0], kind...), ':'), value...)
	p.mac.Reset()
	p.mac.Write(p.msg)
	p.sum = p.mac.Sum(p.sum[:0])
	return hex.AppendEncode(dst, p.sum)
}

// Pseudonym is the pseudonym of an identifier.
func (p *Pseudonymiser) Pseudonym(kind, value string) string {
	return string(p.Append(nil, kind, []byte(value)))
}

// RecordID is the pseudonymous id of a record in a pseudonymised export:
// an HMAC-SHA256 of the record's id under the site's key, cut to 16 bytes
// and written as a UUID of version 8 (RFC 9562's version for ids made in a
// way of one's own), so that every reader of ids still reads it. The
// record's own id is printed in the note pasted into the patient's EHR
// record: exported as it is, anyone who can read the EHR could find a
// patient's row. The same key gives the same pseudonymous id in every
// export, so amends and follows_up, pseudonymised the same way, still
// join, and exports made at different times still count each record once.
func (p *Pseudonymiser) RecordID(id [16]byte) [16]byte {
	p.msg = append(append(p.msg[:0], "record:"...), id[:]...)
	p.mac.Reset()
	p.mac.Write(p.msg)
	p.sum = p.mac.Sum(p.sum[:0])
	var out [16]byte
	copy(out[:], p.sum)
	out[6] = out[6]&0x0f | 0x80 // version 8
	out[8] = out[8]&0x3f | 0x80 // RFC 9562 variant
	return out
}

// PseudonymousID is RecordID of a record id; the zero ID (no record) stays
// zero.
func (p *Pseudonymiser) PseudonymousID(id record.ID) record.ID {
	if id.IsZero() {
		return id
	}
	return record.ID(p.RecordID(id))
}
