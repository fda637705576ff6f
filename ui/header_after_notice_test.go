package ui

import (
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/record"
)

// TestTheHeaderNamesTheNumberInTheBoxAfterEscAtAChangedPatientsNotice: the
// patient changed at the review to one with a draft, or one assessed
// before, and esc pressed at the notice ("Esc changes the patient"), the
// details came up under a header naming the review's patient (Local
// H777) while the number box held the number given (9434765919) with
// "enter keeps this": one patient in the header, another kept by enter.
// While the details are open the header names the number last given
// there, so here the one the box holds; left with esc, the review and its
// header name the patient recorded.
func TestTheHeaderNamesTheNumberInTheBoxAfterEscAtAChangedPatientsNotice(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		opts   func(t *testing.T) Options
		notice string
	}{
		{"assessed before", func(t *testing.T) Options {
			o := testOptions((&memStore{}).Save)
			before := earlierAssessment(t, time.Date(2026, 12, 5, 9, 0, 0, 0, time.Local), "Dr Eve", "Ward 7")
			o.Assessed = func(p record.PatientID) ([]assess.Assessed, error) {
				if p.Value == validNHS {
					return []assess.Assessed{before}, nil
				}
				return nil, nil
			}
			return o
		}, "this patient was assessed before"},
		{"a draft", func(t *testing.T) Options {
			st := tempStore(t)
			o := withStore(testOptions(nil), st)
			o.Drafts = offered(draftAt(t, st))
			return o
		}, "this patient has an unfinished assessment"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			d := newDriver(t, c.opts(t), 80, 24)
			if len(d.m.drafts) > 0 {
				d.waitFor("Unfinished assessments")
				d.press("n")
			}
			toReviewWithLocal(d, "H777")
			changeToNHSAtReview(d, "H777")
			d.waitFor(c.notice)
			readThen(d, "esc")
			d.waitFor("Change patient details", "Identifier")
			if h := headerLine(d); !strings.Contains(h, "NHS 943 476 5919") {
				t.Fatalf("esc at the notice, the details (their number box holding %s) come up under the header %q:\n%s", validNHS, h, d.screen())
			}
			readThen(d, "enter")
			d.waitFor("Number", "> "+validNHS, "enter keeps this")
			if h := headerLine(d); !strings.Contains(h, "NHS 943 476 5919") {
				t.Fatalf("the number box holds %s with \"enter keeps this\" under the header %q:\n%s", validNHS, h, d.screen())
			}
			for i := 0; d.m.screen == patientScreen; i++ {
				if i > 8 {
					t.Fatalf("esc does not lead back to the review:\n%s", d.screen())
				}
				readThen(d, "esc")
			}
			d.waitFor("Review")
			if h := headerLine(d); !strings.Contains(h, "Local H777") {
				t.Fatalf("the details left with esc, the review's header names %q, want the patient recorded:\n%s", h, d.screen())
			}
		})
	}
}
