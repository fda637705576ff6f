package report

import (
	"math/rand/v2"
	"strings"
	"testing"

	"digicheck/record"
)

// TestTheQuickLookForAPatientsNumberWithholdsWhatTheFullReadingDoes: a
// pseudonymised export skips the full reading of a text for a patient's
// number where the text could hold none (withoutNumberRuns,
// withoutPatientID); over texts made of digits, the letters typed for them
// (O, o, I, l), separators, other letters and characters beyond ASCII,
// what it writes is what the full reading writes, every time.
func TestTheQuickLookForAPatientsNumberWithholdsWhatTheFullReadingDoes(t *testing.T) {
	parts := []string{"0", "1", "4", "9", "943", "476", "5919", "O", "o", "I", "l", " ", "-", ".", "/", "_", "a", "x", "RX", "é", "٣", "０", "９", "\u00a0", "\u2013", " on ", "Ward ", "CN "}
	ids := []record.PatientID{{Kind: record.NHSNumber, Value: "9434765919"}, {Kind: record.LocalID, Value: "RX12345"}, {Kind: record.LocalID, Value: "Smith"}}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s := b.String()
		if got, want := withoutNumberRuns(s), record.WithoutPatientNumbers(s); got != want {
			t.Fatalf("withoutNumberRuns(%q) = %q, the full reading %q", s, got, want)
		}
		for _, p := range ids {
			if got, want := withoutPatientID(s, p), record.WithoutPatientID(s, p); got != want {
				t.Fatalf("withoutPatientID(%q, %s) = %q, the full reading %q", s, p.Value, got, want)
			}
		}
	}
}
