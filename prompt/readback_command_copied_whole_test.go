package prompt

import (
	"bufio"
	"fmt"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"

	"github.com/charmbracelet/x/ansi"
)

// TestTheReadBacksFollowUpCommandIsCopiedWhole: a patient given while
// another program held the store, found assessed at the save, is told so
// on the read-back with the command to follow them up instead. With a
// store and a site file in folders whose names have spaces and hyphens,
// the lines were broken inside the quoted paths, and pasted as shown a
// shell ran "digicheck --db … --config …" (a new assessment), then
// "followup …" alone. Copied from the screen at 80 columns and at 40 (its
// lines joined, the " \" of each dropped), the command is the command, and
// a shell gives digicheck its words.
func TestTheReadBacksFollowUpCommandIsCopiedWhole(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the commands are left whole on Windows")
	}
	const given = " --db '/tmp/ward-stores/Community Nursing North-East Locality Team/shared-workstation-digicheck/s1.db'" +
		" --config '/tmp/site settings/north-east-community-nursing/digicheck-site-configuration-2026.toml'"
	for _, w := range []int{80, 40} {
		r := testkit.Assessed(t, testkit.Included(nil))
		before := assessedOne(t, r.Patient, time.Date(2026, 12, 5, 9, 0, 0, 0, time.Local))
		s := assess.Start(assess.Options{Instrument: questionnaire.V1, Directory: questionnaire.National, Clinician: "Dr A", Team: "Ward 1", Given: given})
		if err := s.SetPatient(r.Patient, "Dr A", "Ward 1"); err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		p := &prompter{in: bufio.NewReader(strings.NewReader("1\n")), out: &out, fd: -1, outFd: -1}
		p.o.Width = w
		held := true
		p.o.Assessed = func(record.PatientID) ([]assess.Assessed, error) {
			if held {
				return nil, fmt.Errorf("reading the patient's assessments: %w", store.ErrLocked)
			}
			return []assess.Assessed{before}, nil
		}
		p.o.Save = func(*record.Record) error { return nil }
		if err := p.assessedBefore(s); err != nil {
			t.Fatalf("assessedBefore = %v\n%s", err, out.String())
		}
		for k := range s.Instrument().Sections {
			if err := s.SetSection(k, r.Answers); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Assess(); err != nil {
			t.Fatal(err)
		}
		s.ShowAll(true)
		for i := range s.Referrals() {
			if err := s.SetConsent(i, questionnaire.Declined); err != nil {
				t.Fatal(err)
			}
		}
		held = false
		out.Reset()
		var saved record.Record
		if err := (&flow{p: p, s: s, gate: map[int]bool{}}).save(&saved); err != nil {
			t.Fatalf("save: %v\n%s", err, out.String())
		}
		shown := out.String()
		lines := strings.Split(shown, "\n")
		got := ""
		for i, l := range lines {
			at := strings.Index(l, "digicheck followup")
			if at < 0 {
				continue
			}
			got = l[at:]
			for strings.HasSuffix(got, " \\") && i+1 < len(lines) {
				i++
				got = strings.TrimSuffix(got, " \\") + " " + strings.TrimLeft(lines[i], " ")
			}
			got = strings.TrimRight(got, ").,;:")
			break
		}
		want := "digicheck followup " + r.Patient.Value + given
		if got != want {
			t.Errorf("at %d columns, copied from the read-back the command is\n%s\nwant\n%s\nThe read-back:\n%s", w, got, want, shown)
			continue
		}
		words, err := exec.Command("sh", "-c", `printf '%s\n' `+got).Output()
		if err != nil {
			t.Fatal(err)
		}
		if wantWords, _ := exec.Command("sh", "-c", `printf '%s\n' `+want).Output(); string(words) != string(wantWords) {
			t.Errorf("at %d columns a shell gives digicheck\n%s\nwant\n%s", w, words, wantWords)
		}
		for _, l := range lines {
			if ansi.StringWidth(l) > w && !strings.HasPrefix(strings.TrimLeft(l, " "), "--") && !strings.HasPrefix(strings.TrimLeft(l, " "), "digicheck ") && !strings.HasPrefix(strings.TrimLeft(l, " "), "'") {
				t.Errorf("at %d columns the line %q is wider than the window", w, l)
			}
		}
	}
}
