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
// itself is never written to. A store held by another program is stood
// in for alike, its writes refused as in use (Held), not damaged.

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
// that file as a damaged store, as an empty file, or as in use by another
// program; ok is false, and nothing is made, for any other error (one made
// by a newer digicheck, another program's file), which stands. The blank store
// is named as the temporaries of exports and backups are (swept if its
// maker dies), holds no record, and is never marked damaged.
//
// A store held by another program past the time Open waits for it
// (ErrLocked: another digicheck checking or backing it up, a backup tool,
// an antivirus) is stood in for too: it is not damaged, and the blank
// store refuses every write with ErrLocked, saying the store is in use
// (Held), never that it is damaged. Refused outright, no patient could be
// assessed on that machine while the other program held it. The caller
// tries the store itself again at the save: it may have been let go.
func OpenStandIn(path string, openErr error) (st *Store, c *StandIn, ok bool, err error) {
	empty := errors.Is(openErr, ErrNotStore) && errors.Is(openErr, errEmpty)
	held := errors.Is(openErr, ErrLocked)
	if !held && !empty && !errors.Is(openErr, ErrDamaged) {
		return nil, nil, false, nil
	}
	if path, err = filepath.Abs(path); err != nil {
		return nil, nil, false, err
	}
	if fi, serr := os.Stat(path); serr != nil || !fi.Mode().IsRegular() {
		return nil, nil, false, nil
	}
	why := openErr
	switch {
	case held:
		why = Held(path, openErr)
	case empty:
		why = &Error{ErrDamaged, fmt.Sprintf("the store file %s is empty (0 bytes), so no assessment in it can be read: a copy or a save that stopped may have left it so. Nothing was written to it. Restore the store from a backup", path), openErr}
	}
	dir := filepath.Dir(path)
	SweepTemporaries(dir)
	f, err := CreateTemp(dir, "torn")
	if err != nil {
		// A folder this user cannot write (a shared one, read-only to
		// them): the blank store is made in the temporary folder, where
		// the answers then go too. Refused, digicheck did not start.
		if f, err = CreateTemp(os.TempDir(), "torn"); err != nil {
			return nil, nil, false, HideTemporaries(err, path)
		}
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
	st.noteDamage(why) // refuses every write (Refused)
	return st, c, true, nil
}

// Held is the refusal of a write to a store another program holds, from
// a blank store standing in for it (OpenStandIn), or from the store
// itself tried again at a save: an ErrLocked that says the store is in
// use, not damaged, and nothing was written to it. cause is the refusal
// that found it held.
func Held(path string, cause error) error {
	return &Error{ErrLocked, fmt.Sprintf("the store %s is in use by another program (another digicheck checking or backing it up, a backup tool or an antivirus held it past the %g seconds digicheck waits); it is not damaged, and nothing was written to it", path, defaultTimeout.Seconds()), cause}
}
