package record

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
)

// chain builds a patient's records as the store keeps them: a first
// assessment A (January), a second assessment B (February), an amendment
// A2 of A made in March, and a third assessment C (April) that is then
// entered in error by V (May).
func chain(t *testing.T) (a, b, a2, c, v Record) {
	t.Helper()
	at := func(m time.Month) time.Time { return time.Date(2026, m, 4, 12, 0, 0, 0, time.UTC) }
	a = assessed(t, nil)
	a.ID, a.Time = "01900000-0000-7000-8000-00000000000a", at(1)
	b = assessed(t, confident)
	b.ID, b.Time, b.Clinician = "01900000-0000-7000-8000-00000000000b", at(2), "S Okafor"
	a2 = assessed(t, questionnaire.Answers{questionnaire.LinkWant: {questionnaire.No}})
	a2.ID, a2.Time, a2.Status, a2.Amends, a2.Clinician = "01900000-0000-7000-8000-0000000000a2", at(3), Amended, a.ID, "J Bloggs"
	c = assessed(t, nil)
	c.ID, c.Time = "01900000-0000-7000-8000-00000000000c", at(4)
	v = c
	v.ID, v.Time, v.Status, v.Amends, v.VoidReason, v.Clinician = "01900000-0000-7000-8000-0000000000c2", at(5), EnteredInError, c.ID, "wrong patient", "M Ward"
	return
}

func historyLines(t *testing.T, rs []Record) map[string]string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteHistory(&buf, rs); err != nil {
		t.Fatal(err)
	}
	lines := map[string]string{}
	for _, l := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")[1:] {
		lines[strings.Fields(l)[2]] = l
	}
	if len(lines) != len(rs) {
		t.Fatalf("history has %d lines, want one per record (%d):\n%s", len(lines), len(rs), buf.String())
	}
	return lines
}

func TestHistoryListsEveryVersionWithWhoAndMarksSuperseded(t *testing.T) {
	a, b, a2, c, v := chain(t)
	lines := historyLines(t, []Record{a, b, a2, c, v})
	for _, tt := range []struct {
		id, status, by string
		links          []string
	}{
		{a.ID, "superseded", "R Patel", []string{"superseded by " + a2.ID}},
		{b.ID, "completed", "S Okafor", nil},
		{a2.ID, "amended", "J Bloggs", []string{"supersedes " + a.ID}},
		{c.ID, "superseded", "R Patel", []string{"superseded by " + v.ID}},
		{v.ID, "entered-in-error", "M Ward", []string{"supersedes " + c.ID, "reason: wrong patient"}},
	} {
		l := lines[tt.id]
		if f := strings.Fields(l); f[3] != tt.status {
			t.Errorf("%s: status %q, want %q\n%s", tt.id, f[3], tt.status, l)
		}
		if !strings.Contains(l, tt.by) {
			t.Errorf("%s: does not say who made it (%s)\n%s", tt.id, tt.by, l)
		}
		for _, k := range tt.links {
			if !strings.Contains(l, k) {
				t.Errorf("%s: lacks %q\n%s", tt.id, k, l)
			}
		}
	}
}

// The change markers compare current assessments in the order they were
// first made: B (February) with A as amended (A2), never with the old A or
// with the voided C.
func TestHistoryComparesOnlyCurrentAssessmentsInOrderMade(t *testing.T) {
	a, b, a2, c, v := chain(t)
	lines := historyLines(t, []Record{a, b, a2, c, v})
	if !strings.Contains(lines[b.ID], "none (better)") {
		t.Errorf("B is not compared with the amended A:\n%s", lines[b.ID])
	}
	// A2 is the first assessment as amended: nothing before it to
	// compare with, though it was saved after B.
	for _, id := range []string{a.ID, a2.ID, c.ID, v.ID} {
		if strings.Contains(lines[id], "(better)") || strings.Contains(lines[id], "(worse)") {
			t.Errorf("%s should carry no change markers:\n%s", id, lines[id])
		}
	}
	// Once the void is gone from the list, C is current and is compared
	// with B.
	lines = historyLines(t, []Record{a, b, a2, c})
	if !strings.Contains(lines[c.ID], "significant (worse)") {
		t.Errorf("C is not compared with B:\n%s", lines[c.ID])
	}
}

func TestVersionsListTheChainAndWarnOnAnOldVersion(t *testing.T) {
	a, _, a2, _, _ := chain(t)
	var buf bytes.Buffer
	if err := WriteVersions(&buf, []Record{a, a2}, a.ID); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "SUPERSEDED: this is not the current version; the current version is "+a2.ID) {
		t.Errorf("an old version is not flagged first:\n%s", out)
	}
	for _, w := range []string{
		"1  " + a.Time.Local().Format("2006-01-02 15:04") + "  " + a.ID + "  completed         by R Patel (Ward 7)  superseded  <- shown",
		"2  " + a2.Time.Local().Format("2006-01-02 15:04") + "  " + a2.ID + "  amended           by J Bloggs (Ward 7)  current",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("versions lack %q:\n%s", w, out)
		}
	}
	buf.Reset()
	_ = WriteVersions(&buf, []Record{a, a2}, a2.ID)
	if strings.Contains(buf.String(), "SUPERSEDED") {
		t.Errorf("the current version is flagged as superseded:\n%s", buf.String())
	}
}

func TestVersionsOfAVoidedAssessmentSayWhy(t *testing.T) {
	_, _, _, c, v := chain(t)
	var buf bytes.Buffer
	_ = WriteVersions(&buf, []Record{c, v}, c.ID)
	out := buf.String()
	if !strings.Contains(out, "entered in error, reason: wrong patient; "+v.ID) || !strings.Contains(out, "current, reason: wrong patient") {
		t.Errorf("a void is not explained:\n%s", out)
	}
}

func TestHistoryKeepsControlCharactersOut(t *testing.T) {
	a, _, _, c, v := chain(t)
	a.Clinician = "Evil\x1b[2J\nName"
	v.VoidReason = "two\nlines\r"
	var buf bytes.Buffer
	_ = WriteHistory(&buf, []Record{a, c, v})
	_ = WriteVersions(&buf, []Record{c, v}, c.ID)
	if strings.ContainsAny(buf.String(), "\x1b\r") || strings.Count(buf.String(), "\n") != 4+4 {
		t.Errorf("control characters got through:\n%q", buf.String())
	}
}
