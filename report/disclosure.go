package report

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"digicheck/site"
)

// Disclosure control, on unless a summary is Exact: the "10-5 rule" (a
// count below 10 is not shown, others are rounded to 5) made consistent
// across releases by the cell key method. docs/disclosure.md says what it
// protects against, what it does not, and where the methods are published.
//
//   - Every assessment has a record key: a 32-bit number that looks random,
//     worked out from the id of its first version (recordKey), so its
//     amendments keep it and it is the same in every summary.
//   - Every cell has a cell key: the sum of the record keys of the
//     assessments it counts, modulo 2^32 (Cell.Key). The same assessments
//     give the same key, whichever summary, team, period or run counts
//     them; one assessment more or less gives an unrelated key.
//   - A count is rounded to a multiple of RoundTo (5), up or down, by its
//     cell key: a count r above a multiple is rounded up for r in RoundTo
//     of cell keys (unbiased random rounding, the perturbation table being
//     a rounding one). So the same cell is always shown the same, and a
//     shown count is within RoundTo-1 of the exact one, either way.
//   - A rounded count above its base's rounded count (a part above its
//     whole: 21 of 22 shown as 25 of 20) is lowered to the base's
//     (noCountAboveItsBase).
//   - A rounded count of MaxSuppressed (7) or less, zero included, is shown
//     as "*": with the defaults, "*" is any count from 0 to 9, and every
//     count shown is 10 or more. A zero is hidden like any small count, so
//     that "*" beside "0" never says that a small group shares a category,
//     and a count that falls from 1 to 0 when a record is voided shows no
//     change.
//   - A site's stricter setting is laid over the default rule: a count the
//     defaults hide is hidden whatever the site sets (see control).
//   - A percentage is worked out from the counts as shown, and is "*" when
//     either is hidden.
//
// There is no secondary suppression: every shown count is already uncertain
// by up to RoundTo-1 either way, so a hidden count worked out from a total
// and its other parts is uncertain by their sum (the adversary test in
// disclosure_adversary_test.go solves the sums of a week's releases).
//
// A site's stricter setting ([disclosure] round_to, max_suppressed) is
// laid over the default rule, never put in its place. max_suppressed is
// compared with the count as rounded, so a larger round_to alone lost the
// small-count threshold: round_to = 10 with max_suppressed 7 showed counts
// of 1 to 5 as 10 (round_to = 20, counts of 1 to 3 as 20), which the
// defaults never show, under a note saying counts below 10 are shown as
// *. Now a count is shown only where the defaults would show it too, so
// no setting shows a count the defaults hide (a count of 5 or less never,
// one of 6 to 9 only where the defaults show it as 10), and no count is
// shown below hiddenBelow; the site's config refuses a setting whose
// smallest count shown is below the default's, or whose max_suppressed
// hides nothing more than a smaller one would (site.CheckDisclosure).
func (s *Summary) control(maxSuppressed, roundTo int) {
	least := hiddenBelow(maxSuppressed, roundTo)
	def := site.DefaultDisclosure
	shown, byDefault := make([]int, len(s.Cells)), make([]int, len(s.Cells))
	for i, c := range s.Cells {
		shown[i] = keyRound(c.Count, c.Key, roundTo)
		byDefault[i] = keyRound(c.Count, c.Key, def.RoundTo)
	}
	s.noCountAboveItsBase(shown)
	s.noCountAboveItsBase(byDefault)
	for i := range s.Cells {
		c := &s.Cells[i]
		c.Shown = shown[i]
		// A site's rule is laid over the default one, never in its
		// place: a count the defaults hide is hidden whatever the site
		// sets.
		c.Suppressed = shown[i] <= maxSuppressed || shown[i] < least || byDefault[i] <= def.MaxSuppressed
	}
	s.hideSpanOfASmallPeriod()
}

