package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"digicheck/fhirclient"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/site"
	"digicheck/store"
)

// pushStore is a store of n synthetic records: pushed with --test-server,
// as the local server is one.
func pushStore(t *testing.T, n int) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "digicheck.db")
	if _, errOut, err := runCLI(t, map[string]string{"DIGICHECK_DB": db}, "", "synthetic", "--count", strconv.Itoa(n), "--seed", "5"); err != nil {
		t.Fatalf("synthetic: %v\n%s", err, errOut)
	}
	return db
}

func TestPushNeedsAServerAndRefusesPlainHTTPToAnotherMachine(t *testing.T) {
	db := pushStore(t, 3)
	env := map[string]string{"DIGICHECK_DB": db}
	if _, _, err := runCLI(t, env, "", "push"); err == nil || !strings.Contains(err.Error(), "no FHIR server: give --server URL, or set fhir_server") {
		t.Fatalf("no server: %v", err)
	}
	if _, _, err := runCLI(t, env, "", "push", "--server", "http://10.1.2.3/fhir"); err == nil || !strings.Contains(err.Error(), "must go over https") {
		t.Fatalf("plain http: %v", err)
	}
	if _, _, err := runCLI(t, env, "", "push", "--server", "https://fhir.example.nhs.uk/fhir", "--batch", "0"); err == nil || !strings.Contains(err.Error(), "--batch 0") {
		t.Fatalf("batch 0: %v", err)
	}
}

func TestPushTakesTheServerAndItsTokenFromTheSiteConfig(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	s := fhirserver.Shared(t)
	s.RequireToken(t, "site-token-7")
	db := pushStore(t, 20)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "token"), []byte("site-token-7\n"), 0o600)
	cfg := filepath.Join(dir, "config.toml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("fhir_server = %q\nfhir_token_file = \"token\"\n", s.Base)), 0o600)
	env := map[string]string{"DIGICHECK_DB": db, "DIGICHECK_CONFIG": cfg}

	out, errOut, err := runCLI(t, env, "", "push", "--batch", "7", "--test-server")
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if !strings.Contains(out, "Sent 20 of 20 record versions to "+s.Base) {
		t.Fatalf("stdout %q", out)
	}
	// stderr is not a terminal here: plain counts, no bar.
	if !strings.Contains(errOut, "push: 20 of 20 record versions accounted for: 20 sent, 0 already on the server, 0 not sent;") || strings.Contains(errOut, "\r") {
		t.Fatalf("stderr %q: want plain counts", errOut)
	}
	if strings.Contains(out+errOut, "site-token-7") {
		t.Fatal("the token was printed")
	}
	out, _, err = runCLI(t, env, "", "push", "--test-server")
	if err != nil || !strings.Contains(out, "Nothing to send") {
		t.Fatalf("again: %q %v", out, err)
	}

	// A wrong token: refused, said plainly, the token never shown.
	os.WriteFile(filepath.Join(dir, "token"), []byte("wrong-token-8\n"), 0o600)
	other := pushStore(t, 2)
	_, _, err = runCLI(t, map[string]string{"DIGICHECK_DB": other, "DIGICHECK_CONFIG": cfg}, "", "push", "--test-server")
	if err == nil || !strings.Contains(err.Error(), "401") || !strings.Contains(err.Error(), "nothing was sent to") || strings.Contains(err.Error(), "wrong-token-8") {
		t.Fatalf("wrong token: %v", err)
	}
}

// A wrong token is the site's settings to fix, said as void and history
// say it; with nothing pending, push claims nothing of the server's state
// it did not read.
func TestPushWithAWrongTokenSaysTheSettingsNeedFixingAndClaimsNothing(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	s := fhirserver.Shared(t)
	s.RequireToken(t, "site-token-3")
	db := pushStore(t, 1)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("fhir_server = %q\nfhir_token_file = \"token\"\n", s.Base)), 0o600)
	env := map[string]string{"DIGICHECK_DB": db, "DIGICHECK_CONFIG": cfg}

	os.WriteFile(filepath.Join(dir, "token"), []byte("wrong-token-4\n"), 0o600)
	_, _, err := runCLI(t, env, "", "push", "--test-server")
	if err == nil || !strings.Contains(err.Error(), "the site's FHIR settings need fixing first") || !strings.Contains(err.Error(), "401") {
		t.Fatalf("wrong token: %v", err)
	}

	os.WriteFile(filepath.Join(dir, "token"), []byte("site-token-3\n"), 0o600)
	if _, errOut, err := runCLI(t, env, "", "push", "--test-server"); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	os.WriteFile(filepath.Join(dir, "token"), []byte("wrong-token-4\n"), 0o600)
	// Nothing pending: the server could not be asked whether it still
	// holds them, said so, as a refusal (it said "nothing was checked"
	// and ended 0).
	out, _, err := runCLI(t, env, "", "push", "--test-server")
	if said := strings.Join(strings.Fields(out), " "); err == nil || strings.Contains(said, "has every record version") || !strings.Contains(said, "whether the server still holds them is not known") ||
		!strings.Contains(err.Error(), "the site's FHIR settings need fixing first") || !strings.Contains(err.Error(), "401") {
		t.Fatalf("nothing pending, wrong token: %q %v", out, err)
	}
}

