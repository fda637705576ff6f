package fhirserver

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"digicheck/fhir"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

// SendStore puts every version of a store's records on the server at base
// as a push does, without push's bookkeeping: each under its assessment's
// first version's id, in the order made, with the resources derived from
// it, in transactions of at most 50 resources, one version of an
// assessment a transaction. It returns how many versions it sent. Tests
// use it to put on the server what another machine would have pushed.
//
// It speaks plain HTTP rather than through fhirclient, whose own tests
// start this server.
func SendStore(tb testing.TB, base string, st *store.Store) int {
	tb.Helper()
	return SendStoreIn(tb, base, st, "")
}

// SendStoreIn is SendStore from a machine whose site config sets
// local_number_system to localSystem: its local numbers are written in that
// identifier system ("" writes them with none, as SendStore does).
func SendStoreIn(tb testing.TB, base string, st *store.Store, localSystem string) int {
	tb.Helper()
	var all []record.Record
	if err := st.Each(func(r record.Record) error { all = append(all, r); return nil }, nil); err != nil {
		tb.Fatal(err)
	}
	byID := map[record.ID]record.Record{}
	for _, r := range all {
		byID[r.ID] = r
	}
	type entry struct {
		Resource json.RawMessage `json:"resource"`
		Request  struct {
			Method string `json:"method"`
			URL    string `json:"url"`
		} `json:"request"`
	}
	var entries []entry
	inBundle := map[string]bool{}
	flush := func() {
		if len(entries) == 0 {
			return
		}
		b, err := json.Marshal(map[string]any{"resourceType": "Bundle", "type": "transaction", "entry": entries})
		if err != nil {
			tb.Fatal(err)
		}
		resp, err := helper.Post(base, "application/fhir+json", bytes.NewReader(b))
		if err != nil {
			tb.Fatalf("sending: %v", err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			tb.Fatalf("sending: %s %s", resp.Status, body)
		}
		entries, inBundle = entries[:0], map[string]bool{}
	}
	for _, r := range all {
		root := r.ID
		for a := r.Amends; !a.IsZero(); a = byID[a].Amends {
			root = a
		}
		v := fhir.Version{Record: r, Root: root}
		if prev, ok := byID[r.Amends]; ok {
			v.Previous = &prev
		}
		ins, ok := questionnaire.Lookup(r.InstrumentVersion)
		if !ok {
			tb.Fatalf("record %s: instrument version %q", r.ID, r.InstrumentVersion)
		}
		subj, err := fhir.Site{LocalSystem: localSystem}.Subject(ins, r.Patient, true, nil)
		if err != nil {
			tb.Fatal(err)
		}
		res, err := fhir.Resources(v, ins, subj, fhir.ResponseOptions{})
		if err != nil {
			tb.Fatal(err)
		}
		// One version of a resource per transaction: a later version of
		// the same assessment goes in the next.
		if inBundle[root.String()] || len(entries)+len(res) > 50 {
			flush()
		}
		inBundle[root.String()] = true
		for _, x := range res {
			var e entry
			e.Resource = x.JSON
			e.Request.Method, e.Request.URL = "PUT", x.Type+"/"+x.ID
			entries = append(entries, e)
		}
	}
	flush()
	return len(all)
}
