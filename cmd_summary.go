package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/google/uuid"
	"github.com/spf13/cobra"

	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/remote"
	"digicheck/report"
	"digicheck/store"
)

// summaryCmd is the QI summary: plain output, never the full-screen
// interface.
func (a *app) summaryCmd() *cobra.Command {
	var (
		from, to, by, format, chart, spc string
		tz                               string
		teams, changes, recalculate      []string
		exact, allowEmpty                bool
		server                           string
		siteServer                       bool
		baseline                         int
		output                           string
	)
	c := &cobra.Command{
		Use:   "summary [FILE...]",
		Short: "Count assessments by period, team and equity group, safe to share",
		Long: `Count the assessments in the store, or in the stores and export files given:
how many were assessed; the share with each band in each domain; primary
contact routes; referrals by programme, agreed and declined; whether the
patient's choice of route was honoured; the change at follow-up and what
became of referrals; then the same by week or month and by each equity field
(age band, disability, benefits, main language, ethnic category, postcode
district).

Each FILE is a digicheck store, an NDJSON export (digicheck export --format
ndjson) or a CSV export (--format csv; also as R's write.csv or write.csv2
writes it back, with row names, ";" and NA); the kind is told from the file. With
no FILE, the store in force (--db) is read. Records read more than once (the
same store twice, a store and its identifiable export, two exports made with
the same key) are counted once: record ids are unique everywhere. One read
with different contents (an edited export beside the original) is counted
as first read, and standard error names it, where each was read and which
was counted. A
pseudonymised export's ids cannot be matched with a store's or an
identifiable export's, so the two kinds are not summarised together. An
export FILE that holds no records (0 bytes, or a CSV of its header row only)
is refused, naming it, as a copy or download that failed looks the same:
--allow-empty counts it as nothing (an export of a span with no
assessments).

--server URL counts every assessment on the trust's FHIR server instead of
the store in force (with any FILEs given too); --site-server does the same
with the server the site config names (fhir_server). The server's
QuestionnaireResponses are read page by page into a cache store beside
yours, only those changed since the last read after the first time, and
counted exactly as a store is. A server found holding fewer record versions
than this machine read from it before (restored from an older backup) is
marked SERVER SHORT in every output until it holds them again (the machines
that sent them run digicheck push); --accept-server-loss, once, accepts
that they were removed there on purpose.

What is counted: each assessment once, as its latest version (the record no
other record amends), in the period and team of its first version. An
assessment whose latest version is "entered in error" is not counted. One
amended differently in two copies of a store has two latest versions: it is
counted once, as the one made last (not at all if any of them is a void), and each
is named on standard error. A follow-up's change since an assessment later
entered in error (recorded against the wrong patient) is not counted, nor
what became of that assessment's referrals: they compare two patients.

Every summary is broken down by team too (the team of each assessment's
first version), so that one summary holds all the teams and the whole.

Disclosure control is on unless --exact (docs/disclosure.md says exactly
what it protects against and what it does not). Every count is rounded to a
multiple of 5, up or down by a key worked out from the assessments it
counts, so the same assessments are shown the same in every summary: all
teams beside each team's own, and overlapping spans of whole periods. So a
count two overlapping spans show differently holds assessments of the
periods between them: in the totals and team rows it says their count is
not zero, and the difference can narrow it to a few values, where their own
rows show * (0 to 9, zero included). Rows by postcode district and by the
equity answers are not protected across overlapping spans (a year to date
run every month): what differs can be one patient's answers. Publish spans
that do not overlap, each month or quarter once. Given neither --from nor
--to, a summary counts the last whole period, so that summaries run each
month count months that do not overlap. A count that rounds below 10 is
shown as *, zero included: * is any count from 0 to 9, and a shown count is
within 4 of the exact one. Percentages are worked out from the counts as
shown. Rows for every team and postcode district named by the span's
assessments, every programme of any record read, and every category of the
instrument versions read, are kept, counted or not, except that a team too
few to count anywhere (left out whole) lays out no row of its own: not its
district, not a programme only its patients were offered. So the rows by
postcode district tell which districts the span's patients came from: a
district without a row had none, which * never says (the notes say so;
leave those rows out of what is published where that must not be told). It
does not protect a span published again after a correction (a void, an
amendment or a late record): the counts that changed hold the corrected
record and show some of its categories, so publish a span once, or withdraw
the earlier release and say so. Nor does it protect against averaging many
overlapping releases (publish calendar weeks or months, not rolling
windows). A site publishes on one grid, as weeks and months do not share
edges: by month (and quarter and financial year) unless its config sets
[disclosure] grid = "week", when it publishes by week only; --by off the
grid is refused. It publishes in one time zone, its own (the config's
timezone, else Europe/London): --tz naming another is refused, as an
assessment made near midnight falls in another month in another zone, and
two summaries of one span counted in two zones differ by its patient alone.
A team with too few assessments over the span to show is left out of every
count, and one with too few in a month (a week on a weekly grid), whatever
--by is, is left out of that month's counts (every row of it, the quarter
or year holding it, the totals included); the output names them, without
their counts, so a summary with such a team and one without are the same
there. These are the default figures: a site's config file may make the
rule stricter ([disclosure] max_suppressed, round_to), and every output
states the rule in force. With no --from or --to, a summary counts the last
whole period that has ended: the last whole month, or with --by the last
whole week, quarter or financial year, in the site's time zone. So it does
in every format (the board report, --format html, in its rows by team,
postcode district and equity answer), with the flags --exact and --team
too, and its heading says so ("1 Nov 2026 to 30 Nov 2026 (the last whole
month)"). A span of several periods, which overlaps the next one published,
is asked for with --from and --to. With --from alone it runs to the end of
the last period that has ended (with --exact, to the last assessment read);
with --to alone it starts with the first assessment read (any team's, as
the "Read:" line gives it): a team's own summary shows its months left out
as *, as with both dates given. A chart (--chart) given no dates, and the
board report's headline figures and charts, draw every period read, to the
last that has ended: each point is one period's own counts, as the inputs
hold them when it is made, so a period corrected since an earlier release
shows its correction (a void, an amendment, a late record), which the two
releases, side by side, would show; withdraw the earlier release and say
so, or publish each period once. --exact shows exact counts for local
operational use; its output says it is not for publication.

--chart MEASURE draws a run chart of one measure by period instead, with the
median, and flags shifts (6 or more points on one side of the median) and
trends (5 or more points all rising or all falling). MEASURE is a measure and
category as in the CSV output, such as band.access/significant (the share
with a significant access barrier), referred/agreed-any (the share who agreed
to a referral), primary/nhs-app, choice/honoured, or assessed. With --spc it
draws an SPC chart as NHS England's Making Data Count does: xmr (individuals,
limits at the mean ± 2.66 × the mean moving range) or p (a share, limits on
each period's base), with the special causes: a point outside the limits, 7
in a row on one side of the mean, 7 rising or falling, two of three near a
limit. The median, mean, limits and rules are worked out on the exact
values; the points are drawn as disclosure control shows them, and a partial
period (the first, when the earliest assessment read is after its first
day; the last, when it had not ended when the data were read or exported)
is drawn hollow and left out of them.
--baseline N works them out from the first N periods only, and holds them
there. --change DATE:LABEL marks a test of change (a PDSA cycle) on the
chart, as do the site config's [[changes]]; --recalculate DATE (or
recalculate = true in the config) works them out afresh from the period
holding DATE, given 12 or more whole periods on each side of it (fewer give
trial limits: --recalculate is refused, a config change is drawn but not
recalculated from, and the chart says so).

--format csv writes one row per count in long form: period, breakdown, group,
measure, category, count, base, percent, caveat, period_partial, time_zone,
base_of. base is the count percent is a share of, and base_of names it (its
measure, such as assessed): choice's rows are shares of those assessed; the
tables by period and team, and the board report, give choices honoured as a
share of the choices made, honoured and not-honoured together. caveat holds,
on every row, the banners (exact counts, not for publication; synthetic test
data; a damaged store); the notes (instrument versions, teams left out, the
inputs' spans) are given once, in the first row's caveat, and every other
row's then ends "notes on the first row".
json writes the same with what was counted; markdown writes the tables for a
board paper.
html writes the board report: one self-contained page (styles and charts
inline, nothing fetched) with the site_name, period, time zone, date
produced and versions, the latest period's headline figures beside the
previous period's, SPC charts (run charts with fewer than 12 whole periods)
of the number assessed, significant access barrier and referral agreed,
each with the teams' changes (the config's [[changes]], --change), the
equity groups' shares with 95% confidence intervals (Wilson; under
disclosure control widened to every share the rounded counts could stand
for), and the disclosure control stated. It prints on A4. Given no --from or
--to, its headline figures and charts are of every whole period read, and
its rows by team, postcode district and equity answer of the last whole
period only, as its heading and its equity section say: such rows over a
span that overlaps the next release's give away the patients between.`,
		Example: `  digicheck summary                # the last whole month
  digicheck summary --from 2026-01-01 --to 2026-03-31
  digicheck summary --team "Ward 7" --chart assessed
  digicheck summary --exact --by week --chart band.access/significant
  digicheck summary ward7.db export.ndjson --format markdown > board.md
  digicheck summary --exact --format csv -o local.csv`,
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			loc, err := a.zone(tz)
			if err != nil {
				return err
			}
			if err := a.publishedZone(loc, exact); err != nil {
				return err
			}
			if !cmd.Flags().Changed("by") && !exact && a.settings.Config.Disclosure.Grid == report.GridWeek {
				// A site that publishes by week counts by week given no
				// --by: the summary run each week was refused for a
				// "--by month" nobody typed.
				by = string(report.Week)
			}
			opts := report.Options{By: report.By(by), Teams: teams, Exact: exact, Disclosure: a.settings.Config.Disclosure,
				Unreadable: &report.Unreadables{}, Location: loc}
			if opts.From, err = parseDayIn("--from", from, loc); err != nil {
				return usageError{err}
			}
			if opts.To, err = parseDayIn("--to", to, loc); err != nil {
				return usageError{err}
			}
			if err := opts.Check(); err != nil {
				return usageError{err}
			}
			if !exact {
				if err := report.OnGrid(opts.By, a.settings.Config.Disclosure.Grid, opts.From, opts.To, loc, time.Now()); err != nil {
					return usageError{err}
				}
			}
			// A span whose end is not asked for runs to the last period
			// that has ended that the inputs cover, held or not: to the
			// last that held an assessment, a team's board report told a
			// last month of none from one of a few.
			opts.ToCovered = !exact
			// equityOpts, when set, count the board report's equity rows
			// apart from its headline and charts.
			var equityOpts *report.Options
			if from == "" && to == "" && chart == "" {
				// Given no dates, the last whole period, in every format
				// and with --exact: run each month, a year to date
				// overlapped the one before, and what differed in the
				// rows by district and equity answer gave away the
				// month's patients one by one. A span of several periods
				// is asked for. A chart draws each period's own counts,
				// and draws the periods read.
				last := opts
				last.From, last.To = report.LastWholePeriod(time.Now(), opts.By, loc)
				last.LastWhole = true
				if format == report.FormatHTML {
					// The board report charts the periods read, each
					// its own counts, and sets the last beside the one
					// before, as a chart does; its rows by team,
					// district and equity answer are of the last whole
					// period alone. Cut to that period, it drew no chart.
					equityOpts = &last
				} else {
					opts = last
				}
			}
			switch format {
			case report.FormatTable, report.FormatCSV, report.FormatJSON, report.FormatMarkdown, report.FormatHTML:
			default:
				return usageError{fmt.Errorf("unknown format %q: use table, csv, json, markdown or html", format)}
			}
			if chart != "" && format != report.FormatTable {
				return usageError{errors.New("--chart draws a chart in the terminal: leave out --format")}
			}
			if chart == "" && spc != "" {
				return usageError{errors.New("--spc is for a chart: give --chart MEASURE")}
			}
			if chart == "" && format != report.FormatHTML && (baseline != 0 || len(changes) > 0 || len(recalculate) > 0) {
				return usageError{errors.New("--baseline, --change and --recalculate are for a chart: give --chart MEASURE, or --format html")}
			}
			if baseline < 0 || baseline == 1 || baseline == 0 && cmd.Flags().Changed("baseline") {
				return usageError{fmt.Errorf("--baseline %d: give the number of periods the baseline takes, 2 or more", baseline)}
			}
			if siteServer && server != "" {
				return usageError{errors.New("--site-server counts the site config's fhir_server; give it or --server URL, not both")}
			}
			chartOpts, err := a.chartOptions(baseline, changes, recalculate, loc)
			if err != nil {
				return err
			}
			// A programmes file with a problem stops the summary before
			// the inputs are read, which may take minutes, not after.
			if _, err := a.directory(); err != nil {
				return err
			}
			if siteServer {
				// The site's own server, without typing its URL: found
				// failing "flag needs an argument" with fhir_server set.
				if server = strings.TrimSpace(a.siteServer()); server == "" {
					return errors.New("--site-server: the site config sets no fhir_server; give --server URL")
				}
			}
			var equity *report.Summary // the board report's equity rows, when apart
			also := func(in *report.Inputs) (err error) {
				if equityOpts != nil {
					equity, err = in.Summarise(*equityOpts)
				}
				return err
			}
			restore := holdMemory(report.MemoryLimit)
			// The FILEs given are read, twice, with their progress at a
			// terminal and Ctrl+C said (summaryReading); a store or a
			// server is read as before.
			var reading *summaryReading
			if len(args) > 0 && server == "" {
				// Each FILE is read to check it, then to count it, and
				// a third time for the board report's equity rows.
				passes := 2
				if equityOpts != nil {
					passes = 3
				}
				reading = newSummaryReading(cmd.ErrOrStderr(), len(args), passes, output)
				reading.watch()
			}
			s, serverLeft, under, err := a.summarise(cmd, args, server, opts, allowEmpty, also, reading)
			reading.done()
			restore()
			if err != nil {
				return err
			}
			stderr := cmd.ErrOrStderr()
			out := cmd.OutOrStdout()
			var file *outFile // -o FILE until it is put in place
			if output != "" && output != "-" {
				// As export -o writes: never over a file, and put in
				// place only whole (a full disk left a cut summary).
				var ferr error
				if file, ferr = createOutFile(output, "summary"); ferr != nil {
					return ferr
				}
				defer func() {
					if file != nil {
						err = file.done(err)
					}
				}()
				out = file.f
			}
			// A board report given no dates says it of its last whole
			// period, the span its equity rows were asked for: "the
			// period asked for" named none.
			none := s
			if equity != nil {
				none = equity
			}
			if note := none.UncoveredNote(); note != "" {
				// Given no dates, inputs that end before the last whole
				// period: a page of * and status 0 read as a period of
				// fewer than 10, in every format.
				sayLine(stderr, "warning: "+note)
			} else if note := none.NoneReadNote(); note != "" {
				// Said here alone: the output says the same of a
				// period of none as of one of a few.
				sayLine(stderr, "warning: "+note)
			} else if s.Counted() == 0 && format != report.FormatTable && format != report.FormatMarkdown {
				// The CSV or JSON holds only its header, or nothing
				// counted, which a script reads without a word: say why.
				sayLine(stderr, noneCountedNote(none))
			}
			readThrough := isPipe(out) && chart == "" && (format == report.FormatTable || format == report.FormatMarkdown)
			if !isTerminal(out) && !readThrough || format == report.FormatCSV || format == report.FormatJSON {
				// The banners are in the output too; this is for
				// whoever is at the keyboard while it goes elsewhere.
				// A table or Markdown into a pipe is read through it
				// (less, head), its banners at its head: given here
				// too, they showed twice on the terminal.
				for _, c := range s.Caveats() {
					if strings.HasPrefix(c, "DAMAGED STORE") {
						// It names the stores here, by their paths,
						// which a published summary does not: whole at
						// 80 columns, as a terminal shows it. The
						// banners stay one line each, as scripts look
						// for them.
						fmt.Fprintln(stderr, strings.TrimSuffix(record.Wrap(s.DamagedBanner(), "", "  ", 80), "\n"))
						continue
					}
					// At a terminal, whole words to its width (a
					// line of spans broke inside "2026-10").
					sayLine(stderr, c)
				}
			} else if !s.Exact && s.DamagedBanner() != "" {
				// The output on screen says which store without its
				// path: the path is told here.
				fmt.Fprintln(stderr, strings.TrimSuffix(record.Wrap(s.DamagedBanner(), "", "  ", 80), "\n"))
			}
			if w := s.ConflictWarning(); w != "" {
				sayLine(stderr, "warning: "+w)
			}
			for _, w := range s.ForkWarnings() {
				sayLine(stderr, "warning: "+w)
			}
			// Records left out for their dates are named here, where the
			// person running the summary can find and mend them; the
			// output itself says how many and which dates.
			if note := s.SkippedNote(); note != "" {
				sayLine(stderr, "warning: "+note)
				where := s.SkippedWhere()
				for _, w := range where[:min(len(where), maxSkippedShown)] {
					sayLine(stderr, "  "+w)
				}
				if more := s.SkippedCount - min(len(where), maxSkippedShown); more > 0 {
					fmt.Fprintf(stderr, "  and %d more\n", more)
				}
			}
			// Those of teams left out (rule 10) are named nowhere in the
			// output, which would tell it from the same summary without
			// those teams: here, how many, so that a clock set wrong is
			// found (a team's clock ahead was told nothing at all).
			if n := s.SkippedLeftOut; n > 0 {
				what := fmt.Sprintf("%d records of teams left out of this summary, too few to show or with none counted, are", n)
				if n == 1 {
					what = "1 record of a team left out of this summary, too few to show or with none counted, is"
				}
				sayLine(stderr, "warning: "+what+" dated before 2000 or after today (a computer's clock set wrong?): not counted, and not named in the output; digicheck summary --exact names them.")
			}
			// A team asked for (--team "Ward A") may have a spelling
			// that prints as it ("Ward \u0410", kept by an earlier
			// build): its assessments are not counted, which the output
			// says among its notes and this says at once.
			if alike := s.TeamsAlikeNotAsked; len(alike) > 0 {
				sayLine(stderr, "warning: not counted in this summary: the assessments of "+report.AlikeNames(alike)+", in the inputs, whose team's name prints like a team asked for (--team) but is another name; a summary without --team counts them apart.")
			}
			// A summary of some teams of inputs holding others is "all
			// teams but those": beside one of all teams for the span,
			// what differs gives their patients' answers away
			// (docs/disclosure.md). The output says so among its notes
			// without naming them; this names them.
			if left := s.TeamsNotAsked; len(left) > 0 {
				sayLine(stderr, "warning: this summary counts only the teams asked for (--team); the inputs also hold assessments over the span of "+report.AlikeNames(left)+", not counted. It must not be published beside a summary of all teams, or of another set of teams, for the same span: what differs between the two gives the left-out teams' patients' answers away (docs/disclosure.md, \"What it does not protect against\").")
			}
			// So are the assessments a span not asked for starts with
			// that are dated long before the rest (a clock reset): they
			// are counted, and the periods start at them.
			if note := s.OutOfLineNote(); note != "" {
				sayLine(stderr, "warning: "+note)
				for _, w := range s.OutOfLineWhere() {
					sayLine(stderr, "  "+w)
				}
			}
			// Teams, programme names and codes come from records, exports
			// and site files that may hold control characters. What is
			// read on a terminal (tables, markdown, charts, and anything
			// printed to one) goes through the shared neutraliser; CSV
			// and JSON piped on for a warehouse keep their values exact
			// (JSON escapes C0 controls itself).
			if chart != "" || format == report.FormatTable || format == report.FormatMarkdown || isTerminal(out) {
				width := terminalWidth(out)
				pw := questionnaire.NewPrintableWriter(out)
				err := a.writeSummary(s, equity, pw, format, chart, spc, chartOpts, width)
				if cerr := pw.Close(); err == nil {
					err = cerr
				}
				if err != nil {
					return err
				}
			} else if err := a.writeSummary(s, equity, out, format, chart, spc, chartOpts, terminalWidth(out)); err != nil {
				return err
			}
			if file != nil {
				// The summary is whole: put in place now, as export -o
				// puts an export with rows it could not read. Records
				// left out, said below, fail the command, and its output
				// says so in every format (RECORDS LEFT OUT, DAMAGED):
				// -o FILE wrote nothing where > FILE kept the summary.
				f := file
				file = nil
				if err := f.done(nil); err != nil {
					return err
				}
			}
			// Records whose facts could not be read were left out: named
			// here, and the command fails, so the counts are never taken
			// as complete. So too the versions on a FHIR server its cache
			// could not keep (named on standard error as they were read).
			lerr := checkTheDamaged(leftOut(stderr, opts.Unreadable), s.Damaged)
			// With each, the assessments left out under them, named
			// by the version read and by the assessment's own id (the
			// newest version read was called the assessment), whatever
			// the server left out.
			for _, x := range s.CurrentUnknown[:min(len(s.CurrentUnknown), maxLeftOutShown)] {
				of := "its assessment cannot be known: a version before it cannot be read"
				if x.Assessment != uuid.Nil {
					of = "assessment " + x.Assessment.String()
				}
				sayLine(stderr, fmt.Sprintf("left out: record %s (%s): a later version of it, record %s, cannot be read, so which version is current cannot be known; none of it is counted", x.Record, of, x.By))
			}
			if more := len(s.CurrentUnknown) - maxLeftOutShown; more > 0 {
				fmt.Fprintf(stderr, "left out: and %d more assessments\n", more)
			}
			if lerr != nil {
				return lerr
			}
			return serverLeftErr(serverLeft, under, "in the summary's DAMAGED caveat")
		},
	}
	f := c.Flags()
	f.StringVarP(&output, "output", "o", "", "write to this new file (created readable by you only, put in place only when whole) instead of stdout")
	f.StringVar(&from, "from", "", "first day counted, YYYY-MM-DD (default: the first day of the last whole period that has ended; with --to alone, or --chart or the board report's charts, the first assessment read, with disclosure control the start of its period)")
	f.StringVar(&to, "to", "", "last day counted, YYYY-MM-DD (default: the last day of the last whole period that has ended; with --from alone, or --chart or the board report's charts, the end of the last period that has ended, with --exact the last assessment)")
	f.StringVar(&by, "by", "month", "periods: week (Monday to Sunday), month, quarter (calendar) or fy (financial year, April to March); given none, a site whose config publishes by week (grid = \"week\") counts by week")
	f.StringVar(&tz, "tz", "", "time zone of days and periods, an IANA name such as UTC (default: the site config's timezone, else Europe/London); with disclosure control only the site's, as summaries counted in two zones can single out a patient")
	f.StringArrayVar(&teams, "team", nil, "count only assessments made by this team (repeat for several; default: every team)")
	f.StringVar(&format, "format", report.FormatTable, "table, csv, json, markdown or html")
	f.BoolVar(&exact, "exact", false, "exact counts with no disclosure control, for local operational use only: not for publication")
	f.StringVar(&chart, "chart", "", "draw a run chart of this MEASURE by period instead (see above)")
	f.StringVar(&server, "server", "", "count every assessment on this FHIR server (read into a cache beside your store) instead of the store")
	f.BoolVar(&siteServer, "site-server", false, "as --server, with the site config's fhir_server")
	f.Bool("accept-server-loss", false, "with --server: the record versions the server was found to lack were removed there on purpose; stop marking its summaries SERVER SHORT for them")
	f.BoolVar(&allowEmpty, "allow-empty", false, "count an export FILE that holds no records (0 bytes, or a CSV of its header only) as nothing, as an export of a span with no assessments; without it such a file is refused, as a copy that failed looks the same")
	c.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		if strings.Contains(err.Error(), "needs an argument: --server") {
			return fmt.Errorf("%w\n  give --server URL, or --site-server to count the site config's fhir_server", err)
		}
		return err
	})
	addMaxWait(c)
	f.StringVar(&spc, "spc", "", "with --chart: draw an SPC chart instead, xmr or p (see above)")
	f.IntVar(&baseline, "baseline", 0, "with --chart: work out the median, mean and limits from the first N periods only")
	f.StringArrayVar(&changes, "change", nil, "with --chart: mark a test of change, DATE:LABEL (repeat for several)")
	f.StringArrayVar(&recalculate, "recalculate", nil, "with --chart: work out the median, mean and limits afresh from the period holding DATE (repeat for several)")
	addReadDamagedFlag(c)
	return c
}

