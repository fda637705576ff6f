package report

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store/facts"
)

// By is the length of a summary's periods.
type By string

// Period lengths. A week runs Monday to Sunday and is labelled with its
// Monday's date; a month with its year and month; a quarter is a calendar
// quarter (January to March is Q1) and a financial year runs April to March,
// as the NHS's does (see periods.go).
const (
	Week    By = "week"
	Month   By = "month"
	Quarter By = "quarter"
	FY      By = "fy"
)

// Options choose what a summary counts and how it is shown.
type Options struct {
	// From and To are the first and last days counted (their dates in
	// Location); zero leaves that end open, at the first or last
	// assessment counted.
	From, To time.Time
	By       By
	// Teams, when given, counts only assessments made by these teams.
	Teams []string
	// leftOut are, by team, the spans of time whose assessments are not
	// counted at all: with disclosure control, the periods in which a
	// team is too few to show (Summary.TeamsLeftOutIn), or the whole span
	// when it is too few over it (Summary.TeamsLeftOut).
	leftOut teamsOut
	// Location is the time zone of dates and periods; nil is the local
	// time zone.
	Location *time.Location
	// Exact turns disclosure control off, for local operational use.
	Exact bool
	// Disclosure is the control applied unless Exact; zero values are the
	// defaults (site.DefaultDisclosure).
	Disclosure site.Disclosure
	// Unreadable, if not nil, collects the records of a store whose facts
	// cannot be read: they are left out of the counts, and the caller says
	// so. With nil, such a record ends the summary with ErrDamaged.
	Unreadable *Unreadables
	// Instruments are the instrument versions whose records are counted;
	// nil is Instruments, every one digicheck has.
	Instruments map[string]*questionnaire.Instrument
	// ReadAt, if not zero, is when the data were read. Zero reads it
	// from the inputs: the last of them to be written, an export up to
	// the end of the span its end mark says (else when its file's
	// modification time says), a store now (it is read as the summary is
	// made). The last period is partial when it had not ended
	// then; a period an input was written before the end of, while
	// another was written after, is partial for that input (uncovered).
	ReadAt time.Time
	// LastWhole says that From and To were not asked for but are the
	// last whole period that has ended (LastWholePeriod), the span of a
	// summary given no dates: every output says so.
	LastWhole bool
	// ToCovered says, with disclosure control, that a span whose end is
	// not asked for (no To: a chart, the board report's charts given no
	// dates, --from alone) runs to the last period that has ended that
	// the inputs cover, whether they hold any assessment of it or not,
	// not to the last that holds one: the board report of a team's
	// store with none in the last whole month charted to the month
	// before, and one of a few to the month itself, all *, so the two
	// were told apart (see Summary.coveredDays).
	ToCovered bool
}

// Breakdowns: the equity fields a summary is broken down by, named by the
// instrument's linkIds, and postcode district.
var Breakdowns = []string{
	questionnaire.LinkAgeBand, questionnaire.LinkDisability, questionnaire.LinkBenefits,
	questionnaire.LinkMainLanguage, questionnaire.LinkEthnicity, questionnaire.LinkPostcodeDistrict,
}

// NotAnswered is the group of assessments with no answer to a breakdown's
// question (the equity questions are optional).
const NotAnswered = "not-answered"

// All is the period, breakdown and group of the whole.
const All = "all"

// Cell is one count of a summary, in long form: the period, breakdown and
// group it is of, the measure and category it counts, and, for a share, the
// cell it is a share of.
type Cell struct {
	Period    string // All or a period's label
	Breakdown string // All or one of Breakdowns
	Group     string // All, or a breakdown's answer code or NotAnswered
	Measure   string
	Category  string
	Count     int // the exact count
	Base      int // index of the cell this is a share of; -1 for none
	// Key is the cell key: the sum, modulo 2^32, of the record keys of the
	// assessments counted (see recordKey). The same assessments always
	// make the same key, whatever else a summary counts.
	Key uint32

	// What disclosure control lets be shown: Suppressed cells are shown
	// as "*"; Shown is the count rounded (or exact, with Options.Exact).
	Suppressed bool
	Shown      int
}

