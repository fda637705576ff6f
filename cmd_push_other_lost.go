package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"digicheck/fhir"
	"digicheck/fhirclient"
	"digicheck/push"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// settleOtherLost settles the conflict of record id with the server, c,
// without the other machine's version it is in conflict with
// (push --resolve ... --other-version-lost): the server no longer holds that
// version (emptied, or restored from an older backup), and the machine that
// made it will never send it again (lost, stolen or wiped). Every settle
// waited for that machine to send it, so a correction made here stood in
// conflict for good, with no way out.
//
// It is checked against the server now: refused, changing nothing, when the
// server holds that version again (it is settled as any conflict then), or
// holds nothing of the assessment (this machine's own versions it lost are
// sent again first, by push --check-server). Where the server holds a
// version made since on none of this machine's line, the conflict is noted
// with that version instead, to be looked at and settled as any conflict.
// Otherwise the server holds a version this machine's in conflict rest on
// (its own first version, sent again, say), and the conflict is forgotten:
// keepMine leaves this machine's line as it is, for the push that follows
// to send on that version; else the server's version is saved again on
// this machine's current one and sent with it, so it is current here and
// on the server, this machine's versions in the history. Either says what
// it does not keep: the other machine's version, gone, and what it changed
// where this store holds it; and, keeping the server's, what this
// machine's versions changed.
//
// A server's version that is a void is kept as one: keepServer saves a
// void again on this machine's current version, the assessment staying
// entered in error; keepMine sends this machine's line over it only with
// undoVoid (--undo-void), as every other settle asks, the assessment
// counting again.
func settleOtherLost(ctx context.Context, w io.Writer, st *store.Store, c *fhirclient.Client, id record.ID, keepMine, undoVoid bool, given string) error {
	k, ok := conflictOf(st, c.Base(), id)
	if !ok {
		return fmt.Errorf("record %s: %w with %s: nothing to settle (digicheck push --conflicts lists them)", id, store.ErrNoConflict, c.Base())
	}
	keep := "--keep-server"
	if keepMine {
		keep = "--keep-mine"
	}
	short := shortOf(st, id)
	width := terminalWidth(w)
	res, err := c.Read(ctx, "QuestionnaireResponse", k.Assessment.String())
	if err != nil && fhirclient.NotFound(err) {
		return fmt.Errorf("record %s: not settled: the FHIR server holds nothing of assessment %s now, not even the version this machine's rests on, so there is nothing to settle on yet. Nothing was changed, and nothing was sent. First send again this machine's own versions the server lost (the conflict stands):\n    digicheck push --check-server\nthen run this settle again:\n    digicheck push --resolve %s %s --other-version-lost",
			short, k.Assessment.String()[:13], short, keep)
	}
	if err != nil {
		return settleNotRead(st, err, id, k.Assessment, keep+" --other-version-lost")
	}
	theirs, carried, err := fhir.RecordIn(res.JSON)
	if err != nil || !carried {
		return fmt.Errorf("the server's version %s of assessment %s carries no digicheck record (nothing was changed)", res.VersionID, k.Assessment)
	}
	if k.ServerRecord.IsZero() || !serverSideLost(ctx, c, k, res) {
		held := "the FHIR server's history of assessment " + k.Assessment.String()[:13] + " holds it, or could not be read now, so it is not known to be lost"
		if theirs.ID == k.ServerRecord {
			// "again" only of the version the server lost: a version
			// the conflict was noted with since (made over a third
			// machine's, say) was never lost.
			held = "the FHIR server holds it, as its current version " + questionnaire.Printable(res.VersionID)
		}
		return fmt.Errorf("record %s: not settled without the other machine's %s: %s. Nothing was changed, and nothing was sent. Settle it as any conflict, once both versions are looked at:\n    digicheck push --conflicts\nthen keep this machine's version or the server's, without --other-version-lost:\n    digicheck push --resolve %s --keep-mine\n    digicheck push --resolve %s --keep-server",
			short, lostVersionWords(k), held, short, short)
	}
	mine, err := st.Versions(k.Record)
	if err != nil {
		return err
	}
	at := slices.IndexFunc(mine, func(r record.Record) bool { return r.ID == theirs.ID })
	if at < 0 || at == len(mine)-1 {
		// A version made since, on none of this machine's line: the
		// conflict is with it now, looked at and settled as any.
		lost := lostVersionWords(k)
		k.ServerVersion, k.ServerRecord, k.ServerClinician, k.ServerTime = res.VersionID, theirs.ID, theirs.Clinician, theirs.Time
		k.ServerVoided, k.ServerVoidReason = theirs.Status == record.EnteredInError, theirs.VoidReason
		k.Shown, k.SendOn = "", ""
		if err := st.MarkConflict(c.Base(), k); err != nil {
			return err
		}
		return fmt.Errorf("record %s: not settled: the FHIR server no longer holds the other machine's version, %s, but it holds another version of the assessment now, made since: version %s, %s %s by %s at %s. The conflict is noted with that version from now on, and the lost one is no longer waited for; nothing else was changed, and nothing was sent. Look at both versions, then settle as any conflict:\n    digicheck push --conflicts",
			short, lost, questionnaire.Printable(res.VersionID), statusWord(theirs), shortOf(st, theirs.ID), questionnaire.PrintableTyped(orNone(theirs.Clinician)), whenText(theirs.Time))
	}
	cur := mine[len(mine)-1]
	theirsVoid := theirs.Status == record.EnteredInError
	if keepMine && theirsVoid && cur.Status != record.EnteredInError && !undoVoid {
		return fmt.Errorf("record %s: not settled: the FHIR server holds this assessment entered in error: its version %s, the one this machine's would be sent on, is %s. Keeping this machine's version undoes that void: the assessment counts again, on every machine. Nothing was changed, and nothing was sent.\n  To undo the void:\n    digicheck push --resolve %s --keep-mine --other-version-lost --undo-void\n  To keep the assessment entered in error:\n    digicheck push --resolve %s --keep-server --other-version-lost",
			short, questionnaire.Printable(res.VersionID), voidWords(st, theirs), short, short)
	}
	if undoVoid && !(theirsVoid && cur.Status != record.EnteredInError) {
		return fmt.Errorf("record %s: not settled: --undo-void undoes the server's void, and the FHIR server's version %s is %s, no void to undo by this machine's %s. Nothing was changed, and nothing was sent. Without it:\n    digicheck push --resolve %s --keep-mine --other-version-lost",
			short, questionnaire.Printable(res.VersionID), whoseVersion(st, theirs), store.VersionKind(cur, k.Assessment), short)
	}
	// Either way the server holds a version this machine's line rests on,
	// as this store knows it (sent again, or restored at it): the push
	// that follows sends the line on it, and nothing is set off it.
	if err := st.MarkPushed(c.Base(), []store.Pushed{{Record: theirs.ID, Assessment: k.Assessment, Version: res.VersionID}}); err != nil {
		return err
	}
	lost := lostVersionWords(k)
	if keepMine {
		if err := st.ForgetConflict(c.Base(), k); err != nil {
			return err
		}
		if _, err := fmt.Fprint(w, wrapText(fmt.Sprintf("Settled without the other machine's version: this machine's %s %s, by %s, is kept, to be sent now on the server's version %s (record %s by %s), the version it rests on.",
			store.VersionKind(cur, k.Assessment), shortOf(st, cur.ID), questionnaire.PrintableTyped(orNone(cur.Clinician)), questionnaire.Printable(res.VersionID), shortOf(st, theirs.ID), questionnaire.PrintableTyped(orNone(theirs.Clinician))), width)); err != nil {
			return err
		}
		lostNotKept(w, st, k, cur, given)
		return nil
	}
	if cur.Status == record.EnteredInError {
		return fmt.Errorf("record %s: not settled: this machine's version is a void, %s, and an amendment cannot be made on it. Nothing was changed, and nothing was sent. To keep the void, sent on the server's version:\n    digicheck push --resolve %s --keep-mine --other-version-lost", short, shortOf(st, cur.ID), short)
	}
	// The server's version saved again on this machine's current one, and
	// sent with it: every machine reading the server then holds one line,
	// this machine's versions in its history, the server's current. Kept
	// here only, under an id the server never had, the server's version
	// was found lost by the next push.
	kept := fmt.Sprintf("kept the FHIR server's version %s of this assessment, record %s by %s, over record %s when a conflict was settled without the other machine's %s, which the server no longer held", res.VersionID, theirs.ID, orNone(theirs.Clinician), cur.ID, lost)
	if theirsVoid {
		// The server's void kept: saved again as a void on this
		// machine's current version, so the assessment stays entered
		// in error here and on the server. Saved again as an amendment
		// it was refused (a void reason on an amendment), or, were it
		// saved, counted again.
		v, err := saveKeptServerVoid(st, cur.ID, store.Voiding{Reason: theirs.VoidReason + "; " + kept, Clinician: theirs.Clinician, Team: theirs.Team})
		if err != nil {
			return err
		}
		if err := st.ForgetConflict(c.Base(), k); err != nil {
			return err
		}
		if _, err := fmt.Fprint(w, wrapText(fmt.Sprintf("Settled without the other machine's version: the server's void %s (record %s by %s) is kept, saved again as void %s on this machine's %s %s, and sent now with it: the assessment stays entered in error, here and on the server, and this machine's versions stand in its history only.",
			questionnaire.Printable(res.VersionID), shortOf(st, theirs.ID), questionnaire.PrintableTyped(orNone(theirs.Clinician)), shortOf(st, v.ID), store.VersionKind(cur, k.Assessment), shortOf(st, cur.ID)), width)); err != nil {
			return err
		}
		lostNotKept(w, st, k, v, given)
		return nil
	}
	r := theirs
	r.ID, r.Time = record.ID{}, time.Time{}
	r.Amends, r.FollowsUp = cur.ID, cur.FollowsUp
	r.Status = record.Amended
	r.AmendReason = kept
	// Saved before the conflict is forgotten: a save refused (the store
	// held, a full disk) leaves the conflict standing, to be settled
	// again, rather than this machine's line, the versions not kept, an
	// ordinary unsent chain that the next push sends over the server's.
	if err := saveKeptServer(st, &r); err != nil {
		return err
	}
	if err := st.ForgetConflict(c.Base(), k); err != nil {
		return err
	}
	if _, err := fmt.Fprint(w, wrapText(fmt.Sprintf("Settled without the other machine's version: the server's version %s (record %s by %s) is kept, saved again as record %s on this machine's %s %s, and sent now with it: it is current here and on the server, and this machine's versions stand in the assessment's history only.",
		questionnaire.Printable(res.VersionID), shortOf(st, theirs.ID), questionnaire.PrintableTyped(orNone(theirs.Clinician)), shortOf(st, r.ID), store.VersionKind(cur, k.Assessment), shortOf(st, cur.ID)), width)); err != nil {
		return err
	}
	base, line := lineSince(st, cur, r)
	notKeptLines(w, st, r, cur, base, line, "this machine's", given)
	lostNotKept(w, st, k, r, given)
	return nil
}

