package main

import (
	"strings"

	"digicheck/assess"
)

// givenFlagNames are the flags givenFlags gives, in the order given.
var givenFlagNames = []string{"db", "config", "programmes"}

// givenFlags are the flags of this run, of those given (flags, by name),
// that the commands its words suggest carry (a.given): --db and --config,
// which name the store and the site, and --programmes, which adds local
// programmes to the referral directory. Without --programmes a draft
// resumed, or answers kept in a file entered again, would meet a
// directory without the local programme the patient agreed to. --team
// only offers a team, which the clinician sees and may change, and
// --accessible only how the questions are asked: they are left out.
func givenFlags(flags map[string]string) string {
	var b strings.Builder
	for _, name := range givenFlagNames {
		if v, ok := flags[name]; ok {
			b.WriteString(" --" + name + " " + shellWord(v))
		}
	}
	return b.String()
}

// suggested are the commands that words met where a store is damaged
// suggest bare (the store's own refusals, "start a new assessment with
// digicheck new"): withGiven gives them this run's --db and --config.
var suggested = []string{"digicheck check", "digicheck new"}

// withGiven is text with each command of suggested it gives carrying
// given, this run's --db and --config (" --db FILE"), as assess.Command
// gives them: copied from the words of a run on a store named by --db, a
// bare "digicheck check" checked the default store, and "digicheck new"
// assessed into it. A command that carries a --db, --config or --programmes already is
// left as it is, and so is text when given is "".
func withGiven(text, given string) string {
	if given == "" {
		return text
	}
	var b strings.Builder
	for pos := 0; ; {
		i, cmd := -1, ""
		for _, c := range suggested {
			if j := strings.Index(text[pos:], c); j >= 0 && (i < 0 || j < i) {
				i, cmd = j, c
			}
		}
		if i < 0 {
			b.WriteString(text[pos:])
			return b.String()
		}
		start, end := pos+i, pos+i+len(cmd)
		b.WriteString(text[pos:end])
		pos = end
		if end < len(text) && isWordByte(text[end]) || start > 0 && isWordByte(text[start-1]) {
			continue // part of a longer word ("digicheck newer"), not the command
		}
		if !carriesGiven(text[end:]) {
			b.WriteString(given)
		}
	}
}

// carriesGiven reports whether rest, the text after a suggested command,
// starts with a flag givenFlags gives: the command carries the run's
// flags already (an error's words are given them again as it is printed).
func carriesGiven(rest string) bool {
	for _, name := range givenFlagNames {
		if strings.HasPrefix(rest, " --"+name+" ") {
			return true
		}
	}
	return false
}

// isWordByte reports whether c continues a word.
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// givenError is an error whose words give the commands of suggested with
// this run's --db and --config (withGiven); errors.Is and errors.As see
// the error it wraps.
type givenError struct {
	err   error
	given string
}

func (e givenError) Error() string { return withGiven(e.err.Error(), e.given) }
func (e givenError) Unwrap() error { return e.err }

// carryGiven is err, its suggested commands carrying given (withGiven);
// nil for nil, and err itself when given is "".
func carryGiven(err error, given string) error {
	if err == nil || given == "" {
		return err
	}
	return givenError{err, given}
}

// storeGiven is the --db that names the store at path (" --db PATH"),
// for words of a command that read a store given otherwise (summary's
// FILE) or whose own --db is not at hand: a suggested command copied
// from them checks that store, not the default one.
func storeGiven(path string) string { return " --db " + shellWord(path) }

// namedStoreError is an error whose suggested commands, as main prints it,
// carry given, the store it is about, instead of the run's --db and
// --config (main's printGiven): a summary reads stores given as FILE as
// well as the one by --db. Its words are err's.
type namedStoreError struct {
	err   error
	given string
}

func (e namedStoreError) Error() string { return e.err.Error() }
func (e namedStoreError) Unwrap() error { return e.err }

// checkCommand is the command that checks the store, with given.
func checkCommand(given string) string { return assess.Command(given, "check") }
