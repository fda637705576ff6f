package main

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A summary or export with --server that could not reach the server left
// two empty cache files (server-cache-….db, 32 KB each) beside the store,
// for a read that took in nothing. A cache this run made is removed when
// the read fails before anything was kept in it.
func TestAnUnreachableServerLeavesNoEmptyCacheBesideTheStore(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	path, _ := storeWith(t, 2)
	for _, args := range [][]string{
		{"--server", "http://" + addr + "/fhir", "--max-wait", "1ms", "--exact"},
	} {
		_, stderr, err := runStoreCmd(t, path, (*app).summaryCmd, args...)
		if err == nil || !strings.Contains(err.Error(), "could not read the assessments on the FHIR server") {
			t.Fatalf("summary of an unreachable server: %v\n%s", err, stderr)
		}
	}
	_, stderr, err := runStoreCmd(t, path, (*app).exportCmd, "--format", "csv", "--identifiable", "--server", "http://"+addr+"/fhir", "--max-wait", "1ms", "-o", filepath.Join(t.TempDir(), "x.csv"))
	if err == nil {
		t.Fatalf("export of an unreachable server: no error\n%s", stderr)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "server-cache-*"))
	if len(left) > 0 {
		t.Errorf("an unreachable server left %v beside the store", left)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the store itself: %v", err)
	}
}
