// Package shellword gives a text back as one word of a command line, for
// the commands digicheck prints to be copied and run as they are, in the
// shell of the system digicheck runs on.
package shellword

import (
	"runtime"
	"strings"
)

// Word is s as one word of a command line typed where digicheck runs: on
// Windows, in cmd.exe or PowerShell (windowsWord); elsewhere, in a POSIX
// shell (posixWord).
func Word(s string) string { return forSystem(runtime.GOOS, s) }

func forSystem(goos, s string) string {
	if goos == "windows" {
		return windowsWord(s)
	}
	return posixWord(s)
}

// posixWord is s as one word a POSIX shell reads back as s: as it is when
// it holds only letters, digits and _ . / - : = @ +, else in single
// quotes, each single quote in it written as a quote escaped outside them.
func posixWord(s string) string {
	if plain(s, "_./-:=@+") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// windowsWord is s as one word that cmd.exe and PowerShell both pass to
// the program whole, and that the program (by Microsoft's rules for
// command lines, which Go follows) reads back as s. Neither shell reads
// single quotes as cmd.exe would need, so s is as it is when it holds only
// letters, digits and _ . / \ - : = + (a path such as C:\wards\ward9.db),
// else in double quotes, inside which & | < > ^ ( ) , ; ! ' { } # @ and
// spaces are literal to both. A double quote in s (no Windows path holds
// one) is written \", and backslashes before it or at the end are
// doubled. Inside double quotes cmd.exe still expands %NAME% of a
// variable that is set, and PowerShell $name: a path holding either
// (rare; an admin share's C$\ is not one) is read as the shell makes it.
func windowsWord(s string) string {
	if plain(s, `_./\-:=+`) {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	slashes := 0
	for _, r := range s {
		switch r {
		case '\\':
			slashes++
			continue
		case '"':
			b.WriteString(strings.Repeat(`\`, 2*slashes+1))
		default:
			b.WriteString(strings.Repeat(`\`, slashes))
		}
		slashes = 0
		b.WriteRune(r)
	}
	b.WriteString(strings.Repeat(`\`, 2*slashes))
	b.WriteByte('"')
	return b.String()
}

// plain reports whether s is not empty and holds only ASCII letters,
// digits and the runes of also.
func plain(s, also string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(also, r)) {
			return false
		}
	}
	return true
}

// Read is the word Word wrote at the start of s, read back, and whether
// one is there: what follows the word (a space, the rest of a line) is
// left.
func Read(s string) (string, bool) {
	w, _, ok := readFor(runtime.GOOS, s)
	return w, ok
}

// Split is the words Word wrote into s, separated by spaces (a run's
// given flags, " --db FILE --config FILE"), read back; a word Read cannot
// read is taken as it stands, to the next space.
func Split(s string) []string { return splitFor(runtime.GOOS, s) }

func splitFor(goos, s string) []string {
	var words []string
	for {
		s = strings.TrimLeft(s, " ")
		if s == "" {
			return words
		}
		w, n, ok := readFor(goos, s)
		if !ok {
			n = strings.IndexByte(s, ' ')
			if n < 0 {
				n = len(s)
			}
			w = s[:n]
		}
		words = append(words, w)
		s = s[n:]
	}
}

// readFor reads the word at the start of s as Word writes it on goos: the
// word, how many bytes of s it took, and whether one is there.
func readFor(goos, s string) (string, int, bool) {
	if goos == "windows" {
		if strings.HasPrefix(s, "'") {
			// A file kept by an earlier build, which quoted every
			// Windows path in single quotes.
			return readPOSIX(s)
		}
		return readWindows(s)
	}
	return readPOSIX(s)
}

// plainEnd is where the plain word at the start of s ends.
func plainEnd(s, also string) int {
	end := strings.IndexFunc(s, func(r rune) bool { return !plain(string(r), also) })
	if end < 0 {
		return len(s)
	}
	return end
}

func readPOSIX(s string) (string, int, bool) {
	if !strings.HasPrefix(s, "'") {
		end := plainEnd(s, "_./-:=@+")
		return s[:end], end, end > 0
	}
	var b strings.Builder
	for at := 1; ; {
		i := strings.IndexByte(s[at:], '\'')
		if i < 0 {
			return "", 0, false
		}
		b.WriteString(s[at : at+i])
		at += i
		if !strings.HasPrefix(s[at:], `'\''`) {
			return b.String(), at + 1, true
		}
		b.WriteByte('\'')
		at += len(`'\''`)
	}
}

func readWindows(s string) (string, int, bool) {
	if !strings.HasPrefix(s, `"`) {
		end := plainEnd(s, `_./\-:=+`)
		return s[:end], end, end > 0
	}
	var b strings.Builder
	slashes := 0
	for i, r := range s[1:] {
		switch r {
		case '\\':
			slashes++
			continue
		case '"':
			b.WriteString(strings.Repeat(`\`, slashes/2))
			if slashes%2 == 0 {
				return b.String(), 1 + i + 1, true
			}
		default:
			b.WriteString(strings.Repeat(`\`, slashes))
		}
		slashes = 0
		b.WriteRune(r)
	}
	return "", 0, false
}
