package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/fhir"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

var testKey = []byte("digicheck report tests: not a site key")

// nhsFixtures is the ward fixture with NHS numbers for patients, as a
// store holds them.
func nhsFixtures(t testing.TB) []record.Record {
	rs := records(t, wardFixtures())
	nhs := map[string]string{}
	next := 0
	for i := range rs {
		p := rs[i].Patient.Value
		if _, ok := nhs[p]; !ok {
			g := &synthetic{patient: next}
			nhs[p] = g.newPatient().Value
			next = g.patient
		}
		rs[i].Patient = record.PatientID{Kind: record.NHSNumber, Value: nhs[p]}
	}
	return rs
}

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestTheCSVColumnsAreTheDocumentedOnes(t *testing.T) {
	// A change here breaks every warehouse that loads the export: new
	// columns go on the end.
	want := "id,patient,patient_kind,time,date,team,status,amends,follows_up,synthetic,instrument_version,directory_version," +
		"band_access,band_skills,band_motivation,band_trust,primary_route,fallback_route,choice,choice_honoured," +
		"referrals_offered,referrals_agreed,referrals_declined," +
		"change_access,change_skills,change_motivation,change_trust,change_primary,change_fallback," +
		"outcomes_attended,outcomes_helped,outcomes_not_taken_up," +
		"access_devices,access_internet,access_afford,skills_tasks,skills_help,motivation_want,trust_worry,trust_experience," +
		"comms_needs,comms_language,reading_help,choice_route,equity_age,equity_disability,equity_benefits,equity_language,equity_ethnicity,equity_postcode," +
		"referrals_not_discussed,time_zone,fingerprint,record_key,end_mark,row_check"
	if got := strings.Join(csvColumns, ","); got != want {
		t.Errorf("columns:\n got %s\nwant %s", got, want)
	}
	// Every answered item of the instrument has a column.
	for _, it := range questionnaire.V1.Items() {
		col := strings.ReplaceAll(it.LinkID, ".", "_")
		if !strings.Contains(want, ","+col) {
			t.Errorf("no column for %s", it.LinkID)
		}
	}
}

func TestTheCSVHoldsEachRecordAsItIs(t *testing.T) {
	rs := nhsFixtures(t)
	st := storeOf(t, rs)
	var b bytes.Buffer
	n, err := ExportCSV(&b, st, ExportOptions{Key: testKey, Location: time.UTC})
	if err != nil || n != len(rs) {
		t.Fatalf("ExportCSV = %d, %v", n, err)
	}
	rows := readCSV(t, b.Bytes())
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	byID := map[string][]string{}
	for _, r := range rows[1:] {
		byID[r[0]] = r
	}
	p, _ := fhir.NewPseudonymiser(testKey)
	// Record ids are pseudonymised, links with them.
	pid := func(n int) string {
		s := p.PseudonymousID(fixtureID(n)).String()
		return s
	}
	// Record 8 of the ward fixture: a follow-up, written out by hand.
	r8 := byID[pid(8)]
	if r8 == nil {
		t.Fatalf("no row under the pseudonymous id of record 8")
	}
	for c, want := range map[string]string{
		"patient":               p.Pseudonym(record.NHSNumber, rs[7].Patient.Value),
		"patient_kind":          "pseudonym",
		"time":                  "2026-02-15T00:00:00Z", // to the date, by default
		"date":                  "2026-02-15",
		"team":                  "District nurses",
		"status":                "completed",
		"follows_up":            pid(1),
		"synthetic":             "no",
		"band_access":           "some",
		"band_motivation":       "none",
		"primary_route":         "letter",
		"choice":                "",
		"choice_honoured":       "",
		"referrals_offered":     "get-safe-online",
		"referrals_agreed":      "get-safe-online",
		"referrals_declined":    "",
		"change_access":         "better",
		"change_trust":          "worse",
		"change_primary":        "changed",
		"change_fallback":       "same",
		"outcomes_helped":       "national-databank",
		"outcomes_not_taken_up": "learn-my-way",
		"equity_age":            "75+",
		"equity_postcode":       "LS6",
		"access_devices":        "",
	} {
		if got := r8[col[c]]; got != want {
			t.Errorf("record 8, %s = %q, want %q", c, got, want)
		}
	}
	// Record 5 amends 4; 7 voids 6.
	if r := byID[pid(5)]; r[col["status"]] != "amended" || r[col["amends"]] != pid(4) {
		t.Errorf("record 5: %v", r)
	}
	if r := byID[pid(7)]; r[col["status"]] != "entered-in-error" || r[col["amends"]] != pid(6) {
		t.Errorf("record 7: %v", r)
	}
	// Record 1: a referral agreed and one declined.
	if r := byID[pid(1)]; r[col["referrals_offered"]] != "national-databank;learn-my-way" ||
		r[col["referrals_agreed"]] != "national-databank" || r[col["referrals_declined"]] != "learn-my-way" ||
		r[col["referrals_not_discussed"]] != "" {
		t.Errorf("record 1 referrals: %v, not discussed %q", r[col["referrals_offered"]:col["referrals_declined"]+1], r[col["referrals_not_discussed"]])
	}
	// Record 3: one agreed and one not discussed.
	if r := byID[pid(3)]; r[col["referrals_offered"]] != "public-library;learn-my-way" ||
		r[col["referrals_agreed"]] != "public-library" || r[col["referrals_declined"]] != "" ||
		r[col["referrals_not_discussed"]] != "learn-my-way" {
		t.Errorf("record 3 referrals: %v, not discussed %q", r[col["referrals_offered"]:col["referrals_declined"]+1], r[col["referrals_not_discussed"]])
	}
}

