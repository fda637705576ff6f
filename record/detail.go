package record

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

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

// WriteHistory writes one line per record: when, id, status, the four bands
// and the routes, oldest first, with the change in each band since the
// previous completed assessment.
func WriteHistory(w io.Writer, rs []Record) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%-16s  %-36s  %-16s  %-19s  %-19s  %-19s  %-19s  %s\n",
		"DATE", "ID", "STATUS", "ACCESS", "SKILLS", "MOTIVATION", "TRUST", "CONTACT / FALLBACK")
	var prev *Record
	for i := range rs {
		r := &rs[i]
		fmt.Fprintf(&b, "%-16s  %-36s  %-16s", r.Time.Local().Format("2006-01-02 15:04"), r.ID, r.Status)
		for _, d := range questionnaire.Domains {
			cell := r.Bands.Get(d).Code()
			if prev != nil && r.Status != EnteredInError {
				switch was := prev.Bands.Get(d); {
				case r.Bands.Get(d) < was:
					cell += " (better)"
				case r.Bands.Get(d) > was:
					cell += " (worse)"
				}
			}
			fmt.Fprintf(&b, "  %-19s", cell)
		}
		fmt.Fprintf(&b, "  %s / %s\n", r.Recommendation.Primary.Title(), r.Recommendation.Fallback.Title())
		if r.Status != EnteredInError {
			prev = r
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
