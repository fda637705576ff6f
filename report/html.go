package report

import (
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"digicheck/questionnaire"
)

// FormatHTML is the board report: one self-contained page.
const FormatHTML = "html"

// HTMLOptions are what the board report says beside the counts: who made
// it, when, with what.
type HTMLOptions struct {
	// SiteName is the organisation (the site config's site_name).
	SiteName string
	// Produced is when the report was made, shown in the summary's time
	// zone.
	Produced time.Time
	// ToolVersion is digicheck's version; DirectoryVersion the referral
	// directory in force where the report was made.
	ToolVersion, DirectoryVersion string
	// Names names programmes for people; nil shows their ids.
	Names ProgrammeName
	// Charts are the teams' changes (PDSA cycles) and baseline, drawn on
	// the charts as on the terminal's.
	Charts ChartOptions
	// Equity, when set, is the summary the equity section's rows (by
	// team, postcode district and equity answer) are of, counted from the
	// same inputs over the last whole period (Options.LastWhole): the
	// board report given no dates charts every whole period read, each
	// period its own counts (the same in every release but for a
	// correction made since, which they show), while
	// rows by equity answer or district over a span that overlaps the
	// next release's give away, in what differs, the patients of the
	// period between. Nothing else on the page is of it but its span and
	// its own notes, said where its rows are; nil, every part of the page
	// is of the one summary.
	Equity *Summary
}

// htmlCharts are the measures the board report charts: the number
// assessed, and the two shares a QI team most often follows.
var htmlCharts = []string{MeasureAssessed, MeasureBand(questionnaire.Access) + "/significant", MeasureReferred + "/agreed-any"}

// spcMinPoints is how many whole periods an SPC chart needs before the
// board report draws one; with fewer, a run chart. It is the 12 points
// from which NHSRplotthedots, the NHS-R tool for Making Data Count, stops
// calling limits trial limits (MinRecalculatePoints, docs/charts.md).
const spcMinPoints = 12

// WriteHTML writes the summary as one self-contained HTML page for a board
// paper or an email: no external resource of any kind (styles inline, charts
// inline SVG), nothing that names a local file, and a print layout for A4.
// Every figure in it is as disclosure control shows it; confidence
// intervals and percentages are worked out from the shown counts.
func (s *Summary) WriteHTML(w io.Writer, o HTMLOptions) error {
	// The page carries no file's name: inputs are named by kind and size.
	s.unnamed = true
	defer func() { s.unnamed = false }()
	page, err := s.htmlPage(o)
	if err != nil {
		return err
	}
	var b strings.Builder
	if err := htmlTemplate().Execute(&b, page); err != nil {
		return err
	}
	// The page's texts are printable already (htmlPage.printable); this
	// holds for any text added later too. The page may be written to a
	// terminal (`summary --format html > board.html`, then `cat`).
	_, err = io.WriteString(w, questionnaire.PrintableLines(b.String()))
	return err
}

// htmlPage is everything the template shows, worked out.
type htmlPage struct {
	Title, SiteName  string
	Caveats, Notes   []string
	Meta             [][2]string
	Headline         htmlHeadline
	Charts           []htmlChart
	ChartNote        string
	Equity           []htmlTable
	EquitySpan       string // the span of the equity rows, when not the page's
	EquityNotes      []string
	EquityNote       string
	Disclosure       []string
	Terms            [][2]string
	Produced, Zone   string
	Exact, Synthetic bool
}

type htmlHeadline struct {
	Latest, Previous string // period labels; Previous "" when there is none
	Note             string
	Rows             [][3]string
}

type htmlTable struct {
	Title, Caption string
	Header         []string
	Rows           [][]string
}

type htmlChart struct {
	Title, Method string
	SVG           template.HTML
	Findings      []string
}

