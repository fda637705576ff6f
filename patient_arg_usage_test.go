package main

import (
	"strings"
	"testing"
)

// A patient given on the command line that is no patient number (a digit
// mistyped, so the NHS number's check digit is wrong) is the command line
// refused before anything is read: history and followup ended 1, the
// status of a failure, where the exit codes say a refused command line
// ends 2.
func TestAWrongPatientNumberGivenAsAnArgumentIsAUsageError(t *testing.T) {
	path, _ := storeWith(t, 1)
	for _, cmd := range []string{"history", "followup"} {
		_, errs, err := runCLI(t, nil, "", "--db", path, cmd, "1234567890")
		if err == nil || !strings.Contains(err.Error(), "check digit") {
			t.Fatalf("%s 1234567890 (a wrong check digit) = %v\n%s", cmd, err, errs)
		}
		if got := exitStatus(err); got != 2 {
			t.Errorf("%s of a wrong NHS number exits %d; want 2, a refused command line", cmd, got)
		}
	}
}
