package assess

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"digicheck/questionnaire"
	"digicheck/record"
)

// CheckPatient reads a patient identifier of a kind as it is typed,
// refusing one that fails its check (an NHS number's Modulus 11 digit), and
// a local number with no digit: "Ada" is a name typed in the wrong box,
// and a record saved under it is found by no one who looks the patient up
// by their number. Records saved before under such a number still read
// (record.Validate does not ask for a digit), and their amendments and
// follow-ups go ahead: this is the check of a number typed, not of one
// read.
func CheckPatient(kind, value string) (record.PatientID, error) {
	id, err := record.NewPatientID(kind, value)
	if err != nil {
		return id, err
	}
	if id.Kind == record.LocalID && !strings.ContainsFunc(id.Value, isDigit) {
		return record.PatientID{}, ErrLocalNoDigit
	}
	return id, nil
}

// ErrLocalNoDigit refuses a local number with no digit, saying what one
// looks like, and not saying back what was typed (a name, most often).
var ErrLocalNoDigit = errors.New("a local hospital number has at least one digit, and this has none: it uses letters, digits and - only, at most 20 characters; a name belongs in another box")

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// looksLikeNHSNumber reports whether s is ten digits once spaces and
// dashes are dropped and the letters typed for digits are read as them (O
// or o as 0, I or l as 1): a patient's NHS number typed where a name was
// asked for ("4O1 023 2137").
func looksLikeNHSNumber(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case r == ' ' || r == '-':
		case isDigit(r), r == 'O', r == 'o', r == 'I', r == 'l':
			n++
		default:
			return false
		}
	}
	return n == 10
}

// errNHSInName refuses a name that is an NHS number, without saying the
// number back (it would be a patient's number in whatever keeps the
// output).
func errNHSInName(what string) error {
	return fmt.Errorf("this looks like an NHS number (10 digits, reading O as 0 and I or l as 1), not %s: a patient's number is never kept here; enter the name", what)
}

// The most characters a clinician's name, a team and the reason a referral
// was not taken up may have. Both front ends refuse more, saying so, rather
// than keep less than was typed: the full-screen form shows the count as it
// is typed and takes no more, and the plain prompts ask again.
const (
	MaxClinician     = 60
	MaxTeam          = 60
	MaxOutcomeReason = 120
)

// checkLen refuses text longer than most characters, with the count.
func checkLen(s string, most int, what string) error {
	if n := utf8.RuneCountInString(s); n > most {
		return fmt.Errorf("%s can have at most %d characters, and this has %d: shorten it", what, most, n)
	}
	return nil
}

// CheckClinician refuses a blank name, one that cannot be printed, one
// with no letter (a bare "1"), or one longer than MaxClinician.
func CheckClinician(name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return errors.New("enter the clinician's name")
	}
	if err := questionnaire.CheckText(name); err != nil {
		return err
	}
	if err := checkLen(name, MaxClinician, "a clinician's name"); err != nil {
		return err
	}
	if looksLikeNHSNumber(name) {
		return errNHSInName("a clinician's name")
	}
	if !hasLetter(name) {
		// A bare number here is a key typed ahead for another
		// question (a choice, a menu), not a name.
		return fmt.Errorf("a clinician's name has letters, and %q has none: enter the name of the person assessing", name)
	}
	return nil
}

// hasLetter reports whether s has a letter, in any script.
func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// CheckTeam refuses a team name that cannot be printed, has no letter or
// is longer than MaxTeam; no team is fine.
func CheckTeam(team string) error {
	team = strings.TrimSpace(team)
	if err := questionnaire.CheckText(team); err != nil {
		return err
	}
	if err := checkLen(team, MaxTeam, "a team's name"); err != nil {
		return err
	}
	if looksLikeNHSNumber(team) {
		return errNHSInName("a team's name")
	}
	if team != "" && !hasLetter(team) {
		return fmt.Errorf("a team's name has letters, and %q has none: enter the team's name, or leave it blank", team)
	}
	return nil
}
