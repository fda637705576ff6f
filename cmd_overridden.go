package main

import (
	"fmt"
	"io"
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
		k := c.Record
		if k.Amends.IsZero() || said[k.Amends] || !madeHere(st, k.Amends) || !keptOverBySettle(k) {
			continue
		}
		mine, err := st.Get(k.Amends)
		if err != nil || mine.Amends.IsZero() {
			// This machine's first version, amended elsewhere: no
			// correction of this machine's is in it to lose.
			continue
		}
		cur, err := st.Current(k.ID)
		if err != nil {
			continue
		}
		said[k.Amends] = true
		line := []record.Record{mine}
		base, err := st.Get(mine.Amends)
		for err == nil && !base.Amends.IsZero() && madeHere(st, base.ID) {
			line = append([]record.Record{base}, line...)
			base, err = st.Get(base.Amends)
		}
		if err != nil {
			continue
		}
		width := terminalWidth(w)
		whose := fmt.Sprintf("record %s by %s, made on another machine at %s", shortOf(st, k.ID), questionnaire.PrintableTyped(orNone(k.Clinician)), whenText(k.Time))
		if mine.Status == record.EnteredInError && k.Status != record.EnteredInError {
			why := ""
			if r := strings.TrimSpace(mine.VoidReason); r != "" {
				why = ", because: " + questionnaire.PrintableTyped(r)
			}
			fmt.Fprint(w, wrapText(fmt.Sprintf("This machine's void %s (entered in error by %s%s) is undone: %s, amends it, so the assessment counts again, on every machine reading the server.",
				shortOf(st, mine.ID), questionnaire.PrintableTyped(orNone(mine.Clinician)), why, whose), width))
			// What this machine's versions before the void changed.
			for len(line) > 0 && line[len(line)-1].Status == record.EnteredInError {
				line = line[:len(line)-1]
			}
			if len(line) == 0 {
				continue
			}
			mine = line[len(line)-1]
		}
		var b strings.Builder
		notKeptLineWords(&b, cur, mine, &base, line, "this machine's", given)
		if b.Len() == 0 {
			continue
		}
		fmt.Fprint(w, wrapText(fmt.Sprintf("This machine's %s %s, by %s, is no longer current: %s, supersedes it and does not hold all this machine changed.",
			store.VersionKind(mine, c.Assessment), shortOf(st, mine.ID), questionnaire.PrintableTyped(orNone(mine.Clinician)), whose), width))
		notKeptLineWords(w, cur, mine, &base, line, "this machine's", given)
	}
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