// chartOptions are the chart's baseline and changes: the site config's,
// then those given as --change DATE:LABEL, with --recalculate DATE marking
// the change of that date as recalculating (or adding one).
func (a *app) chartOptions(baseline int, changes, recalculate []string, loc *time.Location) (report.ChartOptions, error) {
	o := report.ChartOptions{Baseline: baseline}
	for _, c := range a.settings.Config.Changes {
		day, err := c.Day(loc)
		if err != nil {
			return o, err // the config's check refuses it first
		}
		o.Changes = append(o.Changes, report.Change{Date: day, Label: c.Label, Recalculate: c.Recalculate})
	}
	for _, c := range changes {
		date, label, ok := strings.Cut(c, ":")
		day, err := parseDayIn("--change", date, loc)
		if !ok || date == "" || strings.TrimSpace(label) == "" {
			return o, usageError{fmt.Errorf("--change %s: give DATE:LABEL, such as 2026-03-02:Text reminders", questionnaire.Quote(c))}
		}
		if err != nil {
			return o, usageError{err}
		}
		o.Changes = append(o.Changes, report.Change{Date: day, Label: strings.TrimSpace(label), Asked: true})
	}
	for _, r := range recalculate {
		day, err := parseDayIn("--recalculate", r, loc)
		if err != nil {
			return o, usageError{err}
		}
		found := false
		for i := range o.Changes {
			if o.Changes[i].Date.Equal(day) {
				o.Changes[i].Recalculate, o.Changes[i].Asked, found = true, true, true
			}
		}
		if !found {
			o.Changes = append(o.Changes, report.Change{Date: day, Label: report.RecalculateLabel, Recalculate: true, Asked: true})
		}
	}
	return o, nil
}

