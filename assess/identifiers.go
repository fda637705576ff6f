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
	if id.Kind == record.LocalID && holdsNHSNumber(id.Value) {
		return record.PatientID{}, ErrLocalHoldsNHS
	}
	if id.Kind == record.LocalID && !strings.ContainsFunc(id.Value, isDigit) {
		return record.PatientID{}, ErrLocalNoDigit
	}
	return id, nil
}

// ErrLocalNoDigit refuses a local number with no digit, saying what one
// looks like, and not saying back what was typed (a name, most often).
var ErrLocalNoDigit = fmt.Errorf("a local hospital number has at least one digit, and this has none: it uses letters, digits and - only, at most %d characters; a name belongs in another box", record.MaxLocalID)

// ErrLocalHoldsNHS refuses a local hospital number that holds an NHS
// number with something more ("9434765919X", a key pressed once too often):
// kept as a local number, it splits the patient's history as an NHS number
// typed as a local one would.
var ErrLocalHoldsNHS = errors.New("this holds an NHS number with something more: choose NHS number and type its 10 digits alone")

// holdsNHSNumber reports whether a local number holds an NHS number: a
// run of ten or eleven digits (dashes and spaces inside it) ten of which
// in a row pass the NHS number's Modulus 11 check ("9434765919X",
// "9434765919-1", an NHS number with a suffix), or ten digits that pass it
// standing alone between dashes or spaces in a longer run
// ("9434765919-12"). A longer run is otherwise a local number's own, as a
// shorter one is, and so is one whose digits pass no check.
func holdsNHSNumber(s string) bool {
	var run, group []byte
	found := false
	endGroup := func() {
		if len(group) == 10 && nhs(group) {
			found = true
		}
		group = group[:0]
	}
	flush := func() {
		endGroup()
		if len(run) == 10 || len(run) == 11 {
			for i := 0; i+10 <= len(run); i++ {
				found = found || nhs(run[i:i+10])
			}
		}
		run = run[:0]
	}
	for _, r := range s {
		switch {
		case isDigit(r):
			run = append(run, byte(r))
			group = append(group, byte(r))
		case (r == ' ' || r == '-') && len(run) > 0:
			endGroup()
		default:
			flush()
		}
	}
	flush()
	return found
}

