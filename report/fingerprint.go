package report

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"strings"

	"github.com/google/uuid"

	"digicheck/fhir"
	"digicheck/store"
)

// Fingerprints. A pseudonymised export names its records by ids made with
// the site's pseudonym key, so the same store exported twice under two keys
// (a key replaced, or a test key left in one machine's config) gives two
// files whose ids share nothing, and a summary of both would count every
// assessment twice. Each record of a pseudonymised export therefore carries
// a fingerprint: an HMAC-SHA256 of its record id under the store's own
// random secret (store.SourceSecret), cut to 16 bytes. It is the same under
// any pseudonym key and in every export, copy or backup of that store, and
// it tells nothing: the secret never leaves the store, so nobody holding the
// id printed in the EHR note can find its fingerprint, and the HMAC gives
// back nothing of the id (not even the time a UUIDv7 holds).
// docs/disclosure.md gives the reasoning in full.

// FingerprintColumn is the CSV export's column, and the NDJSON export's
// field, that holds a record's fingerprint.
const FingerprintColumn = "fingerprint"

// fingerprintLen is the bytes of a fingerprint, written as 32 hex digits.
const fingerprintLen = 16

// fingerprinter makes fingerprints under one store's secret; not safe for
// use by two goroutines at once.
type fingerprinter struct {
	mac hash.Hash
	sum []byte
	msg []byte // what is keyed, written to the HMAC in one piece
}

func newFingerprinter(secret []byte) *fingerprinter {
	return &fingerprinter{mac: hmac.New(sha256.New, secret)}
}

// append appends id's fingerprint, in hex, to b.
func (f *fingerprinter) append(b []byte, id [16]byte) []byte {
	f.msg = append(append(f.msg[:0], "digicheck record fingerprint\x00"...), id[:]...)
	f.mac.Reset()
	f.mac.Write(f.msg)
	f.sum = f.mac.Sum(f.sum[:0])
	return hex.AppendEncode(b, f.sum[:fingerprintLen])
}

// parseFingerprint reads a fingerprint as an export writes it; "" is none.
func parseFingerprint(s string) ([fingerprintLen]byte, bool, error) {
	var fp [fingerprintLen]byte
	s = strings.TrimSpace(s)
	if s == "" {
		return fp, false, nil
	}
	if len(s) != 2*fingerprintLen {
		return fp, false, fmt.Errorf("fingerprint %q: not %d hex digits", s, 2*fingerprintLen)
	}
	if _, err := hex.Decode(fp[:], []byte(s)); err != nil {
		return fp, false, fmt.Errorf("fingerprint %q: not %d hex digits", s, 2*fingerprintLen)
	}
	return fp, true, nil
}

// copyOf is what a summary knows of a fingerprint met in an earlier input:
// the record's id there, its patient there, which input, and the ids there
// of the records it amends and follows up.
type copyOf struct {
	id                uuid.UUID
	patient           string
	input             *input
	amends, followsUp uuid.UUID
}

// overlap is what an input shares, by fingerprint, with an earlier input
// whose ids differ (another pseudonym key).
type overlap struct {
	with    *input
	records int
}

// OverlapWarnings name each export that holds records already read from
// another input under other ids (the same store exported under another
// pseudonym key), and say they were counted once.
func (in *Inputs) OverlapWarnings() []string {
	var out []string
	for _, x := range in.list {
		for _, o := range x.overlaps {
			out = append(out, fmt.Sprintf("%s and %s hold the same %s under different pseudonym keys (exports of one store made with two keys); each was counted once. Export again with the one key to avoid this",
				o.with.src.Name, x.src.Name, plural(o.records, "record", "records")))
		}
	}
	return out
}

