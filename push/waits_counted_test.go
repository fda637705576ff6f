package push

import (
	"strings"
	"testing"
	"time"

	"digicheck/internal/fhirserver"
)

// TestTheVersionsThatWaitAreCountedInTheProgressAndListedWhenTheSendFails:
// after the restore, A's amendment waits on B's version, which the server
// lacks, and A has a new assessment to send. The progress said "1 of 1
// record versions accounted for: 1 sent" beside "Sent 1 of 2" (the one
// that waits left out). It counts both, the one that waits said as such.
// With every Bundle refused (500), the one that waits was not named: it
// is, with what to run on the machine that made the version it waits on.
func TestTheVersionsThatWaitAreCountedInTheProgressAndListedWhenTheSendFails(t *testing.T) {
	for _, failing := range []bool{false, true} {
		t.Run(map[bool]string{false: "sent", true: "every Bundle refused"}[failing], func(t *testing.T) {
			a, s, _, v2, _ := handedBack(t)
			saved(t, a, "9434765870")
			c := client(t, s.Base, 10*time.Second)
			if failing {
				s.Faults(t, fhirserver.Fault{Method: "POST", Path: "/", Status: 500, Times: 50})
			}
			var last Progress
			o := quick
			o.CheckServer = true
			o.Progress = func(p Progress) { last = p }
			rep, err := run(t, a, c, o)
			if err == nil {
				t.Fatal("the push ends with nothing said of the version that waits")
			}
			if !failing {
				if last.Total != 2 || last.Done != 2 || last.Sent != 1 || last.Waits != 1 || rep.Sent != 1 {
					t.Errorf("the progress says %+v (sent %d), want 2 of 2 accounted for: 1 sent, 1 waiting on another machine's", last, rep.Sent)
				}
				return
			}
			for _, want := range []string{"2 of 2 record versions not sent", v2.ID.String(), v2.Clinician, "digicheck push --check-server"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("the failed push does not say %q:\n%v", want, err)
				}
			}
		})
	}
}
