package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tellWhoLooksAfter is what a clinician stopped by a broken site file is
// told to do, naming the file.
func tellWhoLooksAfter(file string) string {
	return "No assessment can be made on this machine until the site file " + file + " is mended: tell whoever looks after digicheck here (IT or the digital lead)"
}

// TestABrokenSiteFileLetsShowAndHistoryReadASavedNote: a broken site
// file stopped even show and history, so a ward clinician could not read
// back an earlier note while it was mended. They read the store the file
// names (or --db / DIGICHECK_DB) without its other settings, and say on
// standard error that the file has problems, with them, and that no
// assessment can be made until it is mended; what they print is as with a
// sound file. A handout, made with the site's team and phone, is not made
// from a broken file; and where the file's own store setting is the
// broken part, nothing says which store to read, so they stop.
func TestABrokenSiteFileLetsShowAndHistoryReadASavedNote(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	if _, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": db}, pipedAssessment); err != nil {
		t.Fatal(err)
	}
	sound := map[string]string{"DIGICHECK_DB": db}
	hist, _, err := runCLI(t, sound, "", "history", "9434765919")
	if err != nil {
		t.Fatal(err)
	}
	id := historyIDs(hist)[0]
	show, _, err := runCLI(t, sound, "", "show", id)
	if err != nil {
		t.Fatal(err)
	}

	cfg := filepath.Join(dir, "site.toml")
	if err := os.WriteFile(cfg, []byte("db = \"s.db\"\ncolour = \"red\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	broken := map[string]string{"DIGICHECK_CONFIG": cfg}
	for _, c := range []struct {
		args []string
		want string
	}{{[]string{"history", "9434765919"}, hist}, {[]string{"show", id}, show}} {
		out, errOut, err := runCLI(t, broken, "", c.args...)
		if err != nil {
			t.Errorf("%v with a broken site file: %v", c.args, err)
			continue
		}
		if out != c.want {
			t.Errorf("%v with a broken site file printed\n%s\nnot, as with a sound one,\n%s", c.args, out, c.want)
		}
		flat := strings.Join(strings.Fields(errOut), " ")
		for _, w := range []string{"the site file " + cfg + " has problems", cfg + ":2: unknown field \"colour\"", tellWhoLooksAfter(cfg)} {
			if !strings.Contains(flat, w) {
				t.Errorf("%v with a broken site file does not say %q on standard error:\n%s", c.args, w, errOut)
			}
		}
	}
	// Given the store, it is read whatever the file says.
	if out, _, err := runCLI(t, map[string]string{"DIGICHECK_CONFIG": cfg, "DIGICHECK_DB": db}, "", "show", id); err != nil || out != show {
		t.Errorf("show with DIGICHECK_DB and a broken site file: %v\n%s", err, out)
	}

	if _, _, err := runCLI(t, broken, "", "show", id, "--handout"); err == nil || !strings.Contains(err.Error(), cfg+":2:") {
		t.Errorf("a handout was made from a broken site file: %v", err)
	}

	if err := os.WriteFile(cfg, []byte("db = 5\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCLI(t, broken, "", "show", id); err == nil || !strings.Contains(err.Error(), cfg+":1:") {
		t.Errorf("show read a store its broken site file may not name: %v", err)
	}
}

// TestABrokenSiteFileStopsAnAssessmentSayingWhoToTell: a ward clinician
// starting an assessment with a broken site configuration or programmes
// file was given only its FILE:LINE problems, for whoever edits the file.
// After them one line says no assessment can be made on this machine
// until the file, named, is mended, and whom to tell.
func TestABrokenSiteFileStopsAnAssessmentSayingWhoToTell(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	if _, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": db}, pipedAssessment); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "site.toml")
	if err := os.WriteFile(cfg, []byte("team = \"a\"\ncolour = \"red\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	progs := filepath.Join(dir, "p.toml")
	if err := os.WriteFile(progs, []byte("[[programme]]\nid = \"x\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		env        map[string]string
		file, line string
		args       []string
	}{
		{map[string]string{"DIGICHECK_DB": db, "DIGICHECK_CONFIG": cfg}, cfg, ":2: unknown field", nil},
		{map[string]string{"DIGICHECK_DB": db, "DIGICHECK_CONFIG": cfg}, cfg, ":2: unknown field", []string{"followup", "9434765919"}},
		{map[string]string{"DIGICHECK_DB": db, "DIGICHECK_PROGRAMMES": progs}, progs, ":1:", nil},
		{map[string]string{"DIGICHECK_DB": db, "DIGICHECK_PROGRAMMES": progs}, progs, ":1:", []string{"followup", "9434765919"}},
	} {
		out, _, err := runCLI(t, c.env, pipedAssessment, c.args...)
		if err == nil {
			t.Errorf("%v ran with a broken %s", c.args, c.file)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, c.file+c.line) || !strings.HasSuffix(msg, "\n"+tellWhoLooksAfter(c.file)+".") {
			t.Errorf("%v with a broken %s says\n%s\nnot its problems, then %q", c.args, c.file, msg, tellWhoLooksAfter(c.file))
		}
		if strings.Contains(out, "Patient identifier") {
			t.Errorf("%v: the assessment started", c.args)
		}
	}
}
