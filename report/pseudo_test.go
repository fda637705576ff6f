package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// pseudoStore is a store of synthetic assessments over 2025, with
// follow-ups, amendments and voids, and the records it holds by id.
func pseudoStore(t *testing.T, n int) (*store.Store, map[string]record.Record) {
	t.Helper()
	st := storeOf(t, nil)
	if _, err := Synthesise(st, SyntheticOptions{Count: n, Seed: 14,
		From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	byID := map[string]record.Record{}
	for _, r := range allStored(t, st) {
		byID[r.ID.String()] = r
	}
	return st, byID
}

func allStored(t *testing.T, st *store.Store) []record.Record {
	t.Helper()
	var out []record.Record
	if err := st.Each(func(r record.Record) error { out = append(out, r); return nil }, nil); err != nil {
		t.Fatal(err)
	}
	return out
}

func london(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no time zone data")
	}
	return loc
}

// TestAPseudonymisedExportSummarisesAsTheStoreDoes: with pseudonymous ids
// and times to the date, a summary of the CSV or NDJSON export counts
// exactly what a summary of the store does (each assessment once, its
// latest version, voids left out, in the week and month of its first
// version, across the summer time change), and two overlapping exports
// made with the same key count each record once.
func TestAPseudonymisedExportSummarisesAsTheStoreDoes(t *testing.T) {
	// 3000 records exported three times and summarised four ways: the
	// slowest test of the package under -race (30 s), where the exports
	// and summaries of smaller stores run too.
	testkit.Bulk(t)
	loc := london(t)
	st, _ := pseudoStore(t, 3000)
	exports := map[string]*bytes.Buffer{}
	for _, f := range []string{FormatCSV, FormatNDJSON} {
		var b bytes.Buffer
		o := ExportOptions{Key: testKey, Location: loc}
		var err error
		if f == FormatCSV {
			_, err = ExportCSV(&b, st, o)
		} else {
			_, err = ExportNDJSON(&b, st, o)
		}
		if err != nil {
			t.Fatal(err)
		}
		exports[f] = &b
	}
	var firstHalf bytes.Buffer
	if _, err := ExportCSV(&firstHalf, st, ExportOptions{Key: testKey, Location: loc,
		To: time.Date(2025, 6, 30, 0, 0, 0, 0, loc)}); err != nil {
		t.Fatal(err)
	}
	fromStore := &Inputs{}
	if err := fromStore.AddStore(st); err != nil {
		t.Fatal(err)
	}
	fromCSV, fromNDJSON, both := &Inputs{}, &Inputs{}, &Inputs{}
	for _, add := range []error{
		fromCSV.AddCSV(bytes.NewReader(exports[FormatCSV].Bytes()), "all.csv"),
		fromNDJSON.AddNDJSON(bytes.NewReader(exports[FormatNDJSON].Bytes()), "all.ndjson"),
		both.AddCSV(bytes.NewReader(firstHalf.Bytes()), "h1.csv"),
		both.AddNDJSON(bytes.NewReader(exports[FormatNDJSON].Bytes()), "all.ndjson"),
	} {
		if add != nil {
			t.Fatal(add)
		}
	}
	for _, by := range []By{Week, Month} {
		want := summarise(t, fromStore, Options{By: by, Exact: true, Location: loc})
		for name, d := range map[string]*Inputs{"CSV": fromCSV, "NDJSON": fromNDJSON, "half CSV and all NDJSON": both} {
			got := summarise(t, d, Options{By: by, Exact: true, Location: loc})
			if len(got.Cells) != len(want.Cells) {
				t.Errorf("%s by %s: %d cells, the store %d", name, by, len(got.Cells), len(want.Cells))
				continue
			}
			bad := 0
			for i := range want.Cells {
				if key(got.Cells[i]) != key(want.Cells[i]) || got.Cells[i].Count != want.Cells[i].Count {
					if bad++; bad <= 5 {
						t.Errorf("%s by %s: %s = %d, the store %s = %d", name, by, key(got.Cells[i]), got.Cells[i].Count, key(want.Cells[i]), want.Cells[i].Count)
					}
				}
			}
		}
	}
}

// exported is what a pseudonymised export says of each record.
type exported struct {
	id, amends, followsUp, time, clinician string
}

func readExport(t *testing.T, format string, b []byte) []exported {
	t.Helper()
	var out []exported
	switch format {
	case FormatCSV:
		rows := withoutEndRow(readCSV(t, b))
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		for _, r := range rows[1:] {
			out = append(out, exported{id: r[col["id"]], amends: r[col["amends"]], followsUp: r[col["follows_up"]], time: r[col["time"]]})
		}
	case FormatNDJSON:
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			if isMarkLine(sc.Bytes()) {
				continue
			}
			var r record.Record
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatal(err)
			}
			var raw map[string]any
			json.Unmarshal(sc.Bytes(), &raw)
			out = append(out, exported{id: r.ID.String(), amends: r.Amends.String(), followsUp: r.FollowsUp.String(), time: raw["time"].(string), clinician: r.Clinician})
		}
	case FormatFHIR:
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			if _, end := testkit.EndMarkCount(sc.Bytes()); end {
				// The end mark holds no patient's data: it counts
				// the resources above it.
				continue
			}
			var qr struct {
				ResourceType string `json:"resourceType"`
				ID           string `json:"id"`
				Authored     string `json:"authored"`
				Meta         struct {
					Security []struct{ Code string } `json:"security"`
				} `json:"meta"`
			}
			if err := json.Unmarshal(sc.Bytes(), &qr); err != nil {
				t.Fatal(err)
			}
			labelled := false
			for _, s := range qr.Meta.Security {
				labelled = labelled || s.Code == "PSEUDED"
			}
			if !labelled {
				// The resources derived from a response are labelled
				// as it is.
				t.Errorf("FHIR %s %s has no PSEUDED security label", qr.ResourceType, qr.ID)
			}
			if qr.ResourceType == "QuestionnaireResponse" {
				out = append(out, exported{id: qr.ID, time: qr.Authored})
			}
		}
	}
	return out
}

