package report

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	lipgloss_table "charm.land/lipgloss/v2/table"
	"github.com/charmbracelet/colorprofile"

	"digicheck/internal/shellword"
	"digicheck/questionnaire"
	"digicheck/site"
)

// Summary output formats.
const (
	FormatTable    = "table"
	FormatMarkdown = "markdown"
	FormatJSON     = "json"
	// FormatCSV is shared with exports.
)

// ProgrammeName names a programme for people; nil, or "" back, shows its id.
type ProgrammeName func(id string) string

// The banners that travel with a summary's numbers.
const (
	ExactBanner     = "EXACT COUNTS, NOT FOR PUBLICATION: small numbers are shown as they are and can identify patients. For local operational use only."
	SyntheticBanner = "SYNTHETIC TEST DATA: these are not real patients."
)

// Caveats lists the banners that apply to the summary.
func (s *Summary) Caveats() []string {
	var out []string
	if s.Exact {
		out = append(out, ExactBanner)
	}
	if s.Synthetic {
		out = append(out, SyntheticBanner)
	}
	if d := s.damagedNote(); d != "" {
		out = append(out, strings.ToUpper(d[:len("damaged store")])+d[len("damaged store"):])
	}
	if n := s.currentUnknownNote(); n != "" {
		out = append(out, n)
	}
	if n := s.uncheckedNote(); n != "" {
		out = append(out, n)
	}
	if n := s.rowsUncheckedNote(); n != "" {
		out = append(out, n)
	}
	if n := s.unkeyedNote(); n != "" {
		out = append(out, n)
	}
	out = append(out, s.Incomplete...)
	out = append(out, s.spanNotes()...)
	if n := s.coverageNote(); n != "" {
		out = append(out, n+".")
	}
	return out
}

// ReadDamagedMark follows the name of a store in Summary.Damaged that was
// read with --read-damaged as it was before its newest save(s) (its newer
// meta page damaged): what that save held is not counted.
const ReadDamagedMark = " (read with --read-damaged: its newest save(s) may be missing)"

// uncheckedNote says which export files were read with no end mark, so
// that whether each is whole could not be checked, or is "". With
// disclosure control each is described by kind and place, as the inputs
// are, never by its path.
func (s *Summary) uncheckedNote() string {
	if len(s.Unchecked) == 0 {
		return ""
	}
	var which []string
	for _, name := range s.Unchecked {
		which = append(which, s.inputWords(name))
	}
	if len(which) == 1 {
		return "COMPLETENESS NOT CHECKED: one of the inputs read (" + which[0] + ") has no end mark (exported by an earlier version of digicheck, or the mark taken out): whether it is complete cannot be checked, as a file cut short at a line's end reads as whole; these counts may lack records cut from it"
	}
	return fmt.Sprintf("COMPLETENESS NOT CHECKED: %d of the inputs read (%s) have no end mark (exported by an earlier version of digicheck, or the mark taken out): whether each is complete cannot be checked, as a file cut short at a line's end reads as whole; these counts may lack records cut from them", len(which), strings.Join(which, "; "))
}

// rowsUncheckedNote says which export files were read whose rows carry
// no row checks, with their end mark or without one, or is "": rows
// edited in them (a team renamed, a SERVER SHORT or damaged-store mark
// taken out with its column) cannot be found, whatever their end mark's
// words say. Each is described as uncheckedNote describes one.
func (s *Summary) rowsUncheckedNote() string {
	if len(s.RowsUnchecked) == 0 {
		return ""
	}
	var which []string
	salvaged, exported := false, false
	for _, name := range s.RowsUnchecked {
		which = append(which, s.inputWords(name))
		if s.sourceKind(name) == InputSalvage {
			salvaged = true
		} else {
			exported = true
		}
	}
	// A file check --salvage wrote carries none: said so, not taken for
	// an earlier build's export (the words hold with --exact, where the
	// input is named by its path).
	why := "(exported by an earlier version of digicheck, or the " + RowCheckColumn + " column or field taken out): rows changed since it was exported (a team renamed, a mark of a damaged store or of a server short of records taken out) cannot be found, and are counted as they now read"
	switch {
	case salvaged && !exported:
		why = "(records salvaged from a damaged store by digicheck check --salvage carry none): rows changed since they were salvaged (a team renamed, a line taken out) cannot be found, and are counted as they now read"
	case salvaged:
		why = "(records salvaged from a damaged store by digicheck check --salvage carry none; an export made by an earlier version of digicheck, or with the " + RowCheckColumn + " column or field taken out, has none): rows changed since they were salvaged or exported (a team renamed, a mark of a damaged store or of a server short of records taken out) cannot be found, and are counted as they now read"
	}
	if len(which) == 1 {
		return "ROWS NOT CHECKED: one of the inputs read (" + which[0] + ") carries no row checks " + why
	}
	return fmt.Sprintf("ROWS NOT CHECKED: %d of the inputs read (%s) carry no row checks %s", len(which), strings.Join(which, "; "), why)
}

// unkeyedNote says which pseudonymised exports were read whose records
// carry no record keys, or is "": their counts are rounded by the file's
// own ids, so some differ from a summary of the store by 5, or show "*"
// where it shows 10, and the two must not both be published. It was said
// on standard error only, and the published summary read as one of the
// store. Each is described as uncheckedNote describes one. An exact
// summary has none: nothing in it is rounded or suppressed, so its counts
// are the store's whatever keys the rows carry (and standard error says
// nothing of them there either).
func (s *Summary) unkeyedNote() string {
	if len(s.Unkeyed) == 0 || s.Exact {
		return ""
	}
	var which []string
	for _, name := range s.Unkeyed {
		which = append(which, s.inputWords(name))
	}
	why := func(its string) string {
		return "(" + its + " " + RecordKeyColumn + " column taken out before it was shared, or exported by an earlier version of digicheck): " + its + " counts are rounded by the file's own ids, not as a summary of the store rounds them, so some counts here may be 5 higher or lower than a summary of the store (or of an export with its record keys) shows for the same assessments, and a count shown as * in one may be 10 in the other. This summary must not be published beside a summary of the store, or of another export of it, for the same span"
	}
	if len(which) == 1 {
		return "NO RECORD KEYS: one of the inputs read (" + which[0] + ") has no record keys " + why("its")
	}
	return fmt.Sprintf("NO RECORD KEYS: %d of the inputs read (%s) have no record keys %s", len(which), strings.Join(which, "; "), why("their"))
}

// inputWords names an input in a note: by its path in an exact summary;
// with disclosure control by its kind and place among the inputs read
// (kindAndPlace), never by its path or its assessments' months.
func (s *Summary) inputWords(name string) string {
	if s.Exact {
		return questionnaire.Printable(name)
	}
	for i, src := range s.Sources {
		if src.Name == name {
			return s.kindAndPlace(i)
		}
	}
	return "an input"
}

// sourceKind is the kind of the input named name, or "" for none.
func (s *Summary) sourceKind(name string) string {
	for _, src := range s.Sources {
		if src.Name == name {
			return src.Kind
		}
	}
	return ""
}

// spanNotes say which export files were read whose end mark says no span
// (made before exports carried it, or with no end mark at all): for a
// file, which of its periods are partial was judged from when the file
// was last changed, which a copy or a download changes; for one piped in,
// which has no time of its own, it could not be judged. None when every
// export read says its span. With disclosure control each is described by
// kind and place, never by its path.
func (s *Summary) spanNotes() []string {
	var timed, timeless, when []string
	for _, name := range s.Unspanned {
		what := s.inputWords(name)
		written := s.unspanned[name]
		if written.IsZero() {
			timeless = append(timeless, what)
		} else {
			timed = append(timed, what)
			when = append(when, written.In(s.loc).Format("2 Jan 2006 15:04"))
		}
	}
	var out []string
	switch len(timed) {
	case 0:
	case 1:
		out = append(out, "PARTIAL PERIODS JUDGED FROM THE FILE'S TIME: "+timed[0]+" carries no span of its own (exported by an earlier version of digicheck): which of its periods are partial was judged from when the file was last changed ("+when[0]+"), which a copy or a download changes, so a period it does not cover to its end may be shown whole, or one it does shown partial; export it again to have its span")
	default:
		out = append(out, fmt.Sprintf("PARTIAL PERIODS JUDGED FROM THE FILE'S TIME: %d of the inputs read (%s) carry no span of their own (exported by an earlier version of digicheck): which of their periods are partial was judged from when each file was last changed (%s), which a copy or a download changes, so a period one does not cover to its end may be shown whole, or one it does shown partial; export them again to have their spans", len(timed), strings.Join(timed, "; "), strings.Join(when, "; ")))
	}
	if len(timeless) > 0 {
		out = append(out, "PARTIAL PERIODS NOT JUDGED: "+strings.Join(timeless, "; ")+" carries no span of its own (exported by an earlier version of digicheck) and, piped in, has no file time: which of its periods it covers to their end could not be judged, and each period that has ended is shown whole; export it again, or give its FILE")
	}
	return out
}

