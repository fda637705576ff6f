package main

import (
	"bytes"
	binenc "encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

func fileBytes(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Issue 14 item 2: summary on a store check calls damaged writes nothing,
// and void refuses it with check's own message.
func TestSummaryAndVoidNeverWriteAStoreCheckCallsDamaged(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 3)
	testkit.TamperJSON(t, path, "records", rs[0].ID.String(), func(r *record.Record) {
		r.Recommendation.Fallback = questionnaire.RouteEmail
	})
	// Records from before facts: what summary used to backfill on open.
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		for _, b := range []string{"facts", "factNames", "factMeta", "factLinks"} {
			_ = tx.DeleteBucket([]byte(b))
		}
		return nil
	})
	testkit.TamperJSON(t, path, "records", rs[1].ID.String(), func(r *record.Record) { r.Status = "nonsense" })

	_, _, cerr := runStoreCmd(t, path, (*app).checkCmd)
	if cerr == nil {
		t.Fatal("check passed a damaged store")
	}
	before := fileBytes(t, path)
	if _, _, err := runStoreCmd(t, path, (*app).summaryCmd, "--exact"); err != nil {
		t.Logf("summary: %v", err)
	}
	if fileBytes(t, path) != before {
		t.Error("summary wrote into a store check calls damaged")
	}
	_, _, err := runStoreCmd(t, path, (*app).voidCmd, rs[2].ID.String(), "--reason", "wrong patient", "--clinician", "Dr Void Test")
	if err == nil || !strings.HasPrefix(err.Error(), cerr.Error()) {
		t.Errorf("void of a store check calls damaged = %v; want check's message %q", err, cerr)
	}
	if fileBytes(t, path) != before {
		t.Error("void wrote into a store check calls damaged")
	}
}

// A store that holds records but no facts was written by no release of
// digicheck (the facts are made with the first record saved): summary
// refuses it as damaged, saying why, and writes nothing to it.
func TestSummaryRefusesAStoreWithoutFactsAndWritesNothing(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 3)
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		for _, b := range []string{"facts", "factNames", "factMeta", "factLinks"} {
			if err := tx.DeleteBucket([]byte(b)); err != nil {
				return err
			}
		}
		return nil
	})
	before := fileBytes(t, path)
	_, _, err := runStoreCmd(t, path, (*app).summaryCmd, "--exact")
	if !errors.Is(err, store.ErrDamaged) || !strings.Contains(err.Error(), "holds records but not their QI copy") {
		t.Errorf("summary of a store without facts = %v; want it refused as damaged, saying why", err)
	}
	if fileBytes(t, path) != before {
		t.Error("summary wrote into the store")
	}
}

// Issue 14 item 4: show, the note and the handout refuse an edited record
// and point at digicheck check.
func TestShowAndHandoutRefuseAnEditedRecord(t *testing.T) {
	path, rs := storeWith(t, 1)
	testkit.TamperJSON(t, path, "records", rs[0].ID.String(), func(r *record.Record) {
		r.Recommendation.Primary = questionnaire.RouteEmail
		r.Recommendation.Fallback = questionnaire.RouteSMS
	})
	for _, args := range [][]string{{"show", rs[0].ID.String()}, {"show", rs[0].ID.String(), "--handout"}, {"history", "9434765919"}} {
		out, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": path}, "", args...)
		if err == nil || !strings.Contains(err.Error(), "digicheck check") {
			t.Errorf("%v of an edited record = %v; want a refusal pointing at digicheck check", args, err)
		}
		if strings.Contains(strings.ToLower(out), "email") {
			t.Errorf("%v printed the edited route:\n%s", args, out)
		}
	}
	_ = store.ErrDamaged
}

