package main

import (
	"bytes"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"

	"digicheck/site"
)

// failingAfter is standard output that takes n writes, then fails each
// with err, as a pipe whose reader left or a full disk does.
type failingAfter struct {
	n   int
	err error
}

func (w *failingAfter) Write(p []byte) (int, error) {
	if w.n <= 0 {
		return 0, &fs.PathError{Op: "write", Path: "/dev/stdout", Err: w.err}
	}
	w.n--
	return len(p), nil
}

// dryRunInto runs push --dry-run --batch 1 of a store of 12 versions the
// server lacks, its Bundles written to out.
func dryRunInto(t *testing.T, out *failingAfter) (string, error) {
	t.Helper()
	path, _ := storeWith(t, 12)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/fhir+json")
		w.Write([]byte(`{"resourceType":"Bundle","type":"searchset","total":0}`))
	}))
	t.Cleanup(srv.Close)
	c := (&app{settings: site.Settings{DB: path, Team: "Ward 7"}}).pushCmd()
	var errOut bytes.Buffer
	c.SetIn(strings.NewReader(""))
	c.SetOut(out)
	c.SetErr(&errOut)
	c.SetArgs([]string{"--server", srv.URL + "/fhir", "--dry-run", "--batch", "1"})
	c.SilenceUsage, c.SilenceErrors = true, true
	err := c.Execute()
	return errOut.String(), err
}

// push --dry-run | head -3: once the reader left, the dry run said "3
// record versions in 4 Bundles would be sent ...; 20 would not be sent, as
// said below" (those not printed counted as refused) and said nothing
// below. README: when the reader stops early digicheck stops writing and
// ends quietly, with no message.
func TestADryRunWhoseReaderLeftEndsQuietly(t *testing.T) {
	t.Parallel()
	errOut, err := dryRunInto(t, &failingAfter{n: 3, err: syscall.EPIPE})
	if err != nil || errOut != "" {
		t.Errorf("a dry run whose reader left: %v\n%s; want it to end quietly", err, errOut)
	}
}

// push --dry-run > /dev/full said "Dry run: 2 record versions in 1 Bundle
// would be sent", as if they were printed, then "0 of 2 record versions
// would not be sent ...: no space left on device". It says the Bundles
// could not be written, and why.
func TestADryRunWhoseBundlesCannotBeWrittenSaysSo(t *testing.T) {
	t.Parallel()
	errOut, err := dryRunInto(t, &failingAfter{n: 0, err: syscall.ENOSPC})
	said := ""
	if err != nil {
		said = strings.Join(strings.Fields(err.Error()), " ")
	}
	if err == nil || !strings.Contains(said, "the Bundles could not be written to standard output") || !strings.Contains(said, "no space left on device") || strings.Contains(said, "would not be sent") {
		t.Errorf("a dry run to a full disk: %v; want it to say the Bundles could not be written, and why", err)
	}
	if strings.Contains(errOut, "would be sent") {
		t.Errorf("a dry run to a full disk said what would be sent, as if printed:\n%s", errOut)
	}
}