func TestPushDryRunPrintsTheBundlesAndSendsNothing(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	s := fhirserver.Shared(t)
	db := pushStore(t, 12)
	out, errOut, err := runCLI(t, map[string]string{"DIGICHECK_DB": db}, "", "push", "--server", s.Base, "--dry-run", "--batch", "30", "--test-server")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	responses := 0
	for _, l := range lines {
		var b struct {
			ResourceType, Type string
			Entry              []struct {
				Resource struct{ ResourceType string }
				Request  struct{ Method, URL string }
			}
		}
		if err := json.Unmarshal([]byte(l), &b); err != nil || b.ResourceType != "Bundle" || b.Type != "transaction" || len(b.Entry) == 0 || len(b.Entry) > 30 {
			t.Fatalf("not a transaction of at most 30: %.200s", l)
		}
		for _, e := range b.Entry {
			if e.Request.Method != "PUT" {
				t.Fatalf("%s %s: every entry is a PUT", e.Request.Method, e.Request.URL)
			}
			if e.Resource.ResourceType == "QuestionnaireResponse" {
				responses++
			}
		}
	}
	if responses != 12 {
		t.Fatalf("%d responses printed, want 12", responses)
	}
	if !strings.Contains(errOut, "nothing was sent") || s.Stats(t).Requests["POST /"] != 0 {
		t.Fatalf("stderr %q, stats %+v", errOut, s.Stats(t))
	}
}

