package prompt

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/record"
)

// runStore is a run's --db and --config, in folders whose names hold
// spaces and hyphens, as Options.Given carries them (quoted for a shell).
type runStore struct{ db, config, given string }

func newRunStore(t *testing.T) runStore {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "Ward Stores")
	s := runStore{db: filepath.Join(dir, "ward-7b-east", "store.db"), config: filepath.Join(dir, "site-config", "ward 7b.toml")}
	s.given = " --db '" + s.db + "' --config '" + s.config + "'"
	return s
}

// shellWordsAt are the words of text from at, split as sh splits them (in
// single or double quotes, or after a backslash, a space is part of the
// word; a backslash before a newline joins the lines), each with where it
// ends in text. A newline outside quotes ends the command, as it does in
// a shell.
func shellWordsAt(text string, at int) (words []string, ends []int) {
	var cur strings.Builder
	started := false
	var quote rune
	end := func(i int) {
		if started {
			words, ends = append(words, cur.String()), append(ends, i)
			cur.Reset()
			started = false
		}
	}
	rs := []rune(text[at:])
	pos := at
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case quote == '\'' && r != '\'', quote == '"' && r != '"' && r != '\\':
			cur.WriteRune(r)
		case quote != 0 && r == quote:
			quote = 0
		case r == '\\' && i+1 < len(rs) && rs[i+1] == '\n':
			pos += len(string(rs[i+1]))
			i++
		case r == '\\' && i+1 < len(rs):
			cur.WriteRune(rs[i+1])
			pos += len(string(rs[i+1]))
			i++
			started = true
		case r == '\'' || r == '"':
			quote, started = r, true
		case r == ' ':
			end(pos)
		case r == '\n':
			end(pos)
			return words, ends
		default:
			cur.WriteRune(r)
			started = true
		}
		pos += len(string(r))
	}
	end(pos)
	return words, ends
}

// printedCommand is the command said at text[at:] (at a "digicheck"), as
// a clinician copies it: its name, then the head words (a subcommand and
// what it acts on), then the flags that follow, each with its value; the
// sentence's words and punctuation after it left out.
func printedCommand(text string, at int, head []string) string {
	words, ends := shellWordsAt(text, at)
	n := 1 + len(head)
	for n+1 < len(words) && strings.HasPrefix(words[n], "--") {
		n += 2
	}
	n = min(n, len(words))
	cmd := text[at:ends[n-1]]
	if last := words[n-1]; strings.ContainsAny(last[len(last)-1:], ".,;:)") && strings.HasSuffix(cmd, last[len(last)-1:]) {
		cmd = cmd[:len(cmd)-1] // the sentence's stop, outside the quotes
	}
	return cmd
}