// Issue 15: an assessment made on a store found damaged is not lost. The
// clinician is told before the first question that it cannot be saved in
// the store, and when the save is refused the answers and the note are
// kept in a file whose path is shown, with what to do.
func TestAnAssessmentOnADamagedStoreIsKeptInAFileAndSaysWhere(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 1)
	if err := os.WriteFile(store.DamageNote(path), []byte("the store failed its checks\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	a := testkit.V2(testkit.Included(questionnaire.Answers{
		questionnaire.LinkTasks: {questionnaire.TaskText}, questionnaire.LinkChoice: {string(questionnaire.RouteApp)},
	}))
	res, err := questionnaire.Current.Assess(a, questionnaire.National)
	if err != nil {
		t.Fatal(err)
	}
	lines := append(append(append([]string{}, pipedPatient...), pipedAccess...), pipedRest...)
	lines = append(lines, declineShown(len(res.Recommendation.Referrals))...)
	lines = append(lines, "1")
	out, _ := runNewPiped(t, path, strings.Join(lines, "\n")+"\n")
	if !strings.Contains(out, "cannot be saved in the store") {
		t.Errorf("no warning before the assessment that it cannot be saved:\n%s", out)
	}
	// What to act on first, so that it is read whole in the box at
	// 80x24; check's finding, which may be long, after it.
	warning := ""
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "Warning: this assessment cannot be saved") {
			warning = l
			break
		}
	}
	if !strings.Contains(warning, "will be kept in a file") || strings.Contains(warning, "failed its checks") {
		t.Errorf("the warning does not say that the answers will be kept in a file before why:\n%s", out)
	}
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "digicheck-not-saved-*.txt"))
	if len(kept) != 1 {
		t.Fatalf("%d files keep the refused assessment, want 1:\n%s", len(kept), out)
	}
	if !strings.Contains(out, kept[0]) || !strings.Contains(out, "digicheck check") {
		t.Errorf("the output does not say where the answers are kept (%s) and what to do:\n%s", kept[0], out)
	}
	if b := fileBytes(t, kept[0]); !strings.Contains(b, "9434765919") || !strings.Contains(b, `"answers"`) {
		t.Errorf("the kept file lacks the patient or the answers:\n%s", b)
	}
}

// Issue 15: one damaged record no longer hides a patient's whole history.
// Every readable version is shown; the damaged one is named, marked
// DAMAGED, with what to do, and the exit status is 0 since something was
// shown (1 only when nothing could be).
func TestHistoryShowsEveryReadableVersionAndMarksTheDamagedOne(t *testing.T) {
	path, rs := storeWith(t, 3)
	testkit.TamperJSON(t, path, "records", rs[1].ID.String(), func(r *record.Record) {
		r.Recommendation.Primary = questionnaire.RouteEmail
	})
	out, errs, err := runCLI(t, map[string]string{"DIGICHECK_DB": path}, "", "history", "9434765919")
	if err != nil {
		t.Fatalf("history with one damaged version of three = %v; want the other two shown, exit 0\n%s", err, out)
	}
	if n := strings.Count(out, "completed"); n != 2 {
		t.Errorf("history shows %d versions; want the 2 readable ones:\n%s", n, out)
	}
	if !strings.Contains(out, "DAMAGED") || !strings.Contains(out, rs[1].ID.String()) || !strings.Contains(out, "digicheck check") {
		t.Errorf("history does not mark the damaged version %s with what to do:\n%s", rs[1].ID, out)
	}
	if !strings.Contains(errs, rs[1].ID.String()) {
		t.Errorf("standard error does not name the damaged version:\n%s", errs)
	}
}

