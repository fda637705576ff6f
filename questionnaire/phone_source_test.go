package questionnaire

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestEveryNationalPhoneIsSourced: a number in the national directory is
// printed on the handout for patients to call, so it must be one they can
// dial, name the programme's own page that publishes it and carry a date
// to check it again by. A number is never made up or copied from a third
// party's listing: an entry whose programme publishes none (or whose own
// page could not be read) has no number, and the handout says to ask us.
func TestEveryNationalPhoneIsSourced(t *testing.T) {
	for _, p := range National.Programmes {
		if err := CheckSourcedPhone(p); err != nil {
			t.Error(err)
		}
	}
}

// TestCheckSourcedPhoneAtItsBoundaries: each way a number can fall short,
// and the entries that pass.
func TestCheckSourcedPhoneAtItsBoundaries(t *testing.T) {
	const src, review = "https://www.example.org/contact", "2027-06-01"
	for _, tc := range []struct {
		name string
		p    Programme
		bad  string // in the error; "" for none
	}{
		{"no phone, no source", Programme{ID: "a"}, ""},
		{"phone, source and review date", Programme{ID: "a", Phone: "0800 000 0000", PhoneSource: src, ReviewBy: review}, ""},
		{"phone with no source", Programme{ID: "a", Phone: "0800 000 0000", ReviewBy: review}, "has no source"},
		{"source not https", Programme{ID: "a", Phone: "0800 000 0000", PhoneSource: "http://www.example.org/contact", ReviewBy: review}, "has no source"},
		{"source not an address", Programme{ID: "a", Phone: "0800 000 0000", PhoneSource: "their leaflet", ReviewBy: review}, "has no source"},
		{"phone with no review date", Programme{ID: "a", Phone: "0800 000 0000", PhoneSource: src}, "no review_by"},
		{"phone that cannot be dialled", Programme{ID: "a", Phone: "0800 000 0000 ext 2", PhoneSource: src, ReviewBy: review}, "digits and spaces"},
		{"source with no phone", Programme{ID: "a", PhoneSource: src}, "with no phone"},
	} {
		err := CheckSourcedPhone(tc.p)
		switch {
		case tc.bad == "" && err != nil:
			t.Errorf("%s: %v, want none", tc.name, err)
		case tc.bad != "" && (err == nil || !strings.Contains(err.Error(), tc.bad)):
			t.Errorf("%s: %v, want an error saying %q", tc.name, err, tc.bad)
		}
	}
}

// CheckSourcedPhone reports whether a programme's phone number, where it
// has one, can be dialled as printed (CheckPhone), names the programme's
// own page that publishes it (PhoneSource, an https address) and has a
// review-by date by which it is checked again. The national directory is
// held to it; a programme with no number passes.
func CheckSourcedPhone(p Programme) error {
	if p.Phone == "" {
		if p.PhoneSource != "" {
			return fmt.Errorf("%s: phone_source %q with no phone", p.ID, p.PhoneSource)
		}
		return nil
	}
	if err := CheckPhone(p.Phone); err != nil {
		return fmt.Errorf("%s: %w", p.ID, err)
	}
	if u, err := url.Parse(p.PhoneSource); err != nil || u.Scheme != "https" || u.Host == "" {
		return fmt.Errorf("%s: phone %q has no source: give phone_source, the https address of the programme's own page that publishes it", p.ID, p.Phone)
	}
	if _, err := time.Parse(DateLayout, p.ReviewBy); err != nil {
		return fmt.Errorf("%s: phone %q has no review_by date to check it again by", p.ID, p.Phone)
	}
	return nil
}
