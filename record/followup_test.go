package record

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"digicheck/questionnaire"
)

// confident are the answers of a patient with no barrier in any domain who
// chooses the NHS App.
var confident = questionnaire.Answers{
	questionnaire.LinkDevices:       {questionnaire.DevSmartphone, questionnaire.DevComputer},
	questionnaire.LinkInternet:      {questionnaire.NetHome, questionnaire.NetMobile},
	questionnaire.LinkAfford:        {"never"},
	questionnaire.LinkTasks:         {questionnaire.TaskText, questionnaire.TaskEmail, questionnaire.TaskApp, questionnaire.TaskLogin, questionnaire.TaskForm, questionnaire.TaskVideo},
	questionnaire.LinkHelp:          {questionnaire.HelpNone},
	questionnaire.LinkWant:          {questionnaire.Yes},
	questionnaire.LinkWorry:         {"not"},
	questionnaire.LinkBadExperience: {questionnaire.No},
	questionnaire.LinkCommNeeds:     {questionnaire.NeedNone},
	questionnaire.LinkReadingHelp:   {questionnaire.ReadNever},
	questionnaire.LinkChoice:        {string(questionnaire.RouteApp)},
}

// followUp is a follow-up of first, a month later, with the given answers
// changed, and its change and outcomes filled in as the store does.
func followUp(t *testing.T, first Record, change questionnaire.Answers) Record {
	t.Helper()
	r := assessed(t, change)
	r.ID = MustParseID("01890a5d-ac96-774b-bcce-b302099a9999")
	r.Time = first.Time.AddDate(0, 1, 0)
	r.FollowsUp = first.ID
	c := Compare(first, r)
	r.Change = &c
	return r
}

func TestCompareEveryDomainAndRoute(t *testing.T) {
	first := assessed(t, nil)
	later := followUp(t, first, confident)
	c := Compare(first, later)
	if c.Since != first.ID || !c.SinceTime.Equal(first.Time) {
		t.Errorf("Since = %s at %v, want %s at %v", c.Since, c.SinceTime, first.ID, first.Time)
	}
	var domains []questionnaire.Domain
	for _, d := range c.Domains {
		domains = append(domains, d.Domain)
		if d.Was != first.Bands.Get(d.Domain) || d.Now != later.Bands.Get(d.Domain) {
			t.Errorf("%s: %v -> %v, want %v -> %v", d.Domain, d.Was, d.Now, first.Bands.Get(d.Domain), later.Bands.Get(d.Domain))
		}
	}
	if !slices.Equal(domains, questionnaire.Domains) {
		t.Errorf("domains %v, want every domain in reporting order %v", domains, questionnaire.Domains)
	}
	if c.Primary != (RouteChange{Was: first.Recommendation.Primary, Now: later.Recommendation.Primary}) ||
		c.Fallback != (RouteChange{Was: first.Recommendation.Fallback, Now: later.Recommendation.Fallback}) {
		t.Errorf("routes %+v / %+v", c.Primary, c.Fallback)
	}
	// The fixture must actually move: significant barriers to none, phone
	// to the NHS App.
	if c.Domains[0].Trend() != Better || !c.Primary.Changed() {
		t.Fatalf("fixture does not change: %+v", c)
	}
}

func TestTrendAtEveryPairOfBands(t *testing.T) {
	bands := []questionnaire.Band{questionnaire.NoBarrier, questionnaire.SomeBarrier, questionnaire.SignificantBarrier}
	for _, was := range bands {
		for _, now := range bands {
			want := Same
			if now < was {
				want = Better
			} else if now > was {
				want = Worse
			}
			if got := (DomainChange{Domain: questionnaire.Access, Was: was, Now: now}).Trend(); got != want {
				t.Errorf("%v -> %v: %v, want %v", was, now, got, want)
			}
		}
	}
}

func TestChangeLinesSayEachDomainAndRoute(t *testing.T) {
	first := assessed(t, nil)
	later := followUp(t, first, confident)
	got := Compare(first, later).Lines()
	want := []string{
		"Access: was significant barrier, now no barrier (better)",
		"Skills: was significant barrier, now no barrier (better)",
		"Motivation: was some barrier, now no barrier (better)",
		"Trust: was some barrier, now no barrier (better)",
		"Contact by: was Phone call, now NHS App",
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("lines lack %q:\n%s", w, strings.Join(got, "\n"))
		}
	}
	same := Compare(first, first).Lines()
	if len(same) != 6 || !strings.HasSuffix(same[0], "(no change)") || same[4] != "Contact by: Phone call (no change)" {
		t.Errorf("unchanged lines = %q", same)
	}
}