// holdMemory lowers the collector's soft memory limit to limit while a
// summary is made, unless it is lower already (GOMEMLIMIT), and gives back
// a function that restores it. Without it the collector let the heap grow
// to twice what the summary keeps.
func holdMemory(limit int64) (restore func()) {
	prev := debug.SetMemoryLimit(-1)
	if prev <= limit {
		return func() {}
	}
	debug.SetMemoryLimit(limit)
	return func() { debug.SetMemoryLimit(prev) }
}

// maxSkippedShown is how many records skipped for their dates summary
// names on standard error before saying how many more there are.
const maxSkippedShown = 20

// parseDay reads a YYYY-MM-DD date in the local time zone; "" is none. A
// date before 2000 or more than a year from today is refused (see
// report.ParseDay): a year typed 0026 would otherwise ask for 2,000 years.
func parseDay(flag, s string) (time.Time, error) {
	return report.ParseDay(flag, s, time.Now(), time.Local)
}

// parseDayIn reads a YYYY-MM-DD date in loc, the time zone of a summary's
// or an export's periods; "" is none.
func parseDayIn(flag, s string, loc *time.Location) (time.Time, error) {
	return report.ParseDay(flag, s, time.Now(), loc)
}

// summarise counts the inputs: the store in force, or the stores and
// export files given.
//
// left are the versions on a FHIR server (--server) that its cache here
// could not keep: not counted, and said in the summary as damage is.
// under are the follow-ups on the server left out because it lacks the
// version each follows up (lostUnder), said in s's SERVER SHORT caveat.
// also, when not nil, is given the inputs once s is counted, to count them
// again otherwise (the board report's equity rows given no dates).
func (a *app) summarise(cmd *cobra.Command, args []string, server string, opts report.Options, allowEmpty bool, also func(*report.Inputs) error, reading *summaryReading) (_ *report.Summary, left, under []remote.Skipped, err error) {
	in := &report.Inputs{Unreadable: opts.Unreadable, AllowEmpty: allowEmpty, CheckBands: true, Files: len(args)}
	copied := "" // the store read, which may be a padded copy (readableStore)
	// earlier are the stores read with --read-damaged as they were before
	// their newest save(s): marked damaged in the output, whether or not
	// a check has left its note yet.
	var earlier []string
	var cache *store.Store // the server's (--server)
	// stores are the stores read (the store in force, or those given as
	// FILEs): one found damaged by this summary is marked so in its output.
	var stores []*store.Store
	var short *serverShort // what it lacks of what was read from it
	if server != "" {
		cache, left, short, err = a.syncServerShort(cmd, server)
		if err != nil {
			return nil, nil, nil, err
		}
		if err := in.AddStore(cache); err != nil {
			return nil, nil, nil, err
		}
	}
	if len(args) == 0 && server == "" {
		// The copy of a file cut short is read until the counts are
		// made, here; its name is kept out of any error.
		var st *store.Store
		var done func(error) error
		st, done, err = a.readableStore(cmd, "the counts")
		defer func() { err = done(err) }()
		if err != nil {
			return nil, nil, nil, err
		}
		warnDamaged(cmd, st, "the counts")
		noteUnsummed(cmd, st, "the counts")
		if err := metaGate(cmd, st, "the counts"); err != nil {
			return nil, nil, nil, err
		}
		if err := in.AddStore(st); err != nil {
			return nil, nil, nil, err
		}
		copied = st.Path()
		stores = append(stores, st)
		if readEarlier(st) {
			earlier = append(earlier, st.Path())
		}
		a.sayVoidedOnServers(cmd.ErrOrStderr(), st, "these counts", "")
	}
	var marked []string // export files made from a damaged store
	piped := false      // standard input read, as - or /dev/stdin
	for i, path := range args {
		var f io.Closer
		var st *store.Store
		if in2, ok := standardInput(cmd, path); ok {
			if piped {
				return nil, nil, nil, usageError{fmt.Errorf("standard input is given twice (%s): what is piped in is one export; give it once", path)}
			}
			piped = true
			f, err = addPiped(cmd, in, in2, path, &marked, reading, i+1)
		} else {
			var file *os.File
			file, st, err = addInput(cmd, in, path, &marked, reading, i+1)
			if file != nil {
				f = file
			}
		}
		if st != nil && err == nil {
			stores = append(stores, st)
			a.sayVoidedOnServers(cmd.ErrOrStderr(), st, "these counts", path)
			if readEarlier(st) {
				earlier = append(earlier, st.Path())
			}
		}
		if f != nil {
			defer f.Close() // an export is read again as it is counted
		}
		if err != nil {
			return nil, nil, nil, err
		}
	}
	// With disclosure control the summary is counted in the site's zone
	// (publishedZone): the refusal offers only what can be followed.
	if err := in.CheckZones(opts.Location, opts.Exact); err != nil {
		return nil, nil, nil, err
	}
	s, err := in.Summarise(opts)
	if err == nil && also != nil {
		// Another count of the same inputs, read as these were.
		err = also(in)
	}
	if s != nil {
		foundDamaged(s, stores, opts)
	}
	if s != nil && copied != "" && copied != a.storePath() {
		// Read from a padded copy of a file cut short: the file is
		// named, never the copy (a hidden temporary, soon gone).
		named, _ := filepath.Abs(a.storePath())
		for i := range s.Sources {
			if s.Sources[i].Name == copied {
				s.Sources[i].Name = named
			}
		}
		for i, d := range s.Damaged {
			if d == copied {
				s.Damaged[i] = named
			}
		}
		for i, p := range earlier {
			if p == copied {
				earlier[i] = named
			}
		}
	}
	if s != nil {
		// Said in every output, as a store found damaged is: a store
		// read as of an earlier save once, with what is missing.
		for _, p := range earlier {
			s.Damaged = slices.DeleteFunc(s.Damaged, func(d string) bool { return d == p })
			s.Damaged = append(s.Damaged, p+report.ReadDamagedMark)
		}
		for _, m := range marked {
			if name, ok := strings.CutSuffix(m, shortExport); ok {
				s.Incomplete = append(s.Incomplete, serverShortExport(name, opts.Exact))
				continue
			}
			s.Damaged = append(s.Damaged, m)
		}
		if cache != nil {
			a.serverInputNamed(s, cache, server, serverLeftMark(left), short)
		}
	}
	if err == nil {
		for _, w := range in.OverlapWarnings() {
			sayLine(cmd.ErrOrStderr(), "warning: "+w)
		}
		for _, n := range in.UnmarkedNotes() {
			sayLine(cmd.ErrOrStderr(), "note: "+n)
		}
		for _, w := range in.RowsUncheckedNotes() {
			sayLine(cmd.ErrOrStderr(), "warning: "+w)
		}
		if !opts.Exact {
			for _, w := range in.UnkeyedWarnings() {
				sayLine(cmd.ErrOrStderr(), "warning: "+w)
			}
		}
	}
	if short != nil {
		under = short.under
	}
	return s, left, under, err
}