// Summary is the counts of a set of assessments.
type Summary struct {
	From, To time.Time // first and last days counted; zero when nothing was
	By       By
	Periods  []Period
	Teams    []string
	// Exact is true when disclosure control is off.
	Exact      bool
	Disclosure site.Disclosure
	// Synthetic is true when the assessments counted are synthetic test
	// data, or none are counted and every record read is synthetic.
	Synthetic bool
	Sources   []Source
	// Damaged names the stores read that a check or an earlier read
	// found damaged (store.DamageFound): their counts may be incomplete
	// or wrong, and every output says so.
	Damaged []string
	// TeamsAlikeNotAsked, in a summary of the teams asked for (--team),
	// names the teams of records read that are not asked for but whose
	// names print as one asked for (questionnaire.LookAlike: "Ward \u0410",
	// its \u0410 Cyrillic, beside "Ward A"), as each row would name them.
	// They are not counted, and every format says so (LookAlikeNote): the
	// "Ward A" summary lacked the other spelling's assessments, unmarked.
	TeamsAlikeNotAsked []string
	// TeamsNotAsked, in a summary of the teams asked for (--team), names
	// the teams, as each row would name them, not asked for whose
	// assessments the inputs hold over the span: the summary is then one
	// of "all teams but those", which beside one of all teams (or of
	// another set of teams) for the span gives away their patients'
	// answers by what differs. Every format says it must not be
	// published so (PartTeamsNote); standard error names them.
	TeamsNotAsked []string
	// Unchecked names the export files read with no end mark (made by an
	// earlier build, or the mark taken out): whether each is whole cannot
	// be checked, and every output says so.
	Unchecked []string
	// RowsUnchecked names the export files read that end with their end
	// mark but whose rows carry no row checks (rowsUncheckedNote).
	RowsUnchecked []string
	// Unkeyed names the pseudonymised export files read whose records
	// carry no record keys (RecordKeyColumn taken out, as
	// docs/disclosure.md advises before sharing, or an earlier build's):
	// their counts are rounded by the file's own ids, not as a summary of
	// the store rounds them, and every output says so (unkeyedNote).
	Unkeyed []string
	// Incomplete are caveats, each a sentence, of inputs known to lack
	// records (a FHIR server holding fewer than were read from it
	// before): said in every output, as Damaged is.
	Incomplete []string
	// Unspanned names the export files read whose end mark says no span
	// (made before exports carried it): which of their periods are
	// partial was judged from the file's modification time, or, piped
	// in, could not be judged; every output says so.
	Unspanned []string
	// unspanned is, for each of Unspanned, its file's time (zero: none).
	unspanned map[string]time.Time
	// Duplicates is the number of records read more than once (from
	// several inputs), counted once; Conflicts, of those, how many came
	// with different facts, of which the first read was counted.
	Duplicates, Conflicts int
	// conflictsNamed are the first of the Conflicts, where each was read.
	conflictsNamed []ConflictNamed
	// Forks are the assessments with more than one current version,
	// amended differently in different copies of a store: each was
	// counted once (see Fork).
	Forks []Fork
	// Unreadable is how many records were left out because they could
	// not be read (Options.Unreadable), and CurrentUnknown the
	// assessments left out because a version over them is one of those:
	// which version is current cannot be known, so none is counted.
	Unreadable     int
	CurrentUnknown []CurrentUnknown
	Programmes     []string // programme ids with referrals or outcomes counted
	// Versions are the instrument versions of the assessments counted,
	// each with how many (exact: see VersionsNote for what may be shown),
	// in the order first met. NotComparable lists, when there is more than
	// one, the measures (band.DOMAIN) and questions (linkIds) whose
	// meaning differs between them: counts of those mix unlike things.
	Versions      []VersionCount
	NotComparable []string
	// Skipped are records not counted because the date their assessment
	// was first made is implausible (see ParseDay), as many as are kept
	// by name, and SkippedCount how many there were in all.
	Skipped      []Skipped
	SkippedCount int
	// SkippedLeftOut is how many records of teams left out (rule 10), or
	// with no assessment counted at all, are dated implausibly: named
	// nowhere in the output, which would tell a summary from the same
	// without those teams, but told on standard error to whoever runs it
	// (a team's clock ahead was told nothing).
	SkippedLeftOut int
	// OutOfLine are the assessments a span not asked for (no --from)
	// starts with that are dated long before any other read (see
	// outOfLine): counted, and named where they were read, as a clock
	// gone wrong gives them; outOfLineNext is when the next was made.
	OutOfLine     []Skipped
	outOfLineNext int64
	// DataFrom and DataTo are the days of the first and last assessments
	// in the inputs (any team, plausibly dated); zero when there are
	// none. Periods are laid out only between them.
	DataFrom, DataTo time.Time
	// SpanHidden is true when disclosure control hides every count over
	// the whole span because some period in it has too few assessments
	// to show (see hideSpanOfASmallPeriod); the periods' own counts are
	// shown as usual.
	SpanHidden bool
	// TeamsHidden are the teams whose rows in the team breakdown are
	// hidden because some period in the span has too few of the team's
	// assessments to show: rule 8 over each team's own periods, as the
	// team's own summary (--team) hides its span.
	TeamsHidden []string
	// TeamsLeftOut are the teams, with disclosure control, whose number
	// assessed over the span is too few to show (their own summary shows
	// it as "*", zero included): none of their assessments is counted
	// anywhere in the summary, so a summary of all teams and one of all
	// teams but such a team are the same, and what differs between them
	// never describes its few patients (docs/disclosure.md, rule 10).
	TeamsLeftOut []string
	// TeamsLeftOutIn are, by period label, the teams, with disclosure
	// control, whose number assessed in that period is too few to show
	// (zero included), and which are not in TeamsLeftOut: their
	// assessments of that period are not counted anywhere in the summary
	// (docs/disclosure.md, rule 10).
	TeamsLeftOutIn map[string][]string
	// knownTeams are, with disclosure control and no --team, the teams
	// of the latest, not voided, versions of any time (never the no-team
	// group, which rule 10 does not leave out), as their rows are named:
	// those too few over the span are named in TeamsLeftOut, none
	// included (see leaveOut).
	knownTeams []string
	// leftOutBy and leftOutPeriods are the grid's periods that
	// TeamsLeftOutIn's labels name: the summary's own, or its months
	// when it is by quarter or financial year.
	leftOutBy      By
	leftOutPeriods []Period
	// teamPeriods is, by team name, the number assessed and its cell key
	// in each of Periods (with disclosure control).
	teamPeriods map[string][]count
	// teamNames are, by team name as a row names it, the names the
	// inputs give it: more than one when a patient's number withheld
	// leaves them alike, and other than the row's when one was withheld.
	teamNames map[string][]string
	Cells     []Cell
	// LastWhole: From and To are the last whole period that had ended,
	// the span of a summary given no dates (Options.LastWhole).
	LastWhole   bool
	relations   [][]int  // each: a total cell, then the cells that add up to it
	versionKeys []uint32 // the cell key of each of Versions' counts
	// fromGiven and toGiven are whether From and To were asked for, and
	// made when the summary was made: what cuts a period short.
	fromGiven, toGiven bool
	made               time.Time
	notEnded           time.Time // the start of the period holding made
	readAt             time.Time // when the data were read (Options.ReadAt), at most made
	// readCut: readAt is the end of the span an export's --to asked for.
	readCut bool
	loc     *time.Location
	// covers is the span of each of Sources (coverage.go); unnamed names
	// them by kind, not by file, for the board report.
	covers  []cover
	unnamed bool
}

// Period is one week or month of a summary.
type Period struct {
	Label      string
	Start, End time.Time // End is the start of the next period
}

// Measures, in the order a summary lists them.
const (
	MeasureAssessed = "assessed"
	MeasurePrimary  = "primary"
	MeasureChoice   = "choice"
	MeasureReferred = "referred"
	MeasureOffered  = "referral.offered"
	MeasureAgreed   = "referral.agreed"
	MeasureDeclined = "referral.declined"
	// MeasureNotDiscussed counts referrals the clinician recorded as not
	// put to the patient: an answer, unlike MeasureNotRecorded (a
	// referral saved with no answer at all).
	MeasureNotDiscussed = "referral.not-discussed"
	MeasureNotRecorded  = "referral.not-recorded"
	MeasureFollowUp     = "followup"
	MeasureRecorded     = "outcome.recorded"
)

// MeasureBand is the measure of a domain's bands ("band.access"), and
// MeasureChange of a follow-up's change in it ("followup.access").
func MeasureBand(d questionnaire.Domain) string   { return "band." + string(d) }
func MeasureChange(d questionnaire.Domain) string { return "followup." + string(d) }

// Categories.
var (
	bandCategories   = [3]string{"none", "some", "significant"}
	choiceCategories = [3]string{"honoured", "not-honoured", "no-preference"}
	trendCategories  = [3]string{"same", "better", "worse"} // by record.Trend
	outcomeMeasures  = [3]string{"outcome.attended", "outcome.helped", "outcome.not-taken-up"}
)

// tally is the counts of one period or group. Each counted row adds one to
// a few histograms, indexed by codes the row already holds, and the counts a
// summary shows are added up from them at the end: a million rows, each
// added to eight tallies, cost a few increments each.
//
// Beside each histogram is the sum, modulo 2^32, of the record keys of the
// rows it counted (see recordKey): the cell key of disclosure control, so
// that a count of the same assessments is always shown the same.
type tally struct {
	bands  [256]cell // by packed bands: every count of bands, and the number assessed
	mix    [256]cell // by mixKey: primary route, choice, offered any, agreed any, not discussed any
	change [512]cell // by packed change | primary changed << 8; 0 is no change
	refs   []cell    // by pool entry (programme << 2 | consent)
	outs   []cell    // by pool entry (programme << 2 | outcome)
	// byTeam, in a period's tally, is the number assessed in the period
	// by the name number of the team: what rule 8 of disclosure control
	// reads of each team's row (see hideSpanOfASmallPeriod).
	byTeam []cell
}

