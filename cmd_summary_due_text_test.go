package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/site"
)

// TestAListOfReviewsDueInItsTextFormGivenToSummaryIsSaidForWhatItIs: the
// list of reviews due as due prints it (its header "REVIEW BY   DUE
// PATIENT ...") saved to a file and given to summary was taken for a
// store that cannot be read, and the QI lead told to ask IT to restore
// the store from a backup; its CSV form was said to be a list of reviews
// due. The text form is now said to be one too, with what to give
// instead, and nothing of restoring a store.
func TestAListOfReviewsDueInItsTextFormGivenToSummaryIsSaidForWhatItIs(t *testing.T) {
	t.Parallel()
	db := syntheticDB(t)
	out, errOut, err := runStoreCmd(t, db, (*app).dueCmd, "--within", "3660")
	if err != nil {
		t.Fatalf("due: %v\n%s", err, errOut)
	}
	if !strings.Contains(out, "REVIEW BY") {
		t.Fatalf("due wrote no list:\n%.300s", out)
	}
	dir := t.TempDir()
	for name, b := range map[string]string{
		"due.txt":      out,
		"due-crlf.txt": strings.ReplaceAll(out, "\n", "\r\n"),
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(b), 0o600); err != nil {
			t.Fatal(err)
		}
		_, errOut, err := runReportCmd(t, site.Settings{}, (*app).summaryCmd, "--exact", p)
		if err == nil {
			t.Errorf("%s: summarised:\n%s", name, errOut)
			continue
		}
		said := strings.Join(strings.Fields(err.Error()+" "+errOut), " ")
		if exitStatus(err) != 1 {
			t.Errorf("%s: exit status %d, want 1", name, exitStatus(err))
		}
		if !strings.Contains(said, "list of reviews due") || !strings.Contains(said, "not an export") {
			t.Errorf("%s: not said to be a list of reviews due, not an export:\n%s", name, said)
		}
		if strings.Contains(said, "restore the store") || strings.Contains(said, "ask IT") {
			t.Errorf("%s: told to have the store restored:\n%s", name, said)
		}
	}
}

// TestACompressedFilePipedToSummaryIsToldHowToUnpackItInAPipe: a gzip
// file piped in was told to "unpack it first (gunzip standard input)",
// a command that names no file. It is told how to unpack it as it is
// piped in.
func TestACompressedFilePipedToSummaryIsToldHowToUnpackItInAPipe(t *testing.T) {
	t.Parallel()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("id,patient\n"))
	zw.Close()
	_, stderr, err := runStoreCmdIn(t, filepath.Join(t.TempDir(), "none.db"), gz.String(), (*app).summaryCmd, "--exact", "-")
	if err == nil {
		t.Fatalf("a compressed file piped in was summarised:\n%s", stderr)
	}
	said := strings.Join(strings.Fields(err.Error()), " ")
	if !strings.Contains(said, "compressed (gzip)") || strings.Contains(said, "gunzip standard input") || !strings.Contains(said, "gunzip -c") || !strings.Contains(said, "digicheck summary -") {
		t.Errorf("a compressed file piped in is not told how to unpack it in a pipe: %s", said)
	}
}
