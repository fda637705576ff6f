package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"digicheck/fhir"
	"digicheck/fhirclient"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// offlineLaptop: the ward PC pushes an assessment, the laptop reads it, the
// ward amends it and pushes; meanwhile the laptop, offline, amends it too.
// Nothing of the laptop's is pushed yet.
func offlineLaptop(t *testing.T) (a *app, srv *fhirserver.Server, lst *store.Store, first, onLaptop record.Record) {
	t.Helper()
	return offlineLaptopAt(t, filepath.Join(t.TempDir(), "laptop.db"))
}

// offlineLaptopAt is offlineLaptop with the laptop's store at laptop.
func offlineLaptopAt(t *testing.T, laptop string) (a *app, srv *fhirserver.Server, lst *store.Store, first, onLaptop record.Record) {
	t.Helper()
	srv = fhirserver.Shared(t)
	_, wst, first := agreedToEverything(t)
	pushWith(t, srv.Base, wst)
	lst, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	onWard := first
	onWard.ID, onWard.Amends, onWard.AmendReason, onWard.Clinician = record.ID{}, first.ID, "amended on the ward", "Sister Okafor"
	if err := wst.Amend(&onWard); err != nil {
		t.Fatal(err)
	}
	pushWith(t, srv.Base, wst)
	onLaptop = first
	onLaptop.ID, onLaptop.Amends, onLaptop.AmendReason = record.ID{}, first.ID, "A offline"
	if err := lst.Amend(&onLaptop); err != nil {
		t.Fatal(err)
	}
	a = &app{settings: site.Settings{DB: laptop, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: srv.Base}}}}
	return a, srv, lst, first, onLaptop
}

// TestAFollowUpOnAVersionInConflictIsHeldBackUntilItsBaseIsSent: the
// laptop amended an assessment offline and followed the amendment up,
// offline too, while the ward amended it and pushed first. The laptop's
// push met its amendment as a conflict, yet sent the follow-up resting on
// it; settling the conflict then voiding the follow-up, as push advised,
// left two versions on the server no other machine could take in. Push
// holds back a version resting on one in conflict, saying which and why,
// sends nothing of it on a rerun, and once the conflict is settled by
// setting its base aside says what to do; the follow-up marked entered in
// error is never sent, and push has nothing more to say of it.
func TestAFollowUpOnAVersionInConflictIsHeldBackUntilItsBaseIsSent(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	a, srv, lst, first, onLaptop := offlineLaptop(t)
	fu := testkit.Assessed(t, testkit.Included(nil))
	fu.Patient, fu.FollowsUp, fu.Clinician = first.Patient, onLaptop.ID, "Nurse Bea"
	if err := lst.Save(&fu); err != nil {
		t.Fatal(err)
	}
	short := fu.ID.String()[:13]
	push := func(when string) (string, string, error) {
		t.Helper()
		out, stderr, err := execute(a, (*app).pushCmd, "")
		for i, l := range strings.Split(strings.TrimRight(out+stderr+errText(err), "\n"), "\n") {
			if strings.HasPrefix(l, "push: ") {
				continue // the progress line, piped
			}
			if w := ansi.StringWidth(l); w > 80 {
				t.Errorf("push %s: line %d is %d columns, over 80: %q", when, i+1, w, l)
			}
		}
		return out, stderr, err
	}
	for _, when := range []string{"that meets the conflict", "run again"} {
		out, stderr, err := push(when)
		if err == nil {
			t.Fatalf("push %s: no error; out:\n%s%s", when, out, stderr)
		}
		all := strings.Join(strings.Fields(out+stderr+err.Error()), " ")
		for _, want := range []string{"changed on another machine",
			"follow-up " + fu.ID.String(), "is not sent", "rests on record " + onLaptop.ID.String(),
			"in conflict with the FHIR server", "can never be sent"} {
			if !strings.Contains(all, want) {
				t.Errorf("push %s does not say %q:\n%s%s%v", when, want, out, stderr, err)
			}
		}
		if serverHasAny(t, srv.Base, fu.ID) {
			t.Fatalf("push %s sent the follow-up resting on the version in conflict", when)
		}
	}
	if out, errs, err := execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String(), "--keep-server"); err != nil {
		t.Fatalf("push --resolve --keep-server: %v\n%s%s", err, out, errs)
	}
	out, stderr, err := push("after the conflict is settled")
	if err == nil {
		t.Errorf("push after the conflict is settled: no error, yet the follow-up is not sent:\n%s%s", out, stderr)
	}
	all := strings.Join(strings.Fields(out+stderr+said(err)), " ")
	for _, want := range []string{"follow-up " + short, "set aside when its conflict with the FHIR server was settled",
		"digicheck void " + short, "digicheck followup " + first.Patient.Value} {
		if !strings.Contains(all, want) {
			t.Errorf("push after the conflict is settled does not say %q:\n%s%s%v", want, out, stderr, err)
		}
	}
	if serverHasAny(t, srv.Base, fu.ID) {
		t.Fatal("the follow-up resting on the version set aside was sent")
	}
	if _, err := lst.Void(fu.ID, store.Voiding{Reason: "followed up a version in conflict", Clinician: "Nurse Bea"}); err != nil {
		t.Fatal(err)
	}
	out, stderr, err = push("after the follow-up is voided")
	if err != nil {
		t.Errorf("push after the follow-up is voided: %v\n%s%s", err, out, stderr)
	}
	if strings.Contains(out+stderr, short) {
		t.Errorf("push still names the follow-up marked entered in error:\n%s%s", out, stderr)
	}
	if serverHasAny(t, srv.Base, fu.ID) {
		t.Error("the follow-up, or its void, was sent: no other machine could take it in")
	}
	// A fresh machine reading the server takes in every version there.
	fresh := filepath.Join(t.TempDir(), "fresh.db")
	if _, stderr, err := runStoreCmd(t, fresh, (*app).historyCmd, first.Patient.Value, "--server", srv.Base); err != nil || strings.Contains(stderr, "left out") || strings.Contains(stderr, "cannot") {
		t.Errorf("a fresh machine's history: %v\n%s", err, stderr)
	}
}

