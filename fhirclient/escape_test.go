package fhirclient

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// hasControl reports whether s holds a control character a terminal
// acts on (ESC, BEL, a line break).
func hasControl(s string) bool {
	return strings.ContainsAny(s, "\x1b\x07\x9b\n\r")
}

// TestEveryStringFromTheServerIsEscapedBeforeItCanReachATerminal: a
// resource's id and versionId, a version given for an update, and an
// OperationOutcome's text come from the server, and were printed as they
// came ("left out: QuestionnaireResponse/ID", push --conflicts' "its server
// version is V"): an id holding an OSC 52 sequence set the terminal's
// clipboard to a fake note, and an outcome holding a line break started a
// line of its own ("Sent 3 of 3 record versions"). Each is now shown with
// its control characters as escapes.
func TestEveryStringFromTheServerIsEscapedBeforeItCanReachATerminal(t *testing.T) {
	const evilID = "evil\x1b]52;c;SGFja2Vk\x07"
	const evilVersion = "v1\x1b[2J"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			res, _ := json.Marshal(map[string]any{"resourceType": "QuestionnaireResponse", "id": evilID, "meta": map[string]any{"versionId": evilVersion}})
			fmt.Fprintf(w, `{"resourceType":"Bundle","type":"searchset","entry":[{"resource":%s}]}`, res)
			return
		}
		w.Header().Set("Content-Type", "application/fhir+json")
		w.WriteHeader(http.StatusUnprocessableEntity)
		oo, _ := json.Marshal(map[string]any{"resourceType": "OperationOutcome", "issue": []map[string]any{{"severity": "error", "code": "invalid",
			"diagnostics": "bad\nSent 3 of 3 record versions to the server\x1b[2J"}}})
		w.Write(oo)
	}))
	defer srv.Close()
	c := newClient(t, Config{Base: srv.URL + "/fhir", Attempts: 1})
	var got []Resource
	if err := c.Search(context.Background(), "QuestionnaireResponse", url.Values{}, func(r Resource) error { got = append(got, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || hasControl(got[0].ID) || hasControl(got[0].VersionID) || !strings.Contains(got[0].ID, `\x1b`) {
		t.Errorf("the resource read is %+q, want its id and version with escapes", got)
	}
	_, err := c.Transaction(context.Background(), []Put{{Type: "QuestionnaireResponse", ID: "x1", Record: "record x1",
		Resource: json.RawMessage(`{"resourceType":"QuestionnaireResponse","id":"x1"}`)}})
	if err == nil || hasControl(err.Error()) || !strings.Contains(err.Error(), "Sent 3 of 3") {
		t.Errorf("the server's outcome is said as %q, want its line break and escape sequence as escapes", err)
	}
	if v := versionOf("", "", json.RawMessage(`{"meta":{"versionId":"2\u001b]52;c;SGFja2Vk\u0007"}}`)); hasControl(v) || v == "" {
		t.Errorf("a version given in the resource is %q, want it with escapes", v)
	}
	if v := versionOf("", "QuestionnaireResponse/x1/_history/3%1B%5B2J", nil); hasControl(v) {
		t.Errorf("a version given in the Location is %q, want it with escapes", v)
	}
}
