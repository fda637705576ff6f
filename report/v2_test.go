package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// TestVersion1AndVersion2AreSummarisedSideBySide: a store holding a v1
// baseline, its v2 follow-up and a v2 patient seen in person is summarised
// alike from the records, the store, a CSV and an NDJSON export: the v2
// follow-up's access and motivation are counted as not compared (never as
// no change), its skills and trust as compared, and in person is a route of
// its own.
func TestVersion1AndVersion2AreSummarisedSideBySide(t *testing.T) {
	at := func(day int) time.Time { return time.Date(2026, 1, day, 10, 0, 0, 0, time.UTC) }
	base := testkit.Assessed(t, testkit.Offline(nil))
	base.ID, base.Time, base.Team, base.Status = fixtureID(1), at(5), "Ward 7", record.Completed
	fu := testkit.AssessedV2(t, testkit.Offline(nil))
	fu.ID, fu.Time, fu.Team, fu.Status, fu.FollowsUp = fixtureID(2), at(19), "Ward 7", record.Completed, base.ID
	c := record.Compare(base, fu)
	fu.Change = &c
	seen := testkit.AssessedV2(t, testkit.Included(questionnaire.Answers{
		questionnaire.LinkCommNeeds: {questionnaire.NeedVerbal}, questionnaire.LinkContactAvoid: {questionnaire.AvoidPhone},
	}))
	seen.Patient = record.PatientID{Kind: record.NHSNumber, Value: "4010232137"}
	seen.ID, seen.Time, seen.Team, seen.Status = fixtureID(3), at(20), "Ward 7", record.Completed
	if seen.Recommendation.Primary != questionnaire.RouteInPerson {
		t.Fatalf("fixture: %s", seen.Recommendation.Primary)
	}
	rs := []record.Record{base, fu, seen}
	st := storeOf(t, rs)
	var csvOut, ndjson bytes.Buffer
	if _, err := ExportCSV(&csvOut, st, ExportOptions{Key: testKey, Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	if _, err := ExportNDJSON(&ndjson, st, ExportOptions{Key: testKey, Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, csvOut.Bytes())
	col := func(name string) int {
		for i, c := range rows[0] {
			if c == name {
				return i
			}
		}
		t.Fatalf("no CSV column %s in %v", name, rows[0])
		return -1
	}
	for i, want := range map[int]struct{ version, access, skills, avoid string }{
		1: {"1", "", "", ""}, 2: {"2", "", "same", "none"}, 3: {"2", "", "", "not-phone"},
	} {
		r := rows[i]
		if r[col("instrument_version")] != want.version || r[col("change_access")] != want.access ||
			r[col("change_skills")] != want.skills || r[col("contact_avoid")] != want.avoid {
			t.Errorf("CSV row %d: version %s, change_access %q, change_skills %q, contact_avoid %q; want %+v", i,
				r[col("instrument_version")], r[col("change_access")], r[col("change_skills")], r[col("contact_avoid")], want)
		}
	}
	sources := map[string]func() (*Summary, error){
		"records": func() (*Summary, error) { return datasetOf(t, rs).Summarise(Options{Exact: true}) },
		"store":   func() (*Summary, error) { return SummariseStore(st, Options{Exact: true}) },
		"csv": func() (*Summary, error) {
			d := &Inputs{}
			if err := d.AddCSV(bytes.NewReader(csvOut.Bytes()), "export.csv"); err != nil {
				return nil, err
			}
			return d.Summarise(Options{Exact: true})
		},
		"ndjson": func() (*Summary, error) {
			d := &Inputs{}
			if err := d.AddNDJSON(bytes.NewReader(ndjson.Bytes()), "export.ndjson"); err != nil {
				return nil, err
			}
			return d.Summarise(Options{Exact: true})
		},
	}
	for name, summarise := range sources {
		s, err := summarise()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := map[string]int{}
		for _, c := range s.Cells {
			if c.Period == All && c.Breakdown == All {
				got[c.Measure+"/"+c.Category] = c.Count
			}
		}
		for k, want := range map[string]int{
			"followup/compared":            1,
			"followup.access/not-compared": 1, "followup.access/same": 0,
			"followup.motivation/not-compared": 1, "followup.motivation/same": 0,
			"followup.skills/same": 1, "followup.trust/same": 1,
			"primary/in-person": 1,
		} {
			if got[k] != want {
				t.Errorf("%s: %s = %d, want %d", name, k, got[k], want)
			}
		}
		var out strings.Builder
		// Wide enough that no header wraps: this is about what is
		// counted, not how it is laid out.
		if err := s.WriteTableWidth(&out, names, 400); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"In person", "Not compared"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("%s: the summary table has no %q:\n%s", name, want, out.String())
			}
		}
	}
}