func (s *Summary) htmlPage(o HTMLOptions) (*htmlPage, error) {
	loc := s.location()
	p := &htmlPage{Title: "Digital inclusion: QI summary", SiteName: o.SiteName, Caveats: s.Caveats(),
		Zone: s.TimeZone(), Exact: s.Exact, Synthetic: s.Synthetic}
	if p.SiteName == "" {
		p.SiteName = "Organisation not named (site_name in the site config)"
	}
	p.Produced = o.Produced.In(loc).Format("2 January 2006 at 15:04")
	period := "No assessments counted."
	if !s.From.IsZero() {
		period = fmt.Sprintf("%s to %s%s, by %s", s.From.Format("2 January 2006"), s.To.Format("2 January 2006"), s.lastWholeWords(), s.By.Name())
	}
	teams := "All teams"
	if len(s.Teams) > 0 {
		teams = strings.Join(s.Teams, ", ")
	}
	p.Meta = [][2]string{
		{"Organisation", p.SiteName},
		{"Period", period},
		{"Time zone", s.TimeZone() + " (days and periods)"},
		{"Teams", teams},
		{"Produced", p.Produced + " (" + s.TimeZone() + ")"},
		{"Data read", s.sourcesInWords()},
		{"Versions", s.versionsInWords(o)},
	}
	p.Notes = append(p.Notes, "Each assessment is counted once, as its latest version, in the period and team of its first version; assessments entered in error are not counted.")
	if n := strings.TrimSpace(s.duplicatesNote()); n != "" {
		p.Notes = append(p.Notes, n)
	}
	if n := s.ForkNote(); n != "" {
		p.Notes = append(p.Notes, n)
	}
	p.Notes = append(p.Notes, s.Notes()...)
	p.Headline = s.headline()
	p.Charts, p.ChartNote = s.htmlCharts(o.Charts)
	eq := s
	if o.Equity != nil && o.Equity != s {
		eq = o.Equity
		p.equityApart(s, eq)
	}
	p.Equity = eq.equityTables()
	p.EquityNote = "Each share is of the assessments counted in the group, with its 95% confidence interval (Wilson score interval), " +
		"worked out from the counts as shown. Where intervals do not overlap, the groups differ by more than chance alone would " +
		"usually explain; overlapping intervals do not show that they are the same."
	if !s.Exact {
		p.EquityNote = "Each share is of the assessments counted in the group, as the counts are shown. Disclosure control shows each count " +
			"within " + strconv.Itoa(s.Disclosure.RoundTo-1) + " of the exact one (a part is never shown above its whole, so a share can read 100% " +
			"where some did not), so each 95% confidence interval (Wilson score interval) is widened to cover every share the rounded counts " +
			"could stand for: 100% (25 of 25) could be 21 of 29. It is wider than the exact counts' interval, most of all for small groups. " +
			"Where these intervals do not overlap, the groups differ by more than chance and the rounding alone would usually explain; " +
			"overlapping intervals do not show that they are the same."
	}
	p.EquityNote += " * : hidden by disclosure control."
	p.Disclosure = []string{s.DisclosureNote()}
	if !s.Exact {
		p.Disclosure = append(p.Disclosure,
			ProtectsAgainst, DoesNotProtectAgainst)
	}
	p.Terms = s.htmlTerms()
	p.printable()
	return p, nil
}

