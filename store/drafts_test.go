package store

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// draftOf is an assessment of the patient half done: the access section
// answered, skills next.
func draftOf(t *testing.T, patient string) Draft {
	t.Helper()
	pid, err := record.ParsePatientID(patient)
	if err != nil {
		t.Fatal(err)
	}
	a := testkit.Full(nil)
	return Draft{Draft: assess.Draft{
		Patient:           pid,
		Clinician:         "Sister A. Okafor",
		Team:              "Ward 7",
		InstrumentVersion: questionnaire.V1.Version,
		Answers: questionnaire.Answers{
			questionnaire.LinkDevices:  a[questionnaire.LinkDevices],
			questionnaire.LinkInternet: a[questionnaire.LinkInternet],
			questionnaire.LinkAfford:   a[questionnaire.LinkAfford],
		},
		Section: "skills",
	}}
}

func TestDraftIsKeptAndReplacedAsTheAssessmentGoesOn(t *testing.T) {
	s := openTemp(t)
	d := draftOf(t, nhsPatient)
	before := time.Now().Add(-time.Second)
	if err := s.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	if u, err := uuid.Parse(d.ID.String()); err != nil || u.Version() != 7 {
		t.Errorf("draft id %q is not a UUIDv7", d.ID)
	}
	if d.Started.Before(before) || !d.Saved.Equal(d.Started) {
		t.Errorf("Started %v, Saved %v; want both now", d.Started, d.Saved)
	}
	started := d.Started

	// The next section answered: the same draft, saved again.
	time.Sleep(2 * time.Millisecond)
	d.Answers[questionnaire.LinkTasks] = []string{questionnaire.TaskText}
	d.Section = "motivation"
	if err := s.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	if !d.Started.Equal(started) || !d.Saved.After(started) {
		t.Errorf("second save: Started %v (want %v kept), Saved %v (want later)", d.Started, started, d.Saved)
	}

	// Another window, or the next start, sees it.
	again, err := Open(s.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := again.Drafts()
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || !reflect.DeepEqual(ds[0], d) {
		t.Errorf("Drafts = %+v, want just %+v", ds, d)
	}
}

func TestDraftsComeOldestFirstAndCanBeDiscarded(t *testing.T) {
	s := openTemp(t)
	var made []string
	for _, p := range []string{nhsPatient, localPatient, nhsPatient} {
		d := draftOf(t, p)
		if err := s.SaveDraft(&d); err != nil {
			t.Fatal(err)
		}
		made = append(made, d.ID.String())
	}
	ds, err := s.Drafts()
	if err != nil || len(ds) != 3 || ds[0].ID.String() != made[0] || ds[2].ID.String() != made[2] {
		t.Fatalf("Drafts = %v, %v; want %v in order", ds, err, made)
	}
	if err := s.DiscardDraft(record.MustParseID(made[1])); err != nil {
		t.Fatal(err)
	}
	if err := s.DiscardDraft(record.MustParseID(made[1])); err != nil {
		t.Errorf("discarding a draft already gone: %v, want nil", err)
	}
	if ds, _ := s.Drafts(); len(ds) != 2 || ds[0].ID.String() != made[0] || ds[1].ID.String() != made[2] {
		t.Errorf("after discarding, Drafts = %v", ds)
	}
}

// A draft is never counted as an assessment: nothing that reads records
// sees it.
func TestDraftsAreNeverRecords(t *testing.T) {
	s := openTemp(t)
	d := draftOf(t, nhsPatient)
	if err := s.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	if n := countRecords(t, s); n != 0 {
		t.Errorf("Each sees %d records, want 0", n)
	}
	if hist, _ := s.History(d.Patient); len(hist) != 0 {
		t.Errorf("History sees %d; want none", len(hist))
	}
	if _, err := s.Get(d.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(draft id) = %v, want ErrNotFound", err)
	}
	if _, err := s.Latest(d.Patient); !errors.Is(err, ErrNotFound) {
		t.Errorf("Latest with only a draft = %v, want ErrNotFound", err)
	}
}

// Saving the record made from a draft removes the draft in the same
// transaction, and a late save of the draft (the window closing after
// Saved) cannot bring it back: an assessment is a draft or a record, never
// both, so it is never offered for resuming after it was saved.
func TestSavingTheRecordEndsItsDraft(t *testing.T) {
	s := openTemp(t)
	d := draftOf(t, nhsPatient)
	if err := s.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	other := draftOf(t, localPatient)
	if err := s.SaveDraft(&other); err != nil {
		t.Fatal(err)
	}
	r := assessed(t, nhsPatient)
	r.ID = d.ID
	save(t, s, r)
	ds, err := s.Drafts()
	if err != nil || len(ds) != 1 || ds[0].ID != other.ID {
		t.Errorf("Drafts after saving the record = %v, %v; want only the other draft", ds, err)
	}
	if err := s.SaveDraft(&d); !errors.Is(err, ErrExists) {
		t.Errorf("SaveDraft after its record was saved = %v, want ErrExists", err)
	}
	if ds, _ := s.Drafts(); len(ds) != 1 {
		t.Errorf("the finished draft came back: %v", ds)
	}
}

func TestSaveDraftRefusesAnIDThatIsNotAUUIDv7(t *testing.T) {
	s := openTemp(t)
	for _, id := range []record.ID{record.ID(uuid.New()), record.ID(uuid.Must(uuid.NewDCESecurity(uuid.Person, 1)))} {
		d := draftOf(t, nhsPatient)
		d.ID = id
		if err := s.SaveDraft(&d); !errors.Is(err, ErrInvalidRecord) {
			t.Errorf("SaveDraft(id %q) = %v, want ErrInvalidRecord", id, err)
		}
	}
	if err := s.SaveDraft(nil); !errors.Is(err, ErrInvalidRecord) {
		t.Errorf("SaveDraft(nil) = %v, want ErrInvalidRecord", err)
	}
}

// A draft is kept before the patient is even entered: the window may close
// on the first screen.
func TestDraftWithoutAPatientIsKept(t *testing.T) {
	s := openTemp(t)
	d := Draft{Draft: assess.Draft{Clinician: "R Patel", Section: "patient"}}
	if err := s.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	if ds, err := s.Drafts(); err != nil || len(ds) != 1 {
		t.Errorf("Drafts = %v, %v", ds, err)
	}
	if rep, err := s.Check(); err != nil || !rep.OK() {
		t.Errorf("Check: %v\n%s", err, rep)
	}
}

func TestDraftOperationsOnAHeldStoreFailWithErrLocked(t *testing.T) {
	s := openTemp(t)
	d := draftOf(t, nhsPatient)
	if err := s.SaveDraft(&d); err != nil {
		t.Fatal(err)
	}
	hold := holdWriter(t, s)
	defer hold()
	if err := s.SaveDraft(&d); !errors.Is(err, ErrLocked) {
		t.Errorf("SaveDraft on a held store = %v, want ErrLocked", err)
	}
	if _, err := s.Drafts(); !errors.Is(err, ErrLocked) {
		t.Errorf("Drafts on a held store = %v, want ErrLocked", err)
	}
	if err := s.DiscardDraft(d.ID); !errors.Is(err, ErrLocked) {
		t.Errorf("DiscardDraft on a held store = %v, want ErrLocked", err)
	}
}

// TestADraftKeptByAnEarlierBuildReadsTheSame: the draft's assessment is
// the session's (assess.Draft) and the lease is the store's, yet a draft
// is still the one flat JSON object earlier builds wrote (behind its
// checksum now, draftsum.go), and reads back with every field in its
// place.
func TestADraftKeptByAnEarlierBuildReadsTheSame(t *testing.T) {
	const id = "0190a1b2-0000-7000-8000-000000000009"
	old := `{"id":"` + id + `","patient":{"kind":"nhs","value":"9434765919"},"clinician":"Sister A","team":"Ward 7",` +
		`"instrument_version":"1","answers":{"access.internet":["home"]},"section":"skills","consent":{"learn-my-way":"agreed"},` +
		`"started":"2026-03-01T09:00:00Z","saved":"2026-03-01T09:05:00Z","login":"nurse","holder":"ab12","held_until":"2026-03-01T09:08:00Z"}`
	d, err := decodeDraft(recordKey(record.MustParseID(id)), []byte(old))
	if err != nil {
		t.Fatal(err)
	}
	if d.Patient.Value != "9434765919" || d.Clinician != "Sister A" || d.Section != "skills" || d.Answers.One("access.internet") != "home" ||
		d.Consent["learn-my-way"] != "agreed" || d.Started.Hour() != 9 || d.Saved.Minute() != 5 || d.Login != "nurse" || d.Holder != "ab12" || d.HeldUntil.IsZero() {
		t.Fatalf("read as %+v", d)
	}
	v, err := encodeDraft(&d)
	if err != nil {
		t.Fatal(err)
	}
	j, err := draftJSON(v)
	if err != nil || v[0] != draftSummed {
		t.Fatalf("written again as %q (%v); want it behind its checksum", v, err)
	}
	var a, b map[string]any
	_ = json.Unmarshal([]byte(old), &a)
	_ = json.Unmarshal(j, &b)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("written again as\n%s\nnot\n%s", v, old)
	}
}
