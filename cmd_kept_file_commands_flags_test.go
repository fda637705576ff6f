package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// The file that keeps the answers of an assessment the store did not
// save (its save refused, or its draft no longer kept) says how to enter
// them again: "run digicheck and resume this follow-up …, run digicheck
// followup NUMBER …". Those commands were given bare, beside commands on
// the screen and at the end that carry the run's --db and --config: run
// as written after a start with --db, they opened the default store (none,
// or another ward's), which neither lists the draft nor holds the record
// amended or followed up. Every command the file gives carries this run's
// --db and --config, and run as written it reaches the store the answers
// were not saved in.

// keptFileCase is one kind of assessment whose answers a file keeps.
type keptFileCase struct {
	name              string
	amends, followsUp bool
	unfinished        bool // its draft not kept (keepUnkept), not its save refused (keepRefused)
}

var keptFileCases = []keptFileCase{
	{name: "new assessment, save refused"},
	{name: "follow-up, save refused", followsUp: true},
	{name: "amendment, save refused", amends: true},
	{name: "new assessment, unfinished", unfinished: true},
	{name: "follow-up, unfinished", followsUp: true, unfinished: true},
	{name: "amendment, unfinished", amends: true, unfinished: true},
}

// fileCommands are the commands a kept file gives: digicheck, then words with
// no sentence's comma or full stop in them, then this run's flags.
func fileCommands(t *testing.T, text, given string) []string {
	t.Helper()
	var out []string
	// digicheck as a word: not a file's name (digicheck.db, the
	// digicheck-not-saved- files).
	for _, at := range regexp.MustCompile(`(?:^|[ (])digicheck(?:[ ,]|\.(?: |$))`).FindAllStringIndex(text, -1) {
		rest := text[at[0]+strings.Index(text[at[0]:], "digicheck"):]
		end := strings.Index(rest, given)
		if end < 0 || !regexp.MustCompile(`^digicheck( [^ ,.]+)*$`).MatchString(rest[:end]) {
			cut := min(len(rest), end+len(given))
			if end < 0 {
				cut = min(len(rest), 120)
			}
			t.Errorf("a command in the file does not carry this run's flags %q: %q", given, rest[:cut])
			continue
		}
		out = append(out, rest[:end+len(given)])
	}
	return out
}

// shellWords splits a command line as a POSIX shell does the words of
// the commands digicheck gives: spaces, and single quotes.
func shellWords(line string) []string {
	var words []string
	var cur strings.Builder
	in, started := false, false
	for _, r := range line {
		switch {
		case r == '\'':
			in, started = !in, true
		case r == ' ' && !in:
			if started {
				words = append(words, cur.String())
				cur.Reset()
				started = false
			}
		default:
			cur.WriteRune(r)
			started = true
		}
	}
	if started {
		words = append(words, cur.String())
	}
	return words
}

func TestEveryCommandAKeptFileGivesCarriesTheRunsStoreAndReachesIt(t *testing.T) {
	// A folder with a space: the path is quoted in the command, as the
	// run's own --db is given back.
	dir := filepath.Join(t.TempDir(), "Ward 9")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	for i, c := range keptFileCases {
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			path := filepath.Join(dir, "ward"+string(rune('a'+i))+".db")
			given := " --db " + shellWord(path)
			st, err := store.Open(path, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			base := testkit.Assessed(t, testkit.Offline(nil))
			if err := st.Save(&base); err != nil {
				t.Fatal(err)
			}
			r := testkit.Assessed(t, testkit.Offline(nil))
			if r.ID, err = record.NewID(); err != nil {
				t.Fatal(err)
			}
			r.Patient = base.Patient
			switch {
			case c.amends:
				r.Amends, r.AmendReason = base.ID, "answers corrected"
			case c.followsUp:
				r.FollowsUp = base.ID
			}
			// Its draft, kept before the store stopped taking answers.
			d := store.Draft{Draft: assess.DraftOf(&r)}
			if err := st.SaveDraft(&d); err != nil {
				t.Fatal(err)
			}
			var kept []string
			file := ""
			if c.unfinished {
				file = keepUnkept(st, &d, questionnaire.National, &kept, given)
			} else {
				var k interface{ KeptIn() string }
				if err := keepRefused(st, &r, &store.Error{Kind: store.ErrLocked, Msg: "another program held the store too long"}, &kept, given); errors.As(err, &k) {
					file = k.KeptIn()
				}
			}
			if file == "" {
				t.Fatalf("no file kept the answers (%v)", kept)
			}
			_ = st.ReleaseDrafts()
			body, _, _ := strings.Cut(fileBytes(t, file), "The same answers as data, for IT:")
			// How to enter them again, under the note and the answers
			// (the note's heading names digicheck, not a command).
			if i := strings.Index(body, "To enter them again:"); i >= 0 {
				body = body[i:]
			}
			text := strings.Join(strings.Fields(body), " ")
			cmds := fileCommands(t, text, given)
			if len(cmds) == 0 {
				t.Fatalf("the file gives no command:\n%s", body)
			}
			for _, line := range cmds {
				args := shellWords(line)[1:]
				out, stderr, err := runCLI(t, nil, "", args...)
				said := strings.Join(strings.Fields(out+stderr+fmt.Sprint(err)), " ")
				// What the command shows, found only in the store the
				// answers were not saved in: the patient's draft it lists,
				// the record it amends or the one it follows up.
				want := "1 unfinished assessment is kept as a draft"
				switch args[0] {
				case "amend":
					want = "Amending the assessment of patient " + base.Patient.String()
				case "followup":
					want = "record " + base.ID.String()[:13]
				}
				if !strings.Contains(said, want) {
					t.Errorf("the file's command %q, run as written, does not reach the store %s (no %q):\n%s", line, path, want, said)
				}
				// The same command bare reads the default store, which
				// holds none of it.
				out, stderr, err = runCLI(t, nil, "", shellWords(strings.TrimSuffix(line, given))[1:]...)
				if bare := strings.Join(strings.Fields(out+stderr+fmt.Sprint(err)), " "); strings.Contains(bare, want) {
					t.Errorf("%q without this run's flags says %q too: the test does not tell the stores apart:\n%s", line, want, bare)
				}
			}
		})
	}
}
