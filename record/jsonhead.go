package record

import (
	"bytes"
	"time"
)

// HeadTime reads a record's id and time from the head of its JSON (the
// first few hundred bytes are enough), without decoding the rest: what an
// export of a period needs to pass over a record outside it. It reads the
// head only as json.Marshal (and AppendJSON) writes a record, field by
// field in Record's order: {"id":…,"patient":{"kind":…,"value":…},
// "clinician":…, "team":… when there is one, then "time". ok is false for
// anything else (a head cut short before the time, a field it does not
// expect, a time that is not written as Marshal writes it), and the caller
// decodes the record whole instead.
func HeadTime(h []byte) (id string, t time.Time, ok bool) {
	const idText = 36
	rest, ok := bytes.CutPrefix(h, []byte(`{"id":"`))
	if !ok || len(rest) < idText+1 || rest[idText] != '"' {
		return "", time.Time{}, false
	}
	id, rest = string(rest[:idText]), rest[idText+1:]
	for _, f := range []string{`,"patient":{"kind":`, `,"value":`, `},"clinician":`} {
		if rest, ok = bytes.CutPrefix(rest, []byte(f)); !ok {
			return "", time.Time{}, false
		}
		if _, rest, ok = headString(rest); !ok {
			return "", time.Time{}, false
		}
	}
	if after, team := bytes.CutPrefix(rest, []byte(`,"team":`)); team {
		if _, rest, ok = headString(after); !ok {
			return "", time.Time{}, false
		}
	}
	if rest, ok = bytes.CutPrefix(rest, []byte(`,"time":`)); !ok {
		return "", time.Time{}, false
	}
	s, _, ok := headString(rest)
	if !ok || bytes.IndexByte(s, '\\') >= 0 {
		return "", time.Time{}, false
	}
	if err := t.UnmarshalText(s); err != nil {
		return "", time.Time{}, false
	}
	// Only a time written as Marshal writes it: read back, it is written
	// the same.
	if again, err := t.AppendText(nil); err != nil || !bytes.Equal(again, s) {
		return "", time.Time{}, false
	}
	return id, t, true
}

// headString reads the JSON string b begins with: its bytes between the
// quotes, escapes as they are, and what follows it. ok is false when b
// does not begin with a string or ends inside it.
func headString(b []byte) (s, rest []byte, ok bool) {
	if len(b) == 0 || b[0] != '"' {
		return nil, nil, false
	}
	for i := 1; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++ // the escaped byte; \u's four hex digits are plain bytes
		case '"':
			return b[1:i], b[i+1:], true
		}
	}
	return nil, nil, false
}
