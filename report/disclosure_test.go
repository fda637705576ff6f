package report

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"digicheck/questionnaire"
	"digicheck/record"
)

// bulk makes count records like f, numbered from *next on.
func bulk(t testing.TB, next *int, count int, f fixture) []record.Record {
	var out []record.Record
	for range count {
		*next++
		f.n = *next
		out = append(out, f.record(t))
	}
	return out
}

// keyAt is the smallest cell key that keyRound, rounding to 5, reads as
// u (0 to 4): a count r above a multiple of 5 is rounded up from u = 5-r.
func keyAt(u int) uint32 { return uint32((uint64(u)<<32 + 4) / 5) }

// TestKeyRoundingAtItsBoundaries: each count rounds to the multiple of 5
// below or above it, up for r of the 5 fifths of cell keys (r the count
// above the multiple below), and is "*" when that is 7 or less.
func TestKeyRoundingAtItsBoundaries(t *testing.T) {
	for _, c := range []struct {
		n      int
		key    uint32
		max    int
		to     int
		shown  int
		hidden bool
	}{
		{0, 0, 7, 5, 0, true},
		{0, 0xffffffff, 7, 5, 0, true}, // zero is never rounded up: it is always hidden
		{1, 0, 7, 5, 0, true},
		{1, keyAt(4) - 1, 7, 5, 0, true},
		{1, keyAt(4), 7, 5, 5, true},
		{1, 0xffffffff, 7, 5, 5, true},
		{5, 0xffffffff, 7, 5, 5, true},
		{6, keyAt(4) - 1, 7, 5, 5, true},
		{6, keyAt(4), 7, 5, 10, false}, // a 6 shown as 10, one key in five
		{7, keyAt(3) - 1, 7, 5, 5, true},
		{7, keyAt(3), 7, 5, 10, false},
		{8, keyAt(2) - 1, 7, 5, 5, true}, // an 8 hidden, two keys in five
		{8, keyAt(2), 7, 5, 10, false},
		{9, keyAt(1) - 1, 7, 5, 5, true},
		{9, keyAt(1), 7, 5, 10, false},
		{10, 0, 7, 5, 10, false},
		{10, 0xffffffff, 7, 5, 10, false},
		{12, keyAt(3) - 1, 7, 5, 10, false},
		{12, keyAt(3), 7, 5, 15, false},
		{250, 0x12345678, 7, 5, 250, false},
		{251, keyAt(4) - 1, 7, 5, 250, false},
		{251, keyAt(4), 7, 5, 255, false},
		// A stricter site: round to 10, hide 10 or less.
		{14, uint32((6<<32 + 9) / 10), 10, 10, 20, false},
		{14, uint32((6<<32+9)/10) - 1, 10, 10, 10, true},
		{19, 0, 10, 10, 10, true},
		{20, 0, 10, 10, 20, false},
	} {
		shown, hidden := protect(c.n, c.key, c.max, c.to)
		if shown != c.shown || hidden != c.hidden {
			t.Errorf("count %d, key %#x, max %d, round to %d: shown %d hidden %v, want %d %v", c.n, c.key, c.max, c.to, shown, hidden, c.shown, c.hidden)
		}
	}
	if got := hiddenBelow(7, 5); got != 10 {
		t.Errorf("defaults hide counts below %d, want 10", got)
	}
	if got := hiddenBelow(10, 10); got != 20 {
		t.Errorf("max 10, round to 10 hides counts below %d, want 20", got)
	}
}

// TestKeyRoundingIsUnbiased: over cell keys spread evenly, a count is shown
// on average as itself, so sums of many rounded counts do not drift.
func TestKeyRoundingIsUnbiased(t *testing.T) {
	for n := range 60 {
		total := 0
		for u := range 5 {
			total += keyRound(n, keyAt(u), 5)
		}
		if total != 5*n {
			t.Errorf("count %d: mean shown %v over the five fifths of keys", n, float64(total)/5)
		}
	}
}

