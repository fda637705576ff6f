package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/store"

	"github.com/spf13/cobra"
)

// newRoot is digicheck's command tree, run in-process by tests.
func newRoot(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	root, _ := newApp(stdin, stdout, stderr)
	return root
}

// run executes digicheck's command line in-process with the given input,
// an isolated environment, and returns what it printed.
func runCLI(t *testing.T, env map[string]string, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	for _, k := range []string{"DIGICHECK_DB", "DIGICHECK_CONFIG", "DIGICHECK_TEAM", "DIGICHECK_PROGRAMMES", "DIGICHECK_ACCESSIBLE"} {
		t.Setenv(k, env[k])
	}
	// Keep the user's own config out of tests.
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	var out, errb bytes.Buffer
	root := newRoot(strings.NewReader(stdin), &out, &errb)
	root.SetArgs(args)
	err = root.Execute()
	return out.String(), errb.String(), err
}

// pipedAssessment answers every question of the current instrument (v2) in
// plain-prompt mode: an NHS number, a patient with no barriers who wants
// the NHS App, the optional section skipped, then save and finish. Its
// first seven lines are the patient and the access section.
const pipedAssessment = "1\n9434765919\nnurse\nWard 5\n" +
	"1\n1 2\n1\n" + // access: smartphone; home internet and mobile data; never short of data
	"1 2 3 4 5 6\n1\n3\n5\n" + // skills: every task; no help needed; no NHS App; nothing makes devices hard
	"1\n1\n1\n" + // wants to; not worried; no bad experience
	"1\n1\n1\n1\n1\n1\n" + // no needs; never needs reading help; no requirement; nothing ruled out; NHS App; the patient answered
	"2\n1\n1\n2\n" // skip the optional questions; the answers are right; save; finish

func TestPipedInputRunsPlainPromptsAndSaves(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	out, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": db}, pipedAssessment)
	if err != nil {
		t.Fatalf("piped assessment: %v\n%s", err, out)
	}
	if !strings.Contains(out, "Saved 1 assessment(s)") || strings.ContainsRune(out, 0x1b) {
		t.Fatalf("plain output expected, with Saved:\n%s", out)
	}
	hist, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": db}, "", "history", "943 476 5919")
	if err != nil || !strings.Contains(hist, "completed") || !strings.Contains(hist, "NHS App / Phone call") {
		t.Fatalf("history after piped save: %v\n%s", err, hist)
	}
	id := strings.Fields(strings.Split(hist, "\n")[1])[2]
	show, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": db}, "", "show", id[:8])
	if err != nil || !strings.Contains(show, "Record id: "+id) || strings.ContainsRune(show, 0x1b) {
		t.Fatalf("show by prefix: %v\n%s", err, show)
	}
}

func TestPipedInputEndingEarlySavesNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	_, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": db}, "1\n9434765919\nnurse\n")
	if err == nil || !strings.Contains(err.Error(), "not saved as a record") {
		t.Fatalf("early end of input: %v", err)
	}
	if _, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": db}, "", "history", "9434765919"); err == nil {
		t.Fatal("a record was saved for an unfinished assessment")
	}
}

func TestHistoryRefusesAWrongCheckDigit(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	_, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": db}, "", "history", "9434765918")
	if err == nil || !strings.Contains(err.Error(), "check digit") {
		t.Fatalf("wrong check digit: %v", err)
	}
}

