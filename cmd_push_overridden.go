package main

import (
	"fmt"
	"io"
	"strings"

	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// overriddenInStore is every run of this machine's versions, in the whole
// store, that a settle on another machine kept a version over and that is
// not kept still (overriddenOf): found from the versions a settle saved
// (keptOverBySettle), so only those few are looked at further.
func overriddenInStore(st *store.Store, given string) []overridden {
	var kept []record.Record
	err := st.Each(func(r record.Record) error {
		if !r.Amends.IsZero() && keptOverBySettle(r) {
			kept = append(kept, r)
		}
		return nil
	}, func(store.Unreadable) {})
	if err != nil || len(kept) == 0 {
		return nil
	}
	return overriddenOf(st, kept, given)
}

// pushOverriddenNote says, after a push, each run of this machine's
// versions that a settle on another machine kept a version over while the
// current version does not hold what they changed: the same facts as
// history's NOT KEPT mark (whose versions, kept over by which record, by
// whom, when, for which patient), with the show that lists what is not
// kept and the amend that applies it; once each, however many versions
// the run holds. history and show said it; push, the command a nurse runs
// most, said "Nothing to send", so a nurse who missed that read was never
// told. Said on every push until the current version holds it (amended
// in), as history says it.
func pushOverriddenNote(w io.Writer, st *store.Store, given string) {
	width := terminalWidth(w)
	for _, o := range overriddenInStore(st, given) {
		names := make([]string, 0, len(o.all))
		for _, v := range o.all {
			names = append(names, shortOf(st, v.ID))
		}
		var what []string
		if o.undoes() {
			what = append(what, "undoes this machine's void, so the assessment counts again")
		}
		if o.notKept(st, given) != "" {
			what = append(what, "does not hold all "+oneOrMany(len(o.line), "it", "they")+" changed")
		}
		fmt.Fprint(w, wrapText(fmt.Sprintf("NOT KEPT: %s, this machine's %s of patient %s's assessment. Record %s by %s, made on another machine at %s, was kept over %s when a conflict was settled there, and %s. What is not kept, and the amend that applies it:",
			strings.Join(names, ", "), oneOrMany(len(o.all), "version", "versions"), questionnaire.Printable(o.cur.Patient.String()),
			shortOf(st, o.by.ID), questionnaire.PrintableTyped(orNone(o.by.Clinician)), whenText(o.by.Time), oneOrMany(len(o.all), "it", "them"), strings.Join(what, ", and ")), width))
		fmt.Fprint(w, commandText(width, "    digicheck show"+given+" "+shortOf(st, o.all[len(o.all)-1].ID)))
	}
}