// TestRecordKeysAreSpreadEvenly: ids made one after another (as a store
// makes them, in time order) still give keys spread evenly over the
// fifths keyRound reads, and over their low bits.
func TestRecordKeysAreSpreadEvenly(t *testing.T) {
	const n = 20000
	var fifths [5]int
	var low [8]int
	for i := range n {
		k := recordKey(uuid.UUID(fixtureID(i)))
		fifths[uint64(k)*5>>32]++
		low[k&7]++
	}
	for u, c := range fifths {
		if c < n/5*95/100 || c > n/5*105/100 {
			t.Errorf("fifth %d of the keys has %d of %d ids, want about %d", u, c, n, n/5)
		}
	}
	for b, c := range low {
		if c < n/8*90/100 || c > n/8*110/100 {
			t.Errorf("low bits %d: %d of %d ids, want about %d", b, c, n, n/8)
		}
	}
}

// TestTheSameAssessmentsAreShownTheSameInEverySummary: a team's counts
// are shown the same in the all-teams summary's breakdown by team and in
// the team's own summary, and again after another team's records and a
// later week are added: the same assessments make the same cell keys.
// The span is given: a span not asked for is that of the assessments
// read, any team's, and the later week would then be the team's own
// summary's too, one with none of its assessments.
func TestTheSameAssessmentsAreShownTheSameInEverySummary(t *testing.T) {
	next := 0
	var rs []record.Record
	for i := range 60 {
		rs = append(rs, bulk(t, &next, 1, fixture{day: "2026-01-05", team: []string{"Ward 7", "Ward 9"}[i%2],
			bands: questionnaire.Bands{Access: questionnaire.Band(i % 3), Skills: questionnaire.Band(i / 7 % 3)}})...)
	}
	week := Options{By: Week, From: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 1, 11, 0, 0, 0, 0, time.UTC)}
	all := summarise(t, datasetOf(t, rs), week)
	ward7 := week
	ward7.Teams = []string{"Ward 7"}
	own := summarise(t, datasetOf(t, rs), ward7)
	more := append(rs, bulk(t, &next, 23, fixture{day: "2026-01-14", team: "Ward 9", bands: questionnaire.Bands{Access: sig}})...)
	later := summarise(t, datasetOf(t, more), ward7)
	allIdx, laterIdx := cells(all), cells(later)
	compared := 0
	for i, c := range own.Cells {
		if c.Period != All || c.Breakdown != All {
			continue
		}
		j, ok := allIdx[fmt.Sprintf("all/team/Ward 7/%s/%s", c.Measure, c.Category)]
		if !ok {
			t.Fatalf("no Ward 7 %s/%s in the all-teams summary's breakdown by team", c.Measure, c.Category)
		}
		if own.Value(i) != all.Value(j) || c.Key != all.Cells[j].Key {
			t.Errorf("Ward 7 %s/%s: %s in its own summary, %s in the all-teams one", c.Measure, c.Category, own.Value(i), all.Value(j))
		}
		if k := laterIdx[key(c)]; later.Value(k) != own.Value(i) {
			t.Errorf("Ward 7 %s/%s: %s, then %s once other records were added", c.Measure, c.Category, own.Value(i), later.Value(k))
		}
		compared++
	}
	if compared < 20 {
		t.Fatalf("only %d cells compared", compared)
	}
}

// TestAZeroIsHiddenLikeAnySmallCount: three assessed, all with a
// significant access barrier. Shown as 0, 0 and *, the bands would say
// that all three share it; every band is "*" (in the team's row, laid
// out where --team asks for it: a team too few to show names no row of
// its own in all teams').
func TestAZeroIsHiddenLikeAnySmallCount(t *testing.T) {
	next := 0
	var rs []record.Record
	rs = append(rs, bulk(t, &next, 40, fixture{day: "2026-01-05", team: "Ward 7"})...)
	rs = append(rs, bulk(t, &next, 3, fixture{day: "2026-01-06", team: "Ward 9", bands: questionnaire.Bands{Access: sig}})...)
	s := summarise(t, datasetOf(t, rs), Options{By: Month})
	idx := cells(s)
	own := summarise(t, datasetOf(t, rs), Options{By: Month, Teams: []string{"Ward 9"}})
	for _, k := range []string{"assessed/", "band.access/none", "band.access/some", "band.access/significant"} {
		i, ok := cells(own)["all/team/Ward 9/"+k]
		if got := own.Value(i); !ok || got != "*" {
			t.Errorf("Ward 9 %s shown %q (laid out %v), want *", k, got, ok)
		}
	}
	// And in the whole: nobody has a significant skills barrier, which
	// is hidden too, as one record more would make it 1.
	if got := s.Value(idx["band.skills/significant"]); got != "*" {
		t.Errorf("a zero in the whole shown %q, want *", got)
	}
	if got := s.Value(idx["assessed/"]); got != "40" && got != "45" {
		t.Errorf("43 assessed shown %q, want 40 or 45", got)
	}
}

