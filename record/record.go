// Package record defines an assessment record, the one value that flows from
// the terminal UI to the store and on to notes, summaries and exports, and
// the patient identifiers it is keyed by.
package record

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"digicheck/questionnaire"
)

// Status of a record, with the codes of the FHIR R4 QuestionnaireResponse
// status value set where one fits.
type Status string

const (
	// Completed is a finished assessment.
	Completed Status = "completed"
	// Amended is a finished assessment that replaces an earlier version.
	Amended Status = "amended"
	// EnteredInError marks a record made by mistake; it is kept but never counted.
	EnteredInError Status = "entered-in-error"
)

// Record is one saved assessment. Records are never overwritten: an
// amendment is a new record whose Amends names the one it supersedes.
type Record struct {
	ID        ID        `json:"id"` // UUIDv7: time-ordered and globally unique
	Patient   PatientID `json:"patient"`
	Clinician string    `json:"clinician"`
	Team      string    `json:"team,omitempty"`
	Time      time.Time `json:"time"` // when the assessment was completed
	Status    Status    `json:"status"`
	// Amends is the id of the record this one supersedes.
	Amends ID `json:"amends,omitzero"`
	// FollowsUp is the id of the earlier assessment this one follows up.
	FollowsUp  ID     `json:"follows_up,omitzero"`
	VoidReason string `json:"void_reason,omitempty"`
	// AmendReason says why an amendment was made: an audit trail keeps a
	// reason for every change, as it does for every void.
	AmendReason string `json:"amend_reason,omitempty"`
	// Outcomes says, in a follow-up, what became of each referral of the
	// assessment it follows up.
	Outcomes []ReferralOutcome `json:"outcomes,omitempty"`
	// Change is, in a follow-up, the change in each domain and route
	// since the assessment it follows up: Compare's result, worked out by
	// the store when the follow-up is saved.
	Change *Change `json:"change,omitempty"`
	// ReviewBy is the date (YYYY-MM-DD) by which the patient's needs are
	// to be reviewed, the Accessible Information Standard's review stage:
	// set when the assessment is saved (see review.go). A record saved
	// before it existed has none, and is due DefaultReviewMonths after it.
	ReviewBy string `json:"review_by,omitempty"`
	// Synthetic marks generated test data; it is never mixed with real records.
	Synthetic bool                  `json:"synthetic,omitempty"`
	Answers   questionnaire.Answers `json:"answers"`
	questionnaire.Result
}

// PatientID kinds.
const (
	NHSNumber = "nhs"
	LocalID   = "local"
)

// PatientID identifies a patient: a checked NHS number or a local number.
type PatientID struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

func (p PatientID) String() string {
	if p.Kind == NHSNumber && len(p.Value) == 10 {
		return p.Value[:3] + " " + p.Value[3:6] + " " + p.Value[6:]
	}
	return p.Value
}

// MaxLocalID is the most characters a local hospital number may have: the
// patient screen counts a number typed against it.
const MaxLocalID = 20

// Errors from patient identifiers, named so callers can tell them apart.
var (
	ErrNHSLength     = errors.New("an NHS number has 10 digits")
	ErrNHSCheckDigit = errors.New("the check digit is wrong: check each digit again")
	ErrEmptyID       = errors.New("enter an NHS number or a local hospital number")
	ErrLocalID       = fmt.Errorf("a local number uses letters, digits and - only, at most %d characters", MaxLocalID)
	// ErrNHSRepeated refuses numbers such as 0000000000 that pass the
	// check digit but are typed as placeholders, never issued.
	ErrNHSRepeated = errors.New("a number of one repeated digit is a placeholder, not an NHS number")
	// ErrLocalLooksNHS refuses a local number of exactly ten digits: it
	// cannot be told apart from an NHS number typed under the wrong kind,
	// which would slip past the check digit.
	ErrLocalLooksNHS = errors.New("ten digits look like an NHS number: choose NHS number instead")
)

