package record

import (
	"fmt"
	"time"
)

// The review stage of the Accessible Information Standard (DAPB1605, as
// republished in 2025) asks services to review a person's recorded needs.
// Each assessment carries the date by which it should be reviewed, so a
// team can list the patients whose review has come (digicheck due).

// ReviewDateLayout is how a review-by date is written.
const ReviewDateLayout = "2006-01-02"

// DefaultReviewMonths is how long after an assessment its review is due
// when the site sets no review_months, and for a record saved before
// review-by dates were kept.
const DefaultReviewMonths = 12

// MaxReviewMonths is the longest review period a site may set, and a
// review-by date may lie after its assessment.
const MaxReviewMonths = 60

// ReviewDate is the date months after t, on the calendar where t is given
// (the clinician's, for an assessment's local time). A month that has no
// such day rolls over, as time.AddDate does: 31 March and one month is 1 May.
func ReviewDate(t time.Time, months int) string {
	return t.AddDate(0, months, 0).Format(ReviewDateLayout)
}

// SetReviewBy gives a record with no review-by date one, months after now
// on the local calendar: it is called as the record is saved, which is
// when the assessment was finished or minutes after, and an amendment's
// time is only set by the store. A record that has a date keeps it.
func (r *Record) SetReviewBy(now time.Time, months int) {
	if r.ReviewBy == "" {
		r.ReviewBy = ReviewDate(now.Local(), months)
	}
}

// DueBy is the date the record's review is due: its review-by date, or,
// for a record saved before they were kept, months after its time.
func (r Record) DueBy(months int) string {
	if r.ReviewBy != "" {
		return r.ReviewBy
	}
	return ReviewDate(r.Time.Local(), months)
}

// checkReviewBy holds a review-by date to be a date no more than
// MaxReviewMonths after the record's time and, for a new assessment, no
// earlier than its date. An amendment or a void is made later, from the
// version it replaces, and may keep that version's date, now past. The
// assessment's date is taken in UTC, which is never after the date on a UK
// clinician's calendar, so a date set on the day is never refused.
func (r *Record) checkReviewBy() error {
	if r.ReviewBy == "" {
		return nil
	}
	if _, err := time.Parse(ReviewDateLayout, r.ReviewBy); err != nil {
		return fmt.Errorf("its review-by date %q is not a date written YYYY-MM-DD", r.ReviewBy)
	}
	// Dates in this layout compare as strings. The latest allows a day for
	// a calendar ahead of UTC.
	day := r.Time.UTC().Format(ReviewDateLayout)
	latest := r.Time.UTC().AddDate(0, MaxReviewMonths, 1).Format(ReviewDateLayout)
	switch {
	case r.ReviewBy < day && r.Status == Completed:
		return fmt.Errorf("its review-by date %s is before the assessment (%s)", r.ReviewBy, day)
	case r.ReviewBy > latest:
		return fmt.Errorf("its review-by date %s is more than %d months after the assessment (%s)", r.ReviewBy, MaxReviewMonths, day)
	}
	return nil
}
