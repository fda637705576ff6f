package main

import (
	"fmt"
	"strings"

	"digicheck/assess"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// Several assessments of one patient that count, none a follow-up of
// another: two windows on one patient, or a new assessment made where a
// follow-up was meant. Each is current, and they may disagree (on the
// contact route, say); history listed them without a word, and due and
// followup used the latest made silently. history says which count, and
// due and followup which one they use.

// unlinkedOf is those of as that no follow-up links to.
func unlinkedOf(as []store.Assessment) []store.Assessment {
	var out []store.Assessment
	for _, a := range as {
		if !a.FollowedUp {
			out = append(out, a)
		}
	}
	return out
}

// unlinkedNote is history's note on a patient with more than one
// assessment that counts and that no follow-up links (un, in the order
// made), or "": each with when it was made, by whom and its contact
// route, whether the routes differ, and which one followup and due use;
// its void and amend commands carry the run's --db and --config (given).
func unlinkedNote(un []store.Assessment, shortID func(record.ID) string, given string) string {
	if len(un) < 2 {
		return ""
	}
	// Filled to 80 columns, as the history above it is, piped too.
	var b strings.Builder
	b.WriteString(record.Wrap(fmt.Sprintf("MORE THAN ONE CURRENT: %d assessments count, none a follow-up of another:", len(un)), "", "  ", 80))
	routes := map[string]bool{}
	for _, a := range un {
		r := a.Current
		route := r.Recommendation.PrimaryTitle(r.Answers)
		routes[route] = true
		by := questionnaire.PrintableTyped(a.First.Clinician)
		if a.First.Team != "" {
			by += " (" + questionnaire.PrintableTyped(a.First.Team) + ")"
		}
		b.WriteString(record.Wrap(fmt.Sprintf("%s  made %s by %s; contact %s", shortID(r.ID), a.First.Time.Local().Format("2006-01-02 15:04"), by, route), "  ", "    ", 80))
	}
	differ := "They agree on the contact route."
	if len(routes) > 1 {
		differ = "They differ on the contact route."
	}
	latest := un[len(un)-1].Current
	// Its commands carry paths, often with spaces: on lines of their own,
	// broken only between their words (fill); a break inside a quoted
	// path made a command that did not run.
	b.WriteString(fill(fmt.Sprintf("  %s followup and due use the latest made, %s. If one was entered in error, void it; to correct one, amend it:\n    %s\n    %s", differ, shortID(latest.ID), assess.Command(given, "void", "ID"), assess.Command(given, "amend", "ID")), 80, 0, 0) + "\n")
	return b.String()
}

// latestOfUnlinked says which of the patient's n assessments that count,
// none a follow-up of another, a command uses (the latest made, a, its id
// printed as short), or "" when there is only one: for followup and due.
func latestOfUnlinked(n int, a store.Assessment, short string, p record.PatientID, given string) string {
	if n < 2 {
		return ""
	}
	// The command carries this run's --db and --config (given): run
	// as shown without them, it read the default store.
	return fmt.Sprintf("Patient %s has %d assessments that count, none a follow-up of another: this uses the latest made, record %s, made on %s by %s (see them all with %s).",
		p, n, short, a.First.Time.Local().Format("2 Jan 2006"), questionnaire.PrintableTyped(a.First.Clinician), assess.Command(given, "history", p.Value))
}
