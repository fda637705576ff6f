package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
)

// fhirResponses are the QuestionnaireResponses of an FHIR export of the
// store at path, by id, each without its meta (which carries the damage
// mark), the number of OperationOutcomes, and of lines unmarked.
func fhirResponses(t *testing.T, path string) (qr map[string]string, oo, unmarked int, err error) {
	t.Helper()
	os.Remove(path + ".damaged")
	var out string
	out, _, err = runStoreCmd(t, path, (*app).exportCmd, "--format", "fhir", "--identifiable")
	qr = map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var r map[string]any
		if jerr := json.Unmarshal([]byte(line), &r); jerr != nil {
			t.Fatalf("a line of the FHIR export is not JSON: %v\n%s", jerr, line)
		}
		if !strings.Contains(line, `"code":"damaged-store"`) {
			unmarked++
		}
		switch r["resourceType"] {
		case "QuestionnaireResponse":
			delete(r, "meta")
			b, _ := json.Marshal(r)
			qr[r["id"].(string)] = string(b)
		case "OperationOutcome":
			if _, end := testkit.EndMarkCount([]byte(line)); !end {
				oo++
			}
		}
	}
	return qr, oo, unmarked, err
}

// Damaged stores, fault 2: one bit of a link between versions in the QI
// copy (factLinks), every record sound. CSV and NDJSON exported every
// record; FHIR, which writes an assessment's versions as one response
// from those links, exported nothing, and once the links were no longer
// looked up it wrote the amended assessment under its amendment's id, or
// as two responses, one of them under an id no record has. The README
// says such a store is exported from the records themselves: the FHIR
// export is the sound store's.
func TestTheFHIRExportOfAStoreWithADamagedLinkIsTheSoundStores(t *testing.T) {
	t.Parallel()
	clean := syntheticStore(t, "syn", 300, 3)
	want, _, _, err := fhirResponses(t, clean)
	if err != nil {
		t.Fatal(err)
	}
	// An amendment the links name, as the sound store holds it.
	var key, val []byte
	testkit.Tamper(t, clean, func(tx *bolt.Tx) error {
		k, v := tx.Bucket([]byte("factLinks")).Cursor().First()
		if k == nil {
			return fmt.Errorf("the synthetic store holds no amendment")
		}
		key, val = append([]byte(nil), k...), append([]byte(nil), v...)
		return nil
	})
	data, err := os.ReadFile(clean)
	if err != nil {
		t.Fatal(err)
	}
	for name, damage := range map[string]func(k, v []byte) ([]byte, []byte){
		"a key's bit flipped":   func(k, v []byte) ([]byte, []byte) { k[3] ^= 4; return k, v },
		"a value's bit flipped": func(k, v []byte) ([]byte, []byte) { v[3] ^= 4; return k, v },
	} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "d.db")
			if err := os.WriteFile(p, data, 0o600); err != nil {
				t.Fatal(err)
			}
			testkit.Tamper(t, p, func(tx *bolt.Tx) error {
				lb := tx.Bucket([]byte("factLinks"))
				if err := lb.Delete(key); err != nil {
					return err
				}
				return lb.Put(damage(append([]byte(nil), key...), append([]byte(nil), val...)))
			})
			got, oo, unmarked, err := fhirResponses(t, p)
			if err != nil {
				t.Errorf("the FHIR export failed: %v", said(err))
			}
			if unmarked != 0 {
				t.Errorf("%d lines of the FHIR export are not marked as made from a damaged store", unmarked)
			}
			if len(got) != len(want) || oo != 0 {
				t.Errorf("the FHIR export wrote %d responses and %d OperationOutcomes; want the sound store's %d responses, and none", len(got), oo, len(want))
			}
			for id, w := range want {
				if got[id] != w {
					t.Errorf("response %s is not the sound store's:\n got %.300s\nwant %.300s", id, got[id], w)
					break
				}
			}
		})
	}
}
