package shellword

import (
	"strings"
	"testing"
)

// argv splits a command line as a Windows program does (Microsoft's
// rules for C programs, which Go's runtime follows): words are split at
// spaces and tabs outside double quotes; 2n backslashes before a quote
// are n backslashes and the quote begins or ends a quoted part; 2n+1
// are n and a literal quote; backslashes before anything else are
// themselves.
func argv(line string) []string {
	var out []string
	var w strings.Builder
	in, quoted := false, false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '\\':
			n := 0
			for i < len(line) && line[i] == '\\' {
				n++
				i++
			}
			if i < len(line) && line[i] == '"' {
				w.WriteString(strings.Repeat(`\`, n/2))
				if n%2 == 1 {
					w.WriteByte('"')
				} else {
					quoted = !quoted
				}
			} else {
				w.WriteString(strings.Repeat(`\`, n))
				i--
			}
			in = true
		case c == '"':
			quoted = !quoted
			in = true
		case (c == ' ' || c == '\t') && !quoted:
			if in {
				out = append(out, w.String())
				w.Reset()
				in = false
			}
		default:
			w.WriteByte(c)
			in = true
		}
	}
	if in {
		out = append(out, w.String())
	}
	return out
}

// On a Windows ward PC a pasted command goes to cmd.exe or PowerShell,
// neither of which reads a POSIX shell's single quotes as quotes: a word
// is left plain only when neither gives any of its characters a meaning,
// and is otherwise put in double quotes, which both pass on as one word
// with the metacharacters inside it literal.
func TestAWordOnWindowsIsOneWordInCmdAndPowerShell(t *testing.T) {
	cases := []struct{ in, want string }{
		{`C:\wards\ward9.db`, `C:\wards\ward9.db`},
		{`C:/digicheck/d.db`, `C:/digicheck/d.db`},
		{`\\ward-pc\share\digicheck.db`, `\\ward-pc\share\digicheck.db`},
		{`C:\Users\Jane Smith\digicheck.db`, `"C:\Users\Jane Smith\digicheck.db"`},
		{`C:\Ward 9 & 10\d.db`, `"C:\Ward 9 & 10\d.db"`},
		{`C:\A&E\d.db`, `"C:\A&E\d.db"`},
		{`C:\Programme (new)\p.toml`, `"C:\Programme (new)\p.toml"`},
		{`C:\it's\d.db`, `"C:\it's\d.db"`},
		{`\\pc\c$\d.db`, `"\\pc\c$\d.db"`},
		{`C:\team;one\d.db`, `"C:\team;one\d.db"`},
		{`C:\x^y\d.db`, `"C:\x^y\d.db"`},
		{`C:\a,b\d.db`, `"C:\a,b\d.db"`},
		{`C:\{x}\#1\d.db`, `"C:\{x}\#1\d.db"`},
		{`@team\d.db`, `"@team\d.db"`},
		{`C:\ward 9\`, `"C:\ward 9\\"`},
		{`say "no"`, `"say \"no\""`},
		{`a\"b c`, `"a\\\"b c"`},
		{"correction of the version not kept", `"correction of the version not kept"`},
		{"", `""`},
	}
	for _, c := range cases {
		got := forSystem("windows", c.in)
		if got != c.want {
			t.Errorf("windows Word(%q) = %s, want %s", c.in, got, c.want)
		}
		// The program started reads the one word back as it was.
		if args := argv("digicheck " + got + " next"); len(args) != 3 || args[1] != c.in || args[2] != "next" {
			t.Errorf("windows Word(%q) = %s is read back as %q", c.in, got, args)
		}
		// Neither cmd.exe nor PowerShell sees a metacharacter of its
		// own outside the quotes.
		outside := got
		if strings.HasPrefix(got, `"`) {
			outside = ""
		}
		if i := strings.IndexAny(outside, " \t&|<>^(),;!%'$`{}#@\""); i >= 0 {
			t.Errorf("windows Word(%q) = %s leaves %q outside quotes", c.in, got, outside[i])
		}
		if strings.HasPrefix(got, "'") {
			t.Errorf("windows Word(%q) = %s uses a quote cmd.exe does not read", c.in, got)
		}
	}
}

// Elsewhere a word is as a POSIX shell reads it, whatever system the
// test runs on.
func TestAWordOffWindowsIsAPOSIXShellWord(t *testing.T) {
	for _, goos := range []string{"linux", "darwin"} {
		if got := forSystem(goos, "/tmp/ward 9/d.db"); got != "'/tmp/ward 9/d.db'" {
			t.Errorf("%s: Word = %s, want '/tmp/ward 9/d.db'", goos, got)
		}
	}
}

// What Word writes, Read reads back, with the rest of the line after it,
// on Windows and elsewhere.
func TestAWordIsReadBackByRead(t *testing.T) {
	words := []string{`C:\wards\ward9.db`, `C:\Users\Jane Smith\digicheck.db`, `C:\ward 9\`, `say "no"`, `a\"b c`,
		"/tmp/ward 9/d.db", "it's", "/wards/ward9.db", "$HOME;rm -rf x", `\\pc\c$\d.db`, "50%,x"}
	for _, goos := range []string{"windows", "linux"} {
		for _, w := range words {
			got, _, ok := readFor(goos, forSystem(goos, w)+" to resume it.")
			if !ok || got != w {
				t.Errorf("%s: Read(Word(%q)) = %q, %v", goos, w, got, ok)
			}
		}
		for _, broken := range []string{"", `"C:\no end`, "'no end", " lead"} {
			if got, _, ok := readFor(goos, broken); ok {
				t.Errorf("%s: Read(%q) = %q, want nothing read", goos, broken, got)
			}
		}
	}
}

// A run's given flags, each value written by Word, are split back into
// the words they were, on Windows as elsewhere: a path's backslashes and
// spaces kept.
func TestGivenFlagsAreSplitBackIntoTheirWords(t *testing.T) {
	for _, goos := range []string{"windows", "linux"} {
		want := []string{"--db", `C:\wards\ward9.db`, "--config", `C:\Users\Jane Smith\site.toml`, "--programmes", "/tmp/it's here/p.toml"}
		given := ""
		for i, w := range want {
			if i%2 == 0 {
				given += " " + w
			} else {
				given += " " + forSystem(goos, w)
			}
		}
		got := splitFor(goos, given)
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: %q split into %q, want %q", goos, given, got, want)
		}
	}
}

// A not-saved file kept on Windows by an earlier build gave its store in
// single quotes: it is still read as that store's.
func TestAWindowsPathInTheOldSingleQuotesIsStillRead(t *testing.T) {
	got, _, ok := readFor("windows", `'C:\wards\ward 9.db' to resume it.`)
	if !ok || got != `C:\wards\ward 9.db` {
		t.Errorf("read %q, %v; want C:\\wards\\ward 9.db", got, ok)
	}
}
