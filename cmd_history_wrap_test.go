//go:build !windows

package main

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"
	"github.com/spf13/cobra"

	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
)

// onTerminal runs a's command mk with args with its output and error on
// a pseudo-terminal cols columns wide, as at a clinician's terminal, and
// returns what the terminal was sent, its line ends made plain.
func onTerminal(t *testing.T, cols int, a *app, mk func(*app) *cobra.Command, args ...string) (string, error) {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if errors.Is(err, pty.ErrUnsupported) || err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	defer ptmx.Close()
	if err := pty.Setsize(ptmx, &pty.Winsize{Cols: uint16(cols), Rows: 24}); err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	read := make(chan struct{})
	go func() {
		_, _ = io.Copy(&got, ptmx)
		close(read)
	}()
	c := mk(a)
	c.SetIn(strings.NewReader(""))
	c.SetOut(tty)
	c.SetErr(tty)
	c.SetArgs(args)
	c.SilenceUsage, c.SilenceErrors = true, true
	err = c.Execute()
	tty.Close()
	<-read
	return strings.ReplaceAll(got.String(), "\r\n", "\n"), err
}

// TestHistoryAtATerminalWrapsAtWholeWords (issue 13): at an 80-column
// terminal, what history says while it asks the FHIR server ("Asking the
// FHIR server … for patient …'s assessments (waiting at most …)...") and
// its warning of an assessment in conflict with the server ran past 80
// columns, and the terminal broke them mid-word ("as" / "sessments").
// Every line it writes there is at most 80 columns, no word lost or cut;
// to a file or a pipe too, at COLUMNS, else 80, as push and summary fill
// theirs (piped, its warnings ran to 311 columns).
func TestHistoryAtATerminalWrapsAtWholeWords(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	srv := fhirserver.Shared(t)
	a, _, first, onLaptop, _ := serverChangedPastTheLaptop(t, srv)

	piped, pipedErr, err := execute(a, (*app).historyCmd, "", first.Patient.Value)
	if err != nil {
		t.Fatalf("history: %v\n%s", err, pipedErr)
	}
	asking := ""
	for _, l := range strings.Split(pipedErr, "\n") {
		if strings.HasPrefix(l, "Asking the FHIR server ") {
			asking = l
		}
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("piped, a line of %d columns: %q", w, l)
		}
	}
	if asking == "" || !strings.Contains(strings.Join(strings.Fields(pipedErr), " "), "'s assessments (waiting at most 8s)...") {
		t.Fatalf("piped, history does not say it asks the server:\n%s", pipedErr)
	}
	if !strings.Contains(pipedErr, "holds a newer state of this patient's assessment") {
		t.Fatalf("no conflict warning to wrap:\n%s", pipedErr)
	}

	got, err := onTerminal(t, 80, a, (*app).historyCmd, first.Patient.Value)
	if err != nil {
		t.Fatalf("history at a terminal: %v\n%s", err, got)
	}
	for i, l := range strings.Split(got, "\n") {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("line %d is %d columns, broken by the terminal: %q", i+1, w, l)
		}
	}
	if strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(pipedErr+piped), " ") {
		t.Errorf("at the terminal, words were lost, cut or reordered:\n%s\npiped:\n%s%s", got, pipedErr, piped)
	}
	for _, whole := range []string{asking[:20], "digicheck push --resolve " + onLaptop.ID.String()[:13] + " --keep-server"} {
		if !strings.Contains(got, whole) {
			t.Errorf("%q is not whole on a line at the terminal:\n%s", whole, got)
		}
	}
}

// TestFollowUpAtATerminalWrapsAtWholeWords: what followup says while it
// asks the FHIR server, and its warning of an assessment in conflict, are
// wrapped at whole words at an 80-column terminal, as history's are; they
// ran past the width and the terminal broke them mid-word.
func TestFollowUpAtATerminalWrapsAtWholeWords(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	srv := fhirserver.Shared(t)
	a, _, first, _, _ := serverChangedPastTheLaptop(t, srv)

	_, pipedErr, _ := execute(a, (*app).followupCmd, "", first.Patient.Value)
	long := false
	for _, l := range strings.Split(pipedErr, "\n") {
		long = long || len(l) > 80
	}
	if !long || !strings.Contains(pipedErr, "Asking the FHIR server ") {
		t.Fatalf("piped, followup said no line of more than 80 columns to wrap:\n%s", pipedErr)
	}
	got, _ := onTerminal(t, 80, a, (*app).followupCmd, first.Patient.Value)
	for i, l := range strings.Split(got, "\n") {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("line %d is %d columns, broken by the terminal: %q", i+1, w, l)
		}
	}
	if !strings.Contains(got, "Asking the FHIR server ") {
		t.Errorf("at the terminal, followup did not say it asked the server:\n%s", got)
	}
}
