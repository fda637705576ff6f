package prompt

import (
	"strings"
	"testing"

	"digicheck/assess"
	"digicheck/record"
	"digicheck/store"
)

// Damaged stores (H27), fault 4: on a patient whose entries in the store
// are damaged, the plain prompts said "Not kept as a draft in the store"
// after every answer, some twenty times in one assessment, each read out
// by a screen reader. The damage is said once as the number is given, and
// once more just before the save; the drafts refused between say nothing.
func TestPlainPromptsSayADamagedStoreOnceThenBeforeTheSave(t *testing.T) {
	t.Parallel()
	damaged := &store.Error{Kind: store.ErrDamaged, Msg: "the digicheck store x.db is damaged: the patient index is damaged"}
	var s saver
	o := options(&s)
	keeps := 0
	o.Keep = func(*assess.Draft) error { keeps++; return damaged }
	o.CheckPatient = func(record.PatientID) error { return damaged }
	var out strings.Builder
	if _, err := Run(o, strings.NewReader(script+consentLines(len(expectedResult(t).Recommendation.Referrals))), &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	text := out.String()
	if keeps < 3 {
		t.Fatalf("only %d drafts tried; the case needs several", keeps)
	}
	if n := strings.Count(text, "Not kept as a draft"); n > 0 {
		t.Errorf("the refused drafts were said %d times, after the damage was said as the number was given:\n%s", n, text)
	}
	said := strings.Index(text, "Warning: the store's entries for patient")
	save := strings.LastIndex(text, "Save this assessment?")
	if said < 0 || save < 0 {
		t.Fatalf("the damage (%d) or the save question (%d) is not shown:\n%s", said, save, text)
	}
	before := text[:save]
	again := strings.LastIndex(before, "cannot be saved in the store")
	if again <= said || strings.Contains(before[again:], "?") {
		t.Errorf("the damage is not said again just before the save question:\n%s", text)
	}
}