// cell is one count of a histogram and the sum of its rows' record keys,
// side by side: a row counted touches one cache line for both, not two
// (a summary of a million rows makes about 80 million such additions).
type cell struct {
	n   int32
	key uint32
}

func (c *cell) add(key uint32) {
	c.n++
	c.key += key
}

// mixKey packs a row's primary route (0-6), choice (0-2), whether it was
// offered any referral, agreed to any, and had any not discussed.
func mixKey(r *row, pool []uint32) int {
	k := int(r.primary) | int(r.choice)<<3
	if r.nrefs > 0 {
		k |= 1 << 5
		for _, p := range pool[:r.nrefs] {
			switch p & 3 {
			case consentAgreed:
				k |= 1 << 6
			case consentNotDiscussed:
				k |= 1 << 7
			}
		}
	}
	return k
}

func newTally(names int) *tally {
	n := names << poolShift
	return &tally{refs: make([]cell, n), outs: make([]cell, n)}
}

// grow makes room for pool entries up to p.
func (t *tally) grow(p uint32) {
	if n := int(p) + 1; n > len(t.refs) {
		t.refs = append(t.refs, make([]cell, n-len(t.refs))...)
		t.outs = append(t.outs, make([]cell, n-len(t.outs))...)
	}
}

// add counts a row whose record key is key; pool is the row's own
// referrals then outcomes, and mix its mixKey.
func (t *tally) add(r *row, pool []uint32, mix int, key uint32) {
	t.bands[r.bands].add(key)
	t.mix[mix].add(key)
	if r.change != 0 {
		t.change[int(r.change)|int(r.flags&flagPrimaryChanged)<<7].add(key)
	}
	// The counter keeps every tally big enough for every programme
	// number (see counter.ensure).
	for _, p := range pool[:r.nrefs] {
		t.refs[p].add(key)
	}
	for _, p := range pool[r.nrefs : r.nrefs+r.nouts] {
		t.outs[p].add(key)
	}
}

func (t *tally) merge(u *tally) {
	if len(u.refs) > len(t.refs) {
		t.grow(uint32(len(u.refs) - 1))
	}
	for _, h := range [][2][]cell{{t.bands[:], u.bands[:]}, {t.mix[:], u.mix[:]}, {t.change[:], u.change[:]}, {t.refs, u.refs}, {t.outs, u.outs}} {
		for i, c := range h[1] {
			h[0][i].n += c.n
			h[0][i].key += c.key
		}
	}
	for len(t.byTeam) < len(u.byTeam) {
		t.byTeam = append(t.byTeam, cell{})
	}
	for i, c := range u.byTeam {
		t.byTeam[i].n += c.n
		t.byTeam[i].key += c.key
	}
}

// The counts, added up from the histograms.

// count is a count and its cell key: the sum of the record keys of the
// rows counted, modulo 2^32.
type count struct {
	n   int
	key uint32
}

func (a count) minus(b count) count { return count{a.n - b.n, a.key - b.key} }

// sum adds up histogram h, counts and keys, over the keys keep accepts.
func sum(h []cell, keep func(k int) bool) count {
	var c count
	for k, e := range h {
		if e.n != 0 && keep(k) {
			c.n += int(e.n)
			c.key += e.key
		}
	}
	return c
}

func every(int) bool { return true }

func (t *tally) assessed() count { return sum(t.bands[:], every) }

// bandCount is the number with band b in domain d (by position).
func (t *tally) bandCount(d, b int) count {
	return sum(t.bands[:], func(k int) bool { return k>>(2*d)&3 == b })
}

// The mix histogram's keys (see mixKey).
func (t *tally) mixed(keep func(k int) bool) count { return sum(t.mix[:], keep) }
func (t *tally) primary(route int) count {
	return t.mixed(func(k int) bool { return k&7 == route })
}
func (t *tally) choice(c int) count { return t.mixed(func(k int) bool { return k>>3&3 == c }) }
func (t *tally) offeredAny() count  { return t.mixed(func(k int) bool { return k&(1<<5) != 0 }) }
func (t *tally) agreedAny() count   { return t.mixed(func(k int) bool { return k&(1<<6) != 0 }) }
func (t *tally) notDiscussedAny() count {
	return t.mixed(func(k int) bool { return k&(1<<7) != 0 })
}

// trendCount is the number of follow-ups with trend tr in domain d.
func (t *tally) trendCount(d int, tr record.Trend) count {
	return sum(t.change[:], func(k int) bool { return k&0xff != 0 && record.Trend(k>>(2*d)&3)-1 == tr })
}

func (t *tally) compared() count {
	return sum(t.change[:], func(k int) bool { return k&0xff != 0 })
}
func (t *tally) primaryChanged() count {
	return sum(t.change[:], func(k int) bool { return k&0x100 != 0 })
}

// referrals are a programme's offers and their answers: agreed,
// declined, not discussed, and none recorded.
func (t *tally) referrals(prog int) (offered, agreed, declined, notDiscussed, notRecorded count) {
	if prog<<poolShift+4 > len(t.refs) {
		return
	}
	e := t.refs[prog<<poolShift : prog<<poolShift+4]
	at := func(i int) count { return count{int(e[i].n), e[i].key} }
	offered = count{int(e[0].n + e[1].n + e[2].n + e[3].n), e[0].key + e[1].key + e[2].key + e[3].key}
	return offered, at(consentAgreed), at(consentDeclined), at(consentNotDiscussed), at(consentNone)
}

// outcomes are a programme's outcomes recorded, attended, helped and not
// taken up.
func (t *tally) outcomes(prog int) (recorded, attended, helped, notTakenUp count) {
	if prog<<poolShift+4 > len(t.outs) {
		return
	}
	e := t.outs[prog<<poolShift : prog<<poolShift+4]
	at := func(i int) count { return count{int(e[i].n), e[i].key} }
	return count{int(e[1].n + e[2].n + e[3].n), e[1].key + e[2].key + e[3].key}, at(1), at(2), at(3)
}

// scope is what a summary counts: assessments first made in [lo, hi), by
// the teams allowed, in periods of the calendar of loc.
type scope struct {
	lo, hi int64
	// okLo and okHi bound the plausible times (plausibleSpan): an
	// assessment first made outside them is skipped, not counted.
	okLo, okHi int64
	by         By
	loc        *time.Location
}

