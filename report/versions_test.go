package report

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// LinkCarer is the question instrument version 2 of these tests adds.
const LinkCarer = "equity.carer"

// secondInstrument is a version 2 made from version 1 as a content review
// would make one: a new optional equity question (is the patient a
// carer?) and a changed option (running out of data "sometimes" is now
// asked in other words and is a significant access barrier).
func secondInstrument() *questionnaire.Instrument {
	v2 := *questionnaire.V1
	v2.Version = "2"
	v2.Sections = slices.Clone(v2.Sections)
	for si := range v2.Sections {
		sec := &v2.Sections[si]
		sec.Items = slices.Clone(sec.Items)
		for ii := range sec.Items {
			it := &sec.Items[ii]
			if it.LinkID == questionnaire.LinkAfford {
				it.Options = slices.Clone(it.Options)
				it.Options[1].Text = "Sometimes, and it stops me"
				it.Options[1].Score = 4
			}
		}
		if sec.ID == "equity" {
			sec.Items = append(sec.Items, questionnaire.Item{
				LinkID: LinkCarer, Type: questionnaire.Choice, Label: "Carer",
				Text: "Do you look after someone who needs help?",
				Options: []questionnaire.Option{
					{Code: questionnaire.Yes, Text: "Yes"},
					{Code: questionnaire.No, Text: "No"},
					{Code: "not-stated", Text: "Prefer not to say"},
				},
			})
		}
	}
	return &v2
}

// assessedWith is a record of ins for one patient, made as the screens make
// one: its answers assessed, every referral agreed.
func assessedWith(t *testing.T, ins *questionnaire.Instrument, patient string, a questionnaire.Answers, day time.Time) record.Record {
	t.Helper()
	res, err := ins.Assess(a, questionnaire.National)
	if err != nil {
		t.Fatalf("assess with version %s: %v", ins.Version, err)
	}
	for i := range res.Recommendation.Referrals {
		res.Recommendation.Referrals[i].Consent = questionnaire.Agreed
	}
	pid, err := record.ParsePatientID(patient)
	if err != nil {
		t.Fatal(err)
	}
	return record.Record{Patient: pid, Clinician: "Test", Team: "Ward 7", Time: day, Answers: a, Result: res}
}

