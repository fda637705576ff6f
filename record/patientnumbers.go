package record

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// PatientNumberRunMin is the fewest digits in a row that free text may not
// hold: an NHS number's ten.
const PatientNumberRunMin = 10

// NumberWithheld is what a pseudonymised export writes in the place of a
// run of digits that could be a patient's number (WithoutPatientNumbers).
// It is no longer than the shortest such run, so text with it in is never
// longer than the text kept, and still fits its answer's limit.
const NumberWithheld = "[withheld]"

// digitLike reads a character typed as a digit: a digit, or a letter
// typed for one (O or o for 0, I or l for 1), as "4O1 023 2137" is. A
// digit is any Unicode decimal digit (category Nd): the full-width digits
// an East Asian input method types ("９９４５８０７３０７"), Arabic-Indic
// and Devanagari digits are the digits 0 to 9, and a patient's number
// written in them is theirs all the same.
func digitLike(r rune) (byte, bool) {
	switch {
	case r >= '0' && r <= '9':
		return byte(r), true
	case r == 'O', r == 'o':
		return '0', true
	case r == 'I', r == 'l':
		return '1', true
	case r > unicode.MaxASCII && unicode.IsDigit(r):
		return '0' + decimalValue(r), true
	}
	return 0, false
}

// decimalValue is the value of a Unicode decimal digit r (category Nd).
// Unicode encodes decimal digits in whole runs of ten, 0 to 9 in order,
// runs of them sometimes next to each other (the mathematical digits):
// its place from the start of the run of digits it is in, modulo ten.
func decimalValue(r rune) byte {
	start := r
	for unicode.IsDigit(start - 1) {
		start--
	}
	return byte((r - start) % 10)
}

// NumberRun is a run of PatientNumberRunMin or more characters read as
// digits in free text, from its first to its last (bytes Start to End),
// separators inside it (runSeparator). NHS is set when ten digits in a row of it
// pass the NHS number's Modulus 11 check (a number of one digit repeated
// among them: a placeholder, typed as one all the same).
type NumberRun struct {
	Start, End int
	NHS        bool
}

// runSeparator reports whether r may stand between the digits of one
// number as it is typed: a space, a dash, a dot, a slash or an underscore
// ("943 476 5919", "943-476-5919", "943.476.5919", "943/476/5919",
// "943_476_5919" are all one number). Any Unicode space (category Zs: a
// no-break space copied from a letter, a narrow or thin space) is a space,
// and any Unicode dash (category Pd: an en dash, a non-breaking hyphen)
// or the minus sign a dash: "943\u00a0476\u00a05919" is the same number.
func runSeparator(r rune) bool {
	switch r {
	case ' ', '-', '.', '/', '_', '\u2212':
		return true
	}
	return r > unicode.MaxASCII && (unicode.Is(unicode.Zs, r) || unicode.Is(unicode.Pd, r))
}

// PatientNumberRuns finds the runs of ten or more digits in free text, read
// as digitLike does with spaces, dashes, dots, slashes or underscores
// inside the run (runSeparator): a patient's NHS
// number typed in a box meant for a name, a language or a reason ("Tigrinya
// 943 476 5919", "Kurdish CN 999 000 0034"), or a phone number, or an NHS
// number with a digit wrong, dropped or doubled: a patient's number all
// the same, and nothing a name, a language or a reason needs.
func PatientNumberRuns(s string) []NumberRun {
	var out []NumberRun
	var digits []byte
	start, end := -1, -1
	flush := func() {
		if len(digits) >= PatientNumberRunMin {
			r := NumberRun{Start: start, End: end}
			for i := 0; i+PatientNumberRunMin <= len(digits); i++ {
				_, err := CheckNHSNumber(string(digits[i : i+PatientNumberRunMin]))
				if err == nil || errors.Is(err, ErrNHSRepeated) {
					r.NHS = true
				}
			}
			out = append(out, r)
		}
		digits, start, end = digits[:0], -1, -1
	}
	type at struct {
		i int
		r rune
	}
	var rs []at
	for i, r := range s {
		rs = append(rs, at{i, r})
	}
	// wordy reports whether the character at j is a letter of a word: a
	// letter no digit is typed as. An o or an l beside one is a word's
	// ("9434765919 on calls"), never a digit of the run before it.
	wordy := func(j int) bool {
		if j < 0 || j >= len(rs) {
			return false
		}
		_, digit := digitLike(rs[j].r)
		return !digit && unicode.IsLetter(rs[j].r)
	}
	for j, c := range rs {
		i, r := c.i, c.r
		if d, ok := digitLike(r); ok && (unicode.IsDigit(r) || !wordy(j-1) && !wordy(j+1)) {
			if start < 0 {
				start = i
			}
			digits = append(digits, d)
			end = i + utf8.RuneLen(r)
			continue
		}
		if runSeparator(r) && start >= 0 {
			continue
		}
		flush()
	}
	flush()
	return out
}