// TestAPushKilledAtRandomSendsEveryVersionOnceAndLosesNone: 1,000
// synthetic assessments with amendments and voids, pushed by a push
// killed with SIGKILL at random points 20 times and then run to the end.
// The server ends with one current resource per assessment, holding its
// current version; every version once in its history; and as many counted
// assessments as summary --exact counts.
func TestAPushKilledAtRandomSendsEveryVersionOnceAndLosesNone(t *testing.T) {
	t.Parallel()
	bin := binary(t) // an end-to-end test: once, not under -race
	s := fhirserver.Start(t)
	db := syntheticByBinary(t, bin, 1030) // about 1,000 assessments: synthetic amends some

	// Amendments and voids through the store, on top of synthetic's own.
	st, err := store.Open(db, store.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var current []record.Record
	err = st.Each(func(r record.Record) error {
		current = append(current, r)
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	amended, voided := 0, 0
	for i, r := range current {
		cur, err := st.Current(r.ID)
		if err != nil || cur.ID != r.ID || cur.Status == record.EnteredInError {
			continue // not current, or voided already
		}
		switch {
		case i%9 == 0:
			a := cur
			a.Amends, a.AmendReason = cur.ID, "answer corrected after the visit"
			if err := st.Amend(&a); err != nil {
				t.Fatal(err)
			}
			amended++
			if i%27 == 0 {
				if _, err := st.Void(a.ID, store.Voiding{Reason: "wrong patient", Clinician: "R Patel"}); err != nil {
					t.Fatal(err)
				}
				voided++
			}
		case i%31 == 0:
			if _, err := st.Void(cur.ID, store.Voiding{Reason: "duplicate", Clinician: "R Patel"}); err != nil {
				t.Fatal(err)
			}
			voided++
		}
	}
	if amended < 50 || voided < 30 {
		t.Fatalf("only %d amendments and %d voids made", amended, voided)
	}

	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 13))
	killed := 0
	for range 20 {
		cmd := exec.Command(bin, "--db", db, "push", "--server", s.Base, "--test-server")
		var errb strings.Builder
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			t.Logf("push ended before its kill: %v %s", err, errb.String())
		// Short, so twenty kills fall inside the one push's work even on an
		// idle machine, where a whole push takes a few seconds: a push that
		// ran to its end would leave the next ones nothing to do.
		case <-time.After(time.Duration(50+rng.IntN(300)) * time.Millisecond):
			cmd.Process.Kill()
			<-done
			killed++
		}
	}
	if killed < 10 {
		t.Fatalf("only %d of 20 pushes were killed part way: make the store bigger", killed)
	}
	out, err := exec.Command(bin, "--db", db, "push", "--server", s.Base, "--test-server").CombinedOutput()
	if err != nil {
		t.Fatalf("the last push: %v\n%s", err, out)
	}
	t.Logf("%d pushes killed; the last: %s", killed, strings.TrimSpace(string(out)))

	// Every version once.
	versions := 0
	if err := st.Each(func(record.Record) error { versions++; return nil }, nil); err != nil {
		t.Fatal(err)
	}
	if pending, err := st.PushPending(s.Base); err != nil || len(pending) != 0 {
		t.Fatalf("store: %d assessments with versions not accepted (%v)", len(pending), err)
	}
	stats := s.Stats(t)
	if stats.QuestionnaireResponseVersions != versions {
		t.Fatalf("the server holds %d versions of the store's %d: a version was sent twice or lost", stats.QuestionnaireResponseVersions, versions)
	}
	// One Questionnaire per instrument version the records answer, each
	// sent once.
	instruments := map[string]bool{}
	st.Each(func(r record.Record) error { instruments[r.InstrumentVersion] = true; return nil }, nil)
	if stats.Questionnaires != len(instruments) || stats.QuestionnaireVersions != len(instruments) {
		t.Fatalf("%d Questionnaires in %d versions for %d instrument versions: one was sent twice or not at all", stats.Questionnaires, stats.QuestionnaireVersions, len(instruments))
	}

	// One current resource per assessment, holding its current version.
	c, err := fhirclient.New(fhirclient.Config{Base: s.Base})
	if err != nil {
		t.Fatal(err)
	}
	onServer := map[string]string{}
	counted := 0
	_, err = c.ResponsesSince(context.Background(), time.Time{}, 500, func(r fhirclient.Resource) error {
		var v struct{ Status string }
		json.Unmarshal(r.JSON, &v)
		onServer[r.ID] = v.Status
		if v.Status != string(record.EnteredInError) {
			counted++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	assessments := 0
	err = st.Each(func(r record.Record) error {
		if !r.Amends.IsZero() {
			return nil
		}
		assessments++
		cur, err := st.Current(r.ID)
		if err != nil {
			return err
		}
		if got := onServer[r.ID.String()]; got != string(cur.Status) {
			return fmt.Errorf("assessment %s: the server's current status %q, the store's %q", r.ID, got, cur.Status)
		}
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(onServer) != assessments || stats.QuestionnaireResponses != assessments {
		t.Fatalf("%d resources on the server for %d assessments", len(onServer), assessments)
	}

	// The server's count is summary --exact's.
	csv, err := exec.Command(bin, "--db", db, "summary", "--exact", "--from", "2000-01-01", "--format", "csv").Output()
	if err != nil {
		t.Fatal(err)
	}
	summary := -1
	sc := bufio.NewScanner(strings.NewReader(string(csv)))
	for sc.Scan() {
		if f := strings.Split(sc.Text(), ","); len(f) > 5 && f[0] == "all" && f[1] == "all" && f[2] == "all" && f[3] == "assessed" {
			summary, _ = strconv.Atoi(f[5])
			break
		}
	}
	if summary != counted {
		t.Fatalf("summary --exact counts %d, the server holds %d counted assessments", summary, counted)
	}
	t.Logf("%d versions of %d assessments (%d amendments and %d voids added); %d counted on the server and by summary --exact", versions, assessments, amended, voided, counted)
}

// TestHistoryReadsTheSitesServerWithTheSitesToken: the reads from the
// server (history, followup, summary --server) find it and authenticate to
// it from the site config, as push does.
func TestHistoryReadsTheSitesServerWithTheSitesToken(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	s := fhirserver.Shared(t)
	s.RequireToken(t, "site-token-9")
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "token"), []byte("site-token-9"), 0o600)
	cfg := filepath.Join(dir, "config.toml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("fhir_server = %q\nfhir_token_file = \"token\"\n", s.Base)), 0o600)

	elsewhere := pushStore(t, 5)
	if _, errOut, err := runCLI(t, map[string]string{"DIGICHECK_DB": elsewhere, "DIGICHECK_CONFIG": cfg}, "", "push", "--test-server"); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	st, err := store.Open(elsewhere, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var patient record.PatientID
	st.Each(func(r record.Record) error { patient = r.Patient; return nil }, nil)

	here := filepath.Join(t.TempDir(), "here.db")
	if _, err := store.Open(here, store.Options{}); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := runCLI(t, map[string]string{"DIGICHECK_DB": here, "DIGICHECK_CONFIG": cfg}, "", "history", patient.Value)
	if err != nil {
		t.Fatalf("history: %v\n%s", err, errOut)
	}
	if !strings.Contains(out, "Read from the FHIR server "+s.Base) {
		t.Fatalf("history did not read the site's server:\n%s\n%s", out, errOut)
	}

	// A wrong token is a setting to fix, which waiting never mends.
	os.WriteFile(filepath.Join(dir, "token"), []byte("wrong-token-9"), 0o600)
	_, errOut, err = runCLI(t, map[string]string{"DIGICHECK_DB": filepath.Join(t.TempDir(), "empty.db"), "DIGICHECK_CONFIG": cfg}, "", "history", patient.Value)
	if err == nil || !strings.Contains(said(err), "settings need fixing first") || strings.Contains(said(err)+errOut, "Try again later") {
		t.Errorf("history with a wrong token and nothing here: %v\n%s; want the settings to fix, no wait", err, errOut)
	}
}

// TestASyntheticStoreIsNotPushedToATrustServer: the made-up patients of a
// store made by digicheck synthetic are refused, before any request, unless
// --test-server says the server is a test server; the refusal says why and
// how. So is a dry run, which asks the server nothing either.
func TestASyntheticStoreIsNotPushedToATrustServer(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	s := fhirserver.Shared(t)
	db := pushStore(t, 3)
	env := map[string]string{"DIGICHECK_DB": db}
	_, _, err := runCLI(t, env, "", "push", "--server", s.Base)
	if err == nil || !strings.Contains(err.Error(), "synthetic test data") || !strings.Contains(err.Error(), "--test-server") {
		t.Fatalf("push of a synthetic store: %v; want a refusal that names --test-server", err)
	}
	if out, _, err := runCLI(t, env, "", "push", "--server", s.Base, "--dry-run"); err == nil || strings.Contains(out, `"resourceType"`) {
		t.Fatalf("dry run: %v; want it refused as the push is, printing nothing:\n%.300s", err, out)
	}
	if st := s.Stats(t); len(st.Requests) != 0 || st.QuestionnaireResponses != 0 {
		t.Fatalf("the server was sent or asked something: %+v", st)
	}
	out, _, err := runCLI(t, env, "", "push", "--server", s.Base, "--test-server")
	if err != nil || !strings.Contains(out, "Sent 3 of 3") {
		t.Fatalf("push --test-server: %q, %v", out, err)
	}
}

// Found by trying push: "Sent 0 of 0 record versions" came before the
// refusal of a synthetic store, and "Sent 0 of 3 ... in 5 Bundles" counted
// failed tries as Bundles sent.
func TestPushCountsOnlyWhatItSentAndNothingBeforeARefusal(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	s := fhirserver.Shared(t)
	db := pushStore(t, 3)
	env := map[string]string{"DIGICHECK_DB": db}
	out, errOut, err := runCLI(t, env, "", "push", "--server", s.Base)
	if err == nil || !strings.Contains(err.Error(), "synthetic") || strings.Contains(out+errOut, "Sent 0 of 0") {
		t.Errorf("a synthetic store to a trust's server: %v\n%s%s", err, out, errOut)
	}
	s.Faults(t, fhirserver.Fault{Status: 503, Times: 100, Method: "POST"})
	out, errOut, err = runCLI(t, env, "", "push", "--server", s.Base, "--test-server", "--max-wait", "2s")
	_, sent, _ := strings.Cut(out, "Sent ")
	sent, _, _ = strings.Cut(sent, "\n")
	if err == nil || !strings.HasPrefix(sent, "0 of 3") || strings.Contains(sent, "Bundle") {
		t.Errorf("a server failing every Bundle: %v\n%s%s", err, out, errOut)
	}
}

// TestAVoidOnASyntheticStoreNeverTalksToTheSiteServer: with fhir_server in
// the site config, a void in a store of synthetic test data asks the
// server nothing (not of its made-up patient, not to send the void) and
// says the void is not sent because the store is synthetic, never that it
// will be retried: push refuses such a store without --test-server. Found
// with a void that said "Not sent yet (will retry)" after asking the
// server about a test patient.
func TestAVoidOnASyntheticStoreNeverTalksToTheSiteServer(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	s := fhirserver.Shared(t)
	db := pushStore(t, 3)
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var first record.Record
	if err := st.Each(func(r record.Record) error {
		if first.ID.IsZero() && r.Amends.IsZero() {
			first = r
		}
		return nil
	}, nil); err != nil {
		t.Fatal(err)
	}
	cur, err := st.Current(first.ID)
	if err != nil {
		t.Fatal(err)
	}
	a := &app{settings: site.Settings{DB: db, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: s.Base}}}}
	out, errs, err := execute(a, (*app).voidCmd, "", cur.ID.String(), "--reason", "test", "--clinician", "Dr Test")
	if err != nil {
		t.Fatalf("void: %v\n%s", err, errs)
	}
	said := out + errs
	if strings.Contains(said, "will retry") || strings.Contains(said, "Sending") || !strings.Contains(said, "Not sent") || !strings.Contains(said, "synthetic") {
		t.Errorf("the void of a synthetic record does not say it is not sent because the store is synthetic:\n%s", said)
	}
	if n := s.Stats(t).Requests; len(n) != 0 {
		t.Errorf("the server was asked %v", n)
	}
}

