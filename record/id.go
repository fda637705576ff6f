package record

import (
	"slices"
	"strings"

	"digicheck/questionnaire"
)

// MinIDPrefix is the fewest characters of a record id the store accepts
// for one: 8 hex digits of a UUIDv7 are its first 32 bits of
// milliseconds, enough to tell apart records made more than about a
// minute apart, and short enough to read out or type.
const MinIDPrefix = 8

// ShownIDLen is the fewest characters of a record id that are shown: the
// whole of a UUIDv7's millisecond timestamp ("019a1b2c-3d4e"). Ids made
// within the same minute share their first 8 characters, so a prefix that
// short, unique when printed, becomes ambiguous as soon as another record
// is saved (a void straight after a mistake); one down to the millisecond
// stays unique unless two records are made in the same millisecond.
const ShownIDLen = 13

// ShortID is the shortest prefix of id, of at least ShownIDLen
// characters, that is not the start of any of others: what to print so a
// clinician can type it back. A prefix never ends on a dash, which would
// add nothing to tell the ids apart.
func ShortID(id ID, others ...ID) string {
	text := id.String()
	n := ShownIDLen
	for _, o := range others {
		if o == id {
			continue
		}
		ot := o.String()
		common := 0
		for common < len(text) && common < len(ot) && text[common] == ot[common] {
			common++
		}
		n = max(n, common+1)
	}
	for n < len(text) && text[n-1] == '-' {
		n++
	}
	return text[:min(n, len(text))]
}

// ShortIDs gives each id its ShortID among all of them.
func ShortIDs(ids []ID) map[ID]string {
	sorted := slices.Clone(ids)
	slices.SortFunc(sorted, ID.Compare)
	sorted = slices.Compact(sorted)
	out := make(map[ID]string, len(sorted))
	for i, id := range sorted {
		// In sorted order the longest shared prefix is with a neighbour.
		var near []ID
		if i > 0 {
			near = append(near, sorted[i-1])
		}
		if i+1 < len(sorted) {
			near = append(near, sorted[i+1])
		}
		out[id] = ShortID(id, near...)
	}
	return out
}

// Matches names each record an ambiguous id prefix could mean (id, patient
// and when it was made), one to a line, for an error that lets the
// clinician pick the right one.
func Matches(rs []Record) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString("\n  " + r.ID.String() + "  patient " + questionnaire.Printable(r.Patient.String()) + "  " + r.Time.Local().Format("2006-01-02 15:04:05"))
		if r.Status != Completed {
			b.WriteString("  " + string(r.Status))
		}
	}
	return b.String()
}
