package report

import (
	"errors"
	"testing"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"digicheck/store"
)

// H34 (issue 14 item 2, retest): a record whose facts cannot be read ends
// a summary with ErrDamaged, or, given Unreadables, is left out of the
// counts and named, the streaming and the whole-dataset summaries alike.
func TestASummaryLeavesOutAndNamesUnreadableFacts(t *testing.T) {
	rs := records(t, wardFixtures()[:3])
	st := storeOf(t, rs)
	db, err := bolt.Open(st.Path(), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		id := uuid.MustParse(rs[1].ID.String())
		return tx.Bucket([]byte("facts")).Put(id[:], []byte{1, 2, 3})
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := SummariseStore(st, Options{Exact: true}); !errors.Is(err, store.ErrDamaged) {
		t.Errorf("a summary without Unreadables: %v; want ErrDamaged", err)
	}
	for name, sum := range map[string]func(o Options) (*Summary, error){
		"streaming": func(o Options) (*Summary, error) { return SummariseStore(st, o) },
		"dataset": func(o Options) (*Summary, error) {
			d := &Inputs{}
			d.Unreadable = o.Unreadable
			if err := d.AddStore(st); err != nil {
				return nil, err
			}
			return d.Summarise(o)
		},
	} {
		u := &Unreadables{}
		s, err := sum(Options{Exact: true, Unreadable: u})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		list := u.List()
		if len(list) != 1 || list[0].ID != rs[1].ID.String() || u.Err() == nil || s.Sources[0].Records != 2 {
			t.Errorf("%s: left out %+v, %v; %d records read, want 2", name, list, u.Err(), s.Sources[0].Records)
		}
	}
}