// counter gathers the tallies of a summary.
type counter struct {
	scope
	names    int                 // programme numbers below this are expected
	periods  map[int64]*tally    // by the start of the period (Unix)
	equity   [numEquity][]*tally // by stored number; 0 not answered
	district []*tally            // by district number; 0 not answered
	team     []*tally            // by the name number of the team; nil: none counted
	// met marks the name numbers of the teams (metTeam) and programmes
	// (metProgramme) a summary lays out with disclosure control, so that
	// one record more or less counted never adds or takes away a row,
	// which would give its count away: a programme of any record read; a
	// team of an assessment's latest, not voided, version first made
	// inside the span, counted or not (another team's, one rule 10 leaves
	// out). A team named only by a record outside the span, a version an
	// amendment replaced or a void had its row ("Ward 9 *"), and two
	// releases of one span differed by it. metLatest marks the team of
	// a latest, not voided, version of any time: a team with assessments
	// only outside the span is named as too few over it (leaveOut), but a
	// team named only by a void or a replaced version is never published.
	// metRead marks the team of any record read, for naming the teams a
	// misspelt --team may mean.
	met []uint8
	// notAsked counts, with --team, the assessments in the span of each
	// team not asked for, by the name number of the team and the start of
	// the publication grid's period (gridPeriod): which of them rule 10
	// would leave out of a summary of all teams (notAsked).
	notAsked map[uint32]map[int64]int
	// metDistrict marks, by district number, the postcode districts laid
	// out with disclosure control, as met marks the teams: the
	// district of a voided record, of a value an amendment replaced, or of
	// a record outside the span is never published ("ZE3 *").
	metDistrict []bool
	// withheld is, by the name number of a team that held its record's
	// patient's own identifier, the team's name with it withheld
	// (streamer.withhold): what its row is named.
	withheld map[uint32]string
	// The period of the last row, which the next is most likely in.
	curStart, curEnd int64
	cur              *tally
	// The span of the times counted, and what kind of data it was.
	first, last     int64
	synthetic, real int
	// readSynthetic and readReal are whether any record read, counted
	// or not, was synthetic test data, or real: a summary of synthetic
	// data that counts none of it says it is synthetic all the same.
	readSynthetic, readReal bool
	// The span of the first versions' times in the data, counted or not
	// (see seen), and the records skipped for their dates.
	dataFirst, dataLast int64
	skipped             skips
	skippedOut          int // of teams left out (Summary.SkippedLeftOut)
	// early are the first versions read earliest, in time order, up to
	// outOfLineMax+1 of them: what the span not asked for starts with,
	// to name those dated long before the rest (OutOfLine).
	early []when
	// versions counts the rows counted by instrument version (row.ver),
	// and versionsKey sums their record keys.
	versions    [256]int32
	versionsKey [256]uint32
	// hold, with disclosure control, holds back the rows of the teams'
	// periods that rule 10 may leave out, until it is decided (see hold).
	hold *hold
	// layout, with disclosure control, holds back the rows named by the
	// teams' periods that rule 10 may leave out (see rowNamers).
	layout *rowNamers
}

// What a name number was met as (counter.met).
const (
	metTeam      = 1 << 0
	metProgramme = 1 << 1
	metRead      = 1 << 2
	// metTeamRow marks a team whose row is laid out: met as metTeam by
	// an assessment of a period of the team's that is counted
	// (left_out_rows.go). metTeam, any assessment's of the span, is what
	// rule 10 decides on.
	metTeamRow = 1 << 3
	// metLatest marks the team of an assessment's latest, not voided,
	// version, first made at any plausible time, in the span or not: the
	// teams a summary may name as too few over the span (see leaveOut).
	metLatest = 1 << 4
)

// teamName is what the team numbered n is called in the summary: its
// name, with a patient's number withheld where it held one, the run of ten
// digits an NHS number has (record.WithoutPatientNumbers) or its
// record's patient's own identifier (withheld): the summary is safe to
// share, and no row or note of it names a patient.
func (c *counter) teamName(names *facts.Names, n uint32) string {
	if name, ok := c.withheld[n]; ok {
		return name
	}
	return record.WithoutPatientNumbers(names.Name(n))
}

// meet marks name number n as met as what.
func (c *counter) meet(n uint32, what uint8) {
	for int(n) >= len(c.met) {
		c.met = append(c.met, make([]uint8, int(n)+1-len(c.met)+64)...)
	}
	c.met[n] |= what
}

// meetDistrict marks district k as laid out (see metDistrict).
func (c *counter) meetDistrict(k uint16) {
	for int(k) >= len(c.metDistrict) {
		c.metDistrict = append(c.metDistrict, make([]bool, int(k)+1-len(c.metDistrict)+16)...)
	}
	c.metDistrict[k] = true
}

// seen notes the time of a first version in the data, which periods are
// laid out to cover; implausible times are left out.
func (c *counter) seen(t int64, id []byte, in *input, line int32) {
	if t >= c.okLo && t < c.okHi {
		c.dataFirst, c.dataLast = min(c.dataFirst, t), max(c.dataLast, t)
		// One comparison a record, past the first few: the store's
		// million are read at this pace.
		if len(c.early) <= outOfLineMax || t <= c.early[len(c.early)-1].time {
			if f := (when{time: t, id: uuid.UUID(id), input: in, line: line}); len(c.early) <= outOfLineMax || earlier(f, c.early[len(c.early)-1]) {
				c.keepEarly(f)
			}
		}
	}
}

// keepEarly puts f among the earliest first versions read, in order.
func (c *counter) keepEarly(f when) {
	i, _ := slices.BinarySearchFunc(c.early, f, func(a, b when) int {
		if earlier(a, b) {
			return -1
		}
		if earlier(b, a) {
			return 1
		}
		return 0
	})
	c.early = slices.Insert(c.early, i, f)
	if len(c.early) > outOfLineMax+1 {
		c.early = c.early[:outOfLineMax+1]
	}
}

// earlier orders first versions by time, then id, so that the earliest
// are the same however the inputs were split to be counted.
func earlier(a, b when) bool {
	if a.time != b.time {
		return a.time < b.time
	}
	return bytes.Compare(a.id[:], b.id[:]) < 0
}

// plausible reports whether an assessment first made at t can be
// counted.
func (sc *scope) plausible(t int64) bool { return t >= sc.okLo && t < sc.okHi }

func newCounter(sc scope, names int, vs *versions) *counter {
	c := &counter{scope: sc, names: names, periods: map[int64]*tally{}, first: 1 << 62, last: -1 << 62, curStart: 1, curEnd: 0,
		dataFirst: 1 << 62, dataLast: -1 << 62}
	c.ensureGroups(vs)
	return c
}

// ensureGroups makes a tally for every group of every equity breakdown,
// for groups a version met since added.
func (c *counter) ensureGroups(vs *versions) {
	for i, g := range vs.groups {
		for len(c.equity[i]) < len(g)+1 {
			c.equity[i] = append(c.equity[i], newTally(c.names))
		}
	}
}

// tally counts row r, whose assessment was first made at time t by team
// (its name number); pool is its referrals then outcomes, and key its
// record key.
func (c *counter) tally(r *row, t int64, team uint32, pool []uint32, key uint32) {
	if t < c.curStart || t >= c.curEnd {
		c.setPeriod(t)
	}
	mix := mixKey(r, pool)
	c.versions[r.ver]++
	c.versionsKey[r.ver] += key
	c.cur.add(r, pool, mix, key)
	for int(team) >= len(c.cur.byTeam) {
		c.cur.byTeam = append(c.cur.byTeam, cell{})
	}
	c.cur.byTeam[team].add(key)
	for i, v := range r.equity {
		c.equity[i][v].add(r, pool, mix, key)
	}
	for int(r.district) >= len(c.district) {
		c.district = append(c.district, newTally(c.names))
	}
	c.district[r.district].add(r, pool, mix, key)
	for int(team) >= len(c.team) {
		c.team = append(c.team, nil)
	}
	tt := c.team[team]
	if tt == nil {
		tt = newTally(c.names)
		c.team[team] = tt
	}
	tt.add(r, pool, mix, key)
	c.first, c.last = min(c.first, t), max(c.last, t)
	if r.flags&flagSynthetic != 0 {
		c.synthetic++
	} else {
		c.real++
	}
}

