package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
)

// Damaged stores (H27): one bit flipped in the key under which a team's
// name has its check (factMeta, "name\x00" and the name's number) made the
// name read as one an earlier build wrote, without a check, and check said
// OK; a second flipped bit, in the name, was then published by summary as
// a team that does not exist, exit 0. check now names the name that lost
// its check, and summary refuses the store.
func TestANameThatLostItsCheckIsNotPublished(t *testing.T) {
	t.Parallel()
	path := storeOfTeam(t, "Ward 7", 2)
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		num := bytes.Clone(tx.Bucket([]byte("factNames")).Get([]byte("Ward 7")))
		mb := tx.Bucket([]byte("factMeta"))
		key := append([]byte("name\x00"), num...)
		check := bytes.Clone(mb.Get(key))
		if len(num) != 4 || check == nil {
			return errors.New("the team's name has no check")
		}
		if err := mb.Delete(key); err != nil {
			return err
		}
		key[4] ^= 0x01 // "name\x01" and the number: no name's check
		return mb.Put(key, check)
	})
	wrong := flipName(t, path, "Ward 7")
	out, _, err := runStoreCmd(t, path, (*app).checkCmd)
	if said := strings.Join(strings.Fields(out), " "); err == nil || !strings.Contains(said, `reads "`+wrong+`"`) {
		t.Errorf("check of a store whose team's name lost its check and then a bit: %v; want the name named:\n%s", err, said)
	}
	out, stderr, err := runStoreCmd(t, path, (*app).summaryCmd, "--exact", "--format", "csv")
	said := strings.Join(strings.Fields(stderr+errText(err)), " ")
	if err == nil || !strings.Contains(said, `reads "`+wrong+`"`) || strings.Contains(out, wrong) {
		t.Errorf("summary of that store: %v; want it refused, the damaged name named, nothing counted under it:\n%s\n%s", err, said, out)
	}
}