// foundDamaged marks in s, whose counts were made from stores, each of
// them found damaged, by check's note beside it or by this summary
// itself (a file cut short, a record that could not be read), and says
// in s how many records were left out as unreadable (opts.Unreadable).
// The output itself carries it, in every format, not standard error
// alone: a store in a folder its note could not be written to, or a file
// cut short, read from a padded copy that has none, gave counts of 2 of
// 5 assessments with no word of damage in the file published.
func foundDamaged(s *report.Summary, stores []*store.Store, opts report.Options) {
	for _, st := range stores {
		if st.Refused() != nil && !slices.Contains(s.Damaged, st.Path()) {
			s.Damaged = append(s.Damaged, st.Path())
		}
	}
	if n := len(opts.Unreadable.List()); n > 0 {
		s.Incomplete = append(s.Incomplete, leftOutCaveat(n, opts.Exact))
	}
}

// leftOutCaveat is the caveat of a summary that left out n records it
// could not read. With disclosure control it gives no number, as the
// caveat of assessments left out for a version that could not be read
// gives none.
func leftOutCaveat(n int, exact bool) string {
	const why = "could not be read, as the store holding them is damaged, and are not counted: these counts lack them (named on standard error, with the check to run)"
	switch {
	case !exact:
		return "RECORDS LEFT OUT: some records " + why
	case n == 1:
		return "RECORDS LEFT OUT: 1 record could not be read, as the store holding it is damaged, and is not counted: these counts lack it (named on standard error, with the check to run)"
	}
	return fmt.Sprintf("RECORDS LEFT OUT: %d records %s", n, why)
}

