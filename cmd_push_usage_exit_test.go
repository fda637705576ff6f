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

// TestPushSettleFlagsGivenWronglyExitTwo: a push command line whose flags
// do not go together, or lack what they need, is refused as a command
// line given wrongly (exit status 2, as README's exit table says), before
// the store is read or the server asked: a script or IT's wrapper told
// "you typed it wrong" (it exited 1, as a server refusal or a version not
// sent does) from a failed push only for --resolve with --dry-run. Nor is
// a flag that does nothing in that command line taken silently: a
// negative --max-wait was taken as a normal push, --conflicts with
// --resolve listed the conflicts and ignored the settle, and --undo-void
// with --keep-server settled without it.
func TestPushSettleFlagsGivenWronglyExitTwo(t *testing.T) {
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
	for _, line := range [][]string{
		{"--resolve", short},
		{"--keep-mine"},
		{"--keep-server"},
		{"--resolve", short, "--keep-mine", "--keep-server"},
		{"--batch", "0", "--dry-run"},
		{"--batch", "-3"},
		{"--max-wait", "-1s"},
		{"--conflicts", "--resolve", short, "--keep-server"},
		{"--conflicts", "--resolve", short, "--keep-mine"},
		{"--resolve", short, "--keep-server", "--undo-void"},
		{"--resolve", short, "--keep-server", "--void-server-version"},
		{"--undo-void"},
		{"--void-server-version"},
		{"--resolve", short, "--keep-mine", "--dry-run"},
	} {
		args := append([]string{"--server", srv.URL}, line...)
		out, stderr, err := runStoreCmd(t, path, (*app).pushCmd, args...)
		cmdLine := "push " + strings.Join(line, " ")
		if got := exitStatus(err); got != 2 {
			t.Errorf("%s exits %d; want 2, a command line refused: %v\n%.300s%.300s", cmdLine, got, err, out, stderr)
		} else if words := said(err); !strings.Contains(words, "--") {
			t.Errorf("%s: the refusal names no flag: %q", cmdLine, words)
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
}
