package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// rootLostCopy is a fresh copy of a store of many assessments of one
// patient, its records' root page (a branch) zeroed: reading finds the
// damage and reads the records from their own pages, writing the damage
// note beside the store as it does. No note is there before.
func rootLostCopy(t *testing.T, clean string) string {
	t.Helper()
	data, err := os.ReadFile(clean)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "d.db")
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	f, root, size := openRecordsRoot(t, p)
	if _, err := f.WriteAt(make([]byte, size), root*size); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, err := os.Stat(p + ".damaged"); err == nil {
		t.Fatal("the copy has a damage note before any command read it")
	}
	return p
}

// The command that first meets a freshly damaged store warns of it as
// every later command does: history, show and due said nothing on the run
// that found the damage (and wrote its note), then warned on every run
// after. A clinician reading the first run's history had no word that a
// version may be missing.
func TestTheRunThatFindsAStoreDamagedWarnsAsTheRunsAfterIt(t *testing.T) {
	t.Parallel()
	clean, rs := storeWith(t, 40)
	patient, id := rs[0].Patient.Value, rs[0].ID.String()
	for _, c := range []struct {
		name string
		mk   func(*app) *cobra.Command
		args []string
		mark bool // the output's first line says DAMAGED STORE
	}{
		{"history", (*app).historyCmd, []string{patient}, true},
		{"show", (*app).showCmd, []string{id}, true},
		{"due", (*app).dueCmd, nil, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := rootLostCopy(t, clean)
			var outs, errs [2]string
			for i := range 2 {
				outs[i], errs[i], _ = runStoreCmd(t, p, c.mk, c.args...)
				if i == 0 {
					if _, err := os.Stat(p + ".damaged"); err != nil {
						t.Fatalf("the first %s did not find the damage (no note written): %v", c.name, err)
					}
				}
			}
			for i, run := range []string{"first", "second"} {
				if !strings.Contains(oneLine(errs[i]), "has been found damaged") {
					t.Errorf("the %s %s does not warn on standard error that the store was found damaged:\n%s", run, c.name, errs[i])
				}
				if c.mark && !strings.HasPrefix(outs[i], "DAMAGED STORE") {
					t.Errorf("the %s %s's first line is not its DAMAGED STORE mark:\n%s", run, c.name, outs[i])
				}
			}
		})
	}
}