// shortExport follows, in summarise's list of marked exports, the path of
// an export of a FHIR server found short.
const shortExport = " (exported from a FHIR server found short)"

// sniff says what kind of input a FILE is, and refuses one that is not
// there rather than let store.Open make it.
func sniff(path string) (string, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("%s: no such file", path)
	}
	// Read to sniff it, a FIFO would wait for a writer forever. Given
	// to summary as a FILE, not to --db: the store's refusal advised
	// --db.
	if err := store.NotRegular(path); err != nil {
		what := "not a regular file (a device or a pipe)"
		give := "give the files themselves (for example FOLDER/*.csv)"
		if fi, serr := os.Stat(path); serr == nil && fi.IsDir() {
			what = "a folder"
		} else if serr == nil && fi.Mode()&fs.ModeNamedPipe != 0 {
			// A shell's <(...) or a named FIFO: what is piped in is read
			// as -, which the refusal never said.
			what = "not a regular file but a pipe"
			give = "pipe it in as - instead (for example digicheck export --format csv | digicheck summary -, or digicheck summary - < FILE), or give the files themselves"
		}
		return "", &store.Error{Kind: store.ErrNotStore, Msg: fmt.Sprintf("%s is %s, not a file summary reads; it was left untouched. %s: %s", path, what, summaryReads, give)}
	}
	return report.Sniff(path)
}

