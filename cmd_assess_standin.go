package main

import (
	"sync"

	"digicheck/store"
)

// standIns holds the paths of the blank stores new assessments run on in
// place of a store that cannot be opened (store.OpenStandIn).
var standIns sync.Map

// standInStore is, for a new assessment whose store could not be opened
// because it is damaged beyond reading (cut short past its root or its
// header, both header pages damaged) or left empty, a blank store beside
// it that refuses every write with openErr's reason: the assessment goes
// on, warned of before the first question, and its answers are kept in a
// file beside the store, as on a store damaged anywhere else. Refused
// outright, no patient could be assessed on that machine until the store
// was restored. For any other error (a store in use, another program's
// file), openErr stands. done removes the blank store and keeps its name
// out of the error the command ends with; call it last, with that error.
func (a *app) standInStore(openErr error) (st *store.Store, done func(error) error, err error) {
	st, c, ok, serr := store.OpenStandIn(a.storePath(), openErr)
	if !ok {
		if serr == nil {
			serr = openErr
		}
		return nil, func(err error) error { return err }, serr
	}
	paddedCopies.Store(c.Temp(), c.Path)
	standIns.Store(c.Temp(), true)
	return st, func(err error) error {
		paddedCopies.Delete(c.Temp())
		standIns.Delete(c.Temp())
		err = store.HideTemporaries(err, c.Path, c.Temp())
		_ = c.Close()
		return err
	}, nil
}

// isStandIn reports whether st is a blank store standing in for one that
// cannot be opened: nothing in the store can be read, so neither the
// patient's earlier assessments nor unfinished ones are shown.
func isStandIn(st *store.Store) bool {
	_, ok := standIns.Load(st.Path())
	return ok
}
