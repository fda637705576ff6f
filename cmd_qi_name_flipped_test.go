package main

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/record"
	"digicheck/store"
)

// flipName flips one bit of the name entry of the QI copy's table of
// names for name (a team's, a programme's), as one bit of a failing disk
// would, and returns the name as it now reads.
func flipName(t *testing.T, path, name string) string {
	t.Helper()
	var flipped string
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		nb := tx.Bucket([]byte("factNames"))
		v := bytes.Clone(nb.Get([]byte(name)))
		if v == nil {
			return errors.New("no entry for " + name)
		}
		k := []byte(name)
		k[len(k)-1] ^= 0x01
		flipped = string(k)
		if err := nb.Delete([]byte(name)); err != nil {
			return err
		}
		return nb.Put(k, v)
	})
	return flipped
}

// Damaged stores (H27), fault 1: one bit flipped in a team's name in the
// QI copy's table of names moved the team's assessments to a wrong name
// in summary and in the CSV export, exit 0, nothing said. Summary now
// refuses the store, naming the damaged name; the CSV export, made from
// the records themselves, names every team as its records do, and says
// the damage; check names it.
func TestAFlippedBitInATeamsNameMovesNoCountToAnotherName(t *testing.T) {
	t.Parallel()
	path := storeOfTeam(t, "Ward 7", 3)
	wrong := flipName(t, path, "Ward 7")
	out, stderr, err := runStoreCmd(t, path, (*app).summaryCmd, "--exact", "--format", "csv")
	said := strings.Join(strings.Fields(stderr+errText(err)), " ")
	if err == nil || !strings.Contains(said, `reads "`+wrong+`"`) {
		t.Errorf("summary of a store whose team's name is damaged: %v; want it refused, the damaged name named:\n%s", err, said)
	}
	if strings.Contains(out, wrong) {
		t.Errorf("summary counts under the damaged name %q:\n%s", wrong, out)
	}
	out, stderr, err = runStoreCmd(t, path, (*app).exportCmd, "--format", "csv", "--identifiable")
	if strings.Contains(out, wrong) || strings.Count(out, "Ward 7") != 3 {
		t.Errorf("the CSV export puts the team's assessments under another name (%v):\n%s\n%s", err, out, stderr)
	}
	if said := strings.Join(strings.Fields(stderr), " "); !strings.Contains(said, `reads "`+wrong+`"`) {
		t.Errorf("the CSV export does not say which name is damaged:\n%s", said)
	}
	out, _, err = runStoreCmd(t, path, (*app).checkCmd)
	if said := strings.Join(strings.Fields(out), " "); err == nil || !strings.Contains(said, `reads "`+wrong+`"`) {
		t.Errorf("check of a store whose team's name is damaged: %v; want the name named:\n%s", err, said)
	}
}

// storeOfTeam is a store of n assessments made by team.
func storeOfTeam(t *testing.T, team string, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "digicheck.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for range n {
		r := testkit.Assessed(t, testkit.Offline(nil))
		r.Team = team
		if err := st.Save(&r); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// Damaged stores (H27), fault 2: the same flipped bit made show and
// history refuse the patient's own records, sound, as "edited or
// damaged": each record's read compared its facts with the damaged table
// of names. They are shown; the table's damage is said once.
func TestAFlippedBitInATeamsNameLeavesThePatientsRecordsReadable(t *testing.T) {
	t.Parallel()
	path := storeOfTeam(t, "Ward 7", 2)
	flipName(t, path, "Ward 7")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var rs []record.Record
	err = st.Each(func(r record.Record) error { rs = append(rs, r); return nil }, nil)
	if err != nil || len(rs) != 2 || rs[0].Patient != rs[1].Patient {
		t.Fatalf("the patient's records: %d, %v", len(rs), err)
	}
	out, stderr, err := runStoreCmd(t, path, (*app).showCmd, rs[0].ID.String())
	said := strings.Join(strings.Fields(out+stderr+errText(err)), " ")
	if err != nil || strings.Contains(said, "edited or damaged") || !strings.Contains(said, rs[0].ID.String()[:8]) {
		t.Errorf("show of a sound record, the table of names damaged: %v\n%s", err, said)
	}
	out, stderr, err = runStoreCmd(t, path, (*app).historyCmd, rs[0].Patient.Value)
	said = strings.Join(strings.Fields(out+stderr+errText(err)), " ")
	if err != nil || strings.Contains(said, "edited or damaged") || strings.Count(said, "table of names") != 1 {
		t.Errorf("history of sound records, the table of names damaged: %v; want both shown, the table's damage said once:\n%s", err, said)
	}
}
