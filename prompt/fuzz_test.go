package prompt

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

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
// twelve kept drafts.
//
//	go test -run x -fuzz FuzzPromptAnswers -fuzztime 30s ./prompt/
func FuzzPromptAnswers(f *testing.F) {
	n := len(expectedResultF(f).Recommendation.Referrals)
	f.Add([]byte(script + consentLines(n)))
	f.Add([]byte("D12\n" + script + consentLines(n)))
	f.Add([]byte("D11\n11\n12\n1\n1\n" + strings.Join(strings.Split(script, "\n")[9:], "\n") + consentLines(n)))
	f.Add([]byte("D1\n2\n1\n13\n"))
	f.Add([]byte("b\nb\n1\nq\n"))
	f.Add([]byte("2\nRX-1\n\x1b[2J\nnurse\n\n1 2 3 4 5 6 7\n"))
	f.Add([]byte("\ufeff1\r\n9434765919\r\n\r\n"))
	f.Add([]byte(script + strings.Repeat("3\n", n) + "2\nb\n1\n1\n" + script + consentLines(n)))
	f.Fuzz(func(t *testing.T, data []byte) {
		var s saver
		o := options(&s)
		if bytes.HasPrefix(data, []byte("D")) {
			data = data[1:]
			for i := range 12 {
				o.Drafts = append(o.Drafts, Resume{
					Label: fmt.Sprintf("Draft %d", i),
					Draft: draft(record.PatientID{Kind: record.LocalID, Value: fmt.Sprintf("RX-%d", i)}, "", "",
						firstTwoSections(), []string{"motivation", "", "nonesuch"}[i%3]),
					Discard: func() error { return nil },
				})
			}
		}
		var out bytes.Buffer
		_, err := Run(o, bytes.NewReader(data), &out)
		if err != nil && !errors.Is(err, ErrEndOfInput) && !errors.Is(err, ErrQuit) {
			t.Fatalf("run ended with %v", err)
		}
		if i := bytes.IndexFunc(out.Bytes(), func(r rune) bool { return r == 0x1b || r == 0x9b || r == '\r' }); i >= 0 {
			t.Fatalf("a control character in the output at %d: %q", i, out.Bytes()[max(0, i-40):min(out.Len(), i+40)])
		}
		for _, r := range s.saved {
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

func expectedResultF(f *testing.F) questionnaire.Result {
	res, err := questionnaire.V1.Assess(scriptAnswers, questionnaire.National)
	if err != nil {
		f.Fatal(err)
	}
	return res
}
