package record

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"digicheck/questionnaire"
)

// WriteDetail writes a record in full as plain text: the note, then every
// answer by question, then the reason behind each part of the result. It
// is what `digicheck show` prints, so it must pipe cleanly (no colour, no
// cursor movement).
func WriteDetail(w io.Writer, r Record, ins *questionnaire.Instrument) error {
	var b strings.Builder
	b.WriteString(Note(r))
	fmt.Fprintf(&b, "Status: %s", r.Status)
	if r.Amends != "" {
		fmt.Fprintf(&b, "  Amends: %s", r.Amends)
	}
	if r.FollowsUp != "" {
		fmt.Fprintf(&b, "  Follows up: %s", r.FollowsUp)
	}
	fmt.Fprintf(&b, "\nDirectory version: %s\n", r.DirectoryVersion)
	if r.Synthetic {
		b.WriteString("SYNTHETIC TEST RECORD\n")
	}

	b.WriteString("\nAnswers\n")
	if ins == nil || ins.Version != r.InstrumentVersion {
		// A record from another instrument version is shown by linkId:
		// its questions may not be ours.
		for _, k := range slices.Sorted(maps.Keys(r.Answers)) {
			fmt.Fprintf(&b, "  %s: %s\n", k, strings.Join(r.Answers[k], ", "))
		}
	} else {
		for _, s := range ins.Sections {
			for i := range s.Items {
				it := &s.Items[i]
				vals, ok := r.Answers[it.LinkID]
				if !ok {
					continue
				}
				fmt.Fprintf(&b, "  %s\n    %s\n", it.Text, answerText(it, vals))
			}
		}
	}

	rec := r.Recommendation
	b.WriteString("\nWhy\n")
	fmt.Fprintf(&b, "  Contact by %s: %s\n", rec.Primary.Title(), rec.PrimaryReason)
	fmt.Fprintf(&b, "  Fallback %s: %s\n", rec.Fallback.Title(), rec.FallbackReason)
	for _, c := range rec.Checks {
		if !c.Possible {
			fmt.Fprintf(&b, "  Not %s: %s\n", c.Route.Title(), c.Reason)
		}
	}
	for _, a := range rec.Adjustments {
		fmt.Fprintf(&b, "  %s: %s\n", a.Text, a.Reason)
	}
	for _, f := range rec.Referrals {
		fmt.Fprintf(&b, "  Referral %s: %s\n    Contact: %s\n", f.Name, f.Reason, f.Contact)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func answerText(it *questionnaire.Item, vals []string) string {
	if it.Type == questionnaire.Text {
		return strings.Join(vals, ", ")
	}
	out := make([]string, 0, len(vals))
	for _, v := range vals {
		if o, ok := it.Option(v); ok {
			out = append(out, o.Text)
		} else {
			out = append(out, v)
		}
	}
	return strings.Join(out, "; ")
}

// WriteHistory writes a patient's records, oldest first, one line each:
// when, id, status, who made it, the four bands, the routes, and how the
// record links to others. rs is every version of every assessment (what
// the store's History returns). A version that a later one supersedes is
// marked "superseded" in place of its status, and the bands of each
// current assessment are compared with the patient's previous current
// assessment: superseded versions and records entered in error are never
// compared with.
func WriteHistory(w io.Writer, rs []Record) error {
	byID := make(map[string]*Record, len(rs))
	supersededBy := map[string]string{}
	for i := range rs {
		byID[rs[i].ID] = &rs[i]
		if rs[i].Amends != "" {
			supersededBy[rs[i].Amends] = rs[i].ID
		}
	}
	// The assessments that count, in the order they were first made:
	// an amendment made today of last month's assessment is last month's.
	var counted []*Record
	for i := range rs {
		if _, sup := supersededBy[rs[i].ID]; !sup && rs[i].Status != EnteredInError {
			counted = append(counted, &rs[i])
		}
	}
	slices.SortStableFunc(counted, func(a, b *Record) int {
		return strings.Compare(firstVersion(a, byID), firstVersion(b, byID))
	})
	prev := map[string]*Record{}
	for i := 1; i < len(counted); i++ {
		prev[counted[i].ID] = counted[i-1]
	}

	var b strings.Builder
	fmt.Fprintf(&b, "%-16s  %-36s  %-16s  %-16s  %-19s  %-19s  %-19s  %-19s  %-26s  %s\n",
		"DATE", "ID", "STATUS", "BY", "ACCESS", "SKILLS", "MOTIVATION", "TRUST", "CONTACT / FALLBACK", "LINKS")
	for i := range rs {
		r := &rs[i]
		status := string(r.Status)
		if _, sup := supersededBy[r.ID]; sup {
			status = "superseded"
		}
		fmt.Fprintf(&b, "%-16s  %-36s  %-16s  %-16s", r.Time.Local().Format("2006-01-02 15:04"), r.ID, status, printable(r.Clinician))
		var change []DomainChange
		if p := prev[r.ID]; p != nil {
			change = Compare(*p, *r).Domains
		}
		for j, d := range questionnaire.Domains {
			cell := r.Bands.Get(d).Code()
			if change != nil && change[j].Trend() != Same {
				cell += " (" + change[j].Trend().String() + ")"
			}
			fmt.Fprintf(&b, "  %-19s", cell)
		}
		fmt.Fprintf(&b, "  %-26s  %s\n", r.Recommendation.Primary.Title()+" / "+r.Recommendation.Fallback.Title(),
			strings.Join(links(r, supersededBy), "; "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// firstVersion is the id of the first version of r's assessment among the
// records given, which is when the assessment was first made.
func firstVersion(r *Record, byID map[string]*Record) string {
	id := r.ID
	for range len(byID) { // a chain is never longer than the records
		p, ok := byID[byID[id].Amends]
		if !ok {
			break
		}
		id = p.ID
	}
	return id
}

// links says how a record is tied to others: the version it supersedes,
// the one that supersedes it, the assessment it follows up, and why it was
// entered in error.
func links(r *Record, supersededBy map[string]string) []string {
	var out []string
	if r.Amends != "" {
		out = append(out, "supersedes "+r.Amends)
	}
	if next, ok := supersededBy[r.ID]; ok {
		out = append(out, "superseded by "+next)
	}
	if r.FollowsUp != "" {
		out = append(out, "follows up "+r.FollowsUp)
	}
	if r.Status == EnteredInError {
		out = append(out, "reason: "+printable(r.VoidReason))
	}
	return out
}

// WriteVersions writes every version of one assessment, oldest first (the
// store's Versions), each with when it was made, by whom and its status,
// marking the one with id shown. When shown is not the current version it
// says so first, naming the current one, so no one acts on an old version
// by mistake.
func WriteVersions(w io.Writer, vs []Record, shown string) error {
	if len(vs) == 0 {
		return nil
	}
	var b strings.Builder
	cur := &vs[len(vs)-1]
	if shown != cur.ID {
		what := "the current version is"
		if cur.Status == EnteredInError {
			what = "the assessment was entered in error, reason: " + printable(cur.VoidReason) + ";"
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
		state := "superseded"
		if i == len(vs)-1 {
			state = "current"
		}
		if v.Status == EnteredInError {
			state += ", reason: " + printable(v.VoidReason)
		}
		mark := ""
		if v.ID == shown {
			mark = "  <- shown"
		}
		fmt.Fprintf(&b, "  %d  %s  %s  %-16s  by %s  %s%s\n",
			i+1, v.Time.Local().Format("2006-01-02 15:04"), v.ID, v.Status, by, state, mark)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// printable keeps text typed by people on one line and free of terminal
// control sequences; unlike the note, it keeps letters that are not ASCII.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return ' '
		}
		return r
	}, s)
}