// TestAVoidTakesAwayTheRowsOnlyItNamedAndKeepsItsProgramme: the one
// assessment from LS9, by Ward 7, referred to Learn My Way, is entered in
// error (the wrong patient's). Its programme, the directory's, is still
// laid out, hidden; its district, named by no other assessment of the
// span, is not: the wrong patient's district is never published (rule
// 6). A re-run after a correction is not protected (docs/
// disclosure.md, "What it does not protect against"). Another team's
// assessments from LS9 in the span keep the row, hidden. (A team named
// only by a record voided is a team with no assessment counted, which
// names no row: TestNoRowIsNamedOnlyByARecordVoidedReplacedOrOutsideTheSpan.)
func TestAVoidTakesAwayTheRowsOnlyItNamedAndKeepsItsProgramme(t *testing.T) {
	next := 0
	rs := bulk(t, &next, 30, fixture{day: "2026-01-05", team: "Ward 7"})
	lone := fixture{day: "2026-01-06", team: "Ward 7", answers: questionnaire.Answers{questionnaire.LinkPostcodeDistrict: {"LS9"}},
		refs: []questionnaire.Referral{ref("learn-my-way", questionnaire.Agreed)}}
	rs = append(rs, bulk(t, &next, 1, lone)...)
	before := summarise(t, datasetOf(t, rs), Options{By: Month})
	next++
	rs = append(rs, fixture{n: next, day: "2026-01-07", team: "Ward 7", status: record.EnteredInError, amends: next - 1}.record(t))
	after := summarise(t, datasetOf(t, rs), Options{By: Month})
	for _, k := range []string{"all/equity.postcode/LS9/assessed/"} {
		if _, ok := cells(before)[k]; !ok {
			t.Errorf("%s is not laid out before the void", k)
		}
		if _, ok := cells(after)[k]; ok {
			t.Errorf("%s is laid out after the void: named only by the record entered in error", k)
		}
	}
	idx := cells(after)
	if i, ok := idx["referral.offered/learn-my-way"]; !ok || after.Cells[i].Count != 0 || after.Value(i) != "*" {
		t.Errorf("the programme of the record voided is not laid out, hidden, after the void")
	}
	// Another team's assessments from LS9, outside --team, keep the row.
	next++
	other := bulk(t, &next, 10, fixture{day: "2026-01-08", team: "Ward 8", answers: questionnaire.Answers{questionnaire.LinkPostcodeDistrict: {"LS9"}}})
	ward7 := summarise(t, datasetOf(t, append(slices.Clone(rs), other...)), Options{By: Month, Teams: []string{"Ward 7"}})
	if i, ok := cells(ward7)["all/equity.postcode/LS9/assessed/"]; !ok || ward7.Value(i) != "*" {
		t.Errorf("LS9, named by another team's assessment of the span, is not laid out, hidden, in Ward 7's summary")
	}
	exact := summarise(t, datasetOf(t, rs), Options{By: Month, Exact: true})
	if _, ok := cells(exact)["all/equity.postcode/LS9/assessed/"]; ok {
		t.Error("--exact lays out a district nobody counted is in")
	}
}

