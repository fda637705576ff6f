package record

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"digicheck/questionnaire"
)

// WriteDetailWith writes a record in full as plain text: the note (made
// with o: given the version an amendment replaces, it says which of its
// adjustments stop), then every answer by question, then the reason
// behind each part of the result. It is what `digicheck show` prints, so
// it must pipe cleanly (no colour, no cursor movement).
func WriteDetailWith(w io.Writer, r Record, ins *questionnaire.Instrument, o NoteOptions) error {
	return writeDetail(w, r, ins, string(r.Status), o)
}

// WriteDetailSetAside is WriteDetailWith of a version set aside when a
// conflict with a FHIR server was settled by keeping the server's version:
// its status is said as history says it ("set aside"), not as the status
// it was made with, which read as the assessment's amendment that stands.
// aside says where it is, as the caller knows it (SetAsideWords), "" for
// "kept here, never sent, not counted".
func WriteDetailSetAside(w io.Writer, r Record, ins *questionnaire.Instrument, aside string) error {
	return writeDetail(w, r, ins, "set aside ("+setAsideWords(aside)+"; made as "+string(r.Status)+")", NoteOptions{})
}

// SetAsideDefault is what is said of a version set aside when nothing
// more is known of where it was sent.
const SetAsideDefault = "when its conflict with the FHIR server was settled: kept here, never sent, not counted"

// setAsideWords is aside, or SetAsideDefault when it is "".
func setAsideWords(aside string) string {
	if aside == "" {
		return SetAsideDefault
	}
	return aside
}

func writeDetail(w io.Writer, r Record, ins *questionnaire.Instrument, status string, o NoteOptions) error {
	var b strings.Builder
	b.WriteString(NoteWith(r, o))
	fmt.Fprintf(&b, "Status: %s", status)
	if !r.Amends.IsZero() {
		fmt.Fprintf(&b, "  Amends: %s", r.Amends)
	}
	if !r.FollowsUp.IsZero() {
		fmt.Fprintf(&b, "  Follows up: %s", r.FollowsUp)
		if o.FollowedUpVoid != nil {
			b.WriteString(" (entered in error)")
		}
	}
	fmt.Fprintf(&b, "\nDirectory version: %s\n", r.DirectoryVersion)
	if r.Status == EnteredInError {
		fmt.Fprintf(&b, "%s: %s\n", VoidReasonLabel, printable(r.VoidReason))
	} else if r.AmendReason != "" {
		fmt.Fprintf(&b, "Reason for the amendment: %s\n", printable(r.AmendReason))
	}

	b.WriteString("\nAnswers\n")
	if ins == nil || ins.Version != r.InstrumentVersion {
		// A record from another instrument version is shown by linkId:
		// its questions may not be ours.
		for _, k := range slices.Sorted(maps.Keys(r.Answers)) {
			fmt.Fprintf(&b, "  %s: %s\n", printable(k), printable(strings.Join(r.Answers[k], "; ")))
		}
	} else {
		for _, s := range ins.Sections {
			asked := slices.ContainsFunc(s.Items, func(it questionnaire.Item) bool { return len(r.Answers[it.LinkID]) > 0 })
			if !asked {
				// A section skipped as a whole is one line, not a
				// line for each of its questions.
				fmt.Fprintf(&b, "  %s\n    %s\n", s.Title, questionnaire.NotAsked)
				continue
			}
			for i := range s.Items {
				it := &s.Items[i]
				fmt.Fprintf(&b, "  %s\n    %s\n", it.Text, it.AnswerText(r.Answers[it.LinkID]))
			}
		}
	}

	rec := standing(r.Recommendation)
	b.WriteString("\nWhy\n")
	fmt.Fprintf(&b, "  Contact by %s: %s\n", rec.PrimaryTitle(r.Answers), rec.PrimaryReason)
	title, reason := rec.FallbackTextFor(r.Answers)
	fmt.Fprintf(&b, "  Fallback %s: %s\n", title, reason)
	for _, c := range rec.Checks {
		if !c.Possible {
			fmt.Fprintf(&b, "  Not %s: %s\n", c.Route.Title(), c.Reason)
		}
	}
	for _, a := range rec.Adjustments {
		fmt.Fprintf(&b, "  %s: %s\n", printable(a.Text), printable(a.Reason))
	}
	for _, f := range rec.Referrals {
		fmt.Fprintf(&b, "  Referral %s: %s\n    Contact: %s\n    Answer: %s\n",
			printable(f.Name), printable(f.Reason), printable(f.Contact), ConsentText(f.Consent))
	}
	unshown, helped := NotOfferedAgain(r, rec.Unshown)
	for _, f := range unshown {
		fmt.Fprintf(&b, "  Also suitable, not gone through or offered: %s: %s\n", printable(f.Name), printable(f.Reason))
	}
	for _, f := range helped {
		if o.FollowedUpVoid != nil {
			fmt.Fprintf(&b, "  %s: %s: %s\n", NotOfferedHelpedVoid, printable(f.Name), printable(f.Reason))
			continue
		}
		fmt.Fprintf(&b, "  Not offered again, as it helped: %s: %s\n", printable(f.Name), printable(f.Reason))
	}
	for _, f := range rec.Kept {
		fmt.Fprintf(&b, "  Referral %s, of the earlier version, which these answers no longer offer: %s\n    Contact: %s\n    Answer: %s\n",
			printable(f.Name), printable(f.Reason), printable(f.Contact), ConsentText(f.Consent))
	}
	// The record's text came from people and site files, perhaps through
	// an older build that let control characters in: nothing of it may
	// reach the terminal raw.
	_, err := io.WriteString(w, questionnaire.PrintableLines(b.String()))
	return err
}

