package main

import (
	"slices"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/record"
)

// TestKeepMineIsNeitherOfferedNorTakenForAVoidOverAVoid (issue 13): the
// ward voided an assessment on server A; the laptop's amendment went to
// server B, where the ward kept its void over it (the amendment taken in
// under a new void). The ward's push to A meets A's void: both hold the
// assessment entered in error. The ward's history offered "--keep-mine
// --undo-void", and taken, it would put the laptop's amendment on A over
// the void, then a second void in the ward's name. Keeping this machine's
// void over the server's is never offered (history, push --conflicts, the
// refused void) nor taken, with or without --undo-void, and A's history
// never gains a version. Both hold the assessment entered in error: the
// ward's push settles it itself, keeping A's void, and the --keep-server
// it once offered has nothing left to do.
func TestKeepMineIsNeitherOfferedNorTakenForAVoidOverAVoid(t *testing.T) {
	testkit.EndToEnd(t) // two FHIR servers and a dozen commands: over 5 s under -race
	t.Setenv("COLUMNS", "80")
	A, B, laptop, lst, first := laptopOnTwoServers(t)
	wardPath, wst := wardReading(t, A.Base, first)
	wardVoid := voidOn(t, wst, first.ID, "Sister Okafor")
	pushWith(t, A.Base, wst)
	amendOn(t, lst, first, "amended on the laptop", "Dr Lap")
	if out, errs, err := execute(laptopApp(laptop, B.Base), (*app).pushCmd, ""); err != nil {
		t.Fatalf("the laptop's push to B: %v\n%s%s", err, out, errs)
	}
	ward := laptopApp(wardPath, A.Base)
	execute(ward, (*app).pushCmd, "", "--server", B.Base)
	if out, errs, err := execute(ward, (*app).pushCmd, "", "--server", B.Base, "--resolve", wardVoid.ID.String()[:13], "--keep-mine", "--void-server-version"); err != nil {
		t.Fatalf("the ward's settle on B: %v\n%s%s", err, out, errs)
	}
	mine, err := wst.Current(first.ID)
	if err != nil || mine.Status != record.EnteredInError {
		t.Fatalf("the ward's current version is %s (%s), %v: not a void", mine.ID, mine.Status, err)
	}
	lap := ward
	before := ids(serverLine(t, A.Base, first.ID))
	if before[len(before)-1] != wardVoid.ID.String() {
		t.Fatalf("A's line is %v, not ending in the ward's void: the set-up failed", before)
	}
	var said []string
	t.Cleanup(func() {
		if t.Failed() || testing.Verbose() {
			t.Logf("what was run, and what it said:\n%s", strings.Join(said, "\n"))
		}
	})
	run := func(name string, args ...string) (string, error) {
		t.Helper()
		var o, e string
		var err error
		switch name {
		case "push":
			o, e, err = execute(lap, (*app).pushCmd, "", args...)
		case "history":
			o, e, err = execute(lap, (*app).historyCmd, "", args...)
		case "void":
			o, e, err = execute(lap, (*app).voidCmd, "", args...)
		}
		all := o + e
		if err != nil {
			all += "\n" + err.Error()
		}
		said = append(said, "== "+name+" "+strings.Join(args, " "), all)
		if now := ids(serverLine(t, A.Base, first.ID)); !slices.Equal(now, before) {
			t.Fatalf("after %s %s A holds %v, not %v: a version was sent over the ward's void", name, strings.Join(args, " "), now, before)
		}
		return strings.Join(strings.Fields(all), " "), err
	}
	// Both hold the assessment entered in error: the push settles it
	// itself, keeping A's void, and lists no conflict.
	if all, err := run("push"); err != nil || !strings.Contains(all, "Settled without a command") {
		t.Fatalf("the ward's push to A, which holds the assessment voided as the ward does, did not settle it itself (%v): %s", err, all)
	}
	for _, c := range [][]string{
		{"history", first.Patient.Value},
		{"push", "--conflicts"},
		{"void", mine.ID.String()[:13], "--reason", "wrong patient", "--clinician", "Sister Okafor"},
	} {
		all, _ := run(c[0], c[1:]...)
		if strings.Contains(all, "--keep-mine") {
			t.Errorf("%s offers --keep-mine for a void over the server's void", strings.Join(c, " "))
		}
	}
	// The ward's void is held by B: never "current here only, and not
	// sent", and at 60 columns each command printed whole, or broken
	// between flags with " \\".
	t.Setenv("COLUMNS", "60")
	o, e, _ := execute(lap, (*app).historyCmd, "", first.Patient.Value)
	t.Setenv("COLUMNS", "80")
	said = append(said, "== history at 60 columns", o+e)
	if all := strings.Join(strings.Fields(o+e), " "); strings.Contains(all, "current here only") || !strings.Contains(all, "NOT SENT THERE") || !strings.Contains(all, "which holds this assessment entered in error already") {
		t.Errorf("the ward's history calls its void, which B holds, current here only, or does not say it is set aside for A, which holds the assessment entered in error already")
	}
	hist := strings.Split(o+e, "\n")
	for i, l := range hist {
		if len([]rune(l)) > 60 && strings.Contains(l, "digicheck push") {
			t.Errorf("at 60 columns the history prints a command %d columns wide: %q", len([]rune(l)), l)
		}
		if strings.HasPrefix(strings.TrimSpace(l), "digicheck push") && !strings.HasSuffix(l, " \\") && i+1 < len(hist) && strings.HasPrefix(strings.TrimSpace(hist[i+1]), "--") {
			t.Errorf("at 60 columns the history breaks a command without \" \\\": %q then %q", l, hist[i+1])
		}
	}
	for _, flags := range [][]string{{"--keep-mine"}, {"--keep-mine", "--undo-void"}} {
		if _, err := run("push", append([]string{"--resolve", mine.ID.String()[:13]}, flags...)...); err == nil {
			t.Errorf("push --resolve %s %s, a void over the server's void, was taken", mine.ID.String()[:13], strings.Join(flags, " "))
		}
	}
	// Settled by the push: the --keep-server it once offered changes
	// nothing, and says so.
	if all, err := run("push", "--resolve", mine.ID.String()[:13], "--keep-server"); err != nil || !strings.Contains(all, "Nothing left to settle") {
		t.Fatalf("--keep-server after the push settled it: %v\n%s", err, all)
	}
	if all, err := run("push"); err != nil {
		t.Errorf("the push after: %v\n%s", err, all)
	}
	if cur, err := wst.Current(first.ID); err != nil || cur.Status != record.EnteredInError {
		t.Errorf("the ward's current version is %s (%s), %v: not entered in error", cur.ID, cur.Status, err)
	}
}