func TestPercentagesComeFromRoundedCounts(t *testing.T) {
	s := &Summary{Cells: []Cell{
		{Count: 22, Base: -1, Key: keyAt(0)}, // shown 20
		{Count: 13, Base: 0, Key: keyAt(2)},  // shown 15: 75% of 20, not 59.1% of 22
		{Count: 3, Base: 0},                  // hidden
		{Count: 0, Base: 0},                  // hidden
		{Count: 45, Base: -1, Key: keyAt(0)}, // shown 45
		{Count: 25, Base: 4, Key: keyAt(0)},  // shown 25: 55.6% of 45, up to 56
		{Count: 20, Base: 4, Key: keyAt(0)},  // shown 20: 44.4%, down to 44
		{Count: 40, Base: -1, Key: keyAt(0)}, // shown 40
		{Count: 15, Base: 7, Key: keyAt(0)},  // shown 15: 37.5%, half up to 38
		{Count: 5815, Base: -1, Key: keyAt(0)},
		{Count: 3285, Base: 9, Key: keyAt(0)}, // 56.49%: 56, not 57 by way of 56.5
	}}
	s.control(7, 5)
	for i, want := range []string{"", "75", "*", "*", "", "56", "44", "", "38", "", "56"} {
		if got := s.Percent(i); got != want {
			t.Errorf("cell %d (count %d): %q, want %q", i, s.Cells[i].Count, got, want)
		}
	}
	exact := &Summary{Exact: true, Cells: []Cell{{Count: 22, Base: -1}, {Count: 13, Base: 0}}}
	for i := range exact.Cells {
		exact.Cells[i].Shown = exact.Cells[i].Count
	}
	if got := exact.Percent(1); got != "59.1" {
		t.Errorf("exact: %q, want 59.1", got)
	}
}

func TestExactShowsEveryCount(t *testing.T) {
	next := 0
	rs := bulk(t, &next, 3, fixture{day: "2026-01-05", bands: questionnaire.Bands{Access: sig}})
	s := summarise(t, datasetOf(t, rs), Options{Exact: true})
	idx := cells(s)
	if got := s.Value(idx["band.access/significant"]); got != "3" {
		t.Errorf("exact: %q, want 3", got)
	}
	if got := s.Value(idx["band.access/none"]); got != "0" {
		t.Errorf("exact zero: %q, want 0", got)
	}
	if got := s.Percent(idx["band.access/significant"]); got != "100.0" {
		t.Errorf("exact: %q%%, want 100.0", got)
	}
}

// TestAFewReferralsNotDiscussedAreHiddenLikeAnyCount: 40 offered Learn My
// Way; 27 agreed, 10 declined, 3 not discussed. The 3 is hidden, and so
// are the patients who had any referral not discussed.
func TestAFewReferralsNotDiscussedAreHiddenLikeAnyCount(t *testing.T) {
	next := 0
	var rs []record.Record
	for _, g := range []struct {
		n       int
		consent string
	}{{27, questionnaire.Agreed}, {10, questionnaire.Declined}, {3, questionnaire.NotDiscussed}} {
		rs = append(rs, bulk(t, &next, g.n, fixture{day: "2026-01-05", bands: questionnaire.Bands{Skills: some},
			refs: []questionnaire.Referral{ref("learn-my-way", g.consent)}})...)
	}
	s := summarise(t, datasetOf(t, rs), Options{By: Month})
	idx := cells(s)
	for _, k := range []string{"referral.not-discussed/learn-my-way", "referred/not-discussed-any", "2026-01/all/all/referral.not-discussed/learn-my-way"} {
		if got := s.Value(idx[k]); got != "*" {
			t.Errorf("%s shown %q, want *", k, got)
		}
	}
	if got := s.Value(idx["referral.offered/learn-my-way"]); got != "40" {
		t.Errorf("40 offered shown %q (a multiple of 5 is never rounded)", got)
	}
}

// TestEveryBreakdownHasItsNotAnsweredRow: the rows of a summary do not
// depend on the data. The postcode breakdown's "not answered" row was
// laid out only when some assessment had no postcode, so its absence said
// that everyone counted gave one; now it is there always, as every other
// breakdown's is.
func TestEveryBreakdownHasItsNotAnsweredRow(t *testing.T) {
	next := 0
	rs := bulk(t, &next, 12, fixture{day: "2026-01-05", team: "Ward 7", answers: questionnaire.Answers{questionnaire.LinkPostcodeDistrict: {"LS6"}}})
	for _, exact := range []bool{false, true} {
		s := summarise(t, datasetOf(t, rs), Options{By: Month, Exact: exact})
		idx := cells(s)
		for _, b := range Breakdowns {
			k := "all/" + b + "/" + NotAnswered + "/assessed/"
			i, ok := idx[k]
			if !ok {
				t.Errorf("exact %v: no row %s", exact, k)
				continue
			}
			if b == questionnaire.LinkPostcodeDistrict && s.Cells[i].Count != 0 {
				t.Errorf("exact %v: %s counts %d, want 0", exact, k, s.Cells[i].Count)
			}
		}
	}
}