func TestProgrammesCheckExitStatusAndLines(t *testing.T) {
	out, _, err := runCLI(t, nil, "", "programmes", "--check", "examples/programmes.toml")
	if err != nil || !strings.HasSuffix(strings.TrimSpace(out), ": ok") || strings.Contains(out, "warning") {
		t.Fatalf("example programmes file (must pass without reading warnings): %v\n%s", err, out)
	}
	bad := filepath.Join(t.TempDir(), "bad.toml")
	if err := os.WriteFile(bad, []byte("[[programme]]\nid = \"x\"\nbarriers = [\"money\"]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, err = runCLI(t, nil, "", "programmes", "--check", bad)
	if err == nil {
		t.Fatal("bad programmes file passed --check")
	}
	if !strings.Contains(out, bad+":3: unknown barrier \"money\"") {
		t.Errorf("problem not reported as FILE:LINE:\n%s", out)
	}
}

// TestBrokenConfigStopsEveryCommand: a command that needs the site's
// settings stops at a broken site file, with its problems (show and
// history, reading a saved note back, do not:
// TestABrokenSiteFileLetsShowAndHistoryReadASavedNote).
func TestBrokenConfigStopsEveryCommand(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "c.toml")
	if err := os.WriteFile(cfg, []byte("team = \"a\"\ncolour = \"red\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"programmes"}, {"summary"}, {"questionnaire"}, {"show", "01a1ffba", "--handout"}} {
		_, _, err := runCLI(t, map[string]string{"DIGICHECK_CONFIG": cfg}, "", args...)
		if err == nil || !strings.Contains(err.Error(), cfg+":2: unknown field \"colour\"") {
			t.Errorf("%v with a broken config: %v", args, err)
		}
	}
}

func TestBrokenProgrammesFileStopsAnAssessmentBeforeItStarts(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "p.toml")
	if err := os.WriteFile(bad, []byte("[[programme]]\nid = \"x\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "s.db")
	out, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": db, "DIGICHECK_PROGRAMMES": bad}, pipedAssessment)
	if err == nil || !strings.Contains(err.Error(), bad+":1:") {
		t.Fatalf("broken programmes file: %v", err)
	}
	if strings.Contains(out, "Patient identifier") {
		t.Error("the assessment started with a broken directory")
	}
}

// TestAProgrammeIDHoldingASemicolonStopsAnAssessmentBeforeItStarts: the
// referral columns of a CSV export separate programmes by ";", so a
// site's programme "trust-hub;library" would be counted as two programmes
// once exported and read back. The programmes file is refused at its line,
// saying why, before any question is asked or anything saved.
func TestAProgrammeIDHoldingASemicolonStopsAnAssessmentBeforeItStarts(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "p.toml")
	doc := "[[programme]]\nid = \"trust-hub;library\"\nname = \"Trust digital hub\"\nbarriers = [\"skills\"]\ncontact = \"Ask at the front desk.\"\npatient_line = \"Staff can help you.\"\n"
	if err := os.WriteFile(bad, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "s.db")
	out, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": db, "DIGICHECK_PROGRAMMES": bad}, pipedAssessment)
	if err == nil || !strings.Contains(err.Error(), bad+`:2: id "trust-hub;library": ";" separates the programmes in a CSV export's referral columns`) {
		t.Fatalf("a programme id holding ;: %v", err)
	}
	if strings.Contains(out, "Patient identifier") {
		t.Error("the assessment started")
	}
	if _, err := os.Stat(db); err == nil {
		st, err := store.Open(db, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if rep, err := st.CheckContext(context.Background(), false); err != nil || rep.Records != 0 {
			t.Errorf("the refused run saved %d records (%v)", rep.Records, err)
		}
	}
}

func TestProgrammesSettingChangesTheDirectoryInForce(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	env := map[string]string{"DIGICHECK_DB": db, "DIGICHECK_PROGRAMMES": "examples/programmes.toml"}
	list, _, err := runCLI(t, env, "", "programmes")
	if err != nil || !strings.Contains(list, "trust-digital-hub") || strings.Contains(list, "social-tariffs") {
		t.Fatalf("directory in force:\n%s", list)
	}
}

func TestShowOfAVoidedRecordSaysSoFirst(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	env := map[string]string{"DIGICHECK_DB": db}
	if _, _, err := runCLI(t, env, pipedAssessment); err != nil {
		t.Fatal(err)
	}
	hist, _, _ := runCLI(t, env, "", "history", "9434765919")
	id := strings.Fields(strings.Split(hist, "\n")[1])[2]
	if _, _, err := runCLI(t, env, "", "void", id, "--reason", "wrong patient", "--clinician", "Dr Void Test"); err != nil {
		t.Fatal(err)
	}
	show, _, err := runCLI(t, env, "", "show", id)
	if err != nil {
		t.Fatal(err)
	}
	first := strings.SplitN(show, "\n", 2)[0]
	if !strings.Contains(first, "SUPERSEDED") || !strings.Contains(show, "entered-in-error") || !strings.Contains(show, "wrong patient") {
		t.Fatalf("show of a voided record does not lead with its versions:\n%s", show)
	}
}

func TestHandoutOnlyForTheCurrentVersion(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	env := map[string]string{"DIGICHECK_DB": db}
	if _, _, err := runCLI(t, env, pipedAssessment); err != nil {
		t.Fatal(err)
	}
	hist, _, _ := runCLI(t, env, "", "history", "9434765919")
	id := strings.Fields(strings.Split(hist, "\n")[1])[2]
	if out, _, err := runCLI(t, env, "", "show", id, "--handout"); err != nil || !strings.Contains(out, "How we will contact you") {
		t.Fatalf("handout of the current version: %v\n%s", err, out)
	}
	if _, _, err := runCLI(t, env, "", "void", id, "--reason", "wrong patient", "--clinician", "Dr Void Test"); err != nil {
		t.Fatal(err)
	}
	_, _, err := runCLI(t, env, "", "show", id, "--handout")
	if err == nil || !strings.Contains(err.Error(), "has been replaced by") {
		t.Fatalf("handout of a superseded record: %v", err)
	}
	hist, _, _ = runCLI(t, env, "", "history", "9434765919")
	voidID := historyIDs(hist)[1]
	if _, _, err := runCLI(t, env, "", "show", voidID, "--handout"); err == nil || !strings.Contains(err.Error(), "entered in error") {
		t.Fatalf("handout of an entered-in-error record: %v", err)
	}
}

func TestReadingCommandsNeverCreateAStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "typo", "s.db")
	for _, args := range [][]string{{"history", "9434765919"}, {"show", "01a1ffba"}, {"amend", "01a1ffba", "--reason", "answers corrected"}, {"followup", "9434765919"}} {
		_, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": db}, "", args...)
		if err == nil || !strings.Contains(err.Error(), "there is no store") {
			t.Errorf("%v at a mistyped --db: %v", args, err)
		}
		if _, err := os.Stat(filepath.Dir(db)); err == nil {
			t.Fatalf("%v created %s", args, filepath.Dir(db))
		}
	}
}

func TestExportNeverOverwritesAFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	env := map[string]string{"DIGICHECK_DB": db}
	if _, _, err := runCLI(t, env, "", "synthetic", "--count", "20"); err != nil {
		t.Fatal(err)
	}
	key := filepath.Join(dir, "k")
	if _, _, err := runCLI(t, env, "", "keygen", key); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(db)
	_, _, err := runCLI(t, env, "", "export", "--format", "csv", "--key-file", key, "-o", db)
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("export over the store: %v", err)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Fatal("export -o changed the store")
	}
	out := filepath.Join(dir, "out.csv")
	if _, _, err := runCLI(t, env, "", "export", "--format", "csv", "--key-file", key, "-o", out); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
		t.Fatalf("export to a new file: %v", err)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, ".out.csv.*")); len(m) != 0 {
		t.Errorf("temporary files left behind: %v", m)
	}
}

