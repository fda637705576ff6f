// Package remote reads assessments back from the trust's FHIR server into
// a local store: a patient's assessments for a follow-up or a history on a
// machine that has none of them, and every assessment for a trust-wide
// summary or export, into a cache store kept up to date incrementally.
//
// A pushed QuestionnaireResponse carries the record whole
// (fhir.RecordIn): the version as saved, with its own id, consents and
// outcomes. Reading it back gives the record exactly, so a copy kept
// locally is checked, verified and counted as the record made on the other
// machine is. Earlier versions of an amended or voided assessment are read
// from the resource's history, so the copy has every version, and the
// store's rules (versions, the latest assessment, what a follow-up
// follows) hold for copies as for records made here. Each copy is saved
// with store.SaveCopy, which keeps where it came from.
package remote

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"digicheck/fhir"
	"digicheck/fhirclient"
	"digicheck/record"
	"digicheck/store"
)

// Server is what this package reads from: a fhirclient.Client.
type Server interface {
	Base() string
	Search(ctx context.Context, typ string, q url.Values, fn func(fhirclient.Resource) error) error
	History(ctx context.Context, typ, id string) ([]fhirclient.Resource, error)
	ResponsesSince(ctx context.Context, since time.Time, pageSize int, fn func(fhirclient.Resource) error) (time.Time, error)
}

var _ Server = (*fhirclient.Client)(nil)

// ErrNoRecord is a response on the server that does not carry the record
// (made by something other than digicheck's push): it is named and left
// out, never guessed from its answers.
var ErrNoRecord = errors.New("the response does not carry a digicheck record")

// ErrNoLocalSystem is why a local number is not looked up on the server:
// the site config sets no local_number_system, and a local number means
// nothing without its system.
var ErrNoLocalSystem = errors.New("a local number names a patient only within its organisation's identifier system, and the site config sets none (local_number_system), so the FHIR server is not searched by local number: another organisation's patient of the same number would be taken for this one. Set local_number_system in the site config to the trust's system of local numbers (the one its other machines use) to read local numbers from the server")

// Copy is one version read from the server.
type Copy struct {
	Record record.Record
	// Assessment is the server resource's id: the id of the assessment's
	// first version.
	Assessment record.ID
	// ServerVersion is the server's versionId of the resource version
	// that holds this record.
	ServerVersion string
	// Current is set on the copy the server holds as its resource's
	// current version.
	Current bool
	// system is the identifier system of the resource version's subject.
	system string
	// baseAside is set on a follow-up whose earlier version the server
	// holds in that assessment's history, off its line (set aside when a
	// conflict was settled): not a version the server lost.
	baseAside bool
	// baseUnread is why the histories that would say whether the
	// follow-up's earlier version was set aside or lost there could not
	// be read (a timeout, a 5xx, a 429, a dropped connection): not
	// known, so not said as the server's loss.
	baseUnread error
}

// Skipped is a response read but not kept, and why.
type Skipped struct {
	Resource string // QuestionnaireResponse/id
	Err      error
	// Record is the record a store refused (Import), or one read and
	// not taken in (ContradictsError) that the store does not hold, or
	// zero.
	Record record.ID
}

// Patient reads every version of the patient's assessments from the
// server: the current versions found by the patient's identifier (the NHS
// number, or the local number in localSystem), and the earlier versions of
// amended or voided ones from their history. A local number is not looked
// up when localSystem is "" (ErrNoLocalSystem): searched in any system, it
// found another organisation's patient of the same number. Responses
// whose subject is not the identifier searched for, in its system, are
// left out, whatever the server answered (one that searches by the value
// alone); ones that carry no record are returned in skipped. The copies
// are in the order they were made.
func Patient(ctx context.Context, s Server, p record.PatientID, localSystem string) (copies []Copy, skipped []Skipped, err error) {
	var system string
	switch p.Kind {
	case record.NHSNumber:
		system = fhir.NHSNumberSystem
	case record.LocalID:
		if localSystem == "" {
			return nil, nil, ErrNoLocalSystem
		}
		system = localSystem
	default:
		return nil, nil, fmt.Errorf("patient identifier of kind %q", p.Kind)
	}
	q := url.Values{}
	q.Set("subject:identifier", system+"|"+p.Value)
	var current []fhirclient.Resource
	if err := s.Search(ctx, "QuestionnaireResponse", q, func(r fhirclient.Resource) error {
		if subjectSystem(r) == system {
			current = append(current, r)
		}
		return nil
	}); err != nil {
		return nil, nil, err
	}
	copies, skipped, err = versions(ctx, s, current, func(record.ID) bool { return false }, nil)
	if err != nil {
		return nil, nil, err
	}
	mine := copies[:0]
	for _, c := range copies {
		if c.Record.Patient == p && c.system == system {
			mine = append(mine, c)
		}
	}
	return mine, skipped, nil
}