// differencingFixture: a team's January and February, 24 assessments
// each, and one patient on 4 March with answers nobody else gave.
func differencingFixture(t *testing.T) []record.Record {
	next := 0
	var rs []record.Record
	for _, day := range []string{"2026-01-05", "2026-02-02"} {
		rs = append(rs, bulk(t, &next, 24, fixture{day: day, team: "Frailty", bands: questionnaire.Bands{Access: some},
			answers: questionnaire.Answers{questionnaire.LinkAgeBand: {"75+"}, questionnaire.LinkPostcodeDistrict: {"LS6"}}})...)
	}
	return append(rs, bulk(t, &next, 1, fixture{day: "2026-03-04", team: "Frailty", bands: questionnaire.Bands{Access: sig, Trust: sig},
		primary: questionnaire.RouteLetter, refs: []questionnaire.Referral{ref("learn-my-way", questionnaire.Agreed)},
		answers: questionnaire.Answers{questionnaire.LinkAgeBand: {"25-34"}, questionnaire.LinkDisability: {"yes"}, questionnaire.LinkPostcodeDistrict: {"LS9"}}})...)
}

// changedCells counts the cells shown in both summaries (matched by
// key) whose shown values differ: each is a category the records between
// the two are in.
func changedCells(a, b *Summary) (changed []string) {
	ib := cells(b)
	for i, c := range a.Cells {
		j, ok := ib[key(c)]
		if ok && !c.Suppressed && !b.Cells[j].Suppressed && a.Value(i) != b.Value(j) {
			changed = append(changed, key(c)+": "+a.Value(i)+" then "+b.Value(j))
		}
	}
	return changed
}

// TestTwoReleasesNeverDifferByOnePatient: a team published its summary
// to 3 March and again to 4 March; every cell that changed held the one
// patient assessed on the 4th (their age band, disability, district,
// bands, referral), since a cell of unchanged records is always shown the
// same. With disclosure control a summary now counts whole periods that
// have ended, so two releases differ by whole periods; and a span is
// shown only when each of its periods has enough assessments to be
// shown, so no period of one patient (or a few) is ever the difference.
func TestTwoReleasesNeverDifferByOnePatient(t *testing.T) {
	in := datasetOf(t, differencingFixture(t))
	for _, to := range []string{"2026-03-03", "2026-03-04"} {
		if _, err := in.Summarise(Options{By: Month, From: day(t, "2026-01-01"), To: day(t, to), Location: time.UTC}); err == nil || !strings.Contains(err.Error(), "whole months") {
			t.Errorf("a summary to %s, inside March: %v, want refused", to, err)
		}
	}
	if _, err := in.Summarise(Options{By: Month, From: day(t, "2026-01-02"), Location: time.UTC}); err == nil || !strings.Contains(err.Error(), "start on 2026-01-01 or 2026-02-01") {
		t.Errorf("a summary from 2 January: %v, want refused", err)
	}
	to := func(d string) *Summary {
		return summarise(t, in, Options{By: Month, From: day(t, "2026-01-01"), To: day(t, d)})
	}
	feb, mar := to("2026-02-28"), to("2026-03-31")
	if feb.SpanHidden || !mar.SpanHidden {
		t.Errorf("span hidden: to February %v, to March (one patient in March) %v", feb.SpanHidden, mar.SpanHidden)
	}
	if notes := strings.Join(mar.Notes(), " "); !strings.Contains(notes, "Counts over the whole span (1 Jan 2026 to 31 Mar 2026) are hidden") {
		t.Errorf("the notes do not say the span is hidden: %s", notes)
	}
	if ch := changedCells(feb, mar); len(ch) > 0 {
		t.Errorf("%d cells changed when March's one patient was added, each one of their categories:\n%s", len(ch), strings.Join(ch, "\n"))
	}
	// Exact, the same two releases give the patient away, which is what
	// the test would see were the span shown.
	exactFeb := summarise(t, in, Options{By: Month, Exact: true, From: day(t, "2026-01-01"), To: day(t, "2026-02-28")})
	exactMar := summarise(t, in, Options{By: Month, Exact: true, From: day(t, "2026-01-01"), To: day(t, "2026-03-31")})
	if len(changedCells(exactFeb, exactMar)) < 10 {
		t.Error("the exact releases do not differ by the patient: the fixture tests nothing")
	}
}