// Issue 15 (damaged-store retest): one bit flipped in the transaction id
// of the meta page a void wrote makes bbolt read the store as it was
// before the void. Every command that only reads says so on standard error
// and stops with an error, unless told to go on with --read-damaged; it
// never shows the voided record as current, or counts or exports it, with
// exit 0. A flip in the older page loses nothing: a warning, exit 0.
func TestEveryReaderStopsWhenTheNewestSaveMayBeMissing(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 2)
	voided := rs[0]
	if _, _, err := runStoreCmd(t, path, (*app).voidCmd, voided.ID.String(), "--reason", "wrong patient", "--clinician", "Dr Void Test"); err != nil {
		t.Fatal(err)
	}
	pristine := fileBytes(t, path)
	testkit.FlipMetaTxidBit(t, path, true)
	readers := []struct {
		name string
		mk   func(*app) *cobra.Command
		args []string
	}{
		{"summary", (*app).summaryCmd, []string{"--exact", "--from", "2000-01-01"}},
		{"summary of a store named", (*app).summaryCmd, []string{"--exact", "--from", "2000-01-01", path}},
		{"export", (*app).exportCmd, []string{"--format", "csv", "--identifiable"}},
		{"history", (*app).historyCmd, []string{voided.Patient.Value}},
		{"show", (*app).showCmd, []string{voided.ID.String()}},
	}
	for _, r := range readers {
		out, stderr, err := runStoreCmd(t, path, r.mk, r.args...)
		if !errors.Is(err, store.ErrDamaged) || !strings.Contains(err.Error(), "--read-damaged") {
			t.Errorf("%s of a store whose newest meta page is damaged = %v; want it stopped as damaged, naming --read-damaged", r.name, err)
		}
		if !strings.Contains(stderr, "may be missing its newest save") || !strings.Contains(stderr, "transaction") || !strings.Contains(stderr, "backup") {
			t.Errorf("%s: no plain warning of the missing save:\n%s", r.name, stderr)
		}
		if strings.Contains(out, voided.ID.String()) || strings.Contains(out, "completed") {
			t.Errorf("%s printed the store as it was before the void:\n%s", r.name, out)
		}
		// Told to go on, it reads, and still warns.
		out, stderr, err = runStoreCmd(t, path, r.mk, append([]string{"--read-damaged"}, r.args...)...)
		if err != nil || !strings.Contains(stderr, "may lack the newest save") {
			t.Errorf("%s --read-damaged = %v; want it read, with a warning:\n%s", r.name, err, stderr)
		}
		// History and show carry the mark on their own first line too
		// (issue 15 retest, item 6): copied alone, they still say it.
		if (r.name == "history" || r.name == "show") && !strings.HasPrefix(out, "DAMAGED STORE, read with --read-damaged") {
			t.Errorf("%s --read-damaged does not open with its own mark of the damaged store:\n%s", r.name, out)
		}
	}

	// The older page: nothing is missing, so readers warn and go on.
	if err := os.WriteFile(path, []byte(pristine), 0o600); err != nil {
		t.Fatal(err)
	}
	os.Remove(store.DamageNote(path))
	testkit.FlipMetaTxidBit(t, path, false)
	for _, r := range readers {
		_, stderr, err := runStoreCmd(t, path, r.mk, r.args...)
		if err != nil || !strings.Contains(stderr, "nothing saved is missing") {
			t.Errorf("%s of a store whose older meta page is damaged = %v; want a warning that nothing is missing, and no stop:\n%s", r.name, err, stderr)
		}
		if strings.Contains(stderr, "restore the store from a backup") {
			t.Errorf("%s advises a restore when nothing is missing:\n%s", r.name, stderr)
		}
	}
}

// Issue 15 (damaged-store retest): a backup into a folder that is not
// there, named with a trailing slash, is refused, saying so; it never
// writes a file under the folder's name.
func TestBackupIntoAFolderThatIsNotThereIsRefused(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 1)
	dir := t.TempDir()
	_, _, err := runStoreCmd(t, path, (*app).backupCmd, filepath.Join(dir, "nodir")+"/")
	if err == nil || !strings.Contains(err.Error(), "there is no folder") {
		t.Errorf("backup into a missing folder = %v; want it refused, naming the folder", err)
	}
	if _, serr := os.Stat(filepath.Join(dir, "nodir")); serr == nil {
		t.Error("backup wrote a file named after the missing folder")
	}
	// A folder that is there takes the backup.
	if _, _, err := runStoreCmd(t, path, (*app).backupCmd, dir+"/"); err != nil {
		t.Errorf("backup into an existing folder: %v", err)
	}
}