// HistoryWidth is the widest line WriteHistory writes, in terminal
// columns: a history must read on an 80-column terminal without wrapping.
const HistoryWidth = 80

// WriteHistory writes a patient's records, oldest first: for each, a line
// with when, the id, the status and who made it, then indented lines with
// the four bands, the routes, how the record links to others and the
// reasons given for an amendment or a void, every line at most
// HistoryWidth columns. rs is every version of every assessment (what the
// store's History returns). A version that a later one supersedes is
// marked "superseded" in place of its status, and the bands of each
// current assessment are compared with the patient's previous current
// assessment: superseded versions and records entered in error are never
// compared with.
//
// Ids are shown as short as shortID makes them (the store's ShortIDs, so
// they can be typed back to show, amend or void); a nil shortID shortens
// them only as far as tells apart the records given.
func WriteHistory(w io.Writer, rs []Record, shortID func(ID) string) error {
	return WriteHistoryMarked(w, rs, shortID, nil)
}

// WriteHistoryMarked is WriteHistory where some versions of the patient's
// records cannot be read: laterUnreadable names, for a version shown, the
// unreadable version that replaces it, which is then never labelled
// current.
func WriteHistoryMarked(w io.Writer, rs []Record, shortID func(ID) string, laterUnreadable map[ID]string) error {
	return WriteHistoryAside(w, rs, shortID, laterUnreadable, nil)
}

// SyntheticHistoryMark is the first line of the history of a patient of
// synthetic test data.
const SyntheticHistoryMark = "SYNTHETIC TEST DATA: this is not a real patient."

