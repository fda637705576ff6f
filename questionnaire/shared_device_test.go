package questionnaire

import (
	"strings"
	"testing"
)

// TestV2AccessibilitySettingsAreWordedForTheDeviceTheyHave: a patient with
// only a shared or borrowed device was offered "the accessibility settings
// on their device": the device is not theirs to change. The adjustment
// follows what they said they have: their own device, a basic mobile, a
// shared device only; with no device and no phone, none is offered.
func TestV2AccessibilitySettingsAreWordedForTheDeviceTheyHave(t *testing.T) {
	for _, c := range []struct {
		name    string
		devices []string
		want    string // "" for no such adjustment
	}{
		{"own smartphone", []string{DevSmartphone}, "settings on their own device"},
		{"own computer and a shared device", []string{DevComputer, DevShared}, "settings on their own device"},
		{"basic mobile", []string{DevBasicMob}, "settings on their mobile phone"},
		{"basic mobile and a shared device", []string{DevBasicMob, DevShared}, "settings on their mobile phone"},
		{"shared device only", []string{DevShared}, "shared or borrowed device, not their own"},
		{"landline only", []string{DevLandline}, ""},
		{"none", []string{DevNone}, ""},
	} {
		rec := assessV2(t, landlineAsked(withV2(Answers{LinkDevices: c.devices, LinkTechAccess: {TechSight}})), Services{}).Recommendation
		adj, ok := adjustment(rec, "tech-access")
		switch {
		case c.want == "" && ok:
			t.Errorf("%s: offered %q", c.name, adj.Text)
		case c.want != "" && !strings.Contains(adj.Text, c.want):
			t.Errorf("%s: %q, want it to say %q", c.name, adj.Text, c.want)
		case c.want != "" && c.want != "settings on their own device" && strings.Contains(adj.Text, "on their device"):
			t.Errorf("%s: offers the settings of a device they do not own: %q", c.name, adj.Text)
		}
	}
}
