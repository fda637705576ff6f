package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
	"digicheck/store/packed"
)

// forgeBytes replaces old with new, the same length, in a record's stored
// JSON (unpacked and packed again, if stored packed): the hostile tester's
// edit, which keeps the facts and the length.
func forgeBytes(t *testing.T, path, id, old, new string) {
	t.Helper()
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("records"))
		stored := b.Get([]byte(id))
		v, err := packed.Unpack(stored)
		if err != nil || len(old) != len(new) || !bytes.Contains(v, []byte(old)) {
			t.Fatalf("record %s: cannot replace %q with %q (%v)", id, old, new, err)
		}
		v = bytes.Replace(v, []byte(old), []byte(new), 1)
		v = testkit.Repack(stored, v) // its checksum left as it was
		return b.Put([]byte(id), v)
	})
}

// H29, issue 14 item 4 (retest): a same-length edit of the clinician's
// name is found by check, and show and the handout refuse the record
// rather than print the forged name.
func TestAForgedClinicianIsFoundAndNeverShown(t *testing.T) {
	path, rs := storeWith(t, 2)
	forgeBytes(t, path, rs[0].ID.String(), `"R Patel"`, `"R Pate1"`)
	out, _, err := runStoreCmd(t, path, (*app).checkCmd)
	if err == nil || !strings.Contains(out, rs[0].ID.String()) {
		t.Errorf("check of a forged record: %v\n%s", err, out)
	}
	for _, args := range [][]string{{"show", rs[0].ID.String()}, {"show", rs[0].ID.String(), "--handout"}} {
		out, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": path}, "", args...)
		if err == nil || !strings.Contains(err.Error(), "digicheck check") || strings.Contains(out, "Pate1") {
			t.Errorf("%v of a forged record = %v\n%s", args, err, out)
		}
	}
}

// H27 and H34, issue 14 item 2 (retest): summary and every export warn, naming
// the finding, when the store's damage note is there.
func TestSummaryAndExportWarnOfAStoreFoundDamaged(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 3)
	const finding = "the store has 2 problem(s): keep a copy"
	if err := os.WriteFile(store.DamageNote(path), []byte(finding+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"--exact"},
		{"--format", "csv", "--identifiable"},
		{"--format", "ndjson", "--identifiable"},
		{"--format", "fhir", "--identifiable"},
	} {
		mk := (*app).exportCmd
		if args[0] == "--exact" {
			mk = (*app).summaryCmd
		}
		out, stderr, _ := runStoreCmd(t, path, mk, args...)
		flat := strings.Join(strings.Fields(strings.ReplaceAll(stderr, " \\\n", " ")), " ")
		if !strings.Contains(stderr, "warning:") || !strings.Contains(stderr, finding) || !strings.Contains(flat, "run digicheck check --db "+path) {
			t.Errorf("%v on a store found damaged: no warning naming the finding:\n%s", args, stderr)
		}
		// CSV and NDJSON carry it in every row too, passed on without
		// standard error.
		if len(args) > 1 && (args[1] == "csv" || args[1] == "ndjson") {
			// And the end mark: the CSV's last row, NDJSON's first and
			// last lines.
			marks := map[string]int{"csv": 1, "ndjson": 2}[args[1]]
			rows := strings.Split(strings.TrimSpace(out), "\n")
			if len(rows) < 3 || strings.Count(out, "found damaged before this export") != 3+marks {
				t.Errorf("%v on a store found damaged: not every record says so:\n%s", args, out)
			}
		}
	}
	// The note is a file anyone could write: never raw to the terminal.
	if err := os.WriteFile(store.DamageNote(path), []byte("bad \x1b]52;c;ZXZpbA==\x07 note\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, stderr, _ := runStoreCmd(t, path, (*app).summaryCmd, "--from", "2000-01-01", "--exact"); strings.Contains(stderr, "\x1b") || !strings.Contains(stderr, "bad ") {
		t.Errorf("the note's text reached the terminal raw:\n%q", stderr)
	}
}