func export(t *testing.T, format string, st *store.Store, o ExportOptions) []byte {
	t.Helper()
	if o.Made.IsZero() {
		o.Made = exportsMade // the same export, made twice, is the same
	}
	var b bytes.Buffer
	var err error
	switch format {
	case FormatCSV:
		_, err = ExportCSV(&b, st, o)
	case FormatNDJSON:
		_, err = ExportNDJSON(&b, st, o)
	case FormatFHIR:
		_, err = ExportFHIR(&b, st, o)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestAPseudonymisedExportCannotBeLinkedThroughTheNote: the record id
// printed in the note pasted into the EHR appears in no pseudonymised
// export (CSV, NDJSON, FHIR); the ids written instead are keyed, the same
// in every export with the same key and different with another, and the
// links between records (amends, follows_up) use them, so they join.
// Times are to the date by default; no clinician is named, and no
// free-text reason is kept.
func TestAPseudonymisedExportCannotBeLinkedThroughTheNote(t *testing.T) {
	loc := london(t)
	st, byID := pseudoStore(t, 600)
	var voidReasons []string
	for _, r := range byID {
		if r.VoidReason != "" {
			voidReasons = append(voidReasons, r.VoidReason)
		}
	}
	if len(voidReasons) == 0 {
		t.Fatal("no voids among the synthetic records: the test proves nothing")
	}
	for _, format := range []string{FormatCSV, FormatNDJSON, FormatFHIR} {
		b := export(t, format, st, ExportOptions{Key: testKey, Location: loc})
		text := string(b)
		for id, r := range byID {
			if strings.Contains(text, id) || strings.Contains(text, strings.ReplaceAll(id, "-", "")) {
				t.Fatalf("%s: the record id %s, printed in the EHR note, is in the export", format, id)
			}
			if format == FormatNDJSON && strings.Contains(text, `"clinician":"`+r.Clinician+`"`) {
				t.Fatalf("%s: the clinician %q is named", format, r.Clinician)
			}
		}
		for _, reason := range voidReasons {
			if strings.Contains(text, reason) {
				t.Errorf("%s: the void reason %q is in the export", format, reason)
			}
		}
		for _, m := range regexp.MustCompile(`"since_time":"([^"]*)"`).FindAllStringSubmatch(text, -1) {
			if !isDayStart(t, m[1], loc) {
				t.Errorf("%s: a follow-up's since_time %q is not to the date", format, m[1])
			}
		}
		rows := readExport(t, format, b)
		ids := map[string]bool{}
		for _, r := range rows {
			u, err := uuid.Parse(r.id)
			if err != nil || u.Version() != 8 {
				t.Fatalf("%s: id %q is not a pseudonymous (version 8) UUID: %v", format, r.id, err)
			}
			ids[r.id] = true
			if !isDayStart(t, r.time, loc) {
				t.Errorf("%s: time %q is not to the date", format, r.time)
			}
			if r.clinician != "" {
				t.Errorf("%s: clinician %q", format, r.clinician)
			}
		}
		links := 0
		for _, r := range rows {
			for _, l := range []string{r.amends, r.followsUp} {
				if l == "" {
					continue
				}
				links++
				if !ids[l] {
					t.Errorf("%s: a link to %s, which is no record of the export", format, l)
				}
			}
		}
		if format != FormatFHIR && links == 0 {
			t.Errorf("%s: no links between records: the test proves nothing", format)
		}
		// The same key gives the same ids; another key, others.
		if again := export(t, format, st, ExportOptions{Key: testKey, Location: loc}); !bytes.Equal(again, b) {
			t.Errorf("%s: two exports with the same key differ", format)
		}
		other := readExport(t, format, export(t, format, st, ExportOptions{Key: []byte("another key for the tests, as long"), Location: loc}))
		if other[0].id == rows[0].id {
			t.Errorf("%s: another key gives the same record id", format)
		}
	}
}

// isDayStart reports whether s is a date, or the start of a day in loc.
func isDayStart(t *testing.T, s string, loc *time.Location) bool {
	if _, err := time.Parse(time.DateOnly, s); err == nil {
		return true
	}
	tm, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return false
	}
	tm = tm.In(loc)
	return tm.Hour() == 0 && tm.Minute() == 0 && tm.Second() == 0 && tm.Nanosecond() == 0
}

// TestTheSiteChoosesTheTimePrecision: "minute" gives whole minutes, and
// "exact" and --identifiable the time as kept; identifiable exports keep
// record ids and clinicians too. An unknown precision is refused.
func TestTheSiteChoosesTheTimePrecision(t *testing.T) {
	st, byID := pseudoStore(t, 200)
	for _, format := range []string{FormatCSV, FormatNDJSON, FormatFHIR} {
		for _, o := range []ExportOptions{
			{Key: testKey, TimePrecision: PrecisionMinute},
			{Key: testKey, TimePrecision: PrecisionExact},
			{Identifiable: true},
		} {
			b := export(t, format, st, o)
			var rows []exported
			if o.Identifiable {
				rows = readIdentifiable(t, format, b)
			} else {
				rows = readExport(t, format, b)
			}
			exactSeen := false
			for _, r := range rows {
				tm, err := time.Parse(time.RFC3339Nano, r.time)
				if err != nil {
					t.Fatalf("%s %+v: time %q: %v", format, o, r.time, err)
				}
				if o.TimePrecision == PrecisionMinute && tm.Second() != 0 {
					t.Errorf("%s minute: time %q", format, r.time)
				}
				exactSeen = exactSeen || tm.Second() != 0
				if o.Identifiable {
					if _, ok := byID[r.id]; !ok {
						t.Errorf("%s identifiable: id %s is not the record's", format, r.id)
					}
				}
			}
			if o.TimePrecision != PrecisionMinute && !exactSeen {
				t.Errorf("%s %+v: no time has seconds: not exact", format, o)
			}
		}
	}
	if _, err := ExportCSV(&bytes.Buffer{}, st, ExportOptions{Key: testKey, TimePrecision: "hour"}); err == nil {
		t.Error("an unknown time precision was accepted")
	}
}

func readIdentifiable(t *testing.T, format string, b []byte) []exported {
	if format != FormatFHIR {
		return readExport(t, format, b)
	}
	var out []exported
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var qr struct{ ResourceType, ID, Authored string }
		if err := json.Unmarshal(sc.Bytes(), &qr); err != nil {
			t.Fatal(err)
		}
		if qr.ResourceType == "QuestionnaireResponse" {
			out = append(out, exported{id: qr.ID, time: qr.Authored})
		}
	}
	return out
}
