package facts

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// names is an in-memory table of names for tests, numbered from 1.
type names struct {
	list  []string
	index map[string]uint32
}

func newNames() *names { return &names{list: []string{""}, index: map[string]uint32{}} }

func (n *names) intern(s string) (uint32, error) {
	if i, ok := n.index[s]; ok {
		return i, nil
	}
	n.list = append(n.list, s)
	n.index[s] = uint32(len(n.list) - 1)
	return n.index[s], nil
}

// assessedRecord is the patient with something to say for every item (a
// multi-choice answer with several options, an interpreter's language, a
// postcode district), followed up and amended, with a consent of each
// kind and an outcome of each kind.
func assessedRecord(t testing.TB) record.Record {
	t.Helper()
	r := testkit.Assessed(t, testkit.Full(nil))
	res := r.Result
	res.Recommendation.Referrals[0].Consent = questionnaire.Agreed
	res.Recommendation.Referrals[1].Consent = questionnaire.Declined
	res.Recommendation.Referrals[2].Consent = questionnaire.NotDiscussed
	prev := record.Record{Result: res}
	prev.Bands.Access = questionnaire.SomeBarrier // now significant: worse
	prev.Bands.Trust = questionnaire.NoBarrier    // now significant: worse
	prev.Recommendation.Primary = questionnaire.RouteSMS
	cur := record.Record{Result: res}
	change := record.Compare(prev, cur)
	return record.Record{
		Change: &change,
		Outcomes: []record.ReferralOutcome{
			{ProgrammeID: "learn-my-way", Outcome: record.OutcomeHelped},
			{ProgrammeID: "get-safe-online", Outcome: record.OutcomeNotTakenUp, Reason: "no bus"},
		},
		ID:        record.MustParseID("01957a3c-1111-7000-8000-000000000001"),
		Patient:   r.Patient,
		Clinician: "A. Clinician",
		Team:      "Ward 7",
		Time:      time.Date(2026, 3, 4, 9, 30, 15, 0, time.UTC),
		Status:    record.Amended,
		Amends:    record.MustParseID("01957a3c-0000-7000-8000-000000000002"),
		FollowsUp: record.MustParseID("01957a3c-0000-7000-8000-000000000003"),
		Synthetic: true,
		Answers:   r.Answers,
		Result:    res,
	}
}

// encodedRecord is assessedRecord's facts, encoded with a new table of
// names.
func encodedRecord(tb testing.TB) (Fact, []byte, *names) {
	tb.Helper()
	r := assessedRecord(tb)
	f, err := FromRecord(&r, questionnaire.V1)
	if err != nil {
		tb.Fatal(err)
	}
	n := newNames()
	b, err := Encode(nil, &f, n.intern)
	if err != nil {
		tb.Fatal(err)
	}
	return f, b, n
}

// read is the fact the View of b gives, read through the accessors a
// summary and an export use, after the checks they make first (View.Check,
// then Table.CheckAnswers with the table of the row's instrument, here
// tab, or version 1's for a row of format 1).
func read(id uuid.UUID, b []byte, names []string, tab *Table) (Fact, error) {
	v := View(b)
	if err := v.Check(len(names)); err != nil {
		return Fact{}, err
	}
	if v.Format() == formatV1 {
		tab = v1Table
	}
	if err := tab.CheckAnswers(v); err != nil {
		return Fact{}, err
	}
	pb := v.PackedBands()
	f := Fact{
		ID: id, Time: v.Time(), Status: v.Status(), Amends: v.Amends(), FollowsUp: v.FollowsUp(),
		Synthetic: v.Synthetic(), Team: names[v.Team()],
		Patient:           record.PatientID{Kind: names[v.Patient()], Value: string(v.PatientValue())},
		InstrumentVersion: names[v.InstrumentVersion()], DirectoryVersion: names[v.DirectoryVersion()],
		Bands: questionnaire.Bands{Access: questionnaire.Band(pb & 3), Skills: questionnaire.Band(pb >> 2 & 3),
			Motivation: questionnaire.Band(pb >> 4 & 3), Trust: questionnaire.Band(pb >> 6 & 3)},
		Primary: v.Primary(), Fallback: v.Fallback(), Choice: v.Choice(), ChoiceHonoured: v.ChoiceHonoured(),
		Change:  v.Change(),
		Answers: Answers{Table: tab, Language: names[v.Language()], Postcode: v.Postcode()},
	}
	for i := range v.NumReferrals() + v.NumOutcomes() {
		prog, code := v.RawEntry(i)
		if i < v.NumReferrals() {
			f.Referrals = append(f.Referrals, Referral{names[prog], consents[code]})
		} else {
			f.Outcomes = append(f.Outcomes, Outcome{names[prog], outcomeCodes[code]})
		}
	}
	for i := range tab.items {
		f.Answers.sel[i] = tab.Mask(v, i)
	}
	return f, nil
}