// summaryReads says what summary reads, for a refusal of a FILE given
// to it that is none of them.
const summaryReads = "Summary reads digicheck stores, and the CSV or NDJSON exports digicheck export writes, each as it was exported"

// standardInput is what summary reads for a FILE that is its standard
// input: "-", or a path to the very pipe standard input is (/dev/stdin,
// /dev/fd/0). A standard input redirected from a file is read as that
// file, by its path; any other pipe (a FIFO) is refused, as opening one
// waits for a writer.
func standardInput(cmd *cobra.Command, path string) (io.Reader, bool) {
	in := cmd.InOrStdin()
	if path == "-" {
		return in, true
	}
	f, ok := in.(*os.File)
	if !ok {
		return nil, false
	}
	mine, err := f.Stat()
	if err != nil || mine.Mode().IsRegular() {
		return nil, false
	}
	named, err := os.Stat(path)
	if err != nil || !os.SameFile(named, mine) {
		return nil, false
	}
	return f, true
}

// spooled is an export piped in, kept in a temporary file so that the
// summary can read it twice (to check it, then to count it), as it reads
// an export file: readable by its owner only, and removed from its folder
// at once where the system allows (so nothing is left if digicheck is
// killed), else when closed.
type spooled struct{ *os.File }

func (s spooled) Close() error {
	err := s.File.Close()
	_ = os.Remove(s.Name())
	return err
}