func TestReferralOutcomeValidate(t *testing.T) {
	for _, o := range []ReferralOutcome{
		{ProgrammeID: "learn-my-way", Outcome: OutcomeAttended},
		{ProgrammeID: "learn-my-way", Outcome: OutcomeHelped},
		{ProgrammeID: "learn-my-way", Outcome: OutcomeNotTakenUp, Reason: "no bus"},
	} {
		if err := o.Validate(); err != nil {
			t.Errorf("%+v: %v", o, err)
		}
	}
	for _, o := range []ReferralOutcome{
		{ProgrammeID: "", Outcome: OutcomeHelped},
		{ProgrammeID: "  ", Outcome: OutcomeHelped},
		{ProgrammeID: "learn-my-way", Outcome: ""},
		{ProgrammeID: "learn-my-way", Outcome: "Helped"},
		{ProgrammeID: "learn-my-way", Outcome: "declined"},
	} {
		if err := o.Validate(); !errors.Is(err, ErrOutcome) {
			t.Errorf("%+v: %v, want ErrOutcome", o, err)
		}
	}
}

func TestNoteOfAFollowUpShowsTheChangeAndOutcomes(t *testing.T) {
	first := assessed(t, nil)
	later := followUp(t, first, confident)
	later.Outcomes = []ReferralOutcome{
		{ProgrammeID: "learn-my-way", Name: "Learn My Way", Outcome: OutcomeHelped},
		{ProgrammeID: "social-tariffs", Name: "Social tariff", Outcome: OutcomeNotTakenUp, Reason: "cost still too high"},
	}
	note := NoteWith(later, NoteOptions{})
	for _, w := range []string{
		"Change since the check of " + first.Time.Local().Format("2006-01-02") + " (record " + first.ID.String() + ")",
		"- Access: was significant barrier, now no barrier (better)",
		"- Contact by: was Phone call, now NHS App",
		"Earlier referrals:",
		"- Learn My Way: attended, and it helped",
		"- Social tariff: not taken up (cost still too high)",
	} {
		if !strings.Contains(note, w) {
			t.Errorf("note lacks %q:\n%s", w, note)
		}
	}
	// The record id stays the last line, where a clinician looks for it.
	if !strings.HasSuffix(note, "Record id: "+later.ID.String()+"\n") {
		t.Errorf("note does not end with the record id:\n%s", note)
	}
	if n := strings.Count("\n"+note, "\nContact by:"); n != 1 {
		t.Errorf("the change added a second 'Contact by:' line at the start of a line:\n%s", note)
	}
}

func TestNoteOfAFirstAssessmentHasNoChange(t *testing.T) {
	note := NoteWith(assessed(t, nil), NoteOptions{})
	if strings.Contains(note, "Change since") || strings.Contains(note, "Follows up") || strings.Contains(note, "Earlier referrals") {
		t.Errorf("a first assessment's note talks of a change:\n%s", note)
	}
}

// A follow-up not yet compared (the store fills Change at save) still says
// what it follows up rather than nothing.
func TestNoteOfAFollowUpWithoutChangeNamesTheEarlierRecord(t *testing.T) {
	r := assessed(t, nil)
	r.FollowsUp = MustParseID("01890a5d-0000-7000-8000-000000000001")
	if note := NoteWith(r, NoteOptions{}); !strings.Contains(note, "Follows up record "+r.FollowsUp.String()) {
		t.Errorf("note does not name the record followed up:\n%s", note)
	}
}