// ensure makes every tally big enough for programme numbers below names,
// for a table of names that grew while a summary read.
func (c *counter) ensure(names int) {
	if names <= c.names {
		return
	}
	c.names = names + 64
	top := uint32(c.names<<poolShift - 1)
	for _, t := range c.periods {
		t.grow(top)
	}
	for _, ts := range c.equity {
		for _, t := range ts {
			t.grow(top)
		}
	}
	for _, t := range c.district {
		t.grow(top)
	}
	for _, t := range c.team {
		if t != nil {
			t.grow(top)
		}
	}
}

// setPeriod makes the period holding t the current one. Rows come nearly
// in time order, so this runs about once a period.
func (c *counter) setPeriod(t int64) {
	start := PeriodStart(time.Unix(t, 0), c.by, c.loc)
	c.curStart, c.curEnd = start.Unix(), nextPeriod(start, c.by, c.loc).Unix()
	if c.cur = c.periods[c.curStart]; c.cur == nil {
		c.cur = newTally(c.names)
		c.periods[c.curStart] = c.cur
	}
}

// merge adds o's counts to c, where each numbers postcode districts in its
// own table.
func (c *counter) merge(o *counter, mine, theirs *districtTable) {
	for k, t := range o.periods {
		if mine := c.periods[k]; mine != nil {
			mine.merge(t)
		} else {
			c.periods[k] = t
		}
	}
	c.curStart, c.curEnd, c.cur = 1, 0, nil
	for i := range c.equity {
		for j, t := range o.equity[i] {
			for j >= len(c.equity[i]) {
				c.equity[i] = append(c.equity[i], newTally(c.names))
			}
			c.equity[i][j].merge(t)
		}
	}
	for i, n := range o.versions {
		c.versions[i] += n
		c.versionsKey[i] += o.versionsKey[i]
	}
	for k, t := range o.team {
		for k >= len(c.team) {
			c.team = append(c.team, nil)
		}
		switch mine := c.team[k]; {
		case t == nil:
		case mine != nil:
			mine.merge(t)
		default:
			c.team[k] = t
		}
	}
	for n, what := range o.met {
		if what != 0 {
			c.meet(uint32(n), what)
		}
	}
	for n, name := range o.withheld {
		if _, ok := c.withheld[n]; !ok {
			if c.withheld == nil {
				c.withheld = map[uint32]string{}
			}
			c.withheld[n] = name
		}
	}
	// Districts met only in the other table (by records not counted)
	// are numbered too, and laid out where the other laid them out.
	for _, d := range theirs.list {
		mine.number(d) // both tables hold fewer than 65,536
	}
	for i, met := range o.metDistrict {
		if met && i < len(theirs.list) {
			k, _ := mine.number(theirs.list[i])
			c.meetDistrict(k)
		}
	}
	for i, t := range o.district {
		k, _ := mine.number(theirs.list[i]) // both tables hold fewer than 65,536
		for int(k) >= len(c.district) {
			c.district = append(c.district, newTally(c.names))
		}
		c.district[k].merge(t)
	}
	if c.hold != nil && o.hold != nil {
		c.hold.merge(o.hold, mine, theirs)
	}
	c.mergeLayout(o, mine, theirs)
	c.first, c.last = min(c.first, o.first), max(c.last, o.last)
	c.dataFirst, c.dataLast = min(c.dataFirst, o.dataFirst), max(c.dataLast, o.dataLast)
	c.skipped.merge(&o.skipped)
	c.skippedOut += o.skippedOut
	for _, f := range o.early {
		if len(c.early) <= outOfLineMax || earlier(f, c.early[len(c.early)-1]) {
			c.keepEarly(f)
		}
	}
	for n, per := range o.notAsked {
		if c.notAsked == nil {
			c.notAsked = map[uint32]map[int64]int{}
		}
		mine := c.notAsked[n]
		if mine == nil {
			mine = map[int64]int{}
			c.notAsked[n] = mine
		}
		for start, k := range per {
			mine[start] += k
		}
	}
	c.synthetic += o.synthetic
	c.readSynthetic, c.readReal = c.readSynthetic || o.readSynthetic, c.readReal || o.readReal
	c.real += o.real
}

// Check refuses options that prepare would refuse (periods by what, a
// blank team, a day no assessment can have, a span not of whole periods
// with disclosure control), before any input is read: what a command line
// asked, refused as a usage error.
func (o Options) Check() error {
	_, _, err := prepare(&o)
	return err
}

// prepare checks the options and works out the scope.
func prepare(o *Options) (scope, site.Disclosure, error) {
	sc := scope{lo: -1 << 62, hi: 1 << 62, by: o.By, loc: o.Location}
	if sc.loc == nil {
		sc.loc = time.Local
	}
	now := time.Now()
	sc.okLo, sc.okHi = plausibleSpan(now)
	if sc.by == "" {
		sc.by = Month
	}
	if !sc.by.valid() {
		return sc, site.Disclosure{}, fmt.Errorf("periods by %q: use week, month, quarter or fy", o.By)
	}
	for _, t := range o.Teams {
		if strings.TrimSpace(t) == "" {
			return sc, site.Disclosure{}, fmt.Errorf("--team %s: give a team's name, as its assessments record it", questionnaire.Quote(t))
		}
	}
	dc := o.Disclosure
	if dc.MaxSuppressed == 0 {
		dc.MaxSuppressed = site.DefaultDisclosure.MaxSuppressed
	}
	if dc.RoundTo == 0 {
		dc.RoundTo = site.DefaultDisclosure.RoundTo
	}
	if !o.From.IsZero() {
		if err := checkDay("--from", o.From, now); err != nil {
			return sc, dc, err
		}
		sc.lo = dayStart(o.From, sc.loc).Unix()
	}
	if !o.To.IsZero() {
		if err := checkDay("--to", o.To, now); err != nil {
			return sc, dc, err
		}
		sc.hi = dayStart(o.To, sc.loc).AddDate(0, 0, 1).Unix()
	}
	if sc.hi <= sc.lo {
		return sc, dc, fmt.Errorf("the period ends (%s) before it starts (%s)", o.To.Format(time.DateOnly), o.From.Format(time.DateOnly))
	}
	if !o.Exact {
		if err := wholePeriods(&sc, o, now); err != nil {
			return sc, dc, err
		}
	}
	return sc, dc, nil
}

