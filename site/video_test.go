package site

import (
	"strings"
	"testing"
)

// TestVideoConsultationIsOffUnlessTheSiteOffersIt: only a site that says
// it offers video consultations has them weighed in the result, and a
// value that is not true or false stops with its line.
func TestVideoConsultationIsOffUnlessTheSiteOffersIt(t *testing.T) {
	c, err := ParseConfig("c.toml", []byte("site_name = \"x\"\n"), ".")
	if err != nil || c.VideoConsultation {
		t.Errorf("not set: %v, %v; want off", c.VideoConsultation, err)
	}
	c, err = ParseConfig("c.toml", []byte("video_consultation = true\n"), ".")
	if err != nil || !c.VideoConsultation {
		t.Errorf("true: %v, %v", c.VideoConsultation, err)
	}
	for _, v := range []string{`"yes"`, "1"} {
		_, err := ParseConfig("c.toml", []byte("site_name = \"x\"\nvideo_consultation = "+v+"\n"), ".")
		if err == nil || !strings.Contains(err.Error(), "c.toml:2:") {
			t.Errorf("video_consultation = %s: %v; want an error at c.toml:2", v, err)
		}
	}
}
