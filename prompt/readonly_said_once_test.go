package prompt

import (
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/store"
)

// On a store that cannot be written, "(Not kept as a draft in the store:
// …)" followed every one of some thirty answers, each read out by a
// screen reader. It is said once, as the patient is given (the reason
// with it), and once more just before the save question; the drafts
// refused between say nothing.
func TestPlainPromptsSayAReadOnlyStoreOnceThenBeforeTheSave(t *testing.T) {
	t.Parallel()
	readOnly := &store.Error{Kind: store.ErrReadOnly, Msg: "the store x.db cannot be written (the file or the disk it is on is read-only, or it belongs to someone else), so nothing was saved; fix that, or ask IT, then save again"}
	var s saver
	o := options(&s)
	o.Warning = "Warning: this assessment cannot be saved in the store, which cannot be written: its answers will be kept in a file beside the store, with its note for the patient record."
	keeps := 0
	o.Keep = func(*assess.Draft) error { keeps++; return readOnly }
	var out strings.Builder
	if _, err := Run(o, strings.NewReader(script+consentLines(len(expectedResult(t).Recommendation.Referrals))), &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	text := out.String()
	if keeps < 3 {
		t.Fatalf("only %d drafts tried; the case needs several", keeps)
	}
	if n := strings.Count(text, "(Not kept as a draft in the store"); n != 1 {
		t.Errorf("the refused drafts were said %d times, want once:\n%s", n, text)
	}
	if n := strings.Count(text, "named then. Why: "+readOnly.Msg); n != 1 {
		t.Errorf("the reason the drafts were refused is said %d times, want once:\n%s", n, text)
	}
	said := strings.Index(text, "(Not kept as a draft in the store")
	team, first := strings.Index(text, "Team"), strings.Index(text, "Section 1 of")
	if said < team || first < said {
		t.Errorf("the refused draft is not said as the patient is given, before the first question (said at %d, team asked at %d, first section at %d):\n%s", said, team, first, text)
	}
	save := strings.LastIndex(text, "Save this assessment?")
	lastReferral := strings.LastIndex(text, "Does the patient agree to this referral?")
	if save < 0 || lastReferral < 0 {
		t.Fatalf("the last referral (%d) or the save question (%d) is not shown:\n%s", lastReferral, save, text)
	}
	if !strings.Contains(text[lastReferral:save], "will be kept in a file") {
		t.Errorf("where the answers go is not said again just before the save question:\n%s", text[lastReferral:])
	}
}
