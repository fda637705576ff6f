package testkit

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/questionnaire"
	"digicheck/record"
)

// TestEndToEndTestsRunOnlyInThePlainRun: an end-to-end test is skipped
// exactly when the tests run under -race or -short.
func TestEndToEndTestsRunOnlyInThePlainRun(t *testing.T) {
	ran := false
	t.Run("end to end", func(t *testing.T) {
		EndToEnd(t)
		ran = true
	})
	if want := !Race && !testing.Short(); ran != want {
		t.Errorf("end-to-end test ran = %v, want %v (race %v, short %v)", ran, want, Race, testing.Short())
	}
}

// TestFHIRServerTestsRunOnlyOutsideTheRaceDetector: a test that drives
// the program through the local FHIR server is skipped exactly when the
// tests run under -race; -short keeps it.
func TestFHIRServerTestsRunOnlyOutsideTheRaceDetector(t *testing.T) {
	ran := false
	t.Run("through the FHIR server", func(t *testing.T) {
		FHIRServerEndToEnd(t)
		ran = true
	})
	if want := !Race; ran != want {
		t.Errorf("FHIR server test ran = %v, want %v (race %v, short %v)", ran, want, Race, testing.Short())
	}
}

func TestTheFixturesAreValidAssessments(t *testing.T) {
	for name, a := range map[string]questionnaire.Answers{
		"included":                 Included(nil),
		"offline":                  Offline(nil),
		"included, not wanting to": Included(questionnaire.Answers{questionnaire.LinkWant: {questionnaire.No}}),
		"full":                     Full(nil),
		"interpreter":              Interpreter(nil),
	} {
		if err := questionnaire.V1.Validate(a); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	inc := Assessed(t, Included(nil))
	for _, d := range questionnaire.Domains {
		if b := inc.Bands.Get(d); b != questionnaire.NoBarrier {
			t.Errorf("the included patient has %s in %s", b, d)
		}
	}
	full := Assessed(t, Full(nil))
	for _, d := range questionnaire.Domains {
		if b := full.Bands.Get(d); b == questionnaire.NoBarrier {
			t.Errorf("the full patient has no barrier in %s", d)
		}
	}
	if n := len(full.Recommendation.Referrals); n < 3 || len(full.Recommendation.Adjustments) == 0 {
		t.Errorf("the full patient has %d referrals and %d adjustments; tests of consent need three and an adjustment",
			n, len(full.Recommendation.Adjustments))
	}
	if off := Assessed(t, Offline(nil)); len(off.Recommendation.Referrals) < 2 {
		t.Errorf("the offline patient has %d referrals, tests of consent need two", len(off.Recommendation.Referrals))
	}
	if _, ok := Included(questionnaire.Answers{questionnaire.LinkChoice: nil})[questionnaire.LinkChoice]; ok {
		t.Error("a nil answer in the change does not remove the answer")
	}
}

// TestTheChangesAreTheCallers: each call makes a fresh answer set, so a
// test that changes its answers changes no other test's.
func TestTheChangesAreTheCallers(t *testing.T) {
	for name, make := range map[string]func(questionnaire.Answers) questionnaire.Answers{
		"included": Included, "offline": Offline, "full": Full, "interpreter": Interpreter,
	} {
		a := make(questionnaire.Answers{questionnaire.LinkWant: {questionnaire.No}})
		a[questionnaire.LinkAfford] = []string{"changed"}
		b := make(nil)
		if b.One(questionnaire.LinkWant) == questionnaire.No || b.One(questionnaire.LinkAfford) == "changed" {
			t.Errorf("%s: one test's change shows in the next answer set: %v", name, b)
		}
	}
}

// TestTamperingChangesOnlyTheValueEdited: TamperJSON rewrites the one
// value, and leaves the bucket's other keys as they were.
func TestTamperingChangesOnlyTheValueEdited(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	Tamper(t, path, func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("records"))
		if err != nil {
			return err
		}
		if err := b.Put([]byte("a"), []byte(`{"clinician":"R Patel"}`)); err != nil {
			return err
		}
		return b.Put([]byte("b"), []byte(`{"clinician":"A Okafor"}`))
	})
	TamperJSON(t, path, "records", "a", func(m *map[string]any) { (*m)["clinician"] = "Someone else" })
	got := map[string]string{}
	Tamper(t, path, func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("records")).ForEach(func(k, v []byte) error {
			got[string(k)] = string(v)
			return nil
		})
	})
	want := map[string]string{"a": `{"clinician":"Someone else"}`, "b": `{"clinician":"A Okafor"}`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after the edit: %v, want %v", got, want)
	}
}

// TestEveryPatientAnswersVersion2: each fixture patient, carried over to
// instrument version 2, is a valid set of its answers.
func TestEveryPatientAnswersVersion2(t *testing.T) {
	for name, a := range map[string]questionnaire.Answers{
		"Included": Included(nil), "Offline": Offline(nil), "Full": Full(nil), "Interpreter": Interpreter(nil),
		"BSL and text relay": Included(questionnaire.Answers{questionnaire.LinkCommNeeds: {questionnaire.NeedBSL, questionnaire.NeedTextRelay}}),
		"landline":           Included(questionnaire.Answers{questionnaire.LinkDevices: {questionnaire.DevLandline}}),
	} {
		if err := questionnaire.V2.Validate(V2(a)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestTheScriptedPatientsAreWhatTheInstrumentGives: each scripted patient's
// written-out result is what instrument version 2 works out for them, with
// every referral shown.
func TestTheScriptedPatientsAreWhatTheInstrumentGives(t *testing.T) {
	if len(ScriptedPatients) != 7 {
		t.Fatalf("%d scripted patients, want 7", len(ScriptedPatients))
	}
	for _, p := range ScriptedPatients {
		res, err := questionnaire.V2.AssessWith(p.Answers, questionnaire.National, questionnaire.Services{Video: p.Video})
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		p.Check(t, record.Record{Answers: p.Answers.Clone(), Result: res})
	}
}

// TestTheCarersPatientIsNeverSentToAPhoneOrSettingsOfHisOwn: the scripted
// patient cared for by his daughter, who has only a shared device, is
// offered the settings of that shared device only, and his handout has
// his daughter make each call.
func TestTheCarersPatientIsNeverSentToAPhoneOrSettingsOfHisOwn(t *testing.T) {
	p := ScriptedPatients[3]
	r := AssessedV2(t, p.Answers)
	for _, a := range r.Recommendation.Adjustments {
		if a.Code == "tech-access" && !strings.Contains(a.Text, "shared or borrowed device, not their own") {
			t.Errorf("%s: tech-access %q", p.Name, a.Text)
		}
	}
	h := record.HandoutWith(r, record.HandoutOptions{Team: "Ward 7", TeamPhone: "0113 496 0000"})
	flat := strings.Join(strings.Fields(h), " ")
	if strings.Contains(flat, "or call your GP practice.") || strings.Contains(flat, "If you have questions, call") {
		t.Errorf("%s: the handout has him make a call:\n%s", p.Name, h)
	}
	if !strings.Contains(flat, "the person who looks after you can call Ward 7 on 0113 496 0000") {
		t.Errorf("%s: the handout does not have his carer call the team:\n%s", p.Name, h)
	}
}
