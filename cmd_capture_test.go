package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/google/uuid"
	"github.com/spf13/cobra"
	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/report"
	"digicheck/site"
	"digicheck/store"
	"digicheck/store/packed"
)

// controls are the characters no plain output may carry from a record or
// a file: ESC, BEL, CR, the C1 CSI and a bidi override.
const controls = "\x1b\x07\r\u009b\u202e"

func assertNoControls(t *testing.T, what, out string) {
	t.Helper()
	if i := strings.IndexAny(out, controls); i >= 0 {
		t.Errorf("%s printed a control character at byte %d: %q", what, i, out[max(0, i-30):min(len(out), i+30)])
	}
}

func TestVoidIsAttributedToTheClinicianNamed(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 2)
	out, _, err := runStoreCmd(t, path, (*app).voidCmd, rs[0].ID.String(), "--reason", "wrong patient", "--clinician", "Dr B Jones")
	if err != nil {
		t.Fatal(err)
	}
	st, _ := store.Open(path, store.Options{})
	cur, _ := st.Current(rs[0].ID)
	if cur.Clinician != "Dr B Jones" || !strings.Contains(strings.Join(strings.Fields(out), " "), "by Dr B Jones (Ward 7)") {
		t.Errorf("void by %q, said:\n%s", cur.Clinician, out)
	}
	// Without --clinician, refused: see
	// TestAVoidWithoutClinicianIsRefusedNeverPutDownToTheLogin.
}

// TestABlankOrOverlongClinicianOrReasonIsRefused: a --clinician that is
// only spaces is refused, not put down to the login; a name or a reason
// too long to read is refused; nothing is saved.
func TestABlankOrOverlongClinicianOrReasonIsRefused(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 1)
	for _, args := range [][]string{
		{"--reason", "wrong patient", "--clinician", "   "},
		{"--reason", "wrong patient", "--clinician", strings.Repeat("n", 61)},
		{"--reason", strings.Repeat("r", 501)},
	} {
		if _, _, err := runStoreCmd(t, path, (*app).voidCmd, append([]string{rs[0].ID.String()}, args...)...); err == nil {
			t.Errorf("void %q was accepted", args)
		}
	}
	st, _ := store.Open(path, store.Options{})
	if cur, _ := st.Current(rs[0].ID); cur.Status == record.EnteredInError {
		t.Errorf("a refused void was saved")
	}
}

// TestChangesRefuseControlCharactersInFlags: a reason or a name given on
// the command line is kept and printed, so an escape sequence in it is
// refused before anything is saved.
func TestChangesRefuseControlCharactersInFlags(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 1)
	for _, c := range []struct {
		cmd  string
		args []string
	}{
		{"void", []string{"--reason", "wrong\x1b[2Jpatient"}},
		{"void", []string{"--reason", "wrong patient", "--clinician", "Dr\u202eB"}},
		{"amend", []string{"--reason", "fix\x1b]52;c;eA==\x07"}},
		{"amend", []string{"--reason", "fix", "--clinician", "B\nJones"}},
	} {
		mk := (*app).voidCmd
		if c.cmd == "amend" {
			mk = (*app).amendCmd
		}
		_, _, err := runStoreCmd(t, path, mk, append([]string{rs[0].ID.String()}, c.args...)...)
		if err == nil || !strings.Contains(err.Error(), "character") {
			t.Errorf("%s %q = %v, want a refusal naming the character", c.cmd, c.args, err)
		}
	}
	st, _ := store.Open(path, store.Options{})
	if cur, _ := st.Current(rs[0].ID); cur.ID != rs[0].ID {
		t.Error("something was saved")
	}
}

// TestAmendNeedsAReason: every change carries a reason, as a void does;
// amend says so before it opens anything.
func TestAmendNeedsAReason(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 1)
	for _, args := range [][]string{{rs[0].ID.String()}, {rs[0].ID.String(), "--reason", " "}} {
		if _, _, err := runStoreCmd(t, path, (*app).amendCmd, args...); err == nil || !strings.Contains(err.Error(), "--reason") {
			t.Errorf("amend %v = %v, want an error asking for --reason", args, err)
		}
	}
}