// TestAFollowUpOfAVersionNotYetSentGoesAfterIt: an amendment and a
// follow-up of it, both made offline, go in that order, the follow-up in
// a later Bundle, never beside or before the version it rests on.
func TestAFollowUpOfAVersionNotYetSentGoesAfterIt(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	srv := fhirserver.Shared(t)
	path, st, first := agreedToEverything(t)
	pushWith(t, srv.Base, st)
	amended := first
	amended.ID, amended.Amends, amended.AmendReason = record.ID{}, first.ID, "offline"
	if err := st.Amend(&amended); err != nil {
		t.Fatal(err)
	}
	fu := testkit.Assessed(t, testkit.Included(nil))
	fu.Patient, fu.FollowsUp = first.Patient, amended.ID
	if err := st.Save(&fu); err != nil {
		t.Fatal(err)
	}
	out, _, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base, "--dry-run")
	if err != nil {
		t.Fatal(err)
	}
	at := map[record.ID]int{}
	for i, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var b struct {
			Entry []struct {
				Resource json.RawMessage
			}
		}
		if err := json.Unmarshal([]byte(l), &b); err != nil {
			t.Fatal(err)
		}
		for _, e := range b.Entry {
			for _, id := range []record.ID{amended.ID, fu.ID} {
				if strings.Contains(string(e.Resource), id.String()) && strings.Contains(string(e.Resource), `"QuestionnaireResponse"`) {
					if _, ok := at[id]; !ok {
						at[id] = i + 1
					}
				}
			}
		}
	}
	if at[amended.ID] == 0 || at[fu.ID] == 0 || at[fu.ID] <= at[amended.ID] {
		t.Errorf("the amendment is in Bundle %d, the follow-up resting on it in Bundle %d: want the follow-up in a later one\n%.400s", at[amended.ID], at[fu.ID], out)
	}
	if out, errs, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.Base); err != nil {
		t.Fatalf("push: %v\n%s%s", err, out, errs)
	}
	if !serverHasAny(t, srv.Base, fu.ID) || serverCurrent(t, srv.Base, first.ID) != amended.ID {
		t.Error("the follow-up or the amendment it rests on was not sent")
	}
}

