package questionnaire

import (
	"strings"
	"testing"
)

// TestFallbackTextNeverOffersThePrimaryAgain: the screen, the note, `show`
// and the prompts all print the fallback from FallbackText, so when no
// second route is possible none of them may name the primary route as if
// it were another way to reach the patient.
func TestFallbackTextNeverOffersThePrimaryAgain(t *testing.T) {
	for _, c := range []struct {
		name   string
		change Answers
		title  string
		reason string
	}{
		{"included patient: phone behind the app", nil, RoutePhone.Title(), "non-digital route"},
		{"nothing but a landline, no reading help: phone then letter",
			Answers{LinkDevices: {DevLandline}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}}, "", "non-digital route"},
		{"no device at all", Answers{LinkDevices: {DevNone}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}}, NoFallbackTitle, "no second non-digital route"},
		{"information verbally only", Answers{LinkCommNeeds: {NeedVerbal}}, NoFallbackTitle, "no second non-digital route"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := assess(t, with(c.change)).Recommendation
			title, reason := rec.FallbackText()
			if c.title != "" && title != c.title {
				t.Errorf("title %q, want %q (primary %s, fallback %s)", title, c.title, rec.Primary, rec.Fallback)
			}
			if !strings.Contains(reason, c.reason) {
				t.Errorf("reason %q does not say %q", reason, c.reason)
			}
			if title == rec.Primary.Title() {
				t.Errorf("the fallback is shown as the primary again: %q", title)
			}
			if reason != rec.FallbackReason {
				t.Errorf("reason %q is not the recorded reason %q", reason, rec.FallbackReason)
			}
		})
	}
}
