package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"digicheck/fhir"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
)

// fhirReady is the ward fixture with answers a FHIR response can carry.
func fhirReady(t *testing.T) []record.Record {
	t.Helper()
	rs := nhsFixtures(t)
	for i := range rs {
		res, err := questionnaire.V1.Assess(testkit.Included(rs[i].Answers), questionnaire.National)
		if err != nil {
			t.Fatal(err)
		}
		res.Bands, res.Recommendation = rs[i].Bands, rs[i].Recommendation
		rs[i].Answers, rs[i].Result = testkit.Included(rs[i].Answers), res
	}
	return rs
}

// TestTheFHIRExportEndsWithAnEndMarkAFHIRReaderTakes: a FHIR export cut
// short exactly at a line's end (a full disk, a copy or download
// interrupted, | head) held only whole resources and nothing showed it was
// not whole, while the CSV and NDJSON exports end with an end mark. Its
// last line is now a resource that says so, an OperationOutcome (a line
// that is no FHIR resource would break a bulk data reader): how many
// resources are above it, as an integer extension and in words, with the
// number of assessments; every line above it is as before, and none of
// them is a mark. Its id ends with a digest of the lines above it, so that
// the marks of two exports loaded into one server are two resources.
func TestTheFHIRExportEndsWithAnEndMarkAFHIRReaderTakes(t *testing.T) {
	st := storeOf(t, fhirReady(t))
	for _, damaged := range []string{"", "page 7 cannot be read"} {
		var b bytes.Buffer
		n, err := ExportFHIR(&b, st, ExportOptions{Key: testKey, Location: time.UTC, Damaged: damaged})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(b.String(), "\n") {
			t.Fatalf("the export does not end with a line ending")
		}
		lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
		last := lines[len(lines)-1]
		count, ok := testkit.EndMarkCount([]byte(last))
		if !ok {
			t.Fatalf("damaged %q: the last line is not an end mark:\n%s", damaged, last)
		}
		if count != len(lines)-1 {
			t.Errorf("damaged %q: the end mark says %d resources above it; there are %d", damaged, count, len(lines)-1)
		}
		var oo struct {
			ResourceType string
			ID           string
			Meta         struct {
				Tag []struct{ Code, Display string }
			}
			Issue []struct {
				Severity, Code string
				Details        struct {
					Coding []struct{ System, Code string }
					Text   string
				}
			}
		}
		if err := json.Unmarshal([]byte(last), &oo); err != nil {
			t.Fatal(err)
		}
		if oo.ResourceType != "OperationOutcome" || len(oo.Issue) != 1 || oo.Issue[0].Severity != "information" || oo.Issue[0].Code != "informational" {
			t.Errorf("the end mark is not one informational issue of an OperationOutcome: %s", last)
		}
		words := "end of export: " + itoa(len(lines)-1) + " resources above, " + itoa(n) + " of them QuestionnaireResponses (assessments)"
		if n != 8 || !strings.HasPrefix(oo.Issue[0].Details.Text, words+"; to ") {
			t.Errorf("the end mark says %q (%d assessments exported), want %q", oo.Issue[0].Details.Text, n, words)
		}
		if len(oo.Issue[0].Details.Coding) != 1 || oo.Issue[0].Details.Coding[0].Code != fhir.EndMarkCode || oo.Issue[0].Details.Coding[0].System != fhir.ExportCodeSystem(fhir.Site{}) {
			t.Errorf("the end mark's issue is not coded %s: %s", fhir.EndMarkCode, last)
		}
		// Its id is its own export's: two exports loaded into one
		// server are two marks, neither in the other's place.
		above := sha256.Sum256([]byte(strings.Join(lines[:len(lines)-1], "\n") + "\n"))
		if want := "end-of-export-" + hex.EncodeToString(above[:])[:32]; oo.ID != want {
			t.Errorf("the end mark's id is %q, want %q (from the digest of the lines above it)", oo.ID, want)
		}
		marked := len(oo.Meta.Tag) == 1 && oo.Meta.Tag[0].Code == "damaged-store" && oo.Meta.Tag[0].Display == damaged
		if marked != (damaged != "") {
			t.Errorf("damaged %q: the end mark's tags %+v", damaged, oo.Meta.Tag)
		}
		responses := 0
		for i, l := range lines[:len(lines)-1] {
			if _, ok := testkit.EndMarkCount([]byte(l)); ok {
				t.Errorf("line %d, above the last, is an end mark", i+1)
			}
			if strings.Contains(l, `"resourceType":"QuestionnaireResponse"`) {
				responses++
			}
		}
		if responses != n {
			t.Errorf("%d QuestionnaireResponses above the mark, %d exported", responses, n)
		}
	}
}

// TestAFHIRExportCutShortHasNoEndMark: written to a disk that fills after
// some whole lines, the export fails and what was written ends with no end
// mark, at whichever line the disk filled.
func TestAFHIRExportCutShortHasNoEndMark(t *testing.T) {
	st := storeOf(t, fhirReady(t))
	var whole bytes.Buffer
	if _, err := ExportFHIR(&whole, st, ExportOptions{Key: testKey, Location: time.UTC}); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(whole.String(), "\n")
	for k := 1; k < len(lines)-1; k++ {
		room := len(strings.Join(lines[:k], ""))
		w := &fullAfter{room: room}
		if _, err := ExportFHIR(w, st, ExportOptions{Key: testKey, Location: time.UTC}); err == nil {
			t.Fatalf("room for %d lines: the export did not fail", k)
		}
		got := strings.Split(strings.TrimSuffix(w.b.String(), "\n"), "\n")
		if _, ok := testkit.EndMarkCount([]byte(got[len(got)-1])); ok {
			t.Errorf("room for %d lines: what was written ends with an end mark", k)
		}
	}
}

// fullAfter is a disk with room bytes free.
type fullAfter struct {
	b    bytes.Buffer
	room int
}

func (f *fullAfter) Write(p []byte) (int, error) {
	if f.b.Len()+len(p) > f.room {
		n := f.room - f.b.Len()
		f.b.Write(p[:n])
		return n, errors.New("no space left on device")
	}
	return f.b.Write(p)
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
