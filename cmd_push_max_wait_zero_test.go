package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"digicheck/site"
)

// --max-wait 0 is accepted as "0 or more (one try is always made)": it
// makes that one try and stops, saying what was not sent. It was taken as
// no --max-wait at all: five tries over 15 seconds, so a scheduled push
// given 0 to try once waited on a busy server instead.
func TestMaxWaitZeroMakesOneTryAndStops(t *testing.T) {
	for _, given := range []string{"0", "0s"} {
		t.Run(given, func(t *testing.T) {
			path, _ := storeWith(t, 1)
			var sends atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/fhir+json")
				if r.Method == http.MethodGet {
					w.Write([]byte(`{"resourceType":"Bundle","type":"searchset","total":0}`))
					return
				}
				sends.Add(1)
				w.WriteHeader(http.StatusServiceUnavailable)
				w.Write([]byte(`{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"transient","diagnostics":"busy"}]}`))
			}))
			defer srv.Close()
			a := &app{settings: site.Settings{DB: path, Team: "Ward 7"}}
			c := a.pushCmd()
			var out, errOut bytes.Buffer
			c.SetIn(strings.NewReader(""))
			c.SetOut(&out)
			c.SetErr(&errOut)
			c.SetArgs([]string{"--server", srv.URL + "/fhir", "--max-wait", given})
			c.SilenceUsage, c.SilenceErrors = true, true
			began := time.Now()
			err := c.Execute()
			took := time.Since(began)
			if n := sends.Load(); n != 1 {
				t.Errorf("--max-wait %s: the server was sent to %d times; want the one try", given, n)
			}
			if strings.Contains(errOut.String(), "trying again") || took > 5*time.Second {
				t.Errorf("--max-wait %s waited to try again (%s):\n%s", given, took.Round(time.Millisecond), errOut.String())
			}
			if err == nil || !strings.Contains(err.Error(), "not sent") {
				t.Errorf("--max-wait %s: %v; want the push to fail, saying what was not sent\n%s%s", given, err, out.String(), errOut.String())
			}
		})
	}
}
