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
	if errors.Is(err, record.ErrNHSLength) {
		if letter := record.LetterForDigit(value); letter != nil {
			return id, letter
		}
	}
	if err != nil {
		return id, err
	}
	if id.Kind == record.LocalID {
		// "943476591O": an NHS number with a letter for a digit,
		// which kept as a local number splits the patient's history.
		if letter := record.LocalLetterForDigit(value); letter != nil {
			return record.PatientID{}, letter
		}
	}
	if id.Kind == record.LocalID && !strings.ContainsFunc(id.Value, isDigit) {
		return record.PatientID{}, ErrLocalNoDigit
	}
	return id, nil
}

// ErrLocalNoDigit refuses a local number with no digit, saying what one
// looks like, and not saying back what was typed (a name, most often).
var ErrLocalNoDigit = fmt.Errorf("a local hospital number has at least one digit, and this has none: it uses letters, digits and - only, at most %d characters; a name belongs in another box", record.MaxLocalID)

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// digitLike reads a character typed as a digit: a digit, or a letter
// typed for one (O or o for 0, I or l for 1), as "4O1 023 2137" is.
func digitLike(r rune) (byte, bool) {
	switch {
	case isDigit(r):
		return byte(r), true
	case r == 'O', r == 'o':
		return '0', true
	case r == 'I', r == 'l':
		return '1', true
	}
	return 0, false
}

// nhsRunMin is the fewest digits in a row a name may not hold: an NHS
// number's ten.
const nhsRunMin = 10

// checkDigitsInName refuses a name (what: "a clinician's name", "a team's
// name") holding a run of ten or more digits, read as digitLike does,
// with spaces and dashes inside the run: a patient's NHS number typed in
// or with a name ("Ada Smith 401 023 2137", "Ward 7 re 401 023 2137"),
// which would be kept as who assessed in every note, export and summary.
// A run with ten digits in a row that pass the NHS number's Modulus 11
// check (record.CheckNHSNumber) is called an NHS number; any other run of
// ten or more is refused too, as a phone number or an NHS number with a
// digit wrong, dropped or doubled: a patient's number all the same, and no
// team's or person's name. The refusal never says the digits back.
func checkDigitsInName(s, what string) error {
	var run []byte
	long, nhs := false, false
	flush := func() {
		if len(run) >= nhsRunMin {
			long = true
			for i := 0; i+nhsRunMin <= len(run); i++ {
				_, err := record.CheckNHSNumber(string(run[i : i+nhsRunMin]))
				// A number of one digit repeated passes the
				// check digit: a placeholder, but typed as one.
				if err == nil || errors.Is(err, record.ErrNHSRepeated) {
					nhs = true
				}
			}
		}
		run = run[:0]
	}
	for _, r := range s {
		if d, ok := digitLike(r); ok {
			run = append(run, d)
			continue
		}
		if r == ' ' || r == '-' {
			continue
		}
		flush()
	}
	flush()
	switch {
	case nhs:
		return fmt.Errorf("this holds what looks like an NHS number (10 digits in a row, reading O as 0 and I or l as 1), not %s: a patient's number is never kept here; enter the name alone", what)
	case long:
		return fmt.Errorf("this holds 10 or more digits in a row (reading O as 0 and I or l as 1), as a patient's NHS or phone number has, not %s: no such number is kept here; enter the name alone", what)
	}
	return nil
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
		// Said plainly: whoever is at the keyboard types their own
		// name, as the record is put down to it.
		return errors.New("type your own name: the assessment is recorded as done by the name given here")
	}
	if err := questionnaire.CheckText(name); err != nil {
		return err
	}
	if err := checkLen(name, MaxClinician, "a clinician's name"); err != nil {
		return err
	}
	if err := checkDigitsInName(name, "a clinician's name"); err != nil {
		return err
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
	if err := checkDigitsInName(team, "a team's name"); err != nil {
		return err
	}
	if team != "" && !hasLetter(team) {
		return fmt.Errorf("a team's name has letters, and %q has none: enter the team's name, or leave it blank", team)
	}
	return nil
}