// subjectSystem is the identifier system of the response's subject, ""
// when it has none (or res is no response).
func subjectSystem(res fhirclient.Resource) string {
	var qr struct {
		Subject struct {
			Identifier struct {
				System string `json:"system"`
			} `json:"identifier"`
		} `json:"subject"`
	}
	if json.Unmarshal(res.JSON, &qr) != nil {
		return ""
	}
	return qr.Subject.Identifier.System
}

// versions turns current resource versions into copies of every version
// of their assessments that have is false for, reading the history of
// those whose earlier versions are wanted too. A current version that have
// is true for is given to kept, if not nil, and left out with the error
// it returns, if any (changed: the copy read before differs).
func versions(ctx context.Context, s Server, current []fhirclient.Resource, have func(record.ID) bool, kept func(Copy) error) ([]Copy, []Skipped, error) {
	var out []Copy
	var skipped []Skipped
	// read holds every version seen in a history read here, on its
	// assessment's line or not.
	read := map[string]map[record.ID]bool{}
	for _, res := range current {
		c, err := copyOf(res)
		if err != nil {
			skipped = append(skipped, notCopied(res.Type+"/"+res.ID, err, have))
			continue
		}
		c.Current = true
		if have(c.Record.ID) {
			if kept != nil {
				if err := kept(c); err != nil {
					// No Record: the copy read before is held, and
					// counted.
					skipped = append(skipped, Skipped{Resource: res.Type + "/" + res.ID, Err: err})
				}
			}
			continue
		}
		if c.Record.Amends.IsZero() || have(c.Record.Amends) {
			out = append(out, c)
			continue
		}
		hist, err := s.History(ctx, res.Type, res.ID)
		if err != nil {
			return nil, nil, err
		}
		var line []Copy
		read[res.ID] = map[record.ID]bool{}
		for _, h := range hist {
			hc, err := copyOf(h)
			if err != nil {
				skipped = append(skipped, notCopied(h.Type+"/"+h.ID+"/_history/"+h.VersionID, err, have))
				continue
			}
			if hc.Record.ID == c.Record.ID {
				hc.Current = true
			}
			read[res.ID][hc.Record.ID] = true
			line = append(line, hc)
		}
		// Only the current version's own line: a version another
		// machine settled a conflict over (sent before keep-mine saved
		// the kept version again on the server's) stays in the history
		// beside it, superseded there, and is no version of the
		// assessment as the server holds it. Taken in, it made a fresh
		// machine's history forked, and a cache count the older branch.
		byID := map[record.ID]Copy{}
		for _, hc := range line {
			byID[hc.Record.ID] = hc
		}
		on := map[record.ID]bool{}
		whole := true
		for id := c.Record.ID; !id.IsZero() && !on[id]; id = byID[id].Record.Amends {
			if _, ok := byID[id]; !ok {
				whole = false // a version left out: the line is not known
				break
			}
			on[id] = true
		}
		for _, hc := range line {
			if whole && !on[hc.Record.ID] {
				continue
			}
			if !have(hc.Record.ID) {
				out = append(out, hc)
			}
		}
	}
	asideFollowUps(ctx, s, current, out, have, read)
	// The order they were made in (ids are UUIDv7), so saving them in turn
	// meets every version and follow-up rule as the first saves did. A
	// version read twice (current and in the history) is kept once.
	slices.SortFunc(out, func(a, b Copy) int { return cmp.Compare(a.Record.ID.String(), b.Record.ID.String()) })
	out = slices.CompactFunc(out, func(a, b Copy) bool { return a.Record.ID == b.Record.ID })
	return out, skipped, nil
}

