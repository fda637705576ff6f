package main

import (
	"strings"
	"testing"

	"digicheck/internal/testkit"
)

// TestPushConflictsSaysItsHeadingOnceAndItsCommandsWhole: push
// --conflicts said "Oldest first. Give an id as shown to digicheck show,
// amend or void." under this machine's version and again under the
// server's; its commands ran to about 110 columns, which a terminal of
// 80 broke inside the record id; and push's own hint broke its command
// over two lines ("--resolve RECORD" / "--keep-mine"). The heading is said
// once, and every command is whole on a line of its own within 80
// columns.
func TestPushConflictsSaysItsHeadingOnceAndItsCommandsWhole(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	site, srv, _, _, _ := offlineLaptop(t)
	// Pushed to a server other than the site's (none here): every
	// command carries --server URL.
	a := &app{settings: site.settings}
	a.settings.Config.FHIRServer.FHIRServerURL = ""
	_, _, err := execute(a, (*app).pushCmd, "", "--server", srv.Base)
	if err == nil {
		t.Fatal("push of the laptop's amendment: no conflict")
	}
	// Read as pasted: a command wider than the terminal goes on after
	// a trailing " \".
	for _, line := range strings.Split(pasted(err.Error()), "\n") {
		l := strings.TrimSpace(line)
		if strings.HasSuffix(l, "--resolve") || strings.HasSuffix(l, "RECORD") || strings.HasPrefix(l, "--keep-") ||
			(strings.Contains(l, "digicheck push") && strings.Contains(l, "--resolve") && !strings.Contains(l, "--keep-")) {
			t.Errorf("push's hint breaks a command over lines at %q:\n%s", line, err)
		}
	}
	out, stderr, err := execute(a, (*app).pushCmd, "", "--server", srv.Base, "--conflicts")
	if err != nil {
		t.Fatalf("push --conflicts: %v\n%s%s", err, out, stderr)
	}
	if n := strings.Count(out, "Oldest first."); n != 1 {
		t.Errorf("push --conflicts says its heading %d times, want once:\n%s", n, out)
	}
	// The version held here is called so: "this machine" named another
	// machine's record read in ("Made by / this machine: Nurse m2").
	if strings.Contains(out, "    this machine: ") {
		t.Errorf("push --conflicts labels the version held here \"this machine\":\n%s", out)
	}
	for i, l := range strings.Split(out, "\n") {
		if len(l) > 80 {
			t.Errorf("line %d of push --conflicts is %d columns: %q", i+1, len(l), l)
		}
	}
	commands := 0
	for _, line := range strings.Split(pasted(out), "\n") {
		if !strings.Contains(line, "digicheck push") || !strings.Contains(line, "--resolve") {
			continue
		}
		commands++
		if i := strings.Index(line, "--resolve "); i < 0 || strings.ContainsAny(line[i+10:i+23], " \n") {
			t.Errorf("a command's record id is not whole within 80 columns: %q", line)
		}
		if !strings.Contains(line, "--keep-") {
			t.Errorf("a command is broken over lines: %q\n%s", line, out)
		}
	}
	if commands < 2 {
		t.Errorf("push --conflicts gives %d commands, want both ways of settling:\n%s", commands, out)
	}
}
