package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/site"
)

// TestASummaryReadThroughAPipeGivesItsBannersOnce: `digicheck summary |
// less` showed "SYNTHETIC TEST DATA" and "Inputs cover different spans"
// twice at the terminal, once from standard error and once at the head
// of the table read through the pipe. A table or Markdown summary into a
// pipe gives its banners in the output only; into a file, where whoever
// is at the keyboard does not see them, and as CSV or JSON, which hold
// them in a column or field, standard error gives them too.
func TestASummaryReadThroughAPipeGivesItsBannersOnce(t *testing.T) {
	t.Parallel()
	db := syntheticDB(t)
	for _, c := range []struct {
		format   string
		piped    bool
		onStderr bool
	}{
		{"table", true, false},
		{"markdown", true, false},
		{"csv", true, true},
		{"json", true, true},
		{"table", false, true},
		{"markdown", false, true},
	} {
		var out *os.File
		var read func() string
		if c.piped {
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			done := make(chan string)
			go func() {
				b, _ := io.ReadAll(r)
				r.Close()
				done <- string(b)
			}()
			out, read = w, func() string { w.Close(); return <-done }
		} else {
			f, err := os.Create(filepath.Join(t.TempDir(), "summary.out"))
			if err != nil {
				t.Fatal(err)
			}
			out, read = f, func() string { f.Close(); b, _ := os.ReadFile(f.Name()); return string(b) }
		}
		a := &app{settings: site.Settings{DB: db, Config: site.Config{Disclosure: site.DefaultDisclosure}}}
		cmd := a.summaryCmd()
		var errb bytes.Buffer
		cmd.SetOut(out)
		cmd.SetErr(&errb)
		cmd.SetArgs([]string{"--format", c.format, "--from", "2025-01-01", "--to", "2025-06-30"})
		cmd.SilenceUsage, cmd.SilenceErrors = true, true
		err := cmd.Execute()
		got := read()
		if err != nil {
			t.Fatalf("%s: %v", c.format, err)
		}
		if !strings.Contains(strings.ToLower(got), "synthetic test data") {
			t.Errorf("%s (piped %v): the output does not say it is synthetic", c.format, c.piped)
		}
		if strings.Contains(errb.String(), "SYNTHETIC TEST DATA") != c.onStderr {
			t.Errorf("%s (piped %v): standard error %q; want the banner there %v", c.format, c.piped, errb.String(), c.onStderr)
		}
	}
}
