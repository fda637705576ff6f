package main

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"digicheck/internal/testkit"
)

// TestTheCommandsASettlePrintsSucceedInOrder (issue 13): the ward voided
// an assessment on server A; the laptop's amendment went to server B,
// where the ward kept its void over it. The laptop's settle on A (keeping
// the ward's void) printed two commands for B. Run in order, the first
// called the ward's void, read from A, a "void made here", and the second
// exited 1, "nothing to settle". Each printed command succeeds in order,
// none calls another machine's void made here, and neither server gains a
// version: both hold the assessment entered in error already.
func TestTheCommandsASettlePrintsSucceedInOrder(t *testing.T) {
	t.Parallel()
	testkit.EndToEnd(t) // two FHIR servers and a dozen commands: over 5 s under -race
	A, B, laptop, lst, first := laptopOnTwoServers(t)
	wardPath, wst := wardReading(t, A.Base, first)
	void := voidOn(t, wst, first.ID, "Sister Okafor")
	pushWith(t, A.Base, wst)
	amended := amendOn(t, lst, first, "amended on the laptop", "Dr Lap")
	lap := laptopApp(laptop, A.Base)
	if out, errs, err := execute(lap, (*app).pushCmd, "", "--server", B.Base); err != nil {
		t.Fatalf("the laptop's push to B: %v\n%s%s", err, out, errs)
	}
	ward := laptopApp(wardPath, A.Base)
	if _, _, err := execute(ward, (*app).pushCmd, "", "--server", B.Base); err == nil {
		t.Fatal("the ward's push to B met no conflict with the laptop's amendment")
	}
	if out, errs, err := execute(ward, (*app).pushCmd, "", "--server", B.Base, "--resolve", void.ID.String()[:13], "--keep-mine", "--void-server-version"); err != nil {
		t.Fatalf("the ward's settle on B: %v\n%s%s", err, out, errs)
	}
	if _, _, err := execute(lap, (*app).pushCmd, ""); err == nil {
		t.Fatal("the laptop's push to A met no conflict with the ward's void")
	}
	out, errs, err := execute(lap, (*app).pushCmd, "", "--resolve", amended.ID.String()[:13], "--keep-server")
	if err != nil {
		t.Fatalf("the laptop's settle on A: %v\n%s%s", err, out, errs)
	}
	settle := out + errs
	ran := []string{"the settle on A said:", settle}
	t.Cleanup(func() {
		if t.Failed() || testing.Verbose() {
			t.Logf("%s", strings.Join(ran, "\n"))
		}
	})
	lines := func() [2][]string {
		return [2][]string{ids(serverLine(t, A.Base, first.ID)), ids(serverLine(t, B.Base, first.ID))}
	}
	before := lines()
	cmds := regexp.MustCompile(`(?m)^ +digicheck push.*$`).FindAllString(pasted(settle), -1)
	if len(cmds) == 0 {
		t.Fatalf("the settle on A printed no command for B")
	}
	for _, c := range cmds {
		args := strings.Fields(strings.TrimPrefix(strings.TrimSpace(c), "digicheck push"))
		o, e, err := execute(lap, (*app).pushCmd, "", args...)
		ran = append(ran, "== "+strings.TrimSpace(c), o+e)
		if err != nil {
			ran = append(ran, "error: "+err.Error())
			t.Errorf("%s, printed by the settle, exits non-zero: %v", strings.TrimSpace(c), said(err))
		}
		if all := strings.Join(strings.Fields(o+e), " "); strings.Contains(all, "void made here") {
			t.Errorf("%s calls the ward's void, read from A, a void made here", strings.TrimSpace(c))
		}
		if now := lines(); !slices.Equal(now[0], before[0]) || !slices.Equal(now[1], before[1]) {
			t.Fatalf("after %s the servers hold A %v and B %v, not A %v and B %v", strings.TrimSpace(c), now[0], now[1], before[0], before[1])
		}
	}
}