func TestACSVExportSummarisesAsTheStoreDoes(t *testing.T) {
	rs := nhsFixtures(t)
	st := storeOf(t, rs)
	var b bytes.Buffer
	if _, err := ExportCSV(&b, st, ExportOptions{Key: testKey, Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	fromCSV := &Inputs{}
	if err := fromCSV.AddCSV(bytes.NewReader(b.Bytes()), "export.csv"); err != nil {
		t.Fatal(err)
	}
	fromStore := &Inputs{}
	if err := fromStore.AddStore(st); err != nil {
		t.Fatal(err)
	}
	got := summarise(t, fromCSV, Options{By: Week, Exact: true})
	want := summarise(t, fromStore, Options{By: Week, Exact: true})
	for i := range want.Cells {
		if got.Cells[i].Count != want.Cells[i].Count {
			t.Errorf("%s: CSV %d, store %d", key(want.Cells[i]), got.Cells[i].Count, want.Cells[i].Count)
		}
	}
}

func TestFreeTextCannotRunAsASpreadsheetFormula(t *testing.T) {
	r := nhsFixtures(t)[0]
	r.Team = "=HYPERLINK(\"http://x\",\"y\")"
	st := storeOf(t, []record.Record{r})
	var b bytes.Buffer
	if _, err := ExportCSV(&b, st, ExportOptions{Identifiable: true}); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, b.Bytes())
	if got := rows[1][5]; got != "'"+r.Team {
		t.Errorf("team written %q", got)
	}
	d := &Inputs{}
	if err := d.AddCSV(bytes.NewReader(b.Bytes()), "x.csv"); err != nil {
		t.Fatal(err)
	}
	s := summarise(t, d, Options{Exact: true, Teams: []string{r.Team}})
	if s.Cells[0].Count != 1 {
		t.Error("the team read back from the CSV is not the team written")
	}
}

func TestPseudonymsAreTheFHIRExportsAndNeedTheKey(t *testing.T) {
	p, err := fhir.NewPseudonymiser(testKey)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []record.PatientID{{Kind: record.NHSNumber, Value: "9434765919"}, {Kind: record.LocalID, Value: "RX1-004512"}} {
		want, err := fhir.PseudonymSubject(questionnaire.V1, testKey, id)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Pseudonym(id.Kind, id.Value); got != want.Value {
			t.Errorf("%s: CSV pseudonym %s, FHIR %s", id.Value, got, want.Value)
		}
	}
	other, _ := fhir.NewPseudonymiser([]byte("another key, also long enough!!"))
	if p.Pseudonym("nhs", "9434765919") == other.Pseudonym("nhs", "9434765919") {
		t.Error("two keys give the same pseudonym")
	}
	if _, err := fhir.NewPseudonymiser([]byte("short")); !errors.Is(err, fhir.ErrShortKey) {
		t.Errorf("a short key: %v", err)
	}
	st := storeOf(t, nhsFixtures(t)[:1])
	for _, f := range []func() (int, error){
		func() (int, error) { return ExportCSV(&bytes.Buffer{}, st, ExportOptions{}) },
		func() (int, error) { return ExportNDJSON(&bytes.Buffer{}, st, ExportOptions{}) },
		func() (int, error) { return ExportFHIR(&bytes.Buffer{}, st, ExportOptions{}) },
	} {
		if _, err := f(); !errors.Is(err, ErrNoKey) {
			t.Errorf("a de-identified export with no key: %v, want ErrNoKey", err)
		}
	}
}

func TestAKeyFileIsMadeOnceAndRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "site", "digicheck.key")
	if err := NewKeyFile(path); err != nil {
		t.Fatal(err)
	}
	key, err := LoadKey(path)
	if err != nil || len(key) != KeyBytes {
		t.Fatalf("LoadKey = %d bytes, %v", len(key), err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm()&0o077 != 0 && os.PathSeparator == '/' {
		t.Errorf("key file mode %v, %v: want readable by its owner only", fi.Mode(), err)
	}
	if err := NewKeyFile(path); err == nil {
		t.Error("a second keygen overwrote the key")
	}
	again, _ := LoadKey(path)
	if !bytes.Equal(again, key) {
		t.Error("the key changed")
	}
	short := filepath.Join(t.TempDir(), "short.key")
	os.WriteFile(short, []byte("abcd\n"), 0o600)
	if _, err := LoadKey(short); !errors.Is(err, fhir.ErrShortKey) {
		t.Errorf("a 2-byte key: %v", err)
	}
}

func TestADeidentifiedNDJSONExportNamesNoPatient(t *testing.T) {
	rs := nhsFixtures(t)
	rs[6].VoidReason = "wrong patient: this was Mrs Jones, 943 476 5919"
	rs[7].Outcomes[1].Reason = "her son Tom was away"
	st := storeOf(t, rs)
	var b bytes.Buffer
	if _, err := ExportNDJSON(&b, st, ExportOptions{Key: testKey}); err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if strings.Contains(b.String(), r.Patient.Value) {
			t.Errorf("NHS number %s in the de-identified export", r.Patient.Value)
		}
	}
	for _, s := range []string{"Mrs Jones", "Tom"} {
		if strings.Contains(b.String(), s) {
			t.Errorf("free text %q in the de-identified export", s)
		}
	}
	// It reads back into the same summary.
	d := &Inputs{}
	if err := d.AddNDJSON(bytes.NewReader(b.Bytes()), "x.ndjson"); err != nil {
		t.Fatal(err)
	}
	got := summarise(t, d, Options{Exact: true})
	want := summarise(t, datasetOf(t, rs), Options{Exact: true})
	for i := range want.Cells {
		if got.Cells[i].Count != want.Cells[i].Count {
			t.Errorf("%s: export %d, records %d", key(want.Cells[i]), got.Cells[i].Count, want.Cells[i].Count)
		}
	}

	b.Reset()
	if _, err := ExportNDJSON(&b, st, ExportOptions{Identifiable: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), rs[0].Patient.Value) || !strings.Contains(b.String(), "Mrs Jones") {
		t.Error("an identifiable export leaves out the NHS number or the void reason")
	}
}