// roundTrip encodes f and reads it back through its View.
func roundTrip(t *testing.T, f *Fact) Fact {
	t.Helper()
	n := newNames()
	b, err := Encode(nil, f, n.intern)
	if err != nil {
		t.Fatalf("Encode: %v", err)
	}
	got, err := read(f.ID, b, n.list, f.Answers.Table)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return got
}

// has reports whether a's answer to the question linkID includes code.
func has(a *Answers, linkID, code string) bool {
	i, ok := a.Table.Index(linkID)
	j := slices.Index(a.Table.Item(i).Codes, code)
	return ok && j >= 0 && a.sel[i]&(1<<j) != 0
}

// TestV1CodesNeverMove pins instrument version 1's table: every stored
// row of version 1 means its answers through these codes, in this order,
// at these places. The list is written out by hand, once: if the
// instrument's data changes an item, an option or their order, this fails,
// and the change belongs in a new instrument version.
func TestV1CodesNeverMove(t *testing.T) {
	golden := []struct {
		link  string
		multi bool
		off   int
		codes string
	}{
		{"access.devices", true, 0, "smartphone computer shared basic-mobile landline none"},
		{"access.internet", true, 2, "home mobile-data public-wifi none"},
		{"access.afford", false, 8, "never sometimes often"},
		{"skills.tasks", true, 4, "text email app login form video none"},
		{"skills.help", false, 9, "no-help some-help relies"},
		{"motivation.want", false, 10, "yes with-help no"},
		{"trust.worry", false, 11, "not a-little very"},
		{"trust.experience", false, 12, "no not-put-off put-off"},
		{"comms.needs", true, 6, "none large-print easy-read verbal bsl interpreter text-relay screen-reader via-carer"},
		{"reading.help", false, 13, "never rarely sometimes often always"},
		{"choice.route", false, 14, "nhs-app email sms phone letter carer no-preference"},
		{"equity.age", false, 15, "16-24 25-34 35-44 45-54 55-64 65-74 75+ not-stated"},
		{"equity.disability", false, 16, "yes no not-stated"},
		{"equity.benefits", false, 17, "yes no not-stated"},
		{"equity.language", false, 18, "yes no not-stated"},
		{"equity.ethnicity", false, 19, "A B C D E F G H J K L M N P R S Z"},
	}
	tab, err := TableFor(questionnaire.V1)
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.items) != len(golden) || tab.area != v1Area {
		t.Fatalf("instrument version 1 has %d coded items in %d bytes, want %d in %d", len(tab.items), tab.area, len(golden), v1Area)
	}
	for i, g := range golden {
		it := tab.Item(i)
		if it.LinkID != g.link || it.Multi != g.multi || tab.off[i] != g.off || strings.Join(it.Codes, " ") != g.codes {
			t.Errorf("item %d: %s multi %v at %d: %s\nwant %s multi %v at %d: %s", i, it.LinkID, it.Multi, tab.off[i],
				strings.Join(it.Codes, " "), g.link, g.multi, g.off, g.codes)
		}
	}
	if code(routeCodes[:], questionnaire.RouteApp) != 1 || code(routeCodes[:], questionnaire.RouteCarer) != 6 {
		t.Error("route codes moved")
	}
	if code(statusCodes[:], record.Completed) != 1 || code(statusCodes[:], record.EnteredInError) != 3 {
		t.Error("status codes moved")
	}
}