// equityApart lays out a page whose headline and charts are of s, every
// whole period read, and whose equity rows are of eq, the last whole
// period of the same inputs (HTMLOptions.Equity): the heading gives both
// spans, and the equity section says which its rows cover and why, with
// eq's own notes (teams left out that period, say) that s's do not give.
// s's note that rows by district and equity answer are not protected
// across overlapping spans is of rows over its span, which the page does
// not show: it is left out, and the equity section says the same of its
// own rows in its place.
func (p *htmlPage) equityApart(s, eq *Summary) {
	for i := range p.Meta {
		if p.Meta[i][0] == "Period" && !s.From.IsZero() {
			p.Meta[i][1] += " (the headline figures and charts: every whole " + s.By.Name() + " read, each " + s.By.Name() + " its own counts)"
		}
	}
	rows := "No assessments counted."
	if !eq.From.IsZero() {
		rows = fmt.Sprintf("%s to %s%s", eq.From.Format("2 January 2006"), eq.To.Format("2 January 2006"), eq.lastWholeWords())
	}
	p.Meta = slices.Insert(p.Meta, 2, [2]string{"Equity rows", rows})
	if n := s.OverlapNote(); n != "" {
		p.Notes = slices.DeleteFunc(p.Notes, func(m string) bool { return m == n })
	}
	// The caveats are of the inputs read, which are s's: eq's are not
	// marked as the command marks s's (a store found damaged).
	eq.unnamed = true
	defer func() { eq.unnamed = false }()
	last := eq.LastWholeNote()
	for _, n := range eq.Notes() {
		if n != last && !slices.Contains(p.Notes, n) {
			p.EquityNotes = append(p.EquityNotes, n)
		}
	}
	name := eq.By.Name()
	p.EquitySpan = fmt.Sprintf("These rows cover the last whole %s, %s to %s: given no --from or --to, rows by team, postcode district and equity answer cover one %s, so that releases do not overlap (what differs between two releases whose spans overlap, in such rows, can be one patient's answers). For another span give --from and --to, and publish spans that do not overlap (docs/disclosure.md, \"What it does not protect against\").",
		name, eq.From.Format("2 January 2006"), eq.To.Format("2 January 2006"), name)
	if !eq.LastWhole {
		p.EquitySpan = fmt.Sprintf("These rows cover %s.", rows)
	}
	if eq.Counted() == 0 {
		p.EquitySpan += " No assessments were counted in it."
	}
}

// printable makes every text of the page as questionnaire.Printable
// shows it, as the table, the Markdown and the CSV do: a team's or a
// site's name, a change's label or a file's name is text from the inputs,
// and html/template escapes markup, not control characters. A raw ESC
// would run at a terminal the page is printed to, and a bidi override
// would make the browser show a name backwards. The charts' texts are
// made printable as they are drawn (esc).
func (p *htmlPage) printable() {
	pr := questionnaire.Printable
	all := func(ss []string) {
		for i := range ss {
			ss[i] = pr(ss[i])
		}
	}
	pairs := func(ps [][2]string) {
		for i := range ps {
			ps[i] = [2]string{pr(ps[i][0]), pr(ps[i][1])}
		}
	}
	p.Title, p.SiteName, p.ChartNote, p.EquityNote, p.Produced, p.Zone = pr(p.Title), pr(p.SiteName), pr(p.ChartNote), pr(p.EquityNote), pr(p.Produced), pr(p.Zone)
	p.EquitySpan = pr(p.EquitySpan)
	all(p.Caveats)
	all(p.Notes)
	all(p.EquityNotes)
	all(p.Disclosure)
	pairs(p.Meta)
	pairs(p.Terms)
	h := &p.Headline
	h.Latest, h.Previous, h.Note = pr(h.Latest), pr(h.Previous), pr(h.Note)
	for i := range h.Rows {
		for j := range h.Rows[i] {
			h.Rows[i][j] = pr(h.Rows[i][j])
		}
	}
	for i := range p.Charts {
		c := &p.Charts[i]
		c.Title, c.Method = pr(c.Title), pr(c.Method)
		all(c.Findings)
	}
	for i := range p.Equity {
		t := &p.Equity[i]
		t.Title, t.Caption = pr(t.Title), pr(t.Caption)
		all(t.Header)
		for _, r := range t.Rows {
			all(r)
		}
	}
}

// What disclosure control protects against and what it does not, as
// docs/disclosure.md says, in the board report.
const (
	ProtectsAgainst = "What it protects against: recovering a small count, or who is in a small group, from this report alone, " +
		"or from the summary for all teams beside each team's own. The totals and team rows of summaries of overlapping spans " +
		"of whole periods do tell whether one is zero, and can narrow it to a few values (below)."
	DoesNotProtectAgainst = "What it does not protect against: the same span published again after a correction (a void, an " +
		"amendment or a late record), for the counts that changed hold the corrected record and show some of its categories: " +
		"publish a span once, or withdraw the earlier release and say so; summaries of overlapping spans, for a count they show " +
		"differently holds some assessment of the periods between them: a total or team row so shown says their count is not " +
		"zero, and can narrow it to a few values, though their own row shows * (zero included), and rows by postcode district and by the equity answers " +
		"differ by a period in which that group was assessed few, and can show one patient's answers (publish spans that do " +
		"not overlap); averaging many overlapping releases (publish calendar weeks, " +
		"months, quarters or years, not rolling windows); or facts known about a patient from elsewhere. digicheck's " +
		"documentation (docs/disclosure.md) gives the method and its limits in full."
)