// saveKeptServer saves again the server's version kept by
// --keep-server --other-version-lost; a test makes it fail.
var saveKeptServer = (*store.Store).Amend

// saveKeptServerVoid saves again the server's void kept by
// --keep-server --other-version-lost.
var saveKeptServerVoid = (*store.Store).Void

// lostVersionWords names the other machine's version of conflict k, which
// the server no longer holds: its kind, record, maker and time, as the
// conflict noted them (its server version id is gone with it).
func lostVersionWords(k store.Conflict) string {
	what := "version"
	if k.ServerVoided {
		what = "void"
	}
	s := what + ", record " + k.ServerRecord.String()[:13]
	if k.ServerClinician != "" {
		s += " by " + questionnaire.PrintableTyped(k.ServerClinician)
	}
	if !k.ServerTime.IsZero() {
		s += " at " + whenText(k.ServerTime)
	}
	return s
}

// lostNotKept says, after a settle without it, that the other machine's
// version of conflict k is not kept: gone from the server, and from every
// machine but the one that made it. Where this store holds it (a copy), what
// it changed that cur, now current, does not hold is listed, as any settle
// lists the version it does not keep; where it never held it whole, that is
// said, with who to tell.
func lostNotKept(w io.Writer, st *store.Store, k store.Conflict, cur record.Record, given string) {
	width := terminalWidth(w)
	who := questionnaire.PrintableTyped(orNone(k.ServerClinician))
	if other, err := st.Get(k.ServerRecord); err == nil {
		fmt.Fprint(w, wrapText(fmt.Sprintf("The other machine's %s, which the FHIR server no longer holds, is not kept either: held here as a copy, it is gone from the server, and no settle there will see it.", lostVersionWords(k)), width))
		base, line := lineSince(st, other, cur)
		notKeptLines(w, st, cur, other, base, line, who+"'s", given)
		return
	}
	held := "This machine never held it whole, so what it changed cannot be listed here"
	if k.Shown != "" && k.Shown == k.ServerVersion {
		// Shown in full by push --conflicts before the loss, but kept
		// nowhere here: "never held it whole" was said of a version
		// the nurse had read on this screen.
		held = fmt.Sprintf("digicheck push --conflicts showed it here in full before the server lost it, as the server's version %s, but this machine keeps no copy of it, so what it changed cannot be listed now: look for that output, if it was kept", questionnaire.Printable(k.Shown))
	}
	fmt.Fprint(w, wrapText(fmt.Sprintf("Not kept: the other machine's %s, which the FHIR server no longer holds (emptied, or restored from an older backup). %s. It is gone, unless the machine that made it sends it again, when that machine's push meets this version as a conflict to settle there. Tell %s.", lostVersionWords(k), held, who), width))
}

