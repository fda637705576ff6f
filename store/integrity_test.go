package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// toDigital is the edit the hostile tester made: a digital fallback and
// email as the main route, for a patient whose answers give neither.
func toDigital(r *record.Record) {
	r.Recommendation.Primary = questionnaire.RouteEmail
	r.Recommendation.Fallback = questionnaire.RouteSMS
}

// A record edited in the file is refused wherever it would be shown or
// handed out (show, history, the note and handout are printed from Get,
// History and Versions), with a message that points at digicheck check.
func TestAnEditedRecordIsNeverShown(t *testing.T) {
	s := openTemp(t)
	r := save(t, s, assessed(t, nhsPatient))
	if _, err := s.Get(r.ID); err != nil {
		t.Fatalf("an unedited record: %v", err)
	}
	testkit.TamperJSON(t, s.Path(), string(bucketRecords), r.ID.String(), toDigital)
	s2, err := Open(s.Path(), Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	reads := map[string]func() error{
		"Get":      func() error { _, err := s2.Get(r.ID); return err },
		"History":  func() error { _, err := s2.History(r.Patient); return err },
		"Versions": func() error { _, err := s2.Versions(r.ID); return err },
		"Current":  func() error { _, err := s2.Current(r.ID); return err },
		"Latest":   func() error { _, err := s2.Latest(r.Patient); return err },
	}
	for name, read := range reads {
		err := read()
		if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "digicheck check") {
			t.Errorf("%s of an edited record = %v; want ErrDamaged pointing at digicheck check", name, err)
		}
	}
}

// The facts catch an edit of what they hold; the answers catch an edit of
// what the facts leave out (the adjustments).
func TestAnEditedAdjustmentIsCaughtFromTheAnswers(t *testing.T) {
	s := openTemp(t)
	r := save(t, s, assessed(t, nhsPatient))
	testkit.TamperJSON(t, s.Path(), string(bucketRecords), r.ID.String(), func(r *record.Record) { r.Recommendation.Adjustments = nil })
	if _, err := s.Get(r.ID); !errors.Is(err, ErrDamaged) {
		t.Errorf("Get of a record with its adjustments removed = %v; want ErrDamaged", err)
	}
}

func TestVerifyAcceptsWhatAssessGivesAndRefusesAnEdit(t *testing.T) {
	r := assessed(t, nhsPatient)
	dir := questionnaire.National
	if err := record.Verify(&r, questionnaire.V1, &dir); err != nil {
		t.Fatalf("Verify of an assessed record: %v", err)
	}
	toDigital(&r)
	if err := record.Verify(&r, questionnaire.V1, &dir); err == nil {
		t.Error("Verify of a record with a digital fallback passed")
	}
	r = assessed(t, nhsPatient)
	r.Recommendation.Referrals[0].Contact = "call 0900 000 000"
	if err := record.Verify(&r, questionnaire.V1, &dir); err == nil {
		t.Error("Verify of a referral with a changed contact passed under the directory it names")
	}
}

