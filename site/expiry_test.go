package site

import (
	"strings"
	"testing"
	"time"
)

func TestDraftsExpireAfterSevenDaysUnlessTheSiteSaysOtherwise(t *testing.T) {
	c, err := ParseConfig("c.toml", []byte("team = \"Ward 7\"\n"), ".")
	if err != nil {
		t.Fatal(err)
	}
	if got := c.DraftExpiry(); got != 7*24*time.Hour {
		t.Errorf("default draft expiry %v, want 7 days", got)
	}
	c, err = ParseConfig("c.toml", []byte("draft_expiry_days = 2\n"), ".")
	if err != nil || c.DraftExpiry() != 48*time.Hour {
		t.Errorf("draft_expiry_days = 2: %v, %v", c.DraftExpiry(), err)
	}
	for _, days := range []string{"1", "90"} {
		if _, err := ParseConfig("c.toml", []byte("draft_expiry_days = "+days+"\n"), "."); err != nil {
			t.Errorf("draft_expiry_days = %s: %v; want it taken", days, err)
		}
	}
	// 0 would read as "use the default", 7 days, which is not what a site
	// writing 0 means: it is refused at its line, as review_months = 0 is.
	for _, bad := range []string{"0", "-1", "91", "100000"} {
		_, err := ParseConfig("c.toml", []byte("site_name = \"x\"\ndraft_expiry_days = "+bad+"\n"), ".")
		if err == nil || !strings.Contains(err.Error(), "c.toml:2") {
			t.Errorf("draft_expiry_days = %s: %v; want an error at c.toml:2", bad, err)
		}
	}
}