// chartBanners are the caveats a run or SPC chart carries above its
// title beside the banner of exact counts: a damaged store, an input
// whose completeness could not be checked.
func (s *Summary) chartBanners() []string {
	var out []string
	if d := s.damagedNote(); d != "" {
		out = append(out, strings.ToUpper(d[:len("damaged store")])+d[len("damaged store"):])
	}
	if n := s.uncheckedNote(); n != "" {
		out = append(out, n)
	}
	if n := s.rowsUncheckedNote(); n != "" {
		out = append(out, n)
	}
	if n := s.unkeyedNote(); n != "" {
		out = append(out, n)
	}
	out = append(out, s.Incomplete...)
	out = append(out, s.spanNotes()...)
	return out
}

// damagedNote says which stores were found damaged, or is "". With
// disclosure control it describes each as the inputs are described, by
// kind and place, never by its path: a file named for a patient carries
// their NHS number (docs/disclosure.md, rule 10). DamagedBanner names
// them, for standard error.
func (s *Summary) damagedNote() string {
	if len(s.Damaged) == 0 {
		return ""
	}
	if s.Exact {
		return s.namedDamagedNote()
	}
	const exported, salvaged = " (exported from a damaged store)", " (salvaged from a damaged store)"
	var which []string
	for _, d := range s.Damaged {
		name := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(d, exported), salvaged), ReadDamagedMark)
		what, kind := "an input", ""
		for i, src := range s.Sources {
			if src.Name == name {
				what, kind = s.kindAndPlace(i), src.Kind
				break
			}
		}
		switch {
		case strings.HasSuffix(d, exported):
			what += ", exported from a damaged store"
		case strings.HasSuffix(d, salvaged) && kind != InputSalvage:
			what += ", salvaged from a damaged store"
		case strings.HasSuffix(d, ReadDamagedMark):
			what += ", " + strings.TrimSuffix(strings.TrimPrefix(ReadDamagedMark, " ("), ")")
		}
		which = append(which, what)
	}
	// The check to run names the store, so it is said on standard
	// error (DamagedBanner), not here.
	if len(which) == 1 {
		return "damaged store: one of the inputs read (" + which[0] + ") was found damaged; these counts may be incomplete or wrong (standard error named the store and the check to run)"
	}
	return fmt.Sprintf("damaged store: %d of the inputs read (%s) were found damaged; these counts may be incomplete or wrong (standard error named the stores and the check to run)", len(which), strings.Join(which, "; "))
}

// namedDamagedNote names the stores found damaged by their paths, with
// the command that checks each: a bare "digicheck check", copied, checks
// the default store, not the one found damaged.
func (s *Summary) namedDamagedNote() string {
	var checks []string
	for _, d := range s.Damaged {
		path := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(d, " (exported from a damaged store)"), " (salvaged from a damaged store)"), ReadDamagedMark)
		if path == d {
			checks = append(checks, "digicheck check --db "+shellword.Word(path))
		}
	}
	run := ""
	if len(checks) > 0 {
		run = " (run " + strings.Join(checks, "; ") + ")"
	}
	return "damaged store: " + strings.Join(s.Damaged, ", ") + " found damaged; these counts may be incomplete or wrong" + run
}

// DamagedBanner is the DAMAGED STORE banner naming the stores by their
// paths, for whoever is at the keyboard (standard error), or "": with
// disclosure control the published one does not name them.
func (s *Summary) DamagedBanner() string {
	if len(s.Damaged) == 0 {
		return ""
	}
	d := s.namedDamagedNote()
	return strings.ToUpper(d[:len("damaged store")]) + d[len("damaged store"):]
}

// DisclosureNote says in a sentence what control was applied.
func (s *Summary) DisclosureNote() string {
	if s.Exact {
		return "Exact counts: no disclosure control."
	}
	note := fmt.Sprintf("Disclosure control (%s): every count is rounded to a multiple of %d, up or down by a key "+
		"the same assessments always give, so it is shown the same in every summary; counts below %d, zero included, are shown as *. "+
		"A shown count is within %d of the exact one. Percentages are worked out from the counts as shown.",
		DisclosureMethod, s.Disclosure.RoundTo, hiddenBelow(s.Disclosure.MaxSuppressed, s.Disclosure.RoundTo), max(s.Disclosure.RoundTo-1, 0))
	// A site's rule alone could show a count below the default's
	// smallest shown (round_to 10 with max_suppressed 7 rounds a count
	// of 1 up to 10 for a tenth of keys): the default rule laid over it
	// hides such a count (see control), and the note says so.
	def := site.DefaultDisclosure
	if least := site.SmallestShown(def.MaxSuppressed, def.RoundTo); (s.Disclosure.MaxSuppressed != def.MaxSuppressed || s.Disclosure.RoundTo != def.RoundTo) &&
		site.SmallestShown(s.Disclosure.MaxSuppressed, s.Disclosure.RoundTo)-s.Disclosure.RoundTo+1 < least {
		note += fmt.Sprintf(" A count the default rule hides is hidden too: one of %d or less is never shown, one of %d to %d only where the default rule shows it.",
			least-def.RoundTo, least-def.RoundTo+1, least-1)
	}
	return note
}

// DisclosureMethod names the method of disclosure control, in every output.
const DisclosureMethod = "cell key rounding"

// table is one table of a rendered summary.
type table struct {
	title   string
	caption string
	header  []string
	rows    [][]string
	left    int // the first left columns are text, the rest numbers
}

var (
	titleStyle  = lipgloss.NewStyle().Bold(true)
	headerStyle = lipgloss.NewStyle().Bold(true)
	bannerStyle = lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("1"))
	noteStyle   = lipgloss.NewStyle().Faint(true)
)

// WriteTableWidth writes the summary for people: a heading, then tables,
// no line wider than width columns (notes wrap between words; a table too
// wide is narrowed: see table.fit). On a terminal the headings are bold
// and the banners red; anywhere else, and with NO_COLOR, it is plain text.
func (s *Summary) WriteTableWidth(w io.Writer, names ProgrammeName, width int) error {
	if width < 20 {
		width = 80
	}
	// Every text is made printable before it is laid out: the writer
	// below takes out an escape sequence it meets (a team's name would
	// lose part of itself without a word), and a line feed in a name
	// would break a row of a table.
	var b strings.Builder
	for _, c := range s.Caveats() {
		b.WriteString(wrapLines(questionnaire.Printable(c), width, bannerStyle) + "\n")
	}
	b.WriteString(titleStyle.Render("digicheck summary") + "\n")
	for _, l := range s.headingFor(false) {
		b.WriteString(wrapLines(questionnaire.Printable(l), width, lipgloss.NewStyle()) + "\n")
	}
	b.WriteString(wrapLines(s.DisclosureNote(), width, noteStyle) + "\n")
	for _, t := range s.tables(names) {
		b.WriteString("\n")
		b.WriteString(t.printable().text(width))
	}
	for _, c := range s.Caveats() {
		b.WriteString("\n" + wrapLines(questionnaire.Printable(c), width, bannerStyle) + "\n")
	}
	_, err := io.WriteString(colorprofile.NewWriter(w, os.Environ()), b.String())
	return err
}