// wholePeriods holds a disclosure-controlled summary to whole periods that
// have ended, so that two summaries of overlapping spans differ by whole
// periods, never by the few records of a day or two (docs/disclosure.md,
// "Differencing"): --from must be the first day of a period and --to the
// last day of one that has ended; with no --to, the summary stops at the
// end of the last period that has ended.
func wholePeriods(sc *scope, o *Options, now time.Time) error {
	current := PeriodStart(now, sc.by, sc.loc)
	if !o.From.IsZero() {
		from := dayStart(o.From, sc.loc)
		if start := PeriodStart(from, sc.by, sc.loc); !from.Equal(start) {
			return fmt.Errorf("--from %s is inside a %s: with disclosure control a summary counts whole %ss, so start on %s or %s (or use --exact, not for publication)",
				from.Format(time.DateOnly), sc.by.Name(), sc.by.Name(), start.Format(time.DateOnly), nextPeriod(start, sc.by, sc.loc).Format(time.DateOnly))
		}
		// A --from in the period not ended (or later) leaves no whole
		// period to count: the summary went out "to 1 January 0001",
		// every count "*" beside a false note of too few.
		if !from.Before(current) {
			return fmt.Errorf("--from %s: no whole %s from that date has ended yet: with disclosure control a summary counts whole %ss that have ended, so the first it could publish is %s, once it ends on %s (or use --exact, not for publication)",
				from.Format(time.DateOnly), sc.by.Name(), sc.by.Name(), PeriodLabel(from, sc.by), nextPeriod(from, sc.by, sc.loc).AddDate(0, 0, -1).Format(time.DateOnly))
		}
	}
	if o.To.IsZero() {
		sc.hi = min(sc.hi, current.Unix())
		return nil
	}
	end := dayStart(o.To, sc.loc).AddDate(0, 0, 1)
	start := PeriodStart(end.AddDate(0, 0, -1), sc.by, sc.loc)
	if end.After(current) {
		return fmt.Errorf("--to %s is in a %s that has not ended: with disclosure control a summary counts whole %ss, so end on %s (or use --exact, not for publication)",
			o.To.Format(time.DateOnly), sc.by.Name(), sc.by.Name(), current.AddDate(0, 0, -1).Format(time.DateOnly))
	}
	if next := nextPeriod(start, sc.by, sc.loc); !end.Equal(next) {
		return fmt.Errorf("--to %s is inside a %s: with disclosure control a summary counts whole %ss, so end on %s or %s (or use --exact, not for publication)",
			o.To.Format(time.DateOnly), sc.by.Name(), sc.by.Name(), start.AddDate(0, 0, -1).Format(time.DateOnly), next.AddDate(0, 0, -1).Format(time.DateOnly))
	}
	return nil
}

// finish lays out the counts as cells and applies disclosure control.
func (s *Summary) finish(c *counter, o Options, dc site.Disclosure, names *facts.Names, districts []facts.District, vs *versions) error {
	c.ensureGroups(vs)
	var counted []*version
	// With disclosure control every version read is named, counted or
	// not, as its rows are laid out: naming only the versions counted
	// told a hidden count of 1 when a void took its version out.
	for k, n := range c.versions {
		if k > 0 && k <= len(vs.list) && (n > 0 || !o.Exact) {
			s.Versions = append(s.Versions, VersionCount{vs.list[k-1].name, int(n)})
			s.versionKeys = append(s.versionKeys, c.versionsKey[k])
			counted = append(counted, vs.list[k-1])
		}
	}
	s.NotComparable = comparability(counted)
	if err := mixedData(c.synthetic, c.real); err != nil {
		return err
	}
	// Synthetic with none counted too: of inputs of synthetic data
	// alone, a summary that counted nothing was a page like a real one's.
	synthetic := c.synthetic > 0 || c.real == 0 && c.readSynthetic && !c.readReal
	s.By, s.Teams, s.Exact, s.Disclosure, s.Synthetic, s.loc = c.by, o.Teams, o.Exact, dc, synthetic, c.loc
	if !o.Exact {
		c.skippedOut += c.skipped.unmet(c.met)
	}
	s.Skipped, s.SkippedCount, s.SkippedLeftOut = c.skipped.named, c.skipped.n, c.skippedOut
	if o.From.IsZero() {
		s.OutOfLine, s.outOfLineNext = outOfLine(c.early, c.hi)
	}
	s.fromGiven, s.toGiven, s.made = !o.From.IsZero(), !o.To.IsZero(), time.Now()
	s.LastWhole = o.LastWhole && s.fromGiven && s.toGiven
	s.notEnded = PeriodStart(s.made, c.by, c.loc)
	s.readAt, s.readCut = s.readTime(o, s.made)
	if c.dataFirst <= c.dataLast {
		s.DataFrom, s.DataTo = dayStart(time.Unix(c.dataFirst, 0), c.loc), dayStart(time.Unix(c.dataLast, 0), c.loc)
	}
	// With disclosure control, an end not asked for is that of the
	// assessments read (any team's, counted or not), as the "Read:" line
	// gives it, never that of the assessments counted: a small team's
	// own summary, whose months of too few rule 10 leaves out, read "1
	// Apr 2026 to 30 Apr 2026", one month, as if the team had assessed
	// nobody in the others, where with the dates given those months
	// are there, hidden.
	readFrom, readTo, read := readSpan(c.dataFirst, c.dataLast, c.lo, c.hi, c.loc)
	read = read && !o.Exact
	switch {
	case !o.From.IsZero():
		s.From = dayStart(o.From, c.loc)
	case read:
		s.From = readFrom
	case c.first <= c.last:
		s.From = dayStart(time.Unix(c.first, 0), c.loc)
	}
	switch {
	case !o.To.IsZero():
		s.To = dayStart(o.To, c.loc)
	case read:
		s.To = readTo
	case c.first <= c.last:
		s.To = dayStart(time.Unix(c.last, 0), c.loc)
	}
	if read && o.To.IsZero() && o.ToCovered {
		// To the last period that has ended that the inputs cover,
		// whether they hold any of it or not (see coveredDays).
		_, covered := s.coveredDays(s.DataFrom, s.DataTo, s.readAt, c.loc)
		s.To = coveredEnd(s.To, covered, c.hi, c.loc)
	}
	overall := newTally(c.names)
	// Periods only where there is data: none before the first
	// assessment in the inputs or after the last, whatever span was
	// asked for; with disclosure control, none before or after what the
	// inputs cover (coveredDays), so that a period of none
	// they cover is laid out as one of a few is.
	if !s.From.IsZero() && !s.To.IsZero() && !s.DataFrom.IsZero() {
		from, to := s.From, s.To
		dataFrom, dataTo := s.DataFrom, s.DataTo
		if !o.Exact {
			dataFrom, dataTo = s.coveredDays(dataFrom, dataTo, s.readAt, c.loc)
		}
		if dataFrom.After(from) {
			from = dataFrom
		}
		if dataTo.Before(to) {
			to = dataTo
		}
		if !from.After(to) {
			s.Periods = periods(from, to, c.by, c.loc)
		}
	}
	// With disclosure control a span not asked for is given by the
	// bounds of its periods, never by the days of the first and last
	// assessments: those are one patient's assessment days.
	if !o.Exact && len(s.Periods) > 0 {
		if o.From.IsZero() {
			s.From = PeriodStart(s.Periods[0].Start, c.by, c.loc)
		}
		if o.To.IsZero() {
			s.To = s.Periods[len(s.Periods)-1].End.AddDate(0, 0, -1)
		}
	}
	byPeriod := make([]*tally, len(s.Periods))
	for i, p := range s.Periods {
		if byPeriod[i] = c.periods[PeriodStart(p.Start, c.by, c.loc).Unix()]; byPeriod[i] == nil {
			byPeriod[i] = newTally(c.names)
		}
		overall.merge(byPeriod[i])
	}
	if !o.Exact {
		s.teamPeriods, s.teamNames = map[string][]count{}, map[string][]string{}
		for n := 1; n < names.Len(); n++ {
			per := make([]count, len(byPeriod))
			for i, t := range byPeriod {
				if n < len(t.byTeam) {
					per[i] = count{int(t.byTeam[n].n), t.byTeam[n].key}
				}
			}
			// Teams named alike once a number is withheld are one.
			name := c.teamName(names, uint32(n))
			s.teamNames[name] = append(s.teamNames[name], names.Name(uint32(n)))
			if had, ok := s.teamPeriods[name]; ok {
				for i := range per {
					per[i].n += had[i].n
					per[i].key += had[i].key
				}
			}
			s.teamPeriods[name] = per
		}
	}
	s.build(c, o, overall, byPeriod, names, districts, vs)
	if o.Exact {
		for i := range s.Cells {
			s.Cells[i].Shown = s.Cells[i].Count
		}
	} else {
		s.control(dc.MaxSuppressed, dc.RoundTo)
	}
	return nil
}