// nhs reports whether ten digits pass the NHS number's check.
func nhs(digits []byte) bool {
	_, err := record.CheckNHSNumber(string(digits))
	return err == nil
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// checkDigitsInName refuses a name (what: "a clinician's name", "a team's
// name") holding a run of ten or more digits (record.PatientNumberRuns:
// O read as 0 and I or l as 1, spaces and dashes inside the run): a
// patient's NHS number typed in or with a name ("Ada Smith 401 023 2137",
// "Ward 7 re 401 023 2137"), which would be kept as who assessed in every
// note, export and summary. A run with ten digits in a row that pass the
// NHS number's Modulus 11 check is called an NHS number; any other run of
// ten or more is refused too, as a phone number or an NHS number with a
// digit wrong, dropped or doubled: a patient's number all the same, and no
// team's or person's name. The refusal never says the digits back.
func checkDigitsInName(s, what string) error {
	return checkDigitsIn(s, "not "+what+": a patient's number is never kept here", "enter the name alone")
}

// checkDigitsIn refuses free text holding a run of ten or more digits, as
// checkDigitsInName does, saying where after the reason (where: "not a
// clinician's name: a patient's number is never kept here") and what to
// do (fix). The refusal never says the digits back.
func checkDigitsIn(s, where, fix string) error {
	long, nhs := false, false
	for _, r := range record.PatientNumberRuns(s) {
		long = true
		nhs = nhs || r.NHS
	}
	switch {
	case nhs:
		return fmt.Errorf("this holds what looks like an NHS number (10 digits in a row, reading O as 0 and I or l as 1), %s; %s", where, fix)
	case long:
		return fmt.Errorf("this holds 10 or more digits in a row (reading O as 0 and I or l as 1), as a patient's NHS or phone number has, %s; %s", where, fix)
	}
	return nil
}

// CheckTextAnswer refuses the typed answer to a question answered in
// words (the interpreter's language, "another language") that holds a run
// of ten or more digits, as the clinician and team boxes refuse one: a
// patient's NHS number typed with the language ("Tigrinya 943 476 5919")
// would be printed in the adjustments, the note and the patient's handout,
// and kept in every export. The postcode district has its own check.
func CheckTextAnswer(it *questionnaire.Item, values []string) error {
	where, fix, checked := textAnswerWords(it)
	if !checked {
		return nil
	}
	for _, v := range values {
		if err := checkDigitsIn(v, where, fix); err != nil {
			return err
		}
		if it.LinkID == questionnaire.LinkLanguage || it.LinkID == questionnaire.LinkLanguageOther {
			if err := CheckNoInvisible(v, "which makes a language read the same as another that differs from it: retype the language without it"); err != nil {
				return err
			}
		}
	}
	return nil
}

// CheckNoInvisible refuses an invisible format character (Unicode
// category Cf: a left-to-right or right-to-left mark, a zero width space
// or joiner, a byte order mark, a soft hyphen, a word joiner) in text a
// clinician types, where it is typed; why ends the error, saying what the
// character does there and to retype the text. A language: copied from a
// web page with a right-to-left mark after it, "Tigrinya" reached the
// patient's handout as "Tigrinya\u200f", and the export counted it apart
// from Tigrinya (a language is a name, checked as a team's is,
// questionnaire.CheckName). The reason for an amendment or a void: history
// and the conflicts view printed "wrong patient\u200f", and a refusal
// quoting it printed the mark raw. A zero width non-joiner or joiner is
// refused too ("Dar\u200ci" reads as Dari), but for one between two
// letters of a script that spells words with it, as Persian and the
// Brahmic scripts do (questionnaire.SpelledJoiner): the note, the handout,
// show and history print that one as itself, and every other as its code.
//
// Not format characters alone: every Default_Ignorable_Code_Point, the
// Unicode property of the characters a text shows nothing for (the Hangul
// fillers U+115F, U+1160, U+3164 and U+FFA0, the combining grapheme
// joiner U+034F, the Khmer inherent vowels U+17B4 and U+17B5, the
// variation selectors), and the Braille blank U+2800, which draws an
// empty cell: a void reason of two Hangul fillers was taken, and history
// printed "entered in error because: " with nothing after it. Text of
// spaces only is refused too.
func CheckNoInvisible(v, why string) error {
	pos := 0
	for i, r := range v {
		pos++
		if drawsNothing(r) && !questionnaire.SpelledJoiner(v, i) {
			return fmt.Errorf("character %d is an invisible character (U+%04X), %s", pos, r, why)
		}
	}
	if v != "" && strings.TrimSpace(v) == "" {
		return errors.New("what was typed is spaces only, and shows nothing: type it in words")
	}
	return nil
}

// drawsNothing reports whether r shows nothing where it stands
// (questionnaire.DrawsNothing).
func drawsNothing(r rune) bool { return questionnaire.DrawsNothing(r) }

// textAnswerWords says, for a question answered in words, where a refused
// number stands and what to do instead, the words of both checks of a
// typed answer (a run of ten digits, the patient's own identifier);
// checked is false for a question answered otherwise, and for the
// postcode district, which has its own check.
func textAnswerWords(it *questionnaire.Item) (where, fix string, checked bool) {
	if it.Type != questionnaire.Text || it.LinkID == questionnaire.LinkPostcodeDistrict {
		return "", "", false
	}
	if it.LinkID == questionnaire.LinkLanguage || it.LinkID == questionnaire.LinkLanguageOther {
		return "not a language: a patient's number is never kept here", "type the language alone", true
	}
	return "and no patient's number is kept in this answer", "type it without the number", true
}

// CheckNotPatient refuses a clinician's name that is the patient's own
// identifier, or holds it ("RX12345" typed in the clinician box one screen
// after it was typed as the patient's local number): kept, the record
// would say it was made by its own patient's number, in every note,
// export and summary. Letters are compared in any case, and dashes and
// spaces inside the identifier are ignored (record.PatientIDSpans).
func CheckNotPatient(name string, p record.PatientID) error {
	if record.HoldsPatientID(name, p) {
		return errors.New("this is the patient's own number, not the name of the person assessing: enter your name")
	}
	return nil
}

// checkNotPatientIn refuses free text holding the patient's own
// identifier (record.PatientIDSpans), saying where after the reason and
// what to do (fix), as checkDigitsIn does for a run of ten digits: a local
// number ("RX12345") has no such run, and typed with a team, a language or
// a reason it went out in pseudonymised exports, the summary that is safe
// to share and the patient's handout. The refusal never says it back.
func checkNotPatientIn(s string, p record.PatientID, where, fix string) error {
	if record.HoldsPatientID(s, p) {
		return fmt.Errorf("this holds the patient's own number, %s; %s", where, fix)
	}
	return nil
}

// CheckTeamOf refuses a team holding the patient's own identifier
// ("Ward RX12345"), as CheckNotPatient refuses it as the clinician. The
// team's other checks are CheckTeam's.
func CheckTeamOf(team string, p record.PatientID) error {
	return checkNotPatientIn(team, p, "not a team's name: a patient's number is never kept here", "enter the team's name alone, or leave it blank")
}

// CheckReasonOf refuses a reason (why a referral was not taken up, why an
// assessment is amended or voided) holding the patient's own identifier
// ("RX12345 entered twice"): the record names its patient, and the reason
// is printed wherever the record is. The reason's other checks are
// CheckReason's.
func CheckReasonOf(why string, p record.PatientID) error {
	return checkNotPatientIn(why, p, "and no patient's number is kept in the reason", "type it without the number")
}

// checkTextAnswerOf refuses the typed answer to a question answered in
// words (CheckTextAnswer's) holding the patient's own identifier
// ("Tigrinya RX12345"). The postcode district has its own check.
func checkTextAnswerOf(it *questionnaire.Item, values []string, p record.PatientID) error {
	where, fix, checked := textAnswerWords(it)
	if !checked {
		return nil
	}
	for _, v := range values {
		if err := checkNotPatientIn(v, p, where, fix); err != nil {
			return err
		}
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
	if err := questionnaire.CheckName(name); err != nil {
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
		return errors.New("a clinician's name has letters, and what was typed has none: enter the name of the person assessing")
	}
	return nil
}

// hasLetter reports whether s has a letter, in any script.
func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// CheckTeam refuses a team name that cannot be printed, mixes the letters
// of two scripts (questionnaire.MixedScript), holds a compatibility form
// of a character (checkCompatibility), has no letter or is longer than
// MaxTeam; no team is fine.
func CheckTeam(team string) error {
	if team != "" && strings.TrimSpace(team) == "" {
		// Taken, it made a team row with a blank name.
		return errors.New("a team's name of spaces only shows nothing: enter the team's name, or leave it blank")
	}
	team = strings.TrimSpace(team)
	if err := questionnaire.CheckName(team); err != nil {
		return err
	}
	// What draws nothing and is no format character (a Hangul filler,
	// the Braille blank): "Ward\u3164 7" read as "Ward  7" beside "Ward 7".
	if err := CheckNoInvisible(team, "which makes a name read the same as another that differs from it: retype the name without it"); err != nil {
		return err
	}
	// A letter of another script ("Ward \u0410", its \u0410 Cyrillic)
	// prints as "Ward A" and is another team.
	if err := questionnaire.MixedScript(team); err != nil {
		return err
	}
	// One in Latin script alone ("Ward \u212a", its \u212a the Kelvin
	// sign) prints as "Ward K" too.
	if err := checkCompatibility(team); err != nil {
		return err
	}
	if err := checkLen(team, MaxTeam, "a team's name"); err != nil {
		return err
	}
	if err := checkDigitsInName(team, "a team's name"); err != nil {
		return err
	}
	if team != "" && !hasLetter(team) {
		return errors.New("a team's name has letters, and what was typed has none: enter the team's name, or leave it blank")
	}
	return nil
}
