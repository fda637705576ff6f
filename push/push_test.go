package push

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/fhir"
	"digicheck/fhirclient"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/store"
)

func openStore(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(path, store.Options{Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func newStore(t *testing.T) *store.Store {
	t.Helper()
	return openStore(t, filepath.Join(t.TempDir(), "digicheck.db"))
}

func saved(t *testing.T, st *store.Store, patient string) record.Record {
	t.Helper()
	r := testkit.Assessed(t, testkit.Offline(nil))
	pid, err := record.ParsePatientID(patient)
	if err != nil {
		t.Fatal(err)
	}
	r.Patient = pid
	if err := st.Save(&r); err != nil {
		t.Fatal(err)
	}
	return r
}

func amend(t *testing.T, st *store.Store, r record.Record, why string) record.Record {
	t.Helper()
	a := r
	a.Amends, a.AmendReason = r.ID, why
	if err := st.Amend(&a); err != nil {
		t.Fatal(err)
	}
	return a
}

// amendAnswers amends r with another patient's answers: other content.
func amendAnswers(t *testing.T, st *store.Store, r record.Record, a questionnaire.Answers) record.Record {
	t.Helper()
	n := testkit.Assessed(t, a)
	n.Patient, n.Amends, n.AmendReason = r.Patient, r.ID, "answers corrected"
	if err := st.Amend(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func void(t *testing.T, st *store.Store, r record.Record) record.Record {
	t.Helper()
	v, err := st.Void(r.ID, store.Voiding{Reason: "wrong patient", Clinician: "R Patel"})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func newBenchClient(base string) (*fhirclient.Client, error) {
	return fhirclient.New(fhirclient.Config{Base: base})
}

func client(t *testing.T, base string, timeout time.Duration) *fhirclient.Client {
	t.Helper()
	c, err := fhirclient.New(fhirclient.Config{Base: base, Timeout: timeout, Attempts: 2, Backoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var quick = Options{Attempts: 3, Backoff: 10 * time.Millisecond, Site: fhir.Site{LocalSystem: testLocalSystem}}

func run(t *testing.T, st *store.Store, c *fhirclient.Client, o Options) (Report, error) {
	t.Helper()
	return Run(context.Background(), st, c, o)
}

func pending(t *testing.T, st *store.Store, server string) int {
	t.Helper()
	chains, err := st.PushPending(server)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ch := range chains {
		n += len(ch.Pending)
	}
	return n
}

func statusOf(t *testing.T, r fhirclient.Resource) string {
	t.Helper()
	var v struct {
		ID     string `json:"id"`
		Status string `json:"status"`
	}
	if err := json.Unmarshal(r.JSON, &v); err != nil {
		t.Fatal(err)
	}
	return v.Status
}

func TestEachAssessmentIsOneResourceWhoseHistoryIsItsVersions(t *testing.T) {
	s := fhirserver.Shared(t)
	st := newStore(t)
	first := saved(t, st, testkit.NHSNumber)
	amended := amend(t, st, first, "reading help corrected")
	void(t, st, amended)
	other := saved(t, st, "RXH-12345")
	c := client(t, s.Base, 5*time.Second)

	rep, err := run(t, st, c, quick)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pending != 4 || rep.Sent != 4 || rep.Found != 0 || len(rep.Failed) != 0 {
		t.Fatalf("report %+v", rep)
	}
	stats := s.Stats(t)
	if stats.QuestionnaireResponses != 2 || stats.QuestionnaireResponseVersions != 4 || stats.Questionnaires != 1 {
		t.Fatalf("server: %+v, want 2 responses, 4 versions, 1 Questionnaire", stats)
	}
	h, err := c.History(context.Background(), "QuestionnaireResponse", first.ID.String())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range h {
		got = append(got, statusOf(t, v))
	}
	if strings.Join(got, " ") != "entered-in-error amended completed" {
		t.Fatalf("history newest first: %v", got)
	}
	if _, err := c.Read(context.Background(), "QuestionnaireResponse", other.ID.String()); err != nil {
		t.Fatalf("the other assessment: %v", err)
	}
	// A local number goes with the trust's system when it has one; the
	// NHS number with the NHS number system.
	var mine []fhirclient.Resource
	err = c.Search(context.Background(), "QuestionnaireResponse", url.Values{"subject:identifier": {fhir.NHSNumberSystem + "|" + strings.ReplaceAll(testkit.NHSNumber, " ", "")}}, func(r fhirclient.Resource) error {
		mine = append(mine, r)
		return nil
	})
	if err != nil || len(mine) != 1 || mine[0].ID != first.ID.String() {
		t.Fatalf("by NHS number: %v %v", mine, err)
	}

	// Run again: nothing to send, nothing sent.
	before := s.Stats(t).Requests["POST /"]
	rep, err = run(t, st, c, quick)
	if err != nil || rep.Pending != 0 || s.Stats(t).Requests["POST /"] != before {
		t.Fatalf("second push: %+v %v", rep, err)
	}
	// A new amendment later goes on the version the server has.
	amend2 := amend(t, st, other, "second thoughts")
	rep, err = run(t, st, c, quick)
	if err != nil || rep.Sent != 1 {
		t.Fatalf("push of a later amendment: %+v %v", rep, err)
	}
	if v, ok, _ := st.PushedVersion(c.Base(), amend2.ID); !ok || v == "" {
		t.Fatal("the later amendment is not marked accepted")
	}
}

func TestVersionsGoInBundlesOfTheBatchSizeQuestionnaireFirst(t *testing.T) {
	s := fhirserver.Shared(t)
	st := newStore(t)
	for range 5 {
		saved(t, st, testkit.NHSNumber)
	}
	c := client(t, s.Base, 5*time.Second)
	var dry bytes.Buffer
	o := quick
	o.Batch = 20
	o.DryRun = &dry
	rep, err := run(t, st, c, o)
	if err != nil {
		t.Fatal(err)
	}
	type entry struct {
		Resource struct{ ResourceType, ID string }
		Request  struct{ Method, URL, IfMatch string }
	}
	var bundles [][]entry
	sc := bufio.NewScanner(&dry)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var b struct {
			Type  string
			Entry []entry
		}
		if err := json.Unmarshal(sc.Bytes(), &b); err != nil || b.Type != "transaction" {
			t.Fatalf("%v %.100s", err, sc.Bytes())
		}
		bundles = append(bundles, b.Entry)
	}
	if len(bundles) != rep.Bundles || len(bundles) < 3 {
		t.Fatalf("%d Bundles printed, %d reported", len(bundles), rep.Bundles)
	}
	if u := bundles[0][0].Request.URL; !strings.HasPrefix(u, "Questionnaire/") || len(bundles[0]) != 1 {
		t.Fatalf("first Bundle puts %s, want the Questionnaire alone", u)
	}
	responses := 0
	for _, b := range bundles[1:] {
		if len(b) > 20 {
			t.Fatalf("a Bundle of %d resources, more than --batch 20", len(b))
		}
		if b[0].Resource.ResourceType != "QuestionnaireResponse" {
			t.Fatalf("a Bundle starts with %s: a version's resources must go with its response", b[0].Resource.ResourceType)
		}
		for _, e := range b {
			if e.Request.Method != "PUT" || e.Request.URL != e.Resource.ResourceType+"/"+e.Resource.ID {
				t.Fatalf("entry request %+v: want PUT {type}/{id}, never a create", e.Request)
			}
			if e.Resource.ResourceType == "QuestionnaireResponse" {
				responses++
			}
		}
	}
	if responses != 5 {
		t.Fatalf("%d responses in the Bundles, want 5", responses)
	}
	// A dry run sends and marks nothing.
	if st := s.Stats(t); st.Requests["POST /"] != 0 {
		t.Fatalf("a dry run sent %d Bundles", st.Requests["POST /"])
	}
	if n := pending(t, st, c.Base()); n != 5 {
		t.Fatalf("%d pending after a dry run, want 5", n)
	}
	o.DryRun = nil
	if again, err := run(t, st, c, o); err != nil || again.Bundles != rep.Bundles || again.Sent != 5 {
		t.Fatalf("%+v %v", again, err)
	}
}

func TestAPushWhoseAnswerWasLostFindsItsVersionsOnTheServerAndSendsNoneTwice(t *testing.T) {
	s := fhirserver.Shared(t)
	st := newStore(t)
	first := saved(t, st, testkit.NHSNumber)
	saved(t, st, testkit.NHSNumber)
	c := client(t, s.Base, 5*time.Second)
	// Every Bundle is applied and its answer lost, the first time.
	s.Faults(t, fhirserver.Fault{Method: "POST", Path: "/", After: "reset", Times: 2})
	rep, err := run(t, st, c, quick)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Found != 2 || rep.Sent != 0 {
		t.Fatalf("report %+v: want both versions found on the server, none sent again", rep)
	}
	if st := s.Stats(t); st.QuestionnaireResponseVersions != 2 {
		t.Fatalf("server holds %d versions of 2 records: a version was written twice", st.QuestionnaireResponseVersions)
	}
	// An amendment whose answer is lost likewise.
	s.Faults(t, fhirserver.Fault{Method: "POST", Path: "/", After: "reset"})
	amend(t, st, first, "corrected")
	if rep, err = run(t, st, c, quick); err != nil || rep.Found != 1 {
		t.Fatalf("amendment: %+v %v", rep, err)
	}
	if st := s.Stats(t); st.QuestionnaireResponseVersions != 3 {
		t.Fatalf("server holds %d versions of 3", st.QuestionnaireResponseVersions)
	}
}

func TestAnAmendmentNoDifferentFromTheVersionBeforeIsStillSentAsAVersion(t *testing.T) {
	s := fhirserver.Shared(t)
	st := newStore(t)
	first := saved(t, st, testkit.NHSNumber)
	c := client(t, s.Base, 5*time.Second)
	a1 := amend(t, st, first, "one")
	a2 := amend(t, st, a1, "two")
	if a1.Time.Truncate(time.Second) != a2.Time.Truncate(time.Second) {
		t.Skip("the two amendments fell in different seconds; their content differs")
	}
	if _, err := run(t, st, c, quick); err != nil {
		t.Fatal(err)
	}
	if st := s.Stats(t); st.QuestionnaireResponseVersions != 3 {
		t.Fatalf("%d versions of 3", st.QuestionnaireResponseVersions)
	}
}

// twoMachines pushes an assessment from one store, copies the store to a
// second machine, and amends it on both.
func twoMachines(t *testing.T, s *fhirserver.Server) (a, b *store.Store, onB record.Record, c *fhirclient.Client) {
	t.Helper()
	dir := t.TempDir()
	a = openStore(t, filepath.Join(dir, "a.db"))
	first := saved(t, a, testkit.NHSNumber)
	c = client(t, s.Base, 5*time.Second)
	if _, err := run(t, a, c, quick); err != nil {
		t.Fatal(err)
	}
	copyFile(t, filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db"))
	b = openStore(t, filepath.Join(dir, "b.db"))
	amend(t, a, first, "amended on the ward PC")
	onB = amendAnswers(t, b, first, testkit.Included(nil))
	return a, b, onB, c
}

func copyFile(t testing.TB, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestTwoMachinesAmendingOneAssessmentGetAConflictNeverAnOverwrite(t *testing.T) {
	for _, status := range []int{412, 409} {
		t.Run(http(status), func(t *testing.T) {
			s := fhirserver.Shared(t)
			s.Control(t, fhirserver.Control{ConflictStatus: status})
			a, b, onB, c := twoMachines(t, s)
			if _, err := run(t, a, c, quick); err != nil {
				t.Fatal(err)
			}
			rep, err := run(t, b, c, quick)
			if !errors.Is(err, ErrNotAllSent) || len(rep.Conflicts) != 1 || rep.Conflicts[0].Record != onB.ID || len(rep.Failed) != 0 {
				t.Fatalf("second machine: %+v, %v; want its amendment held as a conflict", rep, err)
			}
			msg := err.Error()
			for _, want := range []string{onB.ID.String(), "conflict", "changed on another machine", "kept locally and not sent", "Nothing on the server was overwritten"} {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q lacks %q", msg, want)
				}
			}
			cur, err := c.Read(context.Background(), "QuestionnaireResponse", onB.Amends.String())
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(cur.JSON), "amended") || s.Stats(t).QuestionnaireResponseVersions != 2 {
				t.Fatal("the server's version is not the first machine's amendment")
			}
			// Not lost: still pending on the second machine, and said again.
			if n := pending(t, b, c.Base()); n != 1 {
				t.Fatalf("%d pending on the second machine, want its amendment", n)
			}
		})
	}
}

func TestAConflictFoundOnlyWhenSentIsNarrowedToItsRecord(t *testing.T) {
	s := fhirserver.Shared(t)
	a, b, onB, c := twoMachines(t, s)
	other := saved(t, b, "RXH-12345")
	// The first machine's amendment lands after the second has read the
	// server and before it sends: its Bundle of two is refused, then each
	// is sent alone.
	if _, err := run(t, a, c, quick); err != nil {
		t.Fatal(err)
	}
	p := &pusher{st: b, c: c, o: quick, server: c.Base()}
	p.o.Batch = DefaultBatch
	chains, err := b.PushPending(c.Base())
	if err != nil {
		t.Fatal(err)
	}
	var items []*item
	for i := range chains {
		it, err := p.build(&chains[i])
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, it)
	}
	if err := p.send(context.Background(), items); err != nil {
		t.Fatal(err)
	}
	if len(p.rep.Conflicts) != 1 || p.rep.Conflicts[0].Record != onB.ID || p.rep.Sent != 1 {
		t.Fatalf("report %+v: want the conflicting amendment failed and %s sent", p.rep, other.ID)
	}
	if _, ok, _ := b.PushedVersion(c.Base(), other.ID); !ok {
		t.Fatal("the record with no conflict was not marked")
	}
}

func http(status int) string { return map[int]string{409: "409 as HAPI", 412: "412 as R4"}[status] }

func TestARefusedRecordIsNamedWithTheServersWordsAndHoldsUpNoOther(t *testing.T) {
	s := fhirserver.Shared(t)
	st := newStore(t)
	saved(t, st, testkit.NHSNumber)
	c := client(t, s.Base, 5*time.Second)
	if _, err := run(t, st, c, quick); err != nil {
		t.Fatal(err)
	}
	bad := saved(t, st, testkit.NHSNumber)
	saved(t, st, testkit.NHSNumber)
	saved(t, st, testkit.NHSNumber)
	// The Bundle of three is refused, and so is the first of them sent
	// alone.
	s.Faults(t, fhirserver.Fault{Method: "POST", Path: "/", Status: 422, Times: 2, Text: "QuestionnaireResponse.item: answer not allowed"})
	rep, err := run(t, st, c, quick)
	if !errors.Is(err, ErrNotAllSent) {
		t.Fatalf("err = %v", err)
	}
	if rep.Sent != 2 || len(rep.Failed) != 1 || rep.Failed[0].Record != bad.ID {
		t.Fatalf("report %+v, want 2 sent and %s refused", rep, bad.ID)
	}
	msg := err.Error()
	if !strings.Contains(msg, "422") || !strings.Contains(msg, "answer not allowed") || !strings.Contains(msg, "record "+rep.Failed[0].Record.String()) {
		t.Fatalf("message %q: want the status, the server's words and the record", msg)
	}
}

func TestServerFaultsLoseNothingAndSaySoPlainly(t *testing.T) {
	one := 0
	for _, tc := range []struct {
		name    string
		faults  []fhirserver.Fault
		token   string
		timeout time.Duration
		want    string // "" when the push ends with everything sent
	}{
		{name: "500s that pass", faults: []fhirserver.Fault{{Status: 500, Times: 3}}},
		{name: "429 with Retry-After", faults: []fhirserver.Fault{{Status: 429, RetryAfter: &one, Times: 2}}},
		{name: "500s that last", faults: []fhirserver.Fault{{Status: 500, Times: 100}}, want: "500 Internal Server Error"},
		{name: "slow answers past the timeout", faults: []fhirserver.Fault{{DelayMs: 700, Times: 100}}, timeout: 200 * time.Millisecond, want: "did not answer within 200ms"},
		{name: "401", token: "right", want: "401 Unauthorized"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := fhirserver.Shared(t)
			st := newStore(t)
			first := saved(t, st, testkit.NHSNumber)
			amend(t, st, first, "corrected")
			saved(t, st, "RXH-12345")
			timeout := tc.timeout
			if timeout == 0 {
				timeout = 5 * time.Second
			}
			c := client(t, s.Base, timeout)
			s.Faults(t, tc.faults...)
			if tc.token != "" {
				s.RequireToken(t, tc.token)
			}
			rep, err := run(t, st, c, quick)
			if tc.want == "" {
				if err != nil || rep.Sent != 3 {
					t.Fatalf("%+v %v", rep, err)
				}
			} else {
				if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "3 of 3 record versions not sent") {
					t.Fatalf("err = %v; want it to say %q and that nothing was sent", err, tc.want)
				}
				if n := pending(t, st, c.Base()); n != 3 {
					t.Fatalf("%d pending, want all 3 kept to send", n)
				}
				// Once the fault is gone, the next push sends them.
				s.Control(t, fhirserver.Control{ClearFaults: true})
				s.RequireToken(t, "")
				rep, err = run(t, st, client(t, s.Base, 5*time.Second), quick)
				if err != nil || rep.Sent+rep.Found != 3 {
					t.Fatalf("after the fault: %+v %v", rep, err)
				}
			}
			if st := s.Stats(t); st.QuestionnaireResponseVersions != 3 || st.QuestionnaireResponses != 2 {
				t.Fatalf("server %+v, want 2 responses in 3 versions", st)
			}
		})
	}
}

func TestAServerThatIsDownIsSaidPlainlyAndNothingIsLost(t *testing.T) {
	s := fhirserver.Start(t)
	base := s.Base
	s.Stop()
	st := newStore(t)
	saved(t, st, testkit.NHSNumber)
	c := client(t, base, time.Second)
	_, err := run(t, st, c, quick)
	if err == nil || !strings.Contains(err.Error(), "cannot reach the FHIR server") || !strings.Contains(err.Error(), "1 of 1 record version not sent") {
		t.Fatalf("err = %v", err)
	}
	if n := pending(t, st, c.Base()); n != 1 {
		t.Fatalf("%d pending", n)
	}
}

// TestAnAmendmentOfACopyReadFromTheServerGoesOnTheServersVersion: a
// baseline read from the server into a second machine's store (a copy) is
// not sent back, and an amendment made there goes on the version the
// server holds, or is a conflict if the server has moved on.
func TestAnAmendmentOfACopyReadFromTheServerGoesOnTheServersVersion(t *testing.T) {
	s := fhirserver.Shared(t)
	c := client(t, s.Base, 5*time.Second)
	a := newStore(t)
	baseline := saved(t, a, testkit.NHSNumber)
	other := saved(t, a, "RXH-12345")
	if _, err := run(t, a, c, quick); err != nil {
		t.Fatal(err)
	}
	b := newStore(t)
	for _, r := range []record.Record{baseline, other} {
		cp := r
		if err := b.SaveCopy(&cp, c.Base()); err != nil {
			t.Fatal(err)
		}
	}
	if n := pending(t, b, c.Base()); n != 0 {
		t.Fatalf("%d of the copies read from the server are pending to go back to it", n)
	}
	onB := amendAnswers(t, b, baseline, testkit.Included(nil))
	rep, err := run(t, b, c, quick)
	if err != nil || rep.Sent != 1 {
		t.Fatalf("%+v %v", rep, err)
	}
	cur, err := c.Read(context.Background(), "QuestionnaireResponse", baseline.ID.String())
	if err != nil {
		t.Fatal(err)
	}
	if held, ok, _ := fhir.RecordIn(cur.JSON); !ok || held.ID != onB.ID {
		t.Fatal("the server's current version is not the amendment made on the copy")
	}
	if st := s.Stats(t); st.QuestionnaireResponseVersions != 3 {
		t.Fatalf("%d versions, want the two first versions and the amendment", st.QuestionnaireResponseVersions)
	}

	// The first machine amends the other on the server; the second then
	// amends its copy of it: a conflict, nothing overwritten.
	amendAnswers(t, a, other, testkit.Included(nil))
	if _, err := run(t, a, c, quick); err != nil {
		t.Fatal(err)
	}
	late := amendAnswers(t, b, other, testkit.Full(nil))
	rep, err = run(t, b, c, quick)
	if !errors.Is(err, ErrNotAllSent) || len(rep.Conflicts) != 1 || rep.Conflicts[0].Record != late.ID {
		t.Fatalf("%+v %v", rep, err)
	}
}

func TestTwoPushesOfOneStoreDoNotRunAtOnce(t *testing.T) {
	s := fhirserver.Shared(t)
	st := newStore(t)
	saved(t, st, testkit.NHSNumber)
	c := client(t, s.Base, 5*time.Second)
	lease, err := st.StartPush(c.Base())
	if err != nil {
		t.Fatal(err)
	}
	_, err = run(t, st, c, quick)
	if !errors.Is(err, store.ErrPushing) || !strings.Contains(err.Error(), "another digicheck push") {
		t.Fatalf("a push while another runs: %v", err)
	}
	if s.Stats(t).Requests["POST /"] != 0 {
		t.Fatal("it sent something")
	}
	// A dry run sends nothing and needs no lease.
	if _, err := run(t, st, c, Options{DryRun: io.Discard}); err != nil {
		t.Fatal(err)
	}
	if err := lease.Release(); err != nil {
		t.Fatal(err)
	}
	if rep, err := run(t, st, c, quick); err != nil || rep.Sent != 1 {
		t.Fatalf("after the other finished: %+v %v", rep, err)
	}
}

func TestAConflictIsAnErrConflict(t *testing.T) {
	s := fhirserver.Shared(t)
	a, b, _, c := twoMachines(t, s)
	if _, err := run(t, a, c, quick); err != nil {
		t.Fatal(err)
	}
	rep, err := run(t, b, c, quick)
	if len(rep.Conflicts) != 1 || !errors.Is(err, fhirclient.ErrConflict) {
		t.Fatalf("%+v, %v: the error must wrap fhirclient.ErrConflict, for callers that say why in a word", rep, err)
	}
}

func TestAPushCanWaitForAnotherToFinish(t *testing.T) {
	s := fhirserver.Shared(t)
	st := newStore(t)
	saved(t, st, testkit.NHSNumber)
	c := client(t, s.Base, 5*time.Second)
	lease, err := st.StartPush(c.Base())
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(500 * time.Millisecond)
		lease.Release()
	}()
	o := quick
	o.WaitForOther = 10 * time.Second
	start := time.Now()
	rep, err := run(t, st, c, o)
	if err != nil || rep.Sent != 1 {
		t.Fatalf("%+v %v", rep, err)
	}
	if d := time.Since(start); d < 400*time.Millisecond {
		t.Fatalf("sent after %v, before the other push finished", d)
	}
}

// TestTheSameServerByAnotherURLIsNoConflict: a store pushed to the server
// by one spelling of its URL and then by another (a trailing slash, the
// host in capitals, a doubled slash) has nothing to send the second time:
// it is the same server, which already holds every version, not another
// machine's changes.
func TestTheSameServerByAnotherURLIsNoConflict(t *testing.T) {
	s := fhirserver.Shared(t)
	st := newStore(t)
	first := saved(t, st, testkit.NHSNumber)
	amend(t, st, first, "reading help corrected")
	if _, err := run(t, st, client(t, s.Base, 5*time.Second), quick); err != nil {
		t.Fatal(err)
	}
	scheme, rest, _ := strings.Cut(s.Base, "://")
	host, path, _ := strings.Cut(rest, "/")
	for _, other := range []string{
		s.Base + "/",
		strings.ToUpper(scheme) + "://" + host + "//" + path + "/",
		scheme + "://" + host + "/./" + path,
		// 127.0.0.1 by the name localhost, in any case: found giving
		// false conflicts with the test server.
		scheme + "://" + strings.Replace(host, "127.0.0.1", "LocalHost", 1) + "/" + path,
	} {
		rep, err := run(t, st, client(t, other, 5*time.Second), quick)
		if err != nil || rep.Pending != 0 {
			t.Errorf("push by %s: %+v, %v; want nothing to send", other, rep, err)
		}
	}
	if n := s.Stats(t).QuestionnaireResponseVersions; n != 2 {
		t.Errorf("the server holds %d versions, want 2", n)
	}
}

// TestAConflictIsKeptAsOneNotRetriedAndNamesTheServersVersion: a 409/412
// is no failure that passes. The second machine's amendment is marked a
// conflict in the push state, with the server's version, who made it and
// when; the next push does not send it again (the server sees no second
// attempt) and says the same, plainly, every time.
func TestAConflictIsKeptAsOneNotRetriedAndNamesTheServersVersion(t *testing.T) {
	for _, status := range []int{412, 409} {
		t.Run(http(status), func(t *testing.T) {
			s := fhirserver.Shared(t)
			s.Control(t, fhirserver.Control{ConflictStatus: status})
			a, b, onB, c := twoMachines(t, s)
			if _, err := run(t, a, c, quick); err != nil {
				t.Fatal(err)
			}
			onA, err := a.Current(onB.Amends)
			if err != nil {
				t.Fatal(err)
			}
			run(t, b, c, quick)
			known, err := b.Conflicts(c.Base())
			if err != nil {
				t.Fatal(err)
			}
			k, ok := known[onB.ID]
			if !ok || k.ServerRecord != onA.ID || k.ServerClinician != onA.Clinician || !k.ServerTime.Equal(onA.Time) || k.ServerVersion == "" || k.What != "amendment" {
				t.Fatalf("push state %+v; want %s a conflict with the ward's %s by %s", known, onB.ID, onA.ID, onA.Clinician)
			}
			before := s.Stats(t).Requests["POST /"]
			for range 2 {
				rep, err := run(t, b, c, quick)
				if len(rep.Conflicts) != 1 || !errors.Is(err, fhirclient.ErrConflict) {
					t.Fatalf("next push: %+v, %v; want the conflict said again", rep, err)
				}
				want := "assessment " + onB.Amends.String() + " was changed on another machine; its server version is " + k.ServerVersion +
					" (record " + onA.ID.String() + ") by " + onA.Clinician + " at " + onA.Time.Local().Format("2006-01-02 15:04") +
					"; this machine's amendment " + onB.ID.String() + " is kept locally and not sent"
				if !strings.Contains(err.Error(), want) {
					t.Errorf("message:\n%s\nwant:\n%s", err, want)
				}
			}
			if after := s.Stats(t).Requests["POST /"]; after != before {
				t.Errorf("the conflicting amendment was sent again: %d transactions before, %d after", before, after)
			}
		})
	}
}

// TestAFailingServerIsNeverASilentWaitAndTheTriesAreCounted: against a
// server that answers 500 to everything, each wait between tries is told
// (what, try n of m, how long), the message says how many tries were
// made, and that is how many requests the server got. A bound on the
// whole wait stops the tries that would pass it.
func TestAFailingServerIsNeverASilentWaitAndTheTriesAreCounted(t *testing.T) {
	s := fhirserver.Shared(t)
	st := newStore(t)
	saved(t, st, testkit.NHSNumber)
	c, err := fhirclient.New(fhirclient.Config{Base: s.Base, Timeout: 5 * time.Second, Attempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	s.Faults(t, fhirserver.Fault{Status: 500, Times: 1000})
	var told []Retry
	o := Options{Attempts: 3, Backoff: 20 * time.Millisecond, Waiting: func(r Retry) { told = append(told, r) }}
	_, err = run(t, st, c, o)
	if err == nil || !strings.Contains(err.Error(), "tried 3 times") {
		t.Fatalf("err = %v; want it to say it tried 3 times", err)
	}
	requests := 0
	for _, n := range s.Stats(t).Requests {
		requests += n
	}
	if requests != 3 {
		t.Errorf("the server got %d requests where the message says 3 tries", requests)
	}
	if len(told) != 2 || told[0].Attempt != 1 || told[1].Attempt != 2 || told[0].Of != 3 || told[1].Wait != 2*told[0].Wait ||
		!strings.Contains(told[0].What, "Questionnaire") || told[0].Err == nil {
		t.Errorf("waits told: %+v; want tries 1 and 2 of 3, the second wait twice the first", told)
	}

	s.Control(t, fhirserver.Control{Reset: true})
	s.Faults(t, fhirserver.Fault{Status: 500, Times: 1000})
	start := time.Now()
	_, err = run(t, st, c, Options{Attempts: 5, Backoff: 400 * time.Millisecond, MaxWait: time.Second})
	if took := time.Since(start); took > 1500*time.Millisecond || err == nil || !strings.Contains(err.Error(), "tried 2 times") {
		t.Errorf("with a bound of 1s: %v after %s; want it to stop after 2 tries, within the bound", err, took)
	}
}

// Found by an integration test: after a real conflict every later push
// exited 1 for good, with no way to settle it.
func TestAConflictSettledByKeepingThisMachinesVersionIsSentOnTheServersVersionSeen(t *testing.T) {
	s := fhirserver.Shared(t)
	a, b, onB, c := twoMachines(t, s)
	if _, err := run(t, a, c, quick); err != nil {
		t.Fatal(err)
	}
	rep, err := run(t, b, c, quick)
	if len(rep.Conflicts) != 1 {
		t.Fatalf("want a conflict: %+v %v", rep, err)
	}
	if !strings.Contains(err.Error(), "--resolve "+"RECORD --keep-mine") {
		t.Errorf("the conflict does not say how to settle it: %v", err)
	}
	seen := rep.Conflicts[0].ServerVersion
	if _, err := b.SettleConflict(c.Base(), onB.ID); err != nil {
		t.Fatal(err)
	}
	rep, err = run(t, b, c, quick)
	if err != nil || rep.Sent != 1 {
		t.Fatalf("settled: %+v %v", rep, err)
	}
	h, err := c.History(t.Context(), "QuestionnaireResponse", onB.Amends.String())
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 3 || !strings.Contains(string(h[0].JSON), onB.ID.String()) || h[1].VersionID != seen {
		t.Fatalf("server history: %d versions, want the first machine's kept under this machine's", len(h))
	}
	if n := pending(t, b, c.Base()); n != 0 {
		t.Fatalf("%d still pending", n)
	}
	// Nothing to settle once sent.
	if _, err := b.SettleConflict(c.Base(), onB.ID); !errors.Is(err, store.ErrNoConflict) {
		t.Fatalf("settling a sent version: %v", err)
	}
}

// A settled conflict goes only on the version the clinician saw: a server
// that has moved on since is a conflict again, never overwritten.
func TestASettledConflictMeetingANewerServerVersionIsAConflictAgain(t *testing.T) {
	s := fhirserver.Shared(t)
	a, b, onB, c := twoMachines(t, s)
	if _, err := run(t, a, c, quick); err != nil {
		t.Fatal(err)
	}
	if rep, _ := run(t, b, c, quick); len(rep.Conflicts) != 1 {
		t.Fatalf("want a conflict: %+v", rep)
	}
	if _, err := b.SettleConflict(c.Base(), onB.ID); err != nil {
		t.Fatal(err)
	}
	cur, err := a.Current(onB.Amends)
	if err != nil {
		t.Fatal(err)
	}
	amend(t, a, cur, "changed again on the ward PC")
	if _, err := run(t, a, c, quick); err != nil {
		t.Fatal(err)
	}
	rep, err := run(t, b, c, quick)
	if len(rep.Conflicts) != 1 || rep.Sent != 0 || !errors.Is(err, fhirclient.ErrConflict) {
		t.Fatalf("want a conflict again: %+v %v", rep, err)
	}
}

// Found by trying push: a 429 whose Retry-After was past --max-wait
// stopped after one try and did not say why.
func TestARetryAfterPastTheMaxWaitIsSaid(t *testing.T) {
	s := fhirserver.Shared(t)
	st := newStore(t)
	saved(t, st, testkit.NHSNumber)
	after := 60
	s.Faults(t, fhirserver.Fault{Status: 429, RetryAfter: &after, Times: 5, Method: "POST"})
	o := quick
	o.MaxWait = 5 * time.Second
	c, err := fhirclient.New(fhirclient.Config{Base: s.Base, Timeout: 5 * time.Second, Attempts: 1}) // as push runs it
	if err != nil {
		t.Fatal(err)
	}
	_, err = run(t, st, c, o)
	if err == nil || !strings.Contains(err.Error(), "the next try would be in 1m0s, past the 5s it may be tried for (--max-wait)") {
		t.Fatalf("%v; want the stop explained", err)
	}
}

// TestASecondServerGetsEveryChainWholeFirstVersionFirst: a store pushed to
// one server and then to another sends the second every version of each
// assessment, the first before its amendments and void, kept per server:
// the first server's push state says nothing of what the second has. A
// copy of another server's record that this machine amended goes to the
// second server under its assessment, before the amendment. Found pushing
// to a second server, which was sent amendments without the versions they
// amend.
func TestASecondServerGetsEveryChainWholeFirstVersionFirst(t *testing.T) {
	one := fhirserver.Shared(t)
	two := fhirserver.Start(t)
	c1, c2 := client(t, one.Base, 5*time.Second), client(t, two.Base, 5*time.Second)

	// Another machine's assessment, read from the first server here.
	other := newStore(t)
	theirs := saved(t, other, "RXH-12345")
	if _, err := run(t, other, c1, quick); err != nil {
		t.Fatal(err)
	}
	st := newStore(t)
	cp := theirs
	if err := st.SaveCopy(&cp, c1.Base()); err != nil {
		t.Fatal(err)
	}
	first := saved(t, st, testkit.NHSNumber)
	amended := amend(t, st, first, "reading help corrected")
	if _, err := run(t, st, c1, quick); err != nil {
		t.Fatal(err)
	}
	onCopy := amendAnswers(t, st, theirs, testkit.Included(nil))
	voided := void(t, st, amended)
	if _, err := run(t, st, c1, quick); err != nil {
		t.Fatal(err)
	}

	rep, err := run(t, st, c2, quick)
	if err != nil || rep.Sent != 5 || len(rep.Failed)+len(rep.Conflicts) != 0 {
		t.Fatalf("push to the second server: %+v, %v; want all 5 versions sent", rep, err)
	}
	for assessment, want := range map[record.ID][]record.ID{
		first.ID:  {first.ID, amended.ID, voided.ID},
		theirs.ID: {theirs.ID, onCopy.ID},
	} {
		hist, err := c2.History(context.Background(), "QuestionnaireResponse", assessment.String())
		if err != nil {
			t.Fatal(err)
		}
		var got []record.ID
		for _, h := range hist {
			r, ok, _ := fhir.RecordIn(h.JSON)
			if !ok {
				t.Fatalf("a version of %s carries no record", assessment)
			}
			got = append(got, r.ID)
		}
		slices.Reverse(got) // History is newest first
		if !slices.Equal(got, want) {
			t.Errorf("the second server holds %v of assessment %s, want %v, first version first", got, assessment, want)
		}
	}
	if n := pending(t, st, c2.Base()); n != 0 {
		t.Errorf("%d versions still pending for the second server", n)
	}
	if rep, err := run(t, st, c2, quick); err != nil || rep.Pending != 0 {
		t.Errorf("a second push to the second server: %+v, %v; want nothing to send", rep, err)
	}
}

// The versions behind one not sent are said as they are: behind a
// conflict they are never sent as they stand (settling it sends this
// machine's latest version, or keeps the server's), and behind a version
// the server refused they go once what it said is put right; neither
// "waits" to be sent by the next push, as they were said to.
func TestVersionsBehindOneNotSentAreSaidAsTheyAreNotAsWaiting(t *testing.T) {
	s := fhirserver.Start(t)
	a, b, onB, c := twoMachines(t, s)
	if _, err := run(t, a, c, quick); err != nil {
		t.Fatal(err)
	}
	again := amend(t, b, onB, "amended again on the laptop")
	_, err := run(t, b, c, quick)
	if err == nil {
		t.Fatal("a conflict with a version behind it was sent")
	}
	msg := err.Error()
	// The conflict is this machine's latest version, made on the one
	// refused, which is said as it is.
	for _, want := range []string{"this machine's amendment " + again.ID.String() + " is kept locally and not sent, nor its amendment " + onB.ID.String(),
		"1 earlier version held here that the versions in conflict rest on is not sent as it stands", "--keep-mine", "--keep-server", "they stay in this store"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "wait") {
		t.Errorf("message says versions wait:\n%s", msg)
	}

	cur, err := a.Current(onB.Amends)
	if err != nil {
		t.Fatal(err)
	}
	next := amend(t, a, cur, "amended on the ward PC again")
	amend(t, a, next, "and once more")
	s.Faults(t, fhirserver.Fault{Status: 422, Times: 20, Method: "POST", Text: "refused by the trust's profile"})
	_, err = run(t, a, c, quick)
	if err == nil {
		t.Fatal("a version the server refused was sent")
	}
	msg = err.Error()
	for _, want := range []string{"refused by the trust's profile", "1 later version behind the versions refused is not sent until the version before each is", "then digicheck push sends them"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "wait") {
		t.Errorf("message says versions wait:\n%s", msg)
	}
}

// testLocalSystem is a trust's system of local numbers, as a site config
// sets it (local_number_system).
const testLocalSystem = "https://fhir.example-trust.nhs.uk/Id/local-number"

func TestARecordIdentifiedOnlyByALocalNumberIsKeptHereUnsentUntilTheSiteSetsItsSystemAndSaidOnce(t *testing.T) {
	s := fhirserver.Start(t)
	st := newStore(t)
	nhs := saved(t, st, testkit.NHSNumber)
	local := saved(t, st, "RX-777")
	amended := amend(t, st, local, "reading help corrected")
	other := saved(t, st, "RX-778")
	c := client(t, s.Base, 5*time.Second)

	// A machine whose site config sets no local_number_system: sent
	// without one, no machine could find these by local number.
	o := quick
	o.Site, o.SiteConfig = fhir.Site{}, "/etc/digicheck/config.toml"
	rep, err := run(t, st, c, o)
	if err == nil {
		t.Fatal("records identified only by a local number were sent without the trust's system")
	}
	if !errors.Is(err, ErrNotAllSent) || !errors.Is(err, ErrNoLocalSystem) {
		t.Fatalf("error is not ErrNotAllSent and ErrNoLocalSystem: %v", err)
	}
	if rep.Pending != 4 || rep.Sent != 1 || len(rep.NoLocalSystem) != 3 || len(rep.Failed) != 0 {
		t.Fatalf("report %+v, want 4 pending, 1 sent, 3 kept for want of local_number_system", rep)
	}
	for _, id := range []record.ID{local.ID, amended.ID, other.ID} {
		if !slices.Contains(rep.NoLocalSystem, id) {
			t.Errorf("record %s is not among those kept for want of local_number_system: %v", id, rep.NoLocalSystem)
		}
	}
	if _, ok, _ := st.PushedVersion(c.Base(), nhs.ID); !ok {
		t.Error("the NHS-numbered record was held back with them")
	}
	if stats := s.Stats(t); stats.QuestionnaireResponses != 1 {
		t.Fatalf("server holds %d responses, want only the NHS-numbered one", stats.QuestionnaireResponses)
	}
	msg := err.Error()
	if n := strings.Count(msg, "local_number_system"); n != 2 {
		t.Errorf("the setting is named %d times, want once in the reason and once in what to do:\n%s", n, msg)
	}
	for _, want := range []string{"3 of 4 record versions not sent", "3 record versions of patients identified only by a local number are kept here and not sent", "/etc/digicheck/config.toml", "the next push sends them"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "RX-777") {
		t.Errorf("the reason is said per record, not once:\n%s", msg)
	}

	// Nothing is lost: with the setting made, the next push sends them,
	// in the trust's system, where every machine finds them.
	o.Site = fhir.Site{LocalSystem: testLocalSystem}
	rep, err = run(t, st, c, o)
	if err != nil || rep.Sent != 3 || len(rep.NoLocalSystem) != 0 {
		t.Fatalf("push with local_number_system set: %+v %v", rep, err)
	}
	var found []string
	err = c.Search(context.Background(), "QuestionnaireResponse", url.Values{"subject:identifier": {testLocalSystem + "|RX-777"}}, func(r fhirclient.Resource) error {
		found = append(found, r.ID)
		return nil
	})
	if err != nil || len(found) != 1 || found[0] != local.ID.String() {
		t.Fatalf("by local number in the trust's system: %v %v", found, err)
	}
}
