package record

import (
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"digicheck/questionnaire"
)

// assessedV2 builds a record from a real assessment with instrument
// version 2: the patient of assessed, as version 2 asks, with some
// answers changed.
func assessedV2(t *testing.T, change questionnaire.Answers) Record {
	t.Helper()
	r := assessed(t, nil)
	a := r.Answers
	a[questionnaire.LinkHelp] = []string{questionnaire.HelpSome}
	a[questionnaire.LinkPrintSize] = []string{"20"}
	a[questionnaire.LinkNHSApp] = []string{questionnaire.AppNo}
	a[questionnaire.LinkTechAccess] = []string{questionnaire.TechNone}
	a[questionnaire.LinkContactNeeds] = []string{questionnaire.ContactNone}
	a[questionnaire.LinkContactAvoid] = []string{questionnaire.AvoidNone}
	a[questionnaire.LinkRespondent] = []string{questionnaire.RespondentPatient}
	for k, v := range change {
		if v == nil {
			delete(a, k)
			continue
		}
		a[k] = v
	}
	res, err := questionnaire.V2.Assess(a, questionnaire.National)
	if err != nil {
		t.Fatalf("Assess: %v", err)
	}
	r.Answers, r.Result = a, res
	return r
}

// assessed builds a record from a real assessment.
func assessed(t *testing.T, change questionnaire.Answers) Record {
	t.Helper()
	a := questionnaire.Answers{
		questionnaire.LinkDevices:       {questionnaire.DevShared, questionnaire.DevBasicMob},
		questionnaire.LinkInternet:      {questionnaire.NetPublic},
		questionnaire.LinkAfford:        {"often"},
		questionnaire.LinkTasks:         {questionnaire.TaskText},
		questionnaire.LinkHelp:          {questionnaire.HelpSome},
		questionnaire.LinkWant:          {"with-help"},
		questionnaire.LinkWorry:         {"a-little"},
		questionnaire.LinkBadExperience: {questionnaire.No},
		questionnaire.LinkCommNeeds:     {questionnaire.NeedLargePrint},
		questionnaire.LinkReadingHelp:   {questionnaire.ReadNever},
		questionnaire.LinkChoice:        {string(questionnaire.RoutePhone)},
		questionnaire.LinkBenefits:      {questionnaire.Yes},
		questionnaire.LinkAgeBand:       {"75+"},
	}
	for k, v := range change {
		a[k] = v
	}
	res, err := questionnaire.V1.Assess(a, questionnaire.National)
	if err != nil {
		t.Fatalf("Assess: %v", err)
	}
	return Record{
		ID:        MustParseID("01890a5d-ac96-774b-bcce-b302099a8057"),
		Patient:   PatientID{NHSNumber, "9434765919"},
		Clinician: "R Patel",
		Team:      "Ward 7",
		Time:      time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC),
		Status:    Completed,
		Answers:   a,
		Result:    res,
	}
}

func TestNoteContainsTheRecord(t *testing.T) {
	r := assessed(t, nil)
	r.Recommendation.Referrals[0].Consent = questionnaire.Agreed
	r.Recommendation.Referrals[1].Consent = questionnaire.Declined
	note := NoteWith(r, NoteOptions{})

	want := []string{
		r.Time.Local().Format("2006-01-02"),
		"instrument v" + questionnaire.V1.Version,
		"943 476 5919",
		"R Patel",
		"Ward 7",
		"Access significant barrier",
		"Skills significant barrier",
		"Motivation some barrier",
		"Trust some barrier",
		"Contact by: Phone call",
		"Fallback: Letter",
		"Phone call (honoured)",
		"large print",
		r.Recommendation.Referrals[0].Name + ": agreed",
		r.Recommendation.Referrals[1].Name + ": declined",
		r.ID.String(),
	}
	for _, f := range r.Recommendation.Referrals[2:] {
		want = append(want, f.Name+": not asked")
	}
	for _, w := range want {
		if !strings.Contains(note, w) {
			t.Errorf("note does not contain %q:\n%s", w, note)
		}
	}
	if strings.Contains(note, "ENTERED IN ERROR") {
		t.Errorf("a completed record is marked entered in error:\n%s", note)
	}
}