// sourcesInWords says what was read, by kind (and, exact, number of
// records), never by path: a board paper must not carry a local file's name.
func (s *Summary) sourcesInWords() string {
	kinds := map[string][2]int{}
	var order []string
	for _, src := range s.Sources {
		k := kinds[src.Kind]
		if k == [2]int{} {
			order = append(order, src.Kind)
		}
		kinds[src.Kind] = [2]int{k[0] + 1, k[1] + src.Records}
	}
	if len(order) == 0 {
		return "nothing"
	}
	var parts []string
	for _, kind := range order {
		k := kinds[kind]
		what := kindsWords(kind, k[0])
		if !s.Exact {
			// Never how many records (docs/disclosure.md, rule 10).
			parts = append(parts, fmt.Sprintf("%d %s", k[0], what))
			continue
		}
		parts = append(parts, fmt.Sprintf("%d %s (%s)", k[0], what, recordsWord(k[1])))
	}
	return strings.Join(parts, ", ")
}

// versionsInWords names digicheck's version, the instrument versions of
// the assessments counted, and the directory in force.
func (s *Summary) versionsInWords(o HTMLOptions) string {
	tool := o.ToolVersion
	if tool == "" {
		tool = "unknown"
	}
	var ins []string
	for _, v := range s.Versions {
		ins = append(ins, v.Version)
	}
	instruments := "none counted"
	if len(ins) > 0 {
		instruments = strings.Join(ins, ", ")
	}
	dir := o.DirectoryVersion
	if dir == "" {
		dir = "unknown"
	}
	return fmt.Sprintf("digicheck %s; questionnaire version %s; referral directory %s (in force when produced)", tool, instruments, dir)
}

// htmlPercent is a share as the board report shows it: whole percentages
// under disclosure control (counts rounded to 5 cannot carry a decimal
// place), one decimal place with exact counts, rounded half away from
// zero as Percent rounds it for the table, the Markdown and the CSV (fmt
// rounds a half to even: 25 of 40 read 62% here and 63% there).
func (s *Summary) htmlPercent(p float64) string {
	if s.Exact {
		return strconv.FormatFloat(math.Round(10*p)/10, 'f', 1, 64) + "%"
	}
	return strconv.FormatFloat(math.Round(p), 'f', 0, 64) + "%"
}

// shownShare is a cell's count and base as shown, and whether both can be
// shown: the numbers percentages and intervals are worked out from.
func (s *Summary) shownShare(i int) (k, n int, ok bool) {
	if i < 0 {
		return 0, 0, false
	}
	c := &s.Cells[i]
	if c.Suppressed || c.Base < 0 || s.Cells[c.Base].Suppressed {
		return 0, 0, false
	}
	k, n = c.Shown, s.Cells[c.Base].Shown
	if !s.Exact && n > 0 && (n < minShareBase(s.Disclosure.RoundTo) || k > n) {
		return 0, 0, false // no share of a small base (see share)
	}
	return k, n, true
}

// cellText is a count as shown: "*" when hidden.
func (s *Summary) cellText(i int) string {
	if i < 0 {
		return "–"
	}
	if s.Cells[i].Suppressed {
		return "*"
	}
	return thousands(s.Cells[i].Shown)
}

// shareText is "27% (30 of 110)" from the shown counts, "*" when either
// is hidden, "–" with nothing to divide by.
func (s *Summary) shareText(k, n int, ok bool) string {
	switch {
	case !ok:
		return "*"
	case n == 0:
		return "–"
	}
	return fmt.Sprintf("%s (%s of %s)", s.htmlPercent(100*float64(k)/float64(n)), thousands(k), thousands(n))
}