// Issue 15 (damaged-store retest, item 1): any save the store fails, not
// only a damaged store's refusal, keeps the answers and note in a file
// beside the store; a later try that saves removes it, so the assessment
// is not entered twice; an unfinished assessment whose draft the store
// would not keep is kept in a file too, with its answers.
func TestAnyFailedSaveOrDraftKeepsTheAnswersInAFile(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 0)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := testkit.Assessed(t, testkit.Offline(nil))
	if r.ID, err = record.NewID(); err != nil {
		t.Fatal(err)
	}
	var kept []string
	unwritable := &store.Error{Kind: store.ErrReadOnly, Msg: "the store cannot be written"}
	err = keepRefused(st, &r, unwritable, &kept, "")
	want := filepath.Join(filepath.Dir(path), "digicheck-not-saved-"+r.ID.String()+".txt")
	var k interface{ KeptIn() string }
	if !errors.As(err, &k) || k.KeptIn() != want || len(kept) != 1 {
		t.Fatalf("a save the store could not write = %v (kept %v); want the answers kept in %s", err, kept, want)
	}
	if b := fileBytes(t, want); !strings.Contains(b, r.Patient.Value) || !strings.Contains(b, `"answers"`) {
		t.Errorf("the kept file lacks the patient or the answers:\n%s", b)
	}
	if err := keepRefused(st, &r, nil, &kept, ""); err != nil || len(kept) != 0 {
		t.Errorf("after the retry saved: %v, kept %v; want nothing left to enter again", err, kept)
	}
	if _, err := os.Stat(want); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the file of a record since saved is still there (%v): it would be entered twice", err)
	}

	d := &store.Draft{}
	d.Patient, d.Answers = r.Patient, r.Answers
	if d.ID, err = record.NewID(); err != nil {
		t.Fatal(err)
	}
	p := keepUnkept(st, d, questionnaire.National, &kept, "")
	if p == "" || len(kept) != 1 || kept[0] != p {
		t.Fatalf("an unkept draft was not kept in a file: %q, %v", p, kept)
	}
	if b := fileBytes(t, p); !strings.Contains(b, r.Patient.Value) || !strings.Contains(b, `"answers"`) {
		t.Errorf("the kept draft lacks the patient or the answers:\n%s", b)
	}
}

// Issue 15 (damaged-store retest, item 3): damage to the older meta page
// loses nothing, so check's verdict, and summary after it, advise a backup
// to use in the store's place, never a restore that would lose saves.
func TestOlderMetaPageDamageAdvisesABackupNotARestore(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 2)
	if _, _, err := runStoreCmd(t, path, (*app).voidCmd, rs[0].ID.String(), "--reason", "wrong patient", "--clinician", "Dr Void Test"); err != nil {
		t.Fatal(err)
	}
	testkit.FlipMetaTxidBit(t, path, false)
	_, _, err := runStoreCmd(t, path, (*app).checkCmd)
	if err == nil || !strings.Contains(err.Error(), "nothing saved is missing") || !strings.Contains(err.Error(), "make a backup now") ||
		strings.Contains(err.Error(), "restore") {
		t.Errorf("check of a store whose older meta page is damaged ends %v; want nothing missing and a backup to use, no restore", err)
	}
	out, errs, _ := runStoreCmd(t, path, (*app).summaryCmd, "--from", "2000-01-01", "--exact")
	if strings.Contains(out+errs, "restore the store from a backup") {
		t.Errorf("summary advises a restore when nothing is missing:\n%s\n%s", errs, out)
	}
}

// Issue 15 (damaged-store retest, item 4): a store or backup path holding
// control characters (ESC, BEL, a line feed) is printed by check and backup
// with them as escapes (\x1b), as the README promises, never sent raw to
// the terminal, where they could recolour or rewrite the screen.
func TestCheckAndBackupShowControlCharactersInPathsAsEscapes(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "ward\x1b[31m7\a\nx")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "digicheck.db")
	if _, err := store.Open(path, store.Options{}); err != nil {
		t.Fatal(err)
	}
	backups := filepath.Join(dir, "copies\x1b]0;x\a")
	if err := os.Mkdir(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, run := range []struct {
		name string
		mk   func(*app) *cobra.Command
		args []string
	}{
		{"check", (*app).checkCmd, nil},
		{"backup", (*app).backupCmd, []string{backups + "/"}},
	} {
		out, errs, err := runStoreCmd(t, path, run.mk, run.args...)
		if err != nil {
			t.Fatalf("%s: %v", run.name, err)
		}
		if strings.ContainsAny(out+errs, "\x1b\a") || !strings.Contains(out, `ward\x1b[31m7\x07\x0ax/`) {
			t.Errorf("%s sent control characters raw, or not as escapes:\n%q", run.name, out+errs)
		}
	}
}

