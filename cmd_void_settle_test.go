package main

import (
	"context"
	"strings"
	"testing"

	"digicheck/internal/testkit"
	"digicheck/store"
)

// TestSettlingAVoidInConflictLeavesTheStoreSound: the laptop voided its
// own amendment offline while the ward amended the same assessment and
// pushed first. Settled either way (the void kept over the ward's
// amendment with --void-server-version, or the ward's amendment kept over
// the void), the server's version taken in rests on the void, as a line of
// versions here does; check took that for damage ("supersedes a record
// entered in error"), and the store refused every save after it.
func TestSettlingAVoidInConflictLeavesTheStoreSound(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	for _, keep := range [][]string{{"--keep-mine", "--void-server-version"}, {"--keep-server"}} {
		t.Run(strings.Join(keep, " "), func(t *testing.T) {
			a, _, lst, first, onLaptop := offlineLaptop(t)
			void, err := lst.Void(onLaptop.ID, store.Voiding{Reason: "wrong patient", Clinician: "Dr Lap"})
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := execute(a, (*app).pushCmd, ""); err == nil {
				t.Fatal("push of the void over the ward's amendment: no conflict")
			}
			args := append([]string{"--resolve", void.ID.String()}, keep...)
			if out, errs, err := execute(a, (*app).pushCmd, "", args...); err != nil {
				t.Fatalf("push %s: %v\n%s%s", strings.Join(args, " "), err, out, errs)
			}
			rep, err := lst.CheckContext(context.Background(), false)
			if err != nil || !rep.OK() {
				t.Fatalf("check after settling: %v, problems %v", err, rep.Problems)
			}
			r := testkit.Assessed(t, testkit.Offline(nil))
			r.Patient = first.Patient
			if err := lst.Save(&r); err != nil {
				t.Fatalf("a save after settling: %v", err)
			}
		})
	}
}