// WriteHistoryAside is WriteHistoryMarked where some versions were set
// aside when a conflict with a FHIR server was settled (setAside, each
// with what is known of where it is, "" for SetAsideDefault): the
// server's version was kept in their place, on the version they amend.
// Each is shown as set aside, kept and never counted; the version they
// amend is superseded by the server's.
func WriteHistoryAside(w io.Writer, rs []Record, shortID func(ID) string, laterUnreadable map[ID]string, setAside map[ID]string) error {
	byID := make(map[ID]*Record, len(rs))
	supersededBy := map[ID]ID{}
	for i := range rs {
		byID[rs[i].ID] = &rs[i]
		if !rs[i].Amends.IsZero() && (!isKey(setAside, rs[i].ID) || isKey(setAside, rs[i].Amends)) {
			supersededBy[rs[i].Amends] = rs[i].ID
		}
	}
	if shortID == nil {
		ids := make([]ID, 0, len(rs))
		for i := range rs {
			ids = append(ids, rs[i].ID)
		}
		short := ShortIDs(ids)
		shortID = func(id ID) string {
			if s, ok := short[id]; ok {
				return s
			}
			return id.String()
		}
	}
	// The assessments that count, in the order they were first made:
	// an amendment made today of last month's assessment is last month's.
	var counted []*Record
	for i := range rs {
		if _, sup := supersededBy[rs[i].ID]; !sup && rs[i].Status != EnteredInError && !isKey(setAside, rs[i].ID) {
			counted = append(counted, &rs[i])
		}
	}
	slices.SortStableFunc(counted, func(a, b *Record) int {
		return Chronological(firstVersion(a, byID), firstVersion(b, byID))
	})
	prev := map[ID]*Record{}
	for i := 1; i < len(counted); i++ {
		prev[counted[i].ID] = counted[i-1]
	}

	var b strings.Builder
	// A store holds synthetic records or real ones, never both: a
	// patient of test data is said to be one before anything of theirs.
	if slices.ContainsFunc(rs, func(r Record) bool { return r.Synthetic }) {
		b.WriteString(SyntheticHistoryMark + "\n")
	}
	b.WriteString("Oldest first. Give an id as shown to digicheck show, amend or void.\n")
	for i := range rs {
		r := &rs[i]
		status := string(r.Status)
		if isKey(setAside, r.ID) {
			status = "set aside"
		} else if _, sup := supersededBy[r.ID]; sup {
			status = "superseded"
		} else if _, later := laterUnreadable[r.ID]; later {
			status = "not current?"
		}
		by := printable(r.Clinician)
		if r.Team != "" {
			by += " (" + printable(r.Team) + ")"
		}
		head := fmt.Sprintf("%-16s  %s  %-16s", r.Time.Local().Format("2006-01-02 15:04"), shortID(r.ID), status)
		var items []string
		if ansi.StringWidth(head)+len("  by ")+ansi.StringWidth(by) <= HistoryWidth {
			head += "  by " + by
		} else {
			items = append(items, "by "+by)
		}
		b.WriteString(strings.TrimRight(head, " ") + "\n")

		var change []DomainChange
		if p := prev[r.ID]; p != nil {
			change = Compare(*p, *r).Domains
		}
		for j, d := range questionnaire.Domains {
			cell := d.Title() + " " + r.Bands.Get(d).Code()
			if change != nil && change[j].Trend() != Same {
				cell += " (" + change[j].Trend().String() + ")"
			}
			items = append(items, cell)
		}
		if id, later := laterUnreadable[r.ID]; later && status != "superseded" {
			// Its full id is in the list of damaged versions below.
			items = append(items, "a later version may replace this one: it cannot be read ("+id[:min(len(id), 18)]+")")
		}
		fallback, _ := r.Recommendation.FallbackTextFor(r.Answers)
		items = append(items, "Contact "+r.Recommendation.PrimaryTitle(r.Answers)+" / "+fallback)
		if amendedApart(rs, i) {
			// Listed after a later assessment with nothing to say
			// why, an amendment of an older one read as amending
			// that later one.
			items = append(items, "listed when it was made, after what was made since the version it supersedes")
		}
		aside, isAside := setAside[r.ID]
		if isAside {
			items = append(items, "set aside "+setAsideWords(aside))
		}
		for _, l := range links(r, supersededBy) {
			if isAside && l.what == "supersedes" {
				l.what = "made on" // the server's version superseded it
			}
			if !l.id.IsZero() {
				items = append(items, l.what+" "+shortID(l.id))
			} else {
				items = append(items, l.what)
			}
		}
		for _, l := range wrapItems(items, "  ", HistoryWidth) {
			b.WriteString(l + "\n")
		}
	}
	_, err := io.WriteString(w, questionnaire.PrintableLines(b.String()))
	return err
}

// amendedApart reports whether rs[k] amends a version listed before it
// with something else listed between them.
func amendedApart(rs []Record, k int) bool {
	if rs[k].Amends.IsZero() {
		return false
	}
	i := slices.IndexFunc(rs, func(r Record) bool { return r.ID == rs[k].Amends })
	return i >= 0 && i < k-1
}

// wrapItems sets items on lines of at most width columns, each line starting
// with indent and items parted by "; ". An item too long for a line of its
// own (a reason) is broken at spaces only (Wrap): a record id or a server
// version in it stays whole, to be read and pasted (ansi.Wrap broke them at
// their hyphens); only a word wider than a line is cut.
func wrapItems(items []string, indent string, width int) []string {
	var lines []string
	line := ""
	room := width - ansi.StringWidth(indent)
	flush := func() {
		if line != "" {
			lines = append(lines, indent+line)
			line = ""
		}
	}
	for i, item := range items {
		sep := ""
		if i < len(items)-1 {
			sep = ";"
		}
		item += sep
		switch {
		case line == "" && ansi.StringWidth(item) <= room:
			line = item
		case line != "" && ansi.StringWidth(line)+1+ansi.StringWidth(item) <= room:
			line += " " + item
		case ansi.StringWidth(item) <= room:
			flush()
			line = item
		default:
			flush()
			for _, l := range strings.Split(strings.TrimSuffix(Wrap(item, "", "", room), "\n"), "\n") {
				if ansi.StringWidth(l) > room {
					l = ansi.Wrap(l, room, "") // a word wider than a line, cut
				}
				for _, part := range strings.Split(l, "\n") {
					lines = append(lines, indent+part)
				}
			}
		}
	}
	flush()
	return lines
}