// sameMinuteStore saves records for one patient whose ids share their
// first 13 characters, as records made in the same millisecond do, and
// one made a minute later.
func sameMinuteStore(t *testing.T) (string, []record.Record) {
	t.Helper()
	path, base := storeWith(t, 1)
	st, _ := store.Open(path, store.Options{})
	u := uuid.MustParse(base[0].ID.String())
	var rs []record.Record
	for i := range 3 {
		r := base[0]
		v := u
		v[7] ^= byte(i + 1)
		r.ID, r.Clinician, r.Team = record.ID(v), "Dr Alexandra Featherstonehaugh-Montgomery", "Department of Medicine for Older People"
		if err := st.Save(&r); err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	return path, append(base, rs...)
}

// TestHistoryFitsEightyColumnsAndItsIdsTypeBack: every line of history is
// at most 80 columns, and every id it shows finds its record.
func TestHistoryFitsEightyColumnsAndItsIdsTypeBack(t *testing.T) {
	t.Parallel()
	path, rs := sameMinuteStore(t)
	if _, _, err := runStoreCmd(t, path, (*app).voidCmd, rs[1].ID.String(), "--reason",
		"made for the wrong patient: the ward list was sorted by bed and the clinician picked the row above", "--clinician", "Dr B Jones"); err != nil {
		t.Fatal(err)
	}
	hist, _, err := runStoreCmd(t, path, (*app).historyCmd, "9434765919")
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(strings.TrimSuffix(hist, "\n"), "\n") {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("history line %d is %d columns:\n%s", i+1, w, l)
		}
	}
	ids := historyIDs(hist)
	if len(ids) != len(rs)+1 {
		t.Fatalf("history shows %d records, want %d:\n%s", len(ids), len(rs)+1, hist)
	}
	seen := map[string]bool{}
	for _, id := range ids {
		show, _, err := runStoreCmd(t, path, (*app).showCmd, id)
		if err != nil {
			t.Errorf("show %s (as history shows it): %v", id, err)
			continue
		}
		full := strings.TrimSpace(strings.SplitN(show[strings.Index(show, "Record id: ")+len("Record id: "):], "\n", 2)[0])
		if !strings.HasPrefix(full, id) || seen[full] {
			t.Errorf("%s shows record %s", id, full)
		}
		seen[full] = true
	}
}

// TestAmbiguousIdListsEveryMatch: an id prefix that several records
// share is refused with each of them named, patient and time included.
func TestAmbiguousIdListsEveryMatch(t *testing.T) {
	t.Parallel()
	path, rs := sameMinuteStore(t)
	for _, c := range []struct {
		mk   func(*app) *cobra.Command
		args []string
	}{
		{(*app).showCmd, nil},
		{(*app).voidCmd, []string{"--reason", "x", "--clinician", "Dr Void Test"}},
		{(*app).amendCmd, []string{"--reason", "x"}},
	} {
		_, _, err := runStoreCmd(t, path, c.mk, append([]string{rs[1].ID.String()[:13]}, c.args...)...)
		if !errors.Is(err, store.ErrAmbiguous) {
			t.Fatalf("%v, want ErrAmbiguous", err)
		}
		for _, r := range rs[1:] {
			if !strings.Contains(err.Error(), r.ID.String()+"  patient 943 476 5919  "+r.Time.Local().Format("2006-01-02 15:04:05")) {
				t.Errorf("the refusal does not list %s:\n%v", r.ID, err)
			}
		}
	}
}