// runPrinted runs cmd as sh runs it, with a digicheck on the PATH that
// writes down the words it was given, and returns them.
func runPrinted(t *testing.T, cmd string) []string {
	t.Helper()
	bin := t.TempDir()
	got := filepath.Join(bin, "args")
	script := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done > '" + got + "'\n"
	if err := os.WriteFile(filepath.Join(bin, "digicheck"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	c := exec.Command("sh", "-c", cmd)
	c.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	if out, err := c.CombinedOutput(); err != nil {
		t.Fatalf("%q, run by sh: %v\n%s", cmd, err, out)
	}
	b, err := os.ReadFile(got)
	if err != nil {
		t.Fatalf("%q, run by sh, never ran digicheck: %v", cmd, err)
	}
	if len(b) == 0 {
		return nil
	}
	return strings.Split(strings.TrimSuffix(string(b), "\x00"), "\x00")
}

// Followed as printed with a store other than the default, a command the
// plain prompts gave without this run's --db and --config acted on the
// default store: "Settle it with digicheck push --conflicts" settled
// nothing of this store, "until digicheck check finds it sound" checked
// another. Every command they print carries them, and run as sh splits
// it, reaches this run's store and config, at a terminal's width as in a
// pipe.
//
// Not parallel: it waits on the push's line (pushQueued).
func TestEveryCommandThePlainPromptsPrintCarriesTheRunsStore(t *testing.T) {
	defer func() { pushQueued = func() {} }()
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh to run the commands")
	}
	rs := newRunStore(t)
	n := len(expectedResult(t).Recommendation.Referrals)
	id := "0190a1b2-0000-7000-8000-0000000000aa"
	pt := record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	for _, c := range []struct {
		name  string
		setup func(o *Options) (in io.Reader)
		// want are the commands said, each as its words before the
		// flags: "" for digicheck alone.
		want []string
	}{
		{
			name: "the store refused the save as damaged",
			setup: func(o *Options) io.Reader {
				o.Save = func(*record.Record) error { return keptRefusal{"/wards/digicheck-not-saved-x.txt"} }
				return strings.NewReader(script + answerReferrals(n, "1", "1") + "1\n1\n")
			},
			want: []string{"check"},
		},
		{
			name: "the push found the assessment voided on the server",
			setup: func(o *Options) io.Reader {
				queued := make(chan struct{}, 1)
				pushQueued = func() { queued <- struct{}{} }
				o.Push = func(record.Record) (bool, string) {
					return false, "conflict: " + EnteredInError + "the FHIR server holds it entered in error"
				}
				o.Save = func(r *record.Record) error { r.ID = record.MustParseID(id); return nil }
				r, w := io.Pipe()
				go func() {
					io.WriteString(w, script+answerReferrals(n, "1", "2")+"1\n")
					<-queued
					io.WriteString(w, "2\n")
					w.Close()
				}()
				return r
			},
			want: []string{"push --conflicts", "show " + id},
		},
		{
			name: "drafts listed to answers that do not come from a terminal",
			setup: func(o *Options) io.Reader {
				o.Drafts = []Resume{{Label: "Patient A", Draft: draft(pt, "Nurse D", "Ward D", firstTwoSections(), "skills")}}
				return strings.NewReader("")
			},
			want: []string{""},
		},
		{
			name: "a draft kept in another window since the run began",
			setup: func(o *Options) io.Reader {
				o.Keep = func(*assess.Draft) error { return nil }
				o.DraftsFromInput = true // asked what to do, and told how to finish it
				o.DraftsOf = func(p record.PatientID) ([]Resume, error) {
					return []Resume{{Label: "Patient 943 476 5919, kept 10:05 by Nurse D", Draft: draft(pt, "Nurse D", "Ward D", firstTwoSections(), "skills")}}, nil
				}
				return strings.NewReader(strings.Join(strings.SplitAfterN(script, "\n", 5)[:4], ""))
			},
			want: []string{""},
		},
	} {
		for _, width := range []int{0, 60} {
			var s saver
			o := options(&s)
			o.Given = rs.given
			o.Width = width
			in := c.setup(&o)
			var out strings.Builder
			Run(o, in, &out)
			said := out.String()
			var found []string
			for at := 0; ; {
				i := strings.Index(said[at:], "digicheck ")
				if i < 0 {
					break
				}
				at += i
				if at > 0 && !strings.ContainsRune(" (\n", rune(said[at-1])) || strings.HasPrefix(said[at:], "digicheck: ") {
					at++
					continue // a word of a sentence: "digicheck: digital inclusion check"
				}
				rest := said[at+len("digicheck "):]
				var head string
				for _, h := range c.want {
					if h != "" && strings.HasPrefix(rest, h) {
						head = h
					}
				}
				if head == "" && !strings.HasPrefix(rest, "--") && !strings.HasPrefix(rest, "\\\n") {
					// "digicheck waited", "digicheck stops waiting":
					// the program, not a command.
					if f := strings.Fields(rest); len(f) > 0 && !slices.Contains([]string{"again", "at"}, strings.Trim(f[0], ".,")) {
						at++
						continue
					}
				}
				found = append(found, head)
				cmd := printedCommand(said, at, strings.Fields(head))
				want := append(strings.Fields(head), "--db", rs.db, "--config", rs.config)
				if got := runPrinted(t, cmd); !slices.Equal(got, want) {
					t.Errorf("%s, width %d: the command printed, %q, run as sh splits it, gives digicheck %q; want %q\n%s", c.name, width, cmd, got, want, said)
				}
				at++
			}
			if !slices.Equal(found, c.want) {
				t.Errorf("%s, width %d: commands said %q, want %q:\n%s", c.name, width, found, c.want, said)
			}
		}
	}
}