// firstVersion is the first version of r's assessment among the records
// given, which says when the assessment was first made.
func firstVersion(r *Record, byID map[ID]*Record) *Record {
	for range len(byID) { // a chain is never longer than the records
		p, ok := byID[r.Amends]
		if !ok {
			break
		}
		r = p
	}
	return r
}

// link is one way a record is tied to others: what, and the record id it
// names (shortened when printed), or no id for a reason.
type link struct {
	what string
	id   ID
}

// VoidReasonLabel is what a void's own reason is shown under. A void is
// never shown with a reason for an amendment: one saved by a digicheck
// that copied the amended version's reason into it carries that reason
// still (see AmendmentReason), and showed it as the void's.
const VoidReasonLabel = "Entered in error because"

const voidBecause = "entered in error because: "

// AmendmentReason is why r was amended, "" for a void, whatever reason
// of the version it voids it may carry.
func AmendmentReason(r Record) string {
	if r.Status == EnteredInError {
		return ""
	}
	return r.AmendReason
}

// links says how a record is tied to others: the version it supersedes,
// the one that supersedes it, the assessment it follows up, and the
// reasons given for an amendment or for marking it entered in error.
func links(r *Record, supersededBy map[ID]ID) []link {
	var out []link
	if !r.Amends.IsZero() {
		out = append(out, link{"supersedes", r.Amends})
	}
	if next, ok := supersededBy[r.ID]; ok {
		out = append(out, link{"superseded by", next})
	}
	if !r.FollowsUp.IsZero() {
		out = append(out, link{"follows up", r.FollowsUp})
	}
	if r.Status == EnteredInError {
		out = append(out, link{voidBecause + printable(r.VoidReason), ID{}})
	} else if r.AmendReason != "" {
		out = append(out, link{"amended because: " + printable(r.AmendReason), ID{}})
	}
	return out
}

// WriteVersionsAside writes every version of one assessment, oldest first
// (the store's Versions), each with when it was made, by whom and its
// status, marking the one with id shown. When shown is not the current
// version it says so first, naming the current one, so no one acts on an
// old version by mistake.
//
// Some of vs may have been set aside when a conflict with a FHIR server was
// settled (setAside, nil for none, each with what is known of where it is,
// "" for SetAsideDefault): each is listed, in its place by time, as set
// aside, never superseded or current; the current version is the last of
// the others.
func WriteVersionsAside(w io.Writer, vs []Record, shown ID, setAside map[ID]string) error {
	if len(vs) == 0 {
		return nil
	}
	var b strings.Builder
	last := len(vs) - 1
	for last > 0 && isKey(setAside, vs[last].ID) {
		last--
	}
	cur := &vs[last]
	if shown != cur.ID {
		what := "the current version is"
		if cur.Status == EnteredInError {
			what = "the assessment was " + voidBecause + printable(cur.VoidReason) + ";"
		}
		fmt.Fprintf(&b, "SUPERSEDED: this is not the current version; %s %s (%s by %s).\n",
			what, cur.ID, cur.Time.Local().Format("2006-01-02 15:04"), printable(cur.Clinician))
	}
	fmt.Fprintf(&b, "Versions, oldest first:\n")
	for i := range vs {
		v := &vs[i]
		by := printable(v.Clinician)
		if v.Team != "" {
			by += " (" + printable(v.Team) + ")"
		}
		state, status := "superseded", string(v.Status)
		if i == last {
			state = "current"
		}
		if aside, ok := setAside[v.ID]; ok {
			state, status = "set aside "+setAsideWords(aside), "set aside"
		}
		switch {
		case v.Status == EnteredInError:
			state += ", " + voidBecause + printable(v.VoidReason)
		case v.AmendReason != "":
			state += ", amended because: " + printable(v.AmendReason)
		}
		mark := ""
		if v.ID == shown {
			// "<- shown" was a programmer's arrow to a clinician.
			mark = " (this is the version printed above)"
		}
		fmt.Fprintf(&b, "  %d  %s  %s  %-16s  by %s  %s%s\n",
			i+1, v.Time.Local().Format("2006-01-02 15:04"), v.ID, status, by, state, mark)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// printable keeps one value typed by people on one line and free of
// terminal control sequences: questionnaire.PrintableTyped, the neutraliser
// every plain printer shares, which shows a character that draws nothing
// as its code too. Unlike the note, it keeps letters that are not ASCII.
func printable(s string) string { return questionnaire.PrintableTyped(s) }

// isKey reports whether m has the key k.
func isKey(m map[ID]string, k ID) bool {
	_, ok := m[k]
	return ok
}
