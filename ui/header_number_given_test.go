package ui

import (
	"strings"
	"testing"
)

// headerLine is the first line of the screen: the header, naming the patient.
func headerLine(d *driver) string {
	return strings.TrimSpace(strings.SplitN(d.screen(), "\n", 2)[0])
}

// TestTheHeaderNamesTheNumberGivenWhileTheDetailsAreOpen: the number
// changed from the review and given, the clinician box came up under a
// header naming the new patient; esc back to the number box, still holding
// the new number, brought back the header of the patient before the change,
// and enter the new one again. While the details are open the header names
// one patient: the number last given there, back on its box too, and that
// of the review until a number is given.
func TestTheHeaderNamesTheNumberGivenWhileTheDetailsAreOpen(t *testing.T) {
	t.Parallel()
	d := newDriver(t, testOptions((&memStore{}).Save), 80, 24)
	toReviewWithLocal(d, "H100004")
	detailsFromReview(d)
	d.waitFor("Identifier")
	if h := headerLine(d); !strings.Contains(h, "Local H100004") {
		t.Fatalf("before a number is given the header names %q, want the patient of the review:\n%s", h, d.screen())
	}
	readThen(d, "enter")
	d.waitFor("Number", "> H100004")
	if h := headerLine(d); !strings.Contains(h, "Local H100004") {
		t.Fatalf("on the number box, before a number is given, the header names %q:\n%s", h, d.screen())
	}
	readThen(d)
	d.typeText("H100005")
	d.press("enter")
	d.waitFor("Patient: Local H100005", "Clinician")
	if h := headerLine(d); !strings.Contains(h, "Local H100005") {
		t.Fatalf("the header names %q, the number given is H100005:\n%s", h, d.screen())
	}
	readThen(d, "esc")
	d.waitFor("Number", "> H100005")
	if h := headerLine(d); !strings.Contains(h, "Local H100005") {
		t.Fatalf("back on the number box holding H100005 the header names %q, the number given there:\n%s", h, d.screen())
	}
	// Back on the identifier, still the number given.
	readThen(d, "esc")
	d.waitFor("Identifier")
	if h := headerLine(d); !strings.Contains(h, "Local H100005") {
		t.Fatalf("back on the identifier the header names %q, the number given is H100005:\n%s", h, d.screen())
	}
	readThen(d, "enter")
	d.waitFor("Number", "> H100005")
	readThen(d, "enter")
	d.waitFor("Clinician")
	if h := headerLine(d); !strings.Contains(h, "Local H100005") {
		t.Fatalf("the header names %q:\n%s", h, d.screen())
	}
	// Left with esc, the change is not taken: the review, and the header,
	// name the patient recorded.
	for i := 0; d.m.screen == patientScreen; i++ {
		if i > 8 {
			t.Fatalf("esc does not lead back to the review:\n%s", d.screen())
		}
		readThen(d, "esc")
	}
	d.waitFor("Review")
	if h := headerLine(d); !strings.Contains(h, "Local H100004") {
		t.Fatalf("the details left with esc, the review's header names %q, want the patient recorded:\n%s", h, d.screen())
	}
}
