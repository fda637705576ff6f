package questionnaire

import (
	"strings"
	"testing"
)

// TestOptionalSectionSaysWhatSkippingItLeavesOut: the "Ask these optional
// questions?" gate gave the clinician no hint that skipping them leaves
// out device and data help. Every programme whose eligibility needs an
// optional answer (age, benefits, disability) is named in the intro shown
// beside the gate, in both versions; a programme added to the directory
// with such criteria fails here until the intro names it.
func TestOptionalSectionSaysWhatSkippingItLeavesOut(t *testing.T) {
	named := map[string]string{
		"national-device-bank": "Device Bank",
		"national-databank":    "Databank",
		"social-tariffs":       "social tariffs",
		"abilitynet":           "AbilityNet",
		"age-uk":               "Age UK",
	}
	for _, p := range National.Programmes {
		if len(p.Eligible) == 0 && !p.AdultsOnly {
			continue
		}
		word, ok := named[p.ID]
		if !ok {
			t.Errorf("%s needs optional answers to be offered, and the gate's intro does not name it", p.ID)
			continue
		}
		for _, ins := range []*Instrument{V1, V2} {
			for _, sec := range ins.Sections {
				if sec.Optional && !strings.Contains(sec.Intro, word) {
					t.Errorf("version %s, %s: the intro %q does not say skipping leaves out %s", ins.Version, sec.ID, sec.Intro, word)
				}
			}
		}
	}
}
