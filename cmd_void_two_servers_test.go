package main

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
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
// another machine"; keep-server was refused, pointing back at keep-mine.
// Both versions are voids, so B needs nothing more; and keeping the
// laptop's line there would send the ward's amendment over B's void
// first, undoing it on B until the void followed (as it did, once offered
// and run). B's void stays current throughout: push --conflicts says B
// holds the assessment entered in error and offers no keep-mine, and
// keep-mine, asked for, is refused saying why, with nothing sent; keeping
// B's void settles it, and the next push to B sends nothing and succeeds.
func TestAVoidKeptOnOneServerIsSettledOnTheOtherAsOffered(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	a, srvA, srvB, first, void, kept := voidKeptOnA(t)
	// Both hold the assessment entered in error: the push to B settles
	// it itself, keeping B's void (the laptop's own, set aside here),
	// sending nothing.
	out, errs, err := execute(a, (*app).pushCmd, "", "--server", srvB)
	if err != nil {
		t.Fatalf("the push to B, which holds the assessment voided as the laptop does: %v\n%s%s", err, out, errs)
	}
	// B's void is the laptop's own; the amendment its void kept rests
	// on is the ward's.
	if why := strings.Join(strings.Fields(out+errs), " "); !strings.Contains(why, "Settled without a command") || strings.Contains(why, "voided on another machine") ||
		!strings.Contains(why, "this machine's own void "+void.ID.String()[:13]) || strings.Contains(why, "amendment "+void.ID.String()[:13]) ||
		!strings.Contains(why, "Sister Okafor's amendment") || strings.Contains(why, "--resolve") {
		t.Errorf("push to B does not say it settled it, or calls the laptop's own void another machine's, or the ward's amendment the laptop's:\n%s%s", out, errs)
	}
	voidedThroughout(t, srvB, first.ID)
	listed, _, err := execute(a, (*app).pushCmd, "", "--server", srvB, "--conflicts")
	if err != nil || !strings.HasPrefix(listed, "No conflicts") || strings.Contains(listed, "--keep-mine") {
		t.Errorf("push --conflicts after the push settled it (%v):\n%s", err, listed)
	}
	if _, _, err := execute(a, (*app).pushCmd, "", "--server", srvB, "--resolve", kept.ID.String()[:13], "--keep-mine"); err == nil {
		t.Fatal("keep-mine on B, which would send the ward's amendment over B's void, was taken")
	}
	voidedThroughout(t, srvB, first.ID)
	// The keep-server once offered has nothing left to do, and says so.
	out, errs, err = execute(a, (*app).pushCmd, "", "--server", srvB, "--resolve", kept.ID.String(), "--keep-server")
	if err != nil || !strings.Contains(out, "Nothing left to settle") {
		t.Errorf("keep-server on B after the push settled it: %v\n%s%s", err, out, errs)
	}
	voidedThroughout(t, srvB, first.ID)
	if out, errs, err := execute(a, (*app).pushCmd, "", "--server", srvB); err != nil {
		t.Errorf("the push to B after keeping its void: %v\n%s%s", err, out, errs)
	}
	voidedThroughout(t, srvB, first.ID)
	lineA, lineB := serverLine(t, srvA, first.ID), serverLine(t, srvB, first.ID)
	if curA := lineA[len(lineA)-1]; curA.ID != kept.ID {
		t.Errorf("A's current version is %s, not the void kept, %s", curA.ID, kept.ID)
	}
	if curB := lineB[len(lineB)-1]; curB.ID != void.ID {
		t.Errorf("B's current version is %s, not the laptop's first void, %s", curB.ID, void.ID)
	}
}
