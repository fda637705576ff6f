package store

import (
	"testing"

	"digicheck/record"
)

// TestForgettingWhatTheServerLostForgetsItsQuestionnairesOnlyThen: both
// ways of forgetting what the server accepted (whole assessments, or
// versions alone) forget the versions named and no others, and the
// Questionnaires the server accepted with them (a push then reads each
// back before relying on it); forgetting nothing the server accepted
// leaves the Questionnaires noted.
func TestForgettingWhatTheServerLostForgetsItsQuestionnairesOnlyThen(t *testing.T) {
	const canonical = "https://example.nhs.uk/Questionnaire/dic|1.0.0"
	for _, how := range []string{"assessments", "versions"} {
		t.Run(how, func(t *testing.T) {
			s := openTemp(t)
			a, b := save(t, s, assessed(t, "9434765919")), save(t, s, assessed(t, "9434765870"))
			if err := s.MarkPushed(testServer, []Pushed{{Record: a.ID, Assessment: a.ID, Version: "1"}, {Record: b.ID, Assessment: b.ID, Version: "1"}}); err != nil {
				t.Fatal(err)
			}
			if err := s.MarkQuestionnairePushed(testServer, canonical, "1"); err != nil {
				t.Fatal(err)
			}
			forget := func(id record.ID) int {
				t.Helper()
				var n int
				var err error
				if how == "assessments" {
					n, err = s.ForgetPushed(testServer, []record.ID{id})
				} else {
					n, err = s.ForgetPushedVersions(testServer, []record.ID{id})
				}
				if err != nil {
					t.Fatal(err)
				}
				return n
			}
			never, err := record.NewID()
			if err != nil {
				t.Fatal(err)
			}
			if n := forget(never); n != 0 {
				t.Fatalf("forgetting a record never accepted forgot %d versions", n)
			}
			if _, ok, err := s.QuestionnairePushed(testServer, canonical); err != nil || !ok {
				t.Fatalf("forgetting nothing forgot the Questionnaire (%v)", err)
			}
			if n := forget(a.ID); n != 1 {
				t.Fatalf("forgot %d versions of %s, want 1", n, a.ID)
			}
			if _, ok, err := s.QuestionnairePushed(testServer, canonical); err != nil || ok {
				t.Errorf("the Questionnaire is still noted as accepted after versions were forgotten (%v)", err)
			}
			if _, ok, _ := s.PushedVersion(testServer, a.ID); ok {
				t.Errorf("%s is still noted as accepted", a.ID)
			}
			if _, ok, _ := s.PushedVersion(testServer, b.ID); !ok {
				t.Errorf("%s, not named, was forgotten", b.ID)
			}
		})
	}
}
