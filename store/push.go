package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"

	"digicheck/record"
)

// Push state: which record versions a FHIR server has accepted, and the
// version the server gave each, kept per server so a store pushed to a test
// server and then to the trust's keeps the two apart. A version is marked
// only after the server's answer says it was accepted (MarkPushed, one
// durable transaction per answer), so a push stopped at any point leaves no
// version marked that the server does not have; one the server has but
// that is not marked is found by reading it back before it is sent again.
//
//	push -> server base URL -> "versions": record key -> pushedValue
//	                        -> "questionnaires": canonical url|version -> server version
var (
	bucketPush           = []byte("push")
	bucketPushVersions   = []byte("versions")
	bucketPushQuestionnr = []byte("questionnaires")
)

type pushedValue struct {
	Assessment record.ID `json:"assessment"`
	Version    string    `json:"version"`
	At         time.Time `json:"at"`
}

// PushChain is one assessment's versions that a server has not accepted.
type PushChain struct {
	// Assessment is the id of the assessment's first version: the id its
	// every version is sent under, so the server keeps one resource per
	// assessment and its versions as that resource's history.
	Assessment record.ID
	// Accepted is the server's version of the newest version it accepted,
	// "" if it has accepted none: the If-Match of the next one. It is ""
	// too when the version before the first pending one was read from the
	// server (a copy: see SaveCopy), whose server version was not kept:
	// the pusher reads it back.
	Accepted string
	// Pending are the versions still to send, oldest first.
	Pending []record.Record
	// Forked, when set, says why the chain is not to be sent (ErrForked):
	// a conflict with another server was settled here, so this store
	// holds these versions on other parents than that server does.
	Forked string
	// ForkedFrom, when set, is that other server, whose version of the
	// line this store does not keep (see Untaken): a push to it reads
	// that version again, and the line can then be sent here.
	ForkedFrom string
}

// Pushed is one version a server accepted.
type Pushed struct {
	Record     record.ID // the version sent
	Assessment record.ID // the id it was sent under
	Version    string    // the server's version id for it
}

func pushKey(server string) []byte { return []byte(strings.TrimRight(server, "/")) }

// PushPending returns every assessment with versions the server has not
// accepted, in the order the assessments were first made. Each record is
// checked against its checksum as Each does; a damaged one fails it with
// ErrDamaged.
func (s *Store) PushPending(server string) ([]PushChain, error) {
	out, _, _, _, err := s.pushPending(server, nil, nil)
	return out, err
}

// PhasePushRead is the phase of a push's read of the store for what a
// server lacks (PushPendingContext): Done records read of Total (0 when
// the store keeps no count of its records).
const PhasePushRead = "push-read"

// PushPendingContext is PushPending, telling the progress function ctx
// carries (WithCheckProgress) how many records it has read, of how many,
// as it reads them (PhasePushRead): a push reads every record before its
// first try, seconds on a store of 10,000, and said nothing meanwhile.
func (s *Store) PushPendingContext(ctx context.Context, server string) ([]PushChain, error) {
	out, _, _, _, err := s.pushPending(server, progressOf(ctx), nil)
	return out, err
}

// PushPendingLost is PushPendingContext as it would be were it forgotten
// that the server accepted the versions lost (as ForgetPushed forgets
// them), changing nothing: what a push --dry-run would send again to a
// server that no longer holds them (restored from an older backup). A
// version in lost goes on the versions before it that the server still
// holds, as the push itself sends it.
func (s *Store) PushPendingLost(ctx context.Context, server string, lost []record.ID) ([]PushChain, error) {
	forget := make(map[string]bool, len(lost))
	for _, id := range lost {
		forget[string(recordKey(id))] = true
	}
	out, _, _, _, err := s.pushPending(server, progressOf(ctx), forget)
	return out, err
}

// NotToSend says what of this store is kept here and never sent to the
// server: the versions set aside when their conflicts with it were
// settled, and the follow-ups resting on one of them that were marked
// entered in error, as push advised (each chain: the follow-up and its
// void). Push leaves them out; they are not "accepted".
//
// A version set aside on settling with any server is never sent to any:
// counted for every server (counted only for the one settled with, a push
// to another said nothing of them).
//
// elsewhere counts the copies this store holds, read from other FHIR
// servers, that it does not send to the server either: not this
// machine's to push (no version made here rests on them). A push with
// nothing to send says them, rather than that the server has every
// version held here.
func (s *Store) NotToSend(server string) (aside int, withheld []PushChain, elsewhere int, err error) {
	if k, ok := s.keptUnchanged(server); ok {
		return k.aside, k.withheld, k.elsewhere, nil
	}
	_, withheld, aside, elsewhere, err = s.pushPending(server, nil, nil)
	if err != nil {
		return 0, nil, 0, err
	}
	return aside, withheld, elsewhere, err
}

// SetAsideAnywhere reports whether record id was set aside when a
// conflict with any server was settled (KeepServer, KeepMineLine): kept here,
// never current, and never sent to any server. A copy read from a server
// is that server's own version, never set aside for it.
func (s *Store) SetAsideAnywhere(id record.ID) (bool, error) {
	var ok bool
	err := s.view(func(tx *bolt.Tx) error {
		ok = setAsideWith(tx, recordKey(id)) != nil
		return nil
	})
	return ok, err
}

// setAsideWith is the push key of a server whose conflict, settled here,
// set the version under key k aside, or nil.
func setAsideWith(tx *bolt.Tx, k []byte) []byte {
	p := tx.Bucket(bucketPush)
	if p == nil {
		return nil
	}
	pc := p.Cursor()
	for sk, sv := pc.First(); sk != nil; sk, sv = pc.Next() {
		if sv != nil {
			continue
		}
		if a := p.Bucket(sk).Bucket(bucketPushSetAside); a != nil && a.Get(k) != nil && !readFrom(tx, k, sk) {
			return sk
		}
	}
	return nil
}

// readFrom reports whether the record under key k is a copy read from the
// server whose push key is sk.
func readFrom(tx *bolt.Tx, k, sk []byte) bool {
	if copies := tx.Bucket(bucketCopies); copies != nil {
		src := copies.Get(k)
		return src != nil && bytes.Equal(pushKey(string(src)), sk)
	}
	return false
}

// keptRead is what pushPending last found kept here for a server
// (NotToSend), with the store's state it read: bbolt's transaction id,
// which every write committed to the file moves on, by this process or
// another.
type keptRead struct {
	server    string
	txid      int
	withheld  []PushChain
	aside     int
	elsewhere int
}

// keptUnchanged is what pushPending found kept here for server, when
// nothing was written to the store since it read it but this process's
// own push lease (keptLease). A push that gave up on a server it could
// not reach read every record again to say what is kept, seconds on a
// store of 10,000, after its own read of them.
func (s *Store) keptUnchanged(server string) (keptRead, bool) {
	s.mu.Lock()
	k := s.kept
	s.mu.Unlock()
	if k.server == "" || k.server != string(pushKey(server)) {
		return keptRead{}, false
	}
	same := false
	if err := s.view(func(tx *bolt.Tx) error {
		same = tx.ID() == k.txid
		return nil
	}); err != nil {
		return keptRead{}, false
	}
	return k, same
}

// keptLease notes the write committed as transaction id, which wrote
// nothing but a push lease: what pushPending found before it stands,
// where it read the store as the transaction before left it (no other
// write came between).
func (s *Store) keptLease(id int) {
	s.mu.Lock()
	if s.kept.server != "" && s.kept.txid == id-1 {
		s.kept.txid = id
	}
	s.mu.Unlock()
}

