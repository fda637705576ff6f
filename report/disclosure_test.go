package report

import (
	"math/rand/v2"
	"testing"

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

func TestSmallCountsAreSuppressed(t *testing.T) {
	s := &Summary{}
	counts := []int{0, 1, 7, 8, 12, 13, 250}
	for _, n := range counts {
		s.Cells = append(s.Cells, Cell{Count: n, Base: -1})
	}
	s.control(7, 5)
	want := []string{"0", "*", "*", "10", "10", "15", "250"}
	for i := range counts {
		if got := s.Value(i); got != want[i] {
			t.Errorf("count %d shown %q, want %q", counts[i], got, want[i])
		}
	}
}

func TestAStricterSiteSettingSuppressesMore(t *testing.T) {
	s := &Summary{Cells: []Cell{{Count: 9, Base: -1}, {Count: 11, Base: -1}, {Count: 14, Base: -1}}}
	s.control(10, 10)
	for i, want := range []string{"*", "10", "10"} {
		if got := s.Value(i); got != want {
			t.Errorf("count %d shown %q, want %q", s.Cells[i].Count, got, want)
		}
	}
}

func TestPercentagesComeFromRoundedCounts(t *testing.T) {
	s := &Summary{Cells: []Cell{
		{Count: 22, Base: -1}, // shown 20
		{Count: 13, Base: 0},  // shown 15: 75.0% of 20, not 59.1% of 22
		{Count: 3, Base: 0},   // suppressed
		{Count: 0, Base: 0},
	}}
	s.control(7, 5)
	for i, want := range []string{"", "75.0", "*", "0.0"} {
		if got := s.Percent(i); got != want {
			t.Errorf("cell %d (%d of 22): %q, want %q", i, s.Cells[i].Count, got, want)
		}
	}
	exact := &Summary{Cells: []Cell{{Count: 22, Base: -1}, {Count: 13, Base: 0}}}
	for i := range exact.Cells {
		exact.Cells[i].Shown = exact.Cells[i].Count
	}
	if got := exact.Percent(1); got != "59.1" {
		t.Errorf("exact: %q, want 59.1", got)
	}
}

// TestASuppressedCellCannotBeWorkedOutFromItsTotal: 40 assessed in
// January; access: none 27, some 10, significant 3. The 3 is suppressed;
// shown alone, it would be 40 - 27 - 10. So the smallest other non-zero
// band, some (10), is suppressed too; none shows as 25 (27 rounded).
func TestASuppressedCellCannotBeWorkedOutFromItsTotal(t *testing.T) {
	next := 0
	var rs []record.Record
	rs = append(rs, bulk(t, &next, 27, fixture{day: "2026-01-05"})...)
	rs = append(rs, bulk(t, &next, 10, fixture{day: "2026-01-06", bands: questionnaire.Bands{Access: some}})...)
	rs = append(rs, bulk(t, &next, 3, fixture{day: "2026-01-07", bands: questionnaire.Bands{Access: sig}})...)
	s := summarise(t, datasetOf(t, rs), Options{By: Month})
	idx := cells(s)
	for k, want := range map[string]string{
		"assessed/": "40", "band.access/none": "25", "band.access/some": "*", "band.access/significant": "*",
		"2026-01/all/all/band.access/some": "*", "all/equity.age/not-answered/band.access/some": "*",
	} {
		if got := s.Value(idx[k]); got != want {
			t.Errorf("%s shown %q, want %q", k, got, want)
		}
	}
	if c := s.Cells[idx["band.access/some"]]; !c.Secondary {
		t.Error("some barrier is not marked as suppressed to protect another cell")
	}
	if c := s.Cells[idx["band.access/significant"]]; c.Secondary {
		t.Error("significant barrier (3) is marked secondary; it is suppressed for itself")
	}
	if got := s.Percent(idx["band.access/none"]); got != "62.5" {
		t.Errorf("none: %s%%, want 62.5 (25 of 40)", got)
	}
}

// TestAFewReferralsNotDiscussedAreHiddenLikeAnyCount: 40 offered Learn My
// Way; 27 agreed, 10 declined, 3 not discussed. The 3 is suppressed, and,
// as it would be 40 - 27 - 10, so is the declined count; the patients who
// had any referral not discussed are suppressed too.
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
	for k, want := range map[string]string{
		"referral.offered/learn-my-way": "40", "referral.agreed/learn-my-way": "25",
		"referral.declined/learn-my-way": "*", "referral.not-discussed/learn-my-way": "*",
		"referred/not-discussed-any": "*", "2026-01/all/all/referral.not-discussed/learn-my-way": "*",
	} {
		if got := s.Value(idx[k]); got != want {
			t.Errorf("%s shown %q, want %q", k, got, want)
		}
	}
	if c := s.Cells[idx["referral.declined/learn-my-way"]]; !c.Secondary {
		t.Error("declined is not marked as suppressed to protect not discussed")
	}
	noSumGivesBackASuppressedCell(t, s)
}