// asideFollowUps marks each follow-up in out whose earlier version is
// neither in out nor had (so cannot be linked here) but is in the history
// of one of the server's responses, off its line: set aside there when a
// conflict was settled, not lost by the server. The histories not read
// already (read, by response id) are read of the current responses of
// the follow-up's patient alone, and only when such a follow-up is there.
func asideFollowUps(ctx context.Context, s Server, current []fhirclient.Resource, out []Copy, have func(record.ID) bool, read map[string]map[record.ID]bool) {
	in := map[record.ID]bool{}
	for _, c := range out {
		in[c.Record.ID] = true
	}
	unread := map[string]error{} // histories that could not be read, by response id
	for i := range out {
		r := out[i].Record
		if r.FollowsUp.IsZero() || !r.Amends.IsZero() || in[r.FollowsUp] || have(r.FollowsUp) {
			continue
		}
		for _, res := range current {
			if err, failed := unread[res.ID]; failed {
				if c, cerr := copyOf(res); cerr == nil && c.Record.Patient == r.Patient && out[i].baseUnread == nil {
					out[i].baseUnread = err
				}
				continue
			}
			if _, done := read[res.ID]; !done {
				c, err := copyOf(res)
				if err != nil || c.Record.Patient != r.Patient {
					continue
				}
				read[res.ID] = map[record.ID]bool{}
				hist, err := s.History(ctx, res.Type, res.ID)
				if err != nil {
					// Not known: said as a history that could not be
					// read now, never as a version the server lost
					// (SERVER SHORT was said of a busy server). Read
					// again by the next read.
					unread[res.ID] = err
					if out[i].baseUnread == nil {
						out[i].baseUnread = err
					}
					continue
				}
				for _, h := range hist {
					if hc, err := copyOf(h); err == nil {
						read[res.ID][hc.Record.ID] = true
					}
				}
			}
			if read[res.ID][r.FollowsUp] {
				out[i].baseAside, out[i].baseUnread = true, nil
				break
			}
		}
	}
}

// notCopied is resource, which copyOf refused for err, as left out. A
// record that contradicts its response's answers names the record: one
// held already (read before it was changed) is said to be kept and
// counted as read then, and one not held is absent, as a record a store
// refused is.
func notCopied(resource string, err error, have func(record.ID) bool) Skipped {
	s := Skipped{Resource: resource, Err: err}
	if ce := (*ContradictsError)(nil); errors.As(err, &ce) {
		if have(ce.Record) {
			ce.Held = true
		} else {
			s.Record = ce.Record
		}
	}
	return s
}

func copyOf(res fhirclient.Resource) (Copy, error) {
	r, ok, err := fhir.RecordIn(res.JSON)
	if err != nil {
		return Copy{}, err
	}
	if !ok {
		return Copy{}, ErrNoRecord
	}
	if err := agrees(r, res.JSON); err != nil {
		return Copy{}, err
	}
	assessment, err := record.ParseID(res.ID)
	if err != nil {
		return Copy{}, fmt.Errorf("the response's id %q is not an assessment id: %w", res.ID, err)
	}
	return Copy{Record: r, Assessment: assessment, ServerVersion: res.VersionID, system: subjectSystem(res)}, nil
}

// Import saves the copies the store lacks, in the order given (Patient's
// and Sync's: the order they were made), each as a copy read from source.
// A copy the store refuses (it does not verify, or breaks a rule against
// the records there) is returned in refused with why, and the rest are
// still saved; a copy already there is passed over. It returns the copies
// saved.
func Import(st *store.Store, source string, copies []Copy) (saved []Copy, refused []Skipped, err error) {
	if copies, err = passOver(st, copies); err != nil {
		return nil, nil, err
	}
	// In batches, one transaction each; a batch the store refuses is
	// saved a copy at a time below, to save the rest and name the one.
	const batch = 500
	var rest []Copy
	for i := 0; i < len(copies); i += batch {
		part := copies[i:min(i+batch, len(copies))]
		rs := make([]record.Record, len(part))
		for j := range part {
			rs[j] = part[j].Record
		}
		ids, err := st.SaveCopies(rs, source)
		if err == nil {
			// Those passed over were there already.
			done := map[record.ID]bool{}
			for _, id := range ids {
				done[id] = true
			}
			for _, c := range part {
				if done[c.Record.ID] {
					saved = append(saved, c)
				}
			}
			continue
		}
		if !refusal(err) {
			return saved, nil, err
		}
		rest = append(rest, part...)
	}
	if len(rest) == 0 {
		return saved, nil, nil
	}
	pending := rest
	// A copy can wait on one later in the list (versions made on two
	// machines whose clocks differ): each pass saves what it can, until
	// one saves nothing.
	for len(pending) > 0 {
		var next []Copy
		var why []Skipped
		for _, c := range pending {
			r := c.Record
			err := st.SaveCopy(&r, source)
			switch {
			case err == nil:
				saved = append(saved, c)
			case errors.Is(err, store.ErrExists):
			case refusal(err):
				next = append(next, c)
				why = append(why, Skipped{"record " + c.Record.ID.String(), err, c.Record.ID})
			default:
				return saved, nil, err
			}
		}
		if len(next) == len(pending) {
			return saved, unlinked(st, why, next), nil
		}
		pending = next
	}
	return saved, nil, nil
}