// noCountAboveItsBase lowers a rounded count (shown, by cell) that came
// out above its base's rounded count to the base's: a count and its base
// in the same multiple of 5 are rounded each by its own cell key, so 21
// agreed of 22 offered could read 25 of 20. A part is never more than its
// whole, so the shown part is never more than the shown whole. A count is
// then shown the same wherever the same assessments are counted against a
// base of the same assessments, and it is still within RoundTo-1 of the
// exact count (it is at most its base, shown within RoundTo-1 of its
// exact count). Bases are worked out before the cells that are shares of
// them, a base's own base first.
func (s *Summary) noCountAboveItsBase(shown []int) {
	done := make([]bool, len(s.Cells))
	var settle func(i, depth int) int
	settle = func(i, depth int) int {
		c := &s.Cells[i]
		if done[i] || depth > len(s.Cells) {
			return shown[i]
		}
		done[i] = true
		if c.Base >= 0 && c.Base != i {
			shown[i] = min(shown[i], settle(c.Base, depth+1))
		}
		return shown[i]
	}
	for i := range s.Cells {
		settle(i, 0)
	}
}

// hideSpanOfASmallPeriod hides every count over the whole span (period
// All: the top tables and every breakdown) when some period in it has its
// number assessed hidden. Two summaries of spans that differ by whole
// periods (wholePeriods) differ in those counts by the records of those
// periods; were one of them a period of a few records, the counts that
// changed would pin those few records' categories, one patient's when
// there was one. So a span is shown only when each of its periods holds
// enough assessments to be shown, and the difference between two
// published spans is a group of at least that many. The decision reads
// shown values only, so it gives away nothing of its own.
func (s *Summary) hideSpanOfASmallPeriod() {
	small := false
	for _, c := range s.Cells {
		if c.Period != All && c.Breakdown == All && c.Group == All && c.Measure == MeasureAssessed && c.Suppressed {
			small = true
			break
		}
	}
	if small {
		for i := range s.Cells {
			if s.Cells[i].Period == All {
				s.Cells[i].Suppressed = true
			}
		}
		s.SpanHidden = true
		return
	}
	// The same over each team's own periods, for its row in the team
	// breakdown: two all-teams summaries whose spans differ by a month in
	// which one team assessed one patient showed, in that team's row, the
	// categories of that patient (a year to date run each month). A
	// team's row is hidden when any period in the span has the team's
	// number assessed hidden, as its own summary (--team) then hides its
	// span: the decision reads the count its own summary shows for that
	// period, protected by the same cell key, so it tells nothing that
	// summary does not.
	hidden := map[string]bool{}
	for i := range s.Cells {
		c := &s.Cells[i]
		if c.Period != All || c.Breakdown != BreakdownTeam {
			continue
		}
		h, ok := hidden[c.Group]
		if !ok {
			per := s.teamPeriods[c.Group]
			// A team with no period counted has a row of zeros, hidden.
			h = len(per) == 0
			for _, n := range per {
				if _, small := protect(n.n, n.key, s.Disclosure.MaxSuppressed, s.Disclosure.RoundTo); small {
					h = true
					break
				}
			}
			hidden[c.Group] = h
			if h {
				s.TeamsHidden = append(s.TeamsHidden, c.Group)
			}
		}
		if h {
			c.Suppressed = true
		}
	}
}

// teamsOut is what disclosure control leaves out of a summary's counts:
// by team name, the spans of time [from, to), in Unix seconds, in which
// the assessments first made are not counted anywhere (periods, totals,
// every breakdown, the team's own row). A team too few over the whole
// span has the one span allTime.
type teamsOut map[string][][2]int64

// allTime is the span of a team left out of every count.
var allTime = [2]int64{math.MinInt64, math.MaxInt64}

// leftOutAt is teamsOut by the name number of each team, as the
// streamers read it.
type leftOutAt map[uint32][][2]int64

// has reports whether an assessment first made at t by team is left out.
func (l leftOutAt) has(team uint32, t int64) bool {
	for _, sp := range l[team] {
		if t >= sp[0] && t < sp[1] {
			return true
		}
	}
	return false
}