// TestAPeriodNotEndedIsNotPublished: with no --to, disclosure control
// stops at the end of the last period that has ended, so that a summary
// run each day does not differ from the day before's by that day's
// records; --exact counts to the last assessment.
func TestAPeriodNotEndedIsNotPublished(t *testing.T) {
	today := time.Now().UTC().Format(time.DateOnly)
	next := 0
	rs := bulk(t, &next, 12, fixture{day: "2025-01-06", team: "Ward 7"})
	rs = append(rs, bulk(t, &next, 1, fixture{day: today, team: "Ward 7"})...)
	in := datasetOf(t, rs)
	controlled := summarise(t, in, Options{By: Month})
	exact := summarise(t, in, Options{By: Month, Exact: true})
	if n := controlled.Cells[cells(controlled)["assessed/"]].Count; n != 12 {
		t.Errorf("controlled: %d counted, want the 12 of periods that have ended", n)
	}
	if n := exact.Cells[cells(exact)["assessed/"]].Count; n != 13 {
		t.Errorf("exact: %d counted, want 13", n)
	}
	if notes := strings.Join(controlled.Notes(), " "); !strings.Contains(notes, "has not ended") {
		t.Errorf("the notes do not say the period not ended is left out: %s", notes)
	}
	if _, err := in.Summarise(Options{By: Month, To: time.Now(), Location: time.UTC}); err == nil || !strings.Contains(err.Error(), "has not ended") {
		t.Errorf("--to today: %v, want refused", err)
	}
}

// TestNoShareOfASmallBaseIsShown: from counts rounded to 5, a share of a
// small base is no share (15 of 10 read 150%; 10 of 10 read 100% where 8
// of 13 had no barrier). Under disclosure control a share is shown only of
// a base shown as 20 or more, and never over 100%; exact shares are all
// shown.
func TestNoShareOfASmallBaseIsShown(t *testing.T) {
	rs := weeklyShare(t, []int{13, 12, 14, 40, 43}, []int{5, 11, 13, 20, 40})
	s := summarise(t, datasetOf(t, rs), Options{By: Week})
	shown, held := 0, 0
	for i, c := range s.Cells {
		if c.Base < 0 || c.Suppressed || s.Cells[c.Base].Suppressed || s.Cells[c.Base].Shown == 0 {
			continue
		}
		b := s.Cells[c.Base].Shown
		p := s.Percent(i)
		switch {
		case b < 20 || c.Shown > b:
			if p != "*" {
				t.Errorf("%s %s: %d of a base shown as %d gives %s%%", c.Period, c.Measure, c.Shown, b, p)
			}
			held++
		default:
			if p == "*" || p == "" {
				t.Errorf("%s %s: %d of %d shows no share", c.Period, c.Measure, c.Shown, b)
			}
			shown++
		}
	}
	if shown == 0 || held == 0 {
		t.Fatalf("shares shown %d, held %d: the fixture tests one side only", shown, held)
	}
	exact := summarise(t, datasetOf(t, rs), Options{By: Week, Exact: true})
	for i, c := range exact.Cells {
		if c.Base >= 0 && exact.Cells[c.Base].Count > 0 && exact.Percent(i) == "*" {
			t.Errorf("exact %s %s: share hidden", c.Period, c.Measure)
		}
	}
}

