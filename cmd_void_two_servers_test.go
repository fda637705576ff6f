package main

import (
	"regexp"
	"strings"
	"testing"

	"digicheck/record"
)

// voidKeptOnA is the laptop of the void kept over the ward's amendment on
// server A, sent to server B before that conflict was found: the laptop
// made an assessment and pushed it to A and B; offline, it amended it and
// voided the amendment (wrong patient), and pushed both to B; the ward
// amended the assessment on A; the laptop's push to A met the ward's
// amendment as a conflict, settled there with --keep-mine
// --void-server-version, and pushed.
func voidKeptOnA(t *testing.T) (a *app, srvA, srvB string, first, void, kept record.Record) {
	t.Helper()
	A, B, laptop, lst, first := laptopOnTwoServers(t)
	amendedOnTheWard(t, A.Base, first)
	mine := amendOn(t, lst, first, "amended on the laptop", "Dr Lap")
	void = voidOn(t, lst, mine.ID, "Dr Lap")
	a = laptopApp(laptop, A.Base)
	if out, errs, err := execute(a, (*app).pushCmd, "", "--server", B.Base); err != nil {
		t.Fatalf("push to B: %v\n%s%s", err, out, errs)
	}
	if _, _, err := execute(a, (*app).pushCmd, ""); err == nil {
		t.Fatal("the laptop's push to A met no conflict")
	}
	if out, errs, err := execute(a, (*app).pushCmd, "", "--resolve", void.ID.String(), "--keep-mine", "--void-server-version"); err != nil {
		t.Fatalf("keep-mine --void-server-version on A: %v\n%s%s", err, out, errs)
	}
	if out, errs, err := execute(a, (*app).pushCmd, ""); err != nil {
		t.Fatalf("push to A after settling: %v\n%s%s", err, out, errs)
	}
	var err error
	if kept, err = lst.Current(first.ID); err != nil {
		t.Fatal(err)
	}
	if kept.Status != record.EnteredInError || kept.ID == void.ID {
		t.Fatalf("the laptop's current version after keep-mine is %s (%s), not its void saved again", kept.ID, kept.Status)
	}
	return a, A.Base, B.Base, first, void, kept
}

// TestAVoidKeptOnOneServerIsSettledOnTheOtherAsOffered: B holds the
// laptop's own void, sent there before the conflict on A was found, and A
// the same void kept over the ward's amendment. push --conflicts offered
// --keep-mine for B, and keep-mine refused it as undoing "that void" so
// the assessment "counts again, on every machine", naming it voided "on
// another machine"; keep-server was refused, pointing back at keep-mine;
// only --undo-void settled it, with that false warning. Both versions are
// voids: keeping this machine's undoes nothing. The command offered
// settles it, saying no such thing, and both servers end voided on the
// same current version.
func TestAVoidKeptOnOneServerIsSettledOnTheOtherAsOffered(t *testing.T) {
	t.Setenv("COLUMNS", "80")
	a, srvA, srvB, first, void, kept := voidKeptOnA(t)
	_, _, err := execute(a, (*app).pushCmd, "", "--server", srvB)
	if err == nil {
		t.Fatal("the push to B met no conflict with the laptop's first void there")
	}
	// B's void is the laptop's own; the amendment its void kept rests
	// on is the ward's.
	if why := said(err); strings.Contains(why, "voided on another machine") || !strings.Contains(why, "made by Sister Okafor on another machine") {
		t.Errorf("push to B calls the laptop's own void another machine's, or the ward's amendment the laptop's:\n%s", why)
	}
	listed, _, err := execute(a, (*app).pushCmd, "", "--server", srvB, "--conflicts")
	if err != nil {
		t.Fatal(err)
	}
	listed = pasted(listed) // commands wider than 80 columns go on after " \"
	flat := strings.Join(strings.Fields(listed), " ")
	if !strings.Contains(flat, "void "+void.ID.String()[:13]) || strings.Contains(flat, "amendment "+void.ID.String()[:13]) {
		t.Errorf("push --conflicts does not call B's version, the laptop's void %s, a void:\n%s", void.ID.String()[:13], listed)
	}
	offered := regexp.MustCompile(`digicheck push --server \S+ --resolve \S+ --keep-mine[^\n]*`).FindAllString(listed, -1)
	if len(offered) != 1 {
		t.Fatalf("push --conflicts offers %d keep-mine commands, not one:\n%s", len(offered), listed)
	}
	_, _, err = execute(a, (*app).pushCmd, "", "--server", srvB, "--resolve", kept.ID.String(), "--keep-server")
	if err == nil {
		t.Fatal("keep-server on B, holding the void set aside here, was taken")
	}
	why := said(err)
	for _, want := range []string{"this machine's void " + void.ID.String()[:13], "this machine's void " + kept.ID.String()[:13], "--keep-mine"} {
		if !strings.Contains(why, want) {
			t.Errorf("keep-server's refusal does not say %q:\n%s", want, why)
		}
	}
	if strings.Contains(why, "keeping that server's version") || strings.Contains(why, "amendment "+void.ID.String()[:13]) {
		t.Errorf("keep-server's refusal says the void was an amendment, or that the other server's version was kept:\n%s", why)
	}
	args := strings.Fields(strings.TrimPrefix(offered[0], "digicheck push "))
	out, errs, err := execute(a, (*app).pushCmd, "", args...)
	if err != nil {
		t.Fatalf("the command push --conflicts offered (%s) was refused: %v\n%s%s", offered[0], err, out, errs)
	}
	all := strings.Join(strings.Fields(out+errs), " ")
	for _, wrong := range []string{"undo", "counts again", "on another machine"} {
		if strings.Contains(all, wrong) {
			t.Errorf("settling this machine's void over its own void says %q:\n%s", wrong, out+errs)
		}
	}
	if out, errs, err := execute(a, (*app).pushCmd, "", "--server", srvB); err != nil {
		t.Fatalf("the next push to B: %v\n%s%s", err, out, errs)
	}
	lineA, lineB := serverLine(t, srvA, first.ID), serverLine(t, srvB, first.ID)
	curA, curB := lineA[len(lineA)-1], lineB[len(lineB)-1]
	if curA.Status != record.EnteredInError || curB.Status != record.EnteredInError {
		t.Errorf("A's current version is %s, B's %s: not both entered in error", curA.Status, curB.Status)
	}
	if curA.ID != kept.ID || curB.ID != kept.ID {
		t.Errorf("A's current version is %s and B's %s, not both the void kept, %s", curA.ID, curB.ID, kept.ID)
	}
	if _, _, err := execute(a, (*app).pushCmd, "", "--server", srvB, "--conflicts"); err != nil {
		t.Errorf("push --conflicts after settling: %v", err)
	}
}
