package main

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"digicheck/internal/testkit"
)

// TestAnNHSNumberTypedUnquotedAsItIsPrintedIsTakenAsOnePatient: history
// 943 476 5919, typed as the number is printed, was refused with cobra's
// "accepts 1 arg(s), received 3", though PATIENT is an NHS number with
// spaces allowed. Arguments of digits alone, 10 digits in all, are the one
// number, as if quoted; anything else is refused saying to give one NHS
// number, quoted if it has spaces.
func TestAnNHSNumberTypedUnquotedAsItIsPrintedIsTakenAsOnePatient(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 2)
	quotedOut, quotedErr, err := runStoreCmd(t, path, (*app).historyCmd, testkit.NHSNumber)
	if err != nil {
		t.Fatalf("history %q: %v\n%s", testkit.NHSNumber, err, quotedErr)
	}
	out, stderr, err := runStoreCmd(t, path, (*app).historyCmd, strings.Fields(testkit.NHSNumber)...)
	if err != nil || out != quotedOut || stderr != quotedErr {
		t.Errorf("history %s unquoted = %v\n%s%s\nwant as quoted:\n%s%s", testkit.NHSNumber, err, out, stderr, quotedOut, quotedErr)
	}

	for _, mk := range []func(*app) *cobra.Command{(*app).historyCmd, (*app).followupCmd} {
		c := mk(&app{})
		for _, args := range [][]string{{"943", "476", "5919"}, {"9434", "765919"}, {"943", "476", "591", "9"}} {
			if err := c.Args(c, args); err != nil {
				t.Errorf("%s %v refused: %v", c.Name(), args, err)
			}
		}
		for _, args := range [][]string{{}, {"943", "476"}, {"943", "476", "59190"}, {"943", "abc", "5919"}, {"943-476", "5919"}, {"RX1", "234"}} {
			err := c.Args(c, args)
			if err == nil {
				t.Errorf("%s %v accepted, want refused", c.Name(), args)
				continue
			}
			if msg := err.Error(); strings.Contains(msg, "arg(s)") || !strings.Contains(msg, "one NHS number") || !strings.Contains(msg, "quote") {
				t.Errorf("%s %v refused with %q; want it to say to give one NHS number, quoted if it has spaces", c.Name(), args, msg)
			}
		}
	}
}
