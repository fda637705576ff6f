package report

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

var otherKey = []byte("another key, as a second machine's config may hold")

// exportOf is st exported in format under key.
func exportOf(t *testing.T, st *store.Store, format string, key []byte) *bytes.Reader {
	t.Helper()
	var b bytes.Buffer
	o := ExportOptions{Key: key, Location: time.UTC, Made: exportsMade}
	var err error
	if format == FormatCSV {
		_, err = ExportCSV(&b, st, o)
	} else {
		_, err = ExportNDJSON(&b, st, o)
	}
	if err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(b.Bytes())
}

func addExport(t *testing.T, in *Inputs, r *bytes.Reader, name, format string) {
	t.Helper()
	var err error
	if format == FormatCSV {
		err = in.AddCSV(r, name)
	} else {
		err = in.AddNDJSON(r, name)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// TestTheSameStoreExportedUnderTwoKeysIsCountedOnce: two pseudonymised
// exports of one store, made with different pseudonym keys, share no id;
// their records' fingerprints show them to be the same records, so a
// summary of both counts each assessment once (an amendment too, not as a
// conflict) and names the two files. Exports of two different stores are
// still counted in full.
func TestTheSameStoreExportedUnderTwoKeysIsCountedOnce(t *testing.T) {
	fs := []fixture{
		{n: 1, day: "2026-01-05", team: "Ward 7", patient: "P1", bands: questionnaire.Bands{Access: sig}},
		{n: 2, day: "2026-01-06", team: "Ward 7", patient: "P1", status: record.Amended, amends: 1, bands: questionnaire.Bands{Access: some}},
		{n: 3, day: "2026-01-07", team: "Ward 7", patient: "P2", bands: questionnaire.Bands{Access: sig}},
		{n: 4, day: "2026-01-08", team: "Ward 9", patient: "P3", bands: questionnaire.Bands{Access: no}},
	}
	st := storeOf(t, records(t, fs))
	for _, format := range []string{FormatNDJSON, FormatCSV} {
		t.Run(format, func(t *testing.T) {
			a, b := exportOf(t, st, format, testKey), exportOf(t, st, format, otherKey)
			in := &Inputs{}
			addExport(t, in, a, "a."+format, format)
			addExport(t, in, b, "b."+format, format)
			s, err := in.Summarise(Options{Exact: true})
			if err != nil {
				t.Fatal(err)
			}
			if n := whole(t, s, MeasureAssessed, ""); n != 3 {
				t.Errorf("%d assessed, want 3: each assessment once", n)
			}
			if got := whole(t, s, MeasureBand(questionnaire.Access), "some"); got != 1 {
				t.Errorf("access some = %d, want 1 (the amendment, counted once)", got)
			}
			if s.Conflicts != 0 {
				t.Errorf("%d conflicts: the same records under two keys are not records that differ", s.Conflicts)
			}
			w := in.OverlapWarnings()
			if len(w) != 1 || !strings.Contains(w[0], "a."+format) || !strings.Contains(w[0], "b."+format) || !strings.Contains(w[0], "the same 4 records") {
				t.Errorf("warnings %q: want one naming both files and the 4 records they share", w)
			}
		})
	}

	t.Run("two stores", func(t *testing.T) {
		other := storeOf(t, records(t, []fixture{{n: 5, day: "2026-01-05", team: "Ward 7", patient: "P1", bands: questionnaire.Bands{Access: sig}}}))
		in := &Inputs{}
		addExport(t, in, exportOf(t, st, FormatNDJSON, testKey), "a.ndjson", FormatNDJSON)
		addExport(t, in, exportOf(t, other, FormatNDJSON, otherKey), "b.ndjson", FormatNDJSON)
		s, err := in.Summarise(Options{Exact: true})
		if err != nil {
			t.Fatal(err)
		}
		if n := whole(t, s, MeasureAssessed, ""); n != 4 {
			t.Errorf("%d assessed, want 4: different stores share no record", n)
		}
		if w := in.OverlapWarnings(); len(w) != 0 {
			t.Errorf("warnings %q for stores that share nothing", w)
		}
	})
}

// TestAFingerprintTellsNothingOfTheRecordID: the fingerprint depends on
// the store's own secret, so the same record id in another store has
// another fingerprint, and the id printed in the EHR note cannot be
// turned into it; it is the same in every export of the store.
func TestAFingerprintTellsNothingOfTheRecordID(t *testing.T) {
	fs := []fixture{{n: 1, day: "2026-01-05", team: "Ward 7", patient: "P1", bands: questionnaire.Bands{Access: sig}}}
	line := func(st *store.Store, key []byte) string {
		b := exportOf(t, st, FormatNDJSON, key)
		var buf bytes.Buffer
		buf.ReadFrom(b)
		return ndjsonFingerprint(buf.Bytes())
	}
	one, two := storeOf(t, records(t, fs)), storeOf(t, records(t, fs))
	a, b, c := line(one, testKey), line(one, otherKey), line(two, testKey)
	if a == "" || a != b {
		t.Errorf("fingerprints %q and %q: one store's record must have one fingerprint under any key", a, b)
	}
	if a == c {
		t.Errorf("the same record id in two stores has one fingerprint %q: it must depend on the store's secret", a)
	}
	if strings.Contains(a, strings.ReplaceAll(fixtureID(1).String(), "-", "")[:12]) {
		t.Errorf("fingerprint %q shows the record id's time", a)
	}
}

// TestAStoreAndItsCopyMadeBeforeAnyExportAreCountedOnce: a store copied
// (a backup, a cp) before either was exported, each then exported under a
// different pseudonym key: a summary of the two counts each assessment
// once and says the files share their records. A secret made at the first
// export gave the copy its own, and every assessment was counted twice
// (976 for 488) with no word.
func TestAStoreAndItsCopyMadeBeforeAnyExportAreCountedOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "digicheck.db")
	st, err := store.Open(path, store.Options{Instruments: map[string]*questionnaire.Instrument{}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range records(t, []fixture{
		{n: 1, day: "2026-01-05", team: "Ward 7", patient: "P1", bands: questionnaire.Bands{Access: sig}},
		{n: 2, day: "2026-01-06", team: "Ward 9", patient: "P2", bands: questionnaire.Bands{Access: some}},
	}) {
		if err := st.Save(&r); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(cp, b, 0o600); err != nil {
		t.Fatal(err)
	}
	copied, err := store.Open(cp, store.Options{Instruments: map[string]*questionnaire.Instrument{}})
	if err != nil {
		t.Fatal(err)
	}
	in := &Inputs{}
	addExport(t, in, exportOf(t, st, FormatCSV, testKey), "store.csv", FormatCSV)
	addExport(t, in, exportOf(t, copied, FormatCSV, otherKey), "copy.csv", FormatCSV)
	s, err := in.Summarise(Options{Exact: true})
	if err != nil {
		t.Fatal(err)
	}
	if n := whole(t, s, MeasureAssessed, ""); n != 2 {
		t.Errorf("%d assessed, want 2: a store and its copy hold the same assessments", n)
	}
	if w := in.OverlapWarnings(); len(w) != 1 || !strings.Contains(w[0], "store.csv") || !strings.Contains(w[0], "copy.csv") {
		t.Errorf("warnings %q: want one naming both files", w)
	}
}

// TestAFullExportAndASubsetUnderAnotherKeyAgree: a full export of a store
// and an export of its February on (made under another pseudonym key)
// share February's records by fingerprint. A February follow-up names its
// January baseline, which the subset does not hold, by the subset's key;
// it is the same baseline, learnt from the follow-up they share, so the
// records do not differ and each is counted once, whichever file is read
// first.
func TestAFullExportAndASubsetUnderAnotherKeyAgree(t *testing.T) {
	st := storeOf(t, records(t, wardFixtures()))
	export := func(format string, key []byte, from time.Time) *bytes.Reader {
		var b bytes.Buffer
		o := ExportOptions{Key: key, Location: time.UTC, From: from}
		var err error
		if format == FormatCSV {
			_, err = ExportCSV(&b, st, o)
		} else {
			_, err = ExportNDJSON(&b, st, o)
		}
		if err != nil {
			t.Fatal(err)
		}
		return bytes.NewReader(b.Bytes())
	}
	alone := &Inputs{}
	addExport(t, alone, exportOf(t, st, FormatNDJSON, testKey), "full.ndjson", FormatNDJSON)
	want, err := alone.Summarise(Options{Exact: true})
	if err != nil {
		t.Fatal(err)
	}
	february := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	for _, format := range []string{FormatNDJSON, FormatCSV} {
		for _, subsetFirst := range []bool{false, true} {
			name := fmt.Sprintf("%s, subset first %v", format, subsetFirst)
			full, subset := export(format, testKey, time.Time{}), export(format, otherKey, february)
			in := &Inputs{}
			if subsetFirst {
				addExport(t, in, subset, "feb."+format, format)
				addExport(t, in, full, "full."+format, format)
			} else {
				addExport(t, in, full, "full."+format, format)
				addExport(t, in, subset, "feb."+format, format)
			}
			s, err := in.Summarise(Options{Exact: true})
			if err != nil {
				t.Fatal(err)
			}
			if s.Conflicts != 0 {
				t.Errorf("%s: %d records differ; the subset's are copies of the full export's", name, s.Conflicts)
			}
			for _, m := range []string{MeasureAssessed, MeasureFollowUp} {
				cat := ""
				if m == MeasureFollowUp {
					cat = "compared"
				}
				if got, w := whole(t, s, m, cat), whole(t, want, m, cat); got != w {
					t.Errorf("%s: %s %s = %d, want %d as the full export alone", name, m, cat, got, w)
				}
			}
		}
	}
	// A record that truly differs in the subset (its team another in the
	// store it was exported from) is still one that differs.
	full, subset := export(FormatCSV, testKey, time.Time{}), export(FormatCSV, otherKey, february)
	text, _ := io.ReadAll(subset)
	changed := string(resealed(t, FormatCSV, []byte(strings.Replace(string(text), "District nurses", "Ward 9", 1))))
	if changed == string(resealed(t, FormatCSV, text)) {
		t.Fatal("the subset has no District nurses row to change")
	}
	in := &Inputs{}
	addExport(t, in, full, "full.csv", FormatCSV)
	addExport(t, in, bytes.NewReader([]byte(changed)), "feb.csv", FormatCSV)
	s, err := in.Summarise(Options{Exact: true})
	if err != nil {
		t.Fatal(err)
	}
	if s.Conflicts != 1 {
		t.Errorf("a record changed in the subset: %d records differ, want 1", s.Conflicts)
	}
}