// pushPending is what the server lacks; forget, by record key, are versions
// it accepted that are taken as not accepted (PushPendingLost).
func (s *Store) pushPending(server string, progress func(CheckProgress), forget map[string]bool) (out, withheld []PushChain, asideN, foreignN int, err error) {
	if progress == nil {
		progress = func(CheckProgress) {}
	}
	txid := 0
	defer func() {
		// What is kept is of the store as it is: not of one whose
		// push state some versions are taken out of.
		if err == nil && len(forget) == 0 {
			s.mu.Lock()
			s.kept = keptRead{string(pushKey(server)), txid, withheld, asideN, foreignN}
			s.mu.Unlock()
		}
	}()
	err = s.view(func(tx *bolt.Tx) error {
		txid = tx.ID()
		done := pushRead(tx, server, bucketPushVersions)
		// accepted is the server's push state of a version: nil when
		// it has not accepted it, or it is to be taken so (forget).
		accepted := func(k []byte) []byte {
			if done == nil || forget[string(k)] {
				return nil
			}
			return done.Get(k)
		}
		aside, voidHeld := pushRead(tx, server, bucketPushSetAside), pushRead(tx, server, bucketPushVoidHeld)
		// Versions set aside, or taken in on this machine's, when a
		// conflict with any other server was settled: never sent here.
		// Found sent to a second server, whose history then forked.
		asideElsewhere := map[string]bool{}
		rebasedElsewhere := map[string]string{}
		takenElsewhere := map[string][]byte{}
		eachPushServer(tx, func(other string, b *bolt.Bucket) {
			sk := []byte(other)
			if bytes.Equal(sk, pushKey(server)) {
				return
			}
			if a := b.Bucket(bucketPushSetAside); a != nil {
				a.ForEach(func(k, _ []byte) error {
					// A copy read from that server is its own
					// version, never set aside (marked so by a
					// digicheck before this was known: the line
					// then rested on nothing another server had).
					if !readFrom(tx, k, sk) {
						asideElsewhere[string(k)] = true
					}
					return nil
				})
			}
			for k := range rebasedOn(tx, sk) {
				rebasedElsewhere[k] = other
			}
			if tk := b.Bucket(bucketPushTaken); tk != nil {
				tk.ForEach(func(k, v []byte) error { takenElsewhere[string(k)] = v; return nil })
			}
		})
		copies := tx.Bucket(bucketCopies)
		// A copy read from this server is not sent back: it has it. One
		// read from another server is not this machine's to push (sent
		// alone, it met the second server's own versions of it as
		// conflicts), unless a version made here rests on it: then it
		// goes with it, first version first, or this server would hold
		// the amendment with nothing before it. (One this server holds
		// already is found there and marked, not sent.)
		fromServer := func(k []byte) bool { return readFrom(tx, k, pushKey(server)) }
		foreign := map[record.ID]bool{}
		// Versions taken in from another server that rest there on a
		// version set aside with this one: not sent (see below).
		restsAside := map[string]bool{}
		pending := map[record.ID]record.Record{}
		var order []record.ID
		recs := tx.Bucket(bucketRecords)
		var total, read int64
		if n, st := recordCount(tx.Bucket(bucketPatients)); st == counted {
			total = int64(n)
		}
		// Of how many: none said when the store keeps no count.
		of := func() int64 {
			if total == 0 {
				return 0
			}
			return max(total, read)
		}
		progress(CheckProgress{PhasePushRead, 0, total})
		defer func() { progress(CheckProgress{PhasePushRead, read, of()}) }()
		c := recs.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if read++; read%progressRecords == 0 {
				progress(CheckProgress{PhasePushRead, read, of()})
			}
			if accepted(k) != nil {
				continue
			}
			if fromServer(k) {
				continue // read from this server: it has it
			}
			if aside != nil && aside.Get(k) != nil {
				asideN++
				continue // the server's version was kept over it
			}
			if asideElsewhere[string(k)] {
				asideN++
				continue // superseded when settled with another server
			}
			if voidHeld != nil && voidHeld.Get(k) != nil {
				asideN++
				continue // the server holds the assessment voided already
			}
			r, _, err := s.readRecord(tx, k, v)
			if err != nil {
				return err
			}
			if raw, ok := takenElsewhere[string(k)]; ok {
				// The server's version taken in here when a conflict
				// with another server was settled: sent as that
				// server holds it, on the version it rests on there,
				// so this server is given the same line. Sent with
				// the line, not as a copy alone: this machine chose it.
				var orig record.Record
				if err := json.Unmarshal(raw, &orig); err != nil || orig.ID != r.ID {
					return damaged(s.path, fmt.Sprintf("the server's version of record %s kept when its conflict was settled is unreadable", r.ID), err)
				}
				if !orig.Amends.IsZero() && aside != nil && aside.Get(recordKey(orig.Amends)) != nil && !fromServer(recordKey(orig.Amends)) {
					// There it rests on a version of this
					// machine's set aside when its conflict
					// with this server was settled: this server
					// kept its own version over that one, and
					// will never hold it, so the line that
					// server holds cannot be sent here. It is
					// kept here, not sent (as is anything made
					// here on it): sent on the version it was
					// taken in on here, it was a second void
					// over this server's void, or that server's
					// history put here. Taken as resting on a
					// version never sent, push called the store
					// damaged, which check found sound.
					asideN++
					restsAside[string(k)] = true
					continue
				}
				if orig.Amends.IsZero() || recs.Get(recordKey(orig.Amends)) != nil {
					r = orig
					delete(rebasedElsewhere, string(k))
					pending[r.ID] = r
					order = append(order, r.ID)
					continue
				}
			}
			if copies != nil && copies.Get(k) != nil {
				foreign[r.ID] = true
			}
			pending[r.ID] = r
			order = append(order, r.ID)
		}
		// Each pending version's successor among the pending, and the
		// first pending version of each assessment.
		next := map[record.ID]record.ID{}
		var firsts []record.ID
		for _, id := range order {
			r := pending[id]
			if _, ok := pending[r.Amends]; ok && !r.Amends.IsZero() {
				next[r.Amends] = id
			} else {
				firsts = append(firsts, id)
			}
		}
		// send puts the pending versions from id on in ch, and ch in out;
		// sendOn sends them as versions of the assessment whose line
		// holds r's Amends, said Forked.
		send := func(ch PushChain, id record.ID) {
			for at, ok := id, true; ok; at, ok = next[at] {
				ch.Pending = append(ch.Pending, pending[at])
			}
			out = append(out, ch)
		}
		sendOn := func(r record.Record, forked string) error {
			root, err := s.firstVersion(recs, r.Amends)
			if err == nil {
				send(PushChain{Assessment: root, Forked: forked}, r.ID)
			}
			return err
		}
		for _, id := range firsts {
			r := pending[id]
			ch := PushChain{Assessment: r.ID}
			if !r.Amends.IsZero() && (asideElsewhere[string(recordKey(r.Amends))] || restsAside[string(recordKey(r.Amends))]) {
				// It rests on a version set aside with another
				// server: its line here is not that server's.
				if err := sendOn(r, "the versions it rests on were set aside"); err != nil {
					return err
				}
				continue
			}
			if !r.Amends.IsZero() {
				// The version it amends was accepted: its assessment
				// and server version are in the push state. Or it was
				// read from this server: its assessment is the first
				// version of its line, and the server's version of it
				// is read back before this one is sent.
				var pv pushedValue
				var raw []byte
				raw = accepted(recordKey(r.Amends))
				if raw == nil && fromServer(recordKey(r.Amends)) {
					if err := sendOn(r, ""); err != nil {
						return err
					}
					continue
				}
				if raw == nil && recs.Get(recordKey(r.Amends)) != nil {
					// The version it amends is in the store,
					// never sent here: set aside when its
					// conflict with this server was settled. A
					// settled line, not damage (check, which
					// calls a version amending one the store
					// lacks damage, finds it sound): not sent.
					if err := sendOn(r, "the versions it rests on were set aside"); err != nil {
						return err
					}
					continue
				}
				if raw == nil {
					return damaged(s.path, fmt.Sprintf("record %s amends %s, which is neither in the store nor pushed", r.ID, r.Amends), nil)
				}
				if err := json.Unmarshal(raw, &pv); err != nil {
					return damaged(s.path, "push state unreadable", err)
				}
				ch.Assessment, ch.Accepted = pv.Assessment, pv.Version
			}
			send(ch, id)
		}
		for i := range out {
			for _, r := range out[i].Pending {
				// Said before resting on versions set aside: read
				// again from that server, it rests on none.
				if src, ok := rebasedElsewhere[string(recordKey(r.ID))]; ok {
					out[i].Forked = "the server's version was taken in on this machine's"
					out[i].ForkedFrom = src
				}
			}
		}
		// A follow-up made here on a version set aside when its
		// conflict with this server was settled, and since marked
		// entered in error, as push advised: never sent. The server will
		// never hold the version it follows up, so no other machine
		// could take in the follow-up or its void (found sent, and
		// warned of on every machine's history and summary). It stays
		// in this store.
		kept := out[:0]
		for _, ch := range out {
			head, last := ch.Pending[0], ch.Pending[len(ch.Pending)-1]
			// Set aside with another server, it is never sent here
			// either: the follow-up failed every push to a second
			// server, for a version this push "does not send".
			if head.Amends.IsZero() && !head.FollowsUp.IsZero() && last.Status == record.EnteredInError &&
				((aside != nil && aside.Get(recordKey(head.FollowsUp)) != nil) || asideElsewhere[string(recordKey(head.FollowsUp))]) {
				withheld = append(withheld, ch)
				continue
			}
			kept = append(kept, ch)
		}
		out = kept
		// A line of copies only, of an assessment that holds no
		// version made here, is not this machine's to push, whatever
		// it rests on: a machine that only read the patient (from one
		// server, then another's newer version over it) made nothing
		// to send. Taken as resting on versions set aside when a
		// conflict was settled here, it failed every push of a reader
		// that had settled nothing, with no conflict to settle.
		if copies != nil {
			var only []int
			for i, ch := range out {
				if !slices.ContainsFunc(ch.Pending, func(r record.Record) bool { return copies.Get(recordKey(r.ID)) == nil }) {
					only = append(only, i)
				}
			}
			if len(only) > 0 {
				madeHere := map[record.ID]bool{}
				rc := recs.Cursor()
				for k, _ := rc.First(); k != nil; k, _ = rc.Next() {
					if copies.Get(k) != nil {
						continue
					}
					id, err := record.ParseID(string(k))
					if err != nil {
						continue
					}
					if root, err := s.firstVersion(recs, id); err == nil {
						madeHere[root] = true
					}
				}
				for _, i := range only {
					root, err := s.firstVersion(recs, out[i].Pending[0].ID)
					if err != nil || madeHere[root] {
						continue
					}
					for _, r := range out[i].Pending {
						foreign[r.ID] = true
					}
				}
			}
		}
		// A line of copies read from another server goes with a
		// version made here that rests on it: an amendment (in its
		// chain, above) or a follow-up, whose link the server could not
		// follow without the version it follows up.
		keep := make([]bool, len(out))
		needed := map[record.ID]bool{}
		for changed := true; changed; {
			changed = false
			for i, ch := range out {
				if keep[i] {
					continue
				}
				for _, r := range ch.Pending {
					if !foreign[r.ID] || needed[r.ID] {
						keep[i], changed = true, true
						break
					}
				}
				if keep[i] {
					for _, r := range ch.Pending {
						if !r.FollowsUp.IsZero() {
							needed[r.FollowsUp] = true
						}
					}
				}
			}
		}
		mine := out[:0]
		for i, ch := range out {
			if keep[i] {
				mine = append(mine, ch)
			} else {
				foreignN += len(ch.Pending)
			}
		}
		out = mine
		return nil
	})
	// Records are keyed by time-ordered ids, but an assessment whose first
	// versions were pushed sorts by its pending version: order by the
	// assessment id so each push meets assessments in the order made.
	sortChains(out)
	return out, withheld, asideN, foreignN, err
}