// TestConflictDiffsNameQuestionsAndAnswersInTheInstrumentsOrder: push
// --conflicts lists the answers that differ by the question's text and
// the options' texts, in the instrument's order, never by the stored
// names and codes. Found with "answers.trust.worry[0]" shown with "not"
// and "very", after fields further down the record.
func TestConflictDiffsNameQuestionsAndAnswersInTheInstrumentsOrder(t *testing.T) {
	t.Parallel()
	_, _, mine := agreedToEverything(t)
	ins, ok := questionnaire.Lookup(mine.InstrumentVersion)
	if !ok {
		t.Fatal("the test record's instrument is not known")
	}
	// The first and the last item with two options or more: changed
	// last first, listed first first.
	var items []questionnaire.Item
	for _, sec := range ins.Sections {
		for _, it := range sec.Items {
			if len(it.Options) >= 2 {
				items = append(items, it)
			}
		}
	}
	if len(items) < 2 {
		t.Fatal("the instrument has too few items with options")
	}
	one, two := items[0], items[len(items)-1]
	theirs := mine
	theirs.Answers = questionnaire.Answers{}
	for k, v := range mine.Answers {
		theirs.Answers[k] = v
	}
	mine.Answers = questionnaire.Answers{}
	for k, v := range theirs.Answers {
		mine.Answers[k] = v
	}
	mine.Answers[two.LinkID] = []string{two.Options[0].Code}
	theirs.Answers[two.LinkID] = []string{two.Options[1].Code}
	mine.Answers[one.LinkID] = []string{one.Options[1].Code}
	theirs.Answers[one.LinkID] = []string{one.Options[0].Code}
	ds := recordDiffs(mine, theirs)
	if len(ds) < 2 {
		t.Fatalf("recordDiffs = %+v; want both answers", ds)
	}
	want := []fieldDiff{
		{questionnaire.Printable(one.Text), questionnaire.Printable(one.Options[1].Text), questionnaire.Printable(one.Options[0].Text)},
		{questionnaire.Printable(two.Text), questionnaire.Printable(two.Options[0].Text), questionnaire.Printable(two.Options[1].Text)},
	}
	for i, w := range want {
		if ds[i] != w {
			t.Errorf("difference %d is %+v; want %+v", i+1, ds[i], w)
		}
	}
	for _, d := range ds {
		if strings.HasPrefix(d.field, "answers") {
			t.Errorf("a difference is named by the stored field %q", d.field)
		}
	}
}