// TestV2CodesNeverMove pins instrument version 2's table as
// TestV1CodesNeverMove pins version 1's: once a record of version 2 is
// stored, its numbers mean these codes for good. In person, the route
// version 2 added, took the next route number.
func TestV2CodesNeverMove(t *testing.T) {
	golden := []struct {
		link  string
		multi bool
		off   int
		codes string
	}{
		{"access.devices", true, 0, "smartphone computer shared basic-mobile landline none"},
		{"access.internet", true, 2, "home mobile-data public-wifi none"},
		{"access.afford", false, 16, "never sometimes often"},
		{"access.telecare", false, 17, "yes no not-sure"},
		{"skills.tasks", true, 4, "text email app login form video none"},
		{"skills.help", false, 18, "not-needed nobody some-help relies"},
		{"skills.nhs-app", true, 6, "self proxy no"},
		{"skills.accessibility", true, 8, "sight hearing hands memory none"},
		{"motivation.want", false, 19, "yes with-help not-sure no"},
		{"trust.worry", false, 20, "not a-little very"},
		{"trust.experience", false, 21, "no not-put-off put-off"},
		{"comms.needs", true, 10, "none large-print easy-read verbal bsl-interpreter interpreter screen-reader"},
		{"comms.print-size", false, 22, "20 24 28"},
		{"comms.language-code", false, 23, "pl ro pa ur pt es ar bn gu it other"},
		{"comms.translated", false, 24, "yes no"},
		{"reading.help", false, 25, "never rarely sometimes often always"},
		{"contact.requires", true, 12, "none contact-letter contact-sms contact-phone contact-email text-relay bsl-video-relay contact-carer"},
		{"contact.avoid", true, 14, "none not-phone not-sms not-email not-letter"},
		{"choice.route", false, 26, "nhs-app email sms phone letter carer no-preference"},
		{"comms.respondent", false, 27, "patient carer interpreter"},
		{"equity.age", false, 28, "16-24 25-34 35-44 45-54 55-64 65-74 75+ not-stated"},
		{"equity.disability", false, 29, "yes no not-stated"},
		{"equity.benefits", false, 30, "yes no not-stated"},
		{"equity.language", false, 31, "yes no not-stated"},
		{"equity.ethnicity", false, 32, "A B C D E F G H J K L M N P R S Z"},
	}
	tab, err := TableFor(questionnaire.V2)
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.items) != len(golden) || tab.area != 33 {
		t.Fatalf("instrument version 2 has %d coded items in %d bytes, want %d in 33", len(tab.items), tab.area, len(golden))
	}
	for i, g := range golden {
		it := tab.Item(i)
		if it.LinkID != g.link || it.Multi != g.multi || tab.off[i] != g.off || strings.Join(it.Codes, " ") != g.codes {
			t.Errorf("item %d: %s multi %v at %d: %s\nwant %s multi %v at %d: %s", i, it.LinkID, it.Multi, tab.off[i],
				strings.Join(it.Codes, " "), g.link, g.multi, g.off, g.codes)
		}
	}
	if code(routeCodes[:], questionnaire.RouteInPerson) != 7 {
		t.Error("in person is not route code 7")
	}
}

