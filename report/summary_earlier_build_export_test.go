package report

import (
	"bytes"
	"os"
	"testing"

	"digicheck/questionnaire"
	"digicheck/record"
)

// TestAnEarlierBuildsExportOfAnotherTeamIsSummarisedBesideACurrentOne: a
// QI lead summarises several teams' pseudonymised exports together. One
// team's was made by an earlier build, before exports carried
// fingerprints (testdata/export-before-fingerprints.*: the compat store
// real-v1.db exported, pseudonymised under a key of its own, by the build
// of commit 2207340, the last before the fingerprint column); another's by
// this build, with them. The two share no record: each is counted once,
// the summary of both the sum of each on its own, and nothing is refused.
// (It was refused as if the earlier export were one of a store whose own
// secret is damaged, which this build marks on every row.)
func TestAnEarlierBuildsExportOfAnotherTeamIsSummarisedBesideACurrentOne(t *testing.T) {
	fs := []fixture{
		{n: 1, day: "2026-01-05", team: "Ward 9", patient: "P1", bands: questionnaire.Bands{Access: sig}},
		{n: 2, day: "2026-01-06", team: "Ward 9", patient: "P1", status: record.Amended, amends: 1, bands: questionnaire.Bands{Access: some}},
		{n: 3, day: "2026-01-07", team: "Ward 9", patient: "P2", bands: questionnaire.Bands{Access: sig}},
	}
	for _, format := range []string{FormatCSV, FormatNDJSON} {
		t.Run(format, func(t *testing.T) {
			earlier, err := os.ReadFile("testdata/export-before-fingerprints." + format)
			if err != nil {
				t.Fatal(err)
			}
			if holdsFingerprints(string(earlier)) || bytes.Contains(earlier, []byte(FingerprintColumn)) {
				t.Fatalf("the earlier build's export names fingerprints: it is not one from before them")
			}
			current := exportBytes(t, exportOf(t, storeOf(t, records(t, fs)), format, testKey))
			if !holdsFingerprints(string(current)) {
				t.Fatalf("this build's export carries no fingerprints:\n%s", current)
			}
			assessed := func(files ...string) (int, error) {
				in := &Inputs{}
				for _, name := range files {
					b := current
					if name == "earlier" {
						b = earlier
					}
					addExport(t, in, bytes.NewReader(b), name+"."+format, format)
				}
				s, err := in.Summarise(Options{Exact: true})
				if err != nil {
					return 0, err
				}
				return whole(t, s, MeasureAssessed, ""), nil
			}
			alone, err := assessed("earlier")
			if err != nil {
				t.Fatalf("the earlier build's export on its own: %v", err)
			}
			if alone == 0 {
				t.Fatalf("the earlier build's export on its own counts no assessment")
			}
			mine, err := assessed("current")
			if err != nil || mine != 2 {
				t.Fatalf("this build's export on its own: %d assessed, want 2 (%v)", mine, err)
			}
			for _, order := range [][]string{{"earlier", "current"}, {"current", "earlier"}} {
				n, err := assessed(order...)
				if err != nil {
					t.Errorf("%s then %s: refused, want both teams counted:\n%v", order[0], order[1], err)
					continue
				}
				if n != alone+mine {
					t.Errorf("%s then %s: %d assessed, want %d (%d + %d, each once)", order[0], order[1], n, alone+mine, alone, mine)
				}
			}
		})
	}
}
