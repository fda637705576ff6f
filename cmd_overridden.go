package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/remote"
	"digicheck/store"
)

// overriddenHere says, once, as copies read from a FHIR server are taken
// in (saved), each that supersedes a version made on this machine without
// holding all it changed: another machine kept its own version over this
// machine's when a conflict was settled there (push --resolve --keep-mine),
// or amended it otherwise. It names this machine's version, that it is no
// longer current, whose version is current, made when, and lists what of
// this machine's it does not hold, as the settling machine's "Not kept"
// does, with the amend command that applies it; a void made here that the
// copy undoes (--keep-mine --undo-void) is said undone, the assessment
// counting again. The clinician whose correction was overridden was never
// told on their own machine: history said only "has 1 newer record
// version ... made on another machine", and push "Nothing to send".
//
// Only a version a settle kept over this machine's is said so
// (keptOverBySettle): an ordinary later amendment by a colleague, who read
// this machine's version and corrected it, with no conflict anywhere, is
// no version "not kept", and an amend command there would undo the
// colleague's correction. What this machine changed is told from the
// records' structure: the copy amends a version made here (the line's head
// when the settle was made), and this machine's run of versions before it,
// back to the first version or to one not made here (the version it
// amended), is what this machine changed.
func overriddenHere(w io.Writer, st *store.Store, saved []remote.Copy, given string) {
	if n, ok := w.(*overriddenNotes); ok {
		// Kept apart as well, for the full screen to say.
		var b strings.Builder
		overriddenOn(&b, st, saved, given)
		n.WriteString(b.String())
		n.overridden.WriteString(b.String())
		return
	}
	overriddenOn(w, st, saved, given)
}

// overriddenNotes is what is said on the way as the full screen resumes a
// draft (resumeWords): written, as to a terminal, and overriddenHere's
// words kept apart, for the screen to say them.
type overriddenNotes struct {
	strings.Builder
	overridden strings.Builder
}

// overriddenOn is overriddenHere, said on w.
func overriddenOn(w io.Writer, st *store.Store, saved []remote.Copy, given string) {
	said := map[record.ID]bool{}
	for _, c := range saved {
		if said[c.Record.Amends] {
			continue
		}
		if o, ok := overriddenBy(st, c.Record); ok {
			said[c.Record.Amends] = true
			o.write(w, st, c.Assessment, given)
		}
	}
}

// overridden is a run of this machine's versions that a version made on
// another machine, by, was kept over when a conflict was settled there
// (keptOverBySettle): all of them, oldest first, ending with the one by
// amends; line, those up to the newest that is no void, mine; base, the
// version the run amended; void, this machine's void at its end that by
// undoes, if any; and cur, the assessment's current version.
type overridden struct {
	by, mine, base, cur record.Record
	all, line           []record.Record
	void                *record.Record
	assessment          record.ID // set by overriddenOf
}

// overriddenBy is the run of this machine's versions that k, a version
// made on another machine, was kept over by a settle there; ok is false
// where k is no such version, or the run is this machine's first version
// alone (no correction of this machine's is in it to lose).
func overriddenBy(st *store.Store, k record.Record) (o overridden, ok bool) {
	if k.Amends.IsZero() || madeHere(st, k.ID) || !madeHere(st, k.Amends) || !keptOverBySettle(k) {
		return o, false
	}
	mine, err := st.Get(k.Amends)
	if err != nil || mine.Amends.IsZero() {
		return o, false
	}
	cur, err := st.Current(k.ID)
	if err != nil {
		return o, false
	}
	line := []record.Record{mine}
	base, err := st.Get(mine.Amends)
	for err == nil && !base.Amends.IsZero() && madeHere(st, base.ID) {
		line = append([]record.Record{base}, line...)
		base, err = st.Get(base.Amends)
	}
	if err != nil {
		return o, false
	}
	o = overridden{by: k, mine: mine, base: base, cur: cur, all: line}
	if mine.Status == record.EnteredInError && k.Status != record.EnteredInError {
		v := mine
		o.void = &v
		// What this machine's versions before the void changed.
		for len(line) > 0 && line[len(line)-1].Status == record.EnteredInError {
			line = line[:len(line)-1]
		}
		if len(line) > 0 {
			o.mine = line[len(line)-1]
		}
	}
	o.line = line
	return o, true
}

// whose names the version kept over this machine's: record, maker, when.
func (o overridden) whose(st *store.Store) string {
	return fmt.Sprintf("record %s by %s, made on another machine at %s", shortOf(st, o.by.ID), questionnaire.PrintableTyped(orNone(o.by.Clinician)), whenText(o.by.Time))
}

// notKept is what of this machine's run the current version does not
// hold, as notKeptLineWords lists it: "" once it holds all of it (amended
// in since, by the clinician told).
func (o overridden) notKept(st *store.Store, given string) string {
	if len(o.line) == 0 {
		return ""
	}
	var b strings.Builder
	base := o.base
	notKeptLines(&b, st, o.cur, o.mine, &base, o.line, "this machine's", given)
	return b.String()
}