// firstVersion follows a line of versions back from id to its first.
func (s *Store) firstVersion(recs *bolt.Bucket, id record.ID) (record.ID, error) {
	for range 1 << 20 {
		v := recs.Get(recordKey(id))
		if v == nil {
			return id, damaged(s.path, fmt.Sprintf("record %s is missing from its line of versions", id), nil)
		}
		r, err := s.decode(recordKey(id), v)
		if err != nil {
			return id, err
		}
		if r.Amends.IsZero() {
			return id, nil
		}
		id = r.Amends
	}
	return id, damaged(s.path, fmt.Sprintf("record %s: its line of versions loops", id), nil)
}

func sortChains(cs []PushChain) {
	slices.SortFunc(cs, func(a, b PushChain) int { return bytes.Compare(a.Assessment[:], b.Assessment[:]) })
}

// MarkPushed records, in one durable transaction, that the server accepted
// these versions. Marking a version again with the same server version is
// harmless; with another it is refused (a version is accepted once).
func (s *Store) MarkPushed(server string, ps []Pushed) error {
	if len(ps) == 0 {
		return nil
	}
	now := time.Now().UTC()
	return s.update(func(tx *bolt.Tx) error {
		b, err := pushBucket(tx, server, bucketPushVersions)
		if err != nil {
			return err
		}
		recs := tx.Bucket(bucketRecords)
		for _, p := range ps {
			if p.Version == "" || p.Record.IsZero() || p.Assessment.IsZero() {
				return &Error{ErrInvalidRecord, fmt.Sprintf("cannot mark record %s pushed without its assessment and the server's version", p.Record), nil}
			}
			if recs.Get(recordKey(p.Record)) == nil {
				return &Error{ErrNotFound, fmt.Sprintf("cannot mark record %s pushed: it is not in this store", p.Record), nil}
			}
			if old := b.Get(recordKey(p.Record)); old != nil {
				var pv pushedValue
				if json.Unmarshal(old, &pv) == nil && pv.Version == p.Version && pv.Assessment == p.Assessment {
					continue
				}
				return &Error{ErrExists, fmt.Sprintf("record %s was already accepted by %s as version %s", p.Record, server, pv.Version), nil}
			}
			val, err := json.Marshal(pushedValue{Assessment: p.Assessment, Version: p.Version, At: now})
			if err != nil {
				return err
			}
			if err := b.Put(recordKey(p.Record), val); err != nil {
				return err
			}
		}
		return nil
	})
}

func pushBucket(tx *bolt.Tx, server string, name []byte) (*bolt.Bucket, error) {
	p, err := tx.CreateBucketIfNotExists(bucketPush)
	if err != nil {
		return nil, err
	}
	sv, err := p.CreateBucketIfNotExists(pushKey(server))
	if err != nil {
		return nil, err
	}
	return sv.CreateBucketIfNotExists(name)
}

// PushedVersion returns the server's version of a record version it
// accepted, and false if it has not accepted it (or not been told so).
func (s *Store) PushedVersion(server string, id record.ID) (string, bool, error) {
	var pv pushedValue
	var ok bool
	err := s.view(func(tx *bolt.Tx) error {
		raw := pushGet(tx, server, bucketPushVersions, recordKey(id))
		if raw == nil {
			return nil
		}
		ok = true
		return json.Unmarshal(raw, &pv)
	})
	return pv.Version, ok, err
}

// pushRead is the bucket name of the push state for server, nil while
// there is none.
func pushRead(tx *bolt.Tx, server string, name []byte) *bolt.Bucket {
	if p := tx.Bucket(bucketPush); p != nil {
		if sv := p.Bucket(pushKey(server)); sv != nil {
			return sv.Bucket(name)
		}
	}
	return nil
}

func pushGet(tx *bolt.Tx, server string, name, key []byte) []byte {
	if b := pushRead(tx, server, name); b != nil {
		return b.Get(key)
	}
	return nil
}

// QuestionnairePushed returns the server's version of the Questionnaire
// with this canonical (url|version), if the server accepted it.
func (s *Store) QuestionnairePushed(server, canonical string) (string, bool, error) {
	var v string
	err := s.view(func(tx *bolt.Tx) error {
		v = string(pushGet(tx, server, bucketPushQuestionnr, []byte(canonical)))
		return nil
	})
	return v, v != "", err
}

// MarkQuestionnairePushed records that the server accepted the
// Questionnaire with this canonical as this version.
func (s *Store) MarkQuestionnairePushed(server, canonical, version string) error {
	return s.update(func(tx *bolt.Tx) error {
		b, err := pushBucket(tx, server, bucketPushQuestionnr)
		if err != nil {
			return err
		}
		return b.Put([]byte(canonical), []byte(version))
	})
}