// conflictLacks reports whether the site's FHIR server, asked now (for a
// few seconds at most), no longer holds the version conflict k (one of that
// server's conflicts) is in conflict with: emptied, or restored from an
// older backup (push.LacksWords). A server that cannot be asked is taken
// for one that holds it: the conflict is said as it was noted. A refusal
// to amend said the server "holds another machine's version" that it had
// lost, and offered the two settles that were refused; so did history and
// show. Where the server holds a version made since the loss on another
// machine (push.MadeSinceLoss), the conflict is noted with it, returned
// as it stands now, and not lacking: it is settled as any.
func (a *app) conflictLacks(ctx context.Context, st *store.Store, k store.Conflict) (store.Conflict, bool) {
	if a.siteServer() == "" || k.ServerRecord.IsZero() || k.NotTakenIn {
		return k, false
	}
	if ctx == nil {
		ctx = context.Background()
	}
	c, err := a.fhirClient("", 8*time.Second)
	if err != nil {
		return k, false
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	res, err := c.Read(ctx, "QuestionnaireResponse", k.Assessment.String())
	if err != nil {
		return k, fhirclient.NotFound(err)
	}
	if !serverSideLost(ctx, c, k, res) {
		return k, false
	}
	if st != nil {
		if mine, err := st.Versions(k.Record); err == nil {
			if theirs, ok := push.MadeSinceLoss(k, res, mine); ok {
				moved := push.NotedWith(k, res.VersionID, theirs)
				if err := st.MarkConflict(c.Base(), moved); err == nil {
					return moved, false
				}
			}
		}
	}
	return k, true
}
