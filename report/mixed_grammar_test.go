package report

import (
	"strings"
	"testing"
)

// TestTheRefusalOfMixedDataCountsInGoodEnglish: "the inputs mix 9
// synthetic records with 1 real ones".
func TestTheRefusalOfMixedDataCountsInGoodEnglish(t *testing.T) {
	for _, c := range []struct {
		synthetic, real int
		says            string
	}{
		{9, 1, "mix 9 synthetic records with 1 real one;"},
		{1, 2, "mix 1 synthetic record with 2 real ones;"},
		{1200, 1, "mix 1,200 synthetic records with 1 real one;"},
	} {
		err := mixedData(c.synthetic, c.real)
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%d and %d: %v, want %q", c.synthetic, c.real, err, c.says)
		}
	}
}