// Item 2: a store that check calls damaged is only ever read. Every write,
// by this window or another, is refused with check's own message, and the
// file is left exactly as it was.
func TestWritesRefuseAStoreCheckFoundDamaged(t *testing.T) {
	s := openTemp(t)
	r := save(t, s, assessed(t, nhsPatient))
	other := save(t, s, assessed(t, localPatient))
	testkit.TamperJSON(t, s.Path(), string(bucketRecords), r.ID.String(), toDigital)

	checker, err := Open(s.Path(), Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := checker.Check()
	if err != nil || rep.OK() {
		t.Fatalf("Check of an edited store = %v, %v; want problems", rep, err)
	}
	verdict := rep.Verdict().Error()
	before := fingerprint(t, s.Path())

	// A window opened before the check, and one opened after it.
	late, err := Open(s.Path(), Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []*Store{s, late} {
		writes := map[string]func() error{
			"Save":      func() error { n := assessed(t, nhsPatient); return w.Save(&n) },
			"Void":      func() error { _, err := w.Void(other.ID, Voiding{Reason: "wrong patient", Clinician: "x"}); return err },
			"Amend":     func() error { a := other; a.Amends = other.ID; return w.Amend(&a) },
			"SaveDraft": func() error { return w.SaveDraft(&Draft{Draft: assess.Draft{Clinician: "x"}}) },
			"Synthetic": func() error {
				n := assessed(t, nhsPatient)
				n.Synthetic = true
				return w.SaveSynthetic([]record.Record{n})
			},
		}
		for name, write := range writes {
			err := write()
			if !errors.Is(err, ErrDamaged) || !strings.HasPrefix(err.Error(), verdict) {
				t.Errorf("%s on a store check found damaged = %v; want check's message %q", name, err, verdict)
			}
		}
	}
	if after := fingerprint(t, s.Path()); after != before {
		t.Errorf("a store check found damaged was written:\nbefore %s\nafter  %s", before, after)
	}

	// Restored (here: the edit undone), a clean check lifts the refusal.
	testkit.TamperJSON(t, s.Path(), string(bucketRecords), r.ID.String(), func(x *record.Record) { x.Recommendation = r.Recommendation })
	if rep, err := late.Check(); err != nil || !rep.OK() {
		t.Fatalf("Check after the repair = %v, %v", rep, err)
	}
	if _, err := os.Stat(DamageNote(s.Path())); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the damage note outlived a clean check: %v", err)
	}
	n := assessed(t, nhsPatient)
	if err := late.Save(&n); err != nil {
		t.Errorf("Save after a clean check: %v", err)
	}
}

// Damage found by a read (show, say) refuses every later write too, in
// this window and others, without anyone running check.
func TestDamageFoundByAReadRefusesWrites(t *testing.T) {
	s := openTemp(t)
	r := save(t, s, assessed(t, nhsPatient))
	testkit.TamperJSON(t, s.Path(), string(bucketRecords), r.ID.String(), toDigital)
	if _, err := s.Get(r.ID); !errors.Is(err, ErrDamaged) {
		t.Fatalf("Get = %v", err)
	}
	other, err := Open(s.Path(), Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	before := fingerprint(t, s.Path())
	for _, w := range []*Store{s, other} {
		n := assessed(t, localPatient)
		if err := w.Save(&n); !errors.Is(err, ErrDamaged) {
			t.Errorf("Save after a read found damage = %v; want ErrDamaged", err)
		}
	}
	if fingerprint(t, s.Path()) != before {
		t.Error("the store was written after a read found it damaged")
	}
}

// An amendment, void or follow-up is built on the record it links to: the
// write itself checks that record, even before anyone has looked at it.
func TestVoidOfAnEditedRecordIsRefused(t *testing.T) {
	s := openTemp(t)
	r := save(t, s, assessed(t, nhsPatient))
	testkit.TamperJSON(t, s.Path(), string(bucketRecords), r.ID.String(), toDigital)
	fresh, err := Open(s.Path(), Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	before := fingerprint(t, s.Path())
	if _, err := fresh.Void(r.ID, Voiding{Reason: "test", Clinician: "x"}); !errors.Is(err, ErrDamaged) {
		t.Errorf("Void of an edited record = %v; want ErrDamaged", err)
	}
	if fingerprint(t, s.Path()) != before {
		t.Error("the store was written")
	}
}

// A freelist that names a page in use would let bbolt write a new page
// over live data: a write checks the freelist first and refuses.
func TestAWriteRefusesAFreelistThatNamesAPageInUse(t *testing.T) {
	s := openTemp(t)
	for range 5 {
		save(t, s, assessed(t, nhsPatient))
	}
	f, err := os.OpenFile(s.Path(), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	m, err := chooseMeta(f, newestTx(t, f))
	if err != nil {
		t.Fatal(err)
	}
	ps := int64(m.pageSize)
	hdr := make([]byte, 24)
	if _, err := f.ReadAt(hdr, int64(m.freelist)*ps); err != nil {
		t.Fatal(err)
	}
	if binary.LittleEndian.Uint16(hdr[10:]) == 0 {
		t.Skip("no free pages to damage")
	}
	binary.LittleEndian.PutUint64(hdr[16:], m.root) // the root page, in use, said to be free
	if _, err := f.WriteAt(hdr[16:], int64(m.freelist)*ps+16); err != nil {
		t.Fatal(err)
	}
	f.Close()
	fresh, err := Open(s.Path(), Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	before := fingerprint(t, s.Path())
	n := assessed(t, nhsPatient)
	if err := fresh.Save(&n); !errors.Is(err, ErrDamaged) {
		t.Errorf("Save with a damaged freelist = %v; want ErrDamaged", err)
	}
	if fingerprint(t, s.Path()) != before {
		t.Error("the store was written")
	}
}

func newestTx(t *testing.T, f *os.File) uint64 {
	t.Helper()
	var best uint64
	for _, m := range metas(f) {
		best = max(best, m.txid)
	}
	return best
}

// bigStore has records enough for the records bucket to have branch pages.
func bigStore(t testing.TB) *Store {
	t.Helper()
	s := openTemp(t)
	rs := make([]record.Record, 0, 300)
	for range 300 {
		rs = append(rs, assessed(t, nhsPatient))
	}
	for i := range rs {
		save(t, s, rs[i])
	}
	return s
}

// checkWithin runs Check and fails the test if it has not finished in d:
// before the page walk, a page naming its own ancestor sent bbolt round
// the loop until memory ran out.
func checkWithin(t *testing.T, s *Store, d time.Duration) (Report, error) {
	t.Helper()
	type result struct {
		rep Report
		err error
	}
	done := make(chan result, 1)
	go func() {
		rep, err := s.Check()
		done <- result{rep, err}
	}()
	select {
	case r := <-done:
		return r.rep, r.err
	case <-time.After(d):
		t.Fatalf("Check did not finish in %v", d)
	}
	return Report{}, nil
}

func TestCheckFinishesOnAPageThatNamesItsOwnAncestor(t *testing.T) {
	s := bigStore(t)
	root := rootOf(t, s.Path(), "records")
	ps := int64(os.Getpagesize())
	b, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	page := b[int64(root)*ps:]
	if binary.LittleEndian.Uint16(page[8:]) != flagBranch {
		t.Fatalf("the records root %d is not a branch page", root)
	}
	// The last child of the root branch names the root itself.
	n := int(binary.LittleEndian.Uint16(page[10:]))
	var id [8]byte
	binary.LittleEndian.PutUint64(id[:], root)
	overwrite(t, s.Path(), int64(root)*ps+16+int64(n-1)*16+8, id[:])

	rep, err := checkWithin(t, s, 20*time.Second)
	if err == nil && rep.OK() {
		t.Fatalf("Check passed a looping store:\n%s", rep)
	}
	if !strings.Contains(rep.String(), "reached twice") {
		t.Errorf("the loop is not named:\n%s", rep)
	}
}

// One byte of a page header, 0x00 -> 0x20, made bbolt's check use 3.7 GB
// in 30 s: a huge overflow count.
func TestCheckFinishesOnAHugeOverflowCount(t *testing.T) {
	s := bigStore(t)
	root := rootOf(t, s.Path(), "records")
	ps := int64(os.Getpagesize())
	overwrite(t, s.Path(), int64(root)*ps+15, []byte{0x20})
	rep, err := checkWithin(t, s, 20*time.Second)
	if err == nil && rep.OK() {
		t.Fatalf("Check passed a damaged store:\n%s", rep)
	}
	t.Log(rep.String(), err)
}

// Random damage: every check finishes with a verdict, no write is made
// to a store it found damaged, and the damage is never passed as sound
// when bbolt itself cannot read the store.
func TestCheckGivesAVerdictOnRandomBitFlips(t *testing.T) {
	testkit.EndToEnd(t)
	base := openTemp(t)
	for i := range 6 {
		r := assessed(t, nhsPatient)
		if i%2 == 1 {
			r = assessed(t, localPatient)
		}
		save(t, base, r)
	}
	_ = base.SaveDraft(&Draft{Draft: assess.Draft{Clinician: "Nurse Q"}})
	pristine, err := os.ReadFile(base.Path())
	if err != nil {
		t.Fatal(err)
	}
	runs := 200
	if testing.Short() {
		runs = 40
	}
	tries, failures := flipCampaign(t, pristine, runs, 16, 1)
	t.Logf("%d tries, %d failures", tries, failures)
	if failures > 0 {
		t.Errorf("%d of %d damaged stores were written after being found damaged", failures, tries)
	}
}

// flipCampaign flips bits in copies of a store and runs what the commands
// run on each: Open, the reads of show and history, Check, then a save.
// A failure is a write to a store Check (or Open) found damaged.
func flipCampaign(t *testing.T, pristine []byte, runs, flips int, seed uint64) (tries, failures int) {
	t.Helper()
	dir := t.TempDir()
	rng := newRand(seed)
	for i := range runs {
		b := bytes.Clone(pristine)
		for range flips {
			off := rng.IntN(len(b))
			b[off] ^= 1 << rng.IntN(8)
		}
		if damagedWritten(t, dir, i, b) {
			failures++
		}
		tries++
	}
	return tries, failures
}

// A one-bit flip in the newer meta page makes bbolt read the store from
// the older one, one save back, without a word. Check reads both pages
// itself and names the lost save; a save, which would write over the
// damaged page and the save it lost, is refused, and so is every write
// from a store opened on it.
func TestAFlippedBitInTheNewestMetaPageIsReportedAsALostSave(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	last := save(t, s, assessed(t, nhsPatient))
	testkit.FlipMetaBit(t, s.Path(), true)

	s2, err := Open(s.Path(), Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s2.Get(last.ID); err == nil {
		t.Log("the last save is still read; the flip hit an earlier transaction")
	}
	if err := s2.Refused(); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "meta page") {
		t.Errorf("Refused of a store opened with a damaged newest meta page = %v; want ErrDamaged naming the meta page", err)
	}
	rep, err := s2.Check()
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	found := false
	for _, p := range rep.Problems {
		if strings.Contains(p, "meta page") && strings.Contains(p, "missing") && strings.Contains(p, "backup") {
			found = true
		}
	}
	if rep.OK() || !found {
		t.Errorf("Check of a store with a damaged newest meta page found %q; want a problem naming the meta page, the missing save and a backup", rep.Problems)
	}

	// A store opened afresh after the check is refused by its note; one
	// that never saw the note is refused by the meta page itself.
	os.Remove(DamageNote(s.Path()))
	s3, err := Open(s.Path(), Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	s3.damage = nil
	before := fingerprint(t, s.Path())
	r3 := assessed(t, nhsPatient)
	if err := s3.Save(&r3); !errors.Is(err, ErrDamaged) {
		t.Errorf("Save to a store with a damaged newest meta page = %v; want ErrDamaged", err)
	}
	if fingerprint(t, s.Path()) != before {
		t.Error("the refused save changed the file")
	}
}

// A flip in the older meta page loses nothing, and check says so: the
// remedy is a backup, written with sound meta pages, used in its place.
func TestAFlippedBitInTheOlderMetaPageIsReportedAsNothingLost(t *testing.T) {
	s := openTemp(t)
	save(t, s, assessed(t, nhsPatient))
	testkit.FlipMetaBit(t, s.Path(), false)
	rep, err := s.Check()
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	if rep.OK() || !strings.Contains(strings.Join(rep.Problems, "\n"), "nothing saved is missing") {
		t.Errorf("Check of a store with a damaged older meta page found %q; want it named, with nothing missing", rep.Problems)
	}
}

// bbolt validates a meta page as metaWhy does: the pages of a store bbolt
// wrote pass, and any one bit flipped in the checked bytes fails.
func TestMetaWhyFailsEveryFlippedBitOfTheCheckedBytes(t *testing.T) {
	s := openTemp(t)
	b, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	ps := int(binary.LittleEndian.Uint32(b[24:]))
	for p := range 2 {
		page := b[p*ps : p*ps+80]
		if why := metaWhy(page); why != "" {
			t.Fatalf("meta page %d of a sound store: %s", p, why)
		}
		for bit := 16 * 8; bit < 80*8; bit++ {
			c := bytes.Clone(page)
			c[bit/8] ^= 1 << (bit % 8)
			if metaWhy(c) == "" {
				t.Errorf("meta page %d with bit %d flipped passes", p, bit)
			}
		}
	}
}

// A flip in a meta page's own transaction id hides which of the two it
// was; the one-bit repair that makes it pass its checksum says, so a
// damaged older page is not taken for a lost save (and given restore
// advice), and a damaged newer one names the transactions.
func TestAFlippedTransactionIdSaysWhichMetaPageWasDamaged(t *testing.T) {
	for _, newest := range []bool{true, false} {
		s := openTemp(t)
		save(t, s, assessed(t, nhsPatient))
		save(t, s, assessed(t, nhsPatient))
		testkit.FlipMetaTxidBit(t, s.Path(), newest)
		s2, err := Open(s.Path(), Options{Timeout: 200 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		msg, missing := s2.MetaDamage()
		if missing != newest {
			t.Errorf("newest=%v: MetaDamage says missing=%v: %s", newest, missing, msg)
		}
		switch {
		case newest && !strings.Contains(msg, "it records the latest save (transaction 4)") || newest && !strings.Contains(msg, "(transaction 3)"):
			t.Errorf("damaged newer page: %s; want the lost transaction and the one read named", msg)
		case !newest && (!strings.Contains(msg, "nothing saved is missing") || strings.Contains(msg, "restore")):
			t.Errorf("damaged older page: %s; want nothing missing, and no restore advice", msg)
		}
	}
}

// A store whose two meta pages are both damaged, then cut short, is read by
// nobody; it is refused as a store that may be damaged, to be kept, never
// as "not a digicheck store", which a user may take as leave to delete it.
func TestAStoreWithBothMetaPagesDamagedAndCutShortIsKept(t *testing.T) {
	s := openTemp(t)
	for range 3 {
		save(t, s, assessed(t, nhsPatient))
	}
	testkit.FlipMetaTxidBit(t, s.Path(), true)
	testkit.FlipMetaTxidBit(t, s.Path(), false)
	// Down to the two meta pages: digicheck's own marker is cut off.
	if err := os.Truncate(s.Path(), 2*int64(os.Getpagesize())); err != nil {
		t.Fatal(err)
	}
	_, err := Open(s.Path(), Options{Timeout: 200 * time.Millisecond})
	if errors.Is(err, ErrNotStore) || !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "may be a damaged digicheck store") || !strings.Contains(err.Error(), "backup") {
		t.Errorf("Open of a store with both meta pages damaged, cut short = %v; want it called a damaged store, to keep and restore from a backup", err)
	}
}

// Sizes in messages are in the unit that says them: a 256 KB store is not
// "0 MB".
func TestSizesAreWordedInTheirUnit(t *testing.T) {
	for _, c := range []struct {
		n    int64
		want string
	}{
		{0, "0 bytes"}, {1023, "1023 bytes"}, {1024, "1 KB"}, {256 << 10, "256 KB"}, {1<<20 - 1, "1024 KB"},
		{1 << 20, "1.0 MB"}, {100<<20 - 1, "100.0 MB"}, {100 << 20, "100 MB"}, {5 << 30, "5120 MB"},
	} {
		if got := SizeText(c.n); got != c.want {
			t.Errorf("SizeText(%d) = %q; want %q", c.n, got, c.want)
		}
	}
}

// Issue 15 (damaged-store retest): pages of records zeroed in the middle of
// the file. Check counts the records it can still read, says which records
// the lost pages held (a span of ids, and when they were saved), names only
// a few pages one by one, and never reports a store of readable records
// as holding none.
func TestCheckSaysWhichRecordsAZeroedRangeHeld(t *testing.T) {
	s := openTemp(t)
	for range 120 {
		save(t, s, assessed(t, nhsPatient))
	}
	b, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	ps := int(binary.LittleEndian.Uint32(b[24:]))
	var recPages []int
	for p := 2; (p+1)*ps <= len(b); p++ {
		pg := b[p*ps:]
		if binary.LittleEndian.Uint16(pg[8:]) != 0x02 || binary.LittleEndian.Uint16(pg[10:]) == 0 {
			continue
		}
		pos, ks, vs := binary.LittleEndian.Uint32(pg[20:]), binary.LittleEndian.Uint32(pg[24:]), binary.LittleEndian.Uint32(pg[28:])
		k := pg[16+pos : 16+pos+ks]
		if _, err := record.ParseID(string(k)); err == nil && ks == 36 && vs > 200 {
			recPages = append(recPages, p)
		}
	}
	if len(recPages) < 6 {
		t.Fatalf("only %d pages of records", len(recPages))
	}
	mid := recPages[len(recPages)/2-1 : len(recPages)/2+2]
	f, err := os.OpenFile(s.Path(), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range mid {
		if _, err := f.WriteAt(make([]byte, ps), int64(p*ps)); err != nil {
			t.Fatal(err)
		}
	}
	f.Close()

	rep, err := s.Check()
	if err != nil && !errors.Is(err, ErrDamaged) {
		t.Fatal(err)
	}
	if !rep.Partial || rep.Records < 60 || rep.Records >= 120 {
		t.Errorf("check counted %d records (partial %v) of 120 with 3 pages zeroed; want those readable", rep.Records, rep.Partial)
	}
	all := strings.Join(rep.Problems, "\n")
	if !strings.HasPrefix(all, "3 page(s) of records cannot be read") || !strings.Contains(all, "records lost: from ") || !strings.Contains(all, "(begun ") {
		t.Errorf("check does not say first which records the zeroed pages held:\n%s", all)
	}
	// An id gives when its assessment was begun; it was saved then or
	// later, days later for a draft resumed: never said to be minutes.
	if strings.Contains(all, "a few minutes after") || !strings.Contains(all, "days later for a draft resumed") {
		t.Errorf("check says the lost records were saved minutes after their ids' times:\n%s", all)
	}
	if out := rep.String(); strings.Contains(out, "Records: 0") || strings.Contains(out, "Assessments: 0") {
		t.Errorf("check reports a store of readable records as empty:\n%s", out)
	}
}

// Check says how many record versions the lost save held, counted from
// the damaged page as repaired, against the store as read: a batch lost is
// not "the last save may be missing".
func TestCheckCountsWhatALostSaveHeld(t *testing.T) {
	s := openTemp(t)
	for range 3 {
		save(t, s, assessed(t, nhsPatient))
	}
	testkit.FlipMetaTxidBit(t, s.Path(), true)
	rep, err := s.Check()
	if err != nil && !errors.Is(err, ErrDamaged) {
		t.Fatal(err)
	}
	if all := strings.Join(rep.Problems, "\n"); !strings.Contains(all, "the store held 3 record versions; as read, it holds 2 (1 missing)") {
		t.Errorf("check of a store whose last save is lost says:\n%s\nwant the versions it held and holds counted", all)
	}
}