// Issue 15 (damaged-store retest, item 7): synthetic data made again into
// a store that holds some, with the same seed or another, is refused before
// anything is written, saying it goes into a new store, not 'after 0
// records: cannot save the follow-up …'.
func TestSyntheticIntoAStoreThatHoldsSomeSaysUseANewStore(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "synthetic.db")
	if _, _, err := runStoreCmd(t, path, (*app).syntheticCmd, "--count", "300"); err != nil {
		t.Fatal(err)
	}
	before := fileBytes(t, path)
	for _, seed := range []string{"1", "2"} {
		_, _, err := runStoreCmd(t, path, (*app).syntheticCmd, "--count", "300", "--seed", seed)
		if err == nil || !strings.HasPrefix(err.Error(), "synthetic data goes into a new store") || !strings.Contains(err.Error(), "another --db") {
			t.Errorf("synthetic --seed %s into a store holding some = %v; want it refused, saying to use another --db", seed, err)
		}
	}
	if fileBytes(t, path) != before {
		t.Error("a refused synthetic run wrote into the store")
	}
}

// Issue 15 (damaged-store retest): an export made with --read-damaged
// carries the mark in the file itself, since the warnings on standard
// error do not go with it: a last CSV column damaged_store and a field of
// that name on every NDJSON line, each saying the newest saves may be
// missing. summary of such a file says so, and still reads it. An export
// of a sound store has no such column.
func TestAnExportReadDamagedCarriesItsOwnMarkAndSummarySaysIt(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 2)
	if _, _, err := runStoreCmd(t, path, (*app).voidCmd, rs[0].ID.String(), "--reason", "wrong patient", "--clinician", "Dr Void Test"); err != nil {
		t.Fatal(err)
	}
	key := siteKey(t)
	clean := filepath.Join(t.TempDir(), "clean.csv")
	if _, _, err := runStoreCmd(t, path, (*app).exportCmd, "--format", "csv", "--identifiable", "-o", clean); err != nil {
		t.Fatal(err)
	}
	if head, _, _ := strings.Cut(fileBytes(t, clean), "\r\n"); strings.Contains(head, "damaged_store") {
		t.Errorf("an export of a sound store has a damaged_store column: %s", head)
	}
	testkit.FlipMetaTxidBit(t, path, true)
	for _, format := range []string{"csv", "ndjson"} {
		for _, mode := range [][]string{{"--identifiable"}, {"--key-file", key}} {
			file := filepath.Join(t.TempDir(), "x."+format)
			args := append([]string{"--read-damaged", "--format", format, "-o", file}, mode...)
			if _, stderr, err := runStoreCmd(t, path, (*app).exportCmd, args...); err != nil {
				t.Fatalf("export %v: %v\n%s", args, err, stderr)
			}
			lines := exportLines(fileBytes(t, file))
			if format == "csv" {
				if !strings.HasSuffix(strings.TrimSpace(lines[0]), ",damaged_store") {
					t.Errorf("csv %v: the header does not end with damaged_store: %s", mode, lines[0])
				}
				lines = lines[1 : len(lines)-1] // the header, the end mark
			}
			if len(lines) != 2 {
				t.Errorf("%s %v: %d records exported, want the 2 the damaged store shows", format, mode, len(lines))
			}
			for _, l := range lines {
				if !strings.Contains(l, "read with --read-damaged: the newest saves may be missing") {
					t.Errorf("%s %v: a record without the mark of the damaged store:\n%s", format, mode, l)
				}
			}
			out, stderr, err := runStoreCmd(t, path, (*app).summaryCmd, "--from", "2000-01-01", "--exact", file)
			if err != nil {
				t.Errorf("summary of the %s export %v: %v", format, mode, err)
			}
			// In the summary itself too, which is what is passed on.
			if !strings.Contains(strings.Join(strings.Fields(out), " "), file+" (exported from a damaged store) found damaged") {
				t.Errorf("summary of the %s export %v does not say in its output that it was read from a damaged store:\n%s", format, mode, out)
			}
			if !strings.Contains(stderr, file+" was exported from a damaged store") || !strings.Contains(stderr, "--read-damaged") {
				t.Errorf("summary of the %s export %v does not say it was read from a damaged store:\n%s", format, mode, stderr)
			}
		}
	}
}

