//go:build !windows

package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// TestDueKeepsToTheTerminalWidth: with a long team and clinician name,
// `due` printed lines of 174 to 185 columns, and a CJK name (two columns a
// character) pushed the columns after it out of line. At a terminal every
// line keeps to its width, long team and clinician names wrap whole within
// their columns (cut with an ellipsis, two teams that began alike could not
// be told apart), the columns line up by display width, and the patient and
// record id are whole on the record's first line. At the boundary, short
// names are not wrapped, and a wide terminal shows the long names whole on
// one line. Piped, it is one line a record, names whole.
func TestDueKeepsToTheTerminalWidth(t *testing.T) {
	longTeam := "Community Neurological Rehabilitation and Specialist Nursing"
	longName := "Dr Alexandra Montgomery-Fitzwilliam-Hargreaves, Consultant"
	path := filepath.Join(t.TempDir(), "digicheck.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	people := []struct{ local, team, clinician string }{
		{"LONG", longTeam, longName},
		{"CJK", "病房七号社区护理团队和康复中心专科", "王芳医生主任医师专家门诊"},
		{"SHORT", "Ward 7", "R Patel"},
	}
	for _, p := range people {
		r := testkit.Assessed(t, testkit.Offline(nil))
		r.Patient = record.PatientID{Kind: record.LocalID, Value: p.local}
		r.Team, r.Clinician, r.Time, r.ReviewBy = p.team, p.clinician, time.Now().AddDate(-1, 0, -1), dueIn(-1)
		if err := st.Save(&r); err != nil {
			t.Fatal(err)
		}
	}
	a := &app{settings: site.Settings{DB: path, Team: "Ward 7"}}

	for _, width := range []int{80, 100} {
		out, err := onTerminal(t, width, a, (*app).dueCmd)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
		recordAt, records := -1, 0
		for _, l := range lines {
			if w := ansi.StringWidth(l); w > width {
				t.Errorf("width %d: a line of %d columns:\n%s", width, w, l)
			}
			if strings.HasPrefix(l, " ") {
				continue // a name wrapped under its record's line
			}
			records++
			// The last column, RECORD, starts at the same display column.
			i := strings.LastIndex(l, "  ")
			col := ansi.StringWidth(l[:i+2])
			if recordAt == -1 {
				recordAt = col
			} else if col != recordAt {
				t.Errorf("width %d: the record column is at %d, not %d, in:\n%s", width, col, recordAt, out)
			}
		}
		if records != 4 {
			t.Fatalf("width %d: want a header and 3 records:\n%s", width, out)
		}
		if strings.Contains(out, "…") {
			t.Errorf("width %d: a name is cut with an ellipsis:\n%s", width, out)
		}
		teams := columnText(t, lines[1:], lines[0], "TEAM", "ASSESSED")
		bys := columnText(t, lines[1:], lines[0], "BY", "RECORD")
		for _, p := range people {
			if !slices.Contains(teams, strings.ReplaceAll(p.team, " ", "")) || !slices.Contains(bys, strings.ReplaceAll(p.clinician, " ", "")) {
				t.Errorf("width %d: %s's team or clinician is not whole in its column (teams %q, clinicians %q):\n%s", width, p.local, teams, bys, out)
			}
			if !strings.Contains(out, p.local) {
				t.Errorf("width %d: patient %s is not whole:\n%s", width, p.local, out)
			}
		}
		if width == 80 && (!strings.Contains(out, "Ward 7") || !strings.Contains(out, "R Patel")) {
			t.Errorf("short names wrapped:\n%s", out)
		}
	}
	out, _ := onTerminal(t, 250, a, (*app).dueCmd)
	if !strings.Contains(out, longTeam) || !strings.Contains(out, longName) || strings.Count(strings.TrimRight(out, "\n"), "\n") != 3 {
		t.Errorf("a wide terminal does not show the names whole, a record a line:\n%s", out)
	}
	t.Setenv("COLUMNS", "80")
	piped, _, err := runStoreCmd(t, path, (*app).dueCmd)
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimRight(piped, "\n"), "\n"); len(lines) != 4 || !strings.Contains(piped, longTeam) || !strings.Contains(piped, longName) {
		t.Errorf("piped, want a header and one line a record, names whole:\n%s", piped)
	}
}
