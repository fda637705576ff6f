package report

import (
	"errors"
	"fmt"
	"sync"

	"digicheck/store"
)

// Unreadables collects the records a summary or an export left out
// because they could not be read: facts that fail to decode, records that
// fail to decode or do not match their checksum. Each record is listed
// once, however often it is met (a summary may read the store again). It
// is safe for use by several goroutines.
//
// A summary or export given one carries on past such records and leaves
// them out; the caller must then say so and fail (see Err). Without one,
// the first unreadable record ends the read with ErrDamaged, as before.
type Unreadables struct {
	mu   sync.Mutex
	seen map[string]bool
	list []store.Unreadable
	// written are the records an export wrote an unreadable row, line
	// or entry for in their place (see Wrote): in the file, counted by
	// its end mark, not left out of it.
	written map[string]bool
}

// Wrote notes that an export wrote, in the place of the record with id,
// a row (CSV), line (NDJSON) or entry (FHIR) saying it could not be read.
func (u *Unreadables) Wrote(id string) {
	if u == nil {
		return
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.written == nil {
		u.written = map[string]bool{}
	}
	u.written[id] = true
}

// Written reports whether an export wrote an unreadable row, line or
// entry in the place of the record with id.
func (u *Unreadables) Written(id string) bool {
	if u == nil {
		return false
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.written[id]
}

// Add notes a record left out.
func (u *Unreadables) Add(x store.Unreadable) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.seen[x.ID] {
		return
	}
	if u.seen == nil {
		u.seen = map[string]bool{}
	}
	u.seen[x.ID] = true
	u.list = append(u.list, x)
}

// Has reports whether the record with id was left out.
func (u *Unreadables) Has(id string) bool {
	if u == nil {
		return false
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.seen[id]
}

// List is every record left out, in the order met.
func (u *Unreadables) List() []store.Unreadable {
	if u == nil {
		return nil
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	return append([]store.Unreadable(nil), u.list...)
}

// Err is the error a command ends with when records were left out, or
// nil.
func (u *Unreadables) Err() error {
	switch n := len(u.List()); {
	case n == 1:
		return errors.New("1 record could not be read and was left out: run digicheck check")
	case n > 1:
		return fmt.Errorf("%d records could not be read and were left out: run digicheck check", n)
	}
	return nil
}

// skipper is the function a store's bulk read hands a record it left out
// to, or nil to have the read fail instead.
func (u *Unreadables) skipper() func(store.Unreadable) {
	if u == nil {
		return nil
	}
	return u.Add
}

// skipFact says whether the i'th fact of ch, which At failed with err, is
// left out (noted in u) rather than ending the read.
func (u *Unreadables) skipFact(ch store.FactChunk, i int, err error) bool {
	if u == nil {
		return false
	}
	u.Add(ch.Unreadable(i, err))
	return true
}
