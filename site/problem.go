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
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"digicheck/questionnaire"

	toml "github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// maxQuoted is how many characters of a value a refusal says back: a
// 20 MB value pasted into a site file was said back whole, on the
// terminal and in a scheduled task's log.
const maxQuoted = 40

// quoted is s as a refusal says it back: quoted and escaped as Go quotes
// it (so no control character reaches the terminal), its first maxQuoted
// characters only and, when cut, how long it is.
func quoted(s string) string {
	i, n := 0, 0
	for i < len(s) && n < maxQuoted {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n++
	}
	if i == len(s) {
		return strconv.Quote(s)
	}
	return fmt.Sprintf("%s… (%d characters)", strconv.Quote(s[:i]), utf8.RuneCountInString(s))
}

// short is a value said back in a refusal: %q of it is quoted's, at most
// maxQuoted characters; %s and %v are the whole value, for text of the
// program's own (a list of what to use instead).
type short string

func (s short) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		_, _ = io.WriteString(f, quoted(string(s)))
		return
	}
	_, _ = io.WriteString(f, string(s))
}

// shortArgs is args with every string a short, for a refusal's Sprintf.
func shortArgs(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if s, ok := a.(string); ok {
			a = short(s)
		}
		out[i] = a
	}
	return out
}

// SizeWords is a size limit as a refusal says it: "1 MB", "64 KB".
func SizeWords(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", n>>10)
}

// readLimited reads the site file path (what names its kind, "config
// file" or "programmes file"), refusing one over limit bytes unread: a
// site file is a few KB of settings, and one of 20 MB was read whole at
// every start, and said back.
func readLimited(path, what string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	tooBig := func(size int64) error {
		return fmt.Errorf("%s %s is %s, larger than the %s a %s may be: it is not a digicheck site file, or something was pasted into it; use the right file, or take out what does not belong", what, questionnaire.Printable(path), sizeOf(size), SizeWords(limit), what)
	}
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		// Said in words, not "read X: is a directory".
		return nil, fmt.Errorf("%s %s is a folder, not a file: name the %s itself, a file of settings", what, questionnaire.Printable(path), what)
	} else if err == nil && fi.Mode().IsRegular() && fi.Size() > limit {
		return nil, tooBig(fi.Size())
	}
	doc, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(doc)) > limit {
		return nil, tooBig(int64(len(doc)))
	}
	return doc, nil
}

// sizeOf is a file's size in words, "20.0 MB", or "more" when it was
// not known (a file still being written).
func sizeOf(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1023)>>10)
}

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
	walkKeys(doc, func(_ unstable.Kind, path, _ string, at uint32) {
		pos[path] = lines.line(at)
	})
	return pos
}

// walkKeys calls each for every table header and key = value of doc (a
// document without its BOM), in order: its kind (unstable.Table,
// ArrayTable or KeyValue), its path, array-of-table elements numbered
// ("programme[1].eligible[0].areas", the path a key of a table takes
// from the header above it), the key as written on its line ("round_to"
// under [disclosure], or "disclosure.round_to" written whole), and the
// offset in doc where it starts.
func walkKeys(doc []byte, each func(kind unstable.Kind, path, written string, at uint32)) {
	counts := map[string]int{} // array table path -> elements seen
	current := ""              // path of the table the next keys belong to
	var p unstable.Parser
	p.Reset(doc)
	for p.NextExpression() {
		e := p.Expression()
		var parts []string
		var at uint32
		for it := e.Key(); it.Next(); {
			n := it.Node()
			if parts == nil {
				// Raw, not Data: a quoted key with an escape is
				// unescaped into a copy that is not in doc.
				at = n.Raw.Offset
			}
			parts = append(parts, string(n.Data))
		}
		written := strings.Join(parts, ".")
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
			current = fmt.Sprintf("%s[%d]", path, counts[path])
			counts[path]++
			each(e.Kind, current, written, at)
		case unstable.Table:
			current = written
			each(e.Kind, current, written, at)
		case unstable.KeyValue:
			path := written
			if current != "" {
				path = current + "." + written
			}
			each(e.Kind, path, written, at)
		}
	}
}

// decode reads doc strictly into v. A syntax error comes back as one
// Problem, ok false. Each value of the wrong kind comes back in wrong,
// taken out, and each unknown field as one Problem in ps, v filled with
// the rest so that the rest of the file can be checked too: a caller says
// its own problems besides the values of the wrong kind (wrong.besides),
// and none of a value taken out (wrong.has).
func decode(name string, doc []byte, v any) (ps Problems, wrong takenOut, ok bool) {
	if bytes.HasPrefix(doc, []byte{0xFF, 0xFE}) || bytes.HasPrefix(doc, []byte{0xFE, 0xFF}) {
		// Notepad's "Unicode" encoding: the parser would only say it
		// found a strange character at the start.
		return Problems{{name, 1, `the file is saved as UTF-16 (Notepad's "Unicode"): save it again as UTF-8`}}, wrong, false
	}
	doc = withoutBOM(doc)
	dec := toml.NewDecoder(strings.NewReader(string(doc)))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		return controlProblems(name, doc), wrong, true
	}
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) {
		for _, e := range strict.Errors {
			line, _ := e.Position()
			ps = append(ps, Problem{name, line, fmt.Sprintf("unknown field %s", quoted(strings.Join(e.Key(), ".")))})
		}
		return append(ps, controlProblems(name, doc)...), wrong, true
	}
	wrong, unknown, read := wrongKinds(name, doc, v)
	if !read {
		return wrong.said, takenOut{}, false
	}
	if len(wrong.said) > 0 {
		return append(unknown, controlProblems(name, doc)...), wrong, true
	}
	// A value the walk of kinds let through and the decoder did not:
	// said without the decoder's Go words.
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, _ := de.Position()
		return Problems{{name, line, fmt.Sprintf("%s: this setting does not take a value of this kind (see the example files)", quoted(strings.Join(de.Key(), ".")))}}, takenOut{}, false
	}
	return Problems{{name, 0, err.Error()}}, takenOut{}, false
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