// addPiped adds the export piped in on standard input (in, named path
// on the command line), said as "standard input" in what summary says.
// What is there is checked as a FILE's first bytes are: an export is
// added, anything else refused saying what was found and what to do.
func addPiped(cmd *cobra.Command, d *report.Inputs, in io.Reader, path string, marked *[]string, reading *summaryReading, nth int) (io.Closer, error) {
	name := "standard input"
	if path != "-" {
		name = fmt.Sprintf("standard input (%s)", path)
	}
	tmp, err := os.CreateTemp("", ".digicheck-summary-*.tmp")
	if err != nil {
		return nil, fmt.Errorf("%s could not be kept to be read (a summary reads an export twice): %w; save the export to a file and summarise the file", name, err)
	}
	_ = os.Remove(tmp.Name()) // gone from the folder, still open here
	f := spooled{tmp}
	reading.spool(f) // put away if Ctrl+C ends the summary
	n, err := io.Copy(tmp, in)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s could not be kept to be read (a summary reads an export twice): %w; save the export to a file and summarise the file", name, err)
	}
	const how = "pipe in an export as digicheck export writes it (digicheck export --format csv | digicheck summary -), or name the export's FILE"
	if n == 0 {
		f.Close()
		return nil, fmt.Errorf("%s is empty: nothing was piped in; %s", name, how)
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	kind, err := report.SniffFile(tmp, name)
	if err != nil {
		f.Close()
		return nil, err
	}
	if kind == report.InputStore {
		f.Close()
		return nil, fmt.Errorf("%s holds no digicheck export: its first line is neither a CSV export's header row nor an NDJSON export's line, and a store cannot be read from a pipe; %s, or name the store's FILE", name, how)
	}
	damaged, short := warnDamagedExport(cmd.ErrOrStderr(), tmp, name, kind)
	if damaged != "" {
		*marked = append(*marked, name+" ("+damaged+")")
	}
	if short {
		*marked = append(*marked, name+shortExport)
	}
	// The temporary file's time is not the export's: one that says no
	// span is said not judged, never judged by it.
	d.NoFileTime(name)
	r := reading.file(tmp, "standard input", nth)
	if kind == report.InputCSV {
		return f, d.AddCSV(r, name)
	}
	return f, d.AddNDJSON(r, name)
}

// addInput adds one FILE given to summary: a store or an export. An
// export's file is returned, to be closed once the summary is made; a
// store, to say what of it is not counted.
func addInput(cmd *cobra.Command, d *report.Inputs, path string, marked *[]string, reading *summaryReading, n int) (*os.File, *store.Store, error) {
	kind, err := sniff(path)
	if err != nil {
		return nil, nil, err
	}
	if kind == report.InputStore {
		st, err := store.Open(path, store.Options{})
		var se *store.Error
		if errors.As(err, &se) && se.Kind == store.ErrNotStore {
			// Given to summary as a FILE: the store's refusal spoke of
			// --db, which the user did not give.
			return nil, nil, &store.Error{Kind: store.ErrNotStore, Msg: fmt.Sprintf("%s is neither a digicheck store nor an export summary reads (another program's file, or an export changed since it was exported); it was left untouched. %s. If it is this computer's digicheck store, it cannot be read as one: keep the file as it is and ask IT to restore the store from a backup", path, summaryReads), Cause: se.Cause}
		}
		if err != nil {
			return nil, nil, err
		}
		warnDamaged(cmd, st, "the counts")
		noteUnsummed(cmd, st, "the counts")
		if err := metaGate(cmd, st, "the counts"); err != nil {
			return nil, nil, err
		}
		return nil, st, d.AddStore(st)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	how, short := warnDamagedExport(cmd.ErrOrStderr(), f, path, kind)
	if how != "" {
		*marked = append(*marked, path+" ("+how+")")
	}
	if short {
		*marked = append(*marked, path+shortExport)
	}
	r := reading.file(f, filepath.Base(path), n)
	if kind == report.InputCSV {
		return f, nil, d.AddCSV(r, path)
	}
	return f, nil, d.AddNDJSON(r, path)
}

// readEarlier reports whether st is read as it was before its newest
// save(s), which may be missing (its newer meta page is damaged): only
// with --read-damaged, as metaGate stops the summary otherwise.
func readEarlier(st *store.Store) bool {
	msg, missing := st.MetaDamage()
	return msg != "" && missing
}

// warnDamaged says, on standard error, when a store read by summary or
// export has been found damaged (its damage note is there): what is read
// from it (what, "the counts" or "the export") may be incomplete. Summary
// and export do not walk every page, which would cost them seconds a run;
// check does, and leaves the note, as does any read that meets damage.
// Each line is whole words at a terminal's width, and at 80 columns in a
// file.
func warnDamaged(cmd *cobra.Command, st *store.Store, what string) {
	if warnFoundDamaged(cmd, st) {
		sayWrapped(cmd.ErrOrStderr(), withGiven(fmt.Sprintf("warning: %s may be incomplete or wrong; run digicheck check", what), storeGiven(st.Path())))
	}
}

// warnFoundDamaged says, on standard error, that st has been found
// damaged, with what its damage note says, and reports whether it has.
func warnFoundDamaged(cmd *cobra.Command, st *store.Store) bool {
	found := st.DamageFound()
	if found == "" {
		return false
	}
	// The note is a file anyone could write: what it says reaches the
	// terminal through the shared neutraliser.
	pw := questionnaire.NewPrintableWriter(cmd.ErrOrStderr())
	sayWrapped(pw, fmt.Sprintf("warning: the store %s has been found damaged: %s", st.Path(), withGiven(found, storeGiven(st.Path()))))
	_ = pw.Close()
	return true
}

// noteUnsummed says, on standard error, how many records' QI copy in st
// was sealed without a checksum, for a reader of the QI copy (summary, a
// CSV or FHIR export, a period's selection): what, read from it, would not
// show a bit changed on disk. A reader of the records alone has nothing
// to say of it.
func noteUnsummed(cmd *cobra.Command, st *store.Store, what string) {
	if n, _ := st.UnsummedFacts(); n > 0 {
		fmt.Fprint(cmd.ErrOrStderr(), record.Wrap(fmt.Sprintf("note: the QI copy of %d records in this store was sealed by a digicheck from before it carried a checksum: a bit of it changed on disk would go unnoticed in %s; %s compares it with the records", n, what, checkCommand(storeGiven(st.Path()))), "", "  ", 80))
	}
}

// maxLeftOutShown is how many records left out as unreadable are named
// before saying how many more there are.
const maxLeftOutShown = 20

// leftOut names on w the records a summary or export left out because
// they could not be read, and is the error the command ends with; nil when
// none were.
func leftOut(w io.Writer, u *report.Unreadables) error {
	list := u.List()
	for _, x := range list[:min(len(list), maxLeftOutShown)] {
		sayLine(w, fmt.Sprintf("left out: record %s: %s", x.ID, x.Why))
	}
	if more := len(list) - maxLeftOutShown; more > 0 {
		fmt.Fprintf(w, "left out: and %d more\n", more)
	}
	return u.Err()
}

// checkTheDamaged is err, the error a summary ends with for records it
// could not read, its "run digicheck check" naming the store found
// damaged (damaged, as Summary.Damaged names them): a summary reads stores
// given as FILE too, and the run's own --db, which main gives a bare
// command, may be a sound store. Several stores found damaged, or only
// exports of damaged stores, are named above, and the command says so.
func checkTheDamaged(err error, damaged []string) error {
	if err == nil {
		return nil
	}
	var stores []string
	for _, d := range damaged {
		path := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(d, " (exported from a damaged store)"), " (salvaged from a damaged store)"), report.ReadDamagedMark)
		if path == d {
			stores = append(stores, path)
		}
	}
	switch len(stores) {
	case 1:
		return namedStoreError{err, storeGiven(stores[0])}
	case 0:
		return namedStoreError{err, " --db STORE, on the store each input named damaged above was made from"}
	}
	return namedStoreError{err, " --db STORE, on each store named damaged above"}
}

