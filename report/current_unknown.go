package report

import (
	"fmt"

	"github.com/google/uuid"
)

// CurrentUnknown is an assessment a summary left out because a version
// over it (an amendment or a void, by the inputs' links) could not be
// read: whether it was amended, and how, or voided, cannot be known, so
// no version of it is counted. Record is its latest version that could
// be read; By the record over it that could not. Assessment is its first
// version (the assessment's id), or uuid.Nil when a version before Record
// cannot be read, so which is first cannot be known.
type CurrentUnknown struct {
	Record, Assessment, By uuid.UUID
}

// currentUnknown finds, for the records u left out as unreadable, the
// assessments left out with them: those whose newest version that can
// be read is superseded, by the links, by one that cannot be (and by no
// version that can). Their superseded version is never counted, and the
// record over it is not either.
func (c *chains) currentUnknown(u *Unreadables) []CurrentUnknown {
	bad := map[uuid.UUID]bool{}
	var ids []uuid.UUID
	for _, x := range u.List() {
		if id, err := uuid.Parse(x.ID); err == nil {
			bad[id] = true
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	// The versions over each: a readable one stands for the assessment.
	over := map[uuid.UUID][]uuid.UUID{}
	for a, b := range c.prev {
		over[b] = append(over[b], a)
	}
	for _, l := range c.also {
		over[l[1]] = append(over[l[1]], l[0])
	}
	var readableOver func(id uuid.UUID, depth int) bool
	readableOver = func(id uuid.UUID, depth int) bool {
		if depth > len(c.prev) {
			return false
		}
		for _, a := range over[id] {
			if !bad[a] || readableOver(a, depth+1) {
				return true
			}
		}
		return false
	}
	var out []CurrentUnknown
	seen := map[uuid.UUID]bool{}
	for _, id := range ids {
		if readableOver(id, 0) {
			continue // a later version that can be read is counted
		}
		prev, ok := c.prev[id]
		for n := 0; ok && bad[prev] && n <= len(c.prev); n++ {
			prev, ok = c.prev[prev]
		}
		if !ok || bad[prev] || seen[prev] {
			continue
		}
		seen[prev] = true
		first, ok := prev, true
		for n := 0; ok && n <= len(c.prev); n++ {
			var p uuid.UUID
			if p, ok = c.prev[first]; ok {
				first = p
			}
		}
		if bad[first] {
			first = uuid.Nil // its own link was not read: it may not be first
		}
		out = append(out, CurrentUnknown{Record: prev, Assessment: first, By: id})
	}
	return out
}

// currentUnknownNote is the caveat of a summary that left out
// assessments whose current version cannot be known, or "". With
// disclosure control it gives no number, as it gives none of records
// read twice.
func (s *Summary) currentUnknownNote() string {
	n := len(s.CurrentUnknown)
	switch {
	case n == 0:
		return ""
	case !s.Exact:
		return "ASSESSMENTS LEFT OUT: a later version (an amendment or a void) of some assessments could not be read, so which version is current cannot be known: they are not counted (run digicheck check on the store)"
	case n == 1:
		return "ASSESSMENTS LEFT OUT: a later version (an amendment or a void) of 1 assessment could not be read, so which version is current cannot be known: it is not counted (named on standard error; run digicheck check on the store)"
	}
	return fmt.Sprintf("ASSESSMENTS LEFT OUT: a later version (an amendment or a void) of %d assessments could not be read, so which version is current cannot be known: they are not counted (named on standard error; run digicheck check on the store)", n)
}