// H27 and H34, issue 14 item 2 (retest): an export leaves out a record that does
// not match its checksum, or whose facts cannot be read, names it, and
// fails at the end; never a silent partial export. Summary does the same
// for facts.
func TestExportsAndSummaryNameWhatTheyLeaveOutAndFail(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 3)
	forgeBytes(t, path, rs[1].ID.String(), `"R Patel"`, `"R Pate1"`)
	for _, format := range []string{"ndjson", "fhir"} {
		named, fails := oneUnreadable(format)
		out, stderr, err := runStoreCmd(t, path, (*app).exportCmd, "--format", format, "--identifiable")
		if err == nil || err.Error() != fails {
			t.Errorf("%s export with a forged record: %v; want %q", format, err, fails)
		}
		if !strings.Contains(stderr, named+rs[1].ID.String()+": ") || !strings.Contains(stderr, "checksum") {
			t.Errorf("%s export does not name the record left out:\n%s", format, stderr)
		}
		// NDJSON: a line in the place of the record left out says so.
		n := len(exportLines(out)) - strings.Count(out, `"status":"unreadable"`)
		if format == "ndjson" && !strings.Contains(out, `{"id":"`+rs[1].ID.String()+`","status":"unreadable"`) {
			t.Errorf("ndjson export has no line in the place of the record left out:\n%s", out)
		}
		if format == "fhir" {
			// A response a line, each followed by what is derived
			// from it.
			n = strings.Count(out, `{"resourceType":"QuestionnaireResponse"`)
		}
		if n != 2 || strings.Contains(out, "Pate1") {
			t.Errorf("%s export wrote %d lines, want the 2 readable records:\n%s", format, n, out)
		}
	}

	path, rs = storeWith(t, 3)
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		id := uuid.MustParse(rs[2].ID.String())
		return tx.Bucket([]byte("facts")).Put(id[:], []byte{1, 2, 3})
	})
	named, csvFails := oneUnreadable("csv")
	_, fails := oneUnreadable("")
	out, stderr, err := runStoreCmd(t, path, (*app).exportCmd, "--format", "csv", "--identifiable", "-o", filepath.Join(t.TempDir(), "x.csv"))
	if err == nil || err.Error() != csvFails || !strings.Contains(stderr, named+rs[2].ID.String()+": its facts cannot be decoded") {
		t.Errorf("csv export with damaged facts: %v\n%s%s", err, out, stderr)
	}
	for _, args := range [][]string{{"--exact", "--from", "2000-01-01"}, {"--exact", "--from", "2000-01-01", "--format", "csv"}} {
		_, stderr, err = runStoreCmd(t, path, (*app).summaryCmd, args...)
		if err == nil || err.Error() != fails || !strings.Contains(stderr, "left out: record "+rs[2].ID.String()) {
			t.Errorf("summary %v with damaged facts: %v\n%s", args, err, stderr)
		}
	}
	// Found by the read, the damage is noted: the next run warns too.
	if _, err := os.Stat(store.DamageNote(path)); err != nil {
		t.Errorf("no damage note after facts were found unreadable: %v", err)
	}
}

// Issue 15 (damaged-store retest): when the amendment of an assessment is
// damaged, history never presents the version it replaced as current: it
// is marked, with the damaged version's id beside it.
func TestHistoryNeverCallsAVersionCurrentWhoseAmendmentIsDamaged(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 1)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	next := rs[0]
	next.ID, next.Time, next.Amends, next.Status, next.AmendReason = record.ID{}, next.Time.Add(1), rs[0].ID, record.Amended, "answers corrected"
	if err := st.Amend(&next); err != nil {
		t.Fatal(err)
	}
	forgeBytes(t, path, next.ID.String(), `"R Patel"`, `"R Pate1"`)
	out, _, err := runStoreCmd(t, path, (*app).historyCmd, rs[0].Patient.Value)
	if err != nil {
		t.Fatalf("history: %v", err)
	}
	var line string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, record.ShortID(rs[0].ID, next.ID)) {
			line = l
			break
		}
	}
	if strings.Contains(line, "completed") || !strings.Contains(line, "not current?") {
		t.Errorf("the amended version is shown as %q; want it marked not current", line)
	}
	if !strings.Contains(out, "a later version may replace this one: it cannot be read ("+next.ID.String()[:18]+")") {
		t.Errorf("history does not say beside it that a later version cannot be read:\n%s", out)
	}
}

