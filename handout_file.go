package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/atotto/clipboard"
)

// saveHandoutFile writes a patient's handout as a text file, for a ward PC
// with no printer to hand or a nurse who prints it later, and returns its
// path. It goes in the site's handout_dir if set, else the user's Documents
// folder, else the home folder. name is a short label for the file name,
// such as the record's short id; it must not identify the patient, since
// file names show in folder listings.
func (a *app) saveHandoutFile(name, text string) (string, error) {
	dir, err := handoutDir(a.settings.HandoutDir)
	if err != nil {
		return "", err
	}
	return writeHandout(dir, name, text, time.Now(), runtime.GOOS == "windows")
}

// handoutDir is where handouts are saved. A configured folder is made if
// missing (0700: handouts are about patients); the defaults must exist.
func handoutDir(configured string) (string, error) {
	if configured != "" {
		if err := os.MkdirAll(configured, 0o700); err != nil {
			return "", fmt.Errorf("handout folder (handout_dir in the site config): %w", err)
		}
		return configured, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no home folder to save the handout in (set handout_dir in the site config): %w", err)
	}
	docs := filepath.Join(home, "Documents")
	if fi, err := os.Stat(docs); err == nil && fi.IsDir() {
		return docs, nil
	}
	return home, nil
}

// writeHandout creates digicheck-handout-YYYYMMDD-HHMM[-label][-N].txt in
// dir, readable by the user only. It never replaces a file: two handouts
// saved in the same minute get -2, -3 and so on. With crlf, lines end in
// CR LF, so that Notepad on older Windows shows them as lines. The file is
// synced before its path is returned, so "saved" on screen means saved.
func writeHandout(dir, name, text string, now time.Time, crlf bool) (string, error) {
	base := "digicheck-handout-" + now.Format("20060102-1504")
	if l := fileLabel(name); l != "" {
		base += "-" + l
	}
	text = lineEnds(text, crlf)
	for n := 1; n <= 999; n++ {
		path := filepath.Join(dir, base+".txt")
		if n > 1 {
			path = filepath.Join(dir, fmt.Sprintf("%s-%d.txt", base, n))
		}
		err := createFile(path, text)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("saving the handout: %w", err)
		}
		return path, nil
	}
	return "", fmt.Errorf("saving the handout: %s already has 999 handouts named %s", dir, base)
}

// writeNewFile saves a handout at path, a file that must not exist yet,
// with CR LF line ends when crlf is set.
func writeNewFile(path, text string, crlf bool) error {
	err := createFile(path, lineEnds(text, crlf))
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists: digicheck never writes over a file (give a new name, or use --save)", path)
	}
	if err != nil {
		return fmt.Errorf("saving the handout: %w", err)
	}
	return nil
}

// lineEnds gives text CR LF line ends with crlf, else LF.
func lineEnds(text string, crlf bool) string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if crlf {
		text = strings.ReplaceAll(text, "\n", "\r\n")
	}
	return text
}

// createFile writes text to a new file at path, readable by the user only,
// and syncs it. An existing file is left alone (fs.ErrExist); a file that
// could not be written whole is removed, so a half handout is never found
// and printed later.
func createFile(path, text string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = f.WriteString(text)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

// fileLabel keeps the letters, digits and hyphens of name, lower-cased and
// at most 12 long, so that no label can reach outside the folder or make a
// name Windows refuses.
func fileLabel(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if b.Len() == 12 {
			break
		}
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			b.WriteRune(r)
		}
	}
	return strings.Trim(b.String(), "-")
}

// printHandoutFile sends a saved handout to the system's printer where the
// system offers a way: Notepad's print verb on Windows, lp (CUPS) on macOS
// and Linux. Elsewhere it says printing is not set up and where the file is.
func printHandoutFile(path string) error {
	name, args, err := printCommand(runtime.GOOS, exec.LookPath, path)
	if err != nil {
		return err
	}
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		msg := strings.TrimSpace(string(out))
		if msg == "" {
			msg = err.Error()
		}
		return fmt.Errorf("the handout was not printed (%s): it is saved at %s", firstLine(msg), path)
	}
	return nil
}

// printCommand is the command that prints path on goos, looked up with
// lookPath.
func printCommand(goos string, lookPath func(string) (string, error), path string) (string, []string, error) {
	if goos == "windows" {
		// Notepad prints to the default printer and exits.
		return "notepad", []string{"/p", path}, nil
	}
	lp, err := lookPath("lp")
	if err != nil {
		return "", nil, fmt.Errorf("printing is not set up on this computer (there is no lp command): the handout is saved at %s", path)
	}
	// An absolute path cannot be read as an option, whatever it is called.
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return lp, []string{path}, nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// osClipboard puts text on the operating system's clipboard, for the
// Windows console and other terminals where the terminal's own clipboard
// (OSC 52) does not reach. It fails where there is no clipboard program
// (Linux without xclip, xsel or wl-copy), and the UI then falls back.
func osClipboard(text string) error {
	return clipboard.WriteAll(lineEnds(text, runtime.GOOS == "windows"))
}