// serverHasAny reports whether the server holds a response under id (the
// first version of an assessment), in any version.
func serverHasAny(t *testing.T, base string, id record.ID) bool {
	t.Helper()
	c, err := fhirclient.New(fhirclient.Config{Base: base, Timeout: 5 * time.Second, Attempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	hist, err := c.History(t.Context(), "QuestionnaireResponse", id.String())
	return err == nil && len(hist) > 0
}

// serverCurrent is the record the server's current version of assessment
// id carries, or a zero id.
func serverCurrent(t *testing.T, base string, id record.ID) record.ID {
	t.Helper()
	c, err := fhirclient.New(fhirclient.Config{Base: base, Timeout: 5 * time.Second, Attempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Read(t.Context(), "QuestionnaireResponse", id.String())
	if err != nil {
		return record.ID{}
	}
	r, _, _ := fhir.RecordIn(res.JSON)
	return r.ID
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestAVoidOverAnAmendmentInConflictIsThisMachinesVersion: the laptop
// amended an assessment offline and voided the amendment, while the ward
// amended it and pushed first. The version in conflict is the line of the
// amendment and its void, and what the laptop holds as current is the
// void: history marked the amendment, push --conflicts showed it, and
// --keep-mine sent the void over the ward's newer amendment without a
// word. Each shows the void; keep-mine names the record kept, shows what
// it overwrites on the server (who, when) and the void, and sends nothing
// until that choice is made explicitly.
func TestAVoidOverAnAmendmentInConflictIsThisMachinesVersion(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	a, srv, lst, first, onLaptop := offlineLaptop(t)
	void, err := lst.Void(onLaptop.ID, store.Voiding{Reason: "wrong patient", Clinician: "Dr Lap"})
	if err != nil {
		t.Fatal(err)
	}
	ward := serverCurrent(t, srv.Base, first.ID)
	short, vshort := onLaptop.ID.String()[:13], void.ID.String()[:13]
	_, _, err = execute(a, (*app).pushCmd, "")
	if err == nil || !strings.Contains(said(err), "this machine's void "+void.ID.String()+" is kept locally and not sent") {
		t.Errorf("push does not name the void as this machine's version in conflict: %v", err)
	}
	out, _, err := execute(a, (*app).historyCmd, "", first.Patient.Value)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "NOT SENT, IN CONFLICT: "+vshort+", this machine's void.") || strings.Contains(out, "IN CONFLICT: "+short) {
		t.Errorf("history does not mark the void, and only the void, as in conflict:\n%s", out)
	}
	out, _, err = execute(a, (*app).pushCmd, "", "--conflicts")
	if err != nil {
		t.Fatal(err)
	}
	mine := out[strings.Index(out, "This machine's version:"):]
	mine = mine[:strings.Index(mine, "The server's version")]
	if !strings.Contains(mine, vshort) || !strings.Contains(strings.ToLower(mine), "entered in error") || strings.Contains(mine, short+"  ") {
		t.Errorf("push --conflicts does not show the void as this machine's version:\n%s", out)
	}
	for _, args := range [][]string{
		{"--resolve", onLaptop.ID.String(), "--keep-mine"},
		{"--resolve", void.ID.String(), "--keep-mine"},
	} {
		out, errs, err := execute(a, (*app).pushCmd, "", args...)
		if err == nil {
			t.Fatalf("push %s: not refused:\n%s%s", strings.Join(args, " "), out, errs)
		}
		msg := said(err)
		for _, want := range []string{"void " + vshort, "wrong patient", "Dr Lap", "amendment " + ward.String()[:13], "Sister Okafor",
			"entered in error for everyone", "Nothing was changed",
			"digicheck push --resolve " + vshort + " --keep-mine --void-server-version",
			"digicheck push --resolve " + vshort + " --keep-server"} {
			if !strings.Contains(msg, want) {
				t.Errorf("push %s: the refusal does not say %q:\n%s", strings.Join(args, " "), want, err)
			}
		}
		for i, l := range strings.Split(err.Error(), "\n") {
			limit := 80
			if i == 0 {
				limit -= len(errorPrefix)
			}
			if w := ansi.StringWidth(l); w > limit {
				t.Errorf("line %d of the refusal is %d columns, over %d: %q", i+1, w, limit, l)
			}
		}
		if got := serverCurrent(t, srv.Base, first.ID); got != ward {
			t.Fatalf("after a refused keep-mine the server's current version is %s, not the ward's %s", got, ward)
		}
	}
	out, errs, err := execute(a, (*app).pushCmd, "", "--resolve", void.ID.String(), "--keep-mine", "--void-server-version")
	if err != nil {
		t.Fatalf("push --keep-mine --void-server-version: %v\n%s%s", err, out, errs)
	}
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{"void", "Sister Okafor", "entered in error for everyone"} {
		if !strings.Contains(flat, want) {
			t.Errorf("keep-mine does not say %q:\n%s", want, out)
		}
	}
	c, err := fhirclient.New(fhirclient.Config{Base: srv.Base, Timeout: 5 * time.Second, Attempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Read(t.Context(), "QuestionnaireResponse", first.ID.String())
	if err != nil {
		t.Fatal(err)
	}
	if r, _, _ := fhir.RecordIn(res.JSON); r.Status != record.EnteredInError {
		t.Errorf("the server's current version is %s (%s), not this machine's void", r.ID, r.Status)
	}
}

// TestKeepServerKeepsAVersionThisStoreHoldsUnderItsOwnID: the ward's
// amendment is on two servers; the laptop's own amendment, made offline,
// met it as a conflict on both. Kept with --keep-server on the first, the
// ward's amendment is in the laptop's store under its own id; kept with
// --keep-server on the second too, it was saved again under a new record
// id no server had, on which the laptop's next version would rest. It is
// kept as the record this store holds: nothing is saved anew, and neither
// server is sent anything more.
func TestKeepServerKeepsAVersionThisStoreHoldsUnderItsOwnID(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	one, two := fhirserver.Shared(t), fhirserver.Start(t)
	_, wst, first := agreedToEverything(t)
	pushWith(t, one.Base, wst)
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	lst, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", one.Base); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	onWard := first
	onWard.ID, onWard.Amends, onWard.AmendReason, onWard.Clinician = record.ID{}, first.ID, "amended on the ward", "Sister Okafor"
	if err := wst.Amend(&onWard); err != nil {
		t.Fatal(err)
	}
	pushWith(t, one.Base, wst)
	pushWith(t, two.Base, wst)
	onLaptop := first
	onLaptop.ID, onLaptop.Amends, onLaptop.AmendReason = record.ID{}, first.ID, "A offline"
	if err := lst.Amend(&onLaptop); err != nil {
		t.Fatal(err)
	}
	a := &app{settings: site.Settings{DB: laptop, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: one.Base}}}}
	for _, base := range []string{one.Base, two.Base} {
		if _, _, err := execute(a, (*app).pushCmd, "", "--server", base); err == nil || !strings.Contains(said(err), "changed on another machine") {
			t.Fatalf("push to %s: %v; want a conflict", base, err)
		}
	}
	for _, base := range []string{one.Base, two.Base} {
		out, errs, err := execute(a, (*app).pushCmd, "", "--server", base, "--resolve", onLaptop.ID.String(), "--keep-server")
		if err != nil {
			t.Fatalf("keep-server on %s: %v\n%s%s", base, err, out, errs)
		}
	}
	cur, err := lst.Current(first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if cur.ID != onWard.ID {
		t.Errorf("the laptop's current version is %s, not the ward's amendment %s under its own id", cur.ID, onWard.ID)
	}
	vs, err := lst.Versions(first.ID)
	if err != nil {
		t.Fatal(err)
	}
	// The line is the server's: the first, then the ward's; the laptop's
	// own amendment is kept beside it, set aside.
	if len(vs) != 2 || vs[1].ID != onWard.ID {
		t.Errorf("the laptop's line of the assessment is %v, want the first then the ward's %s", ids(vs), onWard.ID)
	}
	if _, err := lst.Get(onLaptop.ID); err != nil {
		t.Errorf("the laptop's own amendment is lost: %v", err)
	}
	for _, base := range []string{one.Base, two.Base} {
		if out, _, err := execute(a, (*app).pushCmd, "", "--server", base, "--conflicts"); err != nil || !strings.Contains(out, "No conflicts") {
			t.Errorf("push --conflicts with %s after both are settled: %v\n%s", base, err, out)
		}
		out, errs, err := execute(a, (*app).pushCmd, "", "--server", base)
		if err != nil || !strings.Contains(out, "Nothing to send") {
			t.Errorf("push to %s after both are settled: %v\n%s%s", base, err, out, errs)
		}
	}
	// The laptop's next amendment rests on the ward's, on both servers.
	next := cur
	next.ID, next.Amends, next.AmendReason, next.Clinician = record.ID{}, cur.ID, "after both", "Dr Lap"
	if err := lst.Amend(&next); err != nil {
		t.Fatal(err)
	}
	for _, base := range []string{one.Base, two.Base} {
		if out, errs, err := execute(a, (*app).pushCmd, "", "--server", base); err != nil {
			t.Errorf("push of the next amendment to %s: %v\n%s%s", base, err, out, errs)
		}
		if got := serverCurrent(t, base, first.ID); got != next.ID {
			t.Errorf("%s holds %s as current, not the laptop's next amendment %s", base, got, next.ID)
		}
	}
}
