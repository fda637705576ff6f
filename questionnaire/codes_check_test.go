package questionnaire

import (
	"fmt"
	"slices"
	"strings"
)

// The checks below hold the code table to what a SNOMED CT identifier and
// docs/coded-needs.md must be; digicheck itself only looks codes up.

// InterpreterLanguages lists, in alphabetical order, the languages that
// have an "interpreter needed" concept of their own in the table: the
// choices for the interpreter's language, before "other".
func InterpreterLanguages() []string {
	out := make([]string, len(interpreterLanguages))
	for i, l := range interpreterLanguages {
		out[i] = l.Language
	}
	return out
}

// ConceptKeys lists every key with a concept, sorted.
func ConceptKeys() []string {
	keys := make([]string, 0, len(concepts()))
	for k := range concepts() {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// ValidSCTID reports whether s has the shape of a SNOMED CT identifier:
// 6 to 18 digits, no leading zero, a partition identifier for a concept
// (00 in the international release, 10 in an extension such as the UK's)
// and a Verhoeff check digit that matches. It catches a mistyped code; it
// cannot tell that a well-formed code means what its term says, which is
// why each entry carries its source.
func ValidSCTID(s string) error {
	if len(s) < 6 || len(s) > 18 {
		return fmt.Errorf("SCTID %q: %d digits, want 6 to 18", s, len(s))
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return fmt.Errorf("SCTID %q: not all digits", s)
		}
	}
	if s[0] == '0' {
		return fmt.Errorf("SCTID %q: leading zero", s)
	}
	if p := s[len(s)-3 : len(s)-1]; p != "00" && p != "10" {
		return fmt.Errorf("SCTID %q: partition %s is not a concept's (00 or 10)", s, p)
	}
	if !verhoeff(s) {
		return fmt.Errorf("SCTID %q: Verhoeff check digit does not match", s)
	}
	return nil
}

// The Verhoeff scheme's dihedral group D5 multiplication table and its
// permutation table.
var (
	verhoeffD = [10][10]byte{
		{0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
		{1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
		{2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
		{3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
		{4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
		{5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
		{6, 5, 9, 8, 7, 1, 0, 4, 3, 2},
		{7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
		{8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
		{9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
	}
	verhoeffP = [8][10]byte{
		{0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
		{1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
		{5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
		{8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
		{9, 4, 5, 3, 1, 2, 6, 8, 7, 0},
		{4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
		{2, 7, 9, 3, 8, 0, 6, 4, 1, 5},
		{7, 0, 4, 6, 9, 1, 3, 2, 5, 8},
	}
)

// verhoeff reports whether the digits s, check digit last, pass the
// Verhoeff check.
func verhoeff(s string) bool {
	var c byte
	for i := range len(s) {
		d := s[len(s)-1-i] - '0'
		c = verhoeffD[c][verhoeffP[i%8][d]]
	}
	return c == 0
}

// CodedNeedsTable is the table of docs/coded-needs.md: every coded key with
// its concept and source, then every uncoded need with what was looked at.
// The docs hold this text exactly, and a test keeps them so.
func CodedNeedsTable() string {
	var b strings.Builder
	b.WriteString("| key | SNOMED CT | term | source |\n| --- | --- | --- | --- |\n")
	short := map[string]string{SourceRAFlagCode: "RA-FlagCode", SourceDD4C: "DD4C"}
	for _, k := range ConceptKeys() {
		c := concepts()[k]
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", k, c.Code, c.Term, short[c.Source])
	}
	b.WriteString("\n| need | no code: what was looked at |\n| --- | --- |\n")
	keys := make([]string, 0, len(Uncoded))
	for k := range Uncoded {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "| `%s` | %s |\n", k, Uncoded[k])
	}
	return b.String()
}
