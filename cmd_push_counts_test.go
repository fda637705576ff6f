package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"digicheck/internal/testkit"
)

// TestPushCountsAgree: a push whose amendment met a conflict, with a
// follow-up of it waiting behind, said "push: 1 of 2 record versions gone
// through: … 1 not sent" beside "2 of 2 record versions not sent": the
// progress lines, taken together, count every version the push did not
// send, as the summary does.
func TestPushCountsAgree(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	a, _, lst, first, onLaptop := offlineLaptop(t)
	fu := testkit.Assessed(t, testkit.Included(nil))
	fu.Patient, fu.FollowsUp, fu.Clinician = first.Patient, onLaptop.ID, "Nurse Bea"
	if err := lst.Save(&fu); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := execute(a, (*app).pushCmd, "")
	if err == nil {
		t.Fatalf("push: no conflict:\n%s%s", out, stderr)
	}
	all := strings.Join(strings.Fields(out+stderr+err.Error()), " ")
	m := regexp.MustCompile(`(\d+) of (\d+) record versions not sent to`).FindStringSubmatch(all)
	if m == nil {
		t.Fatalf("push does not say how many were not sent:\n%s", all)
	}
	want, _ := strconv.Atoi(m[1])
	got := 0
	for _, l := range strings.Split(stderr, "\n") {
		if p := regexp.MustCompile(`^push: .*accounted for: .*, (\d+) not sent`).FindStringSubmatch(l); p != nil {
			got, _ = strconv.Atoi(p[1]) // the last line counts
		}
		if p := regexp.MustCompile(`^push: the other (\d+) `).FindStringSubmatch(l); p != nil {
			n, _ := strconv.Atoi(p[1])
			got += n
		}
	}
	if got != want {
		t.Errorf("the progress lines count %d versions not sent, the summary %d:\n%s", got, want, all)
	}
}
