package report

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
	"digicheck/store/facts"
)

// Bands for fixtures, short.
const (
	no   = questionnaire.NoBarrier
	some = questionnaire.SomeBarrier
	sig  = questionnaire.SignificantBarrier
)

// fixture describes one record by hand: only what the test is about.
type fixture struct {
	n         int // the record's id is fixtureID(n)
	day       string
	team      string
	status    record.Status
	amends    int // fixture number, 0 for none
	followsUp int
	patient   string
	bands     questionnaire.Bands
	primary   questionnaire.Route
	choice    questionnaire.Route
	honoured  bool
	refs      []questionnaire.Referral // ProgrammeID and Consent only
	change    *record.Change
	outcomes  []record.ReferralOutcome
	answers   questionnaire.Answers // equity answers
	synthetic bool
	version   string // instrument version; "" is version 1
}

func fixtureID(n int) record.ID {
	return record.MustParseID(fmt.Sprintf("01957a3c-0000-7000-8000-%012d", n))
}

func (f fixture) record(t testing.TB) record.Record {
	t.Helper()
	day, err := time.Parse(time.DateOnly, f.day)
	if err != nil {
		t.Fatal(err)
	}
	patient := f.patient
	if patient == "" {
		patient = fmt.Sprintf("RX-%d", f.n)
	}
	status := f.status
	if status == "" {
		status = record.Completed
	}
	r := record.Record{
		ID:        fixtureID(f.n),
		Patient:   record.PatientID{Kind: record.LocalID, Value: patient},
		Clinician: "Test",
		Team:      f.team,
		Time:      day.Add(11 * time.Hour),
		Status:    status,
		Synthetic: f.synthetic,
		Answers:   f.answers,
		Change:    f.change,
		Outcomes:  f.outcomes,
	}
	if f.amends > 0 {
		r.Amends = fixtureID(f.amends)
	}
	if f.followsUp > 0 {
		r.FollowsUp = fixtureID(f.followsUp)
	}
	if status == record.EnteredInError {
		r.VoidReason = "wrong patient"
	}
	r.InstrumentVersion = "1"
	if f.version != "" {
		r.InstrumentVersion = f.version
	}
	r.Bands = f.bands
	primary := f.primary
	if primary == "" {
		primary = questionnaire.RoutePhone
	}
	r.Recommendation = questionnaire.Recommendation{
		Primary: primary, Fallback: questionnaire.RouteLetter,
		Choice: f.choice, ChoiceHonoured: f.honoured, Referrals: f.refs,
	}
	return r
}

func ref(id, consent string) questionnaire.Referral {
	return questionnaire.Referral{ProgrammeID: id, Consent: consent}
}

// wardFixtures: twelve records, worked through by hand in
// TestEveryCountOfTheWardFixture. Seven assessments count.
func wardFixtures() []fixture {
	return []fixture{
		{n: 1, day: "2026-01-05", team: "Ward 7", patient: "P1", bands: questionnaire.Bands{Access: sig, Skills: some},
			refs:    []questionnaire.Referral{ref("national-databank", questionnaire.Agreed), ref("learn-my-way", questionnaire.Declined)},
			answers: questionnaire.Answers{questionnaire.LinkAgeBand: {"75+"}, questionnaire.LinkDisability: {"yes"}, questionnaire.LinkPostcodeDistrict: {"LS6"}}},
		{n: 2, day: "2026-01-12", team: "Ward 7", primary: questionnaire.RouteApp, choice: questionnaire.RouteApp, honoured: true,
			answers: questionnaire.Answers{questionnaire.LinkAgeBand: {"25-34"}, questionnaire.LinkPostcodeDistrict: {"LS1"}}},
		{n: 3, day: "2026-01-20", team: "Ward 7", bands: questionnaire.Bands{Access: some}, primary: questionnaire.RouteSMS,
			choice: questionnaire.RouteEmail, refs: []questionnaire.Referral{ref("public-library", questionnaire.Agreed), ref("learn-my-way", questionnaire.NotDiscussed)},
			answers: questionnaire.Answers{questionnaire.LinkAgeBand: {"65-74"}}},
		// 4 is amended by 5, a month later, by someone from another
		// team: the assessment counts in February, for Ward 7, with 5's
		// answers.
		{n: 4, day: "2026-02-02", team: "Ward 7", patient: "RX-4", primary: questionnaire.RouteEmail,
			refs: []questionnaire.Referral{ref("abilitynet", questionnaire.Agreed)}},
		{n: 5, day: "2026-03-03", team: "Bank staff", patient: "RX-4", status: record.Amended, amends: 4, bands: questionnaire.Bands{Access: sig},
			primary: questionnaire.RouteLetter, refs: []questionnaire.Referral{ref("national-device-bank", "")},
			answers: questionnaire.Answers{questionnaire.LinkAgeBand: {"75+"}}},
		// 6 is voided by 7: neither counts.
		{n: 6, day: "2026-02-10", team: "District nurses", patient: "RX-6", bands: questionnaire.Bands{Access: sig},
			refs: []questionnaire.Referral{ref("social-tariffs", questionnaire.Agreed)}},
		{n: 7, day: "2026-02-11", team: "District nurses", patient: "RX-6", status: record.EnteredInError, amends: 6, bands: questionnaire.Bands{Access: sig},
			refs: []questionnaire.Referral{ref("social-tariffs", questionnaire.Agreed)}},
		// 8 follows up 1; its change is what the store works out.
		{n: 8, day: "2026-02-15", team: "District nurses", patient: "P1", followsUp: 1,
			bands: questionnaire.Bands{Access: some, Skills: some, Trust: some}, primary: questionnaire.RouteLetter,
			refs: []questionnaire.Referral{ref("get-safe-online", questionnaire.Agreed)},
			change: &record.Change{Since: fixtureID(1), Domains: []record.DomainChange{
				{Domain: questionnaire.Access, Was: sig, Now: some}, {Domain: questionnaire.Skills, Was: some, Now: some},
				{Domain: questionnaire.Motivation, Was: no, Now: no}, {Domain: questionnaire.Trust, Was: no, Now: some},
			}, Primary: record.RouteChange{Was: questionnaire.RoutePhone, Now: questionnaire.RouteLetter},
				Fallback: record.RouteChange{Was: questionnaire.RouteLetter, Now: questionnaire.RouteLetter}},
			outcomes: []record.ReferralOutcome{{ProgrammeID: "national-databank", Outcome: record.OutcomeHelped},
				{ProgrammeID: "learn-my-way", Outcome: record.OutcomeNotTakenUp}},
			answers: questionnaire.Answers{questionnaire.LinkAgeBand: {"75+"}, questionnaire.LinkDisability: {"yes"}, questionnaire.LinkPostcodeDistrict: {"LS6"}}},
		{n: 9, day: "2026-02-20", team: "Ward 7", bands: questionnaire.Bands{Motivation: sig},
			choice: questionnaire.RoutePhone, honoured: true},
		// 10 is amended by 11, which is amended by 12.
		{n: 10, day: "2026-02-25", team: "Ward 7", patient: "RX-10", primary: questionnaire.RouteSMS},
		{n: 11, day: "2026-02-26", team: "Ward 7", patient: "RX-10", status: record.Amended, amends: 10, primary: questionnaire.RouteEmail},
		{n: 12, day: "2026-02-27", team: "Ward 7", patient: "RX-10", status: record.Amended, amends: 11, bands: questionnaire.Bands{Trust: sig},
			answers: questionnaire.Answers{questionnaire.LinkAgeBand: {"45-54"}}},
	}
}