// ErrPushing is returned by StartPush while another push of this store to
// the same server runs: two at once could both send a version the server
// does not have yet, and it would hold it twice.
var ErrPushing = errors.New("another push is running")

// PushLeaseTTL is how long a push holds the store's push to a server
// without renewing it. A push renews after every Bundle; one killed
// outright is taken over at once on the same machine (its process is
// gone), and after this long from another.
const PushLeaseTTL = 2 * time.Minute

var keyPushLease = []byte("lease")

type pushLease struct {
	Token string    `json:"token"`
	Host  string    `json:"host"`
	PID   int       `json:"pid"`
	Until time.Time `json:"until"`
}

// PushLease is a push's hold on sending a store to one server.
type PushLease struct {
	s      *Store
	server string
	token  string
}

// StartPush takes the store's push to server, or fails with ErrPushing
// naming the push that has it.
func (s *Store) StartPush(server string) (*PushLease, error) {
	id, err := record.NewID()
	if err != nil {
		return nil, err
	}
	l := &PushLease{s: s, server: server, token: id.String()}
	return l, l.hold(true)
}

// Renew extends the lease; it fails with ErrPushing if another push took
// it over (this one was stopped, or suspended, for longer than
// PushLeaseTTL).
func (l *PushLease) Renew() error { return l.hold(false) }

// Release gives the lease up.
func (l *PushLease) Release() error {
	id := 0
	err := l.s.update(func(tx *bolt.Tx) error {
		id = tx.ID()
		b, err := pushServer(tx, l.server)
		if err != nil {
			return err
		}
		var cur pushLease
		if raw := b.Get(keyPushLease); raw != nil && json.Unmarshal(raw, &cur) == nil && cur.Token != l.token {
			return nil // taken over: not ours to release
		}
		return b.Delete(keyPushLease)
	})
	if err == nil {
		l.s.keptLease(id)
	}
	return err
}

func (l *PushLease) hold(first bool) error {
	now := time.Now()
	id := 0
	err := l.s.update(func(tx *bolt.Tx) error {
		id = tx.ID()
		b, err := pushServer(tx, l.server)
		if err != nil {
			return err
		}
		var cur pushLease
		if raw := b.Get(keyPushLease); raw != nil && json.Unmarshal(raw, &cur) == nil && cur.Token != l.token {
			gone := cur.Host == hostName && cur.PID > 0 && cur.PID != os.Getpid() && !processAlive(cur.PID)
			if first && (gone || !now.Before(cur.Until)) {
				// A push killed, or long stopped: taken over.
			} else {
				return &Error{ErrPushing, fmt.Sprintf("another digicheck push of this store to %s is running (process %d on %s, holding it until %s); let it finish, or try again after then", l.server, cur.PID, cur.Host, cur.Until.Local().Format("15:04:05")), nil}
			}
		}
		val, err := json.Marshal(pushLease{Token: l.token, Host: hostName, PID: os.Getpid(), Until: now.Add(PushLeaseTTL)})
		if err != nil {
			return err
		}
		return b.Put(keyPushLease, val)
	})
	if err == nil {
		l.s.keptLease(id)
	}
	return err
}

func pushServer(tx *bolt.Tx, server string) (*bolt.Bucket, error) {
	p, err := tx.CreateBucketIfNotExists(bucketPush)
	if err != nil {
		return nil, err
	}
	return p.CreateBucketIfNotExists(pushKey(server))
}

var (
	bucketPushConflicts = []byte("conflicts")
	// bucketPushSetAside: record key -> the server version kept over it
	// (KeepServer). Such a version stays in the store, superseded, and is
	// never sent to this server.
	bucketPushSetAside = []byte("set-aside")
	// bucketPushRebased: record key -> the server version it is. A
	// server's version taken in here by KeepServer or KeepMineLine rests on
	// this machine's version, not on the one it rests on on that server:
	// its line of versions here differs from the server's, so it, and
	// any line holding it, is never sent to another server.
	bucketPushRebased = []byte("rebased")
	// bucketPushTaken: record key -> the server's version as that server
	// holds it (the record as read, JSON), for a version in
	// bucketPushRebased. Another server is sent this, so it is given the
	// line of versions that server holds (its version on the one it rests
	// on there), not this machine's. A rebased version with none (taken in
	// by a digicheck before this was kept) is still never sent elsewhere.
	bucketPushTaken = []byte("taken")
	// bucketPushVoidHeld: record key -> the server version of the
	// server's void (KeepServerVoid). The server holds the assessment
	// entered in error, as this store does, and this machine's versions
	// it never took rest on a version that is no void: sent, they would
	// undo the void there for a while. They are set aside for this
	// server only: kept, current here as they were, sent to any other
	// server as before, never to this one.
	bucketPushVoidHeld = []byte("void-held")
)

// KeepServerVoid settles the conflict of record id with the server when
// both hold the assessment entered in error: the server's current version
// is a void (its version serverVersion), and so is this machine's current
// version of the line. Nothing is saved and nothing is sent: the server's
// void is the settled state there, and this machine's versions of the
// assessment the server never took are set aside for that server (never
// sent to it, no conflict), the line here as it was. It returns the
// versions set aside for the server, oldest first.
func (s *Store) KeepServerVoid(server string, id record.ID, serverVersion string) ([]record.Record, error) {
	c, err := s.conflictFor(server, id)
	if err != nil {
		return nil, err
	}
	if serverVersion == "" {
		return nil, &Error{ErrInvalidRecord, "cannot keep the server's void without its version", nil}
	}
	cur, err := s.Current(c.Record)
	if err != nil {
		return nil, err
	}
	if cur.Status != record.EnteredInError {
		return nil, &Error{ErrInvalidRecord, fmt.Sprintf("record %s: this machine's current version %s is no void, so the server's void is not this machine's state", id, cur.ID), nil}
	}
	chains, err := s.PushPending(server)
	if err != nil {
		return nil, err
	}
	var aside []record.Record
	for _, ch := range chains {
		if ch.Assessment == c.Assessment || slices.ContainsFunc(ch.Pending, func(r record.Record) bool { return r.ID == c.Record || r.ID == cur.ID }) {
			aside = append(aside, ch.Pending...)
		}
	}
	return aside, s.update(func(tx *bolt.Tx) error {
		held, err := pushBucket(tx, server, bucketPushVoidHeld)
		if err != nil {
			return err
		}
		for _, r := range aside {
			if err := held.Put(recordKey(r.ID), []byte(serverVersion)); err != nil {
				return err
			}
		}
		// The line's current version is never sent there either.
		if err := held.Put(recordKey(cur.ID), []byte(serverVersion)); err != nil {
			return err
		}
		return dropConflict(tx, server, c)
	})
}

// dropConflict removes conflict c with server from the conflicts listed,
// in tx: it is settled.
func dropConflict(tx *bolt.Tx, server string, c Conflict) error {
	conf, err := pushBucket(tx, server, bucketPushConflicts)
	if err != nil {
		return err
	}
	if !c.Refused.IsZero() {
		if err := conf.Delete(recordKey(c.Refused)); err != nil {
			return err
		}
	}
	return conf.Delete(recordKey(c.Record))
}

// SetAsideForVoid returns the servers (as pushes name them, their base
// URLs, in order) that version id is set aside for by KeepServerVoid:
// each holds the assessment entered in error, and is never sent it.
func (s *Store) SetAsideForVoid(id record.ID) ([]string, error) {
	var out []string
	err := s.view(func(tx *bolt.Tx) error {
		eachPushServer(tx, func(server string, b *bolt.Bucket) {
			if h := b.Bucket(bucketPushVoidHeld); h != nil && h.Get(recordKey(id)) != nil {
				out = append(out, server)
			}
		})
		return nil
	})
	return out, err
}