// isPipe reports whether w is a pipe: the summary is read through it
// (less, head) or handed to a program, never left in a file.
func isPipe(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeNamedPipe != 0
}

// sayWrapped writes line to w as sayLine does at a terminal; to a file
// or a pipe wrapped at whole words at 80 columns, as a terminal of the
// usual width shows it when the file is read there.
func sayWrapped(w io.Writer, line string) {
	width := 80
	if tw := terminalOf(w); isTerminal(tw) {
		width = terminalWidth(tw)
	}
	fmt.Fprintln(w, wrapReport(line, width))
}

// terminalOf is the writer w writes to in the end: the terminal, if it
// is one, under a writer that makes control characters printable.
func terminalOf(w io.Writer) io.Writer {
	if pw, ok := w.(*questionnaire.PrintableWriter); ok {
		return pw.W
	}
	return w
}

// sayLine writes line to w, a line for the person at the keyboard: at a
// terminal wrapped at whole words to its width (the terminal cut a long
// one mid-word), to a file or a pipe whole on one line, for grep.
func sayLine(w io.Writer, line string) {
	if tw := terminalOf(w); isTerminal(tw) {
		line = wrapReport(line, terminalWidth(tw))
	}
	fmt.Fprintln(w, line)
}

// progress returns a function that reports a count on one line of w, if
// w is a terminal, and ends the line when called with -1.
func progress(w io.Writer, verb string) func(int) {
	if !isTerminal(w) {
		return func(int) {}
	}
	shown := false
	return func(n int) {
		if n < 0 {
			if shown {
				fmt.Fprintln(w)
			}
			return
		}
		shown = true
		fmt.Fprintf(w, "\r%s %d records", verb, n)
	}
}

// writeSummary writes s in format, or the run chart named by chart (an
// SPC chart by method spc, when given).
func (a *app) writeSummary(s, equity *report.Summary, out io.Writer, format, chart, spc string, o report.ChartOptions, width int) error {
	if chart != "" && spc != "" {
		if spc == "auto" {
			spc = ""
		}
		ch, err := s.SPC(chart, spc, o)
		if err != nil {
			return err
		}
		return ch.Write(out, width)
	}
	if chart != "" {
		ch, err := s.Chart(chart, o)
		if err != nil {
			return err
		}
		return ch.Write(out, width)
	}
	names, err := a.programmeNames()
	if err != nil {
		return err
	}
	switch format {
	case report.FormatCSV:
		return s.WriteCSV(out)
	case report.FormatJSON:
		return s.WriteJSON(out)
	case report.FormatMarkdown:
		return s.WriteMarkdown(out, names)
	case report.FormatHTML:
		h := report.HTMLOptions{SiteName: a.settings.Config.SiteName, Produced: time.Now(), ToolVersion: toolVersion(), Names: names, Charts: o, Equity: equity}
		if dir, err := a.directory(); err == nil {
			h.DirectoryVersion = dir.Version()
		}
		return s.WriteHTML(out, h)
	}
	return s.WriteTableWidth(out, names, width)
}

// terminalWidth is the width in columns to draw for on w: the terminal's
// when w is one, else COLUMNS when it is set (a pipe into less, a script
// that says its width), else 80, the width a file is read at.
func terminalWidth(w io.Writer) int {
	if f, ok := fileUnder(w).(*os.File); ok && isTerminal(f) {
		if width, _, err := term.GetSize(f.Fd()); err == nil && width > 0 {
			return width
		}
	}
	if n, err := strconv.Atoi(strings.TrimSpace(os.Getenv("COLUMNS"))); err == nil && n >= 20 && n <= 1000 {
		return n
	}
	return 80
}

// programmeNames names programmes from the directory in force. A
// programmes file with a problem is an error, as it is everywhere: the
// summary went on without a word and named every programme by its id
// ("public-library") on the board's page.
func (a *app) programmeNames() (report.ProgrammeName, error) {
	dir, err := a.directory()
	if err != nil {
		return nil, err
	}
	return func(id string) string {
		if p, ok := dir.Lookup(id); ok {
			return strings.TrimSpace(p.Name)
		}
		return ""
	}, nil
}