// TestNoteNamesEveryBand checks each domain's band, for each band.
func TestNoteNamesEveryBand(t *testing.T) {
	for _, b := range []questionnaire.Band{questionnaire.NoBarrier, questionnaire.SomeBarrier, questionnaire.SignificantBarrier} {
		r := assessed(t, nil)
		r.Bands = questionnaire.Bands{Access: b, Skills: b, Motivation: b, Trust: b}
		note := NoteWith(r, NoteOptions{})
		for _, d := range questionnaire.Domains {
			if w := d.Title() + " " + b.String(); !strings.Contains(note, w) {
				t.Errorf("note does not contain %q:\n%s", w, note)
			}
		}
	}
}

func TestNoteRoutesAndChoice(t *testing.T) {
	tests := []struct {
		name   string
		change questionnaire.Answers
		want   []string
	}{
		{"no preference", questionnaire.Answers{questionnaire.LinkChoice: {questionnaire.ChoiceNone}},
			[]string{"Patient's choice: no preference"}},
		{"honoured", nil, []string{"Contact by: Phone call", "Patient's choice: Phone call (honoured)"}},
		// The screen's words, "not possible" or "used as well, not
		// first", then why: the note said "not honoured" of a choice that
		// was not possible.
		{"not possible", questionnaire.Answers{questionnaire.LinkChoice: {string(questionnaire.RouteApp)}},
			[]string{"Patient's choice: NHS App (not possible). Why: chose NHS App, not possible:", "shared or borrowed device"}},
		{"possible, another route first", questionnaire.Answers{questionnaire.LinkCommNeeds: {questionnaire.NeedCarer}},
			[]string{"Patient's choice: Phone call (used as well, not first). Why: asked for contact through their carer, which comes first; offer phone calls as well, as chosen."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			note := NoteWith(assessed(t, tt.change), NoteOptions{})
			for _, w := range tt.want {
				if !strings.Contains(note, w) {
					t.Errorf("note does not contain %q:\n%s", w, note)
				}
			}
		})
	}
}

func TestNoteListsEveryAdjustment(t *testing.T) {
	r := assessed(t, questionnaire.Answers{
		questionnaire.LinkCommNeeds: {questionnaire.NeedLargePrint, questionnaire.NeedEasyRead, questionnaire.NeedVerbal, questionnaire.NeedBSL,
			questionnaire.NeedInterpreter, questionnaire.NeedTextRelay, questionnaire.NeedScreenRead, questionnaire.NeedCarer},
		questionnaire.LinkLanguage:    {"Polish"},
		questionnaire.LinkReadingHelp: {questionnaire.ReadAlways},
	})
	note := NoteWith(r, NoteOptions{})
	if len(r.Recommendation.Adjustments) < 9 {
		t.Fatalf("only %d adjustments", len(r.Recommendation.Adjustments))
	}
	for _, a := range r.Recommendation.Adjustments {
		if !strings.Contains(note, a.Text) {
			t.Errorf("note does not contain adjustment %q:\n%s", a.Text, note)
		}
	}
	if !strings.Contains(note, "Polish") {
		t.Errorf("note does not name the interpreter language:\n%s", note)
	}
}

func TestNoteWithoutReferrals(t *testing.T) {
	r := assessed(t, nil)
	r.Recommendation.Referrals = nil
	if note := NoteWith(r, NoteOptions{}); !strings.Contains(note, "Referrals: none") {
		t.Errorf("note does not say no referrals were needed:\n%s", note)
	}
}

func TestNoteMarksEnteredInError(t *testing.T) {
	r := assessed(t, nil)
	r.Status = EnteredInError
	r.VoidReason = "wrong patient selected"
	note := NoteWith(r, NoteOptions{})
	if !strings.Contains(note, "ENTERED IN ERROR") || !strings.Contains(note, "wrong patient selected") {
		t.Errorf("note does not mark the record entered in error with its reason:\n%s", note)
	}
	// The mark comes before the result, so no one acts on it by mistake.
	if strings.Index(note, "ENTERED IN ERROR") > strings.Index(note, "Contact by:") {
		t.Errorf("entered-in-error mark comes after the routes:\n%s", note)
	}
}