// headline is the latest period's figures beside the period before's.
func (s *Summary) headline() htmlHeadline {
	var h htmlHeadline
	if len(s.Periods) == 0 {
		h.Note = "No assessments counted."
		return h
	}
	sets := s.sets()
	// The latest whole period: one cut short (by --to, or by today) is
	// not set beside a whole one.
	k := len(s.Periods) - 1
	for s.partial(k) && k > 0 {
		// Every partial period at the end: a month an input sent no
		// data for is as short as one not over yet.
		h.Note = strings.TrimSpace(s.Periods[k].Label + " is left out here: it is part of a " + s.By.Name() + " only (" + s.partialWhy(k) + "). " + h.Note)
		k--
	}
	last := s.Periods[k]
	h.Latest = last.Label
	if s.partial(k) {
		h.Note = strings.TrimSpace(h.Note + " " + last.Label + " is part of a " + s.By.Name() + " only (" + s.partialWhy(k) + ").")
	}
	var prev *Period
	if k > 0 {
		prev = &s.Periods[k-1]
		h.Previous = prev.Label
	} else {
		h.Note = strings.TrimSpace(h.Note + " There is no previous period in this summary to compare with" + s.moreAsked("for one") + ".")
	}
	get := func(p *Period, measure, category string) int {
		if p == nil {
			return -1
		}
		if i, ok := sets[[3]string{p.Label, All, All}][[2]string{measure, category}]; ok {
			return i
		}
		return -1
	}
	share := func(p *Period, measure, category string) string {
		if p == nil {
			return "–"
		}
		return s.shareText(s.shownShare(get(p, measure, category)))
	}
	honoured := func(p *Period) string {
		if p == nil {
			return "–"
		}
		return s.honouredText(get(p, MeasureChoice, "honoured"), get(p, MeasureChoice, "not-honoured"))
	}
	count := func(p *Period) string {
		if p == nil {
			return "–"
		}
		return s.cellText(get(p, MeasureAssessed, ""))
	}
	h.Rows = append(h.Rows, [3]string{"Assessed", count(&last), count(prev)})
	for _, d := range questionnaire.Domains {
		h.Rows = append(h.Rows, [3]string{"Significant barrier: " + strings.ToLower(d.Title()),
			share(&last, MeasureBand(d), "significant"), share(prev, MeasureBand(d), "significant")})
	}
	h.Rows = append(h.Rows, [3]string{"Agreed to a referral", share(&last, MeasureReferred, "agreed-any"), share(prev, MeasureReferred, "agreed-any")})
	h.Rows = append(h.Rows, [3]string{"Choice honoured", honoured(&last), honoured(prev)})
	return h
}

// honouredText is the share of the choices patients stated that were
// honoured: one meaning of "choice honoured" throughout the report.
func (s *Summary) honouredText(h, n int) string {
	if h < 0 || n < 0 {
		return "–"
	}
	a, b := &s.Cells[h], &s.Cells[n]
	if a.Suppressed || b.Suppressed {
		return "*"
	}
	return s.shareText(a.Shown, a.Shown+b.Shown, true)
}

// equityTables are, for each breakdown, each group's share with a
// significant access barrier and who agreed to a referral, with 95%
// confidence intervals.
func (s *Summary) equityTables() []htmlTable {
	sets := s.sets()
	var out []htmlTable
	for _, b := range append([]string{BreakdownTeam}, Breakdowns...) {
		t := htmlTable{Title: "By " + BreakdownTitle(b),
			Header: []string{BreakdownTitle(b), "Assessed", "Significant access barrier", "95% CI", "Agreed to a referral", "95% CI"}}
		var groups []string
		seen := map[string]bool{}
		for _, c := range s.Cells {
			if c.Period == All && c.Breakdown == b && !seen[c.Group] {
				seen[c.Group] = true
				groups = append(groups, c.Group)
			}
		}
		for _, g := range groups {
			m := sets[[3]string{All, b, g}]
			get := func(measure, category string) int {
				if i, ok := m[[2]string{measure, category}]; ok {
					return i
				}
				return -1
			}
			label := GroupTitle(b, g)
			if b == BreakdownTeam || b == questionnaire.LinkPostcodeDistrict {
				label = backslashed(g)
				if g == NotAnswered {
					label = "Not answered"
				}
			}
			row := []string{label, s.cellText(get(MeasureAssessed, ""))}
			for _, mc := range [][2]string{{MeasureBand(questionnaire.Access), "significant"}, {MeasureReferred, "agreed-any"}} {
				k, n, ok := s.shownShare(get(mc[0], mc[1]))
				row = append(row, s.shareText(k, n, ok), s.intervalText(k, n, ok))
			}
			t.Rows = append(t.Rows, row)
		}
		if len(t.Rows) > 0 {
			out = append(out, t)
		}
	}
	return out
}