// coveredDays is, with disclosure control, the first and last days
// whose periods are laid out, given those of the first and last
// assessments read (dataFrom, dataTo) and the inputs' time (readAt, see
// readTime). The first is dataFrom or, where every input is an export
// whose span starts before it (its --from), the day that span starts;
// an input with no span of its own (a store, an export of all its
// records) covers every day before its first assessment, and from is
// then zero (the span asked for). The last is dataTo or, where the
// inputs cover later days (a store read now, an export made for dates
// past its last assessment), the last day they cover.
//
// So a period inside the span that the inputs cover is laid out whether
// they hold any assessment of it or not. Laid out only where they did, a
// team's own release of a month of none had no row for the month, named
// its instrument versions with their counts (the span's not hidden) and
// said nothing of a month too few to show, where one of 1 to 9 had the
// row, all *, and those notes: it told a month of none from a month of a
// few, which * (0 to 9, zero included) does not (docs/disclosure.md,
// rules 6 and 8). A period the inputs do not cover (an export made for
// dates that end before it) is no period of none, and is said not
// covered (UncoveredNote).
func (s *Summary) coveredDays(dataFrom, dataTo, readAt time.Time, loc *time.Location) (from, to time.Time) {
	if f := s.exportsFrom(); !f.IsZero() {
		from = dataFrom
		if f = dayStart(f, loc); f.Before(from) {
			from = f
		}
	}
	to = dataTo
	// readAt is the first instant not covered.
	if !readAt.IsZero() {
		if last := dayStart(readAt.Add(-time.Nanosecond), loc); last.After(to) {
			to = last
		}
	}
	return from, to
}

// coveredEnd is the last day of a span whose end was not asked for, with
// disclosure control: to (that of the last assessment read), or the last
// day the inputs cover (covered), if later, but before hi (Unix seconds,
// the end of the last period that has ended).
func coveredEnd(to, covered time.Time, hi int64, loc *time.Location) time.Time {
	if last := dayStart(time.Unix(hi-1, 0), loc); covered.After(last) {
		covered = last
	}
	if covered.After(to) {
		return covered
	}
	return to
}

// readSpan is the days of the first and last assessments read, first
// and last (Unix seconds, any team's, counted or not), that fall in the
// span counted, [lo, hi); ok is false when none does.
func readSpan(first, last, lo, hi int64, loc *time.Location) (from, to time.Time, ok bool) {
	first, last = max(first, lo), min(last, hi-1)
	if first > last {
		return from, to, false
	}
	return dayStart(time.Unix(first, 0), loc), dayStart(time.Unix(last, 0), loc), true
}

