package main

import (
	"fmt"

	"github.com/google/uuid"

	"digicheck/store"
)

// dueWithoutUnreadableSuccessors leaves out of rows each patient listed
// from a version that, by the store's links, a record due could not read
// amends or voids, and says why in a line for each. Listed, a patient
// whose assessment was voided as "wrong patient" (the void unreadable)
// was an ordinary row, in the CSV too, as if that assessment were
// current; history, export and summary know it is not. What superseded
// it, and so the patient's review state, cannot be known: they are left
// out and named, as the record is. Links that cannot be read name none.
func dueWithoutUnreadableSuccessors(st *store.Store, rows []dueRow, bad []store.Unreadable) ([]dueRow, []string) {
	if len(bad) == 0 {
		return rows, nil
	}
	links, _ := st.FactLinks()
	by := map[uuid.UUID]string{} // version superseded -> the unreadable record
	for _, u := range bad {
		id, err := uuid.Parse(u.ID)
		if err != nil {
			continue
		}
		if prev, ok := links[id]; ok {
			by[prev] = u.ID
		}
	}
	var kept []dueRow
	var said []string
	for _, row := range rows {
		if u, ok := by[uuid.UUID(row.r.ID)]; ok {
			said = append(said, fmt.Sprintf("left out: patient %s: their assessment %s was amended or voided by record %s, which cannot be read, so which version is current, and their review state, cannot be known",
				row.r.Patient, uuid.UUID(row.r.ID), u))
			continue
		}
		kept = append(kept, row)
	}
	return kept, said
}