// Issue 15 (damaged-store retest): an export to a file that stops at a
// page of the store it cannot read says that nothing was written there
// and that the store is damaged, never that the export could not be
// written to the file: found by zeroing a range of a synthetic store,
// which sent the user to look at the destination's disk.
func TestAnExportStoppedByADamagedStoreBlamesTheStoreNotTheFile(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 40)
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var root, size int64
	err = db.View(func(tx *bolt.Tx) error {
		root, size = int64(tx.Bucket([]byte("records")).Root()), int64(db.Info().PageSize)
		return nil
	})
	db.Close()
	if err != nil || root == 0 {
		t.Fatalf("the records have no page of their own (root %d): %v", root, err)
	}
	// The root page of the records and every page that holds a record,
	// in use or left over from an earlier save: records on a sound page
	// are read even with the pages above them lost.
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	leaves := map[int64]bool{}
	for _, r := range rs {
		for at := 0; ; {
			i := bytes.Index(b[at:], []byte(r.ID.String()))
			if i < 0 {
				break
			}
			leaves[int64(at+i)/size] = true
			at += i + 1
		}
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.WriteAt(make([]byte, size), root*size)
	for id := range leaves {
		if err == nil {
			_, err = f.WriteAt(make([]byte, size), id*size)
		}
	}
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "x.ndjson")
	_, _, err = runStoreCmd(t, path, (*app).exportCmd, "--format", "ndjson", "--identifiable", "-o", file)
	if !errors.Is(err, store.ErrDamaged) || !strings.HasPrefix(err.Error(), "nothing was written to "+file+": ") || strings.Contains(err.Error(), "cannot write") {
		t.Errorf("export stopped by a damaged store = %v; want 'nothing was written to %s' and the store's damage", err, file)
	}
	if _, serr := os.Stat(file); serr == nil {
		t.Error("a partial export was left at the destination")
	}
}