// intervalText is the 95% interval of k of n, "*" when hidden: the
// Wilson interval with exact counts, and under disclosure control the
// interval that covers every exact share the shown counts could stand for
// (ControlledInterval).
func (s *Summary) intervalText(k, n int, ok bool) string {
	switch {
	case !ok:
		return "*"
	case n == 0:
		return "–"
	}
	lo, hi := Wilson(k, n, z95)
	if !s.Exact {
		lo, hi = ControlledInterval(k, n, s.Disclosure.RoundTo, z95)
	}
	return s.htmlPercent(100*lo) + " to " + s.htmlPercent(100*hi)
}

// ControlledInterval is the interval of a share whose count k and base n
// are shown as disclosure control shows them, each rounded to a multiple
// of roundTo and the count lowered to its base where it came out above it:
// each exact count is within roundTo-1 of the shown one (docs/disclosure.md,
// rules 3 to 5), so the interval is the union of the Wilson intervals of
// every exact k' of n' the shown counts could stand for, k' at most n'.
// The Wilson interval of the shown counts alone drew "100% (25 of 25), 87%
// to 100%" where the exact was 24 of 28 (85.7%), outside it, and two
// groups then seemed to differ beyond chance where the exact counts did
// not. Its lower bound is that of the fewest k' of the most n', and its
// upper that of the most of the fewest, 1 where k' can reach n'.
func ControlledInterval(k, n, roundTo int, z float64) (lo, hi float64) {
	d := max(roundTo-1, 0)
	lo, hi = math.Inf(1), math.Inf(-1)
	for nn := max(n-d, 1); nn <= n+d; nn++ {
		for kk := max(k-d, 0); kk <= min(k+d, nn); kk++ {
			l, h := Wilson(kk, nn, z)
			lo, hi = min(lo, l), max(hi, h)
		}
	}
	if lo > hi {
		return math.NaN(), math.NaN()
	}
	return lo, hi
}

// z95 is the standard normal quantile of a two-sided 95% interval.
const z95 = 1.959963984540054

// Wilson is the Wilson score interval of a proportion, k successes in n
// trials, at normal quantile z (Wilson 1927, "Probable inference, the law
// of succession, and statistical inference", JASA 22:209-212; recommended
// over the simple Wald interval by Newcombe 1998, Statistics in Medicine
// 17:857-872, and by the Office for National Statistics for small
// groups):
//
//	centre = (p + z²/2n) / (1 + z²/n)
//	half   = z / (1 + z²/n) × √(p(1−p)/n + z²/4n²)
//
// with p = k/n. It stays within 0 and 1, and is not empty at k = 0 or
// k = n, where the simple interval fails.
func Wilson(k, n int, z float64) (lo, hi float64) {
	if n <= 0 {
		return math.NaN(), math.NaN()
	}
	p, nf, z2 := float64(k)/float64(n), float64(n), z*z
	denom := 1 + z2/nf
	centre := (p + z2/(2*nf)) / denom
	half := z / denom * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	return max(0, centre-half), min(1, centre+half)
}

// ciTerm defines "95% CI": under disclosure control, widened for the
// rounding.
func (s *Summary) ciTerm() string {
	if s.Exact {
		return "95% confidence interval (Wilson score interval) of a share: the range of values consistent with the counts, allowing for chance."
	}
	return "95% confidence interval (Wilson score interval) of a share, widened to cover every share the rounded counts could stand for: " +
		"the range of values consistent with the counts, allowing for chance and for disclosure control's rounding."
}

