package assess

import (
	"strings"
	"testing"

	"digicheck/record"
)

// TestANumberTypedAsATeamOrClinicianIsRefusedWithoutBeingSaidBack: a
// team or clinician box holding the patient's number split by dots,
// slashes or underscores is refused, and no refusal of those boxes
// repeats what was typed: a box with no letter is refused in words of
// its own, as a box holding a number is.
func TestANumberTypedAsATeamOrClinicianIsRefusedWithoutBeingSaidBack(t *testing.T) {
	t.Parallel()
	p := record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	for _, typed := range []string{"943.476.5919", "Ward 943.476.5919", "W 943/476/5919", "Ward 943_476_5919", "943.476", "1"} {
		for name, check := range map[string]func(string) error{
			"team": func(s string) error {
				if err := CheckTeam(s); err != nil {
					return err
				}
				return CheckTeamOf(s, p)
			},
			"clinician": CheckClinician,
		} {
			err := check(typed)
			if err == nil {
				t.Errorf("%s %q was taken", name, typed)
				continue
			}
			if strings.Contains(err.Error(), typed) || strings.Contains(err.Error(), "943") {
				t.Errorf("%s %q: the refusal says it back: %v", name, typed, err)
			}
		}
	}
}
