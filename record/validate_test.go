package record

import (
	"errors"
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
)

// Each rule of a record by itself, at its boundary: one record just
// inside it (want "") and one just outside (want names the finding). The
// record changed is one the assessment made, so only the change decides.
func TestValidateEachRuleAtItsBoundary(t *testing.T) {
	v1 := questionnaire.V1
	earlier := MustParseID("01890a5d-0000-7000-8000-000000000001")
	outcome := func(programme, code, why string) ReferralOutcome {
		return ReferralOutcome{ProgrammeID: programme, Outcome: code, Reason: why}
	}
	for _, tt := range []struct {
		name   string
		change func(r *Record)
		ins    *questionnaire.Instrument
		want   string
	}{
		// The id.
		{"id a UUIDv7", func(r *Record) {}, v1, ""},
		{"no id", func(r *Record) { r.ID = ID{} }, v1, "it has no id"},
		{"id a UUIDv4", func(r *Record) { r.ID = MustParseID("01890a5d-ac96-474b-bcce-b302099a8057") }, v1, "not a UUIDv7"},
		{"id a UUIDv7 of another variant", func(r *Record) { r.ID = MustParseID("01890a5d-ac96-774b-ccce-b302099a8057") }, v1, "not a UUIDv7"},

		// The patient.
		{"a local number", func(r *Record) { r.Patient = PatientID{LocalID, "A1"} }, v1, ""},
		{"no kind of identifier", func(r *Record) { r.Patient.Kind = "" }, v1, "no patient identifier"},
		{"no identifier", func(r *Record) { r.Patient.Value = "" }, v1, "no patient identifier"},
		{"a zero byte in the kind", func(r *Record) { r.Patient.Kind = "nhs\x00" }, v1, "zero byte"},
		{"a zero byte in the number", func(r *Record) { r.Patient.Value = "A\x001" }, v1, "zero byte"},

		// The time.
		{"the earliest time", func(r *Record) { r.Time = time.Time{}.Add(time.Nanosecond) }, v1, ""},
		{"no time", func(r *Record) { r.Time = time.Time{} }, v1, "it has no time"},

		// Typed text is printable.
		{"a clinician's name with accents", func(r *Record) { r.Clinician = "Zoë Ó Súilleabháin" }, v1, ""},
		{"a clinician's name with ESC", func(r *Record) { r.Clinician = "R\x1b[2JPatel" }, v1, "clinician: character 2"},
		{"a team with a right-to-left override", func(r *Record) { r.Team = "Ward \u202e7" }, v1, "team:"},
		{"an amendment reason with a tab", func(r *Record) {
			r.Status, r.Amends, r.AmendReason = Amended, earlier, "wrong\tanswer"
		}, v1, "reason for the amendment"},
		{"a void reason with a line break", func(r *Record) {
			r.Status, r.Amends, r.VoidReason = EnteredInError, earlier, "wrong\npatient"
		}, v1, "reason for the void"},

		// Status and the link it needs.
		{"completed, superseding nothing", func(r *Record) { r.Status = Completed }, v1, ""},
		{"completed, superseding a record", func(r *Record) { r.Amends = earlier }, v1, "status completed but it supersedes record " + earlier.String()},
		{"amended, superseding a record", func(r *Record) { r.Status, r.Amends = Amended, earlier }, v1, ""},
		{"amended, superseding nothing", func(r *Record) { r.Status = Amended }, v1, "status amended but it supersedes no record"},
		{"entered in error, with a reason", func(r *Record) {
			r.Status, r.Amends, r.VoidReason = EnteredInError, earlier, "wrong patient"
		}, v1, ""},
		{"entered in error, superseding nothing", func(r *Record) {
			r.Status, r.VoidReason = EnteredInError, "wrong patient"
		}, v1, "status entered-in-error but it supersedes no record"},
		{"entered in error, with a blank reason", func(r *Record) {
			r.Status, r.Amends, r.VoidReason = EnteredInError, earlier, " "
		}, v1, "entered in error, and only such a record, has a reason"},
		{"amended, with a reason for a void", func(r *Record) {
			r.Status, r.Amends, r.VoidReason = Amended, earlier, "wrong patient"
		}, v1, "entered in error, and only such a record, has a reason"},
		{"no status", func(r *Record) { r.Status = "" }, v1, `unknown status ""`},
		{"an unknown status", func(r *Record) { r.Status = "preliminary" }, v1, `unknown status "preliminary"`},
		{"superseding itself", func(r *Record) { r.Status, r.Amends = Amended, r.ID }, v1, "it supersedes itself"},
		{"following up itself", func(r *Record) { r.FollowsUp = r.ID }, v1, "it follows up itself"},

		// Referral outcomes.
		{"a follow-up with an outcome", func(r *Record) {
			r.FollowsUp, r.Outcomes = earlier, []ReferralOutcome{outcome("learn-my-way", OutcomeNotTakenUp, "no bus")}
		}, v1, ""},
		{"an outcome without a follow-up", func(r *Record) {
			r.Outcomes = []ReferralOutcome{outcome("learn-my-way", OutcomeHelped, "")}
		}, v1, "it records referral outcomes but follows up no assessment"},
		{"an unknown outcome", func(r *Record) {
			r.FollowsUp, r.Outcomes = earlier, []ReferralOutcome{outcome("learn-my-way", "maybe", "")}
		}, v1, "invalid referral outcome"},
		{"an outcome of no programme", func(r *Record) {
			r.FollowsUp, r.Outcomes = earlier, []ReferralOutcome{outcome(" ", OutcomeHelped, "")}
		}, v1, "no programme given"},
		{"outcomes of two programmes", func(r *Record) {
			r.FollowsUp, r.Outcomes = earlier, []ReferralOutcome{outcome("a", OutcomeHelped, ""), outcome("b", OutcomeHelped, "")}
		}, v1, ""},
		{"two outcomes of one programme", func(r *Record) {
			r.FollowsUp, r.Outcomes = earlier, []ReferralOutcome{outcome("a", OutcomeHelped, ""), outcome("a", OutcomeAttended, "")}
		}, v1, "two outcomes for a"},
		{"an outcome's reason with ESC", func(r *Record) {
			r.FollowsUp, r.Outcomes = earlier, []ReferralOutcome{outcome("a", OutcomeNotTakenUp, "no\x1b]bus")}
		}, v1, "the reason a was not taken up: character 3"},

		// Bands, routes and consents digicheck knows.
		{"the highest band", func(r *Record) { r.Bands.Access = questionnaire.SignificantBarrier }, v1, ""},
		{"a band above the highest", func(r *Record) { r.Bands.Access = questionnaire.SignificantBarrier + 1 }, v1, "access band 3"},
		{"the lowest band", func(r *Record) { r.Bands.Trust = questionnaire.NoBarrier }, v1, ""},
		{"a band below the lowest", func(r *Record) { r.Bands.Trust = questionnaire.NoBarrier - 1 }, v1, "trust band -1"},
		{"the last route", func(r *Record) { r.Recommendation.Primary = questionnaire.RouteCarer }, v1, ""},
		{"an unknown main route", func(r *Record) { r.Recommendation.Primary = "pigeon" }, v1, `unknown route "pigeon"`},
		{"an unknown fallback", func(r *Record) { r.Recommendation.Fallback = "fax" }, v1, `unknown route "fax"`},
		{"no choice", func(r *Record) { r.Recommendation.Choice = "" }, v1, ""},
		{"an unknown choice", func(r *Record) { r.Recommendation.Choice = "pager" }, v1, `unknown route "pager"`},
		{"a referral not discussed", func(r *Record) { r.Recommendation.Referrals[0].Consent = questionnaire.NotDiscussed }, v1, ""},
		{"a referral's unknown consent", func(r *Record) { r.Recommendation.Referrals[0].Consent = "maybe" }, v1, `unknown consent "maybe"`},

		// Answers, with the instrument of the record's version.
		{"a postcode district of four characters", func(r *Record) { reassess(t, r, questionnaire.LinkPostcodeDistrict, "SW1A") }, v1, ""},
		{"a postcode district of five characters", func(r *Record) {
			r.Answers[questionnaire.LinkPostcodeDistrict] = []string{"SW1AB"}
		}, v1, "at most 4 characters"},
		{"an optional question skipped", func(r *Record) { r.Answers[questionnaire.LinkAgeBand] = nil }, v1, ""},
		{"an answer to no question", func(r *Record) { r.Answers["equity.carer"] = []string{"yes"} }, v1, `no question "equity.carer" in instrument version 1`},
		{"an answer the question does not offer", func(r *Record) {
			r.Answers[questionnaire.LinkAgeBand] = []string{"101+"}
		}, v1, `"101+" is not an answer`},
		{"answers of a version not known", func(r *Record) { r.Answers["equity.carer"] = []string{"yes"} }, nil, ""},
		{"answers checked only with their own version", func(r *Record) { r.Answers["equity.carer"] = []string{"yes"} }, &questionnaire.Instrument{Version: "2"}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := assessed(t, nil)
			tt.change(&r)
			err := Validate(&r, tt.ins)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Validate = %v; want the record valid", err)
			case tt.want != "" && err == nil:
				t.Errorf("Validate passed; want %q", tt.want)
			case tt.want != "" && !strings.Contains(err.Error(), tt.want):
				t.Errorf("Validate = %v; want %q", err, tt.want)
			case tt.want != "" && !errors.Is(err, ErrInvalid):
				t.Errorf("Validate = %v, not ErrInvalid", err)
			}
		})
	}
}