// ErrSetAsideHere is returned, wrapped, by KeepServer when the server's
// current version is one of this machine's that was set aside when a
// conflict with another server was settled: the store keeps the line
// settled first, and this server is given it by keeping this machine's
// (KeepMineLine, which sends the line here over the server's version).
var ErrSetAsideHere = errors.New("the server's version is one of this machine's, set aside when a conflict with another server was settled")

// ErrForked is the reason a line of versions is not sent to a server: a
// conflict with another server was settled here, so this store holds the
// assessment's versions on other parents than that server does, and
// sending them would give this server a different history.
var ErrForked = errors.New("settled")

// Conflict is a version the server refused because its assessment was
// changed on another machine since this one last saw it (an If-Match the
// server's version no longer matches). It is not a failure that passes:
// the version is kept here, and not sent again until the clinician has
// looked at both, so push says so each time rather than retrying.
type Conflict struct {
	Record     record.ID `json:"record"`     // the version not sent
	Assessment record.ID `json:"assessment"` // the resource it was sent under
	// What the server holds: its version id and, when the resource
	// carries a digicheck record, that record's id, clinician and time.
	ServerVersion   string    `json:"server_version"`
	ServerRecord    record.ID `json:"server_record,omitzero"`
	ServerClinician string    `json:"server_clinician,omitempty"`
	ServerTime      time.Time `json:"server_time,omitzero"`
	// ServerVoided is set when the server's version marks the
	// assessment entered in error (voided on another machine), with why.
	ServerVoided     bool      `json:"server_voided,omitempty"`
	ServerVoidReason string    `json:"server_void_reason,omitempty"`
	What             string    `json:"what,omitempty"` // "amendment", "void" or "record"
	At               time.Time `json:"at"`             // when the server refused it
	// SendOn is set when the clinician, having looked at both, settled
	// the conflict by keeping this machine's version (push --resolve ID
	// --keep-mine): the next push sends it with If-Match on this server
	// version, so it goes on the version they saw, and on no later one.
	SendOn string `json:"send_on,omitempty"`
	// Shown is the server version push --conflicts last showed in full,
	// beside this machine's: a settle goes on that version and on no
	// later one (the server moved on again, and --keep-mine went over a
	// version no one had looked at, another clinician's correction in
	// it dropped without a word).
	Shown string `json:"shown,omitempty"`
	// NotTakenIn is set for a conflict found when reading the server
	// rather than when sending: the server holds a newer state of the
	// assessment (another machine's amendment, or its void) resting on a
	// version this machine never had, so it could not be taken in here,
	// and this machine's version is current here only. Record is then
	// this machine's first version the server does not hold, or its
	// current version if the server accepted that before moving on.
	NotTakenIn bool `json:"not_taken_in,omitempty"`
	// ServerOwn is set when the server's version is one made on this
	// machine, sent there before: the server holds this machine's own
	// line, which differs from the one this machine holds now (a
	// conflict settled with another server since).
	ServerOwn bool `json:"server_own,omitempty"`
	// Refused, when set, is the version the server refused, and Record
	// is then this machine's current version of the assessment, made on
	// it (a void of the amendment refused, say): the version in conflict
	// is that line of versions, and what this machine holds, shows and
	// would keep over the server's is its current version. Conflicts
	// fills it in, with RefusedWhat, the refused version's What; they are
	// not stored.
	Refused     record.ID `json:"-"`
	RefusedWhat string    `json:"-"`
	// MadeBy, when set, is who made Record on another machine: it is a
	// copy read from a FHIR server (taken in when a conflict with
	// another server was settled, say), held here but not this
	// machine's. Conflicts fills it in; it is not stored.
	MadeBy string `json:"-"`
	// RefusedBy is MadeBy of Refused.
	RefusedBy string `json:"-"`
	// ServerLacks is set when the server, asked again, no longer holds
	// the server's version above: nothing of the assessment (emptied),
	// or only versions older than it (restored from an older backup).
	// Nothing can be settled until the machine that made it sends it
	// again. Push, push --conflicts and the settles fill it in; it is
	// not stored.
	ServerLacks bool `json:"-"`
}

// madeElsewhere is who made the record under key k on another machine,
// when it is a copy read from a server (ok), for Conflict.MadeBy.
func (c chainTx) madeElsewhere(k []byte) (by string, ok bool) {
	copies := c.tx.Bucket(bucketCopies)
	if copies == nil || copies.Get(k) == nil {
		return "", false
	}
	r, found, err := c.get(string(k))
	if err != nil || !found {
		return "", false
	}
	return unnamed(r.Clinician), true
}

// conflictFor is the conflict of record id with the server, as
// ConflictOf finds it among Conflicts, or an error of ErrNoConflict.
func (s *Store) conflictFor(server string, id record.ID) (Conflict, error) {
	known, err := s.Conflicts(server)
	if err != nil {
		return Conflict{}, err
	}
	c, ok := ConflictOf(known, id)
	if !ok {
		return Conflict{}, fmt.Errorf("record %s: %w with %s: nothing to settle (digicheck push --conflicts lists them)", id, ErrNoConflict, server)
	}
	return c, nil
}

// ConflictOf returns, of the conflicts known (as Conflicts returns
// them), the one whose line of versions id is in conflict: this
// machine's current version, or the version the server refused.
func ConflictOf(known map[record.ID]Conflict, id record.ID) (Conflict, bool) {
	if c, ok := known[id]; ok {
		return c, true
	}
	for _, c := range known {
		if c.Refused == id {
			return c, true
		}
	}
	return Conflict{}, false
}

// VersionKind is what a version is to its assessment: "record" (its first
// version), "void" or "amendment", as a conflict's What says it.
func VersionKind(r record.Record, assessment record.ID) string {
	switch {
	case r.ID == assessment:
		return "record"
	case r.Status == record.EnteredInError:
		return "void"
	}
	return "amendment"
}

// ErrNoConflict is returned, wrapped, by SettleConflict for a record that
// is not a conflict with the server.
var ErrNoConflict = errors.New("not a conflict")

// SettleConflict settles the conflict of record id with the server by
// keeping this machine's version: it is sent, by the next push, on the
// server version the conflict found (Conflict.SendOn). It returns the
// conflict settled.
func (s *Store) SettleConflict(server string, id record.ID) (Conflict, error) {
	c, err := s.conflictFor(server, id)
	if err != nil {
		return Conflict{}, err
	}
	if c.ServerVersion == "" {
		return Conflict{}, fmt.Errorf("record %s: the server's version was not read when the conflict was found; run digicheck push --conflicts to read it, then settle it", id)
	}
	c.SendOn = c.ServerVersion
	return c, s.MarkConflict(server, c)
}

// MarkConflict records that the server refused c.Record as a conflict.
// Marking it again replaces what is known of the server's version.
func (s *Store) MarkConflict(server string, c Conflict) error {
	if c.Record.IsZero() || c.Assessment.IsZero() {
		return &Error{ErrInvalidRecord, "cannot mark a conflict without its record and assessment", nil}
	}
	if c.At.IsZero() {
		c.At = time.Now().UTC()
	}
	if !c.Refused.IsZero() {
		// Kept under the version the server refused, as found.
		c.Record, c.What = c.Refused, c.RefusedWhat
		c.Refused, c.RefusedWhat = record.ID{}, ""
	}
	val, err := json.Marshal(c)
	if err != nil {
		return err
	}
	return s.update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketRecords).Get(recordKey(c.Record)) == nil {
			return &Error{ErrNotFound, fmt.Sprintf("cannot mark record %s a conflict: it is not in this store", c.Record), nil}
		}
		b, err := pushBucket(tx, server, bucketPushConflicts)
		if err != nil {
			return err
		}
		if c.NotTakenIn {
			// Found again on reading the server: one a push found, on
			// the same server version, is the same conflict, said as
			// it was found.
			var old Conflict
			if raw := b.Get(recordKey(c.Record)); raw != nil && json.Unmarshal(raw, &old) == nil &&
				!old.NotTakenIn && old.ServerVersion == c.ServerVersion {
				return nil
			}
		}
		return b.Put(recordKey(c.Record), val)
	})
}

