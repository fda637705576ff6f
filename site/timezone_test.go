package site

import (
	"strings"
	"testing"
)

func TestTheSiteTimeZoneMustBeAnIANAName(t *testing.T) {
	c, err := ParseConfig("c.toml", []byte("timezone = \"UTC\"\n"), ".")
	if err != nil || c.TimeZone != "UTC" {
		t.Fatalf("timezone UTC: %v, %q", err, c.TimeZone)
	}
	for _, v := range []string{"Europe/Londn", "", "Local", "GMT+1:00"} {
		_, err := ParseConfig("c.toml", []byte("site_name = \"x\"\ntimezone = \""+v+"\"\n"), ".")
		if err == nil || !strings.Contains(err.Error(), "c.toml:2: timezone") {
			t.Errorf("timezone %q: %v", v, err)
		}
	}
}
