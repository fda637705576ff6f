package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"digicheck/questionnaire"
	"digicheck/record"
)

// patientKeyFinding is the page walk's finding of a key out of order on a
// page of the patient index: the page and the element.
var patientKeyFinding = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^page (\d+) \(patients\): (?:key (\d+) is outside the range its parent gives|keys out of order at element (\d+))$`)
})

// patientKeyWords names, for check's report, the entry of the patient
// index whose key a walk finding says is out of order: which patient it
// is filed as, which record it names, and the patients filed beside it,
// whose histories go wrong with it (a history looks a patient up by key,
// and a key out of order sends the search astray). "" when the finding is
// not of that kind or the page cannot be read again.
func patientKeyWords(r io.ReaderAt, ps int64, finding string) string {
	m := patientKeyFinding().FindStringSubmatch(finding)
	if m == nil || ps <= 0 {
		return ""
	}
	id, _ := strconv.ParseUint(m[1], 10, 64)
	at, _ := strconv.Atoi(m[2] + m[3])
	head := make([]byte, pageHeaderSize)
	if _, err := r.ReadAt(head, int64(id)*ps); err != nil {
		return ""
	}
	overflow := int64(binary.LittleEndian.Uint32(head[12:]))
	if overflow > 1024 {
		return ""
	}
	buf := make([]byte, (1+overflow)*ps)
	if _, err := r.ReadAt(buf, int64(id)*ps); err != nil && err != io.EOF {
		return ""
	}
	es, branch, why := elems(nil, buf, nil, nil, false)
	if why != "" || branch || at >= len(es) {
		return ""
	}
	// The damaged entry is the one that fails its own check; out of
	// order at element i, it may be i or the one before.
	bad := at
	for _, i := range []int{at, at - 1} {
		if i >= 0 && !entryChecked(es[i].key, es[i].val) {
			bad = i
			break
		}
	}
	patient, rec := entryParts(es[bad].key)
	what := fmt.Sprintf("one entry of the patient index is damaged: it is filed as patient %q, naming record %s", patient, rec)
	var near []string
	for _, i := range []int{bad - 1, bad + 1} {
		if i >= 0 && i < len(es) && entryChecked(es[i].key, es[i].val) {
			p, _ := entryParts(es[i].key)
			near = append(near, p)
		}
	}
	switch len(near) {
	case 1:
		what += ", beside patient " + near[0]
	case 2:
		what += ", between patients " + near[0] + " and " + near[1]
	}
	return questionnaire.Printable(what)
}

// entryParts is the patient (as history prints an NHS number) and the
// record id a patient index key names.
func entryParts(key []byte) (patient, id string) {
	parts := bytes.SplitN(key, []byte{0}, 3)
	if len(parts) != 3 {
		return string(key), "(none)"
	}
	p := record.PatientID{Kind: string(parts[0]), Value: string(parts[1])}
	patient = p.Value
	if p.Kind == record.NHSNumber && len(p.Value) == 10 && strings.Trim(p.Value, "0123456789") == "" {
		patient = p.String()
	}
	return patient, string(parts[2])
}
