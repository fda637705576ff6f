package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"digicheck/fhirclient"
	"digicheck/internal/fhirserver"
	"digicheck/internal/testkit"
	"digicheck/push"
	"digicheck/store"
)

// TestAPlainPushWhoseCountTheServerIsTooBusyToAnswerSaysNothingIsLost: a
// plain push asks the server how many assessments it holds first; busy
// (503) at every try, it said the server's answer, "not sent", and
// "whether it lost any ... is not known", and no more: not what a busy
// server is said as elsewhere, that nothing is lost, what to run once it
// answers, and to tell IT if it goes on. It says so, the server's own words once,
// for IT, whether or not there was anything to send. A server that
// answered 500 at every try was said as busy too, to be waited for: it
// is said as answering with an error, with its status, and to tell IT.
func TestAPlainPushWhoseCountTheServerIsTooBusyToAnswerSaysNothingIsLost(t *testing.T) {
	testkit.FHIRServerEndToEnd(t)
	t.Setenv("COLUMNS", "80")
	for _, status := range []int{503, 500} {
		for _, pending := range []bool{false, true} {
			t.Run(fmt.Sprintf("%d, %s", status, map[bool]string{false: "nothing to send", true: "a new assessment to send"}[pending]), func(t *testing.T) {
				countAnswered(t, status, pending)
			})
		}
	}
}

func countAnswered(t *testing.T, status int, pending bool) {
	{
		{
			srv, path, given := pushedTwo(t)
			if pending {
				st, err := store.Open(path, store.Options{})
				if err != nil {
					t.Fatal(err)
				}
				r := testkit.Assessed(t, testkit.Offline(nil))
				if err := st.Save(&r); err != nil {
					t.Fatal(err)
				}
			}
			srv.Faults(t, fhirserver.Fault{Status: status, Times: 50, Method: "GET", Path: "/QuestionnaireResponse"})
			out, stderr, err := execute(given, (*app).pushCmd, "", "--server", srv.Base)
			if err == nil {
				t.Fatalf("a push whose count the server was too busy to answer ends 0:\n%s%s", out, stderr)
			}
			said := unfolded(err.Error())
			wants := []string{
				"the FHIR server was busy",
				"If this goes on, tell IT",
				"(Detail for IT:",
				"digicheck push --db " + path + " --server " + srv.Base + " --check-server when the server answers",
			}
			if status == 500 {
				wants = []string{
					"the FHIR server answered with an error (HTTP 500), each time",
					"Tell IT: waiting will not mend this.",
					"(Detail for IT:",
					"digicheck push --db " + path + " --server " + srv.Base + " --check-server once IT have mended it",
				}
				if strings.Contains(said, "busy") {
					t.Errorf("a server that answered 500 is said as busy:\n%s", said)
				}
			}
			if pending {
				wants = append(wants, "1 of 1 record version not sent", "Nothing is lost: it is kept here, and the next push sends it")
			} else {
				wants = append(wants, "Nothing here is lost")
			}
			for _, want := range wants {
				if !strings.Contains(said, want) {
					t.Errorf("the push does not say %q:\n%s", want, said)
				}
			}
			if n := strings.Count(said, http.StatusText(status)); n != 1 {
				t.Errorf("the server's answer is said %d times, not once, for IT:\n%s", n, said)
			}
		}
	}
}

// TestACountTheSignInServiceDidNotAnswerNamesTheSignInService: the OAuth2
// token endpoint busy (503) or failing (500) at every try, while a plain
// push asked for a token to count, was said as the FHIR server being
// busy, though no request reached it: IT looked at the wrong system, and
// a 500 was waited for. The sign-in service is named, busy or with its
// error, and never the FHIR server as busy.
func TestACountTheSignInServiceDidNotAnswerNamesTheSignInService(t *testing.T) {
	for _, c := range []struct {
		status int
		wants  []string
	}{
		{503, []string{"was busy, each time it was asked for a token", "when the server answers", "If this goes on, tell IT."}},
		{500, []string{"answered with an error (HTTP 500), each time it was asked for a token", "once IT have mended it", "Tell IT: waiting will not mend this."}},
	} {
		t.Run(fmt.Sprint(c.status), func(t *testing.T) {
			tokens := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(c.status)
				fmt.Fprint(w, `{"error":"temporarily_unavailable"}`)
			}))
			defer tokens.Close()
			fhir := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				t.Errorf("the FHIR server was asked %s %s with no token", r.Method, r.URL)
			}))
			defer fhir.Close()
			secret := filepath.Join(t.TempDir(), "secret")
			os.WriteFile(secret, []byte("s3cret"), 0o600)
			cl, err := fhirclient.New(fhirclient.Config{Base: fhir.URL, Attempts: 2, Backoff: time.Millisecond, MaxBackoff: time.Millisecond,
				Auth: fhirclient.Auth{TokenURL: tokens.URL + "/token", ClientID: "dc-north", SecretFile: secret}})
			if err != nil {
				t.Fatal(err)
			}
			_, _, cerr := cl.Total(context.Background(), "QuestionnaireResponse")
			if !busyCount(cerr) {
				t.Fatalf("a token endpoint answering %d at every try is not said as such: %v", c.status, cerr)
			}
			for _, said := range []string{
				unfolded(notAsked(push.Report{NotAsked: cerr}, fhir.URL).Error()),
				unfolded(busyCountSaid(cerr, push.Report{NotAsked: cerr, Pending: 1}, fhir.URL).Error()),
			} {
				if !strings.Contains(said, "the sign-in service ("+tokens.URL+"/token)") {
					t.Errorf("the sign-in service is not named:\n%s", said)
				}
				if strings.Contains(said, "the FHIR server was busy") || strings.Contains(said, "the FHIR server answered") {
					t.Errorf("the token endpoint's answer is said of the FHIR server:\n%s", said)
				}
				for _, want := range c.wants {
					if !strings.Contains(said, want) {
						t.Errorf("does not say %q:\n%s", want, said)
					}
				}
			}
		})
	}
}