// Conflicts returns the versions the server refused as conflicts, by
// record id, leaving out any it has since accepted.
func (s *Store) Conflicts(server string) (map[record.ID]Conflict, error) {
	out := map[record.ID]Conflict{}
	err := s.view(func(tx *bolt.Tx) error {
		b := pushRead(tx, server, bucketPushConflicts)
		if b == nil {
			return nil
		}
		done := pushRead(tx, server, bucketPushVersions)
		aside, voidHeld := pushRead(tx, server, bucketPushSetAside), pushRead(tx, server, bucketPushVoidHeld)
		return b.ForEach(func(k, v []byte) error {
			if aside != nil && aside.Get(k) != nil {
				return nil // settled by keeping the server's version
			}
			if voidHeld != nil && voidHeld.Get(k) != nil {
				return nil // settled by keeping the server's void
			}
			var c Conflict
			if err := json.Unmarshal(v, &c); err != nil {
				return damaged(s.path, "push conflicts unreadable", err)
			}
			if done != nil {
				if raw := done.Get(k); raw != nil {
					// Accepted since: settled. One found on reading
					// the server after its record was accepted stands
					// until the server's newer state is taken in.
					var pv pushedValue
					if !c.NotTakenIn || json.Unmarshal(raw, &pv) != nil || pv.At.After(c.At) {
						return nil
					}
				}
			}
			// The version in conflict is the line of versions made on
			// the one refused: this machine's current version of it
			// is what it holds (found with a void of an amendment in
			// conflict, the amendment shown as this machine's).
			chains := s.chains(tx)
			if cur, err := chains.current(c.Record.String()); err == nil && cur != c.Record.String() {
				if r, ok, err := chains.get(cur); err == nil && ok {
					if done != nil && done.Get(recordKey(r.ID)) != nil {
						// The server holds this machine's current
						// version (taken in from it, or kept there):
						// nothing of the line is left in conflict.
						return nil
					}
					if voidHeld != nil && voidHeld.Get(recordKey(r.ID)) != nil {
						return nil // settled by keeping the server's void
					}
					c.Refused, c.RefusedWhat = c.Record, c.What
					c.Record, c.What = r.ID, VersionKind(r, c.Assessment)
				}
			}
			if by, ok := chains.madeElsewhere(recordKey(c.Record)); ok {
				c.MadeBy = by
			}
			if by, ok := chains.madeElsewhere(recordKey(c.Refused)); ok && !c.Refused.IsZero() {
				c.RefusedBy = by
			}
			out[c.Record] = c
			return nil
		})
	})
	return out, err
}

// SyntheticData reports whether the store holds synthetic test data (made
// by digicheck synthetic; the first record saved decides, and the store
// then takes no other kind). Such a store must not be pushed to a trust's
// server, where its made-up patients would be counted with real ones.
func (s *Store) SyntheticData() (bool, error) {
	var syn bool
	err := s.view(func(tx *bolt.Tx) error {
		if mb := tx.Bucket(bucketFactMeta); mb != nil {
			syn = bytes.Equal(mb.Get(keyData), dataSynthetic)
		}
		return nil
	})
	return syn, err
}

// KeepServer settles the conflict of record id with the server by keeping
// the server's version: theirs, the record the server holds as its
// version serverVersion of the assessment. Nothing here is lost: the
// server's version is saved, under its own record id (as a copy read from
// server), on this machine's current version of the assessment, carrying
// its answers, or its void, and who made it, and saying in its reason
// which server version it keeps, so history shows this machine's versions
// superseded by it, and a version made here next rests on an id every
// machine reading the server knows. (Only when this store has that id
// already is a new one made; when theirs is record id itself, it is only
// marked accepted as serverVersion, and returned.) The new version is noted as
// the server's serverVersion (the server holds it already: it is not sent
// again, and the next amendment goes on that version), and this machine's
// versions the server never accepted are set aside: kept, never sent. It
// returns the version saved.
func (s *Store) KeepServer(server string, id record.ID, theirs record.Record, serverVersion string) (record.Record, error) {
	return s.KeepServerLine(server, id, nil, theirs, serverVersion)
}

// KeepServerLine is KeepServer where the server holds versions of the
// assessment between the last this store shares with it and theirs, its
// current one: between, oldest first, as the server holds them. They are
// taken in with theirs, so the line here is the server's.
func (s *Store) KeepServerLine(server string, id record.ID, between []record.Record, theirs record.Record, serverVersion string) (record.Record, error) {
	c, err := s.conflictFor(server, id)
	if err != nil {
		return record.Record{}, err
	}
	if serverVersion == "" || theirs.ID.IsZero() {
		return record.Record{}, &Error{ErrInvalidRecord, "cannot keep the server's version without its record and version", nil}
	}
	if aside, err := s.SetAsideLines(); err != nil {
		return record.Record{}, err
	} else if aside[uuid.UUID(theirs.ID)] && theirs.ID != c.Refused {
		// The server holds as current a version of this machine's that
		// was set aside when a conflict with another server was settled
		// (sent here before that conflict was found). This store keeps
		// one line of versions per assessment, the one settled first:
		// keeping it would undo that settle here. Taken in, it failed
		// ("already in this store"), or was said settled with nothing
		// changed, and the same conflict came back on every push.
		return record.Record{}, fmt.Errorf("record %s: %w", theirs.ID, ErrSetAsideHere)
	}
	if theirs.ID == c.Refused {
		// The version refused, kept there since by another machine:
		// accepted as there, and the versions made on it here go on it.
		mr, err := s.Get(c.Refused)
		if err != nil {
			return record.Record{}, err
		}
		return mr, s.MarkPushed(server, []Pushed{{Record: c.Refused, Assessment: c.Assessment, Version: serverVersion}})
	}
	if held, err := s.Get(theirs.ID); err == nil && (theirs.ID != c.Record || !c.Refused.IsZero()) {
		// The server's version is a record this store holds already in
		// this line of versions (taken in from another server when a
		// conflict with it was settled, say): kept as it is, under its
		// own id. Saved again under a new one, it rested the next
		// version on a record no server had.
		mine, err := s.Versions(c.Record)
		if err != nil {
			return record.Record{}, err
		}
		if at := slices.IndexFunc(mine, func(r record.Record) bool { return r.ID == theirs.ID }); at >= 0 {
			if held.Amends == theirs.Amends {
				// Its line here is the server's: accepted as there.
				return held, s.MarkPushed(server, []Pushed{{Record: held.ID, Assessment: c.Assessment, Version: serverVersion}})
			}
			// Here it rests on other versions than on the server: the
			// versions before it the server never accepted are set
			// aside, and it is noted as the server's, as that server
			// holds it; versions made on it here go on it.
			return held, s.settled(server, c, mine[:at], held.ID, serverVersion, &theirs)
		}
		if aside, err := s.SetAsideLines(); err != nil {
			return record.Record{}, err
		} else if aside[uuid.UUID(c.Record)] && held.Amends == theirs.Amends {
			// Taken in as the server holds it when a conflict with
			// another server was settled, this machine's versions
			// set off the line then: settled here the same way.
			return held, s.settled(server, c, mine, held.ID, serverVersion, &theirs)
		}
	} else if err != nil && !errors.Is(err, ErrNotFound) {
		return record.Record{}, err
	}
	if theirs.ID == c.Record {
		// The server's version is this very one of this machine's,
		// kept there since by another machine that settled the
		// conflict: keeping it is accepting it as there. Saved again
		// under a new id, it rested the next amendment on a record no
		// server had, and forked the servers.
		mr, err := s.Get(c.Record)
		if err != nil {
			return record.Record{}, err
		}
		return mr, s.MarkPushed(server, []Pushed{{Record: c.Record, Assessment: c.Assessment, Version: serverVersion}})
	}
	mine, err := s.Versions(c.Record)
	if err != nil {
		return record.Record{}, err
	}
	cur := mine[len(mine)-1]
	if theirs.Patient != cur.Patient {
		return record.Record{}, &Error{ErrWrongPatient, fmt.Sprintf("the server's version %s is of patient %s, not %s", serverVersion, theirs.Patient, cur.Patient), nil}
	}
	if line := append(slices.Clone(between), theirs); baseIn(mine, line[0]) >= 0 {
		// The server's version amends one this store holds (after
		// the versions between, when there are): taken in as the
		// server holds it, on that version, so it is the same record
		// here, there and on every machine that reads it; this
		// machine's versions after that one are set off the line.
		base := baseIn(mine, line[0])
		if err := s.saveSettled(line, server, idsOf(mine[base+1:])); err != nil {
			return record.Record{}, err
		}
		r := line[len(line)-1]
		return r, s.settled(server, c, mine, r.ID, serverVersion, &theirs)
	}
	// Read on every machine, and put in brackets by refusals that quote
	// it: it says whose by name and record, never "this machine's", and
	// adds no brackets of its own (see keptReason).
	kept := fmt.Sprintf("kept the FHIR server's version %s of this assessment, record %s of %s by %s, over record %s when a conflict was settled", serverVersion, theirs.ID, theirs.Time.UTC().Format("2006-01-02 15:04 MST"), unnamed(theirs.Clinician), cur.ID)
	// The server's version is kept under its own id, so a version made
	// here after it (an amendment, a void) amends an id every machine
	// reading the server knows and takes in; under a new id of this
	// machine's, the next version rested on a record no other machine
	// had ("record ... does not exist"). Here it rests on this machine's
	// current version, the line of versions the store holds. Only when
	// the store has that id already (the server's version is one of this
	// machine's) is a new one made.
	adopt := true
	if _, err := s.Get(theirs.ID); err == nil {
		adopt = false
	} else if !errors.Is(err, ErrNotFound) {
		return record.Record{}, err
	}
	if adopt && !theirs.Amends.IsZero() && theirs.Amends != cur.ID {
		// Under the server's id it would rest on this machine's
		// current version, its reason rewritten, where the server's
		// rests on a version this store lacks: one record id with
		// other content here than on the server and the machine that
		// made it, so that exports disagreed on which was true. One
		// id holds one content everywhere: refused, with nothing
		// changed, until the versions between are read too
		// (KeepServerLine's between), when it is taken in as the
		// server holds it.
		return record.Record{}, fmt.Errorf("record %s: %w: the server's version %s (record %s by %s) amends record %s, which this store does not hold, and the versions between were not read from the server. Nothing was changed; try again when the server can be read", id, ErrLineNotHeld, serverVersion, theirs.ID, unnamed(theirs.Clinician), theirs.Amends)
	}
	r := theirs
	r.Amends, r.FollowsUp = cur.ID, cur.FollowsUp
	if !adopt {
		r.ID, r.Time = record.ID{}, time.Time{}
	}
	if theirs.Status == record.EnteredInError {
		r.VoidReason = keptReason(theirs.VoidReason, kept)
	} else {
		r.Status = record.Amended
		r.AmendReason = kept
		if theirs.AmendReason != "" {
			r.AmendReason += "; its reason: " + theirs.AmendReason
		}
	}
	if adopt {
		err = s.SaveCopy(&r, server)
	} else {
		err = s.Save(&r)
	}
	if err != nil {
		return record.Record{}, err
	}
	var orig *record.Record
	if adopt {
		orig = &theirs
	}
	return r, s.settled(server, c, mine, r.ID, serverVersion, orig)
}

