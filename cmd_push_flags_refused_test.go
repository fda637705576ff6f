package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
)

// TestPushFlagValuesOutOfRangeAreRefusedBeforeAnythingIsDone: README's
// exit table says a flag's value of the wrong kind or out of its range is
// refused (exit status 2) before anything is read or sent. A negative
// --timeout, or 0, was taken without a word (the client then waited its own
// 30 seconds, which --help does not say); a --server URL that is no https
// URL, has no host, or is plain http to another machine was refused only
// once the push began (exit 1); --check-server beside --conflicts was
// dropped without a word; and a --resolve id too short to be one was
// refused only once the store was read (exit 1). Each is refused now,
// exit 2, naming the flag and what is wrong, with nothing asked of the
// server and nothing changed in the store.
func TestPushFlagValuesOutOfRangeAreRefusedBeforeAnythingIsDone(t *testing.T) {
	t.Parallel()
	path, rs := storeWith(t, 1)
	short := rs[0].ID.String()[:13]
	var asked atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		asked.Add(1)
		http.Error(w, "not to be asked", http.StatusInternalServerError)
	}))
	defer srv.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		line []string
		says []string // each said in the refusal
	}{
		{[]string{"--timeout", "-1s"}, []string{"--timeout -1s", "more than 0"}},
		{[]string{"--timeout", "0"}, []string{"--timeout 0s", "more than 0"}},
		{[]string{"--timeout", "-1s", "--conflicts"}, []string{"--timeout -1s"}},
		{[]string{"--server", "ftp://x"}, []string{`--server "ftp://x"`, "give an https URL"}},
		{[]string{"--server", "not a url"}, []string{`--server "not a url"`, "give an https URL"}},
		{[]string{"--server", "https://"}, []string{`--server "https://"`, "no host"}},
		{[]string{"--server", "http://example.com/fhir"}, []string{"--server http://example.com/fhir", "plain http is for a server on this machine only"}},
		{[]string{"--server", "https:///fhir", "--conflicts"}, []string{"no host"}},
		{[]string{"--check-server", "--conflicts"}, []string{"--check-server", "--conflicts", "digicheck push --server " + srv.URL + " --check-server"}},
		{[]string{"--dry-run", "--conflicts"}, []string{"--dry-run", "--conflicts"}},
		{[]string{"--resolve", "01a2", "--keep-mine"}, []string{`--resolve "01a2"`, "at least 8 characters", "digicheck push --server " + srv.URL + " --conflicts"}},
		{[]string{"--resolve", "01a2", "--keep-server"}, []string{`--resolve "01a2"`, "at least 8 characters"}},
		{[]string{"--resolve", "not-an-id-at-all", "--keep-server"}, []string{`--resolve "not-an-id-at-all"`, "0-9, a-f"}},
		{[]string{"--resolve", short + "z", "--keep-mine"}, []string{"0-9, a-f"}},
		// A script's unset variable: taken as no --server, it pushed to
		// the site config's server.
		{[]string{"--server", ""}, []string{`--server ""`, "empty"}},
		{[]string{"--server", "https://fhir.example.nhs.uk:99999/fhir"}, []string{"99999", "port"}},
		{[]string{"--server", "https://me:pw@fhir.example.nhs.uk/fhir"}, []string{"--server https://me:xxxxx@fhir.example.nhs.uk/fhir holds credentials"}},
		// A value of the wrong kind says the range, and that nothing
		// was done, as one out of range does.
		{[]string{"--timeout", "-1"}, []string{`--timeout "-1"`, "more than 0"}},
		{[]string{"--max-wait", "-1"}, []string{`--max-wait "-1"`, "0 or more"}},
		{[]string{"--batch", "x"}, []string{`--batch "x"`, "1 or more"}},
	} {
		args := tc.line
		if !strings.HasPrefix(strings.Join(args, " "), "--server") {
			args = append([]string{"--server", srv.URL}, args...)
		}
		out, stderr, err := runStoreCmd(t, path, (*app).pushCmd, args...)
		cmdLine := "push " + strings.Join(tc.line, " ")
		if got := exitStatus(err); got != 2 {
			t.Errorf("%s exits %d; want 2, a command line refused: %v\n%.300s%.300s", cmdLine, got, err, out, stderr)
			continue
		}
		words := said(err)
		for _, want := range append(tc.says, "Nothing was changed, and nothing was sent") {
			if !strings.Contains(words, want) {
				t.Errorf("%s: the refusal does not say %q: %q", cmdLine, want, words)
			}
		}
		if out != "" || stderr != "" {
			t.Errorf("%s said more than its refusal:\n%s%s", cmdLine, out, stderr)
		}
		if n := asked.Swap(0); n != 0 {
			t.Errorf("%s asked the server %d times before refusing", cmdLine, n)
		}
		if after, err := os.ReadFile(path); err != nil {
			t.Fatal(err)
		} else if !bytes.Equal(before, after) {
			t.Errorf("%s changed the store file", cmdLine)
			before = after
		}
	}
	// A whole id, or 8 characters and more of one, in any case, is taken:
	// the settle goes on to find the record (which has no conflict here).
	for _, id := range []string{rs[0].ID.String(), short, strings.ToUpper(short[:8])} {
		_, _, err := runStoreCmd(t, path, (*app).pushCmd, "--server", srv.URL, "--resolve", id, "--keep-mine")
		if got := exitStatus(err); got == 2 {
			t.Errorf("push --resolve %s --keep-mine is refused as a command line: %v", id, err)
		}
	}
}

// push --help said --resolve goes "with --keep-mine" only: it settles the
// other way with --keep-server as well.
func TestPushHelpSaysResolveTakesEitherVersion(t *testing.T) {
	t.Parallel()
	f := (&app{}).pushCmd().Flags().Lookup("resolve")
	if f == nil || !strings.Contains(f.Usage, "--keep-mine") || !strings.Contains(f.Usage, "--keep-server") {
		t.Errorf("--resolve's help: %q; want it to name --keep-mine and --keep-server", f.Usage)
	}
}