// TestTheFHIRExportHasOneResponsePerAssessment: the ward fixture's twelve
// records are eight assessments: 1, 2, 3, 8 and 9 alone; 4 and 5 (amended);
// 6 and 7 (entered in error); 10, 11 and 12 (amended twice).
func TestTheFHIRExportHasOneResponsePerAssessment(t *testing.T) {
	rs := nhsFixtures(t)
	for i := range rs {
		// FHIR needs answers valid for the instrument.
		res, err := questionnaire.V1.Assess(testkit.Included(rs[i].Answers), questionnaire.National)
		if err != nil {
			t.Fatal(err)
		}
		res.Bands, res.Recommendation = rs[i].Bands, rs[i].Recommendation
		rs[i].Answers, rs[i].Result = testkit.Included(rs[i].Answers), res
	}
	st := storeOf(t, rs)
	var b bytes.Buffer
	n, err := ExportFHIR(&b, st, ExportOptions{Key: testKey, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	if n != 8 {
		t.Errorf("%d responses, want 8", n)
	}
	got := map[string]string{}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	// The last line is the end mark (TestTheFHIRExportEndsWithAnEndMarkAFHIRReaderTakes).
	if _, ok := testkit.EndMarkCount([]byte(lines[len(lines)-1])); !ok {
		t.Errorf("the export does not end with its end mark")
	}
	for _, line := range lines[:len(lines)-1] {
		var qr struct {
			ResourceType, ID, Status, Questionnaire, Authored string
			Subject                                           struct {
				Identifier struct{ System, Value string }
			}
		}
		if err := json.Unmarshal([]byte(line), &qr); err != nil {
			t.Fatal(err)
		}
		if qr.Subject.Identifier.System != (fhir.Site{}).PseudonymSystemFor(testKey) {
			t.Errorf("%s %s: subject %+v: want a pseudonym", qr.ResourceType, qr.ID, qr.Subject)
		}
		if qr.ResourceType != "QuestionnaireResponse" {
			// A resource derived from the response before it.
			if len(qr.ID) < 36 || got[qr.ID[:36]] == "" {
				t.Errorf("%s %s does not follow its response", qr.ResourceType, qr.ID)
			}
			continue
		}
		if qr.Questionnaire != questionnaire.V1.URL+"|1" {
			t.Errorf("resource %s %s", qr.ResourceType, qr.Questionnaire)
		}
		got[qr.ID] = qr.Status + " " + qr.Authored
	}
	// Under the pseudonymous id of the first version, authored to the date.
	p, _ := fhir.NewPseudonymiser(testKey)
	pid := func(n int) string { return p.PseudonymousID(fixtureID(n)).String() }
	want := map[string]string{
		pid(1): "completed 2026-01-05", pid(2): "completed 2026-01-12",
		pid(3): "completed 2026-01-20",
		pid(4): "amended 2026-03-03", // 5's answers, under 4's id
		pid(6): "entered-in-error 2026-02-11",
		pid(8): "completed 2026-02-15", pid(9): "completed 2026-02-20",
		pid(10): "amended 2026-02-27", // 12's
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: %q, want %q", id, got[id], w)
		}
	}
	if len(got) != 8 {
		t.Errorf("%d distinct ids: %v", len(got), got)
	}
}

func TestAnExportOfAPeriodHoldsEveryVersionOfItsAssessments(t *testing.T) {
	st := storeOf(t, nhsFixtures(t))
	var b bytes.Buffer
	// February: 4 (and 5, made in March, which amends it), 6 and 7, 8, 9,
	// 10, 11 and 12.
	n, err := ExportCSV(&b, st, ExportOptions{Identifiable: true, Location: time.UTC,
		From: day(t, "2026-02-01"), To: day(t, "2026-02-28")})
	if err != nil {
		t.Fatal(err)
	}
	if n != 9 {
		t.Errorf("%d rows, want 9", n)
	}
	rows := withoutEndRow(readCSV(t, b.Bytes()))
	var ids []string
	for _, r := range rows[1:] {
		ids = append(ids, strings.TrimPrefix(r[0], "01957a3c-0000-7000-8000-0000000000"))
	}
	if got := strings.Join(ids, " "); got != "04 05 06 07 08 09 10 11 12" {
		t.Errorf("rows %s", got)
	}
}

// TestEachReferralAnswerCountsAsItselfFromEverySource: a patient offered
// three referrals agreed to one, declined one, and one was not discussed.
// Each answer is counted as itself, whether the summary reads the records,
// the store, or a CSV or NDJSON export of it.
func TestEachReferralAnswerCountsAsItselfFromEverySource(t *testing.T) {
	r := fixture{n: 1, day: "2026-01-05", team: "Ward 7", patient: "P1", bands: questionnaire.Bands{Access: sig, Skills: sig},
		refs: []questionnaire.Referral{ref("national-databank", questionnaire.Agreed), ref("learn-my-way", questionnaire.Declined),
			ref("public-library", questionnaire.NotDiscussed)}}.record(t)
	r.Patient = record.PatientID{Kind: record.NHSNumber, Value: "9434765919"}
	st := storeOf(t, []record.Record{r})
	var csvOut, ndjson bytes.Buffer
	if _, err := ExportCSV(&csvOut, st, ExportOptions{Key: testKey, Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	if _, err := ExportNDJSON(&ndjson, st, ExportOptions{Key: testKey, Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ndjson.String(), `"consent":"not-discussed"`) {
		t.Errorf("the NDJSON record does not say the referral was not discussed: %s", ndjson.String())
	}
	rows := readCSV(t, csvOut.Bytes())
	nd := slices.Index(rows[0], "referrals_not_discussed")
	if nd < 0 || rows[1][nd] != "public-library" {
		t.Errorf("CSV referrals_not_discussed (column %d) is not public-library: %v", nd, rows[1])
	}

	sources := map[string]func() (*Summary, error){
		"records": func() (*Summary, error) { return datasetOf(t, []record.Record{r}).Summarise(Options{Exact: true}) },
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
			if c.Period == All && c.Breakdown == All && (strings.HasPrefix(c.Measure, "referral") || c.Measure == MeasureReferred) {
				got[c.Measure+"/"+c.Category] += c.Count
			}
		}
		for k, want := range map[string]int{
			"referred/offered-any": 1, "referred/agreed-any": 1, "referred/not-discussed-any": 1,
			"referral.offered/national-databank": 1, "referral.agreed/national-databank": 1,
			"referral.offered/learn-my-way": 1, "referral.declined/learn-my-way": 1,
			"referral.offered/public-library": 1, "referral.not-discussed/public-library": 1,
			"referral.not-recorded/public-library": 0, "referral.declined/public-library": 0,
		} {
			if got[k] != want {
				t.Errorf("%s: %s = %d, want %d", name, k, got[k], want)
			}
		}
		total := map[string]int{}
		for k, n := range got {
			m, _, _ := strings.Cut(k, "/")
			total[m] += n
		}
		if total[MeasureAgreed] != 1 || total[MeasureDeclined] != 1 || total[MeasureNotDiscussed] != 1 || total[MeasureNotRecorded] != 0 {
			t.Errorf("%s: agreed %d, declined %d, not discussed %d, not recorded %d; want 1, 1, 1, 0", name,
				total[MeasureAgreed], total[MeasureDeclined], total[MeasureNotDiscussed], total[MeasureNotRecorded])
		}
	}
}

// TestACSVExportFromBeforeNotDiscussedIsRead: an export made before
// referrals could be not discussed has no referrals_not_discussed column;
// it is read as it always was.
func TestACSVExportFromBeforeNotDiscussedIsRead(t *testing.T) {
	var rs []record.Record
	for _, r := range nhsFixtures(t) {
		if r.ID.String() != fixtureID(3).String() { // the only one with a referral not discussed
			rs = append(rs, r)
		}
	}
	st := storeOf(t, rs)
	var b bytes.Buffer
	if _, err := ExportCSV(&b, st, ExportOptions{Key: testKey, Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	var old bytes.Buffer
	w := csv.NewWriter(&old)
	// Such an export ends before referrals_not_discussed: the columns of
	// later instrument versions, and time_zone, came after it.
	rows := withoutEndRow(readCSV(t, b.Bytes()))
	nd := slices.Index(rows[0], "referrals_not_discussed")
	for _, row := range rows {
		if row[nd] != "" && row[nd] != "referrals_not_discussed" {
			t.Fatalf("a record with a referral not discussed: %v", row)
		}
		if err := w.Write(row[:nd]); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	fromCSV := &Inputs{}
	if err := fromCSV.AddCSV(bytes.NewReader(old.Bytes()), "old.csv"); err != nil {
		t.Fatalf("an export without referrals_not_discussed: %v", err)
	}
	fromStore := &Inputs{}
	if err := fromStore.AddStore(st); err != nil {
		t.Fatal(err)
	}
	got := summarise(t, fromCSV, Options{By: Month, Exact: true})
	want := summarise(t, fromStore, Options{By: Month, Exact: true})
	if len(got.Cells) != len(want.Cells) {
		t.Fatalf("%d cells from the old CSV, %d from the store", len(got.Cells), len(want.Cells))
	}
	for i := range want.Cells {
		if got.Cells[i].Count != want.Cells[i].Count {
			t.Errorf("%s: CSV %d, store %d", key(want.Cells[i]), got.Cells[i].Count, want.Cells[i].Count)
		}
	}
}

func TestACSVRowCannotMarkAReferralNotOfferedAsNotDiscussed(t *testing.T) {
	rs := nhsFixtures(t)
	st := storeOf(t, rs[:1])
	var b bytes.Buffer
	if _, err := ExportCSV(&b, st, ExportOptions{Key: testKey, Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, b.Bytes())
	for _, p := range []string{"public-library", "national-databank"} { // not offered; agreed
		var bad bytes.Buffer
		w := csv.NewWriter(&bad)
		row := slices.Clone(rows[1])
		row[slices.Index(rows[0], "referrals_not_discussed")] = p
		_ = w.WriteAll([][]string{rows[0], row})
		if err := (&Inputs{}).AddCSV(bytes.NewReader(bad.Bytes()), "bad.csv"); err == nil {
			t.Errorf("%s not discussed: the row was read", p)
		}
	}
}