// ErrLineNotHeld is returned, wrapped, by KeepServerLine when the
// server's version rests on versions of the assessment this store does not
// hold and was not given: kept without them, the server's record id would
// hold other content here than on the server.
var ErrLineNotHeld = errors.New("the server's version rests on versions of the assessment this store does not hold")

// SetAside reports whether record id was set aside for the server by
// KeepServer: superseded by the server's version, and never sent to it.
func (s *Store) SetAside(server string, id record.ID) (bool, error) {
	var ok bool
	err := s.view(func(tx *bolt.Tx) error {
		ok = pushGet(tx, server, bucketPushSetAside, recordKey(id)) != nil
		return nil
	})
	return ok, err
}

// undoing holds the ids of versions KeepMineLine saves over a void, for the
// moment of their save: link lets them amend a record entered in error,
// which nothing else made here may.
var undoing sync.Map

func undoingVoid(id record.ID) bool { _, ok := undoing.Load(id); return ok }

// ErrUndoesVoid is returned, wrapped, by KeepMineLine when the server's
// version is a void and undoing it was not asked for.
var ErrUndoesVoid = errors.New("keeping this machine's version would undo a void made on another machine")

// KeepMineLine settles the conflict of record id with the server by
// keeping this machine's version over the server's: theirs, the record the
// server holds as its version serverVersion of the assessment. The server's
// version is first taken in, under its own id, on this machine's current
// version (as KeepServer does); then this machine's current version is
// saved again, under a new id, on it, saying in its reason what it keeps
// over what. That new version rests on the server's current one, so the
// next push sends it with If-Match on serverVersion, and every machine
// reading the server takes it in as the next in the line of versions it
// has (sent as it was, resting on a version of this machine's the server
// never had, no other machine could). This machine's versions the server
// never accepted are set aside, kept and never sent. Keeping a version
// over a void undoes the void: the assessment counts again on every
// machine, so it is done only with undoVoid, and the new version's reason
// says so; without it, KeepMineLine fails with ErrUndoesVoid. It returns
// the version to send, and ErrExists when the server's version is one this
// store holds already (nothing is changed: settle it with
// SettleConflict). Where the server holds versions of the assessment
// between the last this store shares with it and theirs, its current one,
// they are between, oldest first, as the server holds them (see
// KeepServerLine); between is nil where it holds none.
func (s *Store) KeepMineLine(server string, id record.ID, between []record.Record, theirs record.Record, serverVersion string, undoVoid bool) (record.Record, error) {
	c, err := s.conflictFor(server, id)
	if err != nil {
		return record.Record{}, err
	}
	if serverVersion == "" || theirs.ID.IsZero() {
		return record.Record{}, &Error{ErrInvalidRecord, "cannot keep this machine's version without the server's record and version", nil}
	}
	if theirs.Status == record.EnteredInError && !undoVoid {
		// Over a void, this machine's void undoes nothing: the
		// assessment stays entered in error (found refused on a second
		// server holding this machine's own void, sent there before
		// the void was kept over another machine's amendment on the
		// first).
		if now, err := s.Current(c.Record); err != nil {
			return record.Record{}, err
		} else if now.Status != record.EnteredInError {
			return record.Record{}, fmt.Errorf("record %s: %w (record %s, entered in error: %s)", id, ErrUndoesVoid, theirs.ID, theirs.VoidReason)
		}
	}
	if _, err := s.Get(theirs.ID); err == nil {
		return record.Record{}, &Error{ErrExists, fmt.Sprintf("the server's version %s is record %s, which this store holds already", serverVersion, theirs.ID), nil}
	} else if !errors.Is(err, ErrNotFound) {
		return record.Record{}, err
	}
	mine, err := s.Versions(c.Record)
	if err != nil {
		return record.Record{}, err
	}
	cur := mine[len(mine)-1]
	if theirs.Patient != cur.Patient {
		return record.Record{}, &Error{ErrWrongPatient, fmt.Sprintf("the server's version %s is of patient %s, not %s", serverVersion, theirs.Patient, cur.Patient), nil}
	}
	t := theirs
	if line := append(slices.Clone(between), theirs); baseIn(mine, line[0]) >= 0 {
		// Taken in as the server holds it, on the version it amends
		// there (see KeepServerLine); this machine's versions after
		// that one are set off the line, and its current version is
		// saved again on the server's.
		base := baseIn(mine, line[0])
		if err := s.saveSettled(line, server, idsOf(mine[base+1:])); err != nil {
			return record.Record{}, err
		}
		t = line[len(line)-1]
	} else {
		took := fmt.Sprintf("the FHIR server's version %s of this assessment, record %s of %s by %s, taken in when a conflict was settled, before record %s was kept over it", serverVersion, theirs.ID, theirs.Time.UTC().Format("2006-01-02 15:04 MST"), unnamed(theirs.Clinician), cur.ID)
		t.Amends, t.FollowsUp = cur.ID, cur.FollowsUp
		if theirs.Status == record.EnteredInError {
			t.VoidReason = keptReason(theirs.VoidReason, took)
		} else {
			t.Status = record.Amended
			t.AmendReason = took
			if theirs.AmendReason != "" {
				t.AmendReason += "; its reason: " + theirs.AmendReason
			}
		}
		if err := s.SaveCopy(&t, server); err != nil {
			return record.Record{}, err
		}
	}
	if err := s.settled(server, c, mine, t.ID, serverVersion, &theirs); err != nil {
		return record.Record{}, err
	}
	// Stored, and read on every machine: whose by name and record, not
	// "this machine's", and no brackets (stored as "wrong patient (kept
	// this machine's version (record ...) over ... (record ... by ...))",
	// a refusal quoting it put it three deep).
	kept := fmt.Sprintf("saved again from record %s and kept over the FHIR server's version %s, record %s by %s, when a conflict was settled", cur.ID, serverVersion, theirs.ID, unnamed(theirs.Clinician))
	if theirs.Status == record.EnteredInError && cur.Status != record.EnteredInError {
		kept += ", undoing that void, made because: " + theirs.VoidReason
	}
	r := cur
	r.Amends, r.FollowsUp = t.ID, cur.FollowsUp
	r.ID, err = record.NewID()
	if err != nil {
		return record.Record{}, err
	}
	r.Time = time.Time{}
	if cur.Status == record.EnteredInError {
		r.VoidReason = keptReason(cur.VoidReason, kept)
	} else {
		r.Status = record.Amended
		r.AmendReason = kept
		if cur.AmendReason != "" {
			r.AmendReason += "; its reason: " + cur.AmendReason
		}
	}
	undoing.Store(r.ID, true)
	defer undoing.Delete(r.ID)
	if err := s.Save(&r); err != nil {
		return record.Record{}, err
	}
	return r, nil
}

