package questionnaire

import (
	"slices"
	"strings"
	"testing"
)

// TestV2ADeviceIsRankedByTheDevicesThePatientHasOfTheirOwn: the National
// Device Bank ("You may be able to get a free phone, tablet or laptop") was
// ranked first for a patient with a smartphone and a computer of their own
// whose one barrier was the cost of data, and the Databank and social
// tariffs came after it. Device before data is for a patient with no device,
// who can use neither data nor lessons. At each device combination: with a
// smartphone and a tablet or computer of their own the Device Bank is left
// out, saying why; with one of them, data comes first and the device after
// it; with none of their own (a shared device, a basic mobile, a landline,
// none) the device is still first. The rules before this change, which
// records saved before were made with, ranked the device first for all.
func TestV2ADeviceIsRankedByTheDevicesThePatientHasOfTheirOwn(t *testing.T) {
	const bank, databank, tariffs = "national-device-bank", "national-databank", "social-tariffs"
	for _, tc := range []struct {
		name     string
		devices  []string
		internet []string
		// wantFirst is the referral ranked first; bankOut that the
		// Device Bank is left out; bankAfter that it ranks after the
		// data help.
		wantFirst string
		bankOut   bool
	}{
		{"a smartphone and a computer of their own", []string{DevSmartphone, DevComputer}, []string{NetHome, NetMobile}, databank, true},
		{"a smartphone, a computer and a landline", []string{DevSmartphone, DevComputer, DevLandline}, []string{NetHome}, databank, true},
		{"a smartphone and a computer, and a shared tablet", []string{DevSmartphone, DevComputer, DevShared}, []string{NetHome}, databank, true},
		{"a smartphone of their own only", []string{DevSmartphone}, []string{NetMobile}, databank, false},
		{"a smartphone and a shared device", []string{DevSmartphone, DevShared}, []string{NetMobile}, databank, false},
		{"a computer of their own only", []string{DevComputer}, []string{NetHome}, databank, false},
		{"a computer and a basic mobile", []string{DevComputer, DevBasicMob}, []string{NetHome}, databank, false},
		{"a shared device only", []string{DevShared}, []string{NetPublic}, bank, false},
		{"a basic mobile only", []string{DevBasicMob}, []string{NetNone}, bank, false},
		{"a landline only", []string{DevLandline}, []string{NetNone}, bank, false},
		{"none of these", []string{DevNone}, []string{NetNone}, bank, false},
	} {
		a := withV2(Answers{LinkDevices: tc.devices, LinkInternet: tc.internet, LinkAfford: {"often"},
			LinkBenefits: {Yes}, LinkAgeBand: {"35-44"}})
		if slices.Contains(tc.devices, DevLandline) {
			a[LinkTelecare] = []string{No}
		}
		rec := assessV2(t, a, Services{}).Recommendation
		ids := referralIDs(rec)
		if len(ids) == 0 || ids[0] != tc.wantFirst {
			t.Errorf("%s: referrals %v, want %s first", tc.name, ids, tc.wantFirst)
		}
		at := slices.Index(ids, bank)
		switch {
		case tc.bankOut && at >= 0:
			t.Errorf("%s: the Device Bank is offered (place %d of %v), though the patient has every kind of device it gives", tc.name, at+1, ids)
		case !tc.bankOut && at < 0:
			t.Errorf("%s: the Device Bank is not offered: %v", tc.name, ids)
		case !tc.bankOut && tc.wantFirst == databank && (at < slices.Index(ids, databank) || at < slices.Index(ids, tariffs)):
			t.Errorf("%s: the Device Bank ranks before data help for a patient with a device of their own: %v", tc.name, ids)
		case !tc.bankOut && tc.wantFirst == databank && !strings.Contains(rec.Referrals[at].Reason, "a device after data, as the patient has a smartphone or a tablet or computer of their own"):
			t.Errorf("%s: the Device Bank's reason does not say why it comes after data: %q", tc.name, rec.Referrals[at].Reason)
		}
		if tc.bankOut {
			f := V2.rankFactsV2(a, V2.Score(a))
			_, excluded := RankReferrals(eligibleReferrals(patientFactsV2(a), V2.Score(a), National), National, f)
			i := slices.IndexFunc(excluded, func(e Excluded) bool { return e.ProgrammeID == bank })
			if i < 0 || !strings.Contains(excluded[i].Reason, "has a smartphone and a tablet or computer of their own") {
				t.Errorf("%s: the Device Bank is not left out with its reason: %+v", tc.name, excluded)
			}
		}
		before := rulesBefore(t, func(ins *Instrument) bool { return ins.beforeOwnDevices })
		was, err := before.AssessWith(a, National, Services{})
		if err != nil {
			t.Fatal(err)
		}
		if got := referralIDs(was.Recommendation); len(got) == 0 || got[0] != bank {
			t.Errorf("%s: the rules before did not rank the Device Bank first, so this test shows nothing of them: %v", tc.name, got)
		}
	}
}

// rulesBefore is the newest earlier revision of version 2's rules that is
// from before the change before says it is (Instrument.Earlier).
func rulesBefore(t *testing.T, before func(*Instrument) bool) *Instrument {
	t.Helper()
	for ins := V2.Earlier(); ins != nil; ins = ins.Earlier() {
		if before(ins) {
			return ins
		}
	}
	t.Fatal("no earlier revision of version 2's rules is from before the change")
	return nil
}
