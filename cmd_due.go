package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode"

	"charm.land/lipgloss/v2"
	lipgloss_table "charm.land/lipgloss/v2/table"
	"github.com/charmbracelet/x/ansi"
	"github.com/google/uuid"
	"github.com/spf13/cobra"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/report"
	"digicheck/store"
)

// dueRow is a patient whose review has come, from their latest current
// assessment.
type dueRow struct {
	due     string // review-by date
	days    int    // days from today to it: 0 today, negative past
	r       record.Record
	setBy   string // "saved" when the record has its date, else "default"
	shortID string
	// unlinked counts the patient's assessments that count and that no
	// follow-up links: more than one, and r is the latest made of them.
	unlinked int
}

func (a *app) dueCmd() *cobra.Command {
	var (
		team   string
		within int
		format string
		output string
	)
	c := &cobra.Command{
		Use:   "due",
		Short: "List patients whose review of their needs is due or past",
		Long: `List the patients whose communication needs are due for review (the
Accessible Information Standard's review stage), soonest first: the most
overdue at the top.

Each patient's latest assessment counts, latest by when it was made (an
amendment keeps its assessment's time), in its current version: amended
versions are replaced by their amendment, and assessments entered in error
are left out. A patient with several assessments that count, none a
follow-up of another (two windows on one patient, say), is listed from the
latest made, its record marked +; the CSV's assessments_unlinked counts them.
An assessment is due on its review-by date, set when it was saved from the
site's review_months (default 12). One saved before review-by dates were
kept is due review_months after it was made; its date is marked *.

--within DAYS lists those due in the next DAYS days too (0, the default:
due today or past). --team lists one team's patients only, in any case; a
team that no record has is refused, with the teams listed. The output is
plain text, for reading or piping. At a terminal it keeps to the
terminal's width: a team or clinician name too long for its column wraps,
whole, onto the lines under the patient's, and a terminal too narrow for
the columns shows a block of lines a patient, each a column's name and its
value, a blank line between patients. Piped or written to a file it is
one line a patient, names whole. --format csv gives a header line and the
same columns, with names whole and the record's full id.

A store found damaged (by check, or by any command: its damage note is
beside it) is warned of on standard error, as summary and export warn of
it; when every record was read, each sound (due reads neither the patient
index nor the QI copy), the list is whole, and it says so. A record that
cannot be read (damaged) is left out and named on standard error, its
patient's review state unknown; the sound patients are listed and due ends
with exit status 1. So too when the store holds records no readable page
holds: the patients of those found are listed, the list says how many
were found of those the store holds, and due ends with exit status 1, as
export does. With -o, either list is put in place, marked. A store
whose newest save may be missing (a damaged meta page, as check reports)
is not listed: a void lost with that save would show the voided
assessment as due. --read-damaged lists it anyway, with a
warning. Either list says in itself that a patient may be missing from it:
its first lines start DAMAGED STORE, and the CSV ends each row with a
damaged_store column. A list of synthetic test data (digicheck synthetic)
begins SYNTHETIC TEST DATA, and its CSV has a synthetic column, yes on
every row.`,
		Example: `  digicheck due
  digicheck due --team "Ward 7" --within 14
  digicheck due --format csv -o due.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) (err error) {
			if within < 0 || within > 3660 {
				return usageError{fmt.Errorf("--within %d: give a number of days from 0 to 3660", within)}
			}
			if format != "text" && format != "csv" {
				return usageError{fmt.Errorf(`--format %q: use "text" or "csv"`, format)}
			}
			if err := questionnaire.CheckText(team); err != nil {
				return usageError{fmt.Errorf("--team %s: %w", questionnaire.Quote(team), err)}
			}
			// A store file cut short is read as summary reads it,
			// from a padded copy, saying so: refused outright, no
			// review due was listed from a file every export read.
			st, done, err := a.readableStore(cmd, dueWhat)
			if err != nil {
				return err
			}
			defer func() { err = done(err) }()
			// A store found damaged (its damage note is there) is
			// warned of as summary and export warn of it: the list a
			// team contacts patients from was read from it with no
			// word. What that means for the list is said once it is
			// read: whole, read from every record (due reads neither
			// the patient index nor the QI copy), or marked in itself
			// and ending with exit status 1. "May be incomplete or
			// wrong" said of a whole list, exit status 0 and nothing
			// in the file, left the three disagreeing.
			// Warned again once the records are read, if not before:
			// the run whose reading found the damage (and wrote its
			// note) said nothing, and the next run warned.
			warned := warnFoundDamaged(cmd, st)
			warnFound := func() {
				if !warned {
					warned = warnFoundDamaged(cmd, st)
				}
			}
			defer func() {
				if warned && err == nil && dueDamagedMark(st, 0, "") == "" {
					sayWrapped(cmd.ErrOrStderr(), withGiven("note: the list of reviews due was read from every record the store holds, each sound, so it is whole; the damage found is in parts of the store it does not read: run digicheck check, keep a copy of the file as it is, and restore the store from a backup", storeGiven(shownPath(st))))
				}
			}()
			// A damaged newer meta page reads the store as it was
			// before its newest save: a void lost there listed the
			// voided assessment as current, silently. Stopped, as
			// history and show are, unless --read-damaged.
			if err := metaGate(cmd, st, "the list of reviews due"); err != nil {
				return err
			}
			// A record that cannot be read is left out and named,
			// as an export names it, not made to refuse the whole
			// list: the sound patients are listed, and the command
			// ends with exit status 1.
			// A page of records that cannot be read (zeroed by a failing
			// disk) is found first and stepped over, its records left out
			// and named, as export and summary do: reading onto it ended
			// the list, and a ward had no review list over two records.
			lost, err := st.LostRecordPages()
			warnFound()
			if err != nil {
				return err
			}
			var bad []store.Unreadable
			rows, cut, err := dueListPast(st, lost, time.Now(), within, team, a.settings.Config.ReviewPeriod(), func(u store.Unreadable) { bad = append(bad, u) })
			warnFound()
			if err != nil {
				return err
			}
			rows, gone := dueWithoutUnreadableSuccessors(st, rows, bad)
			if len(bad) > 0 {
				defer func() {
					if err == nil || cut != nil && errors.Is(err, cut) {
						for _, g := range gone {
							sayLine(cmd.ErrOrStderr(), g)
						}
						if uerr := dueUnreadable(cmd.ErrOrStderr(), st, bad); err == nil {
							err = uerr
						}
					}
				}()
			}
			// Records the store holds that no readable page holds or
			// names (found on their own pages, fewer than it counts):
			// the list is of the records found, marked and said so, and
			// due ends with the damage, as export does. Its "read from
			// every record" was said of a list that could lack a patient.
			var lostMark string
			if cut != nil {
				lostMark = lost.Mark()
				sayWrapped(questionnaire.NewPrintableWriter(cmd.ErrOrStderr()), withGiven("warning: "+lostMark+": the list of reviews due is of the records found, so a patient may be missing from it; run digicheck check, keep the file as it is, and restore the store from a backup", storeGiven(shownPath(st))))
				// The damage ends due once its list is written and,
				// with -o, put in place (this runs after the file's
				// done), as unreadable records end it: every row
				// carries the mark. A list kept out of place left a
				// scheduled ward job with no review list at all.
				defer func() {
					if err == nil {
						err = cut
					}
				}()
			}
			// A store file cut short ends due with the damage once
			// the list, marked, is written and put in place (this
			// runs after the file's done), as a record left out
			// does: the list may lack versions kept only in the
			// missing part.
			if dueCutShort(st) && len(bad) == 0 && cut == nil {
				defer func() {
					if err == nil {
						err = &store.Error{Kind: store.ErrDamaged, Msg: withGiven("the store file is cut short: the list of reviews due was read from what is left of it, and may lack a patient or list one from an assessment since amended or voided; run digicheck check", storeGiven(shownPath(st)))}
					}
				}()
			}
			ids := make([]record.ID, len(rows))
			for i := range rows {
				ids[i] = rows[i].r.ID
			}
			short, err := st.ShortIDs(ids)
			if err != nil {
				return err
			}
			for i := range rows {
				rows[i].shortID = short[rows[i].r.ID]
			}
			out := cmd.OutOrStdout()
			if output != "" && output != "-" {
				// As export -o writes: never over a file, and put in
				// place only whole.
				file, ferr := createOutFile(output, "list of reviews due")
				if ferr != nil {
					return ferr
				}
				defer func() { err = file.done(err) }()
				out = file.f
			}
			// What standard error says of a list that may lack a
			// patient goes into the list too, which a scheduled task
			// leaves in a file for the team: standard error does not
			// go with it.
			why := dueDamagedWhy(st, len(bad), lostMark)
			if format == "csv" {
				return writeDueCSV(out, rows, dueDamagedMark(st, len(bad), lostMark))
			}
			// A list from a training store of synthetic records read
			// as a real team's: said at its top, as a summary's is.
			if dueSynthetic(rows) {
				if _, err := io.WriteString(out, report.SyntheticBanner+"\n"); err != nil {
					return err
				}
			}
			if why != "" {
				if _, err := io.WriteString(out, dueDamagedHead(why, dueCheck(st), terminalWidth(out))+"\n"); err != nil {
					return err
				}
			}
			return writeDueText(out, cmd.ErrOrStderr(), rows, within, team, terminalWidth(out), isTerminal(out))
		},
	}
	c.Flags().StringVar(&team, "team", "", "only this team's patients (the team recorded on the assessment)")
	c.Flags().IntVar(&within, "within", 0, "also list reviews due in the next DAYS days")
	c.Flags().StringVar(&format, "format", "text", "text or csv")
	c.Flags().StringVarP(&output, "output", "o", "", "write to this new file (created readable by you only, put in place only when whole) instead of stdout")
	addReadDamagedFlag(c)
	return c
}

// dueWhat is what due reads, as readableStore words it.
const dueWhat = "the list of reviews due"

// dueCutShort reports whether st is the padded copy of a store file cut
// short (readableStore), read from what is left of it.
func dueCutShort(st *store.Store) bool { return shownPath(st) != st.Path() }

// dueDamagedMark says why a list of reviews due read from st may lack a
// patient, for the list itself (its head, or the CSV's damaged_store
// column), or is "": read with --read-damaged as the store was before its
// newest save(s), with records no readable page holds (lost, their
// store.LostPages mark), or with unreadable records (bad of them) left
// out. Its "run digicheck check" names st, the store the list was read
// from: the list goes where standard error does not (due -o).
func dueDamagedMark(st *store.Store, bad int, lost string) string {
	why := dueDamagedWhy(st, bad, lost)
	if why == "" {
		return ""
	}
	return why + "; run " + dueCheck(st)
}

// dueDamagedHead is the head of a text list of reviews due that may lack
// a patient: why, in lines of at most width columns, and the command to
// run on a line of its own under it, broken as assess.WrapCommand breaks
// one too wide. Wrapped with the sentence, "run digicheck" ended one line
// and "check --db FILE" began the next: copied line by line, digicheck
// alone started a new assessment on the default store.
func dueDamagedHead(why, command string, width int) string {
	return wrapReport("DAMAGED STORE, "+why+"; run:", width) + "\n" + assess.WrapCommand("    "+command, width) + "\n"
}

// dueCheck is the command that checks st, the store a list of reviews
// due was read from.
func dueCheck(st *store.Store) string {
	return withGiven("digicheck check", storeGiven(shownPath(st)))
}

// dueDamagedWhy is dueDamagedMark without the command it ends with.
func dueDamagedWhy(st *store.Store, bad int, lost string) string {
	var why []string
	if readEarlier(st) {
		why = append(why, "read with --read-damaged: the newest save(s) may be missing from the store")
	}
	if dueCutShort(st) {
		why = append(why, "the store file is cut short: it is read from what is left, and may lack versions kept only in its missing part")
	}
	if lost != "" {
		why = append(why, lost)
	}
	if bad > 0 {
		n := "1 record"
		if bad > 1 {
			n = fmt.Sprintf("%d records", bad)
		}
		why = append(why, n+" could not be read")
	}
	if len(why) == 0 {
		return ""
	}
	return withGiven(strings.Join(why, ", and ")+": a patient may be missing from this list, or listed from an assessment since amended or voided", storeGiven(shownPath(st)))
}

// dueUnreadable names, on standard error, each record due could not read,
// and returns the error due ends with. Whose record it was cannot be read
// either: the patient's review state cannot be known, and the list may lack
// that patient or show them from an assessment the record amended or
// voided.
func dueUnreadable(w io.Writer, st *store.Store, bad []store.Unreadable) error {
	for _, u := range bad {
		what := "record " + u.ID
		if strings.HasPrefix(u.ID, "records ") {
			// A lost page the patient index names no record on.
			what = u.ID
		}
		sayLine(w, fmt.Sprintf("left out: %s: %s", what, u.Why))
	}
	n, were := "1 record", "was"
	if len(bad) > 1 {
		n, were = fmt.Sprintf("%d records", len(bad)), "were"
	}
	sayLine(w, withGiven(fmt.Sprintf("warning: %s in the store %s could not be read (named above): the review state of the patient of each cannot be known, so this list may lack that patient, or show them from an assessment the record amended or voided. Run digicheck check, keep a copy of the file as it is and restore the store from a backup", n, shownPath(st)), storeGiven(shownPath(st))))
	return &store.Error{Kind: store.ErrDamaged, Msg: fmt.Sprintf("%s could not be read and %s left out of the list of reviews due; the review state of its patient cannot be known (see above)", n, were)}
}

// dueListPast finds, for every patient, their latest current
// assessment, and keeps those whose review is due within days of now (on
// the local calendar), soonest first. months is the review period for
// records saved without a date. (A store holds real or synthetic records,
// never both.) Each record that cannot be read is handed to skip (nil: it
// ends the list with ErrDamaged), and so is each record the pages lost
// names (store.LostRecordPages) held; lost may be nil.
// When the store holds records no readable page holds or names
// (lost.Missing), the read of the records ends with the damage, fewer
// read than the store counts: the list is made of those read, and that
// damage is short, for due to end with once the list is written.
func dueListPast(st *store.Store, lost *store.LostPages, now time.Time, days int, team string, months int, skip func(store.Unreadable)) (rows []dueRow, short, err error) {
	// One pass: every assessment not entered in error, kept light (a
	// record without its answers and result), and the ids superseded.
	superseded := map[record.ID]bool{}
	amends := map[record.ID]record.ID{} // amendment or void -> the version it supersedes
	made := map[record.ID]time.Time{}   // when each version was saved
	teams := map[string]string{}        // every team on a record, by its folded name
	// What due reads of each assessment, kept small: a record whole is
	// 600 bytes before its answers, and a store of 200,000 kept them all
	// while it read, 450 MB resident and a third of its time collecting.
	byPatient := map[record.PatientID][]dueRec{}
	// Versions set aside when a conflict with a FHIR server was settled
	// are kept, never current: left out.
	aside, err := st.SetAsideLines()
	if err != nil {
		return nil, nil, err
	}
	err = st.EachPast(lost, func(r record.Record) error {
		if aside[uuid.UUID(r.ID)] {
			return nil
		}
		made[r.ID] = r.Time
		if r.Team != "" {
			teams[strings.ToLower(r.Team)] = r.Team
		}
		if !r.Amends.IsZero() {
			superseded[r.Amends] = true
			amends[r.ID] = r.Amends
		}
		if r.Status == record.EnteredInError {
			return nil
		}
		byPatient[r.Patient] = append(byPatient[r.Patient], dueRec{
			id: r.ID, followsUp: r.FollowsUp, clinician: r.Clinician, team: r.Team, time: r.Time, reviewBy: r.ReviewBy, synthetic: r.Synthetic,
		})
		return nil
	}, skip)
	if err != nil && lost.Missing() > 0 && errors.Is(err, store.ErrDamaged) {
		short, err = err, nil
	}
	if err != nil {
		return nil, nil, err
	}
	if team != "" {
		known, ok := teams[strings.ToLower(team)]
		if !ok {
			return nil, nil, unknownTeam(team, teams)
		}
		team = known
	}
	// An assessment was made when its first version was: an amendment
	// saved today corrects an assessment made a year ago, and does not
	// make it later than a follow-up made since.
	firstOf := func(id record.ID) record.ID {
		for range len(amends) + 1 { // bounded, should a chain ever loop
			prev, ok := amends[id]
			if !ok {
				break
			}
			if _, saved := made[prev]; !saved {
				break
			}
			id = prev
		}
		return id
	}
	assessed := func(id record.ID) time.Time { return made[firstOf(id)] }
	// Each patient's latest assessment, by when it was made, in its
	// current version (the one nothing supersedes).
	latest := map[record.PatientID]record.Record{}
	set := func(p record.PatientID, d dueRec) record.Record {
		return record.Record{ID: d.id, Patient: p, Clinician: d.clinician, Team: d.team, Time: d.time, ReviewBy: d.reviewBy, FollowsUp: d.followsUp, Synthetic: d.synthetic}
	}
	latestAt := map[record.PatientID]time.Time{}
	// How many of each patient's assessments that count no follow-up
	// links: more than one, and the row says it uses the latest made.
	unlinked := map[record.PatientID]int{}
	for p, rs := range byPatient {
		followed := map[record.ID]bool{}
		for _, r := range rs {
			if !superseded[r.id] && !r.followsUp.IsZero() {
				followed[firstOf(r.followsUp)] = true
			}
		}
		for _, r := range rs {
			if superseded[r.id] {
				continue
			}
			if !followed[firstOf(r.id)] {
				unlinked[p]++
			}
			at := assessed(r.id)
			if cur, ok := latestAt[p]; !ok || !at.Before(cur) {
				latest[p], latestAt[p] = set(p, r), at
			}
		}
	}

	today := now.Local().Format(record.ReviewDateLayout)
	limit := now.Local().AddDate(0, 0, days).Format(record.ReviewDateLayout)
	for _, r := range latest {
		if team != "" && !strings.EqualFold(r.Team, team) {
			continue
		}
		due := r.DueBy(months)
		if due > limit {
			continue
		}
		row := dueRow{due: due, days: daysBetween(today, due), r: r, setBy: "saved", unlinked: unlinked[r.Patient]}
		if r.ReviewBy == "" {
			row.setBy = "default"
		}
		rows = append(rows, row)
	}
	slices.SortFunc(rows, func(a, b dueRow) int {
		if c := strings.Compare(a.due, b.due); c != 0 {
			return c
		}
		if c := strings.Compare(a.r.Team, b.r.Team); c != 0 {
			return c
		}
		return strings.Compare(a.r.Patient.Value, b.r.Patient.Value)
	})
	return rows, short, nil
}

// dueRec is what due keeps of an assessment as it reads the store.
type dueRec struct {
	id, followsUp             record.ID
	clinician, team, reviewBy string
	time                      time.Time
	synthetic                 bool
}

// dueSynthetic reports whether the list is of synthetic test data (a
// store holds synthetic records or real ones, never both).
func dueSynthetic(rows []dueRow) bool {
	return slices.ContainsFunc(rows, func(r dueRow) bool { return r.r.Synthetic })
}

// unknownTeam refuses a --team that no record has, naming the teams that
// records do have: listing no one for a misspelt team would read as "no
// review is due", a false reassurance.
func unknownTeam(team string, teams map[string]string) error {
	names := make([]string, 0, len(teams))
	for _, t := range teams {
		names = append(names, questionnaire.PrintableTyped(t))
	}
	slices.Sort(names)
	if len(names) == 0 {
		return fmt.Errorf("--team %s: no record has a team", questionnaire.Quote(team))
	}
	return fmt.Errorf("--team %s: no record has this team; the teams are: %s", questionnaire.Quote(team), strings.Join(names, ", "))
}

// daysBetween is the number of calendar days from one date to another
// (both in record.ReviewDateLayout): negative when to is before from.
func daysBetween(from, to string) int {
	f, err1 := time.Parse(record.ReviewDateLayout, from)
	t, err2 := time.Parse(record.ReviewDateLayout, to)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(t.Sub(f).Hours() / 24)
}

// when says how a review date stands against today, in a few words.
func when(days int) string {
	switch {
	case days == 0:
		return "today"
	case days == 1:
		return "tomorrow"
	case days > 1:
		return fmt.Sprintf("in %d days", days)
	case days == -1:
		return "1 day ago"
	}
	return fmt.Sprintf("%d days ago", -days)
}

// writeDueText writes rows as a table. At a terminal it keeps to width,
// wrapping a team or clinician name too long for its column onto the lines
// under the record's, or, where the columns cannot fit, as a block of
// lines a record (dueBlocks); piped, it is one line a record, names whole.
func writeDueText(out, errOut io.Writer, rows []dueRow, within int, team string, width int, atTerminal bool) error {
	if len(rows) == 0 {
		if within > 0 {
			fmt.Fprintf(errOut, "No patient's review is due in the next %d days, or past.\n", within)
		} else {
			fmt.Fprintln(errOut, "No patient's review is due today or past.")
		}
		return nil
	}
	// Narrow enough for an 80-column terminal: the team is left out when
	// one team is asked for, a date worked out from the default period is
	// marked * rather than given a column, and team and clinician names
	// too long for the width wrap within their columns. Cut with an
	// ellipsis, two teams that began alike ("Community Neur…") could not
	// be told apart. Piped, a record keeps to one line, for grep and sort.
	pr := questionnaire.PrintableTyped
	table := [][]string{{"REVIEW BY", "DUE", "PATIENT", "TEAM", "ASSESSED", "BY", "RECORD"}}
	if team != "" {
		table[0] = slices.Delete(table[0], 3, 4)
	}
	marked, several := false, false
	for _, row := range rows {
		due := row.due
		if row.setBy == "default" {
			due += "*"
			marked = true
		}
		cols := []string{due, when(row.days), pr(row.r.Patient.String())}
		if team == "" {
			t := row.r.Team
			if t == "" {
				t = "-"
			}
			cols = append(cols, pr(t))
		}
		id := row.shortID
		if row.unlinked > 1 {
			id += "+"
			several = true
		}
		cols = append(cols, row.r.Time.Local().Format("2006-01-02"), pr(row.r.Clinician), id)
		table = append(table, cols)
	}
	by := len(table[0]) - 2
	flexible := []int{by}
	if team == "" {
		flexible = []int{3, by}
	}
	if !atTerminal {
		width = 0
	}
	var text string
	if widths, ok := dueWidths(table, flexible, width); ok {
		text = dueTable(table, widths)
	} else {
		text = dueBlocks(table, width)
	}
	// A write that fails (a full disk, a file size limit, stdout closed)
	// ends the list with its error: ignored, a list cut short at its least
	// overdue patients, or empty, ended with exit status 0 and read as
	// "nobody else is due".
	if _, err := io.WriteString(out, text); err != nil {
		return err
	}
	if marked {
		fmt.Fprint(errOut, dueNote("* saved before review dates were kept: due review_months after the assessment.", width))
	}
	if several {
		fmt.Fprint(errOut, dueNote("+ the latest made of the patient's several assessments that count, none a follow-up of another: see them with digicheck history PATIENT.", width))
	}
	return nil
}

// dueNote is a footnote of the list, wrapped to width at a terminal (0:
// one line), its lines after the first indented under its text.
func dueNote(note string, width int) string {
	if width <= 0 {
		return note + "\n"
	}
	return record.Wrap(note, "", "  ", width)
}

// dueWidths is the width of each column of table, its first row the
// header, measured in terminal columns (a CJK character takes two). When
// the columns would be wider than width (0: no limit), the flexible
// columns (names) are narrowed, the widest first, to no fewer than
// minNameWidth columns: first no further than their longest word, so that
// names wrap between words, then, if that is not enough, breaking words.
// The other columns (dates, the patient, the record id) are never
// narrowed; ok is false when the table cannot keep to width even so.
func dueWidths(table [][]string, flexible []int, width int) (widths []int, ok bool) {
	const gap, minNameWidth = 2, 5
	widths = make([]int, len(table[0]))
	for _, row := range table {
		for i, cell := range row {
			widths[i] = max(widths[i], ansi.StringWidth(cell))
		}
	}
	total := gap * (len(widths) - 1)
	for _, w := range widths {
		total += w
	}
	words := make([]int, len(widths))
	for _, row := range table {
		for _, i := range flexible {
			for _, w := range strings.FieldsFunc(strings.ReplaceAll(row[i], "-", "- "), unicode.IsSpace) {
				words[i] = max(words[i], ansi.StringWidth(w))
			}
		}
	}
	for _, floor := range []func(i int) int{
		func(i int) int { return max(words[i], minNameWidth) },
		func(int) int { return minNameWidth },
	} {
		for ; width > 0 && total > width; total-- {
			widest := -1
			for _, i := range flexible {
				if widths[i] > floor(i) && (widest < 0 || widths[i] > widths[widest]) {
					widest = i
				}
			}
			if widest < 0 {
				break // as narrow as the names go at this floor
			}
			widths[widest]--
		}
	}
	return widths, width <= 0 || total <= width
}

// dueTable draws table, its first row the header, in columns at widths.
// A name wider than its column wraps onto lines of its own under the row.
func dueTable(table [][]string, widths []int) string {
	lt := plainColumns(widths)
	for _, row := range table {
		lt.Row(wrapCells(row, widths)...)
	}
	return trimLines(lt.String())
}

// dueBlocks draws table, its first row the header, for a terminal too
// narrow for its columns: a block of lines a record, each a column's name
// and its value, a value too long for the width wrapping under itself,
// and a blank line between records.
func dueBlocks(table [][]string, width int) string {
	label := 0
	for _, h := range table[0] {
		label = max(label, ansi.StringWidth(h))
	}
	widths := []int{label, max(width-label-2, 1)}
	lt := plainColumns(widths)
	for i, row := range table[1:] {
		if i > 0 {
			lt.Row("", "")
		}
		for j, cell := range row {
			lt.Row(wrapCells([]string{table[0][j], cell}, widths)...)
		}
	}
	return trimLines(lt.String())
}

// plainColumns is a lipgloss table with no rules, its columns at widths,
// two spaces apart, text to the left.
func plainColumns(widths []int) *lipgloss_table.Table {
	return lipgloss_table.New().
		BorderTop(false).BorderBottom(false).BorderLeft(false).BorderRight(false).
		BorderHeader(false).BorderColumn(false).
		StyleFunc(func(_, col int) lipgloss.Style {
			if col == 0 {
				return lipgloss.NewStyle().Width(widths[col])
			}
			return lipgloss.NewStyle().PaddingLeft(2).Width(2 + widths[col])
		})
}

// wrapCells is row with each cell wider than its width wrapped, at its
// spaces and hyphens where it can (lipgloss breaks at spaces only): a name
// such as "Montgomery-Fitzwilliam" breaks after its hyphen, not inside a
// word.
func wrapCells(row []string, widths []int) []string {
	out := make([]string, len(row))
	for i, cell := range row {
		out[i] = cell
		if ansi.StringWidth(cell) > widths[i] {
			lines := strings.Split(ansi.Wrap(cell, widths[i], "-"), "\n")
			for j := range lines {
				lines[j] = strings.TrimRight(lines[j], " ")
			}
			out[i] = strings.Join(lines, "\n")
		}
	}
	return out
}

// trimLines is text with each line ending at its last word, and a line
// feed after the last.
func trimLines(text string) string {
	var b strings.Builder
	for _, l := range strings.Split(text, "\n") {
		b.WriteString(strings.TrimRight(l, " ") + "\n")
	}
	return b.String()
}

func writeDueCSV(out io.Writer, rows []dueRow, mark string) error {
	w := csv.NewWriter(out)
	head := []string{"review_by", "days", "patient_kind", "patient", "team", "assessed", "clinician", report.DueListColumn, "record_id", "assessments_unlinked"}
	// Synthetic test data is marked on every row, as in an export, so
	// that a row copied on still says it; a real store's list has no
	// such column.
	synthetic := dueSynthetic(rows)
	if synthetic {
		head = append(head, "synthetic")
	}
	if mark != "" {
		// As an export of a damaged store is marked: a last column,
		// on every row, so that a row copied on still says it.
		head = append(head, report.DamagedColumn)
	}
	_ = w.Write(head)
	if len(rows) == 0 && mark != "" {
		// No patient due from a damaged store: a header alone reads
		// "nobody due", though the patient of a record not read may
		// be. A row with the mark alone says so.
		cols := make([]string, len(head))
		cols[len(cols)-1] = mark
		_ = w.Write(cols)
	}
	for _, row := range rows {
		// Typed text is written as digicheck shows it, so a spreadsheet
		// never gets a control character or a formula from a record.
		cols := []string{row.due, fmt.Sprint(row.days), row.r.Patient.Kind, csvSafe(row.r.Patient.Value), csvSafe(row.r.Team),
			row.r.Time.Local().Format("2006-01-02"), csvSafe(row.r.Clinician), row.setBy, row.r.ID.String(), fmt.Sprint(max(row.unlinked, 1))}
		if synthetic {
			cols = append(cols, "yes")
		}
		if mark != "" {
			cols = append(cols, mark)
		}
		_ = w.Write(cols)
	}
	w.Flush()
	return w.Error()
}

// csvSafe is s as digicheck prints it, with a leading character a
// spreadsheet would take as a formula quoted away.
func csvSafe(s string) string {
	s = questionnaire.PrintableTyped(s)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