// TestNoCountIsShownAboveItsBase: a part is never shown above its whole. A
// count and its base in the same multiple of 5 are rounded by keys of
// their own, so 21 of 22 could read 25 of 20; the part is shown as its
// base is then, down a chain of bases, and hidden when that is.
func TestNoCountIsShownAboveItsBase(t *testing.T) {
	for _, c := range []struct {
		name  string
		cells []Cell
		want  []string // Value of each cell
	}{
		{"21 of 22, the part rounded up and the whole down",
			[]Cell{{Count: 22, Base: -1, Key: keyAt(0)}, {Count: 21, Base: 0, Key: keyAt(4)}},
			[]string{"20", "20"}},
		{"21 of 22, both rounded up",
			[]Cell{{Count: 22, Base: -1, Key: keyAt(4)}, {Count: 21, Base: 0, Key: keyAt(4)}},
			[]string{"25", "25"}},
		{"20 of 24 stays 20",
			[]Cell{{Count: 24, Base: -1, Key: keyAt(0)}, {Count: 20, Base: 0, Key: keyAt(4)}},
			[]string{"20", "20"}},
		{"13 of 22, a part in a lower multiple, is its own rounding",
			[]Cell{{Count: 22, Base: -1, Key: keyAt(0)}, {Count: 13, Base: 0, Key: keyAt(2)}},
			[]string{"20", "15"}},
		{"a chain: 21 agreed of 22 offered of 23 assessed",
			[]Cell{{Count: 23, Base: -1, Key: keyAt(0)}, {Count: 22, Base: 0, Key: keyAt(4)}, {Count: 21, Base: 1, Key: keyAt(4)}},
			[]string{"20", "20", "20"}},
		{"a base after its part",
			[]Cell{{Count: 21, Base: 1, Key: keyAt(4)}, {Count: 22, Base: -1, Key: keyAt(0)}},
			[]string{"20", "20"}},
		{"8 of a hidden 8 is hidden, not 10",
			[]Cell{{Count: 8, Base: -1, Key: keyAt(0)}, {Count: 8, Base: 0, Key: keyAt(4)}},
			[]string{"*", "*"}},
		{"9 of 11: the whole at 10, the part not above it",
			[]Cell{{Count: 11, Base: -1, Key: keyAt(0)}, {Count: 9, Base: 0, Key: keyAt(4)}},
			[]string{"10", "10"}},
	} {
		s := &Summary{Cells: c.cells}
		s.control(7, 5)
		for i, want := range c.want {
			if got := s.Value(i); got != want {
				t.Errorf("%s: cell %d (count %d) shown %s, want %s", c.name, i, c.cells[i].Count, got, want)
			}
		}
	}
}

// TestNoPartIsShownAboveItsWholeInASummary: over every cell of a week's
// synthetic summary, a shown count is never above its shown base, and a
// share is given only where both are shown.
func TestNoPartIsShownAboveItsWholeInASummary(t *testing.T) {
	// Twenty weeks of 22 assessed, 21 of them with a significant barrier:
	// a part and its whole in the same multiple of 5 week after week.
	of, sig := make([]int, 20), make([]int, 20)
	for w := range of {
		of[w], sig[w] = 22, 21
	}
	rs := weeklyShare(t, of, sig)
	s := summarise(t, datasetOf(t, rs), Options{By: Week})
	checked := 0
	for i, c := range s.Cells {
		if c.Base < 0 {
			continue
		}
		b := s.Cells[c.Base]
		if !c.Suppressed && !b.Suppressed {
			checked++
			if c.Shown > b.Shown {
				t.Errorf("%s %s %s: %d shown of a base shown as %d", c.Period, c.Measure, c.Category, c.Shown, b.Shown)
			}
		}
		if (c.Suppressed || b.Suppressed) && s.Percent(i) != "*" {
			t.Errorf("%s %s %s: a share %q of a hidden count", c.Period, c.Measure, c.Category, s.Percent(i))
		}
		if !c.Suppressed && b.Suppressed {
			t.Errorf("%s %s %s: %d shown of a hidden base", c.Period, c.Measure, c.Category, c.Shown)
		}
	}
	if checked == 0 {
		t.Fatal("no shown count of a shown base: the fixture tests nothing")
	}
}
