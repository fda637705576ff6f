package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/site"
	"digicheck/store"
)

// A store whose root page is lost, every record whole on its own page:
// check said "Records: none could be read" and nothing of --salvage,
// which writes every one of them out, so whoever restored a backup took
// the assessments saved since it as lost and to be entered again from
// memory. check now counts and names the records still whole, as it does
// for a file cut short, and says what check --salvage does, with the
// command to run, the store and site file of the run in it.
func TestCheckOfAStoreWhoseRootPageIsLostNamesTheRecordsSalvageRecovers(t *testing.T) {
	t.Parallel()
	path, saved := storeWith(t, 30)
	zeroRootPage(t, path)
	cfg := filepath.Join(t.TempDir(), "site config.toml")
	given := " --db " + shellWord(path) + " --config " + shellWord(cfg)
	out, _, err := execute(&app{settings: site.Settings{DB: path}, given: given}, (*app).checkCmd, "")
	if err == nil {
		t.Fatalf("check of a store whose root page is lost passed:\n%s", out)
	}
	flat := strings.Join(strings.Fields(out), " ")
	if strings.Contains(flat, "none could be read") {
		t.Errorf("check says no record could be read, though every one is whole:\n%s", out)
	}
	if !strings.Contains(flat, "30 records can still be read whole") {
		t.Errorf("check does not say how many records are still whole:\n%s", out)
	}
	for _, r := range saved {
		if !strings.Contains(out, "  "+r.ID.String()) {
			t.Errorf("check does not name record %s, still whole:\n%s", r.ID, out)
			break
		}
	}
	if want := "digicheck" + given + " check --salvage FILE"; !strings.Contains(flat, want) {
		t.Errorf("check does not give the command that recovers them, %q:\n%s", want, out)
	}
	if !strings.Contains(flat, "writes them to FILE") {
		t.Errorf("check does not say what --salvage does:\n%s", out)
	}

	// And --salvage writes what check named.
	dest := filepath.Join(t.TempDir(), "whole.ndjson")
	if _, _, err := runStoreCmd(t, path, (*app).checkCmd, "--salvage", dest); err == nil {
		t.Error("check --salvage of a damaged store ended 0")
	}
	b, err := os.ReadFile(dest)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range saved {
		if !strings.Contains(string(b), r.ID.String()) {
			t.Errorf("check --salvage did not write record %s", r.ID)
		}
	}
	if b, _ := os.ReadFile(store.DamageNote(path)); !strings.Contains(string(b), "problem(s)") {
		t.Errorf("check left no note with its verdict: %q", b)
	}
}
