package main

import (
	"os"
	"strings"
	"testing"
)

// TestACommandLineRefusedSaysWhatToTypeInPlainWords: a command line with a
// missing or extra argument, an unknown command or an unknown option was
// refused in the words of the command-line library ("accepts 1 arg(s),
// received 0", "unknown shorthand flag: 'o' in -o", `unknown command "x" for
// "digicheck due"`), which name neither what to give nor where to look. Each
// now says what the command takes and points to its --help, still with
// exit status 2.
func TestACommandLineRefusedSaysWhatToTypeInPlainWords(t *testing.T) {
	fx := newExitFixture(t)
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"show"}, []string{"show needs ID", "digicheck show ID", "digicheck show --help"}},
		{[]string{"show", fx.id, "extra"}, []string{"show takes ID alone", `"extra"`, "digicheck show --help"}},
		{[]string{"backup"}, []string{"backup needs", "digicheck backup --help"}},
		{[]string{"bogus"}, []string{`no command "bogus"`, "digicheck --help"}},
		{[]string{"summry"}, []string{`no command "summry"`, `"summary"`}},
		// "--" ends the options, so a command word after it is no command:
		// it was told there is no command "history", did you mean "history"?
		{[]string{"--", "history"}, []string{`"history" is a command`, `after "--"`, "digicheck history"}},
		{[]string{"due", "x"}, []string{`due takes no arguments`, `"x"`, "digicheck due --help"}},
		{[]string{"due", "-z", "x"}, []string{"due has no option -z", "digicheck due --help"}},
		{[]string{"summary", "--bogus"}, []string{"summary has no option --bogus", "digicheck summary --help"}},
		{[]string{"synthetic", "--count"}, []string{"--count", "digicheck synthetic --help"}},
	} {
		got, stderr := runTo(devnull, tc.args...)
		if got != 2 {
			t.Errorf("digicheck %s: exit %d, want 2\n%s", strings.Join(tc.args, " "), got, stderr)
		}
		for _, w := range tc.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("digicheck %s said:\n%s\nwant %q in it", strings.Join(tc.args, " "), stderr, w)
			}
		}
		if strings.Contains(stderr, "did you mean") && strings.Contains(stderr, "is a command") {
			t.Errorf("digicheck %s suggests the command it was given:\n%s", strings.Join(tc.args, " "), stderr)
		}
		for _, lib := range []string{"arg(s)", "shorthand", "unknown command", "unknown flag"} {
			if strings.Contains(stderr, lib) {
				t.Errorf("digicheck %s said %q, the library's words:\n%s", strings.Join(tc.args, " "), lib, stderr)
			}
		}
	}
}