// CheckNHSNumber validates an NHS number with its Modulus 11 check digit
// (NHS Data Dictionary, NHS NUMBER). Spaces and dashes between digits are
// allowed; the result is the 10 digits.
func CheckNHSNumber(s string) (string, error) {
	s = plainSpaces(s)
	var d []byte
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			d = append(d, byte(r-'0'))
		case r == ' ' || r == '-':
		default:
			return "", fmt.Errorf("%q: %w", s, ErrNHSLength)
		}
	}
	if len(d) != 10 {
		return "", fmt.Errorf("%d digits given: %w", len(d), ErrNHSLength)
	}
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(d[i]) * (10 - i)
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	if check == 10 || check != int(d[9]) {
		return "", ErrNHSCheckDigit
	}
	if repeated := strings.Count(string(d), string(d[:1])) == len(d); repeated {
		return "", ErrNHSRepeated
	}
	out := make([]byte, 10)
	for i, v := range d {
		out[i] = '0' + v
	}
	return string(out), nil
}

// NewPatientID checks an identifier of a stated kind, as the clinician
// typed it.
func NewPatientID(kind, s string) (PatientID, error) {
	s = strings.TrimSpace(plainSpaces(s))
	if s == "" {
		return PatientID{}, ErrEmptyID
	}
	switch kind {
	case NHSNumber:
		n, err := CheckNHSNumber(s)
		if err != nil {
			return PatientID{}, err
		}
		return PatientID{Kind: NHSNumber, Value: n}, nil
	case LocalID:
		if len(s) > MaxLocalID || strings.Trim(strings.ToUpper(s), "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
			return PatientID{}, ErrLocalID
		}
		if digits := strings.NewReplacer("-", "", " ", "").Replace(s); len(digits) == 10 && strings.Trim(digits, "0123456789") == "" {
			return PatientID{}, ErrLocalLooksNHS
		}
		return PatientID{Kind: LocalID, Value: strings.ToUpper(s)}, nil
	}
	return PatientID{}, fmt.Errorf("unknown identifier kind %q", kind)
}

// plainSpaces is s with every Unicode space (category Zs: a no-break
// space, a thin or narrow no-break space, an ideographic space) the space
// it stands for: an NHS number pasted from a letter or a web page as
// 943\u00a0476\u00a05919 was refused as "an NHS number has 10 digits".
func plainSpaces(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r != ' ' && unicode.Is(unicode.Zs, r) }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Zs, r) {
			return ' '
		}
		return r
	}, s)
}

// ParsePatientID reads an identifier given on the command line: ten digits
// (spaces and dashes allowed) that pass the NHS number check are an NHS
// number; anything else is a local hospital number.
//
// One that is neither, being an NHS number but for a letter O typed for a
// zero or I or l for a one ("4O1 023 2137"), is refused naming the letter,
// as the NHS number box does (LetterForDigit).
//
// Digits alone with a space between them are an NHS number as it is
// written (943 476 5919), never a local number (which has no spaces): one
// of the wrong length is refused as an NHS number, saying how many digits
// were given, so a dropped or doubled digit is seen. A local number of 9
// or 11 digits is kept, and says it is not an NHS number (NotAnNHSNumber).
func ParsePatientID(s string) (PatientID, error) {
	s = plainSpaces(s)
	id, nhsErr := NewPatientID(NHSNumber, s)
	switch {
	case nhsErr == nil:
		return id, nil
	case errors.Is(nhsErr, ErrNHSCheckDigit):
		return PatientID{}, nhsErr
	}
	id, err := NewPatientID(LocalID, s)
	if err == nil {
		if letter := LocalLetterForDigit(s); letter != nil {
			return PatientID{}, letter
		}
	}
	if errors.Is(err, ErrLocalID) && strings.Contains(strings.TrimSpace(s), " ") && strings.Trim(s, "0123456789 -") == "" {
		return PatientID{}, nhsErr
	}
	if err != nil && errors.Is(nhsErr, ErrNHSLength) {
		// "4O1 023 2137": neither number, and the O is the fault.
		if letter := LetterForDigit(s); letter != nil {
			return PatientID{}, letter
		}
	}
	return id, err
}

