package record

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

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
	a.ID, a.Time = MustParseID("01900000-0000-7000-8000-00000000000a"), at(1)
	b = assessed(t, confident)
	b.ID, b.Time, b.Clinician = MustParseID("01900000-0000-7000-8000-00000000000b"), at(2), "S Okafor"
	a2 = assessed(t, questionnaire.Answers{questionnaire.LinkWant: {questionnaire.No}})
	a2.ID, a2.Time, a2.Status, a2.Amends, a2.Clinician = MustParseID("01900000-0000-7000-8000-0000000000a2"), at(3), Amended, a.ID, "J Bloggs"
	c = assessed(t, nil)
	c.ID, c.Time = MustParseID("01900000-0000-7000-8000-00000000000c"), at(4)
	v = c
	v.ID, v.Time, v.Status, v.Amends, v.VoidReason, v.Clinician = MustParseID("01900000-0000-7000-8000-0000000000c2"), at(5), EnteredInError, c.ID, "wrong patient", "M Ward"
	return
}

// historyLines returns each record's entry in the history, by full id:
// its first line and the indented lines under it.
func historyLines(t *testing.T, rs []Record) map[string]string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteHistory(&buf, rs, nil); err != nil {
		t.Fatal(err)
	}
	full := map[string]string{}
	for _, r := range rs {
		full[r.ID.String()] = r.ID.String()
		for _, o := range rs {
			if o.ID != r.ID && strings.HasPrefix(o.ID.String(), r.ID.String()) {
				t.Fatalf("test ids %s and %s cannot be told apart", r.ID, o.ID)
			}
		}
	}
	lines := map[string]string{}
	id := ""
	for _, l := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")[1:] {
		if strings.HasPrefix(l, "  ") {
			lines[id] += "\n" + l
			continue
		}
		id = ""
		for _, r := range rs {
			if strings.HasPrefix(r.ID.String(), strings.Fields(l)[2]) {
				id = r.ID.String()
			}
		}
		if id == "" {
			t.Fatalf("history line names no record given:\n%s", l)
		}
		lines[id] = l
	}
	if len(lines) != len(rs) {
		t.Fatalf("history has %d entries, want one per record (%d):\n%s", len(lines), len(rs), buf.String())
	}
	return lines
}

func TestHistoryListsEveryVersionWithWhoAndMarksSuperseded(t *testing.T) {
	a, b, a2, c, v := chain(t)
	lines := historyLines(t, []Record{a, b, a2, c, v})
	short := ShortIDs([]ID{a.ID, b.ID, a2.ID, c.ID, v.ID})
	for _, tt := range []struct {
		id, status, by string
		links          []string
	}{
		{a.ID.String(), "superseded", "R Patel", []string{"superseded by " + short[a2.ID]}},
		{b.ID.String(), "completed", "S Okafor", nil},
		{a2.ID.String(), "amended", "J Bloggs", []string{"supersedes " + short[a.ID]}},
		{c.ID.String(), "superseded", "R Patel", []string{"superseded by " + short[v.ID]}},
		{v.ID.String(), "entered-in-error", "M Ward", []string{"supersedes " + short[c.ID], "entered in error because: wrong patient"}},
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
	if !strings.Contains(lines[b.ID.String()], "none (better)") {
		t.Errorf("B is not compared with the amended A:\n%s", lines[b.ID.String()])
	}
	// A2 is the first assessment as amended: nothing before it to
	// compare with, though it was saved after B.
	for _, id := range []string{a.ID.String(), a2.ID.String(), c.ID.String(), v.ID.String()} {
		if strings.Contains(lines[id], "(better)") || strings.Contains(lines[id], "(worse)") {
			t.Errorf("%s should carry no change markers:\n%s", id, lines[id])
		}
	}
	// Once the void is gone from the list, C is current and is compared
	// with B.
	lines = historyLines(t, []Record{a, b, a2, c})
	if !strings.Contains(lines[c.ID.String()], "significant (worse)") {
		t.Errorf("C is not compared with B:\n%s", lines[c.ID.String()])
	}
}

func TestVersionsListTheChainAndWarnOnAnOldVersion(t *testing.T) {
	a, _, a2, _, _ := chain(t)
	var buf bytes.Buffer
	if err := WriteVersionsAside(&buf, []Record{a, a2}, a.ID, nil); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "SUPERSEDED: this is not the current version; the current version is "+a2.ID.String()) {
		t.Errorf("an old version is not flagged first:\n%s", out)
	}
	for _, w := range []string{
		"1  " + a.Time.Local().Format("2006-01-02 15:04") + "  " + a.ID.String() + "  completed         by R Patel (Ward 7)  superseded (this is the version printed above)",
		"2  " + a2.Time.Local().Format("2006-01-02 15:04") + "  " + a2.ID.String() + "  amended           by J Bloggs (Ward 7)  current",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("versions lack %q:\n%s", w, out)
		}
	}
	buf.Reset()
	_ = WriteVersionsAside(&buf, []Record{a, a2}, a2.ID, nil)
	if strings.Contains(buf.String(), "SUPERSEDED") {
		t.Errorf("the current version is flagged as superseded:\n%s", buf.String())
	}
}

func TestVersionsOfAVoidedAssessmentSayWhy(t *testing.T) {
	_, _, _, c, v := chain(t)
	var buf bytes.Buffer
	_ = WriteVersionsAside(&buf, []Record{c, v}, c.ID, nil)
	out := buf.String()
	if !strings.Contains(out, "entered in error because: wrong patient; "+v.ID.String()) || !strings.Contains(out, "current, entered in error because: wrong patient") {
		t.Errorf("a void is not explained:\n%s", out)
	}
}

