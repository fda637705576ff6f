package main

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"digicheck/record"
	"digicheck/store"
)

const handoutText = "Your contact and support plan\n=============================\n\nWho to call\n"

var saveTime = time.Date(2026, 11, 21, 9, 5, 0, 0, time.UTC)

func TestSavedHandoutNeverReplacesAFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	first, err := writeHandout(dir, "0196f0c0", handoutText, saveTime, false)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "digicheck-handout-20261121-0905-0196f0c0.txt"); first != want {
		t.Errorf("first handout saved as %s, want %s", first, want)
	}
	// Someone's own file in the way, then a second handout in the same
	// minute: each gets a new name and the files already there are kept.
	mine := filepath.Join(dir, "digicheck-handout-20261121-0905-0196f0c0-2.txt")
	if err := os.WriteFile(mine, []byte("not a handout"), 0o600); err != nil {
		t.Fatal(err)
	}
	second, err := writeHandout(dir, "0196f0c0", "second\n", saveTime, false)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "digicheck-handout-20261121-0905-0196f0c0-3.txt"); second != want {
		t.Errorf("second handout saved as %s, want %s", second, want)
	}
	for path, want := range map[string]string{first: handoutText, mine: "not a handout", second: "second\n"} {
		if got, _ := os.ReadFile(path); string(got) != want {
			t.Errorf("%s holds %q, want %q", filepath.Base(path), got, want)
		}
	}
}

func TestSavedHandoutHasWindowsLineEndsOnlyForWindows(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, crlf := range []bool{true, false} {
		path, err := writeHandout(dir, "", handoutText, saveTime, crlf)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(path)
		got := string(b)
		lines := strings.Count(handoutText, "\n")
		if crlf && (strings.Count(got, "\r\n") != lines || strings.Count(got, "\n") != lines) {
			t.Errorf("for Windows, want every line to end in CR LF: %q", got)
		}
		if !crlf && got != handoutText {
			t.Errorf("elsewhere, want the text as given: %q", got)
		}
	}
}

// A handout is about a patient: only the user who saved it may read it.
func TestSavedHandoutIsReadableByItsUserOnly(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("Windows file modes do not carry Unix permissions")
	}
	path, err := writeHandout(t.TempDir(), "x", handoutText, saveTime, false)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("handout mode %v, want 0600", fi.Mode().Perm())
	}
}

func TestHandoutFileLabelStaysInTheFolder(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]string{
		"0196F0C0":                             "0196f0c0",
		"../../etc/passwd":                     "etcpasswd",
		`C:\Users\x`:                           "cusersx",
		"0196f0c0-0000-7000-8000-000000000001": "0196f0c0-000",
		"---":                                  "",
		"":                                     "",
	} {
		if got := fileLabel(name); got != want {
			t.Errorf("fileLabel(%q) = %q, want %q", name, got, want)
		}
	}
	path, err := writeHandout(t.TempDir(), "../..", handoutText, saveTime, false)
	if err != nil || filepath.Base(path) != "digicheck-handout-20261121-0905.txt" {
		t.Errorf("label .. saved as %s (%v)", path, err)
	}
}

func TestHandoutFolderIsTheConfiguredOneThenDocumentsThenHome(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	if got, err := handoutDir(""); err != nil || got != home {
		t.Errorf("no Documents folder: %q (%v), want home %q", got, err, home)
	}
	docs := filepath.Join(home, "Documents")
	if err := os.Mkdir(docs, 0o700); err != nil {
		t.Fatal(err)
	}
	if got, err := handoutDir(""); err != nil || got != docs {
		t.Errorf("with Documents: %q (%v), want %q", got, err, docs)
	}
	configured := filepath.Join(home, "ward", "handouts")
	if got, err := handoutDir(configured); err != nil || got != configured {
		t.Errorf("handout_dir set: %q (%v), want %q", got, err, configured)
	}
	if fi, err := os.Stat(configured); err != nil || !fi.IsDir() {
		t.Errorf("handout_dir not made: %v", err)
	}
}

func TestPrintingUsesWhatTheSystemOffers(t *testing.T) {
	t.Parallel()
	noLp := func(string) (string, error) { return "", errors.New("not found") }
	hasLp := func(string) (string, error) { return "/usr/bin/lp", nil }
	path := filepath.Join(t.TempDir(), "h.txt")

	name, args, err := printCommand("windows", noLp, path)
	if err != nil || name != "notepad" || strings.Join(args, " ") != "/p "+path {
		t.Errorf("windows: %s %v (%v), want notepad /p %s", name, args, err, path)
	}
	for _, goos := range []string{"linux", "darwin"} {
		name, args, err := printCommand(goos, hasLp, path)
		if err != nil || name != "/usr/bin/lp" || len(args) != 1 || args[0] != path {
			t.Errorf("%s with lp: %s %v (%v)", goos, name, args, err)
		}
		_, _, err = printCommand(goos, noLp, path)
		if err == nil || !strings.Contains(err.Error(), "printing is not set up") || !strings.Contains(err.Error(), path) {
			t.Errorf("%s without lp: %v, want it to say printing is not set up and where the file is", goos, err)
		}
	}
	// A relative path is made absolute, so a file named like an option
	// is never read as one.
	if _, args, _ := printCommand("linux", hasLp, "-o.txt"); !filepath.IsAbs(args[0]) {
		t.Errorf("lp given %q", args[0])
	}
}

// show --handout names the team and its phone from the site config; -o
// and --save write the same handout to a file and never over one.
func TestShowHandoutWithTheTeamsPhoneAndSavedAsAFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	handouts := filepath.Join(dir, "handouts")
	cfg := filepath.Join(dir, "config.toml")
	// The piped assessment's team is Ward 5; the number is one of Ofcom's
	// drama numbers, no one's real line.
	if err := os.WriteFile(cfg, []byte("team = \"Ward 5\"\nteam_phone = \"0113 496 0123\"\nhandout_dir = \"handouts\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"DIGICHECK_DB": db, "DIGICHECK_CONFIG": cfg}
	if out, _, err := runCLI(t, env, pipedAssessment); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	id := onlyRecordID(t, db)

	h, _, err := runCLI(t, env, "", "show", id, "--handout")
	if err != nil || !strings.Contains(flatText(h), "If you have questions, call Ward 5 on 0113 496 0123.") {
		t.Fatalf("show --handout: %v\n%s", err, h)
	}

	out := filepath.Join(dir, "handout.txt")
	if _, _, err := runCLI(t, env, "", "show", id, "--handout", "-o", out); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(out); lineEnds(string(b), false) != h {
		t.Errorf("-o wrote a different handout:\n%s", b)
	}
	if _, _, err := runCLI(t, env, "", "show", id, "--handout", "-o", out); err == nil || !strings.Contains(err.Error(), "never writes over a file") {
		t.Errorf("second -o to the same file: %v", err)
	}

	for range 2 {
		if _, _, err := runCLI(t, env, "", "show", id, "--save"); err != nil {
			t.Fatal(err)
		}
	}
	saved, _ := filepath.Glob(filepath.Join(handouts, "digicheck-handout-*-"+id[:8]+"*.txt"))
	if len(saved) != 2 {
		t.Errorf("two --save runs left %v in %s, want two files", saved, handouts)
	}
}

func onlyRecordID(t *testing.T, db string) string {
	t.Helper()
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := record.ParsePatientID("9434765919")
	rs, err := st.History(p)
	if err != nil || len(rs) != 1 {
		t.Fatalf("want one record: %d (%v)", len(rs), err)
	}
	return rs[0].ID.String()
}

func flatText(s string) string { return strings.Join(strings.Fields(s), " ") }
