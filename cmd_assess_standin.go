package main

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"digicheck/assess"
	"digicheck/record"
	"digicheck/store"
	"digicheck/ui"
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
// was restored.
//
// A store held by another program past the 2 s Open waits (another
// digicheck checking or backing it up, a backup tool, an antivirus) is
// stood in for alike, said before the first question to be in use, not
// damaged: the save tries the store itself again (saveInHeld), and keeps
// the answers in a file only if it is still in use then. Refused, the
// clinician could not assess the patient in front of them while it was.
// For any other error (another program's file, one made by a newer
// digicheck), openErr stands. done removes the blank store and keeps its
// name out of the error the command ends with; call it last, with that
// error.
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

// heldStore is, when st stands in for a store another program held as the
// assessment started, that store's path; ok is false for any other store.
func heldStore(st *store.Store) (path string, ok bool) {
	if !isStandIn(st) || !errors.Is(st.Refused(), store.ErrLocked) {
		return "", false
	}
	return shownPath(st), true
}

// heldSaves saves, for an assessment on a stand-in for a store another
// program held (heldStore), in that store: it may have been let go since.
type heldSaves struct {
	mu   sync.Mutex
	path string
	in   *store.Store // the store itself, once it opened
	// finishing is set once the full screen has closed (finish): only
	// then is a store held again refused at once (heldAgain).
	finishing atomic.Bool
}

// finish notes that the full screen has closed: what is left to write
// (the draft of the answers so far, the letting go of drafts) no longer
// waits for a store held again.
func (h *heldSaves) finish() {
	if h != nil {
		h.finishing.Store(true)
	}
}

// save tries the store again and saves r in it; a store still in use (or
// found unopenable now) refuses it with the reason, for keepRefused.
func (h *heldSaves) save(r *record.Record) error {
	in, err := h.open()
	if err != nil {
		return stillHeld(h.path, err)
	}
	return stillHeld(h.path, in.Save(r))
}

// open is the store itself, opened now if it was not before; an error
// (ErrLocked) while it is still in use.
func (h *heldSaves) open() (*store.Store, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.in == nil {
		in, err := store.Open(h.path, store.Options{})
		if err != nil {
			return nil, err
		}
		h.in = in
	}
	return h.in, nil
}

// assessed reads the patient's assessments that count in the store
// itself, not in the blank stand-in, which holds none: read there, a
// patient assessed before was said to be never assessed, and the save
// made another current assessment without a word. Still in use, the
// error is the store's (ErrLocked), which the front ends say.
func (h *heldSaves) assessed(p record.PatientID) ([]assess.Assessed, error) {
	in, err := h.open()
	if err != nil {
		return nil, err
	}
	as, err := assessedOf(in)(p)
	if err == nil && len(as) > 0 {
		if latest, lerr := in.Latest(p); lerr == nil {
			seenAssessed.Store(seenKey{in.Path(), p}, seenRead{latest: latest, as: as})
		}
	}
	return as, err
}

// seenAssessed holds, by store and patient, the patient's latest
// assessment as read in a store another program held as the run began,
// once it was let go (heldSaves.assessed): the save that then asked before
// making another assessment of them, refused because another program held
// the store again, ended saying nothing of it (the store could not be
// read again), and that the store "is free now".
var seenAssessed sync.Map // seenKey → seenRead

// seenRead is what seenAssessed holds of a patient: their latest
// assessment, and all that counted (as), for how many stand unlinked.
type seenRead struct {
	latest record.Record
	as     []assess.Assessed
}

// seenKey is a patient in the store at path.
type seenKey struct {
	path    string
	patient record.PatientID
}

// storeFree reports whether the store at path opens now, without the
// 2 s wait of an open while another program holds it.
func storeFree(path string) bool {
	_, err := store.Open(path, store.Options{Timeout: 100 * time.Millisecond})
	return err == nil
}

// heldAgain is, once the store itself opened (an earlier read or save)
// and the full screen has closed (finish), the refusal of a read or write
// of it while another program holds it again (ErrLocked), found without
// the 2 s each waits; nil while it is free, before it opened (the
// stand-in refuses at once), or while the full screen is up. Each waited:
// a finish (ctrl+c, f) with the store held again left the terminal
// blank 4 s and more, its draft, its read of the patient's assessments
// and its letting go of drafts each waiting 2 s to be refused. While the
// screen is up, a draft waits the store's 2 s, off the key path: refused
// after 100 ms, a draft met by another window's save or a push writing
// its state was lost, where the wait would have kept it.
func (h *heldSaves) heldAgain() error {
	if h == nil || h.savedIn() == nil || !h.finishing.Load() {
		return nil
	}
	if _, err := store.Open(h.path, store.Options{Timeout: 100 * time.Millisecond}); errors.Is(err, store.ErrLocked) {
		return err
	}
	return nil
}

// keepDraft keeps d, the answers so far, in kept's store (dr.save), or
// refuses it at once once the full screen has closed on a store held
// again (heldAgain), as the store's draft write would be 2 s later. h
// is nil on a store free as the run began.
func (h *heldSaves) keepDraft(dr *drafted, kept func() *store.Store, d *store.Draft) error {
	if held := h.heldAgain(); held != nil {
		id := d.ID
		if id.IsZero() {
			d.ID, _ = record.NewID()
		}
		return dr.words(id, held)
	}
	return dr.save(kept(), d)
}

// tryOpen opens the store itself if it is free now, without the 2 s open
// waits while it is in use: a draft is kept at every answer of the plain
// prompts, each of which waited 2 s while the store was held.
func (h *heldSaves) tryOpen() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.in != nil {
		return
	}
	if _, err := store.Open(h.path, store.Options{Timeout: 100 * time.Millisecond}); err != nil {
		return // still in use, or no longer a store that opens
	}
	if in, err := store.Open(h.path, store.Options{}); err == nil {
		h.in = in
	}
}

// draftStores are where an assessment's drafts are listed, kept, claimed
// and let go of: the store it runs on, or, on a stand-in for a store held
// by another program as it began (heldStore), the store itself once it
// opened.
type draftStores struct {
	// cur is the store drafts are claimed, renewed, discarded and let go
	// of in; kept the one a draft is kept in, trying the store itself
	// first when it has not opened yet.
	cur, kept func() *store.Store
	// look lists the drafts again, in the store itself: nil unless the
	// list could not be read as the run began. An error (ErrLocked)
	// while the store is still held.
	look func() ([]offered, []ui.Elsewhere, error)
}

// savedIn is the store itself, once a save opened it; nil before.
func (h *heldSaves) savedIn() *store.Store {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.in
}

// stillHeld words a refusal of a save because the store is still in use
// as store.Held does, not as "try again, or close it": the answers are
// kept in a file, and what to do is said with it.
func stillHeld(path string, err error) error {
	if errors.Is(err, store.ErrLocked) {
		return store.Held(path, err)
	}
	return err
}