// historyIDs are the record ids history shows, in its order: the third
// field of each line that starts a record (the others are indented).
func historyIDs(hist string) []string {
	var ids []string
	for _, l := range strings.Split(hist, "\n")[1:] {
		// A record's line starts with its date; a note after the list
		// (MORE THAN ONE CURRENT) does not.
		if f := strings.Fields(l); len(f) > 2 && !strings.HasPrefix(l, " ") && l[0] >= '0' && l[0] <= '9' {
			ids = append(ids, f[2])
		}
	}
	return ids
}

// TestAStoreInAFolderThatIsNotThereIsRefused: a mistyped --db (or
// DIGICHECK_DB) must not quietly make folders and a store nobody will look
// in; a new store in a folder that exists is made, and the run says so.
func TestAStoreInAFolderThatIsNotThereIsRefused(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "no", "such", "s.db")
	_, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": missing}, "1\n9434765919\n")
	if err == nil || !strings.Contains(err.Error(), "there is no folder "+filepath.Join(dir, "no", "such")) || !strings.Contains(err.Error(), "DIGICHECK_DB") {
		t.Fatalf("store in a missing folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "no")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the missing folder was made: %v", err)
	}
	fresh := filepath.Join(dir, "s.db")
	_, stderr, _ := runCLI(t, map[string]string{"DIGICHECK_DB": fresh}, "1\n9434765919\n")
	if !strings.Contains(stderr, "Started a new store: "+fresh) {
		t.Errorf("a new store is made without a word: %q", stderr)
	}
}