func dayStart(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// periods lists the weeks or months from the one holding from to the one
// holding to. The first and last may be cut short by from and to.
func periods(from, to time.Time, by By, loc *time.Location) []Period {
	start := PeriodStart(from, by, loc)
	var out []Period
	for !start.After(to) {
		next := nextPeriod(start, by, loc)
		out = append(out, Period{Label: PeriodLabel(start, by), Start: start, End: next})
		start = next
	}
	// The range counted starts at from, not at its period's start.
	out[0].Start = from
	return out
}

// build lays the tallies out as cells, with the sums that relate them.
func (s *Summary) build(c *counter, o Options, whole *tally, byPeriod []*tally, names *facts.Names, districtList []facts.District, vs *versions) {
	// Programmes with any referral or outcome counted, in id order; with
	// disclosure control, every programme of a record read, counted or
	// not (see counter.met).
	progNum := map[string]int{}
	for n := 1; n < names.Len(); n++ {
		offered, _, _, _, _ := whole.referrals(n)
		recorded, _, _, _ := whole.outcomes(n)
		if offered.n > 0 || recorded.n > 0 || !o.Exact && n < len(c.met) && c.met[n]&metProgramme != 0 {
			p := names.Name(uint32(n))
			s.Programmes = append(s.Programmes, p)
			progNum[p] = n
		}
	}
	slices.Sort(s.Programmes)
	// With disclosure control, a category's row comes from the instrument
	// versions in the inputs (every record read, counted or not), never
	// from whether any assessment counted has it: a row there only when
	// its count was not 0 would, by its absence, give the count away (a
	// week's "In person" row printed beside '*' said it was at least 1).
	// Exact counts lay out the categories that occur.
	later := false // a version after 1 is in the inputs
	for _, v := range vs.list {
		later = later || v.name != questionnaire.V1.Version
	}
	protect := !o.Exact
	// "Not recorded" is a primary route's category in every version.
	notRecorded := whole.primary(0).n > 0 || protect
	// A domain that a follow-up of another instrument version could not
	// compare has a category of its own: with disclosure control, when
	// the inputs hold more than one version or a later one (whose
	// follow-ups may rest on a baseline of version 1).
	notCompared := make([]bool, len(questionnaire.Domains))
	for di := range questionnaire.Domains {
		notCompared[di] = whole.trendCount(di, record.NotCompared).n > 0 || protect && (len(vs.list) > 1 || later)
	}
	// In person came with instrument version 2: a summary of inputs that
	// hold no later version reads as summaries of version 1 always did.
	inPerson := whole.primary(slices.Index(questionnaire.Routes, questionnaire.RouteInPerson)+1).n > 0 || protect && later

	type set struct {
		start int
		t     *tally
	}
	add := func(period, breakdown, group string, t *tally) set {
		st := set{len(s.Cells), t}
		cell := func(measure, category string, n count, base int) int {
			s.Cells = append(s.Cells, Cell{Period: period, Breakdown: breakdown, Group: group,
				Measure: measure, Category: category, Count: n.n, Key: n.key, Base: base})
			return len(s.Cells) - 1
		}
		rel := func(cells ...int) { s.relations = append(s.relations, cells) }
		assessed := cell(MeasureAssessed, "", t.assessed(), -1)
		for di, dom := range questionnaire.Domains {
			parts := []int{assessed}
			for b, cat := range bandCategories {
				parts = append(parts, cell(MeasureBand(dom), cat, t.bandCount(di, b), assessed))
			}
			rel(parts...)
		}
		parts := []int{assessed}
		for i, rt := range questionnaire.Routes {
			if rt == questionnaire.RouteInPerson && !inPerson {
				continue
			}
			parts = append(parts, cell(MeasurePrimary, string(rt), t.primary(i+1), assessed))
		}
		if notRecorded {
			parts = append(parts, cell(MeasurePrimary, "not-recorded", t.primary(0), assessed))
		}
		rel(parts...)
		parts = []int{assessed}
		for i, cat := range choiceCategories {
			parts = append(parts, cell(MeasureChoice, cat, t.choice([3]int{choiceHonoured, choiceNotHonoured, choiceNone}[i]), assessed))
		}
		rel(parts...)
		cell(MeasureReferred, "offered-any", t.offeredAny(), assessed)
		cell(MeasureReferred, "agreed-any", t.agreedAny(), assessed)
		cell(MeasureReferred, "not-discussed-any", t.notDiscussedAny(), assessed)
		for _, p := range s.Programmes {
			offered, agreed, declined, notDisc, notRec := t.referrals(progNum[p])
			off := cell(MeasureOffered, p, offered, assessed)
			rel(off, cell(MeasureAgreed, p, agreed, off), cell(MeasureDeclined, p, declined, off),
				cell(MeasureNotDiscussed, p, notDisc, off), cell(MeasureNotRecorded, p, notRec, off))
		}
		cmp := cell(MeasureFollowUp, "compared", t.compared(), assessed)
		for di, dom := range questionnaire.Domains {
			parts := []int{cmp}
			for tr, cat := range trendCategories {
				parts = append(parts, cell(MeasureChange(dom), cat, t.trendCount(di, record.Trend(tr)), cmp))
			}
			if notCompared[di] {
				parts = append(parts, cell(MeasureChange(dom), "not-compared", t.trendCount(di, record.NotCompared), cmp))
			}
			rel(parts...)
		}
		changed := t.primaryChanged()
		rel(cmp, cell("followup.primary", "changed", changed, cmp), cell("followup.primary", "same", t.compared().minus(changed), cmp))
		for _, p := range s.Programmes {
			recorded, attended, helped, notTaken := t.outcomes(progNum[p])
			rec := cell(MeasureRecorded, p, recorded, -1)
			parts := []int{rec}
			for i, n := range [3]count{attended, helped, notTaken} {
				parts = append(parts, cell(outcomeMeasures[i], p, n, rec))
			}
			rel(parts...)
		}
		return st
	}
	overall := add(All, All, All, whole)
	width := len(s.Cells)
	// Every period and group lays out as many cells as the whole: room
	// made for them at once (about 15,000 cells for a summary of a
	// million records by month), not grown by doubling, each growth a new
	// run of memory paged in afresh.
	more := len(s.Periods) + len(c.district)
	for i := range c.equity {
		more += len(c.equity[i])
	}
	for _, t := range c.team {
		if t != nil {
			more++
		}
	}
	s.Cells = slices.Grow(s.Cells, more*width)
	// Each cell of the whole is the sum of the same cell over the periods,
	// and over the groups of each breakdown (when there are any).
	across := func(sets []set) {
		if len(sets) == 0 {
			return
		}
		for k := range width {
			rel := []int{overall.start + k}
			for _, st := range sets {
				rel = append(rel, st.start+k)
			}
			s.relations = append(s.relations, rel)
		}
	}
	var sets []set
	for i, p := range s.Periods {
		sets = append(sets, add(p.Label, All, All, byPeriod[i]))
	}
	across(sets)
	for i, link := range equityLinks {
		sets = sets[:0]
		for v := range c.equity[i] {
			v = (v + 1) % len(c.equity[i]) // the answers in order, then not answered
			group := NotAnswered
			if v > 0 {
				group = vs.groups[i][v-1]
			}
			sets = append(sets, add(All, link, group, c.equity[i][v]))
		}
		across(sets)
	}
	// Districts with any assessment counted, in order, then not answered;
	// with disclosure control, every district of an assessment's latest,
	// not voided, version first made inside the span, counted or not
	// (see counter.metDistrict). "Not answered" is there always, as every breakdown's is: a
	// row that came only when some assessment had no postcode would, by
	// its absence, say that everyone counted gave one.
	for len(c.district) < max(len(districtList), 1) {
		c.district = append(c.district, newTally(c.names))
	}
	var districts []int
	for i, t := range c.district {
		if i > 0 && (t.assessed().n > 0 || !o.Exact && i < len(c.metDistrict) && c.metDistrict[i]) {
			districts = append(districts, i)
		}
	}
	slices.SortFunc(districts, func(a, b int) int {
		return strings.Compare(districtList[a].String(), districtList[b].String())
	})
	districts = append(districts, 0)
	sets = sets[:0]
	for _, k := range districts {
		group := districtList[k].String()
		if k == 0 {
			group = NotAnswered
		}
		sets = append(sets, add(All, questionnaire.LinkPostcodeDistrict, group, c.district[k]))
	}
	across(sets)
	// Teams: those asked for, or every team with an assessment counted
	// (with disclosure control, every team of a record read), by name.
	type team struct {
		name string
		t    *tally
	}
	var teams []team
	for n := 1; n < names.Len(); n++ {
		var t *tally
		if n < len(c.team) {
			t = c.team[n]
		}
		name := names.Name(uint32(n))
		switch {
		case len(o.Teams) > 0:
			if !slices.Contains(o.Teams, name) {
				continue
			}
		case t != nil && t.assessed().n > 0:
		case !o.Exact && n < len(c.met) && c.met[n]&metTeamRow != 0:
		default:
			continue
		}
		if t == nil {
			t = newTally(c.names)
		}
		// Named with a patient's number withheld; teams named alike
		// then are counted as one.
		name = c.teamName(names, uint32(n))
		if i := slices.IndexFunc(teams, func(x team) bool { return x.name == name }); i >= 0 {
			both := newTally(c.names)
			both.merge(teams[i].t)
			both.merge(t)
			teams[i].t = both
			continue
		}
		teams = append(teams, team{name, t})
	}
	slices.SortFunc(teams, func(a, b team) int { return strings.Compare(a.name, b.name) })
	sets = sets[:0]
	for _, t := range teams {
		sets = append(sets, add(All, BreakdownTeam, t.name, t.t))
	}
	across(sets)
}

// BreakdownTeam is the breakdown by the team that made each assessment
// (the team of its first version). Counting the teams in the same summary
// as the whole lets disclosure control see that the teams add up to it.
const BreakdownTeam = "team"