// smallTeams are what a summary leaves out (rule 10): for each team of
// the team breakdown, each period in which it has fewer assessments,
// exactly, than disclosure control ever shows (hiddenBelow: 10 with the
// defaults), zero included; and the whole span when it has fewer than
// that over the periods kept. counted is whether any of that held an
// assessment, so that the summary must be made again without them.
//
// On the exact count, not on what the team's own cell key shows: a team
// with 6 assessments in a month whose key rounds them up to 10 was
// counted there, and "all teams" beside "all teams but that team"
// differed exactly in the cells holding its 6 patients; in a rare
// category, one patient, whose bands and referrals were read off. A
// team's period counted now holds 10 or more, exactly.
//
// Per period, not only over the span: a team with plenty over the span
// but one patient in one month was counted in that month, so the
// month's rows of the all-teams summary and of one without that team
// (its store left out, or the other teams named with --team) differed
// by that patient alone, and each count that differed told a category
// of theirs. The decision for a team reads only that team's own counts,
// so every summary that counts the team, all teams or some, decides
// alike, and leaves out the same assessments.
func (g *gridTeams) smallTeams(dc site.Disclosure) (out teamsOut, counted bool) {
	out = teamsOut{}
	least := hiddenBelow(dc.MaxSuppressed, dc.RoundTo)
	for _, row := range g.rows {
		kept := 0
		for i, n := range g.counts[row] {
			if n.n < least {
				p := g.periods[i]
				out[row] = append(out[row], [2]int64{PeriodStart(p.Start, g.by, g.loc).Unix(), p.End.Unix()})
				counted = counted || n.n > 0
			} else {
				kept += n.n
			}
		}
		if kept < least {
			out[row] = [][2]int64{allTime}
			counted = counted || g.total[row] > 0
		}
		// The streamers know a team by the name its records give it;
		// a row named with a patient's number withheld stands for it
		// (or for several), and was never left out before.
		for _, name := range g.names[row] {
			if spans, ok := out[row]; ok {
				out[name] = spans
			}
		}
	}
	return out, counted
}

// gridPeriod is the period of the publication grid on which rule 10
// decides for a summary by by: the week for a summary by week, the month
// for any other (a quarter and a financial year are made of months; a
// site publishing by week publishes by week only, OnGrid).
func gridPeriod(by By) By {
	if by == Quarter || by == FY {
		return Month
	}
	return by
}

// leaveOut notes the teams left out of every count, and those left out
// of some periods' counts, by the grid's period (by, periods: the
// summary's own, or the months of a summary by quarter or financial
// year). The rows of the teams left out of every count, now empty, say
// nothing rule 8 need name. A team left out of every count has no row
// unless --team asks for it (it names none: see rowNamers), so those are
// named from teams, the rows of the team breakdown that the span's
// assessments or --team name, and from Summary.knownTeams, the teams of
// every record read (given no --team): a team of the inputs with none in the span is
// too few to show as one with a few is, and is named with them. Named
// only when it had some, it was told from them: the note said "(from 0
// to 9)" of the teams with 1 to 9, and a team it did not name had none.
// The names are in order, whichever had none.
func (s *Summary) leaveOut(out teamsOut, by By, periods []Period, teams []string) {
	s.TeamsLeftOut, s.TeamsLeftOutIn = nil, nil
	// The grid's months after the summary's span (a summary by quarter
	// counts to the last quarter ended, its months run on to the last
	// month ended) are decided on, never named: the quarterly release
	// named the teams left out of October and November, months it does
	// not publish.
	if len(s.Periods) == 0 {
		periods = nil
	} else if end := s.Periods[len(s.Periods)-1].End; len(periods) > 0 && periods[len(periods)-1].End.After(end) {
		periods = slices.DeleteFunc(slices.Clone(periods), func(p Period) bool { return !p.Start.Before(end) })
	}
	s.leftOutBy, s.leftOutPeriods = by, periods
	for _, t := range teams {
		if spans := out[t]; len(spans) == 1 && spans[0] == allTime {
			s.TeamsLeftOut = append(s.TeamsLeftOut, t)
		}
	}
	for _, t := range s.knownTeams {
		if !slices.Contains(teams, t) && !slices.Contains(s.TeamsLeftOut, t) {
			s.TeamsLeftOut = append(s.TeamsLeftOut, t)
		}
	}
	slices.Sort(s.TeamsLeftOut)
	for _, c := range s.Cells {
		if c.Period != All || c.Breakdown != BreakdownTeam || c.Measure != MeasureAssessed {
			continue
		}
		// By the rows' names, in their order: never a name as the
		// records give it, which may hold a patient's number.
		t := c.Group
		spans, ok := out[t]
		if !ok {
			continue
		}
		if len(spans) == 1 && spans[0] == allTime {
			continue
		}
		for _, p := range periods {
			if (leftOutAt{0: spans}).has(0, p.Start.Unix()) {
				if s.TeamsLeftOutIn == nil {
					s.TeamsLeftOutIn = map[string][]string{}
				}
				s.TeamsLeftOutIn[p.Label] = append(s.TeamsLeftOutIn[p.Label], t)
			}
		}
	}
	s.TeamsHidden = slices.DeleteFunc(s.TeamsHidden, func(t string) bool { return slices.Contains(s.TeamsLeftOut, t) })
}

