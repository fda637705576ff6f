package prompt

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
	"digicheck/record"
)

// FuzzPromptAnswers: plain prompts read whatever is typed or piped in.
// Whatever the lines are (too long, binary, control characters, commands
// at every step), Run must not panic or hang, must end only at the end of
// input or on q, must print no control sequence, and every record it saves
// must be one the clinician could have meant: a valid patient identifier,
// printable names, answers the instrument accepts with the result they
// give, and every referral answered. Input starting with D first offers
// twelve kept drafts; with A it amends a saved assessment, and with F it
// follows one up.
//
//	go test -run x -fuzz FuzzPromptAnswers -fuzztime 30s ./prompt/
func FuzzPromptAnswers(f *testing.F) {
	n := len(expectedResult(f).Recommendation.Referrals)
	f.Add([]byte(script + consentLines(n)))
	f.Add([]byte("D12\n" + script + consentLines(n)))
	f.Add([]byte("D12\n12\n13\n2\n3\n" + strings.Join(strings.Split(script, "\n")[9:], "\n") + consentLines(n)))
	f.Add([]byte("D2\n2\n1\n14\n"))
	f.Add([]byte("b\nb\n1\nq\n"))
	f.Add([]byte("2\nRX-1\n\x1b[2J\nnurse\n\n1 2 3 4 5 6 7\n"))
	f.Add([]byte("\ufeff1\r\n9434765919\r\n\r\n"))
	f.Add([]byte(script + strings.Repeat("3\n", n) + "2\nb\n1\n1\n" + script + consentLines(n)))
	f.Add([]byte("A\n\n5\n2\n\n\n1\n\n\n\n2\n1\n2\n"))
	f.Add([]byte("F\n\n3\nno bus\n" + strings.Repeat("2\n", n-1) + strings.Join(strings.Split(script, "\n")[4:], "\n") + consentLines(n)))
	f.Fuzz(func(t *testing.T, data []byte) {
		var s saver
		o := options(&s)
		if bytes.HasPrefix(data, []byte("D")) {
			data = data[1:]
			o.DraftsFromInput = true
			for i := range 12 {
				o.Drafts = append(o.Drafts, Resume{
					Label: fmt.Sprintf("Draft %d", i),
					Draft: draft(record.PatientID{Kind: record.LocalID, Value: fmt.Sprintf("RX-%d", i)}, "", "",
						firstTwoSections(), []string{"motivation", "", "nonesuch"}[i%3]),
					Discard: func() error { return nil },
				})
			}
		}
		base := saved(t)
		switch {
		case bytes.HasPrefix(data, []byte("A")):
			data, o.Amend, o.AmendReason = data[1:], &base, "fuzz"
		case bytes.HasPrefix(data, []byte("F")):
			data, o.FollowUp = data[1:], &base
		}
		var out bytes.Buffer
		_, err := Run(o, bytes.NewReader(data), &out)
		if err != nil && !errors.Is(err, ErrEndOfInput) && !errors.Is(err, ErrQuit) && !errors.Is(err, ErrAnswerNotTaken) {
			t.Fatalf("run ended with %v", err)
		}
		if i := bytes.IndexFunc(out.Bytes(), func(r rune) bool { return r == 0x1b || r == 0x9b || r == '\r' }); i >= 0 {
			t.Fatalf("a control character in the output at %d: %q", i, out.Bytes()[max(0, i-40):min(out.Len(), i+40)])
		}
		for i, r := range s.saved {
			if id, err := record.NewPatientID(r.Patient.Kind, r.Patient.Value); err != nil || id != r.Patient {
				t.Fatalf("saved patient %+v: %v", r.Patient, err)
			}
			if questionnaire.CheckText(r.Clinician) != nil || questionnaire.CheckText(r.Team) != nil || r.Clinician == "" {
				t.Fatalf("saved names %q %q", r.Clinician, r.Team)
			}
			res, err := questionnaire.V1.Assess(r.Answers, questionnaire.National)
			if err != nil {
				t.Fatalf("saved answers the instrument refuses: %v\n%v", err, r.Answers)
			}
			if res.Bands != r.Bands || res.Recommendation.Primary != r.Recommendation.Primary {
				t.Fatalf("saved result %+v is not what the answers give, %+v", r.Result, res)
			}
			// The first assessment is the amendment or follow-up asked for;
			// any after it is a new one.
			linked := (o.Amend == nil || r.Amends == o.Amend.ID) && (o.FollowUp == nil || r.FollowsUp == o.FollowUp.ID)
			if i == 0 && (!linked || (o.Amend != nil || o.FollowUp != nil) && r.Patient != base.Patient) {
				t.Fatalf("saved record %s is not linked to %s, or is of another patient", r.ID, base.ID)
			}
			for _, ref := range r.Recommendation.Referrals {
				switch ref.Consent {
				case questionnaire.Agreed, questionnaire.Declined, questionnaire.NotDiscussed:
				default:
					t.Fatalf("referral %s saved with consent %q", ref.ProgrammeID, ref.Consent)
				}
			}
		}
	})
}

// saved is the script's assessment as saved, every referral agreed.
func saved(t *testing.T) record.Record {
	res := expectedResult(t)
	for i := range res.Recommendation.Referrals {
		res.Recommendation.Referrals[i].Consent = questionnaire.Agreed
	}
	return record.Record{ID: record.MustParseID("0190a1b2-0000-7000-8000-0000000000bb"), Patient: record.PatientID{Kind: record.NHSNumber, Value: "9434765919"},
		Clinician: "jsmith", Status: record.Completed, Time: time.Date(2026, 10, 21, 10, 0, 0, 0, time.UTC), Answers: scriptAnswers.Clone(), Result: res}
}
