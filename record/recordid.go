package record

import (
	"bytes"
	"fmt"

	"github.com/google/uuid"
)

// ID is a record's id: a UUIDv7, so ids sort by when they were made and are
// unique across machines. It is written as the canonical 36-character text
// in JSON, exports and on screen, and as its 16 bytes in store keys. The
// zero ID is "no record" (an assessment that amends nothing) and is written
// as "".
type ID [16]byte

// NewID makes a fresh id. It fails only when the system cannot give random
// bytes.
func NewID() (ID, error) {
	u, err := uuid.NewV7()
	if err != nil {
		return ID{}, fmt.Errorf("new record id: %w", err)
	}
	return ID(u), nil
}

// ParseID reads an id in its canonical text form. "" is the zero ID.
func ParseID(s string) (ID, error) {
	if s == "" {
		return ID{}, nil
	}
	if len(s) != 36 {
		return ID{}, fmt.Errorf("%q is not a record id (36 characters, like 019a1b2c-3d4e-7f00-8a00-0123456789ab)", s)
	}
	u, err := uuid.Parse(s)
	if err != nil {
		return ID{}, fmt.Errorf("%q is not a record id: %w", s, err)
	}
	return ID(u), nil
}

// MustParseID is ParseID for ids written into tests and fixtures; it
// panics on a malformed id.
func MustParseID(s string) ID {
	id, err := ParseID(s)
	if err != nil {
		panic(err)
	}
	return id
}

// IsZero reports whether id is the zero ID ("no record").
func (id ID) IsZero() bool { return id == ID{} }

// String is the canonical text form, or "" for the zero ID.
func (id ID) String() string {
	if id.IsZero() {
		return ""
	}
	return uuid.UUID(id).String()
}

// Bytes is the id's 16 bytes, as store keys hold it.
func (id ID) Bytes() []byte { return id[:] }

// Compare orders ids as their bytes do (by time made, for UUIDv7).
func (id ID) Compare(o ID) int { return bytes.Compare(id[:], o[:]) }

// MarshalText writes the canonical text form ("" for the zero ID).
func (id ID) MarshalText() ([]byte, error) { return []byte(id.String()), nil }

// AppendText appends the canonical text form to b.
func (id ID) AppendText(b []byte) ([]byte, error) { return append(b, id.String()...), nil }

// UnmarshalText reads the canonical text form; "" is the zero ID.
func (id *ID) UnmarshalText(b []byte) error {
	v, err := ParseID(string(b))
	if err != nil {
		return err
	}
	*id = v
	return nil
}

// Chronological orders records by when they were made (Time), and records
// made at the same moment by id. An id is made when an assessment starts,
// so a record started before another may be saved after it: lists that
// say "oldest first" go by Time, never by id alone.
func Chronological(a, b *Record) int {
	if c := a.Time.Compare(b.Time); c != 0 {
		return c
	}
	return a.ID.Compare(b.ID)
}
