package push

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestAFollowUpOfAnAmendmentTheServerLostWithAnotherMachinesIsHeldBack:
// A amended B's amendment, and the server, restored from an older
// backup, lacks both. push --check-server said A's amendment waits on
// B's, but left it marked accepted; the push after the save of a
// follow-up of A's amendment (which checks nothing) sent the follow-up
// onto a server lacking what it follows up. It holds the follow-up back,
// said as waiting on B's record; once B's push --check-server sends that
// again, A's next push sends A's amendment, then the follow-up.
func TestAFollowUpOfAnAmendmentTheServerLostWithAnotherMachinesIsHeldBack(t *testing.T) {
	a, b, s, _, v2, v3 := handedBackWithB(t)
	c := client(t, s.Base, 10*time.Second)
	check := quick
	check.CheckServer = true
	if _, err := run(t, a, c, check); !errors.Is(err, ErrWaitsOnOther) {
		t.Fatalf("A's push --check-server ends %v, not as waiting on B's amendment", err)
	}
	f := followUp(t, a, v3)

	// The push after the save, as digicheck runs it: nothing checked.
	rep, err := run(t, a, c, quick)
	if sent(t, a, c.Base(), f.ID) {
		t.Fatalf("the follow-up of A's amendment, which the server lacks, was sent: %v", err)
	}
	var we *WaitsError
	if len(rep.Failed) != 1 || !errors.As(rep.Failed[0].Err, &we) || we.Copy.Base != v2.ID {
		t.Errorf("the follow-up is not said to wait on B's amendment %s: %v", v2.ID, rep.Failed)
	}
	if !errors.Is(err, ErrWaitsOnOther) || !strings.Contains(err.Error(), "digicheck push --check-server") {
		t.Errorf("A's push ends %v, not saying what to run on B's machine", err)
	}

	// B sends its amendment again; A's next push, still checking
	// nothing, sends A's amendment and the follow-up on it.
	if rep, err := run(t, b, c, check); err != nil || rep.Sent != 1 {
		t.Fatalf("B's push --check-server: sent %d, %v", rep.Sent, err)
	}
	rep, err = run(t, a, c, quick)
	if err != nil || rep.Sent != 2 || !sent(t, a, c.Base(), f.ID) || !sent(t, a, c.Base(), v3.ID) {
		t.Errorf("A's push once B's amendment is back: sent %d (want A's amendment and the follow-up), %v", rep.Sent, err)
	}
}

// TestAFollowUpOfAnAmendmentTheServerLostAloneIsHeldBackUntilItIsSentAgain:
// as above, but B has sent its amendment again before A follows up A's:
// the server holds B's amendment and lacks A's, still marked accepted
// here. The follow-up was sent onto the server lacking what it follows
// up. It is held back, saying why; A's amendment is marked accepted no
// longer, and the next push sends it, then the follow-up.
func TestAFollowUpOfAnAmendmentTheServerLostAloneIsHeldBackUntilItIsSentAgain(t *testing.T) {
	a, b, s, _, _, v3 := handedBackWithB(t)
	c := client(t, s.Base, 10*time.Second)
	check := quick
	check.CheckServer = true
	if rep, err := run(t, b, c, check); err != nil || rep.Sent != 1 {
		t.Fatalf("B's push --check-server: sent %d, %v", rep.Sent, err)
	}
	f := followUp(t, a, v3)
	rep, err := run(t, a, c, quick)
	if sent(t, a, c.Base(), f.ID) {
		t.Fatalf("the follow-up of A's amendment, which the server lacks, was sent: %v", err)
	}
	if len(rep.Failed) != 1 || !errors.Is(rep.Failed[0].Err, errRestsOn) || !strings.Contains(err.Error(), v3.ID.String()) || !strings.Contains(err.Error(), "no longer holds") {
		t.Errorf("the follow-up is not said held back on A's amendment %s, which the server no longer holds: %v", v3.ID, err)
	}
	rep, err = run(t, a, c, quick)
	if err != nil || rep.Sent != 2 || !sent(t, a, c.Base(), f.ID) {
		t.Errorf("A's next push: sent %d (want A's amendment and the follow-up), %v", rep.Sent, err)
	}
}