// summary --server with no URL counts the site's own server when asked
// with --site-server (and says so when the flag is bare); a wrong token is
// the site's settings to fix, as push says it.
func TestSummaryCountsTheSitesServerAndSaysAWrongTokenNeedsTheSettingsFixed(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	s := fhirserver.Shared(t)
	s.RequireToken(t, "site-token-5")
	db := pushStore(t, 1)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("fhir_server = %q\nfhir_token_file = \"token\"\n", s.Base)), 0o600)
	os.WriteFile(filepath.Join(dir, "token"), []byte("site-token-5\n"), 0o600)
	env := map[string]string{"DIGICHECK_DB": db, "DIGICHECK_CONFIG": cfg}

	if _, _, err := runCLI(t, env, "", "summary", "--server"); err == nil || !strings.Contains(err.Error(), "--site-server") {
		t.Fatalf("bare --server: %v", err)
	}
	if _, errOut, err := runCLI(t, env, "", "summary", "--site-server"); err != nil || !strings.Contains(errOut, "Reading the assessments on the FHIR server "+s.Base) {
		t.Fatalf("--site-server: %v\n%s", err, errOut)
	}
	os.WriteFile(filepath.Join(dir, "token"), []byte("wrong-token-6\n"), 0o600)
	if _, _, err := runCLI(t, env, "", "summary", "--site-server"); err == nil || !strings.Contains(err.Error(), "the site's FHIR settings need fixing first") || !strings.Contains(err.Error(), "401") {
		t.Fatalf("wrong token: %v", err)
	}
}

// push --conflicts lists only what a clinician settles, in words: who,
// when and why; the bands as "no/some/significant barrier"; the route by
// its title; each referral by name with its consent. What is worked out
// from the answers (route checks, questions to ask about) and stored
// names and codes are not listed. Found with some 40 lines such as
// "recommendation.checks[2].possible" and "bands.access" with "none".
func TestConflictDiffsSayTheResultInWordsAndNothingDerivedTwice(t *testing.T) {
	t.Parallel()
	_, _, mine := agreedToEverything(t)
	if len(mine.Recommendation.Referrals) == 0 || len(mine.Recommendation.Checks) == 0 {
		t.Fatal("the test record has no referral or no route check")
	}
	theirs := mine
	theirs.Recommendation.Referrals = slices.Clone(mine.Recommendation.Referrals)
	theirs.Recommendation.Checks = slices.Clone(mine.Recommendation.Checks)
	theirs.AmendReason = "corrected on the ward"
	theirs.Clinician = "Sister Okafor"
	theirs.Bands.Access = questionnaire.SignificantBarrier
	mine.Bands.Access = questionnaire.NoBarrier
	theirs.Recommendation.Referrals[0].Consent = questionnaire.Declined
	mine.Recommendation.Referrals[0].Consent = questionnaire.Agreed
	theirs.Recommendation.Checks[0].Possible = !mine.Recommendation.Checks[0].Possible
	if mine.Recommendation.Primary == questionnaire.RouteLetter {
		theirs.Recommendation.Primary = questionnaire.RoutePhone
	} else {
		theirs.Recommendation.Primary = questionnaire.RouteLetter
	}
	got := map[string]fieldDiff{}
	for _, d := range recordDiffs(mine, theirs) {
		got[d.field] = d
		if strings.ContainsAny(d.field, ".[_") || strings.ContainsAny(d.mine+d.theirs, "[\"") {
			t.Errorf("a difference is named or given as stored: %+v", d)
		}
	}
	name := questionnaire.Printable(mine.Recommendation.Referrals[0].Name)
	for field, want := range map[string][2]string{
		"Made by":                    {questionnaire.Printable(mine.Clinician), "Sister Okafor"},
		"Why amended":                {"(none)", "corrected on the ward"},
		questionnaire.Access.Title(): {"no barrier", "significant barrier"},
		"Contact by":                 {mine.Recommendation.Primary.Title(), theirs.Recommendation.Primary.Title()},
		"Referral " + name:           {record.ConsentText(questionnaire.Agreed), record.ConsentText(questionnaire.Declined)},
	} {
		if d, ok := got[field]; !ok || d.mine != want[0] || d.theirs != want[1] {
			t.Errorf("%s: got %+v; want %q then %q", field, d, want[0], want[1])
		}
	}
	// The fallback is said in words from the route, which changed.
	delete(got, "Fallback")
	if len(got) != 5 {
		t.Errorf("%d differences listed, want the 5 changed: %+v", len(got), got)
	}
}

