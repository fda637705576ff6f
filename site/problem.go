// Package site reads what a trust sets for itself: the site configuration
// and the programmes file that adds local support programmes to the national
// referral directory, hides some or overrides them. Both are TOML files that
// QI and inclusion leads edit, so every problem is reported as FILE:LINE with
// a plain message, and nothing is used from a file that has any problem.
package site

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"

	toml "github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// Problem is one thing wrong with a file, at a line.
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// Problems is every problem found in a file; as an error it prints one
// FILE:LINE: message per line, in line order.
type Problems []Problem

func (ps Problems) Error() string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.String())
	}
	return b.String()
}

func (ps Problems) sorted() Problems {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
	return ps
}

// positions maps each key path in a TOML document to the line it is on.
// Array-of-table elements are numbered: "programme[1].eligible[0].areas".
type positions map[string]int

func keyLines(doc []byte) positions {
	doc = withoutBOM(doc)
	lines := newLineIndex(doc)
	pos := positions{}
	counts := map[string]int{} // array table path -> elements seen
	current := ""              // path of the table the next keys belong to
	var p unstable.Parser
	p.Reset(doc)
	for p.NextExpression() {
		e := p.Expression()
		var parts []string
		line := 0
		for it := e.Key(); it.Next(); {
			n := it.Node()
			parts = append(parts, string(n.Data))
			if line == 0 {
				// Raw, not Data: a quoted key with an escape is
				// unescaped into a copy that is not in doc.
				line = lines.line(n.Raw.Offset)
			}
		}
		switch e.Kind {
		case unstable.ArrayTable:
			// Nested array tables hang off the latest element of their parent.
			path := ""
			for i, k := range parts {
				if path != "" {
					path += "."
				}
				path += k
				if i < len(parts)-1 {
					path = fmt.Sprintf("%s[%d]", path, counts[path]-1)
				}
			}
			idx := counts[path]
			counts[path]++
			current = fmt.Sprintf("%s[%d]", path, idx)
			pos[current] = line
		case unstable.Table:
			current = strings.Join(parts, ".")
			pos[current] = line
		case unstable.KeyValue:
			k := strings.Join(parts, ".")
			if current != "" {
				k = current + "." + k
			}
			pos[k] = line
		}
	}
	return pos
}

// decode reads doc strictly into v. Syntax and type errors come back as one
// Problem each; unknown fields as one Problem each, and v is still filled so
// that the rest of the file can be checked too.
func decode(name string, doc []byte, v any) (Problems, bool) {
	if bytes.HasPrefix(doc, []byte{0xFF, 0xFE}) || bytes.HasPrefix(doc, []byte{0xFE, 0xFF}) {
		// Notepad's "Unicode" encoding: the parser would only say it
		// found a strange character at the start.
		return Problems{{name, 1, `the file is saved as UTF-16 (Notepad's "Unicode"): save it again as UTF-8`}}, false
	}
	doc = withoutBOM(doc)
	dec := toml.NewDecoder(strings.NewReader(string(doc)))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		return controlProblems(name, doc), true
	}
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) {
		var ps Problems
		for _, e := range strict.Errors {
			line, _ := e.Position()
			ps = append(ps, Problem{name, line, fmt.Sprintf("unknown field %q", strings.Join(e.Key(), "."))})
		}
		return append(ps, controlProblems(name, doc)...), true
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, _ := de.Position()
		return Problems{{name, line, de.Error()}}, false
	}
	return Problems{{name, 0, err.Error()}}, false
}

// bom is the UTF-8 byte order mark that Windows Notepad and some other
// editors write at the start of a file saved as UTF-8. TOML does not allow
// it, but a lead who saves a site file in Notepad has done nothing wrong:
// it is taken off, as every reader of a site file here does.
var bom = []byte("\ufeff")

func withoutBOM(doc []byte) []byte { return bytes.TrimPrefix(doc, bom) }

// lineIndex finds the line of a byte offset in a document. The TOML
// parser's own Shape counts lines from the start of the document on every
// call, so asking it for every key of a file took time in the square of
// the file's size (68 s for 8,000 programmes, paid at every start); this
// finds the newlines once and then each line by binary search.
type lineIndex []int // offsets of each '\n', in order

func newLineIndex(doc []byte) lineIndex {
	var nl lineIndex
	for i := 0; ; {
		j := bytes.IndexByte(doc[i:], '\n')
		if j < 0 {
			return nl
		}
		nl = append(nl, i+j)
		i += j + 1
	}
}

// line is the 1-based line holding offset.
func (nl lineIndex) line(offset uint32) int {
	return sort.SearchInts(nl, int(offset)) + 1
}
