package questionnaire

import (
	"slices"
	"strings"
	"testing"
)

// TestV2ASignificantTrustBarrierIsMetWhateverTheRoute: a landline-only
// patient very worried about scams, and put off by one, had a significant
// trust barrier and nothing in the result that met it: the NHS App was
// ruled out, and the online-safety programme is online only. Every
// patient with a significant trust barrier now has "trust-check" (say who
// we are, never ask for bank details, a way to check it is us), whatever
// the route; at the boundary, some trust barrier has none, and a patient
// who chose the App against the worry has the App's reassurance instead.
func TestV2ASignificantTrustBarrierIsMetWhateverTheRoute(t *testing.T) {
	landline := Answers{LinkDevices: {DevLandline}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}, LinkTelecare: {No}}
	app := Answers{LinkNHSApp: {AppSelf}, LinkChoice: {string(RouteApp)}}
	for _, tc := range []struct {
		name        string
		change      Answers
		trustCheck  bool
		reassurance bool
	}{
		{"landline, very worried, put off", merge(landline, Answers{LinkWorry: {"very"}, LinkBadExperience: {"put-off"}}), true, false},
		{"landline, very worried (3, the threshold)", merge(landline, Answers{LinkWorry: {"very"}}), true, false},
		{"landline, a little worried, not put off (2)", merge(landline, Answers{LinkWorry: {"a-little"}, LinkBadExperience: {"not-put-off"}}), false, false},
		{"smartphone, very worried", Answers{LinkWorry: {"very"}}, true, false},
		{"smartphone, chose the App, very worried", merge(app, Answers{LinkWorry: {"very"}}), false, true},
	} {
		res := assessV2(t, withV2(tc.change), Services{})
		got := codes(res.Recommendation.Adjustments)
		if slices.Contains(got, "trust-check") != tc.trustCheck || slices.Contains(got, "app-reassurance") != tc.reassurance {
			t.Errorf("%s (trust %s): adjustments %v, want trust-check %v, app-reassurance %v", tc.name, res.Bands.Trust, got, tc.trustCheck, tc.reassurance)
		}
		for _, adj := range res.Recommendation.Adjustments {
			if adj.Code == "trust-check" && !strings.Contains(adj.Reason, "significant trust barrier (worry: ") {
				t.Errorf("%s: reason %q does not quote the answers", tc.name, adj.Reason)
			}
		}
	}
}
