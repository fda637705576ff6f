package main

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
)

// TestSettledMessagesIndentEvenly: what push --resolve says once a
// conflict is settled was written in lines broken by hand, each wrapped
// again at 80 columns, so its lines indented unevenly ("is current" /
// "    now,"; "to be sent" / "    now:"). A message's lines run on at one
// indent; only a command stands deeper, on a line of its own.
func TestSettledMessagesIndentEvenly(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	for _, how := range []string{"--keep-server", "--keep-mine"} {
		t.Run(how, func(t *testing.T) {
			a, _, _, _, onLaptop := offlineLaptop(t)
			execute(a, (*app).pushCmd, "")
			out, errs, err := execute(a, (*app).pushCmd, "", "--resolve", onLaptop.ID.String(), how)
			if err != nil {
				t.Fatalf("push --resolve %s: %v\n%s%s", how, err, out, errs)
			}
			at := strings.Index(out, "Settled:")
			if at < 0 {
				t.Fatalf("push --resolve %s does not say it is settled:\n%s", how, out)
			}
			lines := strings.Split(strings.TrimRight(out[at:], "\n"), "\n")
			for i, l := range lines[1:] {
				body := strings.TrimLeft(l, " ")
				if body == l {
					break // the next message
				}
				if strings.HasPrefix(body, "digicheck ") {
					continue
				}
				if indent := len(l) - len(body); indent != 2 {
					t.Errorf("push --resolve %s: line %d is indented %d, want 2 as the lines before it: %q\n%s", how, i+2, indent, l, out)
				}
				if len(l) > 80 {
					t.Errorf("push --resolve %s: line %d is over 80 columns: %q", how, i+2, l)
				}
			}
		})
	}
}