func TestFactsKeepEverythingASummaryAndCSVNeed(t *testing.T) {
	r := assessedRecord(t)
	f, err := FromRecord(&r, questionnaire.V1)
	if err != nil {
		t.Fatal(err)
	}
	rec := r.Recommendation
	want := Fact{
		ID:                uuid.MustParse(r.ID.String()),
		Time:              r.Time.Unix(),
		Patient:           r.Patient,
		Team:              "Ward 7",
		Status:            record.Amended,
		Amends:            uuid.MustParse(r.Amends.String()),
		FollowsUp:         uuid.MustParse(r.FollowsUp.String()),
		Synthetic:         true,
		InstrumentVersion: "1",
		DirectoryVersion:  questionnaire.National.Version(),
		Bands:             r.Bands,
		Primary:           rec.Primary,
		Fallback:          rec.Fallback,
		Choice:            questionnaire.RouteApp,
		ChoiceHonoured:    rec.ChoiceHonoured,
	}
	for _, ref := range rec.Referrals {
		want.Referrals = append(want.Referrals, Referral{ref.ProgrammeID, ref.Consent})
	}
	want.Change = Change{Present: true, PrimaryChanged: true,
		Domains: [4]record.Trend{record.Worse, record.Same, record.Same, record.Worse}}
	want.Outcomes = []Outcome{{"learn-my-way", record.OutcomeHelped}, {"get-safe-online", record.OutcomeNotTakenUp}}
	want.Answers = f.Answers // checked item by item below
	if !reflect.DeepEqual(f, want) {
		t.Errorf("FromRecord:\n got %+v\nwant %+v", f, want)
	}
	for link, vals := range r.Answers {
		switch link {
		case questionnaire.LinkLanguage:
			if f.Answers.Language != "Polish" {
				t.Errorf("language %q", f.Answers.Language)
			}
			continue
		case questionnaire.LinkPostcodeDistrict:
			if f.Answers.Postcode.String() != "SW1A" {
				t.Errorf("postcode %q", f.Answers.Postcode)
			}
			continue
		}
		i, _ := f.Answers.Table.Index(link)
		for _, c := range f.Answers.Table.Item(i).Codes {
			if has(&f.Answers, link, c) != slices.Contains(vals, c) {
				t.Errorf("%s %q: has %v, answers %v", link, c, has(&f.Answers, link, c), vals)
			}
		}
	}
	if got := roundTrip(t, &f); !reflect.DeepEqual(got, f) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, f)
	}
}

func TestEveryAnswerOfEveryItemRoundTrips(t *testing.T) {
	// Each option on its own, so a code with a wrong number or a bit
	// beyond the stored width shows up by name.
	tab := v1Table
	for i := range tab.items {
		it := tab.Item(i)
		for _, c := range it.Codes {
			f := Fact{ID: uuid.MustParse("01957a3c-0000-7000-8000-0000000000aa"), Status: record.Completed,
				Patient: record.PatientID{Kind: record.LocalID, Value: "RX1-1"}, Answers: Answers{Table: tab}}
			if err := f.Answers.Select(it.LinkID, c); err != nil {
				t.Fatal(err)
			}
			got := roundTrip(t, &f)
			if !has(&got.Answers, it.LinkID, c) || got.Answers != f.Answers {
				t.Errorf("%s %q did not round-trip: %+v", it.LinkID, c, got.Answers)
			}
		}
	}
}

