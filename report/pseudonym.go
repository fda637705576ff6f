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
	"io/fs"
	"os"
	"path/filepath"

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

// LoadKey reads a key file: hex digits, surrounding white space ignored,
// at least fhir.MinKeyLen bytes.
func LoadKey(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("pseudonym key: %w", err)
	}
	key, err := hex.DecodeString(string(bytes.TrimSpace(b)))
	if err != nil {
		return nil, fmt.Errorf("pseudonym key %s: not hex digits, as `digicheck keygen` writes", path)
	}
	if len(key) < fhir.MinKeyLen {
		return nil, fmt.Errorf("pseudonym key %s: %d bytes; %w", path, len(key), fhir.ErrShortKey)
	}
	return key, nil
}

// Pseudonymiser makes pseudonyms with one key. It is not safe for use by
// several goroutines at once.
type Pseudonymiser struct {
	mac hash.Hash
	sum []byte
}

// NewPseudonymiser checks the key's length.
func NewPseudonymiser(key []byte) (*Pseudonymiser, error) {
	if len(key) < fhir.MinKeyLen {
		return nil, fhir.ErrShortKey
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