// protect is what disclosure control shows of count n with cell key key:
// n rounded to a multiple of roundTo by the key, and whether it is hidden
// ("*"): when that is maxSuppressed or less, or less than the smallest
// count shown (hiddenBelow), or when the default rule would hide it
// (see control).
func protect(n int, key uint32, maxSuppressed, roundTo int) (shown int, hidden bool) {
	shown = keyRound(n, key, roundTo)
	def := site.DefaultDisclosure
	return shown, shown <= maxSuppressed || shown < hiddenBelow(maxSuppressed, roundTo) || keyRound(n, key, def.RoundTo) <= def.MaxSuppressed
}

// keyRound rounds n to a multiple of to, up or down by key: with r = n mod
// to, up when key falls in the top r/to of the keys. Over cell keys spread
// evenly, the mean shown is n.
func keyRound(n int, key uint32, to int) int {
	if to <= 1 {
		return n
	}
	r := n % to
	if r == 0 {
		return n
	}
	u := int(uint64(key) * uint64(to) >> 32) // 0 to to-1, evenly over the keys
	if u >= to-r {
		return n - r + to
	}
	return n - r
}

// hiddenBelow is the smallest count disclosure control may show: every
// count below it rounds to maxSuppressed or less and is "*". It is never
// below the default's (10): a count below that is "*" whatever a site
// sets, and rule 10 leaves out a team of fewer, exactly.
func hiddenBelow(maxSuppressed, roundTo int) int {
	def := site.DefaultDisclosure
	return max(site.SmallestShown(maxSuppressed, roundTo), site.SmallestShown(def.MaxSuppressed, def.RoundTo))
}

// smallestShown is the smallest count the summary may show: hiddenBelow
// under disclosure control, 0 with exact counts.
func (s *Summary) smallestShown() int {
	if s.Exact {
		return 0
	}
	return hiddenBelow(s.Disclosure.MaxSuppressed, s.Disclosure.RoundTo)
}

// hiddenRange is the counts "*" may stand for under the control in force:
// "0 to 9" with the defaults, "0 to 19" with round_to 10 and
// max_suppressed 10. Every output that states the rule takes it from
// here or from hiddenBelow, never from the defaults.
func (s *Summary) hiddenRange() string {
	return "0 to " + strconv.Itoa(hiddenBelow(s.Disclosure.MaxSuppressed, s.Disclosure.RoundTo)-1)
}

// hiddenPoint says what a chart's hidden point may be: a count in
// hiddenRange, or, on a chart of shares, a share whose count or base is
// hidden or whose base is shown as less than minShareBase.
func (s *Summary) hiddenPoint(percent bool) string {
	if !percent {
		return "a count from " + s.hiddenRange()
	}
	return "a count from " + s.hiddenRange() + "; a share also when its base is shown as less than " +
		strconv.Itoa(minShareBase(s.Disclosure.RoundTo))
}

// recordKey is an assessment's record key, from the id of its first
// version: the id's two halves mixed by the finaliser of SplitMix64
// (Steele, Lea and Flood, "Fast splittable pseudorandom number
// generators", OOPSLA 2014), each after adding a fixed constant, so that
// keys look random and uniform even though ids are made in time order.
// It is not a secret: anyone with the ids can work out the keys, but the
// ids are only in the stores and identifiable exports, which hold the
// exact data anyway (a pseudonymised export's ids are not the store's).
func recordKey(id uuid.UUID) uint32 {
	// The constants are SHA-512's first two initial hash values: any
	// fixed numbers would do, and these have nothing up their sleeve.
	h := mix64(binary.BigEndian.Uint64(id[:8]) + 0x6a09e667f3bcc908)
	h = mix64((h ^ binary.BigEndian.Uint64(id[8:])) + 0xbb67ae8584caa73b)
	return uint32(h >> 32)
}

// RecordKeyColumn is the CSV export's column, and the NDJSON export's
// field, that holds each version's record key (recordKey of its own id in
// the store) in a pseudonymised export, as 8 hex digits: its id there is
// a pseudonymous one, and a key worked out from that would round every
// count otherwise than the store and its other exports do. A summary of
// the export rounds by the keys it carries; one with none (an earlier
// build's export, or the column dropped) is rounded by its own ids, and
// the summary says so. docs/disclosure.md says what the key links.
const RecordKeyColumn = "record_key"

