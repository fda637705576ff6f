package assess

import (
	"strings"
	"testing"

	"digicheck/questionnaire"
	"digicheck/record"
)

// local is a patient known by a local hospital number: one that no run
// of ten digits catches.
var local = record.PatientID{Kind: record.LocalID, Value: "RX12345"}

// saysNotTheLocalNumber fails when a refusal says the patient's local
// number back.
func saysNotTheLocalNumber(t *testing.T, typed, msg string) {
	t.Helper()
	if strings.Contains(strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(msg)), "12345") {
		t.Errorf("%q: the refusal says the patient's number back: %q", typed, msg)
	}
}

// TestThePatientsOwnLocalNumberIsRefusedInTheTeamBox: the clinician box
// refused the patient's own local number ("RX12345"), but the team box
// took it, and it went out as a team in the pseudonymised exports and as
// a team row of the summary that is safe to share. The team is refused
// when it holds the patient's own identifier, in any case, spaced or
// dashed, alone or with words; another team with digits is taken.
func TestThePatientsOwnLocalNumberIsRefusedInTheTeamBox(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		team    string
		refused bool
	}{
		{"RX12345", true},
		{"rx12345", true},
		{"rx 12345", true},
		{"Ward RX-12345", true},
		{"RX12345 ward", true},
		{"Ward 5", false},
		{"RX1234 clinic", false}, // another number, not the patient's
		{"Ward RX123456", false},
		{"", false},
	} {
		s := start(t, options())
		err := s.SetPatient(local, "Dr Ada Test", c.team)
		if (err != nil) != c.refused {
			t.Errorf("team %q for patient %s: refused %v (%v), want %v", c.team, local, err != nil, err, c.refused)
			continue
		}
		if err == nil {
			continue
		}
		if !strings.Contains(err.Error(), "the patient's own number") {
			t.Errorf("team %q refused as %q: it does not say why", c.team, err)
		}
		saysNotTheLocalNumber(t, c.team, err.Error())
		if s.Team() == strings.TrimSpace(c.team) {
			t.Errorf("team %q refused but kept", c.team)
		}
	}
}

// TestThePatientsOwnLocalNumberIsRefusedWithTheLanguage: "Tigrinya
// RX12345" was taken as another language (a run of ten digits is refused,
// a local number was not), printed in the adjustments, the note and the
// handout, and written in the pseudonymised exports. Both front ends check
// a typed answer with Session.Check, and a section is completed with
// SetSection: both refuse it, never saying it back.
func TestThePatientsOwnLocalNumberIsRefusedWithTheLanguage(t *testing.T) {
	t.Parallel()
	for _, ins := range []*questionnaire.Instrument{questionnaire.V1, questionnaire.V2} {
		it, ok := ins.Item(questionnaire.LinkLanguage)
		if !ok || it.Type != questionnaire.Text {
			t.Fatalf("version %s has no language answered in words", ins.Version)
		}
		o := options()
		o.Instrument = ins
		s := start(t, o)
		if err := s.SetPatient(local, "Dr Ada Test", "Ward 5"); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			typed   string
			refused bool
		}{
			{"Tigrinya RX12345", true},
			{"tigrinya rx 12345", true},
			{"RX-12345 Tigrinya", true},
			{"Tigrinya", false},
			{"Kurdish (Sorani)", false},
		} {
			err := s.Check(it, []string{c.typed})
			if (err != nil) != c.refused {
				t.Errorf("v%s: %q: refused %v (%v), want %v", ins.Version, c.typed, err != nil, err, c.refused)
				continue
			}
			if err == nil {
				continue
			}
			if !strings.Contains(err.Error(), "the patient's own number") || !strings.Contains(err.Error(), "type the language alone") {
				t.Errorf("v%s: %q refused as %q: it does not say why and what to type", ins.Version, c.typed, err)
			}
			saysNotTheLocalNumber(t, c.typed, err.Error())
		}
	}
	s := start(t, options())
	if err := s.SetPatient(local, "Dr Ada Test", "Ward 5"); err != nil {
		t.Fatal(err)
	}
	a := answers.Clone()
	a[questionnaire.LinkLanguage] = []string{"Tigrinya RX12345"}
	refused := false
	for k := range s.Instrument().Sections {
		if err := s.SetSection(k, a); err != nil {
			refused = true
			if !strings.Contains(err.Error(), "the patient's own number") {
				t.Errorf("section %d refused as %v", k, err)
			}
		}
	}
	if !refused {
		t.Error("a section with the patient's own number in the language was completed")
	}
}

// TestThePatientsOwnLocalNumberIsRefusedInTheReasonNotTakenUp: the
// follow-up's "why not, in the patient's words" refuses the patient's own
// local number ("RX12345 was given twice"), as it refuses an NHS number.
func TestThePatientsOwnLocalNumberIsRefusedInTheReasonNotTakenUp(t *testing.T) {
	t.Parallel()
	prev := saved(t, answers)
	prev.Patient = local
	o := options()
	o.FollowUp = &prev
	s := start(t, o)
	if err := s.SetPatient(local, "Dr Ada Test", "Ward 5"); err != nil {
		t.Fatal(err)
	}
	agreed := s.OutcomeReferrals()[0].ProgrammeID
	for _, c := range []struct {
		why     string
		refused bool
	}{
		{"letter went to rx 12345 at the old address", true},
		{"RX12345", true},
		{"no bus", false},
	} {
		err := s.SetOutcomes([]record.ReferralOutcome{{ProgrammeID: agreed, Outcome: record.OutcomeNotTakenUp, Reason: c.why}})
		if (err != nil) != c.refused {
			t.Errorf("%q: refused %v (%v), want %v", c.why, err != nil, err, c.refused)
			continue
		}
		if err != nil {
			if !strings.Contains(err.Error(), "the patient's own number") {
				t.Errorf("%q refused as %q: it does not say why", c.why, err)
			}
			saysNotTheLocalNumber(t, c.why, err.Error())
		}
	}
}