// TestSecondarySuppressionReachesAcrossPeriods: access significant is 4 in
// January (suppressed) and 8 in February (shown as 10), 12 over both
// (shown as 10). January's 4 would be 12 - 8: so February's 8 is
// suppressed as well, though nothing in February alone asks for it.
//
//	         none  some  significant  assessed
//	January    10   6*        4*        20
//	February   10   2*        8 -> *    20
//	both       20   8         12        40
func TestSecondarySuppressionReachesAcrossPeriods(t *testing.T) {
	next := 0
	var rs []record.Record
	for _, p := range []struct {
		day     string
		a, b, c int
	}{{"2026-01-05", 10, 6, 4}, {"2026-02-02", 10, 2, 8}} {
		rs = append(rs, bulk(t, &next, p.a, fixture{day: p.day})...)
		rs = append(rs, bulk(t, &next, p.b, fixture{day: p.day, bands: questionnaire.Bands{Access: some}})...)
		rs = append(rs, bulk(t, &next, p.c, fixture{day: p.day, bands: questionnaire.Bands{Access: sig}})...)
	}
	s := summarise(t, datasetOf(t, rs), Options{By: Month})
	idx := cells(s)
	for k, want := range map[string]string{
		"2026-01/all/all/band.access/significant": "*",
		"2026-02/all/all/band.access/significant": "*",
		"band.access/significant":                 "10",
		"2026-02/all/all/band.access/none":        "10",
		"band.access/some":                        "10",
	} {
		if got := s.Value(idx[k]); got != want {
			t.Errorf("%s shown %q, want %q", k, got, want)
		}
	}
	if !s.Cells[idx["2026-02/all/all/band.access/significant"]].Secondary {
		t.Error("February's 8 is not marked secondary")
	}
	noSumGivesBackASuppressedCell(t, s)
}

// noSumGivesBackASuppressedCell checks the invariant disclosure control
// keeps: no sum of the summary has exactly one suppressed cell.
func noSumGivesBackASuppressedCell(t *testing.T, s *Summary) {
	t.Helper()
	if len(s.relations) == 0 {
		t.Fatal("the summary has no sums to check")
	}
	for _, rel := range s.relations {
		hidden := 0
		total := 0
		for k, i := range rel {
			if s.Cells[i].Suppressed {
				hidden++
			}
			if k > 0 {
				total += s.Cells[i].Count
			}
		}
		if total != s.Cells[rel[0]].Count {
			t.Fatalf("%s is %d, but its parts add up to %d", key(s.Cells[rel[0]]), s.Cells[rel[0]].Count, total)
		}
		if hidden == 1 {
			for _, i := range rel {
				if s.Cells[i].Suppressed {
					t.Errorf("%s can be worked out from the sum it is in (total %s)", key(s.Cells[i]), key(s.Cells[rel[0]]))
				}
			}
		}
	}
}

// TestNoSumEverGivesBackASuppressedCell runs control over many small,
// uneven groups, where suppression cascades through periods and every
// breakdown at once.
func TestNoSumEverGivesBackASuppressedCell(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ageCodes := []string{"16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+", "not-stated"}
	districts := []string{"LS1", "LS2", "LS6", "SW1A", "M1", ""}
	routes := questionnaire.Routes
	progs := []string{"national-databank", "learn-my-way", "public-library", "get-safe-online"}
	consents := []string{questionnaire.Agreed, questionnaire.Declined, questionnaire.NotDiscussed, ""}
	next := 0
	var rs []record.Record
	for range 400 {
		f := fixture{
			day:     []string{"2026-01-05", "2026-01-20", "2026-02-03", "2026-02-17", "2026-03-09", "2026-04-14"}[rng.IntN(6)],
			bands:   questionnaire.Bands{Access: questionnaire.Band(rng.IntN(3)), Skills: questionnaire.Band(rng.IntN(3)), Motivation: questionnaire.Band(rng.IntN(3)), Trust: questionnaire.Band(rng.IntN(3))},
			primary: routes[rng.IntN(len(routes))],
			answers: questionnaire.Answers{},
		}
		if a := rng.IntN(len(ageCodes) + 1); a < len(ageCodes) {
			f.answers[questionnaire.LinkAgeBand] = []string{ageCodes[a]}
		}
		if d := districts[rng.IntN(len(districts))]; d != "" {
			f.answers[questionnaire.LinkPostcodeDistrict] = []string{d}
		}
		for _, p := range progs {
			if rng.IntN(3) == 0 {
				f.refs = append(f.refs, ref(p, consents[rng.IntN(len(consents))]))
			}
		}
		if rng.IntN(3) == 0 {
			f.choice = routes[rng.IntN(len(routes))]
			f.honoured = rng.IntN(2) == 0
		}
		rs = append(rs, bulk(t, &next, 1, f)...)
	}
	for _, by := range []By{Week, Month} {
		s := summarise(t, datasetOf(t, rs), Options{By: by})
		noSumGivesBackASuppressedCell(t, s)
		secondary := 0
		for _, c := range s.Cells {
			if c.Secondary {
				secondary++
			}
		}
		if secondary == 0 {
			t.Errorf("by %s: no secondary suppression in a summary of small groups; the test proves nothing", by)
		}
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
	if got := s.Percent(idx["band.access/significant"]); got != "100.0" {
		t.Errorf("exact: %q%%, want 100.0", got)
	}
}
