package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"digicheck/store"
)

// An export of a FHIR server (export --server) writes a line or row,
// status unreadable, for each version on the server this machine could
// not keep. A summary of the file refused it saying "run digicheck check
// on that store", which a QI lead cannot do for a server: there is no
// store. It now says the version is on the FHIR server, to tell IT
// giving its id, to export the server again once mended, and that
// summary --server counts the rest meanwhile. An export of a store says
// to check the store, as before.
func TestAnUnreadableVersionFromAFHIRServerIsNotSentToCheckAStore(t *testing.T) {
	rs := records(t, endMarkFixtures())
	st := storeOf(t, rs)
	absent := store.Unreadable{ID: "019aed4d-2dfe-7c52-87df-1bd4a477b564", Why: "the cache refused it"}
	for _, format := range []string{FormatCSV, FormatNDJSON} {
		var b bytes.Buffer
		o := ExportOptions{Identifiable: true, Location: time.UTC, Unreadable: &Unreadables{}, Absent: []store.Unreadable{absent}, Damaged: ServerLeftMark(1)}
		var err error
		if format == FormatCSV {
			_, err = ExportCSV(&b, st, o)
		} else {
			_, err = ExportNDJSON(&b, st, o)
		}
		if err != nil {
			t.Fatal(err)
		}
		if format == FormatNDJSON && strings.Contains(b.String(), "run digicheck check") {
			t.Errorf("the NDJSON line of a version the server holds says to check a store:\n%s", b.String())
		}
		err = addExportErr(&Inputs{}, b.Bytes(), "server."+format, format)
		if err == nil {
			t.Fatalf("%s: an export holding an unreadable version was counted", format)
		}
		msg := err.Error()
		if strings.Contains(msg, "digicheck check") || !strings.Contains(msg, "FHIR server") || !strings.Contains(msg, "tell IT") || !strings.Contains(msg, "summary --server") {
			t.Errorf("%s: the refusal of a server's unreadable version does not say what a QI lead can do there:\n%s", format, msg)
		}
	}
}
