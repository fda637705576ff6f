package report

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// damageSecret flips one bit of the store's own secret at path, as a
// failing disk would: its exports then carry no fingerprints.
func damageSecret(t *testing.T, path string) {
	t.Helper()
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		m := tx.Bucket([]byte("meta"))
		v := bytes.Clone(m.Get([]byte("source")))
		v[0] ^= 0x10
		return m.Put([]byte("source"), v)
	})
}

// TestAnExportWithoutFingerprintsBesideOneWithThemUnderAnotherKeyIsNotCountedTwice:
// one export of a store made with fingerprints, and another of the same
// store made under another pseudonym key after its secret was damaged
// (so with none), share neither ids nor fingerprints: summarised
// together, every assessment was counted twice, silently. The summary
// now refuses them, naming the file without fingerprints and saying why
// the two cannot be matched, in either order. The same store's exports
// under one key still match by id and are counted once, without a word.
func TestAnExportWithoutFingerprintsBesideOneWithThemUnderAnotherKeyIsNotCountedTwice(t *testing.T) {
	fs := []fixture{
		{n: 1, day: "2026-01-05", team: "Ward 7", patient: "P1", bands: questionnaire.Bands{Access: sig}},
		{n: 2, day: "2026-01-06", team: "Ward 7", patient: "P1", status: record.Amended, amends: 1, bands: questionnaire.Bands{Access: some}},
		{n: 3, day: "2026-01-07", team: "Ward 7", patient: "P2", bands: questionnaire.Bands{Access: sig}},
		{n: 4, day: "2026-01-08", team: "Ward 9", patient: "P3", bands: questionnaire.Bands{Access: no}},
	}
	for _, format := range []string{FormatCSV, FormatNDJSON} {
		t.Run(format, func(t *testing.T) {
			st := storeOf(t, records(t, fs))
			printed := exportOf(t, st, format, testKey)
			damageSecret(t, st.Path())
			// Marked as the export command marks a store whose own
			// secret is damaged: on every row or line.
			bare := markedExportOf(t, st, format, otherKey, SecretDamagedMark)
			bareSameKey := markedExportOf(t, st, format, testKey, SecretDamagedMark)
			if raw := string(exportBytes(t, bare)); strings.Count(raw, "\n") < 4 || holdsFingerprints(raw) {
				t.Fatalf("the export of a store whose secret is damaged still carries fingerprints:\n%s", raw)
			}
			for _, order := range [][2]string{{"printed." + format, "bare." + format}, {"bare." + format, "printed." + format}} {
				in := &Inputs{}
				for _, name := range order {
					r := printed
					if strings.HasPrefix(name, "bare") {
						r = bare
					}
					r.Seek(0, 0)
					addExport(t, in, bytes.NewReader(exportBytes(t, r)), name, format)
				}
				s, err := in.Summarise(Options{Exact: true})
				if err == nil {
					t.Errorf("%s then %s: summarised (%d assessed, of 3), want them refused as not to be matched", order[0], order[1], whole(t, s, MeasureAssessed, ""))
					continue
				}
				said := err.Error()
				for _, want := range []string{"bare." + format, "printed." + format, "no fingerprints", "counted twice"} {
					if !strings.Contains(said, want) {
						t.Errorf("%s then %s: the refusal does not say %q:\n%s", order[0], order[1], want, said)
					}
				}
			}

			// Under the one key, the ids match: counted once, as before.
			in := &Inputs{}
			printed.Seek(0, 0)
			addExport(t, in, bytes.NewReader(exportBytes(t, printed)), "printed."+format, format)
			addExport(t, in, bytes.NewReader(exportBytes(t, bareSameKey)), "same-key."+format, format)
			s, err := in.Summarise(Options{Exact: true})
			if err != nil {
				t.Fatalf("the same store's exports under one key, one without fingerprints: %v", err)
			}
			if n := whole(t, s, MeasureAssessed, ""); n != 3 {
				t.Errorf("%d assessed, want 3", n)
			}
		})
	}
}

// markedExportOf is st exported in format under key, every row or line
// marked damaged_store as mark says.
func markedExportOf(t *testing.T, st *store.Store, format string, key []byte, mark string) *bytes.Reader {
	t.Helper()
	var b bytes.Buffer
	o := ExportOptions{Key: key, Location: time.UTC, Damaged: mark}
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

// exportBytes is what is left to read of r, r left where it was.
func exportBytes(t *testing.T, r *bytes.Reader) []byte {
	t.Helper()
	at, _ := r.Seek(0, 1)
	defer r.Seek(at, 0)
	var b bytes.Buffer
	if _, err := b.ReadFrom(r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// holdsFingerprints says whether an export's text holds any fingerprint.
func holdsFingerprints(raw string) bool {
	if strings.HasPrefix(raw, "{") {
		for _, line := range strings.Split(raw, "\n") {
			if ndjsonFingerprint([]byte(line)) != "" {
				return true
			}
		}
		return false
	}
	rows, err := csv.NewReader(strings.NewReader(raw)).ReadAll()
	if err != nil || len(rows) == 0 {
		return false
	}
	col := slices.Index(rows[0], FingerprintColumn)
	for _, row := range rows[1:] {
		if col >= 0 && col < len(row) && row[col] != "" {
			return true
		}
	}
	return false
}