// WithoutPatientNumbers is s with each run of ten or more digits
// (PatientNumberRuns) replaced by NumberWithheld: what a pseudonymised
// export writes of free text kept before such text was refused as it was
// typed ("Tigrinya 9434765919" is written "Tigrinya [withheld]").
// Text with no such run comes back unchanged.
func WithoutPatientNumbers(s string) string {
	runs := PatientNumberRuns(s)
	return withheld(s, len(runs), func(i int) (int, int) { return runs[i].Start, runs[i].End })
}

// withheld is s with each of its n spans, in order (span(i) is the bytes
// of the i-th), written NumberWithheld; s itself when n is 0.
func withheld(s string, n int, span func(i int) (start, end int)) string {
	if n == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for i := range n {
		start, end := span(i)
		b.WriteString(s[last:start])
		b.WriteString(NumberWithheld)
		last = end
	}
	b.WriteString(s[last:])
	return b.String()
}

// PatientIDSpans finds where free text holds the patient's own identifier,
// p's value typed in any case with spaces, dashes, dots, slashes or
// underscores anywhere inside it (runSeparator: "rx 12345", "Ward
// RX-12345", "r.x.12345" for local number RX12345; "943 476 5919",
// "943.476.5919" for that NHS number): the byte spans, start and end, of each, standing
// apart from the letters and digits of any word around it (RX123456 is
// another number, not RX12345). An identifier with no digit (a name kept
// as a local number before one was asked for) is not looked for: it
// cannot be told from the words of a name or a language.
func PatientIDSpans(s string, p PatientID) [][2]int {
	id := make([]rune, 0, len(p.Value))
	digit := false
	for _, r := range strings.ToUpper(p.Value) {
		if !runSeparator(r) {
			id = append(id, r)
			digit = digit || r >= '0' && r <= '9'
		}
	}
	if !digit {
		return nil
	}
	alnum := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	var out [][2]int
	prev := rune(0)
	for i, r := range s {
		if alnum(prev) || !alnum(r) {
			prev = r
			continue
		}
		prev = r
		// Match id from i, over the separators inside it.
		j, k := i, 0
		for k < len(id) && j < len(s) {
			c, n := utf8.DecodeRuneInString(s[j:])
			switch {
			case unicode.ToUpper(c) == id[k]:
				k++
			case k > 0 && runSeparator(c):
			default:
				j = len(s) + 1 // no match
				continue
			}
			j += n
		}
		if k < len(id) || j > len(s) {
			continue
		}
		if next, _ := utf8.DecodeRuneInString(s[j:]); j < len(s) && alnum(next) {
			continue
		}
		if len(out) > 0 && i < out[len(out)-1][1] {
			continue // inside the last one
		}
		out = append(out, [2]int{i, j})
	}
	return out
}

// HoldsPatientID reports whether free text holds the patient's own
// identifier (PatientIDSpans).
func HoldsPatientID(s string, p PatientID) bool { return len(PatientIDSpans(s, p)) > 0 }

// WithoutPatientID is s with each place it holds the patient's own
// identifier (PatientIDSpans) written NumberWithheld: what a pseudonymised
// export and a summary write of free text kept before the boxes refused
// the patient's own local number in it ("Tigrinya RX12345" is written
// "Tigrinya [withheld]"). Text without it comes back unchanged.
func WithoutPatientID(s string, p PatientID) string {
	spans := PatientIDSpans(s, p)
	return withheld(s, len(spans), func(i int) (int, int) { return spans[i][0], spans[i][1] })
}
