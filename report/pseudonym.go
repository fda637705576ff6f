package report

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"digicheck/record"

	"digicheck/fhir"
)

// Pseudonyms. A de-identified export names each patient by an HMAC-SHA256
// of their identifier under the site's key, exactly as the FHIR export
// does (fhir.PseudonymSubject): every machine of a site that shares the key
// gives a patient the same pseudonym, so follow-ups and amendments still
// link in the warehouse, while nobody without the key can turn a pseudonym
// back into an NHS number by trying them all.

// KeyBytes is the length of a key made by NewKeyFile.
const KeyBytes = 32

// ErrNoKey is returned when a de-identified export is asked for and no
// pseudonym key is configured.
var ErrNoKey = errors.New("no pseudonym key")

// NewKeyFile makes a new random key in a new file, as 64 hex digits on one
// line, readable by its owner only. It never overwrites a file: replacing
// a site's key would change every patient's pseudonym.
func NewKeyFile(path string) error {
	key := make([]byte, KeyBytes)
	if _, err := rand.Read(key); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; it was left as it is (a new key would change every pseudonym)", path)
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, "%s\n", hex.EncodeToString(key))
	if serr := f.Sync(); err == nil {
		err = serr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

// LoadKey reads a key file (see ParseKey). On Unix the file must be
// readable and writable by its owner only: the key is as sensitive as the
// data, since with it anyone can turn a pseudonym back into an NHS number
// by trying them all. Windows has no such mode bits (access there is by
// the folder's ACL), so the check is skipped.
func LoadKey(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("pseudonym key: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("pseudonym key: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("pseudonym key %s: not a regular file", path)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 && runtime.GOOS != "windows" {
		return nil, fmt.Errorf("%w: %s has mode %04o, so other users can read or change it; "+
			"the key is as sensitive as the data. Make it yours only with:  chmod 600 %s", ErrKeyFileMode, path, perm, path)
	}
	// A key file is 65 bytes; anything much larger is not one.
	b, err := io.ReadAll(io.LimitReader(f, 4096))
	if err != nil {
		return nil, fmt.Errorf("pseudonym key: %w", err)
	}
	key, err := ParseKey(b)
	if err != nil {
		return nil, fmt.Errorf("pseudonym key %s: %w", path, err)
	}
	return key, nil
}

// ErrKeyFileMode refuses a key file that other users may read or change.
var ErrKeyFileMode = errors.New("pseudonym key file is open to other users")

// ErrKeyFormat refuses a key file that is not hex digits.
var ErrKeyFormat = errors.New("not hex digits, as `digicheck keygen` writes")

// ParseKey reads the text of a key file: hex digits on one line, white
// space (and a byte-order mark an editor may add) around them ignored. The
// key must pass fhir.CheckKey: long enough, and not all zero, a repeated
// pattern or a counting sequence.
func ParseKey(b []byte) ([]byte, error) {
	b = bytes.TrimPrefix(bytes.TrimSpace(b), []byte("\ufeff"))
	b = bytes.TrimSpace(b)
	if len(b) == 0 || len(b) > 1024 {
		return nil, fmt.Errorf("%d characters: %w", len(b), ErrKeyFormat)
	}
	key := make([]byte, hex.DecodedLen(len(b)))
	if _, err := hex.Decode(key, b); err != nil || len(b)%2 != 0 {
		return nil, ErrKeyFormat
	}
	if err := fhir.CheckKey(key); err != nil {
		if errors.Is(err, fhir.ErrShortKey) {
			return nil, fmt.Errorf("%d bytes; %w", len(key), err)
		}
		return nil, err
	}
	return key, nil
}

// Pseudonymiser makes pseudonyms with one key. It is not safe for use by
// several goroutines at once.
type Pseudonymiser struct {
	mac hash.Hash
	sum []byte
}

// NewPseudonymiser checks the key (fhir.CheckKey).
func NewPseudonymiser(key []byte) (*Pseudonymiser, error) {
	if err := fhir.CheckKey(key); err != nil {
		return nil, err
	}
	return &Pseudonymiser{mac: hmac.New(sha256.New, key), sum: make([]byte, 0, sha256.Size)}, nil
}

// Append appends the pseudonym of the identifier (kind, value), in 64 hex
// digits, to dst.
func (p *Pseudonymiser) Append(dst []byte, kind string, value []byte) []byte {
	p.mac.Reset()
	p.mac.Write([]byte(kind))
	p.mac.Write([]byte{':'})
	p.mac.Write(value)
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
	p.mac.Reset()
	p.mac.Write([]byte("record:"))
	p.mac.Write(id[:])
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
