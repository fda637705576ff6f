package report

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
	"digicheck/record"
)

// TestAReferralAnAmendmentKeepsIsCountedAndExportedOnceAsItsAnswer: a
// patient agreed to the National Device Bank and declined the National
// Databank; an amendment corrected the benefits answer, so its answers no
// longer give either, and it keeps both with their answers (Kept) beside
// the public library its answers now offer. The summary counts each kept
// referral as what it is, agreed or declined, once, whether it reads the
// records, the store, or a CSV or NDJSON export of it; the CSV's referral
// columns list them. The summaries left the device out of "referrals
// agreed" and the export left both out.
func TestAReferralAnAmendmentKeepsIsCountedAndExportedOnceAsItsAnswer(t *testing.T) {
	first := fixture{n: 1, day: "2026-01-05", team: "Ward 7", patient: "P1", bands: questionnaire.Bands{Access: sig},
		refs: []questionnaire.Referral{ref("national-device-bank", questionnaire.Agreed), ref("national-databank", questionnaire.Declined)}}.record(t)
	amended := fixture{n: 2, day: "2026-01-06", team: "Ward 7", patient: "P1", status: record.Amended, amends: 1,
		bands: questionnaire.Bands{Access: sig},
		refs:  []questionnaire.Referral{ref("public-library", questionnaire.Agreed)}}.record(t)
	amended.Recommendation.Kept = []questionnaire.Referral{ref("national-device-bank", questionnaire.Agreed),
		ref("national-databank", questionnaire.Declined)}
	rs := []record.Record{first, amended}
	for i := range rs {
		rs[i].Patient = record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	}
	st := storeOf(t, rs)
	var csvOut, ndjson bytes.Buffer
	if _, err := ExportCSV(&csvOut, st, ExportOptions{Key: testKey, Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	if _, err := ExportNDJSON(&ndjson, st, ExportOptions{Key: testKey, Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	rows := withoutEndRow(readCSV(t, csvOut.Bytes()))
	col := func(name string) int {
		i := slices.Index(rows[0], name)
		if i < 0 {
			t.Fatalf("no column %s in %v", name, rows[0])
		}
		return i
	}
	if len(rows) != 3 {
		t.Fatalf("%d CSV rows, want the header and 2", len(rows))
	}
	row := rows[2] // the amendment
	for name, want := range map[string]string{
		"referrals_offered":  "public-library;national-device-bank;national-databank",
		"referrals_agreed":   "public-library;national-device-bank",
		"referrals_declined": "national-databank",
	} {
		if got := row[col(name)]; got != want {
			t.Errorf("CSV %s of the amendment = %q, want %q", name, got, want)
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
			if c.Period == All && c.Breakdown == All && (strings.HasPrefix(c.Measure, "referral") || c.Measure == MeasureReferred || c.Measure == MeasureAssessed) {
				got[c.Measure+"/"+c.Category] += c.Count
			}
		}
		for k, want := range map[string]int{
			"assessed/": 1, "referred/offered-any": 1, "referred/agreed-any": 1,
			"referral.offered/national-device-bank": 1, "referral.agreed/national-device-bank": 1,
			"referral.offered/national-databank": 1, "referral.declined/national-databank": 1,
			"referral.agreed/national-databank": 0,
			"referral.offered/public-library":   1, "referral.agreed/public-library": 1,
		} {
			if got[k] != want {
				t.Errorf("%s: %s = %d, want %d", name, k, got[k], want)
			}
		}
	}
}