// TestNoteIsPrintableAndKeepsEveryValue: the note keeps every value as the
// clinician typed it (which interpreter to book, who made the entry), in
// any script and with its accents; it stays printable, and a value never
// adds a line of its own.
func TestNoteIsPrintableAndKeepsEveryValue(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Record)
		keep   []string // values that must survive exactly as typed
		gone   []string // characters that must not reach the note
	}{
		{"plain", func(*Record) {}, nil, nil},
		{"accented names", func(r *Record) { r.Clinician = "Zoë Brontë"; r.Team = "Équipe São Paulo" }, []string{"By: Zoë Brontë (Équipe São Paulo)"}, nil},
		{"typographic punctuation", func(r *Record) { r.Team = "Ward 7 – Frailty’s “hub”…" }, []string{"Ward 7 – Frailty’s “hub”…"}, nil},
		{"accented interpreter language", func(r *Record) {
			*r = assessed(t, questionnaire.Answers{questionnaire.LinkCommNeeds: {questionnaire.NeedInterpreter}, questionnaire.LinkLanguage: {"Yorùbá"}})
		}, []string{"interpreter for Yorùbá"}, nil},
		{"interpreter language in another script", func(r *Record) {
			*r = assessed(t, questionnaire.Answers{questionnaire.LinkCommNeeds: {questionnaire.NeedInterpreter}, questionnaire.LinkLanguage: {"ትግርኛ"}})
			r.Clinician = "Dr 王芳"
		}, []string{"interpreter for ትግርኛ", "By: Dr 王芳"}, nil},
		{"right-to-left script", func(r *Record) { r.Clinician = "د. فاطمة" }, []string{"By: د. فاطمة"}, nil},
		{"void reason with a line break", func(r *Record) {
			r.Status = EnteredInError
			r.VoidReason = "wrong patient\nContact by: Letter"
		}, []string{"wrong patient"}, nil},
		{"line separators and controls in a name", func(r *Record) { r.Clinician = "Ann\u2028Contact by: Letter\u2029\u202eLee\x1b[2J" }, nil, []string{"\u2028", "\u2029", "\u202e", "\x1b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := assessed(t, nil)
			tt.change(&r)
			note := NoteWith(r, NoteOptions{})
			if !utf8.ValidString(note) {
				t.Fatalf("note is not valid UTF-8:\n%q", note)
			}
			for i, c := range note {
				if c == '\n' {
					continue
				}
				if !unicode.IsPrint(c) && c != ' ' {
					t.Fatalf("note has %q at byte %d:\n%s", c, i, note)
				}
			}
			if strings.Contains(note, "?") {
				t.Errorf("note has a \"?\" where a character was:\n%s", note)
			}
			for _, k := range tt.keep {
				if !strings.Contains(note, k) {
					t.Errorf("note does not contain %q:\n%s", k, note)
				}
			}
			for _, g := range tt.gone {
				if strings.Contains(note, g) {
					t.Errorf("note contains %q:\n%s", g, note)
				}
			}
			if n := strings.Count("\n"+note, "\nContact by:"); n != 1 {
				t.Errorf("note has %d 'Contact by:' lines; a field must not add lines:\n%s", n, note)
			}
		})
	}
}

// TestNoteOfAnAmendmentSaysWhatItReplaces: a pasted amendment note names
// the record it replaces, so two notes for one assessment are never read as
// two assessments; a void says which record it marks.
func TestNoteOfAnAmendmentSaysWhatItReplaces(t *testing.T) {
	r := assessed(t, nil)
	r.Status, r.Amends = Amended, MustParseID("0196f0c0-0000-7000-8000-00000000000a")
	if n := NoteWith(r, NoteOptions{}); !strings.Contains(n, "AMENDED: this note replaces the earlier note for record "+r.Amends.String()) {
		t.Errorf("amendment note:\n%s", n)
	}
	r.Status, r.VoidReason = EnteredInError, "wrong patient"
	if n := NoteWith(r, NoteOptions{}); !strings.Contains(n, "ENTERED IN ERROR: wrong patient") || !strings.Contains(n, "marks record "+r.Amends.String()) {
		t.Errorf("void note:\n%s", n)
	}
}

