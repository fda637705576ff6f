package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"digicheck/internal/testkit"
	"digicheck/report"
)

// Damaged stores, item 3: a damaged QI copy (a block of the summary rows)
// alone, the records sound, made the CSV and FHIR exports fail while
// NDJSON exported everything. Every export now holds every record, the
// same as from the store before the damage, and says that the QI copy is
// damaged, that summary refuses the store, and what to do; summary still
// refuses it.
func TestEveryExportHoldsEveryRecordWhenOnlyTheQICopyIsDamaged(t *testing.T) {
	testkit.Bulk(t) // 4,200 records exported in three formats; TestBothExportsLeaveOutASealedRecordWhoseKeyIsDamaged reads such a store under -race
	path := synthetic4200(t, 3)
	formats := []string{"csv", "ndjson", "fhir"}
	before := map[string]string{}
	for _, f := range formats {
		out, stderr, err := runStoreCmd(t, path, (*app).exportCmd, "--format", f, "--identifiable")
		if err != nil {
			t.Fatalf("%s export of a sound store: %v\n%s", f, err, stderr)
		}
		before[f] = out
	}
	testkit.Tamper(t, path, func(tx *bolt.Tx) error {
		bb := tx.Bucket([]byte("factBlocks"))
		if bb == nil {
			return errors.New("no block of facts")
		}
		k, _ := bb.Cursor().First()
		sub := bb.Bucket(k)
		v := slices.Clone(sub.Get([]byte("b")))
		v[len(v)/2] ^= 1 // one bit, inside the block's facts
		return sub.Put([]byte("b"), v)
	})
	for _, f := range formats {
		out, stderr, err := runStoreCmd(t, path, (*app).exportCmd, "--format", f, "--identifiable")
		if err != nil {
			t.Errorf("%s export of a store whose QI copy alone is damaged = %v; want every record exported\n%s", f, err, stderr)
			continue
		}
		said := strings.Join(strings.Fields(stderr), " ")
		if f != "ndjson" && (!strings.Contains(said, "QI copy") || !strings.Contains(said, "digicheck summary refuses this store") || !strings.Contains(said, "restore the store from a backup") || !strings.Contains(said, "For IT: ")) {
			t.Errorf("%s export does not say the QI copy is damaged, that summary refuses the store and what to do:\n%s", f, stderr)
		}
		if f != "ndjson" && !strings.Contains(said, "digicheck summary can count from this export") {
			t.Errorf("%s export of every record does not say summary can count from it meanwhile:\n%s", f, stderr)
		}
		if got := withoutDamagedMark(t, f, withoutSpanTimes(out)); got != withoutDamagedMark(t, f, withoutSpanTimes(before[f])) {
			t.Errorf("%s export of a store whose QI copy alone is damaged differs from the export before the damage (%d bytes, %d before)", f, len(got), len(before[f]))
		}
	}
	if _, _, err := runStoreCmd(t, path, (*app).summaryCmd); err == nil {
		t.Errorf("summary of a store whose QI copy is damaged succeeds; want it refused, as before")
	}
}

// withoutDamagedMark is what an export says of its records, without
// the damaged_store column, field or FHIR meta tag that says the store
// was found damaged: the CSV whole but for its row checks (made with the
// mark), and each NDJSON or FHIR line's kind,
// id and status.
func withoutDamagedMark(t *testing.T, format, out string) string {
	t.Helper()
	switch format {
	case "csv":
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		// The mark, and the row checks made with it.
		for _, c := range []string{report.DamagedColumn, report.RowCheckColumn} {
			if i := slices.Index(rows[0], c); i >= 0 {
				for j := range rows {
					rows[j] = slices.Delete(rows[j], i, i+1)
				}
			}
		}
		w := csv.NewWriter(&b)
		_ = w.WriteAll(rows)
		return b.String()
	}
	// Each line by what it is: the mark is a field of each NDJSON line
	// and a tag of each FHIR resource's meta.
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var v struct{ ResourceType, ID, Status string }
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("%s line is not JSON: %v", format, err)
		}
		if n, end := testkit.EndMarkCount([]byte(l)); end {
			// The FHIR end mark's id ends with a digest of the lines
			// above it, tags and all: its count is what it says.
			lines = append(lines, fmt.Sprintf("end mark of %d", n))
			continue
		}
		lines = append(lines, v.ResourceType+" "+v.ID+" "+v.Status)
	}
	return strings.Join(lines, "\n")
}
