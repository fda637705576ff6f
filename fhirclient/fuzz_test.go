package fhirclient

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"unicode/utf8"
)

// FuzzServerAnswers: whatever a server sends back (an OperationOutcome, a
// resource, a transaction-response or a search page, well formed or not),
// the client never panics, and what it takes from it is what was there.
func FuzzServerAnswers(f *testing.F) {
	for _, seed := range []string{
		`{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"processing","details":{"text":"Precondition Failed"},"expression":["QuestionnaireResponse.item"]}]}`,
		`{"resourceType":"QuestionnaireResponse","id":"a1","meta":{"versionId":"3","lastUpdated":"2026-03-04T10:00:00.123Z"}}`,
		`{"resourceType":"Bundle","type":"transaction-response","entry":[{"response":{"status":"200 OK","etag":"W/\"2\"","location":"QuestionnaireResponse/a1/_history/2"}}]}`,
		`{"resourceType":"Bundle","type":"searchset","link":[{"relation":"next","url":"/fhir/QuestionnaireResponse?page=2"}],"entry":[{"resource":{"resourceType":"QuestionnaireResponse","id":"a1"}}]}`,
		`{"resourceType":"Bundle","type":"transaction-response","entry":[{"response":{"status":"abc"}}]}`,
		`not json`, ``, `{"meta":{"lastUpdated":"yesterday"}}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		text := outcomeText(body)
		if utf8.Valid(body) && !utf8.ValidString(text) {
			t.Errorf("outcomeText made invalid UTF-8 of valid input")
		}
		if r, err := parseResource(body); err == nil && len(r.JSON) != len(body) {
			t.Errorf("parseResource kept %d of %d bytes", len(r.JSON), len(body))
		}
		_ = versionOf(string(body), string(body), body)

		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Write(body)
		}))
		defer srv.Close()
		c, err := New(Config{Base: srv.URL + "/fhir", Attempts: 1})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		put := Put{Type: "QuestionnaireResponse", ID: "a1", Resource: json.RawMessage(`{"resourceType":"QuestionnaireResponse","id":"a1"}`), Record: "record a1"}
		if acc, err := c.Transaction(ctx, []Put{put}); err == nil && (len(acc) != 1 || acc[0].VersionID == "") {
			t.Errorf("a transaction accepted with no version: %+v", acc)
		}
		c.Read(ctx, "QuestionnaireResponse", "a1")
		n := 0
		c.Search(ctx, "QuestionnaireResponse", url.Values{}, func(Resource) error {
			if n++; n > 10000 {
				t.Fatal("a search that never ends")
			}
			return nil
		})
	})
}