func TestHistoryKeepsControlCharactersOut(t *testing.T) {
	a, _, _, c, v := chain(t)
	a.Clinician = "Evil\x1b[2J\nName"
	a.Team = "Ward\u202e7"
	v.VoidReason = "two\nlines\r"
	var buf bytes.Buffer
	_ = WriteHistory(&buf, []Record{a, c, v}, nil)
	_ = WriteVersionsAside(&buf, []Record{c, v}, c.ID, nil)
	out := buf.String()
	if strings.ContainsAny(out, "\x1b\r\u202e") {
		t.Errorf("control characters got through:\n%q", out)
	}
	for _, want := range []string{`Evil\x1b[2J\x0aName`, `Ward\u202e7`, `two\x0alines\x0d`} {
		if !strings.Contains(out, want) {
			t.Errorf("the neutralised text %s is not shown:\n%s", want, out)
		}
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "Name") || strings.HasPrefix(l, "lines") {
			t.Errorf("a typed line break started a line of its own: %q", l)
		}
	}
}

// TestHistoryFitsEightyColumns: a history is read on an 80-column ward
// terminal, so no line of it may be wider, whatever the names, reasons and
// links it shows.
func TestHistoryFitsEightyColumns(t *testing.T) {
	a, b, a2, c, v := chain(t)
	b.Clinician = "Dr Alexandra Featherstonehaugh-Montgomery (Consultant Geriatrician)"
	b.Team = "Department of Medicine for Older People, Ward 7 (Elderly care)"
	a2.AmendReason = "the patient's daughter corrected the answers about devices and internet; she helps with the phone and the tablet and reads letters aloud"
	v.VoidReason = "wrong patient: " + strings.Repeat("averyveryverylongwordwithnobreaks", 4)
	f := assessed(t, nil)
	f.ID, f.Time, f.FollowsUp = MustParseID("01900000-0000-7000-8000-0000000000f1"), c.Time, b.ID
	f.Clinician = "黄志明 医生 (社区护理团队)"
	var buf bytes.Buffer
	if err := WriteHistory(&buf, []Record{a, b, a2, c, v, f}, nil); err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
		if w := ansi.StringWidth(l); w > HistoryWidth {
			t.Errorf("line %d is %d columns wide:\n%s", i+1, w, l)
		}
	}
	out := buf.String()
	for _, want := range []string{"Alexandra Featherstonehaugh-Montgomery", "reads letters aloud", "averyveryverylong", "黄志明", "follows up " + ShortIDs([]ID{a.ID, b.ID, a2.ID, c.ID, v.ID, f.ID})[b.ID]} {
		if !strings.Contains(strings.ReplaceAll(out, "\n  ", " "), want) && !strings.Contains(out, want) {
			t.Errorf("history lost %q while fitting 80 columns:\n%s", want, out)
		}
	}
	if !strings.Contains(out, "amended because: the patient's daughter") {
		t.Errorf("the reason for the amendment is not shown:\n%s", out)
	}
}

// TestHistoryShowsIDsShortButUnique: ids made within a minute share their
// first 8 characters, and within a millisecond their first 13, so history
// shows as much as tells them apart.
func TestHistoryShowsIDsShortButUnique(t *testing.T) {
	a := assessed(t, nil)
	b := assessed(t, nil)
	a.ID = MustParseID("019a1b2c-3d4e-7a00-8000-000000000001")
	b.ID = MustParseID("019a1b2c-3d4e-7b00-8000-000000000002")
	var buf bytes.Buffer
	if err := WriteHistory(&buf, []Record{a, b}, nil); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\n")
	for _, want := range []string{"019a1b2c-3d4e-7a", "019a1b2c-3d4e-7b"} {
		found := false
		for _, l := range lines {
			if f := strings.Fields(l); len(f) > 2 && f[2] == want {
				found = true
			}
		}
		if !found {
			t.Errorf("no record shown as %s:\n%s", want, buf.String())
		}
	}
	buf.Reset()
	_ = WriteHistory(&buf, []Record{a}, func(id ID) string { return id.String()[:8] })
	if f := strings.Fields(strings.Split(buf.String(), "\n")[1]); f[2] != "019a1b2c" {
		t.Errorf("the store's short id is not used: %v", f)
	}
}

func TestShowWordsEveryAnswerAsTheInstrumentDoes(t *testing.T) {
	r := assessed(t, questionnaire.Answers{
		// ticked in the reverse of the order offered
		questionnaire.LinkDevices: {questionnaire.DevBasicMob, questionnaire.DevShared},
	})
	for _, it := range questionnaire.V1.Items() {
		if strings.HasPrefix(it.LinkID, "equity.") {
			delete(r.Answers, it.LinkID)
		}
	}
	var b bytes.Buffer
	if err := WriteDetailWith(&b, r, questionnaire.V1, NoteOptions{}); err != nil {
		t.Fatal(err)
	}
	lang, _ := questionnaire.V1.Item(questionnaire.LinkLanguage)
	var equity string
	for _, s := range questionnaire.V1.Sections {
		if s.Optional {
			equity = s.Title
		}
	}
	for _, want := range []string{
		"A shared or borrowed device; A basic mobile for calls and texts\n",
		"  " + lang.Text + "\n    Not asked\n",
		"  " + equity + "\n    Not asked\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("show lacks %q:\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), "Which age group") {
		t.Errorf("a section skipped as a whole is listed question by question:\n%s", b.String())
	}
}