// Issue 15 (damaged-store retest): a store whose supersession links have
// lost an amendment's or a void's entry, while its facts still name it,
// is never called merely busy: summary says it may be damaged and names
// digicheck check, since "summarise it again" would fail the same way
// for ever. Found by flipping bits in the facts of a synthetic store.
func TestSummaryOfLinksThatDisagreeWithTheFactsNamesCheck(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 2)
	if _, _, err := runStoreCmd(t, path, (*app).voidCmd, rs[0].ID.String(), "--reason", "wrong patient", "--clinician", "Dr Void Test"); err != nil {
		t.Fatal(err)
	}
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("factLinks"))
		var keys [][]byte
		_ = b.ForEach(func(k, _ []byte) error { keys = append(keys, append([]byte(nil), k...)); return nil })
		if len(keys) == 0 {
			t.Fatal("no link to remove")
		}
		for _, k := range keys {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		// The links' checks go too, as in a store of a build that kept
		// none: with them, a check of no link is damage found at once.
		meta := tx.Bucket([]byte("factMeta"))
		var checks [][]byte
		_ = meta.ForEach(func(k, _ []byte) error {
			if bytes.HasPrefix(k, []byte("link")) {
				checks = append(checks, bytes.Clone(k))
			}
			return nil
		})
		for _, k := range checks {
			if err := meta.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
	_, _, err := runStoreCmd(t, path, (*app).summaryCmd, "--exact")
	if err == nil || !strings.Contains(err.Error(), "damaged (run digicheck check)") {
		t.Errorf("summary of a store whose links lost an entry = %v; want it to say the store may be damaged and name digicheck check", err)
	}
}

// Issue 15 (damaged-store retest): history and show of a store found
// damaged say so, on standard error and on their own first line, as
// summary and export do: a version lost with its indexes is not shown,
// and the history printed or copied alone would look complete. Found by
// zeroing a range of a synthetic store, after which history said nothing
// of the damage check had found.
func TestHistoryAndShowOfAStoreFoundDamagedSaySo(t *testing.T) {
	path, rs := storeWith(t, 2)
	if err := os.WriteFile(store.DamageNote(path), []byte("the store has 18 problem(s): keep a copy\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"history", rs[0].Patient.Value}, {"show", rs[1].ID.String()}} {
		out, stderr, err := runCLI(t, map[string]string{"DIGICHECK_DB": path}, "", args...)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		if !strings.HasPrefix(out, "DAMAGED STORE, found damaged: ") || !strings.Contains(out, "run digicheck check") {
			t.Errorf("%v of a store found damaged does not open with a mark of its own:\n%s", args, out)
		}
		if !strings.Contains(stderr, "18 problem(s)") {
			t.Errorf("%v does not say on standard error what was found:\n%s", args, stderr)
		}
	}
}

// The mark of a store found damaged reads whole at 80 columns: no line of
// it is cut mid-word by the terminal.
func TestTheFoundDamagedMarkFitsIn80Columns(t *testing.T) {
	path, rs := storeWith(t, 1)
	if err := os.WriteFile(store.DamageNote(path), []byte("the store has 1 problem(s)\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": path}, "", "history", rs[0].Patient.Value)
	if err != nil {
		t.Fatal(err)
	}
	// And the mark of a store read past a damaged newest meta page.
	path, rs = storeWith(t, 2)
	if _, _, err := runStoreCmd(t, path, (*app).voidCmd, rs[0].ID.String(), "--reason", "wrong patient", "--clinician", "Dr Void Test"); err != nil {
		t.Fatal(err)
	}
	testkit.FlipMetaTxidBit(t, path, true)
	more, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": path}, "", "history", "--read-damaged", rs[0].Patient.Value)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(more, "DAMAGED STORE, read with --read-damaged") {
		t.Fatalf("no mark of the store read damaged:\n%s", more)
	}
	for _, l := range strings.Split(out+more, "\n") {
		if len(l) > 80 {
			t.Errorf("a line of %d columns:\n%s", len(l), l)
		}
	}
}

// Issue 15 (damaged-store retest): a page of records lost (zeroed) hides
// only the versions it held: history shows the patient's other versions
// and marks the lost ones DAMAGED, since it stopped with bbolt's
// assertion and showed nothing of the patient. Found by zeroing a range
// of a synthetic store.
func TestHistoryShowsTheVersionsALostPageDidNotHold(t *testing.T) {
	path, rs := storeWith(t, 40)
	f, root, size := openRecordsRoot(t, path)
	// The root is a branch (bbolt's page layout: a 16-byte header whose
	// flags are at byte 8, then 16-byte elements ending in the child's
	// page id): the second child, a leaf, is zeroed.
	page := make([]byte, size)
	if _, err := f.ReadAt(page, root*size); err != nil {
		t.Fatal(err)
	}
	if page[8]&0x01 == 0 {
		t.Fatalf("the records' root page %d is not a branch", root)
	}
	child := int64(binenc.LittleEndian.Uint64(page[16+16+8 : 16+16+16]))
	if _, err := f.WriteAt(make([]byte, size), child*size); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out, stderr, err := runCLI(t, map[string]string{"DIGICHECK_DB": path}, "", "history", rs[0].Patient.Value)
	if err != nil {
		t.Fatalf("history with one page of records lost = %v; want the other versions shown\n%s", err, stderr)
	}
	if strings.Contains(out, "follows up \n") || strings.Contains(out, "supersedes \n") {
		t.Errorf("a link to a version not shown is left blank:\n%s", out)
	}
	shown := strings.Count(out, "completed")
	if shown == 0 || shown == len(rs) || !strings.Contains(out, "DAMAGED") {
		t.Errorf("history shows %d of %d versions; want those the lost page did not hold, and the lost ones marked DAMAGED:\n%s", shown, len(rs), out)
	}
}

// A version linked to from one shown but itself damaged is named by its
// whole id, never left blank ("follows up " and nothing).
func TestHistoryNamesADamagedVersionLinkedToByItsWholeID(t *testing.T) {
	path, rs := storeWith(t, 1)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	next := testkit.Assessed(t, testkit.Offline(nil))
	next.FollowsUp = rs[0].ID
	if err := st.Save(&next); err != nil {
		t.Fatal(err)
	}
	forgeBytes(t, path, rs[0].ID.String(), `"R Patel"`, `"R Pate1"`)
	out, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": path}, "", "history", rs[0].Patient.Value)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(strings.Fields(out), " "), "follows up "+rs[0].ID.String()) {
		t.Errorf("the follow-up does not name the damaged version it follows up by its whole id:\n%s", out)
	}
}

// openRecordsRoot opens the store file at path for writing and returns it
// (closed when the test ends) with the page id of the records bucket's
// root and the page size, for tests that damage the records' pages as a
// failing disk or a torn copy would.
func openRecordsRoot(t *testing.T, path string) (f *os.File, root, size int64) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	err = db.View(func(tx *bolt.Tx) error {
		root, size = int64(tx.Bucket([]byte("records")).Root()), int64(db.Info().PageSize)
		return nil
	})
	db.Close()
	if err != nil || root == 0 {
		t.Fatalf("the records have no page of their own (root %d): %v", root, err)
	}
	f, err = os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, root, size
}