// UnkeyedWarnings name each pseudonymised export whose records carry no
// record key (RecordKeyColumn: an export made before exports carried it,
// or the column dropped): its counts are rounded by its pseudonymous ids,
// so a published count may differ by 5, or show "*" against 10, from the
// same count summarised from the store or another export.
func (in *Inputs) UnkeyedWarnings() []string {
	var out []string
	for _, x := range in.list {
		if x.unkeyed > 0 {
			out = append(out, fmt.Sprintf("%s has no record keys for %s (exported by an earlier version of digicheck, or its %s column removed): their counts are rounded by the file's own ids, so some may be shown 5 higher or lower than a summary of the store, or of a new export, shows them. Do not publish both; export the store again for a summary that agrees",
				x.src.Name, plural(x.unkeyed, "record", "records"), RecordKeyColumn))
		}
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(n) + " " + many
}

// fingerprints is the fingerprinter of a pseudonymised export of st, or
// nil for an identifiable one. A store with no secret and no record, or
// whose secret cannot be read, is exported with the column empty, as
// before fingerprints, rather than not at all.
func fingerprints(st *store.Store, pseud *fhir.Pseudonymiser) *fingerprinter {
	if pseud == nil {
		return nil
	}
	secret, err := st.SourceSecret()
	if err != nil || secret == nil {
		return nil
	}
	return newFingerprinter(secret)
}

// SecretDamagedMark is the damaged_store mark (DamagedColumn) of an
// export whose records have no fingerprints because the store's own
// secret, which they are made with, is damaged. A summary knows such an
// export by it (with others, joined by "; ") from an earlier build's,
// made before fingerprints, which has none either.
const SecretDamagedMark = "the store's own secret is damaged: the records have no fingerprints, so a summary cannot match them with another export's"

// secretDamaged reports whether a damaged_store mark says the store's own
// secret was damaged.
func secretDamaged(mark string) bool {
	return strings.Contains(mark, SecretDamagedMark[:strings.IndexByte(SecretDamagedMark, ':')])
}

// unmatchable refuses a pseudonymised export whose records lost their
// fingerprints (exported from a store whose own secret is damaged:
// input.unprinted) beside one whose records carry them, unless the two
// share a record id: made with the same pseudonym key, their records are
// matched by id. Otherwise nothing can show they are not the same
// records under two keys, and a summary of both counted every such
// assessment twice, saying nothing. An earlier build's export, from
// before fingerprints, is not refused: it is how a team's records made
// then are summarised beside another team's made now. Read again only
// when such a pair is given.
func (in *Inputs) unmatchable() error {
	var printed, bare []*input
	for _, x := range in.list {
		if x.store != nil {
			continue
		}
		if x.printed > 0 {
			printed = append(printed, x)
		}
		if x.unprinted > 0 {
			bare = append(bare, x)
		}
	}
	if len(printed) == 0 || len(bare) == 0 {
		return nil
	}
	// The ids of each export with fingerprints, as it names them itself:
	// one read under another's ids (a second key) shares none of its
	// own with any export.
	owner := map[uuid.UUID]*input{}
	for _, x := range printed {
		if x.ids != nil {
			continue
		}
		if err := x.read(func(c chunk) error {
			for i := range c.Len() {
				id, _, _ := c.At(i)
				owner[uuid.UUID(id)] = x
			}
			return nil
		}); err != nil {
			return err
		}
	}
	for _, b := range bare {
		var with *input
		if err := b.read(func(c chunk) error {
			for i := range c.Len() {
				id, _, _ := c.At(i)
				if x := owner[uuid.UUID(id)]; x != nil && x != b && with == nil {
					with = x
				}
			}
			return nil
		}); err != nil {
			return err
		}
		if with != nil {
			continue // the same key: matched by id
		}
		other := printed[0]
		if other == b && len(printed) > 1 {
			other = printed[1]
		}
		if other == b {
			continue
		}
		return fmt.Errorf("%s and %s cannot be summarised together: the records in %s have no fingerprints (it was exported from a store whose own secret is damaged) and share no record id with %s, so if they are the same records exported with different pseudonym keys nothing can show it, and each assessment in both would be counted twice. Summarise each file on its own, or export the store again with the one key once it is restored from a backup (digicheck check says whether its secret is damaged)",
			other.src.Name, b.src.Name, b.src.Name, other.src.Name)
	}
	return nil
}