// SyncReport is what a Sync read and kept.
type SyncReport struct {
	Read    int // current response versions read from the server
	Saved   int // record versions saved in the cache
	Skipped []Skipped
	// Synthetic counts the synthetic test record versions read, kept
	// apart from the real ones (see Sync).
	Synthetic int
	// Since and Until are the server lastUpdated times the read covered:
	// from the cache's mark to the latest change read.
	Since, Until time.Time
	// OnServer is how many QuestionnaireResponses (assessments) the
	// server says it holds now, and Held how many assessments the caches
	// hold after the read; OnServer is -1 when the server gives no total.
	OnServer, Held int
	// AtMark are the responses (by id) whose change was read last, at
	// Until: the next read, from Until on, reads each of them again
	// (Missed), at that version or a later one, unless the server lost
	// the change.
	AtMark []string
	// read are the responses read, by id.
	read map[string]bool
}

// Missed reports whether the read left out any of the responses atMark,
// the AtMark of the read before, whose Until this read started from: a
// server holds each at the change then read or a later one, so a read
// from that time on reads it again. One left out is no longer there as
// it was: the server was restored from a backup made before that change,
// or the response removed. A server restored so loses every change made
// after the backup, the latest first, so this finds a lost amendment of
// an assessment as well as a lost assessment, where a count of
// assessments finds the second only.
func (r SyncReport) Missed(atMark []string) bool {
	for _, id := range atMark {
		if !r.read[id] {
			return true
		}
	}
	return false
}

// Lost reports whether the server holds fewer assessments than the
// caches took in from it: restored from an older backup, rebuilt at the
// same address, or records removed there. An incremental read (changes
// since the last) never sees a loss, and would count what the server no
// longer holds on every run; a first read takes in what it holds now.
func (r SyncReport) Lost() bool { return r.OnServer >= 0 && r.OnServer < r.Held }

// totaller is a Server that says how many resources of a type it holds (a
// fhirclient.Client).
type totaller interface {
	Total(ctx context.Context, typ string) (int, bool, error)
}

// assessmentsIn is how many assessments st holds: its versions less the
// amendments and voids, each of which replaces one of them.
func assessmentsIn(st *store.Store) (int, error) {
	ids, err := IDsIn(st)
	if err != nil {
		return 0, err
	}
	links, err := st.FactLinks()
	if err != nil {
		return 0, err
	}
	return len(ids) - len(links), nil
}

// LineChanged reports whether a version read was refused because the
// cache holds another version after the one it amends: the server's line
// of versions of an assessment is no longer the one the cache took in (a
// void or version put over an earlier one when a conflict was settled on
// another machine, so a version the cache holds is no version of it there
// now). An incremental read cannot take that in, and counts the old line
// on every run; a first read of the server takes in its line as it is.
func (r SyncReport) LineChanged() bool {
	for _, s := range r.Skipped {
		if errors.Is(s.Err, store.ErrSuperseded) || errors.Is(s.Err, store.ErrNotLatest) {
			return true
		}
	}
	return false
}