// Issue 15 (damaged-store retest): when an assessment's amendment cannot
// be read, an NDJSON export never leaves the version it replaced standing
// as current. A line in the amendment's place says that it could not be
// read and names the version it replaces, and a summary of the file stops
// there, saying the current version is unknown, rather than count the
// replaced answers. Identifiable and pseudonymised alike.
func TestAnNDJSONExportNeverLeavesAVersionCurrentWhoseAmendmentIsDamaged(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 1)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	next := rs[0]
	next.ID, next.Time, next.Amends, next.Status, next.AmendReason = record.ID{}, next.Time.Add(1), rs[0].ID, record.Amended, "answers corrected"
	if err := st.Amend(&next); err != nil {
		t.Fatal(err)
	}
	forgeBytes(t, path, next.ID.String(), `"R Patel"`, `"R Pate1"`)
	for _, mode := range [][]string{{"--identifiable"}, {"--key-file", siteKey(t)}} {
		file := filepath.Join(t.TempDir(), "x.ndjson")
		_, stderr, err := runStoreCmd(t, path, (*app).exportCmd, append([]string{"--format", "ndjson", "-o", file}, mode...)...)
		if err == nil {
			t.Errorf("%v: export with an unreadable amendment ended as a success", mode)
		}
		lines := exportLines(fileBytes(t, file))
		if len(lines) != 2 {
			t.Fatalf("%v: export wrote %d lines; want the first version and a line in the amendment's place:\n%s\n%s", mode, len(lines), strings.Join(lines, "\n"), stderr)
		}
		var first, second map[string]any
		if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(lines[1]), &second); err != nil {
			t.Fatal(err)
		}
		if second["status"] != "unreadable" || second["amends"] != first["id"] || !strings.Contains(fmt.Sprint(second["unreadable"]), "current version of its assessment is unknown") {
			t.Errorf("%v: the line in the amendment's place does not say it replaces %v and could not be read:\n%s", mode, first["id"], lines[1])
		}
		if strings.Contains(lines[1], "Pate1") || (mode[0] != "--identifiable" && strings.Contains(lines[1], next.ID.String())) {
			t.Errorf("%v: the line shows what it must not:\n%s", mode, lines[1])
		}
		out, _, err := runStoreCmd(t, path, (*app).summaryCmd, "--exact", file)
		if err == nil || !strings.Contains(err.Error(), "current version of its assessment is unknown") {
			t.Errorf("%v: summary of the export = %v; want it stopped, saying the current version is unknown:\n%s", mode, err, out)
		}
	}
}

// Issue 15 (damaged-store retest): the same for a CSV export, when the
// facts of an assessment's amendment cannot be read: a row for it, last,
// with status unreadable and the version it replaces in amends, so that
// the version it replaces is not read as current by SQL, R or summary,
// which stops there.
func TestACSVExportNeverLeavesAVersionCurrentWhoseAmendmentIsDamaged(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 1)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	next := rs[0]
	next.ID, next.Time, next.Amends, next.Status, next.AmendReason = record.ID{}, next.Time.Add(1), rs[0].ID, record.Amended, "answers corrected"
	if err := st.Amend(&next); err != nil {
		t.Fatal(err)
	}
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		id := uuid.UUID(next.ID)
		return tx.Bucket([]byte("facts")).Put(id[:], []byte{1, 2, 3})
	})
	for _, mode := range [][]string{{"--identifiable"}, {"--key-file", siteKey(t)}} {
		file := filepath.Join(t.TempDir(), "x.csv")
		if _, _, err := runStoreCmd(t, path, (*app).exportCmd, append([]string{"--format", "csv", "-o", file}, mode...)...); err == nil {
			t.Errorf("%v: export with unreadable facts ended as a success", mode)
		}
		rows, err := csv.NewReader(strings.NewReader(fileBytes(t, file))).ReadAll()
		rows = withoutEndRow(rows)
		if err != nil || len(rows) != 3 {
			t.Fatalf("%v: want a header, the first version and a row in the amendment's place: %v\n%s", mode, err, fileBytes(t, file))
		}
		head := rows[0]
		at := func(row []string, name string) string { return row[slices.Index(head, name)] }
		if at(rows[2], "status") != "unreadable" || at(rows[2], "amends") != at(rows[1], "id") {
			t.Errorf("%v: the row in the amendment's place does not say it replaces %s and could not be read: %q", mode, at(rows[1], "id"), rows[2])
		}
		if mode[0] != "--identifiable" && strings.Contains(fileBytes(t, file), next.ID.String()) {
			t.Errorf("%v: the pseudonymised export shows the amendment's own id", mode)
		}
		_, _, err = runStoreCmd(t, path, (*app).summaryCmd, "--exact", file)
		if err == nil || !strings.Contains(err.Error(), "current version of its assessment is unknown") {
			t.Errorf("%v: summary of the export = %v; want it stopped, saying the current version is unknown", mode, err)
		}
	}
}