// TestPlainPromptsResumeUnderTheClinicianTyped: a draft left by plain
// prompts is saved, when resumed, under the clinician who was typed, not
// the login of the machine.
func TestPlainPromptsResumeUnderTheClinicianTyped(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	env := map[string]string{"DIGICHECK_DB": db}
	lines := strings.Split(strings.TrimSuffix(pipedAssessment, "\n"), "\n")
	lines[2] = "Dr A Nurse"
	// Stop after the access section: the draft is kept.
	if _, _, err := runCLI(t, env, strings.Join(lines[:7], "\n")+"\n"); err == nil {
		t.Fatal("an unfinished assessment ended without an error")
	}
	// Resume it (the first draft, resume) and finish.
	out, _, err := runCLI(t, env, "2\n3\n"+strings.Join(lines[7:], "\n")+"\n", "--drafts-from-input")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(out, "By: Dr A Nurse") {
		t.Errorf("the note is not by the clinician typed:\n%s", out)
	}
	hist, _, _ := runCLI(t, env, "", "history", "9434765919")
	if !strings.Contains(hist, "by Dr A Nurse") || (currentUser() != "" && strings.Contains(hist, "by "+currentUser()+" ")) {
		t.Errorf("history:\n%s", hist)
	}
}

// spoilOnDisk rewrites a saved record's clinician, team and void reason as
// a build that did not refuse control characters could have saved them.
func spoilOnDisk(t *testing.T, path, id string, spoil func(map[string]any)) {
	t.Helper()
	testkit.TamperJSON(t, path, "records", id, func(m *map[string]any) { spoil(*m) })
}

// dropFacts makes the store look as one from before facts were kept (and
// so before checksums and packing, which came after them): its records
// plain JSON.
func dropFacts(t *testing.T, path string) {
	t.Helper()
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		for _, b := range []string{"facts", "factNames", "factMeta", "factLinks", "sums"} {
			_ = tx.DeleteBucket([]byte(b))
		}
		recs, plain := tx.Bucket([]byte("records")), map[string][]byte{}
		_ = recs.ForEach(func(k, v []byte) error {
			j, err := packed.Unpack(v)
			plain[string(k)] = bytes.Clone(j)
			return err
		})
		for k, j := range plain {
			if err := recs.Put([]byte(k), j); err != nil {
				return err
			}
		}
		return nil
	})
}

// TestRecordsFromOlderBuildsAreNeutralisedOnOutput: records on disk may
// hold control characters that input now refuses; show, history and the
// note print them as visible escapes, never raw.
func TestRecordsFromOlderBuildsAreNeutralisedOnOutput(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 1)
	if _, _, err := runStoreCmd(t, path, (*app).voidCmd, rs[0].ID.String(), "--reason", "wrong patient", "--clinician", "Dr Void Test"); err != nil {
		t.Fatal(err)
	}
	st, _ := store.Open(path, store.Options{})
	v, _ := st.Current(rs[0].ID)
	// An older build kept no facts beside its records (they would not
	// match these edits), and could hold control characters only in
	// text outside the result: an answer changed on disk no longer gives
	// the record's result, and show refuses the record instead
	// (TestShowAndHandoutRefuseAnEditedRecord).
	spoilOnDisk(t, path, rs[0].ID.String(), func(m map[string]any) {
		m["clinician"] = "R \x1b]52;c;ZXZpbA==\x07Patel"
		m["team"] = "Ward \u202e7"
	})
	spoilOnDisk(t, path, v.ID.String(), func(m map[string]any) { m["void_reason"] = "wrong\rpatient \u009b31m" })
	dropFacts(t, path)
	for _, args := range [][]string{{rs[0].ID.String()}, {v.ID.String()}} {
		out, _, err := runStoreCmd(t, path, (*app).showCmd, args...)
		if err != nil {
			t.Fatal(err)
		}
		assertNoControls(t, "show", out)
	}
	out, _, _ := runStoreCmd(t, path, (*app).showCmd, rs[0].ID.String())
	if !strings.Contains(out, `\x1b]52;c;ZXZpbA==\x07`) {
		t.Errorf("show hides what was there instead of showing it escaped:\n%s", out)
	}
	hist, _, err := runStoreCmd(t, path, (*app).historyCmd, "9434765919")
	if err != nil {
		t.Fatal(err)
	}
	assertNoControls(t, "history", hist)
}