// htmlTerms define each term the report uses, one meaning each.
func (s *Summary) htmlTerms() [][2]string {
	return [][2]string{
		{"Assessed", "Assessments counted: each once, as its latest version; those entered in error are left out."},
		{"Significant barrier", "The assessment placed the patient in the significant band of that domain (access, skills, motivation or trust), as a share of those assessed."},
		{"Agreed to a referral", "The patient agreed to at least one referral to a support programme, as a share of those assessed."},
		{"Choice honoured", "Of the patients who stated a preferred contact route, the share whose preference became the primary route."},
		{"95% CI", s.ciTerm()},
		{"*", "A count, or a share of one, hidden by disclosure control: any count from " + s.hiddenRange() + ". " +
			"A share is also hidden when its base is shown as less than " + strconv.Itoa(minShareBase(s.Disclosure.RoundTo)) + "."},
	}
}

// moreAsked says, of a board report of fewer than two periods over a span
// asked for, how to get its charts and a previous period, for what: dates
// over more periods, published so as not to overlap another release. ""
// when no dates were asked for: the inputs hold no more periods, and no
// dates would draw more.
func (s *Summary) moreAsked(what string) string {
	if !s.fromGiven && !s.toGiven {
		return ""
	}
	return fmt.Sprintf("; give --from and --to over two %ss or more %s (publishing spans that do not overlap: docs/disclosure.md, \"What it does not protect against\")", s.By.Name(), what)
}

