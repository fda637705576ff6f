package main

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
)

// TestVersionsSetAsideWithOneServerAreNotSaidNeverSent (issue 13): the
// laptop sent its amendment to server B, then met the ward's amendment on
// server A and kept A's version. Settling said the laptop's versions were
// "kept here, never sent, never counted", and each push to A that they
// were "kept here and never sent", of a version B holds as current. What
// is said is true for each server: not sent to this one.
func TestVersionsSetAsideWithOneServerAreNotSaidNeverSent(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	A, B, laptop, lst, first := laptopOnTwoServers(t)
	mine := amendOn(t, lst, first, "amended on the laptop", "Dr Lap")
	pushWith(t, B.Base, lst)
	amendedOnTheWard(t, A.Base, first)
	a := laptopApp(laptop, A.Base)
	if _, _, err := execute(a, (*app).pushCmd, ""); err == nil {
		t.Fatal("the laptop's push to A met no conflict")
	}
	out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", mine.ID.String()[:13], "--keep-server")
	if err != nil {
		t.Fatalf("keep-server on A: %v\n%s%s", err, out, stderr)
	}
	said := map[string]string{"settling with A": out + stderr}
	out, stderr, err = execute(a, (*app).pushCmd, "")
	if err != nil {
		t.Fatalf("push to A: %v\n%s%s", err, out, stderr)
	}
	said["the next push to A"] = out + stderr
	for when, text := range said {
		flat := strings.Join(strings.Fields(text), " ")
		if strings.Contains(flat, "never sent") {
			t.Errorf("%s says the laptop's versions were never sent, and B holds its amendment %s:\n%s", when, mine.ID.String()[:13], text)
		}
		if !strings.Contains(flat, "not sent to this server") {
			t.Errorf("%s does not say the versions set aside are not sent to this server:\n%s", when, text)
		}
	}
}