// A version the server refuses is said with the server's own words (its
// OperationOutcome), which can run to any length, as HAPI FHIR's
// validation messages do: every line of what push says fits the width it
// is printed at (COLUMNS, else 80), after "digicheck: " or the two spaces
// of a terminal, with every word whole and none lost.
func TestARefusalInTheServersOwnWordsIsSaidInLinesWholeAtTheWidth(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	s := fhirserver.Start(t)
	db := pushStore(t, 1)
	diag := "HAPI-0450: Failed to parse request body as JSON resource. Error was: HAPI-1861: Failed to parse JSON encoded FHIR content: Unknown element 'extension' found while parsing at QuestionnaireResponse.item[3].answer[0]: the profile http://hl7.org/fhir/StructureDefinition/QuestionnaireResponse does not allow it here, and the server's validation (requests_enabled) refuses every resource that fails"
	for _, width := range []int{80, 60} {
		t.Run(strconv.Itoa(width), func(t *testing.T) {
			t.Setenv("COLUMNS", strconv.Itoa(width))
			s.Control(t, fhirserver.Control{ClearFaults: true})
			s.Faults(t, fhirserver.Fault{Status: 422, Times: 50, Method: "POST", Text: diag})
			_, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": db}, "", "push", "--server", s.Base, "--test-server")
			if err == nil {
				t.Fatal("push to a server refusing everything succeeded")
			}
			msg := err.Error()
			for i, line := range strings.Split(msg, "\n") {
				limit := width - 2
				if i == 0 {
					limit = width - len("digicheck: ")
				}
				if n := ansi.StringWidth(line); n > limit && strings.Contains(strings.TrimSpace(line), " ") {
					t.Errorf("line %d is %d columns, past %d:\n%s", i+1, n, limit, line)
				}
			}
			if !strings.Contains(strings.Join(strings.Fields(msg), " "), diag) {
				t.Errorf("the server's words are not all said, word for word:\n%s", msg)
			}
		})
	}
}

// A store settled by the build at 7fd5c54, before the marks of versions
// taken in existed (testdata/compat/settled-7fd5c54.db: a copy of a
// baseline read from server A, this machine's void of it, refused there
// over the ward's amendment and settled with --keep-mine, which that
// build sent as it was, on the server's version, so nothing was taken in
// on it). Pushed to a second server by this build, it is harmless: the
// second server gets the line the first server's current version stands
// on (the baseline, then the void), each version once, which is what any
// machine reading the first takes in, and nothing is refused or sent twice.
func TestAStoreSettledByTheBuildBeforeTheMarksPushesItsLineWhole(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	two := fhirserver.Start(t)
	db := filepath.Join(t.TempDir(), "laptop.db")
	copyTestFile(t, filepath.Join("testdata", "compat", "settled-7fd5c54.db"), db)
	env := map[string]string{"DIGICHECK_DB": db}
	if out, errs, err := runCLI(t, env, "", "push", "--server", two.Base); err != nil {
		t.Fatalf("push to a second server: %v\n%s%s", err, out, errs)
	}
	baseline := record.MustParseID("01a2382e-a8a7-7e73-a7f4-7cf2bd7d5542")
	void := record.MustParseID("01a2382f-079a-74ab-8af6-1bd9ed919626")
	line := serverLine(t, two.Base, baseline)
	if len(line) != 2 || line[0].ID != baseline || line[1].ID != void || line[1].Amends != baseline || line[1].Status != record.EnteredInError {
		t.Errorf("the second server holds %v; want the baseline, then the void on it", ids(line))
	}
	if out, errs, err := runCLI(t, env, "", "push", "--server", two.Base); err != nil || !strings.Contains(out, "Nothing to send") {
		t.Errorf("a second push: %v\n%s%s", err, out, errs)
	}
}

func copyTestFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// settledOnTheSecondServer brings two machines and two servers to the
// state a tester found: the ward (A) assessed and amended online on the
// first server; the laptop (B) amended offline, pushed to the second
// server first, then settled the first server's conflict by keeping the
// ward's amendment, and the second server's by keeping it too. The
// second server's current version is then the ward's own amendment,
// while the ward still holds the conflict it met there before. It
// returns the ward's app, both servers, the baseline and the ward's
// amendment.
func settledOnTheSecondServer(t *testing.T) (ward *app, one, two *fhirserver.Server, first, onWard record.Record) {
	t.Helper()
	one, two = fhirserver.Start(t), fhirserver.Start(t)
	wpath, wst, first := agreedToEverything(t)
	pushWith(t, one.Base, wst)
	laptop := filepath.Join(t.TempDir(), "laptop.db")
	lst, err := store.Open(laptop, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := runStoreCmd(t, laptop, (*app).historyCmd, first.Patient.Value, "--server", one.Base); err != nil {
		t.Fatalf("history: %v\n%s", err, stderr)
	}
	onLaptop := first
	onLaptop.ID, onLaptop.Amends, onLaptop.AmendReason, onLaptop.Clinician = record.ID{}, first.ID, "amended offline on the laptop", "Nurse Bea"
	if err := lst.Amend(&onLaptop); err != nil {
		t.Fatal(err)
	}
	onWard = first
	onWard.ID, onWard.Amends, onWard.AmendReason, onWard.Clinician = record.ID{}, first.ID, "amended on the ward", "Nurse Amy"
	if err := wst.Amend(&onWard); err != nil {
		t.Fatal(err)
	}
	pushWith(t, one.Base, wst)
	b := &app{settings: site.Settings{DB: laptop, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: one.Base}}}}
	ward = &app{settings: site.Settings{DB: wpath, Config: site.Config{FHIRServer: site.FHIRServer{FHIRServerURL: one.Base}}}}
	step := func(who *app, want bool, args ...string) {
		t.Helper()
		out, errs, err := execute(who, (*app).pushCmd, "", args...)
		if (err == nil) != want {
			t.Fatalf("push %v: %v\n%s%s", args, err, out, errs)
		}
		narrowLines(t, fmt.Sprint("push ", args), out+errs)
		if err != nil {
			narrowLines(t, fmt.Sprint("push ", args), wrapError(err, 80).Error())
		}
	}
	step(b, true, "--server", two.Base)                                                 // the laptop's line to the second server
	step(b, false)                                                                      // a conflict on the first
	step(ward, false, "--server", two.Base)                                             // a conflict on the second
	step(b, true, "--resolve", onLaptop.ID.String(), "--keep-server")                   // the ward's kept on the first
	step(b, false, "--server", two.Base)                                                // a conflict on the second
	step(b, true, "--server", two.Base, "--resolve", onWard.ID.String(), "--keep-mine") // the ward's kept on the second
	if line := serverLine(t, two.Base, first.ID); line[len(line)-1].ID != onWard.ID {
		t.Fatalf("the second server's current version is %s; the ward's amendment is %s", line[len(line)-1].ID, onWard.ID)
	}
	return ward, one, two, first, onWard
}

