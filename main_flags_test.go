package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An empty --db is a script's unset variable, not a wish for the default
// store: it is refused before anything is read or written, and so is an
// empty --config.
func TestAnEmptyDBFlagIsRefused(t *testing.T) {
	for _, args := range [][]string{
		{"--db", "", "history", "9434765919"},
		{"--db=", "summary"},
		{"--db", "  ", "programmes"},
		{"--config", "", "programmes"},
	} {
		_, _, err := runCLI(t, nil, "", args...)
		flag := strings.TrimSuffix(strings.SplitN(args[0], "=", 2)[0], "=")
		// The refusal quotes what was given, blanks and all.
		given := ""
		if len(args) > 1 && !strings.Contains(args[0], "=") {
			given = args[1]
		}
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("%s %q: give a file", flag, given)) {
			t.Errorf("%q: %v", args, err)
		}
	}
	home := os.Getenv("HOME")
	if entries, _ := os.ReadDir(home); len(entries) > 0 {
		t.Errorf("something was made in the home folder: %v", entries)
	}
}

// A config saved by Windows Notepad (UTF-8 with a BOM) is read, and its
// settings used, by every command.
func TestConfigWithAByteOrderMarkIsUsed(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, []byte("\ufeffteam = \"Ward 7\"\nprogrammes = \"p.toml\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	prog := "\ufeff[[programme]]\nid = \"ward-7-hub\"\nname = \"Ward 7 hub\"\nbarriers = [\"skills\"]\ncontact = \"Ask the nurse.\"\npatient_line = \"We can help.\"\n"
	if err := os.WriteFile(filepath.Join(dir, "p.toml"), []byte(prog), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCLI(t, map[string]string{"DIGICHECK_CONFIG": cfg}, "", "programmes")
	if err != nil || !strings.Contains(out, "ward-7-hub") {
		t.Fatalf("programmes with a BOM config: %v\n%s", err, out)
	}
}
