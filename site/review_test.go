package site

import (
	"strings"
	"testing"
)

// TestReviewMonthsAtItsBoundaries: review_months is 1 to 60 months, 12
// when the site gives none; 0, negative or over 60 is an error at its line.
func TestReviewMonthsAtItsBoundaries(t *testing.T) {
	for _, tt := range []struct {
		doc  string
		want int // 0: an error
	}{
		{"team = \"Ward 7\"\n", 12},
		{"team = \"x\"\nreview_months = 1\n", 1},
		{"team = \"x\"\nreview_months = 6\n", 6},
		{"team = \"x\"\nreview_months = 60\n", 60},
		{"team = \"x\"\nreview_months = 61\n", 0},
		{"team = \"x\"\nreview_months = 0\n", 0},
		{"team = \"x\"\nreview_months = -1\n", 0},
		{"team = \"x\"\nreview_months = \"12\"\n", 0},
	} {
		c, err := ParseConfig("c.toml", []byte(tt.doc), ".")
		switch {
		case tt.want == 0 && (err == nil || !strings.Contains(err.Error(), "c.toml:2")):
			t.Errorf("%q: %v; want an error at c.toml:2", tt.doc, err)
		case tt.want != 0 && (err != nil || c.ReviewPeriod() != tt.want):
			t.Errorf("%q: review period %d, %v; want %d", tt.doc, c.ReviewPeriod(), err, tt.want)
		}
	}
	if (Config{}).ReviewPeriod() != 12 {
		t.Errorf("a config not read from a file has review period %d", (Config{}).ReviewPeriod())
	}
}