// A conflict the server has since settled to this machine's own version
// (another machine kept it there) is no conflict: that version is in the
// server's history, so it is accepted as there, by the next push, by
// looking at it (--conflicts) or by settling it either way, never saved again under a new record id, and
// the machine goes on sending to both servers one line with one current
// version.
func TestAConflictTheServerSettledToThisMachinesOwnVersionClearsByItself(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Parallel()
	for _, how := range []string{"push", "--conflicts", "--keep-server", "--keep-mine"} {
		t.Run(how, func(t *testing.T) {
			t.Parallel()
			ward, one, two, first, onWard := settledOnTheSecondServer(t)
			args := []string{"--server", two.Base}
			switch how {
			case "--conflicts":
				args = append(args, how)
			case "--keep-server", "--keep-mine":
				args = append(args, "--resolve", onWard.ID.String(), how)
			}
			out, errs, err := execute(ward, (*app).pushCmd, "", args...)
			narrowLines(t, fmt.Sprint("push ", args), out+errs)
			if err != nil {
				t.Fatalf("push %v on a conflict the server settled to this machine's version: %v\n%s%s", args, err, out, errs)
			}
			if !strings.Contains(strings.Join(strings.Fields(out), " "), "accepted as there") {
				t.Errorf("push %v: %q; want the conflict said settled, this machine's version accepted as there", args, out)
			}
			if strings.Contains(out+errs, "saved as record") || strings.Contains(out+errs, "is sent now") {
				t.Errorf("push %v: %q; the server holds this machine's version: nothing is saved anew or sent", args, out+errs)
			}
			st, err := store.Open(ward.settings.DB, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			cur, err := st.Current(first.ID)
			if err != nil || cur.ID != onWard.ID {
				t.Fatalf("current here is %s, want the ward's own amendment %s (%v)", cur.ID, onWard.ID, err)
			}
			for _, base := range []string{one.Base, two.Base} {
				if out, errs, err := execute(ward, (*app).pushCmd, "", "--server", base); err != nil || !strings.Contains(out, "Nothing to send") {
					t.Errorf("push --server %s after: %v\n%s%s", base, err, out, errs)
				}
			}
			// The next amendment goes to both servers, on one line.
			st, err = store.Open(ward.settings.DB, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			next := onWard
			next.ID, next.Amends, next.AmendReason = record.ID{}, onWard.ID, "amended again on the ward"
			if err := st.Amend(&next); err != nil {
				t.Fatal(err)
			}
			for _, base := range []string{one.Base, two.Base} {
				if out, errs, err := execute(ward, (*app).pushCmd, "", "--server", base); err != nil {
					t.Errorf("push --server %s of the next amendment: %v\n%s%s", base, err, out, errs)
				}
				line := serverLine(t, base, first.ID)
				if got := line[len(line)-1]; got.ID != next.ID || got.Amends != onWard.ID {
					t.Errorf("%s: current %s amending %s; want %s amending %s (line %v)", base, got.ID, got.Amends, next.ID, onWard.ID, ids(line))
				}
			}
		})
	}
}

// TestWhatPushSaysIsWholeWordsAtTheWidthAndTrue: a push that meets 503s
// says each wait in lines whole at COLUMNS, never broken mid-word; a
// wrong OAuth secret is said as settings to fix, never as a wait; a dry
// run of synthetic records with no --test-server says the real push
// would be refused.
func TestWhatPushSaysIsWholeWordsAtTheWidthAndTrue(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	s := fhirserver.Shared(t)
	t.Setenv("COLUMNS", "80")
	db := pushStore(t, 2)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("fhir_server = %q\n", s.Base)), 0o600)
	env := map[string]string{"DIGICHECK_DB": db, "DIGICHECK_CONFIG": cfg}
	narrow := func(what, text string) { t.Helper(); narrowLines(t, what, text) }
	out, errOut, err := runCLI(t, env, "", "push", "--dry-run")
	if err == nil {
		t.Fatalf("dry run of a synthetic store without --test-server exits 0, while the push is refused\n%s", errOut)
	}
	if !strings.Contains(strings.Join(strings.Fields(errOut), " "), "the push would be refused") {
		t.Errorf("a dry run of a synthetic store without --test-server: %q; want it said the real push would be refused", errOut)
	}
	narrow("dry run", errOut)
	_ = out

	s.Faults(t, fhirserver.Fault{Status: 503, Times: 2, Method: "POST", Path: "/", Text: "the server is busy with a reindex of every resource it holds, please wait"})
	out, errOut, err = runCLI(t, env, "", "push", "--test-server")
	if err != nil {
		t.Fatalf("push past two 503s: %v\n%s", err, errOut)
	}
	if !strings.Contains(errOut, "try 1 of") {
		t.Fatalf("no wait said: %q", errOut)
	}
	narrow("push past 503s, stderr", errOut)
	narrow("push past 503s, stdout", out)

	id := "digicheck-ward-7"
	s.Control(t, fhirserver.Control{ClientID: &id, ClientSecret: "the-secret", TokenTTL: 3600})
	t.Cleanup(func() { s.Control(t, fhirserver.Control{ClientID: new(string)}) })
	os.WriteFile(filepath.Join(dir, "secret"), []byte("a-wrong-secret"), 0o600)
	os.WriteFile(cfg, []byte(fmt.Sprintf("fhir_server = %q\nfhir_oauth_token_url = %q\nfhir_oauth_client_id = %q\nfhir_oauth_secret_file = \"secret\"\n", s.Base, s.TokenURL, id)), 0o600)
	env["DIGICHECK_DB"] = pushStore(t, 1)
	_, errOut, err = runCLI(t, env, "", "push", "--test-server")
	if err == nil || !strings.Contains(said(err), "settings need fixing first") {
		t.Fatalf("a wrong OAuth secret: %v\n%s", err, errOut)
	}
	for _, wait := range []string{"again later", "Try again", "will retry", "trying again"} {
		if strings.Contains(said(err)+errOut, wait) {
			t.Errorf("a wrong OAuth secret is said as a wait (%q):\n%v\n%s", wait, err, errOut)
		}
	}
}

// narrowLines fails the test for each line of text wider than 80 columns.
func narrowLines(t *testing.T, what, text string) {
	t.Helper()
	for _, line := range strings.Split(text, "\n") {
		// The piped line of counts stays one line, for logs and
		// scripts that read it whole.
		if strings.Contains(line, "record versions accounted for:") {
			continue
		}
		if n := len([]rune(line)); n > 80 {
			t.Errorf("%s: a line of %d columns, wider than 80:\n%s", what, n, line)
		}
	}
}
