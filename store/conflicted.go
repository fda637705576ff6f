package store

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"

	"digicheck/record"

	bolt "go.etcd.io/bbolt"
)

// StrandedFollowUp is a follow-up, current and counted here, that rests on
// a version of the assessment it follows up that a server will never hold:
// one in conflict with the server, or set aside when that conflict was
// settled (either way: keeping the server's version sets it aside, and
// keeping this machine's saves it again under a new id). The follow-up is
// sent, but no other machine can link it to the patient's earlier
// assessment, and a summary of the server counts it apart from the one
// made here.
type StrandedFollowUp struct {
	FollowUp record.Record // the follow-up's current version
	Base     record.ID     // the version it follows up, never to be on the server
	// Conflict is the conflict Base waits behind, unsettled; zero once
	// the conflict was settled and Base set aside.
	Conflict Conflict
}

// Settled reports whether the conflict Base rested on was settled, so
// that Base is set aside for good.
func (f StrandedFollowUp) Settled() bool { return f.Conflict.Record.IsZero() }

// StrandedFollowUps returns the follow-ups of this store, in the order
// they were made, that rest on a version server will never hold, and
// that the server holds (sent by a digicheck that did not hold them back). A
// follow-up entered in error is not one: it no longer counts. A damaged
// record is passed over here; the push that asks says what it cannot read.
//
// A push asks after sending, or after giving up on a server it could not
// reach: where the server accepted nothing from this store, no follow-up
// can be stranded and no record is read. The follow-ups are looked over in
// one transaction, which reads the whole patient index once (walkIndex),
// not once for each follow-up: that grew with the store's size times its
// follow-ups, over 12 minutes for 36,000 records. It stops, with ctx's
// error, once ctx is done (Ctrl+C, SIGTERM).
func (s *Store) StrandedFollowUps(ctx context.Context, server string) ([]StrandedFollowUp, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if held, err := s.acceptedAny(server); err != nil || !held {
		return nil, err
	}
	var fus []record.Record
	err := s.Each(func(r record.Record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if !r.FollowsUp.IsZero() {
			fus = append(fus, r)
		}
		return nil
	}, func(Unreadable) {})
	if err != nil {
		return nil, err
	}
	known, err := s.Conflicts(server)
	if err != nil {
		return nil, err
	}
	waiting := map[record.ID]Conflict{} // by assessment: conflicts not settled
	for _, k := range known {
		if k.SendOn == "" {
			waiting[k.Assessment] = k
		}
	}
	var out []StrandedFollowUp
	seen := map[record.ID]bool{}
	err = s.readChains(func(c chainTx) error {
		copies := c.tx.Bucket(bucketCopies)
		for _, r := range fus {
			if err := ctx.Err(); err != nil {
				return err
			}
			cur, err := c.currentOf(r.ID)
			if err != nil {
				if errors.Is(err, ErrDamaged) && !errors.Is(err, errChanged) {
					s.noteDamage(err) // as Current notes it
				}
				if errors.Is(err, ErrNotFound) || errors.Is(err, ErrDamaged) {
					continue
				}
				return err
			}
			if seen[cur.ID] || cur.Status == record.EnteredInError || cur.FollowsUp.IsZero() {
				continue
			}
			seen[cur.ID] = true
			// One never sent is held back by push, which says why.
			if vs, err := c.versionsOf(cur.ID); err != nil || len(vs) == 0 {
				continue
			} else if sent, err := acceptedIn(c.tx, server, vs[0].ID); err != nil {
				return err
			} else if !sent {
				continue
			}
			base := cur.FollowsUp
			if sent, err := acceptedIn(c.tx, server, base); err != nil {
				return err
			} else if sent {
				continue
			}
			if copies != nil {
				if src := copies.Get(recordKey(base)); src != nil && string(pushKey(string(src))) == string(pushKey(server)) {
					continue // read from the server: it holds it
				}
			}
			if setAsideWith(c.tx, recordKey(base)) != nil {
				out = append(out, StrandedFollowUp{FollowUp: cur, Base: base})
				continue
			}
			vs, err := c.versionsOf(base)
			if err != nil || len(vs) == 0 {
				continue
			}
			if k, ok := waiting[vs[0].ID]; ok {
				out = append(out, StrandedFollowUp{FollowUp: cur, Base: base, Conflict: k})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// acceptedAny reports whether server accepted any version of this store.
func (s *Store) acceptedAny(server string) (bool, error) {
	var held bool
	err := s.view(func(tx *bolt.Tx) error {
		if b := pushRead(tx, server, bucketPushVersions); b != nil {
			k, _ := b.Cursor().First()
			held = k != nil
		}
		return nil
	})
	return held, err
}

// acceptedIn is PushedVersion's word, in tx, that server accepted id.
func acceptedIn(tx *bolt.Tx, server string, id record.ID) (bool, error) {
	raw := pushGet(tx, server, bucketPushVersions, recordKey(id))
	if raw == nil {
		return false, nil
	}
	var pv pushedValue
	return true, json.Unmarshal(raw, &pv)
}

// PushServers returns the FHIR servers this store pushed to or read from
// (whose state it keeps: versions accepted, conflicts), as pushes name them
// (their base URLs), in order.
func (s *Store) PushServers() ([]string, error) {
	var servers []string
	err := s.view(func(tx *bolt.Tx) error {
		eachPushServer(tx, func(server string, _ *bolt.Bucket) {
			servers = append(servers, server)
		})
		return nil
	})
	return servers, err
}

// eachPushServer calls fn, in tx, with each server pushes were made to
// (its base URL) and its bucket, in order.
func eachPushServer(tx *bolt.Tx, fn func(server string, b *bolt.Bucket)) {
	p := tx.Bucket(bucketPush)
	if p == nil {
		return
	}
	c := p.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if v == nil {
			fn(string(k), p.Bucket(k))
		}
	}
}

// VoidOnServer is a conflict with the FHIR server Server, not settled,
// in which this machine's version (an amendment, say) was refused
// because the server holds the assessment entered in error: voided on
// another machine.
type VoidOnServer struct {
	Server   string
	Conflict Conflict
	// Versions are every version of the assessment this store holds.
	Versions []record.ID
}

// VoidsOnServers returns the conflicts of this store, with any server it
// pushed to or read from, that are not settled and in which the server
// holds the assessment entered in error while this machine's version of
// it counts. Such an assessment counts nowhere but here: an export that
// counted it would count what the trust's record holds as a void. One
// settled by keeping this machine's version (its void to be undone on
// the next push) is not one.
func (s *Store) VoidsOnServers() ([]VoidOnServer, error) {
	servers, err := s.PushServers()
	if err != nil {
		return nil, err
	}
	var out []VoidOnServer
	seen := map[record.ID]bool{}
	for _, server := range servers {
		known, err := s.Conflicts(server)
		if err != nil {
			return nil, err
		}
		for _, k := range known {
			if !k.ServerVoided || k.SendOn != "" || seen[k.Assessment] {
				continue
			}
			cur, err := s.Current(k.Record)
			if err != nil {
				if errors.Is(err, ErrNotFound) {
					continue
				}
				return nil, err
			}
			if cur.Status == record.EnteredInError {
				continue // voided here too: counted nowhere
			}
			vs, err := s.Versions(k.Record)
			if err != nil {
				return nil, err
			}
			seen[k.Assessment] = true
			v := VoidOnServer{Server: server, Conflict: k}
			for _, r := range vs {
				v.Versions = append(v.Versions, r.ID)
			}
			out = append(out, v)
		}
	}
	slices.SortFunc(out, func(a, b VoidOnServer) int {
		return strings.Compare(a.Conflict.Record.String(), b.Conflict.Record.String())
	})
	return out, nil
}

// AsideWhere is what this store knows of where a version set aside on
// settling a conflict is: the servers whose conflict set it aside here,
// which never had it from this machine, and the other servers that hold
// it, having accepted it from a push of this store before that conflict
// was found (or having been read from).
//
// A copy read from a server (another machine's version) is never this
// machine's to settle or send: ReadFrom is the server it was read from,
// and KeptOver the servers whose own version was kept here in its place
// (taken in over it on reading that server, or on settling a conflict
// with it); SettledWith is empty, and HeldBy names only servers that
// took it from a push of this store.
type AsideWhere struct {
	SettledWith []string
	HeldBy      []string
	ReadFrom    string
	KeptOver    []string
}

// SetAsideWhere says where version id, set aside on settling a conflict,
// is known to be (AsideWhere). The servers are as pushes name them (their
// base URLs), in order; none at all for a version not set aside.
func (s *Store) SetAsideWhere(id record.ID) (AsideWhere, error) {
	var w AsideWhere
	k := recordKey(id)
	err := s.view(func(tx *bolt.Tx) error {
		var src []byte
		if copies := tx.Bucket(bucketCopies); copies != nil {
			src = copies.Get(k)
		}
		if src != nil {
			w.ReadFrom = string(src)
		}
		eachPushServer(tx, func(server string, b *bolt.Bucket) {
			read := src != nil && string(pushKey(string(src))) == server
			if a := b.Bucket(bucketPushSetAside); a != nil && a.Get(k) != nil && !read {
				if src != nil {
					// Another machine's version: no conflict of
					// this machine's set it aside, that server's
					// own version was kept in its place.
					w.KeptOver = append(w.KeptOver, server)
				} else {
					w.SettledWith = append(w.SettledWith, server)
				}
				return
			}
			if read {
				return // where it was read from: ReadFrom
			}
			if v := b.Bucket(bucketPushVersions); v != nil && v.Get(k) != nil {
				w.HeldBy = append(w.HeldBy, server)
			}
		})
		if len(w.SettledWith) == 0 && len(w.KeptOver) == 0 {
			w.HeldBy, w.ReadFrom = nil, "" // not set aside: nothing to say
		}
		return nil
	})
	return w, err
}

// ServersHolding returns the servers this store knows hold version id:
// those that accepted it from a push of this store, and the one it was
// read from, as pushes name them (their base URLs), in order.
func (s *Store) ServersHolding(id record.ID) ([]string, error) {
	var out []string
	k := recordKey(id)
	err := s.view(func(tx *bolt.Tx) error {
		var src []byte
		if copies := tx.Bucket(bucketCopies); copies != nil {
			src = copies.Get(k)
		}
		eachPushServer(tx, func(server string, b *bolt.Bucket) {
			read := src != nil && string(pushKey(string(src))) == server
			if v := b.Bucket(bucketPushVersions); read || v != nil && v.Get(k) != nil {
				out = append(out, server)
			}
		})
		return nil
	})
	return out, err
}