// WriteMarkdown writes the same tables as Markdown, for a board paper.
func (s *Summary) WriteMarkdown(w io.Writer, names ProgrammeName) error {
	var b strings.Builder
	b.WriteString("# digicheck summary\n\n")
	for _, c := range s.Caveats() {
		b.WriteString("**" + mdEscape(c) + "**\n\n")
	}
	for _, l := range s.headingFor(true) {
		b.WriteString(mdEscape(l) + "  \n")
	}
	b.WriteString("\n_" + mdEscape(s.DisclosureNote()) + "_\n")
	for _, t := range s.tables(names) {
		b.WriteString("\n")
		b.WriteString(t.markdown())
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// headingFor is the heading; public, for a board paper (Markdown), names
// no local path: a store as "a store", an export file by its name only.
func (s *Summary) headingFor(public bool) []string {
	span := "No assessments counted."
	if !s.From.IsZero() {
		span = fmt.Sprintf("Assessments first made %s to %s%s, by %s.", s.From.Format("2 Jan 2006"), s.To.Format("2 Jan 2006"), s.lastWholeWords(), s.By.Name())
	}
	span += " " + s.zoneNote()
	teams := "All teams."
	if len(s.Teams) > 0 {
		teams = "Teams: " + printableList(s.Teams) + "."
	}
	var srcs []string
	for _, src := range s.Sources {
		// What it holds, and the span of its assessments: inputs that
		// cover different spans are told apart (see uncovered).
		held := recordsWord(src.Records)
		if src.First != "" {
			held += ", assessments " + spanWords(src.First, src.Last)
		}
		switch {
		case !s.Exact:
			// Disclosure control: its kind, never its size, name or
			// assessments' months (docs/disclosure.md, rule 10;
			// describeSpans).
			srcs = append(srcs, aKind(src.Kind))
		case src.Kind == InputServer:
			srcs = append(srcs, fmt.Sprintf("the FHIR server %s (%s)", questionnaire.Printable(src.Name), held))
		case public && src.Kind == InputStore:
			srcs = append(srcs, fmt.Sprintf("a store (%s)", held))
		case public:
			srcs = append(srcs, fmt.Sprintf("%s %s (%s)", src.Kind, questionnaire.Printable(filepath.Base(src.Name)), held))
		default:
			srcs = append(srcs, fmt.Sprintf("%s %s (%s)", src.Kind, questionnaire.Printable(src.Name), held))
		}
	}
	read := "Read: " + strings.Join(srcs, "; ") + "."
	read += s.duplicatesNote()
	if n := s.ForkNote(); n != "" {
		read += " " + n
	}
	out := []string{span + " " + teams, read,
		"Each assessment is counted once, as its latest version, in the period and team of its first version; assessments entered in error are not counted."}
	return append(out, s.Notes()...)
}

// duplicatesNote says, after a space, that records were read more than
// once and whether some of them differed, or is "". With disclosure
// control it gives no number: how many a team's store and its export
// share is that team's exact count (docs/disclosure.md, rule 10).
func (s *Summary) duplicatesNote() string {
	var out string
	switch {
	case s.Duplicates > 0 && s.Exact:
		out += fmt.Sprintf(" %s records were read more than once and counted once.", thousands(s.Duplicates))
	case s.Duplicates > 0:
		out += " Some records were read more than once and counted once."
	}
	switch {
	case s.Conflicts > 0 && s.Exact:
		out += fmt.Sprintf(" %s of them differed between sources; the first read was used.", thousands(s.Conflicts))
	case s.Conflicts > 0:
		out += " Some of them differed between sources; the first read was used."
	}
	return out
}

// readNotes are what the Read line of the table, the Markdown and the
// board report says of records read more than once when some differed
// between inputs (the first read being counted), and of the assessments
// amended differently in different inputs, for the CSV and the JSON,
// which have no Read line: their counts rest on the same choice between
// copies that disagree. Records read twice alike (a store and its own
// export) change no count, and the CSV and JSON are those of the store
// alone.
func (s *Summary) readNotes() []string {
	var out []string
	if s.Conflicts > 0 {
		out = append(out, strings.TrimSpace(s.duplicatesNote()))
	}
	if n := s.ForkNote(); n != "" {
		out = append(out, n)
	}
	return out
}

// Notes are what a reader must know about what was left out: records
// skipped for their dates, and periods not laid out because no
// assessment in the inputs falls in them.
// spanWords is an input's span in words: "2026-01 to 2026-06", or one
// period alone ("FY2026/27", not "FY2026/27 to FY2026/27").
func spanWords(first, last string) string {
	if first == last {
		return first
	}
	return first + " to " + last
}

// printableList is names, each as shownName shows it, with commas
// between: a team's name is typed text.
func printableList(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = shownName(n)
	}
	return strings.Join(out, ", ")
}

// backslashed is a name typed by staff (a team's, a postcode district)
// with each backslash doubled, before questionnaire.Printable shows what
// it cannot print as an escape: a team typed "Ward 7\u200e", backslash
// and all, and "Ward 7" with a left-to-right mark after it were both shown
// as Ward 7\u200e, two rows that read alike and count apart. Shown so,
// a single backslash is always an escape, and a typed one reads \\.
func backslashed(name string) string { return strings.ReplaceAll(name, `\`, `\\`) }

// shownName is a name typed by staff as every format but the JSON shows
// it (backslashed, then questionnaire.Printable).
func shownName(name string) string { return questionnaire.Printable(backslashed(name)) }

// AlikeNames is names, as a row shows each, with the letters of another
// script that print as Latin ones named: "Ward \u0410 (with U+0410
// Cyrillic)".
func AlikeNames(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = shownName(n)
		if other := questionnaire.OtherScriptLetters(n); other != "" {
			out[i] += " (with " + other + ")"
		}
	}
	return strings.Join(out, ", ")
}

// LookAlikeNote says which teams named in the summary (a team's row, or a
// note of teams left out or hidden) print alike but are different names,
// counted apart: a letter of another script in a team's name ("Ward \u0410",
// its \u0410 Cyrillic, beside "Ward A"), which entry now refuses
// (questionnaire.MixedScript) but stores and exports made before may hold.
// Two rows reading "Ward A", or a note that "Ward A" was not counted beside
// a counted "Ward A" row, read as nonsense; the note names, for each such
// name, the letters that tell it apart. "" for none.
func (s *Summary) LookAlikeNote() string {
	var names []string
	seen := map[string]bool{}
	note := func(n string) {
		if !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	for i := range s.Cells {
		if c := &s.Cells[i]; c.Breakdown == BreakdownTeam {
			note(c.Group)
		}
	}
	for _, n := range s.TeamsLeftOut {
		note(n)
	}
	for _, p := range s.leftOutPeriods {
		for _, n := range s.TeamsLeftOutIn[p.Label] {
			note(n)
		}
	}
	for _, n := range s.TeamsHidden {
		note(n)
	}
	groups := map[string][]string{}
	var order []string
	for _, n := range names {
		k := questionnaire.LookAlike(shownName(n))
		if len(groups[k]) == 0 {
			order = append(order, k)
		}
		groups[k] = append(groups[k], n)
	}
	var alike []string
	// A name of mixed scripts; one holding a compatibility form of a
	// character or an accent typed apart (the Kelvin sign K is of the
	// Latin script: "Ward \u212a" is of one script); one wholly in a
	// script not Latin.
	mixed, compat, whole, spaces := false, false, false, false
	for _, k := range order {
		g := groups[k]
		if len(g) < 2 {
			continue
		}
		for _, n := range g {
			switch {
			case questionnaire.MixedScript(n) != nil:
				mixed = true
			case questionnaire.HasCompatibilityForm(n):
				compat = true
			case questionnaire.SpacesDiffer(n):
				spaces = true
			case questionnaire.OtherScriptLetters(n) != "":
				whole = true
			}
		}
		var each []string
		for _, n := range g {
			w := shownName(n)
			if other := questionnaire.OtherScriptLetters(n); other != "" {
				w += " (with " + other + ")"
			}
			each = append(each, w)
		}
		alike = append(alike, strings.Join(each, " and "))
	}
	var out []string
	if len(s.TeamsAlikeNotAsked) > 0 {
		// Said of a summary of teams asked for: the team is in the
		// inputs, and its assessments are in no count here.
		out = append(out, "Teams that print like a team asked for but are different names, not counted in this summary of the teams asked for: "+AlikeNames(s.TeamsAlikeNotAsked)+
			". Their assessments are in no count here; a summary without --team counts each apart.")
	}
	if len(alike) > 0 {
		// Said truly of the names found: one mixing scripts was kept by
		// an earlier version (this one refuses it where it is given);
		// one wholly in another script ("ТЕАМ А", all Cyrillic) this
		// version takes, as a name in Cyrillic or Greek may be.
		var why []string
		if mixed {
			why = append(why, "A letter of another script typed in a team's name (kept by an earlier version of digicheck, which did not refuse it) makes another team that looks the same.")
		}
		if compat {
			why = append(why, "A character typed in another form of a character (the Kelvin sign K, a full-width letter, an accent typed apart from its letter; kept by an earlier version of digicheck, which did not refuse it) makes another team that looks the same.")
		}
		if spaces {
			why = append(why, "Spaces that differ (a no-break space, two spaces together, a space at the start or end of a name) make another team that looks the same.")
		}
		if whole {
			why = append(why, "A team's name written wholly in another script (Cyrillic, Greek), which digicheck takes, can look the same as a name in Latin letters, and is another team.")
		}
		out = append(out, "Teams that print alike are different names, counted apart: "+strings.Join(alike, "; ")+
			". "+strings.Join(why, " ")+" Read each such row, and any note naming one, as its own team.")
	}
	return strings.Join(out, " ")
}

// LeftOutNote says which teams were left out of every count for having
// too few assessments over the span to show (Summary.TeamsLeftOut).
func (s *Summary) LeftOutNote() string {
	if len(s.TeamsLeftOut) == 0 {
		return ""
	}
	return fmt.Sprintf("Not counted anywhere in this summary: the assessments of %s, too few over the span to show (from 0 to %d), and laying out no row of their own (their team's, unless --team asks for it, nor a postcode district or programme only their records name), so that a summary with them and one without are the same but for this note, the inputs listed as read and, with no --from or --to, the months their assessments add to the span (with, where those reach a %s that has not ended, the note that it is not counted).",
		printableList(s.TeamsLeftOut), hiddenBelow(s.Disclosure.MaxSuppressed, s.Disclosure.RoundTo)-1, s.By.Name())
}

// LeftOutInNote says which teams were left out of which periods' counts
// for having too few assessments in them to show
// (Summary.TeamsLeftOutIn), never how many.
func (s *Summary) LeftOutInNote() string {
	if len(s.TeamsLeftOutIn) == 0 {
		return ""
	}
	return fmt.Sprintf("Not counted anywhere in this summary (that period's rows, the totals, every breakdown, the team's row): the assessments of a team in a %s in which it has too few to show (from 0 to %d, as the team's own summary says), so that a summary with the team and one without show that %s the same: %s.",
		s.leftOutBy.Name(), hiddenBelow(s.Disclosure.MaxSuppressed, s.Disclosure.RoundTo)-1, s.leftOutBy.Name(), s.leftOutInList())
}

// leftOutInList is TeamsLeftOutIn in the order of the periods: "2025-01:
// Late Team; 2025-02: Patchy Ward, Tiny Clinic".
func (s *Summary) leftOutInList() string {
	var by []string
	for _, p := range s.leftOutPeriods {
		if teams := s.TeamsLeftOutIn[p.Label]; len(teams) > 0 {
			by = append(by, p.Label+": "+printableList(teams))
		}
	}
	return strings.Join(by, "; ")
}

func (s *Summary) Notes() []string {
	var out []string
	if n := s.LastWholeNote(); n != "" {
		out = append(out, n)
	}
	if n := s.OnePeriodNote(); n != "" {
		out = append(out, n)
	}
	if n := s.UncoveredNote(); n != "" {
		out = append(out, n)
	}
	if n := s.SkippedNote(); n != "" {
		out = append(out, n)
	}
	if n := s.VersionsNote(); n != "" {
		out = append(out, n)
	}
	if s.SpanHidden {
		out = append(out, fmt.Sprintf("Counts over the whole span (%s to %s) are hidden: some %s in it has too few assessments to show, and two summaries whose spans differ by such a %s would show its patients' answers by what changed. Its periods' own counts are shown.",
			s.From.Format("2 Jan 2006"), s.To.Format("2 Jan 2006"), s.By.Name(), s.By.Name()))
	}
	if n := s.LeftOutNote(); n != "" {
		out = append(out, n)
	}
	if n := s.LookAlikeNote(); n != "" {
		out = append(out, n)
	}
	if n := s.LeftOutInNote(); n != "" {
		out = append(out, n)
	}
	if len(s.TeamsHidden) > 0 {
		// A month of none hides the row as one of a few does: shown for
		// none, the row would tell the two apart, which "*" does not.
		out = append(out, fmt.Sprintf("The team rows of %s are hidden over the whole span: some %s in it has none of that team's assessments, or too few to show (from %s: the team's own summary shows either as *, never saying which), and two summaries whose spans differ by a %s of a few would show its patients' answers by what changed.",
			printableList(s.TeamsHidden), s.By.Name(), s.hiddenRange(), s.By.Name()))
	}
	if n := s.PartTeamsNote(); n != "" {
		out = append(out, n)
	}
	if n := s.OverlapNote(); n != "" {
		out = append(out, n)
	}
	if n := s.DistrictsNote(); n != "" {
		out = append(out, n)
	}
	if n := s.NotEndedNote(); n != "" {
		out = append(out, n)
	}
	switch {
	case !s.Exact && len(s.Periods) > 0:
		// Under disclosure control by the periods' bounds, not the days
		// of the first and last assessments (one patient's each).
		first := PeriodStart(s.Periods[0].Start, s.By, s.loc)
		last := s.Periods[len(s.Periods)-1].End.AddDate(0, 0, -1)
		if first.After(s.From) || last.Before(s.To) {
			out = append(out, fmt.Sprintf("Periods are shown only where the inputs hold assessments: %s to %s.",
				first.Format("2 Jan 2006"), last.Format("2 Jan 2006")))
		}
	case s.From.IsZero() || s.DataFrom.IsZero() || !s.DataFrom.After(s.From) && !s.DataTo.Before(s.To) || s.UncoveredNote() != "":
		// Said of a span the inputs end before by UncoveredNote, with
		// how to count the periods they cover.
	case !s.Exact && s.NoneReadNote() != "":
		// Said on standard error alone (NoneReadNote): the bounds of
		// the periods read, all before the last whole period, told a
		// period of none from one of a few.
	case !s.Exact:
		// None of the span's periods holds an assessment read: said by
		// the bounds of the periods that do, as above. The days of the
		// first and last assessments were given here, with the dates
		// asked for, though rule 8 of docs/disclosure.md forbids them.
		first := PeriodStart(s.DataFrom, s.By, s.loc)
		last := nextPeriod(PeriodStart(s.DataTo, s.By, s.loc), s.By, s.loc).AddDate(0, 0, -1)
		out = append(out, fmt.Sprintf("Periods are shown only where the inputs hold assessments: %s to %s.",
			first.Format("2 Jan 2006"), last.Format("2 Jan 2006")))
	default:
		out = append(out, fmt.Sprintf("Periods are shown only from the first assessment in the inputs (%s) to the last (%s).",
			s.DataFrom.Format("2 Jan 2006"), s.DataTo.Format("2 Jan 2006")))
	}
	return out
}

// OverlapNote says, under disclosure control, of a span of more than one
// period, what it tells when it is published beside another span that
// overlaps it (a year to date run every month). The cell key shows the
// same assessments the same every time, so a count the two show
// differently holds some assessment of the periods one counts and the
// other does not (or its base does, rule 5): in the totals and each
// team's row (held to rule 8) that says those periods' count is not
// zero, where their own row shows it as * (0 to 9, zero included); in
// the rows by postcode district and equity answer, whose difference can
// be one patient, it shows that patient's answers. The note once called
// the totals and team rows protected. "" for one period, or exact
// counts.
func (s *Summary) OverlapNote() string {
	if s.Exact || len(s.Periods) < 2 {
		return ""
	}
	return fmt.Sprintf("Beside another summary whose span overlaps this one (a year to date each %s), a count the two show differently holds some assessment of the %ss one counts and the other does not (or, shown equal to its base, its base does): in the totals and each team's row that says their count is not zero, and can narrow it to a few values, where their own row shows it as * (%s, zero included), and in rows by postcode district and the equity answers, where they differ by one patient, it shows that patient's answers. Publish spans that do not overlap; see docs/disclosure.md, \"What it does not protect against\".",
		s.By.Name(), s.By.Name(), s.hiddenRange())
}

// lastWholeWords names, after a span's dates, the span of a summary given
// no dates: " (the last whole month)"; "" for a span asked for.
func (s *Summary) lastWholeWords() string {
	if !s.LastWhole {
		return ""
	}
	return " (the last whole " + s.By.Name() + ")"
}

// LastWholeNote says, of a summary given no dates, that it counts the last
// whole period that has ended, and how another span is asked for; "" for
// a span asked for. A year to date was the span of a summary given no
// dates, and two run a month apart, published, gave away a patient of the
// month between in every row by postcode district and equity answer their
// counts differed in.
func (s *Summary) LastWholeNote() string {
	if !s.LastWhole {
		return ""
	}
	return fmt.Sprintf("No --from or --to was given: this counts the last whole %s that has ended, %s to %s, and none of the %s under way. Every run this %s counts this same span: %s. Give --from and --to for another span, and %s.",
		s.By.Name(), s.From.Format("2 Jan 2006"), s.To.Format("2 Jan 2006"), s.By.Name(), s.By.Name(), publishOnce, publishApart)
}

// publishOnce and publishApart are the advice given of a span of one
// whole period (LastWholeNote, OnePeriodNote), in the same words however
// the span was asked for.
const (
	publishOnce  = "publish it once, and not again after a correction (a void, an amendment, a late record), which the two releases would show"
	publishApart = "publish spans that do not overlap (each month once, or each quarter once: not both, as a month's release and its quarter's overlap; docs/disclosure.md, \"What it does not protect against\")"
)

// OnePeriodNote gives, of a span of one whole period asked for with
// --from and --to, the advice LastWholeNote gives of the period a summary
// given no dates counts: publish it once, not again after a correction,
// and spans that do not overlap. Last month's release run again with its
// dates, or a quarter beside the months published each month, was told
// nothing. "" for any other span, or one given no dates.
func (s *Summary) OnePeriodNote() string {
	if s.LastWhole || !s.fromGiven || !s.toGiven || s.From.IsZero() || s.To.IsZero() {
		return ""
	}
	start := PeriodStart(s.From, s.By, s.loc)
	if !start.Equal(s.From) || !nextPeriod(start, s.By, s.loc).AddDate(0, 0, -1).Equal(dayStart(s.To, s.loc)) {
		return ""
	}
	return fmt.Sprintf("This counts one whole %s, %s to %s: %s, and %s.",
		s.By.Name(), s.From.Format("2 Jan 2006"), s.To.Format("2 Jan 2006"), publishOnce, publishApart)
}

// NotEndedNote says, under disclosure control with no --to, that the
// assessments of the period not yet ended are not counted, and from when;
// "" when there are none. The run and SPC charts say it too, for their
// last point is then the last period that has ended, and nothing else on
// them would say a week was left out.
func (s *Summary) NotEndedNote() string {
	if s.Exact || s.toGiven || s.DataTo.IsZero() || s.DataTo.Before(s.notEnded) {
		return ""
	}
	return fmt.Sprintf("Assessments from %s on are not counted: that %s has not ended, and with disclosure control a summary counts whole %ss that have ended.",
		s.notEnded.Format("2 Jan 2006"), s.By.Name(), s.By.Name())
}

// VersionsNote says, when the assessments counted were made with more
// than one instrument version, which versions and how many of each (under
// the same disclosure control as the cells), and which measures and
// questions do not compare across them; "" for one version.
func (s *Summary) VersionsNote() string {
	if len(s.Versions) < 2 {
		return ""
	}
	// Where the span's counts are hidden (rule 8) so are the versions':
	// they change by the records of a small period as the total does,
	// showing those records' versions, and add up to the hidden total.
	hideCounts := s.SpanHidden && !s.Exact
	var vs []string
	for i, v := range s.Versions {
		if hideCounts {
			vs = append(vs, v.Version)
			continue
		}
		vs = append(vs, fmt.Sprintf("%s (%s)", v.Version, s.shownCount(v.Count, s.versionKeys[i])))
	}
	note := "Assessments of more than one instrument version are counted together: versions " + strings.Join(vs, ", ") + "."
	if hideCounts {
		note = "Assessments of more than one instrument version are counted together: versions " + strings.Join(vs, ", ") + " (how many of each is hidden, with the whole span's counts)."
	}
	if len(s.NotComparable) > 0 {
		note += " Not comparable across them, as the versions ask or score them differently: " + strings.Join(s.NotComparable, ", ") + "."
	}
	return note
}

// shownCount is a count as disclosure control lets it be shown in words:
// exact with Exact, "*" for a small count, otherwise rounded.
func (s *Summary) shownCount(n int, key uint32) string {
	if s.Exact {
		return thousands(n)
	}
	shown, hidden := protect(n, key, s.Disclosure.MaxSuppressed, s.Disclosure.RoundTo)
	if hidden {
		return "*"
	}
	return "about " + thousands(shown)
}

// sets indexes the summary's cells by period, breakdown and group.
func (s *Summary) sets() map[[3]string]map[[2]string]int {
	out := map[[3]string]map[[2]string]int{}
	for i, c := range s.Cells {
		k := [3]string{c.Period, c.Breakdown, c.Group}
		if out[k] == nil {
			out[k] = map[[2]string]int{}
		}
		out[k][[2]string{c.Measure, c.Category}] = i
	}
	return out
}

// BreakdownTitle names a breakdown for people.
func BreakdownTitle(b string) string {
	switch b {
	case questionnaire.LinkAgeBand:
		return "Age band"
	case questionnaire.LinkDisability:
		return "Disability or long-term condition"
	case questionnaire.LinkBenefits:
		return "Means-tested benefits"
	case questionnaire.LinkMainLanguage:
		return "English as main language"
	case questionnaire.LinkEthnicity:
		return "Ethnic category"
	case questionnaire.LinkPostcodeDistrict:
		return "Postcode district"
	case BreakdownTeam:
		return "Team"
	}
	return b
}

// GroupTitle names a group of a breakdown for people: the answer as the
// questionnaire words it.
func GroupTitle(breakdown, group string) string {
	if group == NotAnswered {
		return "Not answered"
	}
	for _, ins := range questionnaire.Versions() {
		if it, ok := ins.Item(breakdown); ok {
			if o, ok := it.Option(group); ok {
				if breakdown == questionnaire.LinkEthnicity {
					return group + " " + o.Text
				}
				return o.Text
			}
		}
	}
	return backslashed(group) // a team or a district, as typed
}

func (s *Summary) tables(names ProgrammeName) []table {
	sets := s.sets()
	whole := sets[[3]string{All, All, All}]
	get := func(m map[[2]string]int, measure, category string) int {
		if i, ok := m[[2]string{measure, category}]; ok {
			return i
		}
		return -1
	}
	count := func(i int) string {
		if i < 0 {
			return ""
		}
		return s.cellText(i)
	}
	// A share as Percent gives it: a whole percent under disclosure
	// control, one decimal place with exact counts.
	pct := func(i int) string {
		if i < 0 {
			return ""
		}
		p := s.Percent(i)
		if p != "" && p != "*" {
			p += "%"
		}
		return p
	}
	progName := func(id string) string {
		if names != nil {
			if n := names(id); n != "" {
				return n
			}
		}
		return id
	}
	var out []table

	assessed := get(whole, MeasureAssessed, "")
	out = append(out, table{title: "Assessed", header: []string{"", "Count"}, left: 1,
		rows: [][]string{{"Assessments counted", count(assessed)}}})

	bt := table{title: "Barriers", caption: "Each domain's band, as a share of those assessed.",
		header: []string{"Domain", "No barrier", "%", "Some barrier", "%", "Significant", "%"}, left: 1}
	for _, d := range questionnaire.Domains {
		r := []string{d.Title()}
		for _, c := range bandCategories {
			i := get(whole, MeasureBand(d), c)
			r = append(r, count(i), pct(i))
		}
		bt.rows = append(bt.rows, r)
	}
	out = append(out, bt)

	pt := table{title: "Primary contact route", header: []string{"Route", "Count", "%"}, left: 1}
	for _, rt := range questionnaire.Routes {
		i := get(whole, MeasurePrimary, string(rt))
		if i < 0 && rt == questionnaire.RouteInPerson {
			continue // no assessment of a version that has it
		}
		pt.rows = append(pt.rows, []string{rt.Title(), count(i), pct(i)})
	}
	if i := get(whole, MeasurePrimary, "not-recorded"); i >= 0 {
		pt.rows = append(pt.rows, []string{"Not recorded", count(i), pct(i)})
	}
	out = append(out, pt)

	// "Honoured" here is of everyone assessed; the tables by period and
	// group give it of the choices made. Each label says its base, for
	// the two sit one after the other.
	ct := table{title: "The patient's choice of route", caption: "%: of those assessed.", header: []string{"Choice", "Count", "%"}, left: 1}
	for i, c := range choiceCategories {
		j := get(whole, MeasureChoice, c)
		ct.rows = append(ct.rows, []string{[]string{"Honoured (of all assessed)", "Not possible (recorded beside the route)", "No preference"}[i], count(j), pct(j)})
	}
	out = append(out, ct)

	rt := table{title: "Referrals", caption: "Offered: % of those assessed. Agreed, declined, not discussed with the patient: % of those offered. Not recorded: saved with no answer.",
		header: []string{"Programme", "Offered", "%", "Agreed", "%", "Declined", "%", "Not discussed", "%", "Not recorded"}, left: 1}
	offAny, agrAny, ndAny := get(whole, MeasureReferred, "offered-any"), get(whole, MeasureReferred, "agreed-any"), get(whole, MeasureReferred, "not-discussed-any")
	rt.rows = append(rt.rows, []string{"Any programme", count(offAny), pct(offAny), count(agrAny), pct(agrAny), "", "", count(ndAny), pct(ndAny), ""})
	for _, p := range s.Programmes {
		o, a, dcl, nd, nr := get(whole, MeasureOffered, p), get(whole, MeasureAgreed, p), get(whole, MeasureDeclined, p),
			get(whole, MeasureNotDiscussed, p), get(whole, MeasureNotRecorded, p)
		if shownZero(&s.Cells[o]) {
			continue
		}
		rt.rows = append(rt.rows, []string{progName(p), count(o), pct(o), count(a), pct(a), count(dcl), pct(dcl), count(nd), pct(nd), count(nr)})
	}
	rt.caption += " \"Any programme\" agreed and not discussed are shares of those assessed: at least one agreed, at least one not discussed."
	out = append(out, rt)

	cmp := get(whole, MeasureFollowUp, "compared")
	ft := table{title: "Change at follow-up",
		caption: fmt.Sprintf("Follow-ups compared with the assessment before: %s (%s of those assessed). Bands better, the same or worse since then, as a share of those follow-ups.", count(cmp), pct(cmp)),
		header:  []string{"Domain", "Better", "%", "Same", "%", "Worse", "%"}, left: 1}
	cats := []string{"better", "same", "worse"}
	for _, d := range questionnaire.Domains {
		if get(whole, MeasureChange(d), "not-compared") >= 0 {
			// A follow-up made with another instrument version than
			// the assessment before, which bands a domain differently.
			cats = append(cats, "not-compared")
			ft.header = append(ft.header, "Not compared", "%")
			ft.caption += " Not compared: the follow-up was made with another version of the questions, which bands the domain differently."
			break
		}
	}
	for _, d := range questionnaire.Domains {
		r := []string{d.Title()}
		for _, c := range cats {
			if i := get(whole, MeasureChange(d), c); i >= 0 {
				r = append(r, count(i), pct(i))
			} else {
				r = append(r, "", "")
			}
		}
		ft.rows = append(ft.rows, r)
	}
	pc := get(whole, "followup.primary", "changed")
	prow := []string{"Primary route changed", count(pc), pct(pc)}
	for len(prow) < len(ft.header) {
		prow = append(prow, "")
	}
	ft.rows = append(ft.rows, prow)
	if shownZero(&s.Cells[cmp]) {
		ft = table{title: "Change at follow-up", caption: "No follow-ups were compared with an assessment before."}
	}
	out = append(out, ft)

	ot := table{title: "What became of referrals, asked at follow-up", caption: "As a share of the outcomes recorded for each programme.",
		header: []string{"Programme", "Recorded", "Attended", "%", "Helped", "%", "Not taken up", "%"}, left: 1}
	for _, p := range s.Programmes {
		rec := get(whole, MeasureRecorded, p)
		if shownZero(&s.Cells[rec]) {
			continue
		}
		r := []string{progName(p), count(rec)}
		for _, m := range outcomeMeasures {
			i := get(whole, m, p)
			r = append(r, count(i), pct(i))
		}
		ot.rows = append(ot.rows, r)
	}
	if len(ot.rows) > 0 {
		out = append(out, ot)
	}

	// The same, in brief, by period and by each equity field.
	brief := func(title, first string, keys [][3]string, label func([3]string) string) table {
		t := table{title: title, left: 1,
			caption: "Significant barrier in each domain and referral agreed: % of those assessed. Choices honoured: % of the choices patients made (a preference stated).",
			header:  []string{first, "Assessed", "Access", "Skills", "Motivation", "Trust", "Referral agreed", "Choices honoured"}}
		for _, k := range keys {
			m := sets[k]
			r := []string{label(k), count(get(m, MeasureAssessed, ""))}
			for _, d := range questionnaire.Domains {
				r = append(r, pct(get(m, MeasureBand(d), "significant")))
			}
			r = append(r, pct(get(m, MeasureReferred, "agreed-any")))
			r = append(r, s.honouredShare(get(m, MeasureChoice, "honoured"), get(m, MeasureChoice, "not-honoured")))
			t.rows = append(t.rows, r)
		}
		return t
	}
	if len(s.Periods) > 0 {
		var keys [][3]string
		for _, p := range s.Periods {
			keys = append(keys, [3]string{p.Label, All, All})
		}
		partial := s.partialLabels()
		out = append(out, brief("By "+s.By.Name(), s.By.column(), keys, func(k [3]string) string {
			if partial[k[0]] {
				return k[0] + " (partial)"
			}
			return k[0]
		}))
		// Why each partial period is part of one, as the board report
		// says: not over yet, or cut short by the dates asked for.
		var why []string
		for k, p := range s.Periods {
			if partial[p.Label] {
				why = append(why, p.Label+" "+s.partialWhy(k))
			}
		}
		if len(why) > 0 {
			t := &out[len(out)-1]
			t.caption = strings.TrimSpace(t.caption + " Partial: " + strings.Join(why, "; ") + ".")
		}
	}
	for _, b := range append([]string{BreakdownTeam}, Breakdowns...) {
		var keys [][3]string
		seen := map[string]bool{}
		for _, c := range s.Cells {
			if c.Breakdown == b && !seen[c.Group] {
				seen[c.Group] = true
				keys = append(keys, [3]string{All, b, c.Group})
			}
		}
		if len(keys) == 0 {
			continue
		}
		out = append(out, brief("By "+BreakdownTitle(b), BreakdownTitle(b), keys,
			func(k [3]string) string { return GroupTitle(k[1], k[2]) }))
	}
	return out
}

// shownZero reports whether a cell is shown as 0: with disclosure control
// a zero is hidden like any small count, so a row or table left out for
// being zero would give it away.
func shownZero(c *Cell) bool { return !c.Suppressed && c.Shown == 0 }

// honouredShare is honoured / (honoured + not honoured) from the shown
// counts, "*" when either is suppressed.
func (s *Summary) honouredShare(h, n int) string {
	if h < 0 || n < 0 {
		return ""
	}
	a, b := &s.Cells[h], &s.Cells[n]
	if a.Suppressed || b.Suppressed {
		return "*"
	}
	if a.Shown+b.Shown == 0 {
		return ""
	}
	if !s.Exact {
		return strconv.Itoa(int(100*float64(a.Shown)/float64(a.Shown+b.Shown)+0.5)) + "%"
	}
	return strconv.FormatFloat(float64(int(1000*float64(a.Shown)/float64(a.Shown+b.Shown)+0.5))/10, 'f', 1, 64) + "%"
}

// recordsWord is n records in words: "1 record", "1,234 records".
func recordsWord(n int) string {
	if n == 1 {
		return "1 record"
	}
	return thousands(n) + " records"
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// printable is t with every text in it as questionnaire.Printable shows
// it, for a table drawn for a terminal: a team's or a programme's name
// is text from the inputs.
func (t table) printable() table {
	p := func(cells []string) []string {
		out := make([]string, len(cells))
		for i, c := range cells {
			out[i] = questionnaire.Printable(c)
		}
		return out
	}
	out := t
	out.title, out.caption, out.header = questionnaire.Printable(t.title), questionnaire.Printable(t.caption), p(t.header)
	out.rows = make([][]string, len(t.rows))
	for i, r := range t.rows {
		out.rows[i] = p(r)
	}
	return out
}

// text lays a table out in aligned columns, numbers to the right, two
// spaces apart and with no rules, so that it reads the same in a terminal,
// a file or an email; narrowed to width where it is wider (table.fit).
func (t table) text(width int) string {
	var b strings.Builder
	b.WriteString(wrapLines(t.title, width, titleStyle) + "\n")
	if t.caption != "" {
		b.WriteString(wrapLines(t.caption, width, noteStyle) + "\n")
	}
	if len(t.header) == 0 {
		return b.String()
	}
	widths, parts := t.fit(width)
	for i, cols := range parts {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(t.draw(widths, cols))
	}
	return b.String()
}

// mdMarkup escapes the characters Markdown reads as markup (a link, an
// image, emphasis, code, HTML, an entity, a table's column), so that text
// (a team's name above all, which staff type) renders as written.
// Parentheses are left: with "[" and "]" escaped they make no link, and
// the notes are full of them. A backslash before a letter is left too:
// questionnaire.Printable writes a control character as "\\x1b", which
// reads so in the file and rendered. A doubled one (a backslash a team's
// name holds: backslashed) is doubled again, so that it renders doubled,
// apart from an escape.
var mdMarkup = strings.NewReplacer("[", `\[`, "]", `\]`, "*", `\*`, "_", `\_`,
	"`", "\\`", "<", `\<`, "|", `\|`, "&", `\&`, `\\`, `\\\\`)

// mdEscape is s with its Markdown markup escaped (mdMarkup).
func mdEscape(s string) string { return mdMarkup.Replace(s) }

// markdown draws the table with lipgloss's Markdown border, numbers to
// the right so that the file reads as a table before it is rendered, then
// marks the number columns right-aligned in the rule under the header
// ("---:"), which the border alone cannot say.
func (t table) markdown() string {
	var b strings.Builder
	b.WriteString("## " + mdEscape(questionnaire.Printable(t.title)) + "\n\n")
	if t.caption != "" {
		b.WriteString(mdEscape(questionnaire.Printable(t.caption)) + "\n\n")
	}
	if len(t.header) == 0 {
		return b.String()
	}
	esc := func(cells []string) []string {
		out := make([]string, len(t.header))
		for i := range out {
			if i < len(cells) {
				out[i] = mdEscape(questionnaire.Printable(cells[i]))
			}
		}
		return out
	}
	lt := lipgloss_table.New().Border(lipgloss.MarkdownBorder()).BorderTop(false).BorderBottom(false).
		Wrap(false).Headers(esc(t.header)...).
		StyleFunc(func(row, col int) lipgloss.Style {
			st := lipgloss.NewStyle().Padding(0, 1)
			if col >= t.left {
				st = st.Align(lipgloss.Right)
			}
			return st
		})
	for _, r := range t.rows {
		lt.Row(esc(r)...)
	}
	lines := strings.Split(lt.String(), "\n")
	if len(lines) > 1 {
		rule := strings.Split(lines[1], "|")
		for i := t.left + 1; i < len(rule)-1; i++ {
			rule[i] = rule[i][:len(rule[i])-1] + ":"
		}
		lines[1] = strings.Join(rule, "|")
	}
	for _, l := range lines {
		b.WriteString(l + "\n")
	}
	return b.String()
}

// onFirstRow ends the caveat of every row of a summary CSV but the first
// when the first row's caveat holds notes too.
const onFirstRow = "notes on the first row"

// SummaryCSVColumns are the columns of `summary --format csv`: one row per
// cell, in long form.
var SummaryCSVColumns = []string{"period", "breakdown", "group", "measure", "category", "count", "base", "percent", "caveat", "period_partial", "time_zone", "base_of"}

// WriteCSV writes every cell as a row (see SummaryCSVColumns): count is
// the count as shown ("*" when suppressed), base the count of the cell it
// is a share of, percent the share (of the counts as shown: a whole
// number under disclosure control, one decimal place with --exact),
// period_partial "yes" for a period not
// wholly covered (see partial), and caveat the banners that apply
// ("exact counts, not for publication", "synthetic test data"), so they
// travel with every row pasted elsewhere; the first row's caveat holds
// the notes too (instrument versions, teams left out, inputs' spans),
// given once, and every other row's then ends "notes on the first row". base_of names what base counts:
// the measure (and /category) of the row it is the count of, such as
// assessed: a share the terminal or the board report gives of another
// base (choices honoured of the choices made, not of all assessed) is
// worked out from the rows, so the two can be reconciled.
func (s *Summary) WriteCSV(w io.Writer) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	var caveats []string
	if s.Exact {
		caveats = append(caveats, "exact counts, not for publication")
	}
	if s.Synthetic {
		caveats = append(caveats, "synthetic test data")
	}
	if s.SkippedCount > 0 {
		caveats = append(caveats, fmt.Sprintf("%d records skipped for implausible dates", s.SkippedCount))
	}
	if d := s.damagedNote(); d != "" {
		caveats = append(caveats, d)
	}
	if n := s.currentUnknownNote(); n != "" {
		caveats = append(caveats, n)
	}
	if n := s.uncheckedNote(); n != "" {
		caveats = append(caveats, n)
	}
	if n := s.rowsUncheckedNote(); n != "" {
		caveats = append(caveats, n)
	}
	if n := s.unkeyedNote(); n != "" {
		caveats = append(caveats, n)
	}
	caveats = append(caveats, s.Incomplete...)
	caveats = append(caveats, s.spanNotes()...)
	// The notes, some hundreds of characters, go once, in the first
	// row's caveat (they were on each of thousands of rows); the banners
	// above travel with every row.
	var notes []string
	// The rule in force, as the other formats state it: a CSV published
	// alone (the regional return) said nothing of its rounding, nor what
	// * stands for, so could not be told from exact counts but by the
	// absence of a word. Exact counts say so on every row (above).
	if !s.Exact {
		notes = append(notes, strings.TrimSuffix(s.DisclosureNote(), "."))
	}
	// The span not asked for: a CSV loaded elsewhere says which month
	// it is, and why only that one.
	if n := s.LastWholeNote(); n != "" {
		notes = append(notes, strings.TrimSuffix(n, "."))
	}
	if n := s.OnePeriodNote(); n != "" {
		notes = append(notes, strings.TrimSuffix(n, "."))
	}
	if n := s.UncoveredNote(); n != "" {
		notes = append(notes, strings.TrimSuffix(n, "."))
	}
	if n := s.VersionsNote(); n != "" {
		notes = append(notes, n)
	}
	if len(s.TeamsLeftOut) > 0 {
		notes = append(notes, "not counted, too few over the span to show: "+printableList(s.TeamsLeftOut))
	}
	if len(s.TeamsLeftOutIn) > 0 {
		notes = append(notes, "not counted in a "+s.leftOutBy.Name()+" too few in it to show: "+s.leftOutInList())
	}
	if len(s.TeamsHidden) > 0 {
		notes = append(notes, "team rows hidden over the span (a period with none or too few to show): "+strings.Join(s.TeamsHidden, ", "))
	}
	if n := s.LookAlikeNote(); n != "" {
		notes = append(notes, n)
	}
	if n := s.PartTeamsNote(); n != "" {
		notes = append(notes, n)
	}
	if s.DistrictsNote() != "" {
		notes = append(notes, "rows by postcode district are laid out for the districts the span's assessments name: a district without a row had none counted, one with a row at least one (docs/disclosure.md, rule 6)")
	}
	if s.OverlapNote() != "" {
		notes = append(notes, "beside an overlapping span, a count shown differently says the periods between hold some of it, not zero, and can narrow it to a few values, though their own row shows * (zero included), and in rows by postcode district and equity answer can show one patient's answers: see docs/disclosure.md, \"What it does not protect against\"")
	}
	if n := s.coverageNote(); n != "" {
		notes = append(notes, n)
	}
	notes = append(notes, s.readNotes()...)
	first := csvText(strings.Join(append(slices.Clone(caveats), notes...), "; "))
	if len(notes) > 0 {
		caveats = append(caveats, onFirstRow)
	}
	caveat := csvText(strings.Join(caveats, "; "))
	zone := csvText(s.TimeZone())
	if err := cw.Write(SummaryCSVColumns); err != nil {
		return err
	}
	partial := s.partialLabels()
	for i, c := range s.Cells {
		base, baseOf := "", ""
		if c.Base >= 0 {
			base = s.Value(c.Base)
			baseOf = s.Cells[c.Base].Measure
			if cat := s.Cells[c.Base].Category; cat != "" {
				baseOf += "/" + cat
			}
		}
		if i > 0 {
			first = ""
		}
		cut := ""
		if partial[c.Period] {
			cut = "yes"
		}
		if err := cw.Write([]string{csvText(c.Period), csvText(c.Breakdown), csvText(backslashed(c.Group)), csvText(c.Measure), csvText(c.Category), s.Value(i), base, s.Percent(i), cmp.Or(first, caveat), cut, zone, csvText(baseOf)}); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// partialLabels are the labels of the periods not wholly covered (see
// partial): their counts are of part of a period, not to be set beside
// whole ones.
func (s *Summary) partialLabels() map[string]bool {
	out := map[string]bool{}
	for k, p := range s.Periods {
		if s.partial(k) {
			out[p.Label] = true
		}
	}
	return out
}

// csvText is text from the inputs (a team, a programme, a file name) as
// a summary CSV cell: control characters shown as escapes
// (questionnaire.Printable), and a ' in front of anything a spreadsheet
// would run as a formula, as the export writes free text (appendText).
func csvText(s string) string {
	s = questionnaire.Printable(s)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// jsonSummary is the shape of `summary --format json`.
type jsonSummary struct {
	From     string   `json:"from,omitempty"`
	To       string   `json:"to,omitempty"`
	By       By       `json:"by"`
	TimeZone string   `json:"time_zone"`
	Periods  []string `json:"periods"`
	// PartialPeriods are those of Periods not wholly covered.
	PartialPeriods []string     `json:"partial_periods"`
	Teams          []string     `json:"teams,omitempty"`
	Disclosure     jsonControl  `json:"disclosure"`
	Caveats        []string     `json:"caveats,omitempty"`
	Notes          []string     `json:"notes,omitempty"`
	Skipped        int          `json:"skipped"`
	Synthetic      bool         `json:"synthetic"`
	Sources        []jsonSource `json:"sources"`
	// Duplicates and Conflicts are given with --exact only (rule 10).
	Duplicates *int `json:"duplicates,omitempty"`
	Conflicts  *int `json:"conflicts,omitempty"`
	// Unreadable and CurrentUnknown, given with --exact only as
	// duplicates are, count the records left out as they could not be
	// read and the assessments left out under them (see
	// Summary.CurrentUnknown); the caveats say so in words.
	Unreadable     *int     `json:"unreadable,omitempty"`
	CurrentUnknown *int     `json:"current_unknown,omitempty"`
	Programmes     []string `json:"programmes"`
	// Versions and NotComparable are there only when more than one
	// instrument version was counted.
	Versions      []string   `json:"instrument_versions,omitempty"`
	NotComparable []string   `json:"not_comparable,omitempty"`
	Cells         []jsonCell `json:"cells"`
}

// jsonSource is an input as JSON gives it: with disclosure control, its
// kind only, named by its kind, with no records or assessments' days
// (rule 10; describeSpans); in the order read.
type jsonSource struct {
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Records *int   `json:"records,omitempty"`
	First   string `json:"first,omitempty"`
	Last    string `json:"last,omitempty"`
}

func (s *Summary) jsonSources() []jsonSource {
	out := make([]jsonSource, len(s.Sources))
	for i, src := range s.Sources {
		out[i] = jsonSource{Name: src.Name, Kind: src.Kind, First: src.First, Last: src.Last}
		if s.Exact {
			out[i].Records = &s.Sources[i].Records
		} else {
			out[i].Name = aKind(src.Kind)
		}
	}
	return out
}

type jsonControl struct {
	Exact  bool   `json:"exact"`
	Method string `json:"method,omitempty"`
	// MaxSuppressed is the site setting: the largest count, after
	// rounding to RoundTo, shown as "*" (7 hides every count that rounds
	// to 0 or 5). SmallestShown is what that means for a reader: every
	// count shown is a multiple of RoundTo of at least this.
	MaxSuppressed int    `json:"max_suppressed,omitempty"`
	SmallestShown int    `json:"smallest_shown,omitempty"`
	RoundTo       int    `json:"round_to,omitempty"`
	Note          string `json:"note"`
}

type jsonCell struct {
	Period     string   `json:"period"`
	Breakdown  string   `json:"breakdown"`
	Group      string   `json:"group"`
	Measure    string   `json:"measure"`
	Category   string   `json:"category,omitempty"`
	Count      *int     `json:"count"` // null when suppressed
	Suppressed bool     `json:"suppressed,omitempty"`
	Base       *int     `json:"base,omitempty"`
	Percent    *float64 `json:"percent,omitempty"`
}

// WriteJSON writes the summary as one JSON object: what was counted, the
// control applied, and every cell (count null when suppressed).
func (s *Summary) WriteJSON(w io.Writer) error {
	out := jsonSummary{By: s.By, TimeZone: s.TimeZone(), Teams: s.Teams, Caveats: s.Caveats(), Notes: append(s.Notes(), s.readNotes()...), Skipped: s.SkippedCount, Synthetic: s.Synthetic,
		Sources: s.jsonSources(), Programmes: s.Programmes,
		Disclosure: jsonControl{Exact: s.Exact, Note: s.DisclosureNote()}, Periods: []string{}, Cells: []jsonCell{}}
	if s.Exact {
		out.Duplicates, out.Conflicts = &s.Duplicates, &s.Conflicts
		unknown := len(s.CurrentUnknown)
		out.Unreadable, out.CurrentUnknown = &s.Unreadable, &unknown
	}
	if !s.Exact {
		out.Disclosure.Method, out.Disclosure.MaxSuppressed, out.Disclosure.RoundTo = DisclosureMethod, s.Disclosure.MaxSuppressed, s.Disclosure.RoundTo
		out.Disclosure.SmallestShown = hiddenBelow(s.Disclosure.MaxSuppressed, s.Disclosure.RoundTo)
	}
	if !s.From.IsZero() {
		out.From, out.To = s.From.Format(time.DateOnly), s.To.Format(time.DateOnly)
	}
	if out.Programmes == nil {
		out.Programmes = []string{}
	}
	if len(s.Versions) > 1 {
		for _, v := range s.Versions {
			out.Versions = append(out.Versions, v.Version)
		}
		out.NotComparable = s.NotComparable
	}
	out.PartialPeriods = []string{}
	for k, p := range s.Periods {
		out.Periods = append(out.Periods, p.Label)
		if s.partial(k) {
			out.PartialPeriods = append(out.PartialPeriods, p.Label)
		}
	}
	for i, c := range s.Cells {
		jc := jsonCell{Period: c.Period, Breakdown: c.Breakdown, Group: c.Group, Measure: c.Measure, Category: c.Category, Suppressed: c.Suppressed}
		if !c.Suppressed {
			n := c.Shown
			jc.Count = &n
		}
		if c.Base >= 0 && !s.Cells[c.Base].Suppressed {
			n := s.Cells[c.Base].Shown
			jc.Base = &n
		}
		if p, ok, _ := s.share1(i); ok {
			jc.Percent = &p
		}
		out.Cells = append(out.Cells, jc)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := w.Write(escapeJSONControls(b.Bytes()))
	return err
}

// escapeJSONControls writes as JSON \u escapes the runes encoding/json
// leaves raw in a string that a terminal runs or a browser reorders text
// by: DEL, the C1 controls (U+009B is a CSI to some terminals), and the
// bidi controls (U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069). A
// name keeps its value for whatever reads the JSON, as a C0 control's
// does (encoding/json writes ESC as \u001b); only its raw form never
// reaches the screen the JSON is shown on. Outside strings, JSON is
// ASCII: every such rune is in a string.
func escapeJSONControls(js []byte) []byte {
	var out []byte
	for i := 0; i < len(js); {
		r, size := utf8.DecodeRune(js[i:])
		if r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0x200e || r == 0x200f ||
			r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			if out == nil {
				out = append(make([]byte, 0, len(js)+16), js[:i]...)
			}
			out = fmt.Appendf(out, `\u%04x`, r)
		} else if out != nil {
			out = append(out, js[i:i+size]...)
		}
		i += size
	}
	if out == nil {
		return js
	}
	return out
}

// Counted is the number of assessments counted over the whole summary,
// exactly: for whoever runs the summary, never for its output.
func (s *Summary) Counted() int {
	for _, c := range s.Cells {
		if c.Period == All && c.Breakdown == All && c.Measure == MeasureAssessed && c.Category == "" {
			return c.Count
		}
	}
	return 0
}