// Sync brings cache up to date with the server: every QuestionnaireResponse
// changed since the last Sync into this cache (all of them the first
// time), page by page, with the earlier versions of amended and voided
// assessments from their history. It moves the cache's read mark only when
// every response read was kept, so one left out is read again next time.
// The cache is a store of copies: summarise it with the stores and exports
// as any store.
//
// Synthetic test records (digicheck synthetic) on the server go into
// synthetic, a cache of their own, when it is given, and are otherwise left
// out and counted (SyncReport.Synthetic): a store holds one kind, and a
// cache made synthetic by the first record read left every real one out.
func Sync(ctx context.Context, s Server, cache *store.Store, pageSize int, synthetic ...*store.Store) (SyncReport, error) {
	var rep SyncReport
	since, err := cache.ReadMark(s.Base())
	if err != nil {
		return rep, err
	}
	var syn *store.Store
	if len(synthetic) > 0 {
		syn = synthetic[0]
		if m, err := syn.ReadMark(s.Base()); err != nil {
			return rep, err
		} else if m.Before(since) {
			since = m
		}
	}
	rep.Since = since
	var current []fhirclient.Resource
	until, err := s.ResponsesSince(ctx, since, pageSize, func(r fhirclient.Resource) error {
		current = append(current, r)
		return nil
	})
	if err != nil {
		return rep, err
	}
	rep.Read, rep.Until = len(current), until
	rep.read = make(map[string]bool, len(current))
	for _, r := range current {
		rep.read[r.ID] = true
		if !until.IsZero() && r.LastUpdated.Equal(until) {
			rep.AtMark = append(rep.AtMark, r.ID)
		}
	}
	slices.Sort(rep.AtMark)
	rep.AtMark = slices.Compact(rep.AtMark)
	have, err := IDsIn(cache, syn)
	if err != nil {
		return rep, err
	}
	copies, skipped, err := versions(ctx, s, current, func(id record.ID) bool { return have[id] }, func(c Copy) error {
		return unchanged(c, cache, syn)
	})
	if err != nil {
		return rep, err
	}
	var real, made []Copy
	for _, c := range copies {
		if c.Record.Synthetic {
			made = append(made, c)
		} else {
			real = append(real, c)
		}
	}
	saved, refused, err := Import(cache, s.Base(), real)
	rep.Saved, rep.Skipped = len(saved), append(skipped, refused...)
	if err != nil {
		return rep, err
	}
	rep.Synthetic = len(made)
	if syn != nil && len(made) > 0 {
		saved, refused, err := Import(syn, s.Base(), made)
		rep.Saved += len(saved)
		rep.Skipped = append(rep.Skipped, refused...)
		if err != nil {
			return rep, err
		}
	}
	if len(rep.Skipped) == 0 && !until.IsZero() {
		if err = cache.SetReadMark(s.Base(), until); err == nil && syn != nil {
			err = syn.SetReadMark(s.Base(), until)
		}
	}
	if err != nil {
		return rep, err
	}
	// What the server holds now, beside what the caches took in from it
	// (see Lost).
	rep.OnServer = -1
	if t, ok := s.(totaller); ok {
		n, given, err := t.Total(ctx, "QuestionnaireResponse")
		switch {
		case errors.Is(err, fhirclient.ErrRejected):
			given = false // a server that cannot count: not checked
		case err != nil:
			return rep, err
		}
		if given {
			rep.OnServer = n
		}
	}
	for _, st := range []*store.Store{cache, syn} {
		if st == nil {
			continue
		}
		n, err := assessmentsIn(st)
		if err != nil {
			return rep, err
		}
		rep.Held += n
	}
	return rep, nil
}

