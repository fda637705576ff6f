package store

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
)

// DefaultPath is where the store lives when no path is given: digicheck/
// digicheck.db in the user's data directory, which is $XDG_DATA_HOME (or
// ~/.local/share) on Linux and the BSDs, %LOCALAPPDATA% on Windows (local,
// not roaming: a store must not follow a user between shared ward
// workstations), and ~/Library/Application Support on macOS.
func DefaultPath() (string, error) {
	dir, err := dataDir(runtime.GOOS, os.Getenv, os.UserHomeDir)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "digicheck", "digicheck.db"), nil
}

func dataDir(goos string, getenv func(string) string, home func() (string, error)) (string, error) {
	switch goos {
	case "windows":
		if d := getenv("LOCALAPPDATA"); d != "" {
			return d, nil
		}
		return "", errors.New("%LOCALAPPDATA% is not set, so there is no default place for the store; give its path")
	case "darwin", "ios":
		h, err := home()
		if err != nil {
			return "", err
		}
		return filepath.Join(h, "Library", "Application Support"), nil
	}
	// The XDG base directory spec says a relative path is invalid and
	// must be ignored.
	if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return d, nil
	}
	h, err := home()
	if err != nil {
		return "", err
	}
	return filepath.Join(h, ".local", "share"), nil
}
