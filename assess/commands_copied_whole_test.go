package assess

import (
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// A store and a site file in folders whose names have spaces and hyphens,
// as the run's --db and --config give them.
const (
	longStore  = "/tmp/ward-stores/Community Nursing North-East Locality Team/shared-workstation-digicheck/s1.db"
	longConfig = "/tmp/site settings/north-east-community-nursing/digicheck-site-configuration-2026.toml"
	longGiven  = " --db '" + longStore + "' --config '" + longConfig + "'"
)

// copiedCommand is what a clinician copies from shown, text at most w
// columns wide but for a word the terminal wraps: the command that begins
// with begins, from it to the end of its line, and the lines it goes on to
// after " \" (each taken without its indent, the " \" dropped, as a shell
// joins them); the sentence's punctuation after it left out.
func copiedCommand(t *testing.T, shown, begins string) string {
	t.Helper()
	lines := strings.Split(shown, "\n")
	for i, l := range lines {
		at := strings.Index(l, begins)
		if at < 0 {
			continue
		}
		cmd := l[at:]
		for strings.HasSuffix(cmd, " \\") && i+1 < len(lines) {
			i++
			cmd = strings.TrimSuffix(cmd, " \\") + " " + strings.TrimLeft(lines[i], " ")
		}
		return strings.TrimRight(cmd, ").,;:")
	}
	t.Fatalf("%q is not on the screen:\n%s", begins, shown)
	return ""
}

// argv is the words a POSIX shell makes of cmd.
func argv(t *testing.T, cmd string) []string {
	t.Helper()
	out, err := exec.Command("sh", "-c", `printf '%s\n' `+cmd).Output()
	if err != nil {
		t.Fatalf("the shell cannot run %q: %v", cmd, err)
	}
	return strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
}

// TestACommandInASentenceIsCopiedWhole: the read-back of a patient found
// assessed at the save gives the follow-up command in its sentence ("follow
// it up instead (digicheck followup …)"). Wrapped as words, it was broken
// inside its quoted store path, at a space and at a hyphen ("ward-" /
// "stores"), and pasted as shown a shell ran "digicheck --db … --config …"
// (a new assessment) and then "followup …" alone. The command is one
// unbroken unit in the sentence, or, wider than the line, on lines of its
// own broken between its words with " \": copied from the screen, it is
// the command, and the shell gives digicheck its words.
func TestACommandInASentenceIsCopiedWhole(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the commands are left whole on Windows")
	}
	for _, given := range []string{longGiven, " --db /home/nurse/ward.db"} {
		o := options()
		o.Given = given
		s := start(t, o)
		if err := s.SetPatient(patient, "Dr Ada Test", "Ward 5"); err != nil {
			t.Fatal(err)
		}
		s.NotLookedUp() // the store held as the patient was given
		a := assessedAt(t, time.Date(2026, 12, 5, 9, 0, 0, 0, time.Local), "Dr Ward", "Ward 7")
		said := s.SavedMeanwhile([]Assessed{a})
		want := "digicheck followup " + patient.Value + given
		for _, w := range []int{80, 50, 30} {
			for name, wrap := range map[string]func(string) string{
				"ansi.Wrap":     func(s string) string { return ansi.Wrap(s, w, "") },
				"ansi.Wordwrap": func(s string) string { return ansi.Wordwrap(s, w, "") },
			} {
				shown := WrapCommands(said, w, wrap)
				for _, l := range strings.Split(shown, "\n") {
					if ansi.StringWidth(l) > w && !strings.HasPrefix(strings.TrimLeft(l, " "), "--") && !strings.HasPrefix(strings.TrimLeft(l, " "), "digicheck ") && !strings.HasPrefix(strings.TrimLeft(l, " "), "'") {
						t.Errorf("%s at %d columns: line %q is wider than the window and not a piece of the command left whole", name, w, l)
					}
				}
				got := copiedCommand(t, shown, "digicheck followup")
				if got != want {
					t.Errorf("%s at %d columns: copied from the screen the command is\n%s\nwant\n%s\nThe screen:\n%s", name, w, got, want, shown)
					continue
				}
				if words, wantWords := argv(t, got), argv(t, want); strings.Join(words, "\n") != strings.Join(wantWords, "\n") {
					t.Errorf("%s at %d columns: the shell gives digicheck %q, want %q", name, w, words, wantWords)
				}
				if !strings.Contains(strings.ReplaceAll(shown, "\n", " "), "so it could not be said then") {
					t.Errorf("%s at %d columns: the sentence is lost:\n%s", name, w, shown)
				}
			}
		}
	}
}

// TestTheCommandsOnLinesOfTheirOwnAreCopiedWhole: the notice of a patient
// assessed before gives its commands on lines of their own; with a store
// and a site file whose paths have spaces and hyphens, each copied from the
// screen (lines joined, the " \" dropped) is the command, at 80 columns
// and narrower.
func TestTheCommandsOnLinesOfTheirOwnAreCopiedWhole(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the commands are left whole on Windows")
	}
	o := options()
	o.Given = longGiven
	s := start(t, o)
	if err := s.SetPatient(patient, "Dr Ada Test", "Ward 5"); err != nil {
		t.Fatal(err)
	}
	a := assessedAt(t, time.Date(2026, 12, 5, 9, 0, 0, 0, time.Local), "Dr Ward", "Ward 7")
	said := s.AssessedBefore([]Assessed{a})
	for _, w := range []int{80, 40} {
		shown := WrapCommands(said, w, func(s string) string { return ansi.Wrap(s, w, "") })
		for begins, want := range map[string]string{
			"digicheck followup": "digicheck followup " + patient.Value + longGiven,
			"digicheck amend":    "digicheck amend " + a.Short + " --reason …" + longGiven,
		} {
			if got := copiedCommand(t, shown, begins); got != want {
				t.Errorf("at %d columns: copied from the screen the command is\n%s\nwant\n%s\nThe screen:\n%s", w, got, want, shown)
			} else if words, wantWords := argv(t, got), argv(t, want); strings.Join(words, "\n") != strings.Join(wantWords, "\n") {
				t.Errorf("at %d columns: the shell gives digicheck %q, want %q", w, words, wantWords)
			}
		}
	}
}

// TestWordsThatNameTheProgramAreWrappedAsWords: "digicheck" in a sentence
// that gives no command ("open in another digicheck window") is a word like
// any other: held whole with the word after it, a line broke early.
func TestWordsThatNameTheProgramAreWrappedAsWords(t *testing.T) {
	const s = "Not resumed: the draft of patient 943 476 5919 is open in another digicheck window (login root) on this computer."
	for _, w := range []int{40, 60, 78} {
		wrap := func(s string) string { return ansi.Wrap(s, w, "") }
		if got, want := WrapCommands(s, w, wrap), wrap(s); got != want {
			t.Errorf("at %d columns:\n%s\nwant\n%s", w, got, want)
		}
	}
}