// TestASecondInstrumentVersionLivesBesideTheFirst: records of version 1
// and of a version 2 with a new question and a changed option save in one
// store, show, export as CSV, NDJSON and FHIR, and are summarised
// together, the summary saying which versions it counted and what does not
// compare across them. Nothing but the instrument's data says what
// version 2 is.
func TestASecondInstrumentVersionLivesBesideTheFirst(t *testing.T) {
	v2 := secondInstrument()
	if err := v2.Validate(testkit.Included(questionnaire.Answers{LinkCarer: {questionnaire.Yes}})); err != nil {
		t.Fatalf("version 2 is not a usable instrument: %v", err)
	}
	ins := map[string]*questionnaire.Instrument{"1": questionnaire.V1, "2": v2}
	st, err := store.Open(filepath.Join(t.TempDir(), "digicheck.db"), store.Options{Instruments: ins})
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	sometimes := testkit.Included(questionnaire.Answers{questionnaire.LinkAgeBand: {"75+"}})
	sometimes[questionnaire.LinkAfford] = []string{"sometimes"}
	old := assessedWith(t, questionnaire.V1, "943 476 5919", sometimes, day)
	withCarer := testkit.Included(questionnaire.Answers{questionnaire.LinkAgeBand: {"75+"}, LinkCarer: {questionnaire.Yes}})
	withCarer[questionnaire.LinkAfford] = []string{"sometimes"}
	newer := assessedWith(t, v2, "RXH-12345", withCarer, day.Add(time.Hour))
	other := assessedWith(t, v2, "RXH-54321", testkit.Included(nil), day.Add(2*time.Hour))
	if old.Bands.Access == newer.Bands.Access {
		t.Fatal("the changed option should score differently in the two versions")
	}
	for _, r := range []*record.Record{&old, &newer, &other} {
		if err := st.Save(r); err != nil {
			t.Fatalf("save a record of version %s: %v", r.InstrumentVersion, err)
		}
	}
	// A version 2 record is amended as any other.
	amended := newer
	amended.Amends, amended.Time = newer.ID, day.Add(3*time.Hour)
	amended.Team = "Ward 8"
	if err := st.Amend(&amended); err != nil {
		t.Fatalf("amend a record of version 2: %v", err)
	}

	// Show: the record detail and the note, read back checked.
	got, err := st.Get(amended.ID)
	if err != nil {
		t.Fatalf("get a record of version 2: %v", err)
	}
	var detail bytes.Buffer
	if err := record.WriteDetailWith(&detail, got, v2, record.NoteOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(detail.String(), "Do you look after someone who needs help?") || !strings.Contains(detail.String(), "Sometimes, and it stops me") {
		t.Errorf("the detail of a version 2 record does not show its own questions:\n%s", detail.String())
	}
	if note := record.NoteWith(got, record.NoteOptions{}); note == "" {
		t.Error("no note for a record of version 2")
	}

	// CSV: a column for the new question, after the others; each row's
	// answers in its own version's codes.
	o := ExportOptions{Identifiable: true, Instruments: ins, Location: time.UTC}
	var csvOut bytes.Buffer
	if n, err := ExportCSV(&csvOut, st, o); err != nil || n != 4 {
		t.Fatalf("ExportCSV = %d, %v", n, err)
	}
	rows := readCSV(t, csvOut.Bytes())
	head := rows[0]
	if head[len(head)-1] != "equity_carer" || !slices.Equal(head[:len(csvColumns)], csvColumns) {
		t.Errorf("CSV header %v: want version 1's columns, then equity_carer", head)
	}
	col := func(name string) int { return slices.Index(head, name) }
	byID := map[string][]string{}
	for _, row := range rows[1:] {
		byID[row[col("id")]] = row
	}
	if r := byID[old.ID.String()]; r[col("instrument_version")] != "1" || r[col("equity_carer")] != "" || r[col("access_afford")] != "sometimes" {
		t.Errorf("version 1 row: %v", r)
	}
	if r := byID[amended.ID.String()]; r[col("instrument_version")] != "2" || r[col("equity_carer")] != questionnaire.Yes || r[col("equity_age")] != "75+" {
		t.Errorf("version 2 row: %v", r)
	}

	// NDJSON: the records as kept.
	var nd bytes.Buffer
	if n, err := ExportNDJSON(&nd, st, o); err != nil || n != 4 {
		t.Fatalf("ExportNDJSON = %d, %v", n, err)
	}
	if !strings.Contains(nd.String(), `"instrument_version":"2"`) || !strings.Contains(nd.String(), `"`+LinkCarer+`":["yes"]`) {
		t.Errorf("NDJSON lacks the version 2 record's answers:\n%s", nd.String())
	}

	// FHIR: each assessment against its own version of the Questionnaire.
	var fh bytes.Buffer
	if n, err := ExportFHIR(&fh, st, o); err != nil || n != 3 {
		t.Fatalf("ExportFHIR = %d, %v", n, err)
	}
	versions := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(fh.String()), "\n") {
		var res struct {
			Questionnaire string
			Item          []json.RawMessage
		}
		if err := json.Unmarshal([]byte(line), &res); err != nil {
			t.Fatal(err)
		}
		versions[res.Questionnaire[strings.LastIndex(res.Questionnaire, "|")+1:]]++
	}
	if versions["1"] != 1 || versions["2"] != 2 || !strings.Contains(fh.String(), LinkCarer) {
		t.Errorf("FHIR responses by questionnaire version %v, want 1 of version 1 and 2 of version 2:\n%s", versions, fh.String())
	}

	// Summary: both versions counted, and said so.
	so := Options{Exact: true, Instruments: ins, Location: time.UTC}
	s, err := SummariseStore(st, so)
	if err != nil {
		t.Fatal(err)
	}
	c := cells(s)
	count := func(k string) int {
		i, ok := c[k]
		if !ok {
			t.Fatalf("no cell %s", k)
		}
		return s.Cells[i].Count
	}
	if n := count("assessed/"); n != 3 {
		t.Errorf("assessed %d, want 3", n)
	}
	if n := count("all/" + questionnaire.LinkAgeBand + "/75+/assessed/"); n != 2 {
		t.Errorf("aged 75+: %d, want 2 (one of each version)", n)
	}
	want := []VersionCount{{"1", 1}, {"2", 2}}
	if !slices.Equal(s.Versions, want) {
		t.Errorf("versions %v, want %v", s.Versions, want)
	}
	for _, nc := range []string{MeasureBand(questionnaire.Access), questionnaire.LinkAfford, LinkCarer} {
		if !slices.Contains(s.NotComparable, nc) {
			t.Errorf("not comparable %v: want %s among them", s.NotComparable, nc)
		}
	}
	for _, same := range []string{MeasureBand(questionnaire.Skills), questionnaire.LinkDevices, questionnaire.LinkAgeBand} {
		if slices.Contains(s.NotComparable, same) {
			t.Errorf("not comparable %v: %s is the same in both versions", s.NotComparable, same)
		}
	}
	note := s.VersionsNote()
	if !strings.Contains(note, "versions 1 (1), 2 (2)") || !strings.Contains(note, "band.access") {
		t.Errorf("versions note %q", note)
	}
	if !slices.Contains(s.Notes(), note) {
		t.Errorf("the notes every format prints lack the versions note: %q", s.Notes())
	}
	controlled, err := SummariseStore(st, Options{Instruments: ins, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	// Its one team, of 3 assessments, is too few to show over the span
	// and is left out of every count (rule 10).
	if n := controlled.VersionsNote(); !strings.Contains(n, "versions 1, 2 (how many of each is hidden") && !strings.Contains(n, "versions 1 (*), 2 (*)") {
		t.Errorf("under disclosure control (one month of 3, its one team too few to count) the versions note shows %q, want the versions named, their counts hidden", n)
	}

	// The one version 1 assessment entered in error: under disclosure
	// control the note still names version 1, as its rows stay laid out,
	// since a note that dropped it told that its hidden count was 1.
	// (After the exports below, which read the store as it was.)
	defer func() {
		if _, err := st.Void(old.ID, store.Voiding{Reason: "wrong patient"}); err != nil {
			t.Fatal(err)
		}
		after, err := SummariseStore(st, Options{Instruments: ins, Location: time.UTC})
		if err != nil {
			t.Fatal(err)
		}
		if n := after.VersionsNote(); !strings.Contains(n, "versions 1, 2 (how many of each is hidden") && !strings.Contains(n, "versions 1 (*), 2 (*)") {
			t.Errorf("after the only version 1 assessment is voided the versions note reads %q, want both versions named, hidden", n)
		}
		exact, err := SummariseStore(st, Options{Instruments: ins, Location: time.UTC, Exact: true})
		if err != nil {
			t.Fatal(err)
		}
		if n := exact.VersionsNote(); n != "" {
			t.Errorf("exact, with only version 2 counted, the note reads %q", n)
		}
	}()

	// The exports summarise as the store does.
	for name, add := range map[string]func(d *Inputs) error{
		"csv":    func(d *Inputs) error { return d.AddCSV(bytes.NewReader(csvOut.Bytes()), "export.csv") },
		"ndjson": func(d *Inputs) error { return d.AddNDJSON(bytes.NewReader(nd.Bytes()), "export.ndjson") },
	} {
		d := &Inputs{}
		d.Instruments = ins
		if err := add(d); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		fromExport := summarise(t, d, so)
		if !sameCounts(s, fromExport) || !slices.Equal(fromExport.Versions, want) {
			t.Errorf("%s export summarised differently from the store: versions %v", name, fromExport.Versions)
		}
	}

	// Without version 2, its records are named and left out, never
	// counted as version 1's.
	left := &Unreadables{}
	if _, err := SummariseStore(st, Options{Exact: true, Location: time.UTC, Unreadable: left}); err != nil {
		t.Fatal(err)
	}
	if n := len(left.List()); n != 2 {
		t.Errorf("a summary that does not know version 2 left out %d records, want its 2 counted: %v", n, left.List())
	}
}

// sameCounts reports whether two summaries have the same cells, count for
// count.
func sameCounts(a, b *Summary) bool {
	if len(a.Cells) != len(b.Cells) {
		return false
	}
	for i := range a.Cells {
		x, y := a.Cells[i], b.Cells[i]
		if key(x) != key(y) || x.Count != y.Count {
			return false
		}
	}
	return true
}
