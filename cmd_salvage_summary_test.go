package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// A file check --salvage wrote holds only what could be saved from a
// damaged store: summary read it as an NDJSON export "exported by an
// earlier version of digicheck", with no DAMAGED mark, and its counts
// passed for a store's. It is now summarised as a damaged store is, the
// caveat in every format, and said to be what it is.
func TestASalvagedFileIsSummarisedWithTheDamagedStoreCaveatInEveryFormat(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 30)
	cutAtRoot(t, path)
	left := filepath.Join(t.TempDir(), "left.ndjson")
	if said, _, err := runStoreCmd(t, path, (*app).checkCmd, "--salvage", left); err == nil || !strings.Contains(said, "Salvaged ") {
		t.Fatalf("check --salvage of a store cut short = %v:\n%s", err, said)
	}
	other, _ := storeWith(t, 1)
	for _, format := range []string{"table", "csv", "json", "markdown", "html"} {
		for _, exact := range []bool{false, true} {
			args := []string{"--format", format}
			if exact {
				args = append(args, "--exact", "--from", "2000-01-01")
			}
			out, stderr, err := runStoreCmd(t, other, (*app).summaryCmd, append(args, left)...)
			if err != nil {
				t.Errorf("summary %v of the salvaged file: %v\n%s", args, err, stderr)
				continue
			}
			flat := strings.ToLower(strings.Join(strings.Fields(out), " "))
			if !strings.Contains(flat, "damaged store") || !strings.Contains(flat, "salvaged from a damaged store") {
				t.Errorf("summary %v of the salvaged file does not carry the damaged store caveat, naming it salvaged:\n%s", args, out)
			}
			if strings.Contains(stderr, "earlier version") || strings.Contains(out, "earlier version") {
				t.Errorf("summary %v takes the salvaged file for an earlier version's export:\n%s", args, stderr)
			}
			if !strings.Contains(stderr, left+" holds the records salvaged from a damaged store") {
				t.Errorf("summary %v does not warn, on standard error, that the file was salvaged from a damaged store:\n%s", args, stderr)
			}
		}
	}
	// Given as the store, to export (or summary), it is named for what
	// it is, with what to do, not "not a bbolt database".
	for _, c := range []struct {
		name string
		args []string
	}{{"export", []string{"--format", "csv", "--identifiable"}}, {"summary", nil}} {
		mk := map[string]func(*app) *cobra.Command{"export": (*app).exportCmd, "summary": (*app).summaryCmd}[c.name]
		_, stderr, err := runStoreCmd(t, left, mk, c.args...)
		if err == nil || !strings.Contains(err.Error(), "check --salvage") || !strings.Contains(err.Error(), "digicheck summary "+left) || strings.Contains(err.Error(), "bbolt") {
			t.Errorf("%s of the salvaged file as the store = %v; want it named as salvaged records, to give to digicheck summary\n%s", c.name, err, stderr)
		}
	}
}