// htmlCharts draws the charts of htmlCharts: an SPC chart with enough
// whole periods, a run chart otherwise, from the same chart data as the
// terminal's.
func (s *Summary) htmlCharts(o ChartOptions) ([]htmlChart, string) {
	if len(s.Periods) < 2 {
		return nil, "Charts need two periods or more; this summary has " + fmt.Sprint(len(s.Periods)) + s.moreAsked("to draw them") + "."
	}
	whole := 0
	for k := range s.Periods {
		if !s.partial(k) {
			whole++
		}
	}
	var out []htmlChart
	hollow := false // whether any chart draws a hollow point
	for _, m := range htmlCharts {
		var hc htmlChart
		var sc svgChart // the drawing, as each kind of chart gives it
		var crossings []Crossing
		if whole >= spcMinPoints {
			ch, err := s.SPC(m, "", o)
			if err != nil {
				continue
			}
			hc = htmlChart{Title: "SPC chart: " + ch.Title, Method: MethodName(ch.Method)}
			flags := make([]string, len(ch.Points))
			for _, sig := range ch.Signals {
				for _, i := range sig.Points {
					if flags[i] == "" {
						flags[i] = sig.Rule
					}
				}
				span := ch.Points[sig.Points[0]].Label
				if len(sig.Points) > 1 {
					span += " to " + ch.Points[sig.Points[len(sig.Points)-1]].Label
				}
				hc.Findings = append(hc.Findings, fmt.Sprintf("Special cause (%s, %s): %s.", sig.Rule, sig.Side, span))
			}
			hc.Findings = append(hc.Findings, leftOutLines(ch.Points, ch.LeftOut, "mean")...)
			if ch.Withdrawn {
				// A note's lines (joinNotes) are findings of their
				// own: kept in one, its line break was printed as a
				// literal \x0a.
				hc.Findings = append(hc.Findings, strings.Split(ch.Note, "\n")...)
			} else if len(ch.Signals) == 0 {
				none := "No special cause: the variation is common cause."
				if len(ch.LeftOut) > 0 {
					none = "No special cause that is a finding: those above may come from a team being left out."
				}
				hc.Findings = append(hc.Findings, noSignal(none, ch.Withheld))
			}
			crossings, sc = ch.Crossings, svgChart{percent: ch.Percent, exact: s.Exact, points: ch.Points, flags: flags, changes: ch.Changes,
				lines: []svgLine{{ch.Mean, "mean", "6 4"}, {ch.Upper, "process limit", "2 3"}, {ch.Lower, "process limit", "2 3"}}}
		} else {
			ch, err := s.Chart(m, o)
			if err != nil {
				continue
			}
			hc = htmlChart{Title: "Run chart: " + ch.Title, Method: "Run chart with its median; fewer than " + fmt.Sprint(spcMinPoints) + " whole periods, too few for SPC limits."}
			flags := make([]string, len(ch.Points))
			center := nans(len(ch.Points))
			for _, sg := range ch.Segments {
				for i := sg.From; i < sg.To; i++ {
					center[i] = sg.Center
				}
			}
			for _, r := range ch.Shifts {
				for _, i := range r.Points {
					flags[i] = "shift"
				}
				hc.Findings = append(hc.Findings, fmt.Sprintf("Shift: %d points %s the median, %s to %s.", len(r.Points), r.Kind,
					ch.Points[r.Points[0]].Label, ch.Points[r.Points[len(r.Points)-1]].Label))
			}
			for _, r := range ch.Trends {
				for _, i := range r.Points {
					if flags[i] == "" {
						flags[i] = "trend"
					}
				}
				hc.Findings = append(hc.Findings, fmt.Sprintf("Trend: %d points %s, %s to %s.", len(r.Points), r.Kind,
					ch.Points[r.Points[0]].Label, ch.Points[r.Points[len(r.Points)-1]].Label))
			}
			hc.Findings = append(hc.Findings, leftOutLines(ch.Points, ch.LeftOut, "median")...)
			if ch.Withdrawn {
				// A note's lines (joinNotes) are findings of their
				// own: kept in one, its line break was printed as a
				// literal \x0a.
				hc.Findings = append(hc.Findings, strings.Split(ch.Note, "\n")...)
			} else if len(ch.Shifts)+len(ch.Trends) == 0 {
				hc.Findings = append(hc.Findings, noSignal(strings.Replace(ch.noFinding("No shift or trend."), "those below", "those above", 1), ch.Withheld))
			}
			crossings, sc = ch.Crossings, svgChart{percent: ch.Percent, exact: s.Exact, points: ch.Points, flags: flags, changes: ch.Changes,
				lines: []svgLine{{center, "median", "6 4"}}}
		}
		sc.hidden, sc.least = s.hiddenPoint(sc.percent), s.smallestShown()
		hc.Findings = append(hc.Findings, crossingFindings(sc.points, crossings)...)
		if n := leftOutNote(sc.points); n != "" {
			hc.Findings = append(hc.Findings, n)
		}
		hollow = hollow || anyHollow(sc.points)
		sc.title = hc.Title
		hc.SVG = sc.svg()
		for _, c := range sc.changes {
			f := fmt.Sprintf("Change %s (%s): %s.", c.Mark, c.Date.Format("2 Jan 2006"), c.Label)
			if c.NotRecalculated != "" {
				f += " Not recalculated from: that would leave " + c.NotRecalculated + "."
			}
			hc.Findings = append(hc.Findings, f)
		}
		out = append(out, hc)
	}
	hollowNote := ""
	if hollow {
		hollowNote = " A hollow point is a period cut short, left out of the centre line, limits and rules."
	}
	// What is done (centreBase, shownCenter): the lines are of the exact
	// values of the shown points, and drawn rounded, so a reader who
	// measures them finds 35 where those values' median is 33.
	note := "Points are drawn as disclosure control shows them; the centre line and limits are worked out on the exact values of the points shown, " +
		"never of a hidden one, and drawn rounded: a share to the whole percent, a count to the nearest multiple of " + strconv.Itoa(max(s.Disclosure.RoundTo, 1)) +
		"; a p-chart's limits on the bases as shown. The rules run on every exact value (Making Data Count)." + hollowNote + " A red diamond is a point the rules flag; a dotted line under * is a period whose value disclosure control hides (" + s.hiddenPoint(true) + ")."
	if s.Exact {
		note = "Exact counts." + hollowNote + " A red diamond is a point the rules flag."
	}
	// Each release charts every period read again: a board report run
	// each month with no dates charted a month voided into since the
	// last release with its correction, while summary --help called
	// each point "the same in every release".
	note += " Each point is its period's own counts as the inputs hold them now: a period corrected since an earlier release shows its correction (a void, an amendment, a late record), and the two reports side by side show what was corrected; withdraw the earlier report and say so (see \"What it does not protect against\")."
	return out, note
}