// TestSummaryNeutralisesWhatItsInputsHold: exports and their file names
// are read by summary; a control character in either is shown escaped in
// every format printed for reading.
func TestSummaryNeutralisesWhatItsInputsHold(t *testing.T) {
	t.Parallel()
	db, _ := storeWith(t, 3)
	dir := t.TempDir()
	nd := filepath.Join(dir, "ward\x1b[2J.ndjson")
	cs := filepath.Join(dir, "ward\u202e.csv")
	for _, f := range []struct{ format, path string }{{"ndjson", nd}, {"csv", cs}} {
		if _, _, err := runReportCmd(t, site.Settings{DB: db}, (*app).exportCmd, "--format", f.format, "--identifiable", "-o", f.path); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(f.path)
		bad := "public-library\x1b]52;c;ZXZpbA==\x07"
		if f.format == "ndjson" {
			bad = `public-library\u001b]52;c;ZXZpbA==\u0007` // as JSON writes it
		}
		b = bytes.ReplaceAll(b, []byte("public-library"), []byte(bad))
		// Read as an earlier build's export, with no row checks to find
		// the lines changed (a hostile file may make them anew).
		b = withoutRowChecks(t, f.format, b)
		if err := os.WriteFile(f.path, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, in := range []string{nd, cs} {
		for _, format := range []string{"table", "markdown"} {
			out, _, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, in, "--exact", "--from", "2000-01-01", "--format", format)
			if err != nil {
				t.Fatalf("summary of %q: %v", in, err)
			}
			assertNoControls(t, "summary --format "+format, out)
			// Shown as it is, escaped: the table's styling writer once
			// took a CSI sequence out of a name without a word.
			if format == "markdown" {
				// Markdown escapes its markup too: "\x1b\[2J" renders as "\x1b[2J".
				out = strings.NewReplacer(`\[`, "[", `\]`, "]").Replace(out)
			}
			if !strings.Contains(out, `ward\x1b[2J`) && !strings.Contains(out, `ward\u202e`) {
				t.Errorf("summary --format %s does not name its input visibly:\n%s", format, out)
			}
			if !strings.Contains(out, `library\x1b]52`) {
				t.Errorf("summary --format %s does not show the escape in the programme's id:\n%s", format, out)
			}
		}
	}
}

// TestProgrammesCheckRefusesControlCharacters: a control character in a
// programmes file is refused at its line, and the refusal quotes nothing
// raw.
func TestProgrammesCheckRefusesControlCharacters(t *testing.T) {
	t.Parallel()
	f := filepath.Join(t.TempDir(), "p.toml")
	doc := "[[programme]]\nid = \"hub\"\nname = \"Hub \\u001b[31mred\"\nbarriers = [\"skills\"]\ncontact = \"Ask the ward.\"\npatient_line = \"Staff can help you.\"\n"
	if err := os.WriteFile(f, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, err := runReportCmd(t, site.Settings{}, (*app).programmesCmd, "--check", f)
	if err == nil || !strings.Contains(out, f+":3: name: character 5 is an escape character") {
		t.Errorf("check of a programmes file with an escape: %v\n%s", err, out)
	}
	assertNoControls(t, "programmes --check", out)
}

// TestTeamFromTheEnvironmentRefusesControlCharacters: the team is kept in
// every record, so one given by flag or environment is checked like one
// typed.
func TestTeamFromTheEnvironmentRefusesControlCharacters(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	_, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": db, "DIGICHECK_TEAM": "Ward \x1b[31m7"}, pipedAssessment)
	if err == nil || !strings.Contains(err.Error(), `DIGICHECK_TEAM "Ward \x1b[31m7": character 6 is an escape character`) {
		t.Fatalf("a team with an escape: %v", err)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a store was made for a run that was refused")
	}
}

// TestPlainPromptsWarnBeforeTheFirstQuestionAndKeepAReadableFile: on a
// store that will not save, the plain prompts say so on their own output,
// after their heading and before the first question (as the full screen
// warns before its first question), not only on standard error where a
// screen reader may not read it then. An assessment left unfinished there
// is kept in a file a clinician can read: each question with its answer,
// and how to enter them again, before the data for IT.
func TestPlainPromptsWarnBeforeTheFirstQuestionAndKeepAReadableFile(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 1)
	if err := os.WriteFile(store.DamageNote(path), []byte("the store failed its checks\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	lines := append(append([]string{}, pipedPatient...), pipedAccess...)
	out, errs, err := execute(&app{settings: site.Settings{DB: path}}, (*app).newCmd, strings.Join(lines, "\n")+"\n")
	if err == nil {
		t.Fatal("an unfinished assessment ended without an error")
	}
	warn := strings.Index(out, "Warning: this assessment cannot be saved in the store")
	first := strings.Index(out, "Patient identifier:")
	if warn < 0 || first < 0 || warn > first {
		t.Errorf("the prompts do not warn before the first question (warning at %d, question at %d):\n%s", warn, first, out)
	}
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "digicheck-not-saved-draft-*.txt"))
	if len(kept) != 1 {
		t.Fatalf("%d files keep the unfinished assessment beside the store, want 1:\n%s%s", len(kept), out, errs)
	}
	b := fileBytes(t, kept[0])
	for _, want := range []string{
		"Patient: 943 476 5919",
		"Which of these can you use when you need to? My own smartphone.",
		"How do you get online? Internet or wifi at home.",
		"To enter them again:",
	} {
		if !strings.Contains(b, want) {
			t.Errorf("the file kept lacks %q:\n%s", want, b)
		}
	}
	if i, j := strings.Index(b, "To enter them again:"), strings.Index(b, "{"); j >= 0 && i > j {
		t.Errorf("the answers as data come before the answers as words:\n%s", b)
	}
}

// TestAFinishedAssessmentTheStoreRefusesIsKeptReadable: a finished
// assessment the store will not save is kept in a file a clinician can
// read, as an unfinished one is: beside the note, each question with its
// answer and how to enter them again, before the data for IT.
func TestAFinishedAssessmentTheStoreRefusesIsKeptReadable(t *testing.T) {
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
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "digicheck-not-saved-*.txt"))
	if len(kept) != 1 || strings.Contains(kept[0], "-draft-") {
		t.Fatalf("files keeping the finished assessment: %v, want 1:\n%s", kept, out)
	}
	b := fileBytes(t, kept[0])
	for _, want := range []string{
		"Patient: 943 476 5919",
		"Which of these can you use when you need to? My own smartphone.",
		"How do you get online? Internet or wifi at home.",
		"To enter them again:",
		"The same answers as data, for IT:",
	} {
		if !strings.Contains(b, want) {
			t.Errorf("the file kept lacks %q:\n%s", want, b)
		}
	}
	if i, j := strings.Index(b, "To enter them again:"), strings.Index(b, "{"); i < 0 || j >= 0 && i > j {
		t.Errorf("the answers as data come before the answers as words:\n%s", b)
	}
}

// withoutRowChecks is an export with its row checks (report.RowCheckColumn)
// taken out, as a build before them wrote it.
func withoutRowChecks(t *testing.T, format string, b []byte) []byte {
	t.Helper()
	if format == "ndjson" {
		// The end line's words too, as in an earlier build's.
		b = bytes.ReplaceAll(b, []byte(`,"`+report.RowsCheckedField+`":"`+report.RowsCheckedValue+`"`), nil)
		return regexp.MustCompile(`,"`+report.RowCheckColumn+`":"[a-p]*"`).ReplaceAll(b, nil)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	withoutCSVRowChecks(rows, col)
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	w.UseCRLF = true
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
