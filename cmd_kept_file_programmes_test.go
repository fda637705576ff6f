//go:build !windows

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/internal/testkit"
)

// TestTheFileOfASaveRefusedInARunGivenProgrammesGivesItsCommandsWithThem:
// a run given --programmes has local programmes in its referral
// directory, which a patient may have agreed to. The file that keeps the
// answers of its refused save says to enter them again with --programmes
// as well as --db: run without it, the directory lacks the local
// programme, and the answers cannot be given again as the file has them.
func TestTheFileOfASaveRefusedInARunGivenProgrammesGivesItsCommandsWithThem(t *testing.T) {
	testkit.EndToEnd(t)
	t.Parallel()
	// A local programme no patient of the test is eligible for: the
	// questions and referrals are the national directory's.
	progs := filepath.Join(t.TempDir(), "local programmes.toml")
	if err := os.WriteFile(progs, []byte(`[[programme]]
id = "shetland-visits"
name = "Shetland home digital support visits"
barriers = ["skills"]
contact = "Shetland library service"
patient_line = "Someone can visit you at home to help you get online."
[[programme.eligible]]
areas = ["ZE3"]
`), 0o600); err != nil {
		t.Fatal(err)
	}
	run := startHeldPlainArgs(t, nil, "--programmes", progs, "--db")
	run.typeLines(append(append(append(append([]string{}, pipedPatient...), pipedAccess...), pipedRest...), declinedShown(t)...))
	run.typeLines([]string{"1", "q"}) // save, refused; stop, keeping the file
	out, _ := run.end()
	kept, _ := filepath.Glob(filepath.Join(run.dir, "digicheck-not-saved-*.txt"))
	if len(kept) != 1 {
		t.Fatalf("%d files keep the answers, want 1:\n%s", len(kept), out)
	}
	body, _, _ := strings.Cut(fileBytes(t, kept[0]), "The same answers as data, for IT:")
	i := strings.Index(body, "Not looked up:")
	if i < 0 {
		i = strings.Index(body, "To enter them again:")
	}
	if i < 0 {
		t.Fatalf("the file does not say how to enter the answers again:\n%s", body)
	}
	text := strings.Join(strings.Fields(body[i:]), " ")
	if cmds := fileCommands(t, text, " --db "+shellWord(run.path)+" --programmes "+shellWord(progs)); len(cmds) == 0 {
		t.Errorf("the file gives no command to enter the answers again:\n%s", body)
	}
}
