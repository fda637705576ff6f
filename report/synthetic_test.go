package report

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

func syntheticStore(t testing.TB, count int, seed uint64) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "synthetic.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	n, err := Synthesise(st, SyntheticOptions{Count: count, Seed: seed, Batch: 700,
		From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil || n != count {
		t.Fatalf("Synthesise = %d, %v; want %d", n, err, count)
	}
	return st
}

func TestSyntheticRecordsAreMarkedValidAndVaried(t *testing.T) {
	st := syntheticStore(t, 3000, 1)
	statuses := map[record.Status]int{}
	followUps, outcomes := 0, 0
	consents, offered := map[string]int{}, 0
	n := 0
	err := st.Each(func(r record.Record) error {
		n++
		if !r.Synthetic {
			t.Errorf("record %s is not marked synthetic", r.ID)
		}
		switch r.Patient.Kind {
		case record.NHSNumber:
			if !strings.HasPrefix(r.Patient.Value, "999") {
				t.Errorf("patient %s is outside the test range", r.Patient.Value)
			}
			if _, err := record.CheckNHSNumber(r.Patient.Value); err != nil {
				t.Errorf("patient %s: %v", r.Patient.Value, err)
			}
		default:
			t.Errorf("patient %+v: want a test NHS number", r.Patient)
		}
		if r.Time.Before(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)) || !r.Time.Before(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("record %s made %s, outside the span", r.ID, r.Time)
		}
		statuses[r.Status]++
		if !r.FollowsUp.IsZero() && r.Status == record.Completed {
			followUps++
			if r.Change == nil {
				t.Errorf("follow-up %s has no change", r.ID)
			}
		}
		outcomes += len(r.Outcomes)
		for _, ref := range r.Recommendation.Referrals {
			consents[ref.Consent]++
			offered++
		}
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n != 3000 {
		t.Errorf("%d records", n)
	}
	// About 10% follow-ups, 2% amendments, 0.5% voids.
	if followUps < 200 || statuses[record.Amended] < 30 || statuses[record.EnteredInError] < 5 || outcomes == 0 {
		t.Errorf("statuses %v, %d follow-ups, %d outcomes: too few of something to try the counting rules", statuses, followUps, outcomes)
	}
	// Most referrals answered agreed or declined; some not discussed, more
	// of them among those past the first three; a few with no answer.
	share := func(c string) float64 { return float64(consents[c]) / float64(offered) }
	if share(questionnaire.Agreed) < 0.4 || share(questionnaire.Declined) < 0.2 ||
		share(questionnaire.NotDiscussed) < 0.05 || share(questionnaire.NotDiscussed) > 0.3 || consents[""] == 0 {
		t.Errorf("consents %v of %d referrals: not a realistic mix", consents, offered)
	}
	d := &Inputs{}
	if err := d.AddStore(st); err != nil {
		t.Fatal(err)
	}
	s := summarise(t, d, Options{By: Month, Exact: true})
	if !s.Synthetic || len(s.Periods) != 12 {
		t.Errorf("synthetic %v, %d periods; want a synthetic year", s.Synthetic, len(s.Periods))
	}
	assessed := s.Cells[cells(s)["assessed/"]].Count
	// Every record but the superseded ones and the voids counts.
	if want := 3000 - statuses[record.Amended] - 2*statuses[record.EnteredInError]; assessed != want {
		t.Errorf("%d assessed, want %d", assessed, want)
	}
}

func TestSyntheticDataNeverGoesIntoAStoreOfRealRecords(t *testing.T) {
	st := storeOf(t, records(t, []fixture{{n: 1, day: "2026-01-05"}}))
	_, err := Synthesise(st, SyntheticOptions{Count: 10, From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if !errors.Is(err, store.ErrMixedData) {
		t.Errorf("err %v, want ErrMixedData", err)
	}
}

func TestTheSameSeedMakesTheSameRecords(t *testing.T) {
	export := func(st *store.Store) string {
		var b bytes.Buffer
		if _, err := ExportNDJSON(&b, st, ExportOptions{Identifiable: true, Made: exportsMade}); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	a, b := export(syntheticStore(t, 500, 7)), export(syntheticStore(t, 500, 7))
	if a != b {
		t.Error("two runs with seed 7 differ")
	}
	if c := export(syntheticStore(t, 500, 8)); c == a {
		t.Error("seeds 7 and 8 made the same records")
	}
}

// TestSyntheticDataIsVersion2WithVersion1InTheEarlierMonths: new
// assessments are instrument version 2, as in the product; a falling share
// in the first half of the span are version 1, none in the second half, so
// a summary shows both versions side by side. An amendment keeps the
// version of what it amends, and no follow-up goes back to version 1.
func TestSyntheticDataIsVersion2WithVersion1InTheEarlierMonths(t *testing.T) {
	st := syntheticStore(t, 3000, 3)
	from := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	byID := map[record.ID]record.Record{}
	var early, late [2]int // [v1, v2] new assessments and follow-ups in the first quarter and the second half
	err := st.Each(func(r record.Record) error {
		byID[r.ID] = r
		v := 1
		if r.InstrumentVersion == questionnaire.V1.Version {
			v = 0
		} else if r.InstrumentVersion != questionnaire.Current.Version {
			t.Errorf("record %s: instrument version %q", r.ID, r.InstrumentVersion)
		}
		if r.Status != record.Completed {
			return nil // an amendment or void keeps the version of what it replaces
		}
		switch months := r.Time.Sub(from).Hours() / 24 / 30.4; {
		case months < 3:
			early[v]++
		case months >= 6.1:
			late[v]++
		}
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if early[0] <= early[1] || early[1] == 0 {
		t.Errorf("first quarter: %d version 1, %d version 2; want both, mostly version 1", early[0], early[1])
	}
	if late[0] != 0 || late[1] == 0 {
		t.Errorf("second half: %d version 1, %d version 2; want version 2 only", late[0], late[1])
	}
	for _, r := range byID {
		if base, ok := byID[r.Amends]; ok && r.Status == record.Amended && base.InstrumentVersion != r.InstrumentVersion {
			t.Errorf("amendment %s is version %s of a version %s assessment", r.ID, r.InstrumentVersion, base.InstrumentVersion)
		}
		if base, ok := byID[r.FollowsUp]; ok && r.Status == record.Completed &&
			base.InstrumentVersion == questionnaire.Current.Version && r.InstrumentVersion == questionnaire.V1.Version {
			t.Errorf("follow-up %s goes back to version 1", r.ID)
		}
	}
	d := &Inputs{}
	if err := d.AddStore(st); err != nil {
		t.Fatal(err)
	}
	s := summarise(t, d, Options{By: Month, Exact: true})
	note := s.VersionsNote()
	for _, v := range []string{questionnaire.V1.Version, questionnaire.Current.Version} {
		if !strings.Contains(note, v) {
			t.Errorf("the summary's versions note %q does not name instrument version %s", note, v)
		}
	}
}
