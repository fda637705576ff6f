package main

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
)

// The QI copy's table of names damaged: check and summary told the user
// `name "get-safe-online" has a number of 12 bytes`, the decoder's words,
// with no "for IT" before them, as an export has.
func TestTheQICopysNamesDamagedPutTheDetailForIT(t *testing.T) {
	path := filepath.Join(t.TempDir(), "digicheck.db")
	if _, stderr, err := runCLI(t, nil, "", "--db", path, "synthetic", "--count", "50", "--seed", "3"); err != nil {
		t.Fatalf("synthetic: %v\n%s", err, stderr)
	}
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		nb := tx.Bucket([]byte("factNames"))
		k, _ := nb.Cursor().First()
		if k == nil {
			return errors.New("no names")
		}
		return nb.Put(append([]byte(nil), k...), make([]byte, 12))
	})
	out, stderr, err := runStoreCmd(t, path, (*app).checkCmd)
	said := strings.Join(strings.Fields(out+stderr), " ")
	if err == nil || !strings.Contains(said, "(for IT: name ") {
		t.Errorf("check = %v; want the names' damage found, the detail for IT:\n%s", err, said)
	}
	_, stderr, err = runStoreCmd(t, path, (*app).summaryCmd, "--exact")
	said = strings.Join(strings.Fields(stderr+errText(err)), " ")
	if err == nil || strings.Contains(said, "read: name ") || !strings.Contains(said, "for IT: name ") {
		t.Errorf("summary = %v; want the detail for IT:\n%s", err, said)
	}
}