// undoes reports whether this machine's void is undone still: the
// assessment's current version is no void.
func (o overridden) undoes() bool {
	return o.void != nil && o.cur.Status != record.EnteredInError
}

// write says o: the void undone, and this machine's version no longer
// current, with what of it is not kept and the amend that applies it.
func (o overridden) write(w io.Writer, st *store.Store, assessment record.ID, given string) {
	width := terminalWidth(w)
	if o.void != nil {
		why := ""
		if r := strings.TrimSpace(o.void.VoidReason); r != "" {
			why = ", because: " + questionnaire.PrintableTyped(r)
		}
		fmt.Fprint(w, wrapText(fmt.Sprintf("This machine's void %s (entered in error by %s%s) is undone: %s, amends it, so the assessment counts again, on every machine reading the server.",
			shortOf(st, o.void.ID), questionnaire.PrintableTyped(orNone(o.void.Clinician)), why, o.whose(st)), width))
	}
	notKept := o.notKept(st, given)
	if notKept == "" {
		return
	}
	fmt.Fprint(w, wrapText(fmt.Sprintf("This machine's %s %s, by %s, is no longer current: %s, supersedes it and does not hold all this machine changed.",
		store.VersionKind(o.mine, assessment), shortOf(st, o.mine.ID), questionnaire.PrintableTyped(orNone(o.mine.Clinician)), o.whose(st)), width))
	fmt.Fprint(w, notKept)
}

// overriddenOf is every run of this machine's versions, among the
// versions of the assessments of rs, that a settle on another machine
// kept a version over and that is not kept still: the current version
// does not hold all it changed, or the void at its end is undone.
func overriddenOf(st *store.Store, rs []record.Record, given string) []overridden {
	var out []overridden
	seen := map[record.ID]bool{}
	for _, r := range rs {
		vs, err := st.Versions(r.ID)
		if err != nil || len(vs) == 0 || seen[vs[0].ID] {
			continue
		}
		seen[vs[0].ID] = true
		for _, v := range vs {
			if o, ok := overriddenBy(st, v); ok && (o.undoes() || o.notKept(st, given) != "") {
				o.assessment = vs[0].ID
				out = append(out, o)
			}
		}
	}
	return out
}

// overriddenNote marks, under a history, each run of this machine's
// versions listed (rs) that a settle on another machine kept a version
// over, while the current version does not hold it: not kept, by whose
// version, and the show that says what. Said once, by the read that took
// that version in, a nurse who missed that read (IT ran it, or it
// scrolled past) was never told: a second history listed the correction
// as plainly superseded.
func overriddenNote(st *store.Store, rs []record.Record, shortID func(record.ID) string, given string) string {
	var b strings.Builder
	for _, o := range overriddenOf(st, rs, given) {
		if !slices.ContainsFunc(rs, func(r record.Record) bool { return r.ID == o.all[len(o.all)-1].ID }) {
			continue
		}
		names := make([]string, 0, len(o.all))
		for _, v := range o.all {
			names = append(names, shortID(v.ID))
		}
		by := fmt.Sprintf("Record %s by %s, kept over %s when a conflict was settled on another machine,", shortID(o.by.ID), questionnaire.PrintableTyped(orNone(o.by.Clinician)), oneOrMany(len(o.all), "it", "them"))
		var what []string
		if o.undoes() {
			what = append(what, "undoes this machine's void, so the assessment counts again")
		}
		if o.notKept(st, given) != "" {
			what = append(what, "does not hold all "+oneOrMany(len(o.line), "it", "they")+" changed")
		}
		b.WriteString(wrapText(fmt.Sprintf("NOT KEPT: %s, this machine's %s. %s %s. What is not kept, and the amend that applies it:",
			strings.Join(names, ", "), oneOrMany(len(o.all), "version", "versions"), by, strings.Join(what, ", and ")), 80))
		b.WriteString(commandText(80, "    digicheck show"+given+" "+shortID(o.all[len(o.all)-1].ID)))
	}
	return b.String()
}

// keptOverBySettle reports whether copy k is a version a conflict's settle
// put over the version it amends, k.Amends, rather than an amendment made
// by reading that version: the settle saves the version it keeps again on
// the other side's, with words of its own in the reason that name that
// version by its whole record id ("... kept over the FHIR server's version
// 3, record <id> by ..." for --keep-mine, "... over record <id> when a
// conflict was settled" for --keep-server), which no clinician types. A
// clinician's reason quoted after them ("; its reason: ...") names no
// whole id of the version amended.
func keptOverBySettle(k record.Record) bool {
	id := k.Amends.String()
	for _, why := range []string{k.AmendReason, k.VoidReason} {
		if strings.Contains(why, "kept over the FHIR server's version ") && strings.Contains(why, ", record "+id+" by ") {
			return true
		}
		if strings.Contains(why, " over record "+id+" when a conflict was settled") {
			return true
		}
	}
	return false
}

// oneOrMany is one when n is 1, else many.
func oneOrMany(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
