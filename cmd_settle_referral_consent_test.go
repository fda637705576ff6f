package main

import (
	"bytes"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// TestSettlingListsAReferralConsentTheVersionNotKeptChanged: a nurse's
// amendment asked the patient afresh and the patient agreed to a referral
// declined before; settled with the other machine's version kept, the
// settle listed the answers the nurse's version changed but not the
// consent, and the patient's agreement stood in history only, with no
// word. A referral's consent the version not kept changed is listed as
// its answers are: what is current, what it said, what it was before.
func TestSettlingListsAReferralConsentTheVersionNotKeptChanged(t *testing.T) {
	base := testkit.Assessed(t, testkit.Offline(nil))
	base.ID = newID(t)
	base.Result = cloneWithConsent(base.Result, questionnaire.Declined)
	if len(base.Recommendation.Referrals) == 0 {
		t.Fatal("the assessment offers no referral")
	}
	cur := base
	cur.ID = newID(t)
	cur.Amends = base.ID
	other := base
	other.ID = newID(t)
	other.Amends = base.ID
	other.Result = cloneWithConsent(base.Result, questionnaire.Agreed)
	name := questionnaire.Printable(base.Recommendation.Referrals[0].Name)

	for _, b := range []*record.Record{&base, nil} {
		var out bytes.Buffer
		notKeptLineWords(&out, cur, other, b, []record.Record{other}, "this machine's", "")
		all := strings.Join(strings.Fields(out.String()), " ")
		want := "Referral " + name + " current: declined not current: agreed"
		if b != nil {
			want += " before it: declined"
		}
		if !strings.Contains(all, want) {
			t.Errorf("base %v: the settle does not say %q:\n%s", b != nil, want, out.String())
		}
		if !strings.Contains(all, "digicheck amend "+cur.ID.String()[:13]) {
			t.Errorf("base %v: the settle does not say how to apply it:\n%s", b != nil, out.String())
		}
	}
	// Consent the version not kept left as it was is not its change.
	var out bytes.Buffer
	changedHere := base
	changedHere.Result = cloneWithConsent(base.Result, questionnaire.Agreed)
	notKeptLineWords(&out, changedHere, base, &base, []record.Record{base}, "this machine's", "")
	if strings.Contains(out.String(), "Referral") {
		t.Errorf("the settle lists a consent the version not kept never changed:\n%s", out.String())
	}
}

func newID(t *testing.T) record.ID {
	t.Helper()
	id, err := record.NewID()
	if err != nil {
		t.Fatal(err)
	}
	return id
}
