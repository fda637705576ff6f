package main

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
)

// TestVoidingAFollowUpOfAVersionSetAsideSaysItIsNeverSent: push held back
// a follow-up resting on a version set aside when its conflict was
// settled, and advised voiding it. The void command then promised to send
// the void later ("will retry ... waiting behind an earlier record"), and
// push said every version of the store was accepted by the server. Neither
// the follow-up, nor the version it rests on, nor its void will ever be
// sent: both must say so.
func TestVoidingAFollowUpOfAVersionSetAsideSaysItIsNeverSent(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	a, srv, _, fu := followUpSetAside(t)
	out, stderr, err := execute(a, (*app).voidCmd, "", fu.ID.String(), "--reason", "followed up a version set aside", "--clinician", "Dr Void Test")
	if err != nil {
		t.Fatalf("void: %v\n%s%s", err, out, stderr)
	}
	all := strings.Join(strings.Fields(out+stderr), " ")
	for _, bad := range []string{"will retry", "waiting behind", "sent with the next save or push"} {
		if strings.Contains(all, bad) {
			t.Errorf("void promises the void is sent later (%q), yet it never will be:\n%s", bad, all)
		}
	}
	for _, want := range []string{"kept here and not sent", "never sent"} {
		if !strings.Contains(all, want) {
			t.Errorf("void does not say %q:\n%s", want, all)
		}
	}
	if serverHasAny(t, srv.Base, fu.ID) {
		t.Fatal("the follow-up or its void was sent")
	}
	out, stderr, err = execute(a, (*app).pushCmd, "")
	if err != nil {
		t.Fatalf("push: %v\n%s%s", err, out, stderr)
	}
	all = strings.Join(strings.Fields(out+stderr), " ")
	if strings.Contains(all, "every record version in this store was accepted") {
		t.Errorf("push claims every version was accepted, yet three are kept here and never sent:\n%s", all)
	}
	if !strings.Contains(all, "3 record versions are kept here and not sent to this server") {
		t.Errorf("push does not say the 3 versions set aside or resting on one are kept here and never sent:\n%s", all)
	}
}
