package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"digicheck/fhirclient"
	"digicheck/record"
	"digicheck/remote"
	"digicheck/report"
	"digicheck/store"

	"github.com/google/uuid"
)

// A FHIR server that lost records (restored from an older backup, or
// restarted empty) is read afresh by summary --server (syncServerShort), so
// that only what it holds is counted. That read once said so on standard
// error, and then the cache, taken anew, knew nothing of it: every later
// summary published the short counts unmarked. What the server lacks of
// the record versions this machine read from it is kept beside its cache
// (serverShort), and every summary of it says so in its output until the
// server holds them again (the machines that sent them push again: push
// notices a server holding fewer than it sent, and sends them again).

// serverShort is what a FHIR server lacks of the record versions this
// machine read from it before.
type serverShort struct {
	// Noticed is when a read first found the server short.
	Noticed time.Time `json:"noticed"`
	// Missing are the record versions read from it before that it does
	// not hold now, by id.
	Missing []string `json:"missing"`
	// Unread is set while Missing holds every version the caches held
	// before a read afresh that has not yet been made: which of them the
	// server lacks is found by that read (serverShortNow).
	Unread bool `json:"unread,omitempty"`
	// Voids and Amendments are those of Missing that are voids (entered
	// in error) and amendments: lost, the version each replaced is
	// counted in its place, an assessment entered in error among them,
	// so the counts may be too high as well as too low. Kinds is set
	// when every version in Missing was sorted so (a file kept by an
	// earlier build was not): unset, the caveat says what a lost void
	// or amendment would do without saying there is one.
	Voids      []string `json:"voids,omitempty"`
	Amendments []string `json:"amendments,omitempty"`
	Kinds      bool     `json:"kinds,omitempty"`
	// name is the server as the summary names it.
	name string
	// under are the follow-ups on the server left out by this read
	// because the server does not hold the version of the earlier
	// assessment each follows up (lostUnder): never kept in the file,
	// they are found again by each read until the server holds it.
	under []remote.Skipped
}

// lostUnder is what of left (a read's versions not kept) is a follow-up
// of a version the server does not hold at all (it lost it, restored from
// an older backup or emptied, or was never sent it): genuine, and left
// out of the counts until the machines that hold that version send it
// again. Left out by design (notKept), it was said on standard error
// alone, and the summary published without it unmarked.
func lostUnder(left []remote.Skipped) []remote.Skipped {
	var out []remote.Skipped
	for _, s := range left {
		var ue *remote.UnlinkedError
		if errors.As(s.Err, &ue) && !ue.SetAside && ue.Unread == nil {
			out = append(out, s)
		}
	}
	return out
}

// serverShortPath is the file, beside the server's cache, that keeps what
// the FHIR server at base lacks.
func (a *app) serverShortPath(base string) (string, error) {
	p, err := a.serverCachePath(base)
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(p, ".db") + "-short.json", nil
}

// readMark is the change of the FHIR server a read of it read last: the
// time its cache's read mark was set to, and the responses changed then
// (remote.SyncReport.AtMark). The next read, from that time on, reads
// each again unless the server lost that change (remote.SyncReport.Missed):
// restored from an older backup, the server may hold as many assessments
// as before, an amendment of one lost, which no count shows.
type readMark struct {
	Until time.Time `json:"until"`
	IDs   []string  `json:"ids"`
}

// readMarkPath is the file, beside the server's cache, that keeps its
// readMark.
func (a *app) readMarkPath(base string) (string, error) {
	p, err := a.serverCachePath(base)
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(p, ".db") + "-mark.json", nil
}

// lastReadMark is the readMark kept for the server at base; none (zero)
// when none was kept or it cannot be read, so that the next read keeps
// one.
func (a *app) lastReadMark(base string) readMark {
	var m readMark
	path, err := a.readMarkPath(base)
	if err != nil {
		return m
	}
	if raw, err := os.ReadFile(path); err == nil && json.Unmarshal(raw, &m) != nil {
		m = readMark{}
	}
	return m
}

