package main

import (
	"strings"
	"testing"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// TestARefusedSettleWhileTheOtherVersionIsLostGivesSeeBothOnALineOfItsOwn:
// run with --db and --config in a folder with a space, the plain settle
// refused while the other machine's version is lost said "see both
// versions again with digicheck push --db '/x/D dir/store.db' ...
// --conflicts and settle": wrapped with the words around it, the quoted
// path was broken across two lines, and the lines pasted failed. Every
// command for this machine in it now stands on lines of its own.
func TestARefusedSettleWhileTheOtherVersionIsLostGivesSeeBothOnALineOfItsOwn(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	a, ast, _, _, _, onA := otherSideLostForGood(t, srv, false)
	const given = " --db '/laptops/D dir/store.db' --config '/laptops/D dir/config.toml'"
	a.given = given
	short := shortOf(ast, onA.ID)
	out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", short, "--keep-mine")
	if err == nil {
		t.Fatalf("the plain settle while B's version is lost was not refused:\n%s%s", out, stderr)
	}
	said := wrapReport(carryGiven(err, given).Error(), 78)
	if testing.Verbose() {
		t.Logf("refused:\n%s", said)
	}
	seeBoth := false
	lines := strings.Split(said, "\n")
	for i, line := range lines {
		at := strings.Index(line, "digicheck push --db")
		if at < 0 {
			continue
		}
		if strings.Count(line, "'")%2 != 0 {
			t.Errorf("line %d breaks a quoted path of a command for this machine:\n%s", i+1, said)
		}
		if strings.TrimSpace(line[:at]) != "" {
			t.Errorf("line %d gives a command for this machine inside a sentence, to be broken where it is wrapped:\n%s", i+1, said)
		}
		cmd := line
		for j := i; strings.HasSuffix(lines[j], `\`) && j+1 < len(lines); j++ {
			cmd += "\n" + lines[j+1]
		}
		if strings.HasSuffix(strings.TrimSpace(flatCommands(cmd)), "--conflicts") {
			seeBoth = true
		}
	}
	if !strings.HasSuffix(strings.TrimSpace(said), ".") {
		t.Errorf("the refusal does not end with a full stop:\n%s", said)
	}
	if !seeBoth {
		t.Errorf("the refusal gives no command of its own that shows both versions (digicheck push ... --conflicts):\n%s", said)
	}
}

// TestASettleWithoutTheOtherVersionOnAnEmptiedServerGivesCheckServerOnALineOfItsOwn:
// the server emptied again, the settle without the other version said "Run
// digicheck push --db '/x/D dir/store.db' ... --check-server first (...)"
// inside its sentence: wrapped, the quoted path broke across lines. The
// command stands on lines of its own now, as the settle after it does.
func TestASettleWithoutTheOtherVersionOnAnEmptiedServerGivesCheckServerOnALineOfItsOwn(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	srv := fhirserver.Start(t)
	a, ast, _, _, _, onA := otherSideLostForGood(t, srv, false)
	srv.Control(t, fhirserver.Control{Reset: true})
	const given = " --db '/laptops/D dir/store.db' --config '/laptops/D dir/config.toml'"
	a.given = given
	out, stderr, err := execute(a, (*app).pushCmd, "", "--resolve", shortOf(ast, onA.ID), "--keep-mine", "--other-version-lost")
	if err == nil {
		t.Fatalf("the settle on an emptied server was not refused:\n%s%s", out, stderr)
	}
	said := wrapReport(carryGiven(err, given).Error(), 78)
	if testing.Verbose() {
		t.Logf("refused:\n%s", said)
	}
	checkServer := false
	lines := strings.Split(said, "\n")
	for i, line := range lines {
		at := strings.Index(line, "digicheck push --db")
		if at < 0 {
			continue
		}
		if strings.Count(line, "'")%2 != 0 || strings.TrimSpace(line[:at]) != "" {
			t.Errorf("line %d gives a command for this machine inside a sentence, or breaks its quoted path:\n%s", i+1, said)
		}
		cmd := line
		for j := i; strings.HasSuffix(lines[j], `\`) && j+1 < len(lines); j++ {
			cmd += "\n" + lines[j+1]
		}
		if strings.HasSuffix(flatCommands(cmd), "--check-server") {
			checkServer = true
		}
	}
	if !checkServer {
		t.Errorf("the refusal gives no command of its own that sends this machine's versions again (--check-server):\n%s", said)
	}
}
