package main

import (
	"os"
	"path/filepath"
	"testing"

	"digicheck/site"
)

// TestAMissingKeyFileNamedInTheConfigSaysWhereItWasLookedFor: a config's
// pseudonym_key_file that names no file said only "pseudonym key: open
// nokey.key: no such file or directory": not the config line that names
// it, nor, for a relative name, the folder it is read from, nor what to
// do. Making a new key would be wrong (every pseudonym would change), so
// the words say to put the site's key there or correct the setting.
func TestAMissingKeyFileNamedInTheConfigSaysWhereItWasLookedFor(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	config := filepath.Join(dir, "site.toml")
	if err := os.WriteFile(config, []byte("team = \"Ward 7\"\npseudonym_key_file = \"nokey.key\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := site.Resolve(site.Inputs{Flags: map[string]string{"config": config}})
	if err != nil {
		t.Fatal(err)
	}
	s.DB, _ = storeWith(t, 1)
	_, _, err = execute(&app{settings: s}, (*app).exportCmd, "", "--format", "csv")
	key := filepath.Join(dir, "nokey.key")
	want := "pseudonym key: " + key + " does not exist (pseudonym_key_file, " + config + ":2, a name read from the config file's folder): " +
		"copy the site's key file there, from a machine that exports, or correct pseudonym_key_file. " +
		"Make a new key (digicheck keygen FILE) only for a site that has none: a new key gives every patient a new pseudonym"
	if err == nil || err.Error() != want {
		t.Errorf("the refusal:\n%v\nwant:\n%s", err, want)
	}
	// Given with --key-file: named as given, and said to be the flag's.
	_, _, err = execute(&app{settings: s}, (*app).exportCmd, "", "--format", "csv", "--key-file", key)
	want = "pseudonym key: " + key + " does not exist (--key-file): give the path of the site's key file"
	if err == nil || err.Error() != want {
		t.Errorf("--key-file: the refusal:\n%v\nwant:\n%s", err, want)
	}
}