// keepReadMark keeps, after a read of the server at base that moved the
// caches' read mark, the change it read last, whole or not at all.
func (a *app) keepReadMark(base string, rep remote.SyncReport) error {
	if len(rep.Skipped) > 0 || rep.Until.IsZero() || len(rep.AtMark) == 0 {
		return nil // the mark did not move: the one kept stands
	}
	path, err := a.readMarkPath(base)
	if err != nil {
		return err
	}
	out, err := json.Marshal(readMark{Until: rep.Until, IDs: rep.AtMark})
	if err != nil {
		return err
	}
	tmp := path + ".new"
	if err := os.WriteFile(tmp, out, 0o600); err != nil {
		return fmt.Errorf("cannot keep the last change read from the FHIR server: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("cannot keep the last change read from the FHIR server: %w", err)
	}
	return nil
}

// readShort reads what the FHIR server behind c was found to lack, from
// path; none when nothing was.
func readShort(c *fhirclient.Client, path string) (serverShort, error) {
	var short serverShort
	raw, err := os.ReadFile(path)
	switch {
	case err == nil:
		if err := json.Unmarshal(raw, &short); err != nil {
			return short, fmt.Errorf("cannot read what the FHIR server %s was found to lack (%s): %w", c.Name(), path, err)
		}
	case !errors.Is(err, fs.ErrNotExist):
		return short, fmt.Errorf("cannot read what the FHIR server %s was found to lack: %w", c.Name(), err)
	}
	return short, nil
}

// writeShort keeps short in path, whole or not at all.
func writeShort(c *fhirclient.Client, path string, short serverShort) error {
	out, err := json.Marshal(short)
	if err != nil {
		return err
	}
	tmp := path + ".new"
	if err := os.WriteFile(tmp, out, 0o600); err != nil {
		return fmt.Errorf("cannot keep what the FHIR server %s lacks: %w", c.Name(), err)
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("cannot keep what the FHIR server %s lacks: %w", c.Name(), err)
	}
	return nil
}

// keepBeforeRead keeps every record version the caches of the server
// behind c hold, before they are emptied to read it afresh (it holds fewer
// assessments than they do): which of them it lacks is found once read.
func (a *app) keepBeforeRead(c *fhirclient.Client, caches ...*store.Store) error {
	path, err := a.serverShortPath(c.Base())
	if err != nil {
		return err
	}
	short, err := readShort(c, path)
	if err != nil {
		return err
	}
	kinds := short.Kinds || len(short.Missing) == 0
	for _, st := range caches {
		if st == nil {
			continue
		}
		err := st.EachFactChunk(func(ch store.FactChunk) error {
			for i := range ch.Len() {
				id, v, err := ch.At(i)
				s := uuid.UUID(id).String()
				short.Missing = append(short.Missing, s)
				if err != nil {
					kinds = false // its kind unknown: said as what it may be
					continue
				}
				switch {
				case v.Status() == record.EnteredInError:
					short.Voids = append(short.Voids, s)
				case v.Amends() != uuid.Nil:
					short.Amendments = append(short.Amendments, s)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	for _, l := range []*[]string{&short.Missing, &short.Voids, &short.Amendments} {
		slices.Sort(*l)
		*l = slices.Compact(*l)
	}
	short.Unread, short.Kinds = true, kinds
	return writeShort(c, path, short)
}

// serverShortNow brings up to date, after a read of the server behind c
// into cache and syn, what the server lacks of the record versions read
// from it before: of those kept (by earlier reads, and by keepBeforeRead
// before this one), those the caches lack now. It says on w what the
// server lacks, or that it holds them again, and returns it (nil when it
// lacks none). under are the follow-ups the read left out because the
// server lacks the version each follows up (lostUnder): the server is
// short while there are any, even when it holds again every version read
// from it before, and is never said to be whole beside them.
func (a *app) serverShortNow(w io.Writer, c *fhirclient.Client, cache, syn *store.Store, under []remote.Skipped) (*serverShort, error) {
	short, err := a.serverMissingNow(w, c, cache, syn, len(under) > 0)
	if err != nil || len(under) == 0 {
		return short, err
	}
	if short == nil {
		short = &serverShort{name: c.Name()}
	}
	short.under = under
	return short, nil
}

// serverMissingNow is serverShortNow of the versions read before; stillShort
// is set when the read left out follow-ups of versions the server lacks,
// so that it is not said to hold again all it lacked.
func (a *app) serverMissingNow(w io.Writer, c *fhirclient.Client, cache, syn *store.Store, stillShort bool) (*serverShort, error) {
	path, err := a.serverShortPath(c.Base())
	if err != nil {
		return nil, err
	}
	short, err := readShort(c, path)
	if err != nil {
		return nil, err
	}
	// Found short by an earlier read: said to hold them again when it
	// does.
	if len(short.Missing) == 0 {
		return nil, nil // found short by no read: the caches are not gone through
	}
	had := !short.Unread && !short.Noticed.IsZero()
	now, err := remote.IDsIn(cache, syn)
	if err != nil {
		return nil, err
	}
	missing := map[string]bool{}
	for _, s := range short.Missing {
		if id, err := record.ParseID(s); err != nil || !now[id] {
			missing[s] = true
		}
	}
	if len(missing) == 0 {
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		switch {
		case had && stillShort:
			fmt.Fprintf(w, "The FHIR server %s holds again every record version this machine read from it and found it lacked, but not the versions that the follow-ups left out above follow up: its summary still says it is short.\n", c.Name())
		case had:
			fmt.Fprintf(w, "The FHIR server %s holds again every record version it was found to lack: its summary no longer says it is short.\n", c.Name())
		}
		return nil, nil
	}
	if short.Noticed.IsZero() {
		short.Noticed = time.Now().UTC()
	}
	short.Missing, short.Unread = short.Missing[:0], false
	for s := range missing {
		short.Missing = append(short.Missing, s)
	}
	slices.Sort(short.Missing)
	for _, l := range []*[]string{&short.Voids, &short.Amendments} {
		*l = slices.DeleteFunc(*l, func(s string) bool { return !missing[s] })
	}
	if err := writeShort(c, path, short); err != nil {
		return nil, err
	}
	short.name = c.Name()
	fmt.Fprintf(w, "warning: the FHIR server %s lacks %s this machine read from it before (first found %s): they are not counted%s, and every summary and export of the server says so in its output until the server holds them again. Each machine that sent them should run digicheck push --check-server, which sends again what the server no longer holds.\n",
		c.Name(), versions(len(short.Missing), "record version"), short.Noticed.Format("2 Jan 2006 15:04 MST"), whereLost(short))
	return &short, nil
}

// caveats are what a summary of the server says of what it lacks, in
// every output, one sentence each: the versions read from it before that
// it lacks, and the follow-ups left out because it lacks the version each
// follows up. With disclosure control (exact false) without the server's
// address or a count.
func (s *serverShort) caveats(exact bool) []string {
	var out []string
	if len(s.Missing) > 0 {
		what, lack := "the FHIR server read", "some of the record versions this machine read from it are not there now"
		if exact {
			what = "the FHIR server " + s.name
			lack = versions(len(s.Missing), "record version") + " this machine read from it " + map[bool]string{true: "is", false: "are"}[len(s.Missing) == 1] + " not there now"
		}
		out = append(out, fmt.Sprintf("SERVER SHORT: %s holds fewer record versions than this machine read from it before: %s (first found %s; restored from an older backup, or removed there), and %s. Each machine that sent them should run digicheck push --check-server, which sends again what the server no longer holds; this is said until the server holds them again (docs/fhir-server.md)",
			what, lack, s.Noticed.Format("2 Jan 2006"), s.lackWords("these counts", "counted", exact)))
	}
	if len(s.under) > 0 {
		what, they, them := "the FHIR server read holds one or more follow-ups of versions of earlier assessments that it does not hold (it lost them, restored from an older backup or emptied, or was never sent them): they cannot be linked to the patients' earlier assessments, so these counts leave them out", "those earlier assessments", "them"
		if exact {
			what = "the FHIR server " + s.name + " holds " + underWords(len(s.under), "these counts leave")
		}
		if len(s.under) == 1 && exact {
			they, them = "that earlier assessment", "that version"
		}
		out = append(out, fmt.Sprintf("SERVER SHORT: %s. The machines that made and changed %s should run digicheck push --check-server, which sends again what the server no longer holds; this is said until the server holds %s (docs/fhir-server.md, \"A server that lost records\")", what, they, them))
	}
	return out
}

// mark is what an export of the server says of what it lacks, in every
// row, line and resource (its damaged_store mark): the file, loaded or
// summarised apart from what was said when it was made, is never taken
// for the server's whole.
func (s *serverShort) mark() string {
	var parts []string
	if len(s.Missing) > 0 {
		parts = append(parts, fmt.Sprintf("the FHIR server %s holds fewer record versions than this machine read from it before: %s this machine read from it %s not there now (first found %s; restored from an older backup, or removed there), and %s; each machine that sent them should run digicheck push --check-server",
			s.name, versions(len(s.Missing), "record version"), map[bool]string{true: "is", false: "are"}[len(s.Missing) == 1], s.Noticed.Format("2 Jan 2006"), s.lackWords("this export", "exported", true)))
	}
	if len(s.under) > 0 {
		parts = append(parts, fmt.Sprintf("the FHIR server %s holds %s; the machines that made and changed %s should run digicheck push --check-server",
			s.name, underWords(len(s.under), "this export leaves"), map[bool]string{true: "that earlier assessment", false: "those earlier assessments"}[len(s.under) == 1]))
	}
	return serverShortMark + strings.Join(parts, "; ")
}

// lackWords says what the versions the server lacks do to what (these
// counts, this export): it lacks them, and, where some are voids or
// amendments, holds in their place the versions they replaced (how,
// "counted"), so that an assessment entered in error is counted and the
// counts may be too high as well as too low. With exact, how many of each;
// else (disclosure control) no number.
func (s *serverShort) lackWords(what, how string, exact bool) string {
	v, a := len(s.Voids), len(s.Amendments)
	lack, wrong := what+" lack them", ", and may be too high as well as too low: "
	if what == "this export" {
		lack, wrong = what+" lacks them", ", and holds in their place what they replaced: "
	}
	switch {
	case !s.Kinds && v == 0 && a == 0:
		return lack + wrong + "if any of them is a void (entered in error) or an amendment, the version it replaced is " + how + " in its place, an assessment entered in error among them"
	case v == 0 && a == 0:
		return lack
	case !exact:
		var parts []string
		if v > 0 {
			parts = append(parts, "one or more of them are voids, so assessments since entered in error are "+how+" as current")
		}
		if a > 0 {
			parts = append(parts, "one or more of them are amendments, so assessments since amended are "+how+" as they were before")
		}
		return lack + wrong + strings.Join(parts, ", and ")
	}
	var parts []string
	if v > 0 {
		parts = append(parts, fmt.Sprintf("%s %s, so %s entered in error %s %s as current", countOf(v), map[bool]string{true: "is a void", false: "are voids"}[v == 1], map[bool]string{true: "an assessment", false: fmt.Sprintf("up to %d assessments", v)}[v == 1], map[bool]string{true: "is", false: "are"}[v == 1], how))
	}
	if a > 0 {
		parts = append(parts, fmt.Sprintf("%s %s, so the version %s replaced is %s in its place", countOf(a), map[bool]string{true: "is an amendment", false: "are amendments"}[a == 1], map[bool]string{true: "it", false: "each"}[a == 1], how))
	}
	return lack + wrong + "of them, " + strings.Join(parts, ", and ")
}

// whereLost is what serverShortNow's warning adds of the voids and
// amendments among the versions the server lacks: "" for none.
func whereLost(short serverShort) string {
	words := short.lackWords("the counts", "counted", true)
	if words == "the counts lack them" {
		return ""
	}
	return " (" + words + ")"
}

// countOf is n as said at the head of "of them, N is/are ...".
func countOf(n int) string { return strconv.Itoa(n) }

// underWords says n follow-ups the server holds of versions it does not
// hold, and that out ("these counts leave") leaves them out.
func underWords(n int, out string) string {
	if n == 1 {
		return "1 follow-up of a version of an earlier assessment that it does not hold (it lost it, restored from an older backup or emptied, or was never sent it): it cannot be linked to the patient's earlier assessment, so " + out + " it out"
	}
	return fmt.Sprintf("%d follow-ups of versions of earlier assessments that it does not hold (it lost them, restored from an older backup or emptied, or was never sent them): they cannot be linked to the patients' earlier assessments, so %s them out", n, out)
}

// serverInputNamed names, in s, the input read from the FHIR server at
// server into cache as that server, not as a store ("Read: a digicheck
// store" was said of a summary of the trust's server, and its cache's file
// named); adds the DAMAGED mark of the versions its cache could not keep
// (left, a ServerLeftMark, "" for none), and the caveat of what the
// server lacks (short, nil for nothing).
func (a *app) serverInputNamed(s *report.Summary, cache *store.Store, server, left string, short *serverShort) {
	name := configuredName(server)
	for i := range s.Sources {
		if s.Sources[i].Name == cache.Path() {
			s.Sources[i].Name, s.Sources[i].Kind = name, report.InputServer
		}
	}
	for i, d := range s.Damaged {
		if d == cache.Path() {
			s.Damaged[i] = name
		}
	}
	if left != "" {
		if s.Exact {
			s.Damaged = append(s.Damaged, "the FHIR server "+name+" ("+left+")")
		} else {
			// Described by its kind, as a damaged input is.
			s.Damaged = append(s.Damaged, name)
		}
	}
	if short != nil {
		s.Incomplete = append(s.Incomplete, short.caveats(s.Exact)...)
	}
}

// acceptServerLoss forgets what the FHIR server behind c was found to
// lack (summary --accept-server-loss): removed there on purpose, not to be
// sent again, its summaries are no longer marked for it.
func (a *app) acceptServerLoss(w io.Writer, c *fhirclient.Client) error {
	path, err := a.serverShortPath(c.Base())
	if err != nil {
		return err
	}
	short, err := readShort(c, path)
	if err != nil {
		return err
	}
	if len(short.Missing) == 0 {
		fmt.Fprintf(w, "--accept-server-loss: the FHIR server %s was found to lack nothing this machine read from it.\n", c.Name())
		return nil
	}
	if err := os.Remove(path); err != nil {
		return fmt.Errorf("--accept-server-loss: %w", err)
	}
	fmt.Fprintf(w, "Accepted: the %s the FHIR server %s was found to lack are taken as removed there on purpose; its summaries are no longer marked for them.\n", versions(len(short.Missing), "record version"), c.Name())
	return nil
}