func TestEncodingPutsFieldsAtTheirOffsets(t *testing.T) {
	f := Fact{
		ID:             uuid.MustParse("01957a3c-0000-7000-8000-000000000001"),
		Time:           1767225600, // 2026-01-01T00:00:00Z
		Patient:        record.PatientID{Kind: record.NHSNumber, Value: "9434765919"},
		Team:           "Ward 7",
		Status:         record.EnteredInError,
		Synthetic:      true,
		ChoiceHonoured: true,
		// access significant (2), skills some (1), motivation none (0),
		// trust significant (2): 2 | 1<<2 | 0<<4 | 2<<6 = 0x86
		Bands:     questionnaire.Bands{Access: 2, Skills: 1, Motivation: 0, Trust: 2},
		Primary:   questionnaire.RoutePhone,  // 4
		Fallback:  questionnaire.RouteLetter, // 5
		Referrals: []Referral{{"learn-my-way", questionnaire.Declined}},
		// better (2), no change (1), worse (3), no change (1):
		// 2 | 1<<2 | 3<<4 | 1<<6 = 0x76
		Change: Change{Present: true, FallbackChanged: true,
			Domains: [4]record.Trend{record.Better, record.Same, record.Worse, record.Same}},
		Outcomes: []Outcome{{"learn-my-way", record.OutcomeAttended}},
		Answers:  Answers{Table: v1Table},
	}
	n := newNames()
	b, err := Encode(nil, &f, n.intern)
	if err != nil {
		t.Fatal(err)
	}
	// Names are numbered in the order met: team, then patient kind, then
	// the programme.
	if want := HeaderLen + 4 + 4 + 1 + 10; len(b) != want {
		t.Fatalf("%d bytes, want %d", len(b), want)
	}
	// flags: synthetic 1 | honoured 2 | change 4 | fallback changed 16
	for _, c := range []struct {
		off  int
		want byte
	}{{0, 1}, {1, 3}, {2, 0x17}, {3, 0x86}, {4, 4}, {5, 5}, {6, 0}, {7, 1}, {92, 0x76}, {93, 1}} {
		if b[c.off] != c.want {
			t.Errorf("byte %d = %#x, want %#x", c.off, b[c.off], c.want)
		}
	}
	if got := binary.LittleEndian.Uint64(b[8:]); got != 1767225600 {
		t.Errorf("time %d", got)
	}
	if got := binary.LittleEndian.Uint32(b[48:]); n.list[got] != "Ward 7" {
		t.Errorf("team name %d = %q", got, n.list[got])
	}
	ref := binary.LittleEndian.Uint32(b[HeaderLen:])
	if n.list[ref&(1<<30-1)] != "learn-my-way" || ref>>30 != 2 {
		t.Errorf("referral %#x", ref)
	}
	if out := binary.LittleEndian.Uint32(b[HeaderLen+4:]); out != ref&(1<<30-1)|1<<30 {
		t.Errorf("outcome %#x: want learn-my-way attended", out)
	}
	if b[HeaderLen+8] != 10 || string(b[HeaderLen+9:]) != "9434765919" {
		t.Errorf("patient tail %q", b[HeaderLen+8:])
	}
	if got := roundTrip(t, &f); !reflect.DeepEqual(got, f) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, f)
	}
}

// TestConsentCodesNeverMove: facts written before "not discussed" existed
// (these bytes are the encoding an earlier digicheck wrote, copied by hand)
// read exactly as they did, and not discussed is stored in the consent
// field's last free value without a change of format.
func TestConsentCodesNeverMove(t *testing.T) {
	old, err := hex.DecodeString("010100860405000300b955690000000000000000000000000000000000000000" +
		"0000000000000000000000000000000001000000000000000000000000000000" +
		"0200000000000000000000000000000000000000000000000000000000000000" +
		"0300004004000080050000000a39343334373635393139")
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"", "Ward 7", record.NHSNumber, "learn-my-way", "get-safe-online", "digital-unite"}
	want := Fact{
		ID:        uuid.MustParse("01957a3c-0000-7000-8000-000000000001"),
		Time:      1767225600,
		Patient:   record.PatientID{Kind: record.NHSNumber, Value: "9434765919"},
		Team:      "Ward 7",
		Status:    record.Completed,
		Bands:     questionnaire.Bands{Access: 2, Skills: 1, Motivation: 0, Trust: 2},
		Primary:   questionnaire.RoutePhone,
		Fallback:  questionnaire.RouteLetter,
		Referrals: []Referral{{"learn-my-way", questionnaire.Agreed}, {"get-safe-online", questionnaire.Declined}, {"digital-unite", ""}},
		Answers:   Answers{Table: v1Table},
	}
	got, err := read(want.ID, old, names, nil)
	if err != nil {
		t.Fatalf("facts of an earlier digicheck: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("facts of an earlier digicheck:\n got %+v\nwant %+v", got, want)
	}

	want.Referrals = append(want.Referrals, Referral{"get-safe-online", questionnaire.NotDiscussed})
	n := newNames()
	b, err := Encode(nil, &want, n.intern)
	if err != nil {
		t.Fatal(err)
	}
	if b[0] != 1 {
		t.Errorf("format %d: not discussed needs no new format", b[0])
	}
	if !bytes.Equal(b[HeaderLen:HeaderLen+12], old[HeaderLen:HeaderLen+12]) {
		t.Error("adding a not-discussed referral changed how the others are stored")
	}
	for i, code := range []uint32{1, 2, 0, 3} {
		if _, got := View(b).RawEntry(i); got != code {
			t.Errorf("referral %d (%s) stored as consent %d, want %d", i, want.Referrals[i].Consent, got, code)
		}
	}
	if got := roundTrip(t, &want); !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
	}
}

