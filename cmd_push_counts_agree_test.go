package main

import (
	"regexp"
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/record"
)

// TestAPushSettlingOneVoidAndMeetingAConflictCountsEachVersionOnce: a
// laptop back online with two voids, one of an assessment another machine
// had voided on the server too (settled by the push itself, the same
// outcome) and one of an assessment another machine had amended (a
// conflict), said "Sent 0 of 2 record versions; 2 not sent, as said
// below" and then "1 of 2 record versions not sent". The sent line counts
// the settled void as settled, not as not sent, so the two agree; and the
// versions kept here from earlier settles are said to need nothing more,
// not in one sentence of every case that may apply.
func TestAPushSettlingOneVoidAndMeetingAConflictCountsEachVersionOnce(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	laptop, lst, first := agreedToEverything(t)
	second := first
	second.ID = record.ID{}
	if err := lst.Save(&second); err != nil {
		t.Fatal(err)
	}
	pushWith(t, srv.Base, lst)
	_, wst := wardReading(t, srv.Base, first)
	voidOn(t, wst, first.ID, "Sister Okafor")
	amendOn(t, wst, second, "amended on the ward", "Sister Okafor")
	pushWith(t, srv.Base, wst)
	voidOn(t, lst, first.ID, "Dr Lap")
	voidOn(t, lst, second.ID, "Dr Lap")

	out, stderr, err := execute(laptopApp(laptop, srv.Base), (*app).pushCmd, "")
	all := strings.Join(strings.Fields(out+stderr+errText(err)), " ")
	if err == nil {
		t.Fatalf("the push met no conflict:\n%s", all)
	}
	if !strings.Contains(all, "Sent 0 of 2 record versions to ") || !strings.Contains(all, "1 settled, as the server holds its assessment entered in error already; 1 not sent, as said below") {
		t.Errorf("the sent line does not count the settled void and the conflict once each:\n%s", all)
	}
	if !strings.Contains(all, "1 of 2 record versions not sent to ") {
		t.Errorf("the push does not say 1 of 2 not sent:\n%s", all)
	}
	if m := regexp.MustCompile(`; (\d+) not sent, as said below`).FindStringSubmatch(all); m != nil && m[1] != "1" {
		t.Errorf("the sent line counts %s not sent, the summary 1:\n%s", m[1], all)
	}
	// The next push: the void set aside is kept here, settled.
	out, stderr, err = execute(laptopApp(laptop, srv.Base), (*app).pushCmd, "")
	all = strings.Join(strings.Fields(out+stderr+errText(err)), " ")
	if strings.Contains(all, "set aside when conflicts were settled, or resting on a version set aside, and their voids, or") {
		t.Errorf("the versions kept here are said in one sentence of every case:\n%s", all)
	}
	if !strings.Contains(all, "1 record version is kept here and not sent to this server, as settled before: nothing more is needed for it") {
		t.Errorf("the next push does not say the version kept here needs nothing more:\n%s", all)
	}
}
