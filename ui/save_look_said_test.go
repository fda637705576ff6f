package ui

import (
	"strings"
	"testing"
)

// TestEnterOnTheResultSaysAtOnceThatTheStoreIsRead: enter on the result
// reads the store for an assessment of the patient saved meanwhile before
// the save; with the store held by another program that takes seconds,
// and the screen showed nothing of it, so the next enter came too soon
// and was refused. It says at once that the store is being read.
func TestEnterOnTheResultSaysAtOnceThatTheStoreIsRead(t *testing.T) {
	t.Parallel()
	read := &heldRead{}
	st := &memStore{}
	o := testOptions(st.Save)
	o.Assessed = read.read
	d := newDriver(t, o, 60, 20)
	toReviewQuickly(d)
	d.press("end", "enter")
	d.waitFor("Result")
	answerReferrals(d, firstReferrals)
	read.set(true) // another program holds the store from now
	before := d.screen()
	_, cmd := d.m.Update(keyPress("enter"))
	if cmd == nil {
		t.Fatalf("enter on the result read nothing:\n%s", d.screen())
	}
	if s := flat(d.screen()); !strings.Contains(s, "Reading the store before saving") || s == flat(before) {
		t.Errorf("enter on the result says nothing while the store is read:\n%s", d.screen())
	}
	checkFits(t, d.m.View().Content, 60, 20)
}