func TestAVoidWithNoAnswersHasFacts(t *testing.T) {
	r := record.Record{
		ID: record.MustParseID("01957a3c-0000-7000-8000-000000000009"), Patient: record.PatientID{Kind: record.LocalID, Value: "RX1-1"},
		Time: time.Unix(1767225600, 0), Status: record.EnteredInError, Amends: record.MustParseID("01957a3c-0000-7000-8000-000000000001"),
		VoidReason: "wrong patient",
	}
	r.InstrumentVersion = "1"
	f, err := FromRecord(&r, questionnaire.V1)
	if err != nil {
		t.Fatal(err)
	}
	if f.Status != record.EnteredInError {
		t.Errorf("status %q", f.Status)
	}
	got := roundTrip(t, &f)
	if !reflect.DeepEqual(got, f) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, f)
	}
}

func TestRecordsFactsCannotHoldAreRefused(t *testing.T) {
	for name, change := range map[string]func(*record.Record){
		"unknown answer code": func(r *record.Record) { r.Answers[questionnaire.LinkAfford] = []string{"always"} },
		"unknown question":    func(r *record.Record) { r.Answers["access.pigeon"] = []string{"yes"} },
		"two single answers":  func(r *record.Record) { r.Answers[questionnaire.LinkWant] = []string{"yes", "no"} },
		"unknown status":      func(r *record.Record) { r.Status = "draft" },
		"unknown route":       func(r *record.Record) { r.Recommendation.Primary = "pigeon" },
		"unknown consent":     func(r *record.Record) { r.Recommendation.Referrals[0].Consent = "maybe" },
		"unknown outcome":     func(r *record.Record) { r.Outcomes[0].Outcome = "enjoyed" },
		"change out of order": func(r *record.Record) {
			r.Change.Domains[0], r.Change.Domains[1] = r.Change.Domains[1], r.Change.Domains[0]
		},
		"full postcode": func(r *record.Record) { r.Answers[questionnaire.LinkPostcodeDistrict] = []string{"LS6 1AA"} },
		"no id":         func(r *record.Record) { r.ID = record.ID{} },
	} {
		r := assessedRecord(t)
		change(&r)
		f, err := FromRecord(&r, questionnaire.V1)
		if err == nil {
			_, err = Encode(nil, &f, newNames().intern)
		}
		if !errors.Is(err, ErrRecord) {
			t.Errorf("%s: err %v, want ErrRecord", name, err)
		}
	}
}

func TestCheckRefusesWhatItCannotRead(t *testing.T) {
	_, b, n := encodedRecord(t)
	for cut := range len(b) {
		if err := View(b[:cut]).Check(len(n.list)); !errors.Is(err, ErrEncoding) {
			t.Fatalf("cut to %d bytes: err %v, want ErrEncoding", cut, err)
		}
	}
	newer := slices.Clone(b)
	newer[0] = Format + 1
	if err := View(newer).Check(len(n.list)); !errors.Is(err, ErrEncoding) {
		t.Errorf("newer format: err %v", err)
	}
	if err := View(b).Check(2); !errors.Is(err, ErrEncoding) {
		t.Errorf("names missing from the table: err %v", err)
	}
	if err := View(append(slices.Clone(b), 0)).Check(len(n.list)); !errors.Is(err, ErrEncoding) {
		t.Errorf("trailing byte: err %v", err)
	}
}

// FuzzViewReadsWhatCheckPasses: whatever bytes pass View.Check and
// Table.CheckAnswers, the accessors a summary and an export use read them
// without a panic, since they trust those checks.
func FuzzViewReadsWhatCheckPasses(f *testing.F) {
	fact, b, n := encodedRecord(f)
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = read(fact.ID, b, n.list, v1Table)
	})
}