// TestFollowUpNoteKeepsNamesAsTyped: an outcome's programme name keeps its
// accents and punctuation, and a reason with a line break adds no line.
func TestFollowUpNoteKeepsNamesAsTyped(t *testing.T) {
	first := assessed(t, nil)
	later := followUp(t, first, confident)
	later.Outcomes = []ReferralOutcome{{ProgrammeID: "x", Name: "Café “Digital” – Zoë’s", Outcome: OutcomeNotTakenUp, Reason: "line\nContact by: Letter"}}
	later.Change.SinceTime = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	note := NoteWith(later, NoteOptions{})
	for i, c := range note {
		if c != '\n' && !unicode.IsPrint(c) && c != ' ' {
			t.Fatalf("note has %q at byte %d:\n%s", c, i, note)
		}
	}
	if !strings.Contains(note, "Café “Digital” – Zoë’s") {
		t.Errorf("name not kept as typed:\n%s", note)
	}
	if n := strings.Count("\n"+note, "\nContact by:"); n != 1 {
		t.Errorf("a reason with a line break added a line:\n%s", note)
	}
}

// TestAFollowUpWithVersion2OfAVersion1BaselineComparesWhatBothShare: the
// domains both versions band alike (skills, trust) are compared; access and
// motivation, which version 2 scores differently, are said not to be, with
// why, and never counted as no change.
func TestAFollowUpWithVersion2OfAVersion1BaselineComparesWhatBothShare(t *testing.T) {
	first := assessed(t, nil) // version 1: some access, skills, motivation barriers
	later := assessedV2(t, questionnaire.Answers{questionnaire.LinkTasks: {questionnaire.TaskText, questionnaire.TaskEmail, questionnaire.TaskApp, questionnaire.TaskLogin}})
	c := Compare(first, later)
	want := map[questionnaire.Domain]Trend{
		questionnaire.Access: NotCompared, questionnaire.Skills: Better,
		questionnaire.Motivation: NotCompared, questionnaire.Trust: Same,
	}
	for _, d := range c.Domains {
		if got := d.Trend(); got != want[d.Domain] {
			t.Errorf("%s: %v (%q), want %v", d.Domain, got, d.NotCompared, want[d.Domain])
		}
	}
	lines := strings.Join(c.Lines(), "\n")
	for _, s := range []string{
		`Access: significant barrier, not compared: the answers to "Internet" score differently in version 2 than in version 1`,
		"Skills: was significant barrier, now some barrier (better)",
		`Motivation: no barrier, not compared: the answers to "Wants online" score differently in version 2 than in version 1`,
		"Trust: some barrier (no change)",
	} {
		if !strings.Contains(lines, s) {
			t.Errorf("the change does not say %q:\n%s", s, lines)
		}
	}
	// Two version 1 records compare every domain, as they always did.
	for _, d := range Compare(first, followUp(t, first, confident)).Domains {
		if d.NotCompared != "" {
			t.Errorf("v1 to v1: %s not compared", d.Domain)
		}
	}
}

// TestAFollowUpAcrossVersionsDoesNotCompareSkillsScoredByOtherRules:
// version 2 does not count texting for a patient with no mobile phone
// (hazard H52); version 1 does. A follow-up with version 2 of a version 1
// baseline does not compare Skills for such a patient, and says why; at
// the boundary, a patient with a mobile phone has Skills compared.
func TestAFollowUpAcrossVersionsDoesNotCompareSkillsScoredByOtherRules(t *testing.T) {
	first := assessed(t, nil) // version 1
	allButText := []string{questionnaire.TaskEmail, questionnaire.TaskApp, questionnaire.TaskLogin, questionnaire.TaskForm, questionnaire.TaskVideo}
	for _, tc := range []struct {
		name     string
		devices  []string
		compared bool
	}{
		{"a tablet, no mobile", []string{questionnaire.DevComputer}, false},
		{"a tablet and a basic mobile", []string{questionnaire.DevComputer, questionnaire.DevBasicMob}, true},
	} {
		later := assessedV2(t, questionnaire.Answers{questionnaire.LinkDevices: tc.devices, questionnaire.LinkInternet: {questionnaire.NetHome},
			questionnaire.LinkTasks: allButText})
		var skills DomainChange
		for _, d := range Compare(first, later).Domains {
			if d.Domain == questionnaire.Skills {
				skills = d
			}
		}
		if (skills.NotCompared == "") != tc.compared {
			t.Errorf("%s: Skills compared %v (%q), want %v", tc.name, skills.NotCompared == "", skills.NotCompared, tc.compared)
		}
		if !tc.compared && !strings.Contains(skills.NotCompared, `version 2 does not count "read and reply to a text message" for this patient`) {
			t.Errorf("%s: why %q", tc.name, skills.NotCompared)
		}
	}
}