// appendRecordKey appends id's record key, as 8 hex digits, to b.
func appendRecordKey(b []byte, id [16]byte) []byte {
	var k [4]byte
	binary.BigEndian.PutUint32(k[:], recordKey(id))
	return hex.AppendEncode(b, k[:])
}

// parseRecordKey reads a record key as an export writes it: -1 for none.
func parseRecordKey(s string) (int64, error) {
	if s == "" {
		return -1, nil
	}
	if len(s) < 8 && strings.Trim(s, "0123456789") == "" {
		return -1, fmt.Errorf("record key %q is not 8 hex digits: it has lost its leading zeros (00405512 becomes 405512), and %s", s, spreadsheetHint)
	}
	k, err := strconv.ParseUint(s, 16, 32)
	if len(s) == 8 && err == nil {
		return int64(k), nil
	}
	if _, ferr := strconv.ParseFloat(s, 64); ferr == nil {
		// A spreadsheet reads a key of digits, e and digits (398226e7)
		// as a number, and saves it so (3.98226E+12): about one key in
		// sixty, so nearly every export of some hundreds of records
		// opened and saved in one.
		return -1, fmt.Errorf("record key %q is not 8 hex digits: a spreadsheet probably changed the column when the file was saved from it, which read it as a number when it opened the file (398226e7 reads as 3.98226E+12, 00405512 as 405512). Summarise the file as it was exported, never saved from a spreadsheet; Export the file again; or open it in the spreadsheet with every column imported as text and do not save it from there. (A file with its record_key column taken out is read too, rounded by its own ids: see docs/disclosure.md.)", s)
	}
	return -1, fmt.Errorf("record key %q: not 8 hex digits", s)
}

func mix64(z uint64) uint64 {
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// Value is what a cell shows: its count, "*" when suppressed.
func (s *Summary) Value(i int) string {
	c := &s.Cells[i]
	if c.Suppressed {
		return "*"
	}
	return fmt.Sprint(c.Shown)
}

// Percent is a cell's share of its base, worked out from the counts as
// shown: "*" when either is suppressed, "" when the cell has no base or
// the base is zero. Under disclosure control it is a whole number, since
// the counts are rounded to 5 and a decimal place would claim a precision
// they do not have (as the table, Markdown and board report give it);
// exact counts keep one decimal place.
func (s *Summary) Percent(i int) string {
	p, ok, hidden := s.share(i)
	switch {
	case hidden:
		return "*"
	case !ok:
		return ""
	case !s.Exact:
		return strconv.FormatFloat(math.Round(p), 'f', 0, 64)
	}
	return fmt.Sprintf("%.1f", math.Round(10*p)/10)
}

// share1 is share to one decimal place, as JSON and the charts take it.
func (s *Summary) share1(i int) (pct float64, ok, hidden bool) {
	pct, ok, hidden = s.share(i)
	return math.Round(10*pct) / 10, ok, hidden
}

// share is a cell's percentage of its base from the shown counts, not
// rounded (a whole percent is rounded from it once, never from a share
// already rounded to one place: 3285 of 5815 is 56.49%, 56 and not 57);
// ok is false when there is none, hidden true when suppression hides it.
func (s *Summary) share(i int) (pct float64, ok, hidden bool) {
	c := &s.Cells[i]
	if c.Base < 0 {
		return 0, false, false
	}
	b := &s.Cells[c.Base]
	if c.Suppressed || b.Suppressed {
		return 0, false, true
	}
	if b.Shown == 0 {
		return 0, false, false
	}
	// From counts rounded to 5 a share of a small base is no share: 15
	// of 10 read 150%, and 10 of 10 read 100% where 8 of 13 had no
	// barrier. Under disclosure control a share is shown only of a base
	// shown as at least four roundings, and never over 100%.
	if !s.Exact && (b.Shown < minShareBase(s.Disclosure.RoundTo) || c.Shown > b.Shown) {
		return 0, false, true
	}
	return 100 * float64(c.Shown) / float64(b.Shown), true, false
}

// minShareBase is the smallest base, as shown, that a share is worked out
// of under disclosure control: four times what counts are rounded to.
func minShareBase(roundTo int) int { return 4 * max(roundTo, 1) }
