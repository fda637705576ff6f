package report

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

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