// reassess sets an answer and works the result out again, as the
// assessment does.
func reassess(t *testing.T, r *Record, link string, vals ...string) {
	t.Helper()
	r.Answers[link] = vals
	res, err := questionnaire.V1.Assess(r.Answers, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	r.Result = res
}

// Every rule broken is listed, each once, so `check` can report each.
func TestValidateListsEveryProblem(t *testing.T) {
	r := assessed(t, nil)
	r.Patient = PatientID{}
	r.Time = time.Time{}
	r.Status = "preliminary"
	r.Answers["equity.carer"] = []string{"yes"}
	var ps Problems
	if !errors.As(Validate(&r, questionnaire.V1), &ps) {
		t.Fatalf("Validate did not return Problems")
	}
	want := []string{"no patient identifier", "no time", "unknown status", `no question "equity.carer"`}
	if len(ps) != len(want) {
		t.Fatalf("Problems = %v; want %d findings", ps, len(want))
	}
	for i, w := range want {
		if !strings.Contains(ps[i].Text, w) {
			t.Errorf("finding %d = %q; want %q", i, ps[i].Text, w)
		}
	}
	if Validate(nil, nil) == nil {
		t.Error("Validate(nil) passed")
	}
}

// The rules of what may be entered (printable text, answers the instrument
// allows) are marked Entry, so that check does not call a record an
// earlier digicheck saved damaged for breaking one; every other rule is
// not.
func TestOnlyRulesOfWhatMayBeEnteredAreMarkedEntry(t *testing.T) {
	for _, tt := range []struct {
		name   string
		change func(r *Record)
		entry  bool
	}{
		{"a clinician's name with ESC", func(r *Record) { r.Clinician = "R\x1bPatel" }, true},
		{"a patient number with a C1 control", func(r *Record) { r.Patient.Value = "A1\x9b" }, true},
		{"an outcome's reason with a line break", func(r *Record) {
			r.FollowsUp = MustParseID("01890a5d-0000-7000-8000-000000000001")
			r.Outcomes = []ReferralOutcome{{ProgrammeID: "a", Outcome: OutcomeNotTakenUp, Reason: "no\nbus"}}
		}, true},
		{"an answer to no question", func(r *Record) { r.Answers["equity.carer"] = []string{"yes"} }, true},
		{"a language answer too long", func(r *Record) {
			r.Answers[questionnaire.LinkLanguage] = []string{strings.Repeat("x", 41)}
		}, true},
		{"no id", func(r *Record) { r.ID = ID{} }, false},
		{"no patient identifier", func(r *Record) { r.Patient = PatientID{} }, false},
		{"no time", func(r *Record) { r.Time = time.Time{} }, false},
		{"an unknown status", func(r *Record) { r.Status = "preliminary" }, false},
		{"an unknown outcome", func(r *Record) {
			r.FollowsUp = MustParseID("01890a5d-0000-7000-8000-000000000001")
			r.Outcomes = []ReferralOutcome{{ProgrammeID: "a", Outcome: "maybe"}}
		}, false},
		{"an unknown route", func(r *Record) { r.Recommendation.Primary = "pigeon" }, false},
	} {
		r := assessed(t, nil)
		tt.change(&r)
		var ps Problems
		if !errors.As(Validate(&r, questionnaire.V1), &ps) || len(ps) != 1 {
			t.Errorf("%s: Validate = %v; want one finding", tt.name, ps)
			continue
		}
		if ps[0].Entry != tt.entry {
			t.Errorf("%s: %q marked Entry %v; want %v", tt.name, ps[0].Text, ps[0].Entry, tt.entry)
		}
	}
}
