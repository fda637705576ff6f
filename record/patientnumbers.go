package record

import (
	"errors"
	"strings"
	"unicode"
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
// typed for one (O or o for 0, I or l for 1), as "4O1 023 2137" is.
func digitLike(r rune) (byte, bool) {
	switch {
	case r >= '0' && r <= '9':
		return byte(r), true
	case r == 'O', r == 'o':
		return '0', true
	case r == 'I', r == 'l':
		return '1', true
	}
	return 0, false
}

// NumberRun is a run of PatientNumberRunMin or more characters read as
// digits in free text, from its first to its last (bytes Start to End),
// spaces and dashes inside it. NHS is set when ten digits in a row of it
// pass the NHS number's Modulus 11 check (a number of one digit repeated
// among them: a placeholder, typed as one all the same).
type NumberRun struct {
	Start, End int
	NHS        bool
}

// PatientNumberRuns finds the runs of ten or more digits in free text, read
// as digitLike does with spaces and dashes inside the run: a patient's NHS
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
			end = i + 1
			continue
		}
		if (r == ' ' || r == '-') && start >= 0 {
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
	if len(runs) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, r := range runs {
		b.WriteString(s[last:r.Start])
		b.WriteString(NumberWithheld)
		last = r.End
	}
	b.WriteString(s[last:])
	return b.String()
}