// FuzzCheckSaysWhyWhenItRefuses: Check's fast test and its diagnosis agree
// on every input, so good facts are never refused and bad ones never pass.
func FuzzCheckSaysWhyWhenItRefuses(f *testing.F) {
	_, b, n := encodedRecord(f)
	f.Add(b, len(n.list))
	f.Add(b[:len(b)-1], len(n.list))
	f.Fuzz(func(t *testing.T, b []byte, names int) {
		v := View(b)
		if fast, slow := v.wellFormed(names), v.diagnose(names); fast != (slow == nil) {
			t.Errorf("wellFormed %v, diagnose %v", fast, slow)
		}
	})
}

func TestAppendCodesJoinsInStoredOrder(t *testing.T) {
	a := Answers{Table: v1Table}
	for _, c := range []string{"via-carer", "large-print", "interpreter"} {
		if err := a.Select(questionnaire.LinkCommNeeds, c); err != nil {
			t.Fatal(err)
		}
	}
	i, _ := v1Table.Index(questionnaire.LinkCommNeeds)
	if got := string(v1Table.AppendCodes(nil, i, a.sel[i], ';')); got != "large-print;interpreter;via-carer" {
		t.Errorf("got %q", got)
	}
	j, _ := v1Table.Index(questionnaire.LinkDevices)
	if got := string(v1Table.AppendCodes(nil, j, a.sel[j], ';')); got != "" {
		t.Errorf("unanswered item gave %q", got)
	}
}

func BenchmarkViewCheck(b *testing.B) {
	_, enc, n := encodedRecord(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := View(enc).Check(len(n.list)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTheQuickCheckOfAnswersAgreesWithTheItemByItemCheck: CheckAnswers
// passes an answers area byte by byte against limits worked out once for
// each table (answersWellFormed), and looks at it item by item only to
// say why it refuses one (diagnoseAnswers); the two agree on every area,
// so that a code out of its item's range is never counted and a good row
// is never refused. Areas of random bytes, and good ones with one byte
// moved to either side of its limit, for every instrument.
func TestTheQuickCheckOfAnswersAgreesWithTheItemByItemCheck(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, ins := range []*questionnaire.Instrument{questionnaire.V1, questionnaire.V2} {
		tab, err := TableFor(ins)
		if err != nil {
			t.Fatal(err)
		}
		head := make([]byte, HeaderLen)
		head[offFormat], head[offArea] = formatTable, byte(tab.area)
		check := func(area []byte) {
			v := View(append(slices.Clone(head), area...))
			fast, slow := tab.answersWellFormed(tab.Area(v)), tab.diagnoseAnswers(v)
			if fast != (slow == nil) {
				t.Fatalf("%s, area %x: quick check %v, item by item %v", ins.Version, area, fast, slow)
			}
		}
		refused := 0
		for range 20000 {
			area := make([]byte, tab.area)
			for i := range tab.items {
				lim := len(tab.items[i].Codes)
				if tab.items[i].Multi {
					m := uint16(rng.Uint32()) & (1<<lim - 1)
					area[tab.off[i]], area[tab.off[i]+1] = byte(m), byte(m>>8)
				} else {
					area[tab.off[i]] = byte(rng.IntN(lim + 1))
				}
			}
			check(area)
			// One byte at, just past or far past its limit, or any byte.
			i := rng.IntN(len(tab.items))
			bad := slices.Clone(area)
			switch lim := len(tab.items[i].Codes); {
			case !tab.items[i].Multi:
				bad[tab.off[i]] = byte(lim + rng.IntN(3))
			case lim < 8:
				bad[tab.off[i]] |= byte(1 << (lim + rng.IntN(8-lim)))
			case lim < 16:
				bad[tab.off[i]+1] |= byte(1 << (lim - 8 + rng.IntN(16-lim)))
			}
			check(bad)
			if tab.answersWellFormed(bad) != tab.answersWellFormed(area) {
				refused++
			}
			for j := range bad {
				bad[j] = byte(rng.Uint32())
			}
			check(bad)
		}
		if refused == 0 {
			t.Errorf("%s: no area with a code past its item's was refused", ins.Version)
		}
	}
}
