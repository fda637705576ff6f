package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"digicheck/site"
	"digicheck/store"
)

// cancelOn is stderr that cancels, as Ctrl+C or SIGTERM does, once the
// push says it is waiting to try again.
type cancelOn struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	cancel func()
	at     int64 // records decoded when cancelled
	done   bool
}

func (w *cancelOn) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if !w.done && strings.Contains(w.buf.String(), "trying again") {
		w.done, w.at = true, store.RecordsDecoded()
		w.cancel()
	}
	return len(p), nil
}

// A push to a server it could not reach, stopped by Ctrl+C or SIGTERM
// while it waited to try again, went on after the stop: it looked over
// every record for follow-ups resting on a version the server will never
// hold, and read them all again to say what is kept here, before it said
// it had stopped (9.8 s on a store of 5,000; a store of 36,000 did not
// stop at all in minutes). Stopped, it reads no record more, and says at
// once that it stopped, that nothing is lost and to run push again.
// (Not parallel: it counts the records this process decodes.)
func TestAPushStoppedAfterTheServerFailedReadsNoMoreRecords(t *testing.T) {
	path, rs := storeWith(t, 12)
	// A server that answers what the push asks of what it holds (it
	// holds what it accepted from here), and fails everything else: the stop comes while the push waits
	// to send again, not in its check (a server that answers nothing
	// ends the push in the check, before it reads a record).
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/fhir+json")
		q := r.URL.Query()
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/fhir/QuestionnaireResponse" && q.Get("_total") == "accurate":
			w.Write([]byte(`{"resourceType":"Bundle","type":"searchset","total":1000}`))
		case r.Method == http.MethodGet && r.URL.Path == "/fhir/QuestionnaireResponse" && q.Has("_id"):
			// Each held at the version accepted from here.
			var entries []string
			for _, id := range strings.Split(q.Get("_id"), ",") {
				entries = append(entries, `{"resource":{"resourceType":"QuestionnaireResponse","id":"`+id+`","meta":{"versionId":"1"}},"search":{"mode":"match"}}`)
			}
			w.Write([]byte(`{"resourceType":"Bundle","type":"searchset","entry":[` + strings.Join(entries, ",") + `]}`))
		default:
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte(`{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"transient","diagnostics":"busy"}]}`))
		}
	}))
	defer srv.Close()
	base := srv.URL + "/fhir"
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Some accepted by the server before, as on a ward's store: the
	// look over follow-ups is not left out for a server that has none.
	var ps []store.Pushed
	for _, r := range rs[:4] {
		ps = append(ps, store.Pushed{Record: r.ID, Assessment: r.ID, Version: "1"})
	}
	if err := st.MarkPushed(base, ps); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errOut := &cancelOn{cancel: cancel}
	a := &app{settings: site.Settings{DB: path, Team: "Ward 7"}}
	c := a.pushCmd()
	var out bytes.Buffer
	c.SetContext(ctx)
	c.SetIn(strings.NewReader(""))
	c.SetOut(&out)
	c.SetErr(errOut)
	c.SetArgs([]string{"--server", base, "--max-wait", "30s"})
	c.SilenceUsage, c.SilenceErrors = true, true
	err = c.Execute()
	if !errOut.done {
		t.Fatalf("the push never said it would try again: %v\n%s", err, errOut.buf.String())
	}
	if n := store.RecordsDecoded() - errOut.at; n > 0 {
		t.Errorf("stopped while waiting to try again, the push read %d records more before it ended; want none", n)
	}
	said := ""
	if err != nil {
		said = strings.Join(strings.Fields(err.Error()), " ") // as wrapped at any width
	}
	if err == nil || !strings.Contains(said, "push stopped") || !strings.Contains(said, "run digicheck push") || !strings.Contains(said, "again to send them") {
		t.Errorf("stopped: %v; want it to say the push stopped and to run push again\n%s%s", err, out.String(), errOut.buf.String())
	}
}
