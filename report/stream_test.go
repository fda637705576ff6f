package report

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/record"
	"digicheck/store"
)

// sameSummary holds SummariseStore, which reads the store's facts, to
// what the same records count when they are added one by one, in an order
// of their own (the store's, backwards), as an export file's are.
func sameSummary(t *testing.T, st *store.Store, o Options) *Summary {
	t.Helper()
	got, err := SummariseStore(st, o)
	if err != nil {
		t.Fatal(err)
	}
	var rs []record.Record
	if err := st.Each(func(r record.Record) error { rs = append(rs, r); return nil }, nil); err != nil {
		t.Fatal(err)
	}
	d := &Inputs{}
	for i := range rs {
		if err := d.AddRecord(&rs[len(rs)-1-i], st.Path()); err != nil {
			t.Fatal(err)
		}
	}
	want := summarise(t, d, o)
	if len(got.Cells) != len(want.Cells) {
		t.Fatalf("%d cells from the store, %d from its records", len(got.Cells), len(want.Cells))
	}
	for i := range want.Cells {
		if got.Cells[i] != want.Cells[i] {
			t.Errorf("%s: from the store %+v, from its records %+v", key(want.Cells[i]), got.Cells[i], want.Cells[i])
		}
	}
	if len(rs) > 0 && got.Sources[0].Records != want.Sources[0].Records || !got.From.Equal(want.From) || !got.To.Equal(want.To) {
		t.Errorf("from the store %d records %s to %s; from its records %d, %s to %s", got.Sources[0].Records, got.From, got.To,
			want.Sources[0].Records, want.From, want.To)
	}
	return got
}

func TestAStoreCountsWhatItsRecordsCount(t *testing.T) {
	st := storeOf(t, records(t, wardFixtures()))
	for _, o := range []Options{
		{By: Month, Exact: true},
		{By: Week},
		{By: Month, Exact: true, Teams: []string{"Ward 7"}},
		{By: Week, Exact: true, From: day(t, "2026-02-01"), To: day(t, "2026-02-20")},
	} {
		o.Location = locUTC
		sameSummary(t, st, o)
	}
	s := sameSummary(t, st, Options{By: Month, Exact: true, Location: locUTC})
	checkCounts(t, s, map[string]int{"assessed/": 7, "2026-02/all/all/assessed/": 4, "band.trust/significant": 1})
}

func TestAStoreOfSyntheticDataCountsWhatItsRecordsCount(t *testing.T) {
	st := syntheticStore(t, 4000, 11)
	sameSummary(t, st, Options{By: Week, Location: locUTC})
	sameSummary(t, st, Options{By: Month, Exact: true, Location: locUTC})
}

// TestAnAmendmentWithAnEarlierIdIsCountedUnderItsFirstVersion: ids given by
// another system need not be in time order; an amendment met before the
// record it amends waits for it.
func TestAnAmendmentWithAnEarlierIdIsCountedUnderItsFirstVersion(t *testing.T) {
	first := fixture{n: 9, day: "2026-01-05", team: "Ward 7", patient: "A"}.record(t)
	amendment := fixture{n: 2, day: "2026-03-05", team: "Bank staff", patient: "A", status: record.Amended, amends: 9}.record(t)
	other := fixture{n: 5, day: "2026-02-05", team: "Ward 7", patient: "B"}.record(t)
	st := storeOf(t, []record.Record{first, amendment, other})
	if amendment.ID.Compare(first.ID) > 0 {
		t.Fatal("the amendment's id should sort first")
	}
	s := sameSummary(t, st, Options{By: Month, Exact: true, Location: locUTC})
	checkCounts(t, s, map[string]int{"assessed/": 2, "2026-01/all/all/assessed/": 1, "2026-02/all/all/assessed/": 1})
	s = sameSummary(t, st, Options{By: Month, Exact: true, Location: locUTC, Teams: []string{"Bank staff"}})
	checkCounts(t, s, map[string]int{"assessed/": 0})
}

func TestAnEmptyStoreSummarisesToNothing(t *testing.T) {
	st := storeOf(t, nil)
	s := sameSummary(t, st, Options{Location: locUTC})
	checkCounts(t, s, map[string]int{"assessed/": 0})
	if len(s.Periods) != 0 {
		t.Errorf("periods %v", s.Periods)
	}
}

// An export is read again as it is counted, not held: one that changed
// after it was added is refused, never counted as it was then or as half
// of each.
func TestAnExportChangedSinceItWasAddedIsRefused(t *testing.T) {
	defer func(n int) { keepLimit = n }(keepLimit)
	keepLimit = 0 // too large to keep: read again as it is counted
	rs := records(t, wardFixtures())
	path := filepath.Join(t.TempDir(), "export.ndjson")
	if err := os.WriteFile(path, []byte(ndjsonOf(t, rs)), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d := &Inputs{}
	if err := d.AddNDJSON(f, path); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Summarise(Options{Exact: true}); err != nil {
		t.Fatalf("unchanged: %v", err)
	}
	if err := os.WriteFile(path, []byte(ndjsonOf(t, rs[1:])), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Summarise(Options{Exact: true}); err == nil || !strings.Contains(err.Error(), "changed while it was read") {
		t.Fatalf("changed: %v", err)
	}
}

// readCounter counts the bytes read through it.
type readCounter struct {
	io.ReadSeeker
	n int
}

func (r *readCounter) Read(p []byte) (int, error) {
	n, err := r.ReadSeeker.Read(p)
	r.n += n
	return n, err
}

// TestAnExportIsDecodedOnceWhileItsFactsFit: decoding an export is most of
// the work of summarising one; while the facts of every export read fit in
// keepLimit, each is read once, and past it read again as it is counted,
// with the same counts.
func TestAnExportIsDecodedOnceWhileItsFactsFit(t *testing.T) {
	defer func(n int) { keepLimit = n }(keepLimit)
	nd := ndjsonOf(t, records(t, wardFixtures()))
	counts := map[int]string{}
	for _, limit := range []int{256 << 20, 0} {
		keepLimit = limit
		r := &readCounter{ReadSeeker: strings.NewReader(nd)}
		in := &Inputs{}
		if err := in.AddNDJSON(r, "export.ndjson"); err != nil {
			t.Fatal(err)
		}
		s := summarise(t, in, Options{Exact: true})
		counts[limit] = s.Value(cells(s)["assessed/"])
		reads := 2
		if limit > 0 {
			reads = 1
		}
		if r.n != reads*len(nd) {
			t.Errorf("limit %d: %d bytes read of a %d-byte export, want it read %d time(s)", limit, r.n, len(nd), reads)
		}
	}
	if counts[0] != counts[256<<20] {
		t.Errorf("kept, the export counts %s; read again, %s", counts[256<<20], counts[0])
	}
}

// A summary counts a chunk in two halves at once, each half in tallies of
// its own, added together at the end: a team met in one half only is
// counted whichever half it is in, and however its name is numbered
// against the other half's teams.
func TestATeamMetInOneHalfOfAChunkIsCounted(t *testing.T) {
	for _, order := range [][2]string{{"Ward 7", "Ward 9"}, {"Ward 9", "Ward 7"}} {
		var fs []fixture
		for i := range 4 {
			fs = append(fs, fixture{n: i + 1, day: "2026-01-05", team: order[i/2]})
		}
		s := summarise(t, datasetOf(t, records(t, fs)), Options{Exact: true})
		checkCounts(t, s, map[string]int{"assessed/": 4, "all/team/Ward 7/assessed/": 2, "all/team/Ward 9/assessed/": 2})
	}
}
