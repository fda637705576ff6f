package record

import (
	"strings"
	"testing"
	"time"
)

// TestReviewByIsValidated decides the review-by date at each boundary: the
// assessment's own date and the latest allowed are valid, the day before
// and the day after are not, nor is anything that is not a date.
func TestReviewByIsValidated(t *testing.T) {
	at := time.Date(2026, 12, 2, 10, 30, 0, 0, time.UTC)
	tests := []struct {
		review string
		ok     bool
	}{
		{"", true}, // a record saved before review dates were kept
		{"2027-12-02", true},
		{"2026-12-02", true},  // the assessment's date
		{"2026-12-01", false}, // the day before
		{"2031-12-03", true},  // 60 months and a day for a calendar ahead of UTC
		{"2031-12-04", false},
		{"2027-02-30", false}, // no such day
		{"2027-12-2", false},
		{"02/12/2027", false},
		{"2027-12-02T00:00:00Z", false},
	}
	for _, tt := range tests {
		r := assessed(t, nil)
		r.Time, r.ReviewBy = at, tt.review
		err := Validate(&r, nil)
		if (err == nil) != tt.ok {
			t.Errorf("review by %q: Validate = %v, want ok %v", tt.review, err, tt.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "review-by date") {
			t.Errorf("review by %q: error %q does not name the review-by date", tt.review, err)
		}
	}
	// An amendment or a void, made later from the version it replaces,
	// may keep that version's date, now past; never a date that is not one.
	for _, status := range []Status{Amended, EnteredInError} {
		r := assessed(t, nil)
		r.Time, r.ReviewBy, r.Status, r.Amends = at, "2025-01-01", status, r.ID
		r.ID, _ = NewID()
		if status == EnteredInError {
			r.VoidReason = "wrong patient"
		}
		if err := Validate(&r, nil); err != nil {
			t.Errorf("%s keeping a past review date: %v", status, err)
		}
		r.ReviewBy = "2025-13-01"
		if err := Validate(&r, nil); err == nil {
			t.Errorf("%s with review by %q is valid", status, r.ReviewBy)
		}
	}
}

// TestReviewDate: months after the assessment on its own calendar, rolling
// over a day a month does not have.
func TestReviewDate(t *testing.T) {
	for _, tt := range []struct {
		at     time.Time
		months int
		want   string
	}{
		{time.Date(2026, 12, 2, 23, 59, 0, 0, time.UTC), 12, "2027-12-02"},
		{time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC), 6, "2027-06-02"},
		{time.Date(2027, 3, 31, 12, 0, 0, 0, time.UTC), 1, "2027-05-01"},
		{time.Date(2028, 2, 29, 12, 0, 0, 0, time.UTC), 12, "2029-03-01"},
		{time.Date(2026, 12, 2, 0, 30, 0, 0, time.FixedZone("BST", 3600)), 12, "2027-12-02"},
	} {
		if got := ReviewDate(tt.at, tt.months); got != tt.want {
			t.Errorf("ReviewDate(%v, %d) = %s, want %s", tt.at, tt.months, got, tt.want)
		}
	}
}

// TestSetReviewByKeepsADateGiven: a new record gets its date from the
// period; one that has a date keeps it. A record with none is due the
// default period after it.
func TestSetReviewByKeepsADateGiven(t *testing.T) {
	r := assessed(t, nil)
	r.Time = time.Date(2026, 12, 2, 12, 0, 0, 0, time.Local)
	if r.DueBy(DefaultReviewMonths) != "2027-12-02" {
		t.Errorf("a record with no review date is due %s", r.DueBy(DefaultReviewMonths))
	}
	r.SetReviewBy(r.Time, 6)
	if r.ReviewBy != "2027-06-02" || r.DueBy(DefaultReviewMonths) != "2027-06-02" {
		t.Errorf("ReviewBy = %q, due %s", r.ReviewBy, r.DueBy(DefaultReviewMonths))
	}
	r.SetReviewBy(r.Time, 12)
	if r.ReviewBy != "2027-06-02" {
		t.Errorf("a review date given was replaced: %q", r.ReviewBy)
	}
}

// TestNoteShowsReviewBy: the note for the patient record says when the
// communication needs are to be reviewed; a record with no date, or one
// entered in error, says nothing of it.
func TestNoteShowsReviewBy(t *testing.T) {
	r := assessed(t, nil)
	if strings.Contains(NoteWith(r, NoteOptions{}), "Review communication needs by") {
		t.Errorf("a record with no review date shows one:\n%s", NoteWith(r, NoteOptions{}))
	}
	r.ReviewBy = "2027-12-02"
	if !strings.Contains(NoteWith(r, NoteOptions{}), "Review communication needs by: 2027-12-02\n") {
		t.Errorf("note does not show the review date:\n%s", NoteWith(r, NoteOptions{}))
	}
	r.Status, r.VoidReason, r.Amends = EnteredInError, "wrong patient", r.ID
	if strings.Contains(NoteWith(r, NoteOptions{}), "Review communication needs by") {
		t.Errorf("a record entered in error shows a review date:\n%s", NoteWith(r, NoteOptions{}))
	}
}