// TestNoteNamesTheDirectoryVersion: the note says which referral directory
// the referrals came from.
func TestNoteNamesTheDirectoryVersion(t *testing.T) {
	r := assessed(t, nil)
	if n := NoteWith(r, NoteOptions{}); r.DirectoryVersion == "" || !strings.Contains(strings.SplitN(n, "\n", 2)[0], "directory "+r.DirectoryVersion) {
		t.Errorf("directory version %q not in the note's first line:\n%s", r.DirectoryVersion, n)
	}
}

// TestNoteNamesReferralsNeverShown: referrals the clinician never opened
// are named apart from the referrals offered, never as answered.
func TestNoteNamesReferralsNeverShown(t *testing.T) {
	r := assessed(t, nil)
	rec := &r.Recommendation
	if len(rec.Referrals) < 4 {
		t.Fatalf("the sample has %d referrals; the test needs 4 or more", len(rec.Referrals))
	}
	for i := range rec.Referrals[:3] {
		rec.Referrals[i].Consent = questionnaire.Agreed
	}
	rec.Unshown = rec.Referrals[3:]
	rec.Referrals = rec.Referrals[:3]
	note := NoteWith(r, NoteOptions{})
	for _, f := range rec.Unshown {
		if strings.Contains(note, "- "+f.Name+":") {
			t.Errorf("a referral never shown is listed as answered:\n%s", note)
		}
	}
	if !strings.Contains(note, "Also suitable, not gone through or offered: "+rec.Unshown[0].Name) {
		t.Errorf("the note does not name the referrals never shown:\n%s", note)
	}
}

// TestTheNoteCarriesEachCodedNeedOnALineOfItsOwn: a version 2 record's
// coded needs and contact requirements are in the note as code and term,
// one per line, for the EHR's coded entry, and the needs with no published
// code are named in words, with no code.
func TestTheNoteCarriesEachCodedNeedOnALineOfItsOwn(t *testing.T) {
	r := assessedV2(t, questionnaire.Answers{
		questionnaire.LinkCommNeeds:    {questionnaire.NeedLargePrint, questionnaire.NeedScreenRead},
		questionnaire.LinkPrintSize:    {"24"},
		questionnaire.LinkContactNeeds: {questionnaire.ContactLetter},
		questionnaire.LinkContactAvoid: {questionnaire.AvoidPhone},
		questionnaire.LinkRespondent:   {questionnaire.RespondentCarer},
		// A phone call cannot be the choice of a patient who must not be phoned.
		questionnaire.LinkChoice: {string(questionnaire.RouteLetter)},
	})
	note := NoteWith(r, NoteOptions{})
	for _, key := range []string{questionnaire.ConceptNeedsAssessment, questionnaire.ConceptLargePrint24, questionnaire.ConceptContactLetter} {
		c, ok := questionnaire.ConceptFor(key)
		if !ok {
			t.Fatalf("no concept for %s", key)
		}
		if !strings.Contains(note, "\n"+c.Code+" "+c.Term+"\n") {
			t.Errorf("the note has no line %q:\n%s", c.Code+" "+c.Term, note)
		}
	}
	if !strings.Contains(note, "Needs with no published code: Uses a screen reader; Must not be contacted by phone calls.") {
		t.Errorf("the uncoded needs are not named:\n%s", note)
	}
	if !strings.Contains(note, "Answered by: A carer, for the patient.") {
		t.Errorf("the note does not say a carer answered:\n%s", note)
	}
	// A version 1 record's note is as it was: no coded lines.
	if v1 := NoteWith(assessed(t, nil), NoteOptions{}); strings.Contains(v1, "SNOMED") || strings.Contains(v1, "Answered by") {
		t.Errorf("a v1 note changed:\n%s", v1)
	}
}
