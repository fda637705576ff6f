package record

import "testing"

// TestAPatientNumberWrittenWithUnicodeSpacesOrDashesIsFoundInFreeText: an
// NHS number copied from a letter or a web record system with no-break
// spaces between its groups ("943 476 5919" with U+00A0), or typed with a
// narrow no-break space or an en dash, is one number, as one with plain
// spaces or hyphens is: a void reason "wrong patient 943\u00a0476\u00a05919"
// was kept, and with it the patient's number in history and every export,
// though the same reason with plain spaces was refused. The number box has
// taken such spaces as spaces since 59e3252; free text now reads them so.
func TestAPatientNumberWrittenWithUnicodeSpacesOrDashesIsFoundInFreeText(t *testing.T) {
	for _, c := range []struct {
		name, in string
		nhs      bool
	}{
		{"plain spaces", "wrong patient 943 476 5919", true},
		{"no-break spaces", "wrong patient 943\u00a0476\u00a05919", true},
		{"narrow no-break spaces", "wrong patient 943\u202f476\u202f5919", true},
		{"thin spaces", "wrong patient 943\u2009476\u20095919", true},
		{"figure spaces", "wrong patient 943\u2007476\u20075919", true},
		{"en dashes", "wrong patient 943\u2013476\u20135919", true},
		{"non-breaking hyphens", "wrong patient 943\u2011476\u20115919", true},
		{"minus signs", "wrong patient 943\u2212476\u22125919", true},
		{"a phone number with no-break spaces", "call 0113\u00a0243\u00a03144", false},
	} {
		runs := PatientNumberRuns(c.in)
		if len(runs) != 1 {
			t.Errorf("%s: %q: %d runs of ten or more digits found, want 1", c.name, c.in, len(runs))
			continue
		}
		if runs[0].NHS != c.nhs {
			t.Errorf("%s: %q: read as an NHS number %v, want %v", c.name, c.in, runs[0].NHS, c.nhs)
		}
		if got := WithoutPatientNumbers(c.in); got == c.in {
			t.Errorf("%s: WithoutPatientNumbers(%q) left the number in", c.name, c.in)
		}
	}
	// Two numbers apart, with words between, stay two; a space alone
	// between words is no part of a run.
	if runs := PatientNumberRuns("943\u00a0476\u00a05919 and 401\u00a0023\u00a02137"); len(runs) != 2 {
		t.Errorf("two numbers with no-break spaces: %d runs, want 2", len(runs))
	}
	if runs := PatientNumberRuns("Ward\u00a07 and Ward\u00a08"); len(runs) != 0 {
		t.Errorf("words with no-break spaces: %d runs, want none", len(runs))
	}
}
