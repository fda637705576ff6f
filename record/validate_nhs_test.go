package record

import (
	"errors"
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// One bit flipped in a kept draft turned its NHS number 4481218215 into
// 4481218214, which fails the Modulus 11 check digit; the draft was
// resumed and saved as an assessment under it, so it could be neither
// looked up by history nor matched to the patient in the EHR. A record
// whose NHS number fails its check digit is invalid, whatever made it.
func TestValidateRefusesAnNHSNumberThatFailsItsCheckDigit(t *testing.T) {
	for _, tt := range []struct{ name, value, want string }{
		{"a sound number", "4481218215", ""},
		{"the check digit one off", "4481218214", "check digit"},
		{"nine digits", "448121821", "10 digits"},
		{"a letter among the digits", "44812182l5", "NHS number"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := assessed(t, nil)
			r.Patient = PatientID{Kind: NHSNumber, Value: tt.value}
			err := Validate(&r, questionnaire.V1)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Validate = %v; want the record valid", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Validate = %v; want it refused with %q", err, tt.want)
			case tt.want != "" && !errors.Is(err, ErrInvalid):
				t.Errorf("Validate = %v, not ErrInvalid", err)
			}
			var ps Problems
			if errors.As(err, &ps) {
				for _, p := range ps {
					if p.Entry {
						t.Errorf("%q is marked a rule of what may be entered, which check does not report as damage", p.Text)
					}
				}
			}
		})
	}
}