// IDsIn is every record id the stores hold, read from their facts (cheap);
// a nil store is passed over.
func IDsIn(stores ...*store.Store) (map[record.ID]bool, error) {
	out := map[record.ID]bool{}
	for _, st := range stores {
		if st == nil {
			continue
		}
		err := st.EachFactChunk(func(c store.FactChunk) error {
			for i := range c.Len() {
				id, _, err := c.At(i)
				if err != nil {
					return err
				}
				var rid record.ID
				copy(rid[:], id)
				out[rid] = true
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// refusal reports whether the store refused a copy for what it is (it does
// not verify, or breaks a rule against the records there), rather than
// failing to write.
func refusal(err error) bool {
	for _, e := range []error{store.ErrInvalidRecord, store.ErrNotFound, store.ErrSuperseded, store.ErrNotLatest,
		store.ErrVoided, store.ErrWrongPatient, store.ErrMixedData} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// ErrUnlinked is why a follow-up on the server is not kept: the version
// of the earlier assessment it follows up is not on the server's line of
// that assessment (set aside when a conflict was settled on the machine
// that made it, and sent to this server before), nor in the store, so it
// cannot be linked to the patient's earlier assessment here.
var ErrUnlinked = errors.New("a follow-up of a version of the earlier assessment that the FHIR server no longer holds as current")

// ErrBehind is why a later version of an assessment is not kept: an
// earlier version of it was not (said there, once).
var ErrBehind = errors.New("an earlier version of it was not kept")

// ErrBaseNotKept is why a follow-up read from the server is not kept: the
// earlier assessment it follows up was read with it and not kept here (for
// its own reason, said with it).
var ErrBaseNotKept = errors.New("it follows up an earlier assessment that is not kept here either")

// UnlinkedError is a follow-up not kept here, ErrUnlinked, said in words
// a clinician and IT can act on.
type UnlinkedError struct {
	Record    record.Record // the follow-up
	FollowsUp record.ID     // the version it follows up
	// SetAside is set when the server holds that version in the earlier
	// assessment's history, off its line (set aside when a conflict was
	// settled on the machine that made the follow-up): the follow-up
	// rests on a version that is no longer the assessment's, and is to be
	// voided and made again. Unset, the server does not hold that version
	// at all (it lost it, restored from an older backup or emptied, or
	// was never sent it): the follow-up is genuine, and the machines that
	// hold the earlier versions send them again.
	SetAside bool
	// Unread, when not nil, is why the server's history that would say
	// whether it holds that version could not be read now (a timeout, a
	// 5xx, a 429, a dropped connection): not known, and said as such,
	// never as the server's loss.
	Unread error
}

func (e *UnlinkedError) Error() string {
	if w := HistoryRefused(e.Unread); !e.SetAside && w != "" {
		return fmt.Sprintf("the FHIR server holds a follow-up of patient %s (record %s, made by %s on %s) of a version of the earlier assessment (record %s) other than the one it holds as current, and refuses the history of the patient's assessments that says where that version is (it answered %s): the follow-up is not shown or counted while it refuses it, however often this is run. Nothing is known to be lost; tell IT that digicheck reads a QuestionnaireResponse's _history from this server",
			e.Record.Patient, e.Record.ID.String()[:13], orNobody(e.Record.Clinician), e.Record.Time.Local().Format("2 Jan 2006"), e.FollowsUp.String()[:13], w)
	}
	if !e.SetAside && e.Unread != nil {
		return fmt.Sprintf("the FHIR server holds a follow-up of patient %s (record %s, made by %s on %s) of a version of the earlier assessment (record %s) other than the one it holds as current, and its history of the patient's assessments, which says where that version is, could not be read now (%v): the follow-up is not shown or counted this time. Nothing is known to be lost; try again when the server answers",
			e.Record.Patient, e.Record.ID.String()[:13], orNobody(e.Record.Clinician), e.Record.Time.Local().Format("2 Jan 2006"), e.FollowsUp.String()[:13], e.Unread)
	}
	if !e.SetAside {
		return fmt.Sprintf("the FHIR server holds a follow-up of patient %s (record %s, made by %s on %s) of a version of the earlier assessment (record %s) that the server does not hold (SERVER SHORT: it lost versions, restored from an older backup or emptied, or was never sent that one): it cannot be linked to the patient's earlier assessment here, so it is not shown or counted until the server holds that version again. The follow-up itself is not in question. The machines that made and changed the patient's earlier assessment should run digicheck push --check-server (docs/fhir-server.md, \"A server that lost records\")",
			e.Record.Patient, e.Record.ID.String()[:13], orNobody(e.Record.Clinician), e.Record.Time.Local().Format("2 Jan 2006"), e.FollowsUp.String()[:13])
	}
	return fmt.Sprintf("the FHIR server holds a follow-up of patient %s (record %s, made by %s on %s) that follows up a version of the earlier assessment (record %s) that the server no longer holds as current: it cannot be linked to the patient's earlier assessment here, so it is not shown or counted. Nothing here is wrong. The machine that made it should mark it entered in error (digicheck void %s) and follow the patient up again",
		e.Record.Patient, e.Record.ID.String()[:13], orNobody(e.Record.Clinician), e.Record.Time.Local().Format("2 Jan 2006"), e.FollowsUp.String()[:13], e.Record.ID.String()[:13])
}

// HistoryRefused is the status a FHIR server refused a history with
// outright (a 4xx other than a timeout or too many requests: 403, 404,
// 405, …), as "405 Method Not Allowed", or "" for a history that may be
// read another time (and for err nil).
func HistoryRefused(err error) string {
	var fe *fhirclient.Error
	if !errors.As(err, &fe) || fe.Status < 400 || fe.Status >= 500 || fe.Status == http.StatusRequestTimeout || fe.Status == http.StatusTooManyRequests {
		return ""
	}
	return fmt.Sprintf("%d %s", fe.Status, http.StatusText(fe.Status))
}

func (e *UnlinkedError) Unwrap() []error {
	if e.Unread != nil {
		return []error{ErrUnlinked, e.Unread}
	}
	return []error{ErrUnlinked}
}

func orNobody(s string) string {
	if s == "" {
		return "no one named"
	}
	return s
}

// passOver leaves out, without a word, the lines of follow-ups entered in
// error on the server whose follow-up link cannot be made here: the
// version they follow up is neither among the copies nor in the store
// (one set aside on the machine that made them, sent to this server
// before the conflict that set it aside was settled, and voided as push
// advised). Such a line counts nowhere, and nothing about it is wrong for
// the reader; refused, it was warned of on every read of the server, on
// every machine, and a summary read it again every time.
func passOver(st *store.Store, copies []Copy) ([]Copy, error) {
	here := map[record.ID]bool{}
	for _, c := range copies {
		here[c.Record.ID] = true
	}
	drop := map[record.ID]bool{}
	for _, c := range copies {
		if !c.Current || c.Record.Status != record.EnteredInError {
			continue
		}
		var head *Copy
		for i := range copies {
			if copies[i].Assessment == c.Assessment && copies[i].Record.ID == c.Assessment {
				head = &copies[i]
			}
		}
		if head == nil || head.Record.FollowsUp.IsZero() || here[head.Record.FollowsUp] {
			continue
		}
		if _, err := st.Get(head.Record.FollowsUp); err == nil {
			continue
		} else if !errors.Is(err, store.ErrNotFound) {
			return nil, err
		}
		if _, err := st.Get(head.Record.ID); err == nil {
			continue // held already: its void is linked as any
		}
		drop[c.Assessment] = true
	}
	if len(drop) == 0 {
		return copies, nil
	}
	out := make([]Copy, 0, len(copies))
	for _, c := range copies {
		if !drop[c.Assessment] {
			out = append(out, c)
		}
	}
	return out, nil
}

// unlinked says the refusals of a follow-up that cannot be linked here
// (UnlinkedError), and of the later versions of an assessment whose
// earlier one was refused (ErrBehind), so each line not kept is said
// once, plainly, rather than as the store's checks.
func unlinked(st *store.Store, why []Skipped, left []Copy) []Skipped {
	byID := map[record.ID]Copy{}
	for _, c := range left {
		byID[c.Record.ID] = c
	}
	for i, s := range why {
		c, ok := byID[s.Record]
		if !ok {
			continue
		}
		r := c.Record
		if _, prior := byID[r.Amends]; prior && !r.Amends.IsZero() {
			why[i].Err = fmt.Errorf("record %s: %w", r.ID, ErrBehind)
			continue
		}
		if r.Amends.IsZero() && !r.FollowsUp.IsZero() {
			if _, refusedToo := byID[r.FollowsUp]; refusedToo {
				// The server holds what it follows up, which this
				// store refused (said with it): nothing for the
				// machine that made it to void.
				if errors.Is(s.Err, store.ErrNotFound) {
					why[i].Err = fmt.Errorf("record %s: %w (record %s, said above)", r.ID, ErrBaseNotKept, r.FollowsUp.String()[:13])
				}
				continue
			}
			if _, err := st.Get(r.FollowsUp); errors.Is(err, store.ErrNotFound) {
				why[i].Err = &UnlinkedError{Record: r, FollowsUp: r.FollowsUp, SetAside: c.baseAside, Unread: c.baseUnread}
			}
		}
	}
	return why
}

// ErrContradicts is why a response is left out: the record it carries
// (which digicheck counts) and its own FHIR answer items (which every other
// reader of the server reads) give different answers, so one of them was
// changed after it was sent, and which one is true cannot be known here.
var ErrContradicts = errors.New("the record it carries contradicts its own answers")

// ContradictsError is ErrContradicts, naming the questions on which the
// two differ.
type ContradictsError struct {
	Record record.ID
	// Held is set when the store holds the record, read from the server
	// before it was changed there: that copy is kept and counted.
	Held bool
	// Differ is each question the two answer differently, with the
	// record's answer and the items'.
	Differ []Differ
}

// Differ is one question answered differently in two places.
type Differ struct {
	LinkID      string
	Kept, Other []string
}

func (d Differ) String() string {
	return fmt.Sprintf("%s %s, %s", d.LinkID, answerText(d.Kept), answerText(d.Other))
}

func answerText(vals []string) string {
	if len(vals) == 0 {
		return "not answered"
	}
	return fmt.Sprintf("%q", vals)
}

func (e *ContradictsError) Error() string {
	var parts []string
	for _, d := range e.Differ {
		parts = append(parts, fmt.Sprintf("%s is %s in the record and %s in the response's answers", d.LinkID, answerText(d.Kept), answerText(d.Other)))
	}
	then := "it is not taken in or counted here"
	if e.Held {
		then = "the copy read from this server before is kept and counted, and this one is not"
	}
	return fmt.Sprintf("%v (record %s: %s): one of them was changed after digicheck sent it, so %s. Tell IT, giving its id, so the response is put back as digicheck sent it",
		ErrContradicts, e.Record, strings.Join(parts, "; "), then)
}

func (e *ContradictsError) Unwrap() error { return ErrContradicts }

// agrees refuses a response whose FHIR answer items are not the answers of
// the record it carries, r: digicheck writes them from the record's
// answers (fhir.Resources), every answered question as an item with its
// codes (or its text), so a difference was made after it was sent.
func agrees(r record.Record, response []byte) error {
	var qr struct {
		Item []responseItem `json:"item"`
	}
	if err := json.Unmarshal(response, &qr); err != nil {
		return err
	}
	items := map[string][]string{}
	var walk func([]responseItem)
	walk = func(its []responseItem) {
		for _, it := range its {
			for _, a := range it.Answer {
				switch {
				case a.ValueCoding != nil:
					items[it.LinkID] = append(items[it.LinkID], a.ValueCoding.Code)
				case a.ValueString != nil:
					items[it.LinkID] = append(items[it.LinkID], *a.ValueString)
				}
			}
			walk(it.Item)
		}
	}
	walk(qr.Item)
	differ := differing(r.Answers, items)
	if len(differ) == 0 {
		return nil
	}
	return &ContradictsError{Record: r.ID, Differ: differ}
}

// responseItem is what agrees reads of a response's item.
type responseItem struct {
	LinkID string         `json:"linkId"`
	Item   []responseItem `json:"item"`
	Answer []struct {
		ValueCoding *struct {
			Code string `json:"code"`
		} `json:"valueCoding"`
		ValueString *string `json:"valueString"`
	} `json:"answer"`
}

// differing is each question a and b answer differently, in order of
// its link id; the order of a question's codes does not count.
func differing(a, b map[string][]string) []Differ {
	var out []Differ
	seen := map[string]bool{}
	for _, m := range []map[string][]string{a, b} {
		for link := range m {
			if seen[link] {
				continue
			}
			seen[link] = true
			x, y := slices.Sorted(slices.Values(a[link])), slices.Sorted(slices.Values(b[link]))
			if !slices.Equal(x, y) {
				out = append(out, Differ{LinkID: link, Kept: a[link], Other: b[link]})
			}
		}
	}
	slices.SortFunc(out, func(x, y Differ) int { return cmp.Compare(x.LinkID, y.LinkID) })
	return out
}

// ErrChanged is why a response is left out: it carries, under the id of a
// record this machine read from the server before, other content than the
// copy read then. A saved record never changes (a correction is an
// amendment, with an id of its own), so it was changed on the server.
var ErrChanged = errors.New("it was changed on the server after this machine read it")

// ChangedError is ErrChanged, naming the record and, where its answers
// differ, the questions.
type ChangedError struct {
	Record record.ID
	Differ []Differ // answers as read before, then as the server holds them
}

func (e *ChangedError) Error() string {
	what := "record %s is not there as read before"
	if len(e.Differ) > 0 {
		var parts []string
		for _, d := range e.Differ {
			parts = append(parts, fmt.Sprintf("%s %s, read before as %s", d.LinkID, answerText(d.Other), answerText(d.Kept)))
		}
		what = "record %s answers " + strings.Join(parts, "; ")
	}
	return fmt.Sprintf("%v: "+what+". A saved record never changes (a correction is an amendment, with its own id), so the copy read from this server before is kept and counted, and this one is not; a machine that never read it counts the server's. Tell IT, giving its id, so the response is put back as digicheck sent it",
		ErrChanged, e.Record)
}

func (e *ChangedError) Unwrap() error { return ErrChanged }

// unchanged refuses c, a version the caches hold already, if the copy held
// (in cache, or syn if given) differs from it.
func unchanged(c Copy, cache, syn *store.Store) error {
	held, err := cache.Get(c.Record.ID)
	if errors.Is(err, store.ErrNotFound) && syn != nil {
		held, err = syn.Get(c.Record.ID)
	}
	if err != nil {
		// Not readable here (damaged): said by what reads the cache.
		return nil
	}
	a, err := json.Marshal(held)
	if err != nil {
		return nil
	}
	b, err := json.Marshal(c.Record)
	if err != nil || string(a) == string(b) {
		return nil
	}
	return &ChangedError{Record: c.Record.ID, Differ: differing(held.Answers, c.Record.Answers)}
}
