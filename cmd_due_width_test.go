package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// TestDueKeepsToTheTerminalWidth: with a long team and clinician name,
// `due` printed lines of 174 to 185 columns, and a CJK name (two columns a
// character) pushed the columns after it out of line. Every line keeps to
// the width (COLUMNS here, as a terminal's), long team and clinician names
// are cut with an ellipsis, the columns line up by display width, and the
// patient and record id are whole. At the boundary, short names are not
// cut, and a wide terminal shows the long names whole.
func TestDueKeepsToTheTerminalWidth(t *testing.T) {
	longTeam := "Community Neurological Rehabilitation and Specialist Nursing"
	longName := "Dr Alexandra Montgomery-Fitzwilliam-Hargreaves, Consultant"
	path := filepath.Join(t.TempDir(), "digicheck.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []struct{ local, team, clinician string }{
		{"LONG", longTeam, longName},
		{"CJK", "病房七号社区护理团队和康复中心专科", "王芳医生主任医师专家门诊"},
		{"SHORT", "Ward 7", "R Patel"},
	} {
		r := testkit.Assessed(t, testkit.Offline(nil))
		r.Patient = record.PatientID{Kind: record.LocalID, Value: p.local}
		r.Team, r.Clinician, r.Time, r.ReviewBy = p.team, p.clinician, time.Now().AddDate(-1, 0, -1), dueIn(-1)
		if err := st.Save(&r); err != nil {
			t.Fatal(err)
		}
	}

	for _, width := range []int{80, 100} {
		t.Setenv("COLUMNS", strconv.Itoa(width))
		out, _, err := runStoreCmd(t, path, (*app).dueCmd)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
		if len(lines) != 4 {
			t.Fatalf("width %d: want a header and 3 lines:\n%s", width, out)
		}
		recordAt := -1
		for _, l := range lines {
			if w := ansi.StringWidth(l); w > width {
				t.Errorf("width %d: a line of %d columns:\n%s", width, w, l)
			}
			// The last column, RECORD, starts at the same display column.
			i := strings.LastIndex(l, "  ")
			col := ansi.StringWidth(l[:i+2])
			if recordAt == -1 {
				recordAt = col
			} else if col != recordAt {
				t.Errorf("width %d: the record column is at %d, not %d, in:\n%s", width, col, recordAt, out)
			}
		}
		if !strings.Contains(out, "…") || strings.Contains(out, longTeam) {
			t.Errorf("width %d: the long team name is not cut with an ellipsis:\n%s", width, out)
		}
		for _, whole := range []string{"LONG", "CJK", "SHORT"} {
			if !strings.Contains(out, whole) {
				t.Errorf("width %d: patient %s is not whole:\n%s", width, whole, out)
			}
		}
		if width == 80 && (!strings.Contains(out, "Ward 7") || !strings.Contains(out, "R Patel")) {
			t.Errorf("short names cut:\n%s", out)
		}
	}
	t.Setenv("COLUMNS", "250")
	out, _, _ := runStoreCmd(t, path, (*app).dueCmd)
	if !strings.Contains(out, longTeam) || !strings.Contains(out, longName) || strings.Contains(out, "…") {
		t.Errorf("a wide terminal does not show the names whole:\n%s", out)
	}
}
