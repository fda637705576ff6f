package store

import (
	"errors"
	"path/filepath"
	"testing"
)

func TestDefaultPathFollowsEachPlatform(t *testing.T) {
	home := func() (string, error) { return "/home/nurse", nil }
	for _, c := range []struct {
		goos string
		env  map[string]string
		want string
	}{
		{"linux", nil, filepath.Join("/home/nurse", ".local", "share")},
		{"linux", map[string]string{"XDG_DATA_HOME": "/data/nurse"}, "/data/nurse"},
		// The XDG spec: a relative XDG_DATA_HOME is invalid and ignored.
		{"linux", map[string]string{"XDG_DATA_HOME": "data"}, filepath.Join("/home/nurse", ".local", "share")},
		{"freebsd", map[string]string{"XDG_DATA_HOME": "/data/nurse"}, "/data/nurse"},
		{"windows", map[string]string{"LOCALAPPDATA": `C:\Users\nurse\AppData\Local`, "XDG_DATA_HOME": "/x"}, `C:\Users\nurse\AppData\Local`},
		{"darwin", map[string]string{"XDG_DATA_HOME": "/x"}, filepath.Join("/home/nurse", "Library", "Application Support")},
	} {
		got, err := dataDir(c.goos, func(k string) string { return c.env[k] }, home)
		if err != nil || got != c.want {
			t.Errorf("%s %v: dataDir = %q, %v; want %q", c.goos, c.env, got, err, c.want)
		}
	}
	if _, err := dataDir("windows", func(string) string { return "" }, home); err == nil {
		t.Error("windows without LOCALAPPDATA: want an error, not a guess")
	}
	noHome := func() (string, error) { return "", errors.New("no home") }
	if _, err := dataDir("linux", func(string) string { return "" }, noHome); err == nil {
		t.Error("linux without a home directory: want an error")
	}
}

func TestDefaultPathEndsInDigicheckDB(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	t.Setenv("LOCALAPPDATA", t.TempDir())
	p, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(p) != "digicheck.db" || filepath.Base(filepath.Dir(p)) != "digicheck" {
		t.Errorf("DefaultPath = %q, want .../digicheck/digicheck.db", p)
	}
}
