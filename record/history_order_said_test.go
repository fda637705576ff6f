package record

import (
	"bytes"
	"strings"
	"testing"
)

// TestHistorySaysWhyAnAmendmentComesAfterALaterAssessment: history lists
// versions as they were made, so an amendment of an older assessment came
// after a later assessment of the patient, with nothing to say why, and
// read as an amendment of that later one. An amendment listed apart from
// the version it amends says why; one listed under it says nothing more.
func TestHistorySaysWhyAnAmendmentComesAfterALaterAssessment(t *testing.T) {
	a, b, a2, _, _ := chain(t)
	write := func(rs ...Record) string {
		var buf bytes.Buffer
		if err := WriteHistory(&buf, rs, nil); err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(buf.String()), " ")
	}
	const why = "listed when it was made, after what was made since the version it supersedes"
	if out := write(a, b, a2); !strings.Contains(out, why) {
		t.Errorf("an amendment listed after a later assessment is not said why:\n%s", out)
	}
	if out := write(a, a2, b); strings.Contains(out, why) {
		t.Errorf("an amendment listed under the version it amends is said to be apart:\n%s", out)
	}
}
