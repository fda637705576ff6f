package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// A stand-in for a store that cannot be opened at all. A store file cut
// short so deep that not even a copy padded to its length can be read
// (the page its newest save names as the root, or its header, among those
// cut off), a store whose both header pages are damaged, or a store file
// left empty: no record in it can be read, but a clinician with a patient
// in front of them must still be able to assess. A new assessment runs
// on a blank store made beside it (OpenStandIn), which refuses every
// write with the reason the store could not be opened: the assessment is
// warned of before its first question, and its answers are kept in a file
// beside the store, as on a store damaged anywhere else. The store file
// itself is never written to.

// StandIn is a blank store standing in for the store file at Path, which
// cannot be opened.
type StandIn struct {
	Path string
	tmp  string
}

// Close removes the blank store.
func (c *StandIn) Close() error { return os.Remove(c.tmp) }

// Temp is the blank store's path, which messages from the Store read from
// it name (HideTemporaries names the store instead).
func (c *StandIn) Temp() string { return c.tmp }

// OpenStandIn makes, beside the store file at path, a blank store that
// refuses every write as openErr says, when openErr is Open's refusal of
// that file as a damaged store or as an empty file; ok is false, and
// nothing is made, for any other error (a store in use, one made by a
// newer digicheck, another program's file), which stands. The blank store
// is named as the temporaries of exports and backups are (swept if its
// maker dies), holds no record, and is never marked damaged.
func OpenStandIn(path string, openErr error) (st *Store, c *StandIn, ok bool, err error) {
	empty := errors.Is(openErr, ErrNotStore) && errors.Is(openErr, errEmpty)
	if !empty && !errors.Is(openErr, ErrDamaged) || errors.Is(openErr, ErrLocked) {
		return nil, nil, false, nil
	}
	if path, err = filepath.Abs(path); err != nil {
		return nil, nil, false, err
	}
	if fi, serr := os.Stat(path); serr != nil || !fi.Mode().IsRegular() {
		return nil, nil, false, nil
	}
	why := openErr
	if empty {
		why = &Error{ErrDamaged, fmt.Sprintf("the store file %s is empty (0 bytes), so no assessment in it can be read: a copy or a save that stopped may have left it so. Nothing was written to it. Restore the store from a backup", path), openErr}
	}
	dir := filepath.Dir(path)
	SweepTemporaries(dir)
	f, err := CreateTemp(dir, "torn")
	if err != nil {
		return nil, nil, false, HideTemporaries(err, path)
	}
	c = &StandIn{Path: path, tmp: f.Name()}
	// Open makes a store only where there is no file: the name is kept
	// for it, the empty file is not.
	_ = f.Close()
	_ = os.Remove(c.tmp)
	if st, err = Open(c.tmp, Options{}); err != nil {
		_ = os.Remove(c.tmp)
		return nil, nil, false, HideTemporaries(err, path, c.tmp)
	}
	st.noteDamage(why) // refuses every write
	return st, c, true, nil
}