func records(t testing.TB, fs []fixture) []record.Record {
	var out []record.Record
	for _, f := range fs {
		out = append(out, f.record(t))
	}
	return out
}

func datasetOf(t testing.TB, rs []record.Record) *Inputs {
	t.Helper()
	d := &Inputs{}
	for i := range rs {
		if err := d.AddRecord(&rs[i], "fixtures"); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

func summarise(t testing.TB, d *Inputs, o Options) *Summary {
	t.Helper()
	if o.Location == nil {
		o.Location = time.UTC
	}
	s, err := d.Summarise(o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// key names a cell: period/breakdown/group/measure/category, with the
// period, breakdown and group "all" left out when all three are.
func key(c Cell) string {
	k := c.Measure + "/" + c.Category
	if c.Period != All || c.Breakdown != All || c.Group != All {
		k = c.Period + "/" + c.Breakdown + "/" + c.Group + "/" + k
	}
	return k
}

func cells(s *Summary) map[string]int {
	out := map[string]int{}
	for i, c := range s.Cells {
		out[key(c)] = i
	}
	return out
}

// storeOf saves records as they are (ids, times and links given) in a new
// store, in order. The fixtures are written by hand, so their results are
// not those their answers give: the store checks them against their facts
// only, as it would records of an instrument it does not have.
func storeOf(t testing.TB, rs []record.Record) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "digicheck.db"), store.Options{Instruments: map[string]*questionnaire.Instrument{}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range rs {
		r := rs[i]
		if err := st.Save(&r); err != nil {
			t.Fatalf("save %s: %v", r.ID, err)
		}
	}
	return st
}

// SummariseStore summarises one store.
func SummariseStore(st *store.Store, o Options) (*Summary, error) {
	in := &Inputs{Unreadable: o.Unreadable, Instruments: o.Instruments}
	if err := in.AddStore(st); err != nil {
		return nil, err
	}
	return in.Summarise(o)
}

// AddRecord adds one record to the source named; records added one after
// another with the same source name count as one source, held in memory.
func (in *Inputs) AddRecord(r *record.Record, source string) error {
	var x *input
	if n := len(in.list); n > 0 && in.list[n-1].src.Name == source && in.list[n-1].src.Kind == "records" {
		x = in.list[n-1]
	} else {
		m := &memFacts{names: facts.NewNames()}
		x = &input{src: Source{Name: source, Kind: "records"}, read: func(fn func(chunk) error) error { return fn(m) }}
		in.list = append(in.list, x)
	}
	var m *memFacts
	_ = x.each(func(c chunk) error { m = c.(*memFacts); return nil })
	f, err := facts.FromRecord(r, instrument(in.Instruments, r.InstrumentVersion))
	if err != nil {
		return err
	}
	if f.Amends != uuid.Nil {
		x.links = append(x.links, [2]uuid.UUID{f.ID, f.Amends})
	}
	return m.add(&f, 0)
}

// Len is the number of records of the export files and records added.
func (in *Inputs) Len() int {
	n := 0
	for _, x := range in.list {
		if x.store == nil {
			_ = x.each(func(c chunk) error { n += c.Len(); return nil })
		}
	}
	return n
}

// oneLine is s with every run of white space made one space: text as
// read, whatever the width it was wrapped to.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// exportsMade is when the tests' exports say they were made (their end
// marks' span), one time for the whole run: the same export made twice is
// then the same, byte for byte.
var exportsMade = time.Now().Truncate(time.Second)