// LetterForDigit says which letter in an NHS number typed is the fault,
// where it is the digits, spaces and dashes of one but for a letter typed
// for a digit ("4O1 023 2137"): "an NHS number has 10 digits" alone does
// not show that the O is the problem. It is nil for anything else. The
// error wraps ErrNHSLength. The NHS number box and the command line say
// the same words.
func LetterForDigit(typed string) error {
	var first rune
	for _, r := range strings.TrimSpace(plainSpaces(typed)) {
		switch {
		case r >= '0' && r <= '9', r == ' ', r == '-':
		case r == 'O', r == 'o', r == 'I', r == 'l':
			if first == 0 {
				first = r
			}
		default:
			return nil
		}
	}
	switch first {
	case 0:
		return nil
	case 'O', 'o':
		return fmt.Errorf("the letter O is not a zero: type the digits (%w)", ErrNHSLength)
	}
	return fmt.Errorf("the letter %c is not a one: type the digits (%w)", first, ErrNHSLength)
}

// localRunMin is the fewest characters read as digits in a row that a
// local number with a letter among them may not hold: an NHS number's ten.
const localRunMin = 10

// LocalLetterForDigit refuses, as a local hospital number, what reads as an
// NHS number but for a letter typed for a digit: ten or more characters in
// a row that are digits or O or o (read as 0) or I or l (read as 1), with
// dashes and spaces inside the run, at least one of them such a letter
// ("943476591O", "94347659l9", "943-476-591O"). Kept as a local number, the
// patient's history is split: history and follow-up by the NHS number
// never find it. Ten digits alone are ErrLocalLooksNHS already; a real
// local number with fewer than ten such characters in a row ("RX12345",
// "A1234567B") is nil. The error names the letter as the NHS number box
// does; the local number box and the command line say the same words.
func LocalLetterForDigit(typed string) error {
	var letter rune
	run, runLetter := 0, rune(0)
	for _, r := range strings.TrimSpace(plainSpaces(typed)) {
		switch {
		case r >= '0' && r <= '9':
			run++
		case r == 'O', r == 'o', r == 'I', r == 'l':
			run++
			if runLetter == 0 {
				runLetter = r
			}
		case r == ' ', r == '-':
			continue
		default:
			run, runLetter = 0, 0
			continue
		}
		if run >= localRunMin && runLetter != 0 && letter == 0 {
			letter = runLetter
		}
	}
	switch letter {
	case 0:
		return nil
	case 'O', 'o':
		return fmt.Errorf("this looks like an NHS number with the letter O for a zero: choose NHS number and type the digits")
	}
	return fmt.Errorf("this looks like an NHS number with the letter %c for a one: choose NHS number and type the digits", letter)
}

// NotAnNHSNumber says, of a local number of 9 or 11 digits only (dashes
// aside), that it is not an NHS number: one digit short of or over an NHS
// number's 10, it is most often an NHS number mistyped, and whoever gave it
// must see that it was not taken as one. It is "" for every other number.
// Every place a patient number is taken says it: history, followup, the
// patient screen and the plain prompts.
func (p PatientID) NotAnNHSNumber() string {
	if p.Kind != LocalID {
		return ""
	}
	digits := strings.ReplaceAll(p.Value, "-", "")
	if (len(digits) != 9 && len(digits) != 11) || strings.Trim(digits, "0123456789") != "" {
		return ""
	}
	return fmt.Sprintf("%s has %d digits, so it is taken as a local hospital number, not an NHS number: an NHS number has 10 digits. If it is an NHS number, check each digit.", p.Value, len(digits))
}

// CheckText refuses a record whose typed text could not be printed safely:
// the patient's number, the clinician, the team and the reasons given for
// an amendment or a void (see questionnaire.CheckText). Answers are checked
// by the instrument.
func (r *Record) CheckText() error {
	for _, f := range []struct{ name, value string }{
		{"patient identifier", r.Patient.Value},
		{"clinician", r.Clinician},
		{"team", r.Team},
		{"reason for the void", r.VoidReason},
		{"reason for the amendment", r.AmendReason},
	} {
		if err := questionnaire.CheckText(f.value); err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
	}
	return nil
}