// rebasedOn returns the keys of the versions taken in here from the
// server (under push key sk) when a conflict with it was settled: those
// marked so, and, in a store settled by a digicheck before the marks,
// every copy read from that server that it is noted as holding (a copy is
// never sent back to its server, so only settling notes one so).
func rebasedOn(tx *bolt.Tx, sk []byte) map[string]bool {
	out := map[string]bool{}
	p := tx.Bucket(bucketPush)
	if p == nil {
		return out
	}
	b := p.Bucket(sk)
	if b == nil {
		return out
	}
	if rb := b.Bucket(bucketPushRebased); rb != nil {
		rb.ForEach(func(k, _ []byte) error { out[string(k)] = true; return nil })
	}
	done, copies := b.Bucket(bucketPushVersions), tx.Bucket(bucketCopies)
	if done != nil && copies != nil {
		copies.ForEach(func(k, src []byte) error {
			if bytes.Equal(pushKey(string(src)), sk) && done.Get(k) != nil {
				out[string(k)] = true
			}
			return nil
		})
	}
	return out
}

// Untaken is a version taken in from a server when a conflict with it was
// settled, by a digicheck that did not keep the server's version as the
// server holds it: until it is read again (TakeIn), the line is not sent
// to any other server.
type Untaken struct {
	Record     record.ID // the version, the server's record id
	Assessment record.ID // the id it is held under on the server
	Version    string    // the server's version id of it
}

// Untaken returns the versions taken in from server on settling a
// conflict whose server's version, as the server holds it, this store
// does not keep.
func (s *Store) Untaken(server string) ([]Untaken, error) {
	var out []Untaken
	err := s.view(func(tx *bolt.Tx) error {
		sk := pushKey(server)
		for k := range rebasedOn(tx, sk) {
			if pushGet(tx, server, bucketPushTaken, []byte(k)) != nil {
				continue
			}
			raw := pushGet(tx, server, bucketPushVersions, []byte(k))
			var pv pushedValue
			if raw == nil || json.Unmarshal(raw, &pv) != nil {
				continue
			}
			id, err := record.ParseID(k)
			if err != nil {
				continue
			}
			out = append(out, Untaken{Record: id, Assessment: pv.Assessment, Version: pv.Version})
		}
		return nil
	})
	slices.SortFunc(out, func(a, b Untaken) int { return bytes.Compare(a.Record[:], b.Record[:]) })
	return out, err
}

// TakeIn keeps theirs, read from server as its version of an Untaken
// record, so the line can be sent to other servers as that server holds
// it. It refuses a record that is not one of Untaken.
func (s *Store) TakeIn(server string, theirs record.Record) error {
	raw, err := json.Marshal(theirs)
	if err != nil {
		return err
	}
	return s.update(func(tx *bolt.Tx) error {
		k := recordKey(theirs.ID)
		if !rebasedOn(tx, pushKey(server))[string(k)] {
			return &Error{ErrNotFound, fmt.Sprintf("record %s was not taken in from %s on settling a conflict", theirs.ID, server), nil}
		}
		b, err := pushBucket(tx, server, bucketPushTaken)
		if err != nil {
			return err
		}
		return b.Put(k, raw)
	})
}

// settled records a conflict settled with server: the versions of this
// machine's (mine) the server does not hold are set aside, never to be
// sent to any server; kept, the version now current here, is recorded as
// the server's version serverVersion and as taken in on a line of this
// machine's (rebased); and the conflict is gone.
//
// theirs, when kept is the server's version taken in under its own id, is
// that version as the server holds it: kept so another server can be sent
// the same line of versions (see bucketPushTaken).
func (s *Store) settled(server string, c Conflict, mine []record.Record, kept record.ID, serverVersion string, theirs *record.Record) error {
	now := time.Now().UTC()
	return s.update(func(tx *bolt.Tx) error {
		done, err := pushBucket(tx, server, bucketPushVersions)
		if err != nil {
			return err
		}
		aside, err := pushBucket(tx, server, bucketPushSetAside)
		if err != nil {
			return err
		}
		for _, v := range mine {
			if done.Get(recordKey(v.ID)) != nil {
				continue
			}
			if readFrom(tx, recordKey(v.ID), pushKey(server)) {
				continue // read from the server: it holds it
			}
			if err := aside.Put(recordKey(v.ID), []byte(serverVersion)); err != nil {
				return err
			}
		}
		val, err := json.Marshal(pushedValue{Assessment: c.Assessment, Version: serverVersion, At: now})
		if err != nil {
			return err
		}
		if err := done.Put(recordKey(kept), val); err != nil {
			return err
		}
		rb, err := pushBucket(tx, server, bucketPushRebased)
		if err != nil {
			return err
		}
		if err := rb.Put(recordKey(kept), []byte(serverVersion)); err != nil {
			return err
		}
		if theirs != nil && theirs.ID == kept {
			raw, err := json.Marshal(theirs)
			if err != nil {
				return err
			}
			tk, err := pushBucket(tx, server, bucketPushTaken)
			if err != nil {
				return err
			}
			if err := tk.Put(recordKey(kept), raw); err != nil {
				return err
			}
		}
		return dropConflict(tx, server, c)
	})
}

// baseIn is where, in mine (a line of versions, first first), the
// version theirs amends is: the last version the server and this store
// share, on which the server's version is taken in as it is. It is -1
// when theirs amends none of them (the server holds versions between
// that this store lacks): then it is taken in on this machine's current
// version, as a digicheck before did.
func baseIn(mine []record.Record, theirs record.Record) int {
	if theirs.Amends.IsZero() || theirs.FollowsUp != mine[0].FollowsUp {
		return -1
	}
	return slices.IndexFunc(mine, func(r record.Record) bool { return r.ID == theirs.Amends })
}

func idsOf(rs []record.Record) []record.ID {
	out := make([]record.ID, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// keptReason is a void's reason, why, with what settling a conflict did
// to it, said after it: "wrong patient; saved again from record ...".
func keptReason(why, did string) string {
	if strings.TrimSpace(why) == "" {
		return did
	}
	return why + "; " + did
}

// unnamed is a clinician's name as a reason stored names it.
func unnamed(clinician string) string {
	if strings.TrimSpace(clinician) == "" {
		return "no one named"
	}
	return clinician
}
