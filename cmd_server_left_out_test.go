package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/fhir"
	"digicheck/internal/testkit"
	"digicheck/questionnaire"
	"digicheck/record"
	"digicheck/report"
	"digicheck/site"
	"digicheck/store"
)

// serverRefusing serves good assessments and refused ones, whose bands are
// not those their answers give, so that a cache of the server refuses to
// keep them, as it refuses any response it cannot take in; it returns the
// server's base and the refused records' ids.
func serverRefusing(t *testing.T, good, refused int) (string, []record.ID) {
	t.Helper()
	made, err := store.Open(filepath.Join(t.TempDir(), "made.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var entries []string
	var ids []record.ID
	for i := range good + refused {
		r := testkit.Assessed(t, testkit.Offline(nil))
		if err := made.Save(&r); err != nil {
			t.Fatal(err)
		}
		if i >= good {
			ids = append(ids, r.ID)
			if r.Result.Bands.Trust == questionnaire.NoBarrier {
				r.Result.Bands.Trust = questionnaire.SignificantBarrier
			} else {
				r.Result.Bands.Trust = questionnaire.NoBarrier
			}
		}
		ins, _ := questionnaire.Lookup(r.InstrumentVersion)
		subj, err := fhir.SubjectFor(ins, r.Patient, true, nil)
		if err != nil {
			t.Fatal(err)
		}
		res, err := fhir.Resources(fhir.Version{Record: r, Root: r.ID}, ins, subj, fhir.ResponseOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range res {
			if x.Type == "QuestionnaireResponse" {
				var m map[string]any
				if err := json.Unmarshal(x.JSON, &m); err != nil {
					t.Fatal(err)
				}
				m["meta"] = map[string]any{"versionId": "1", "lastUpdated": "2026-12-04T10:00:00Z"}
				b, _ := json.Marshal(m)
				entries = append(entries, fmt.Sprintf(`{"resource":%s}`, b))
			}
		}
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		fmt.Fprintf(w, `{"resourceType":"Bundle","type":"searchset","entry":[%s]}`, strings.Join(entries, ","))
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/fhir", ids
}

// TestAServerExportGivesEachVersionItCouldNotKeepAnUnreadableRowAndFails:
// an export of a FHIR server whose cache refused some of its record
// versions left them out, exited 0, and its end mark said "253 records
// above": a warehouse load took the short file as whole. As a store export
// does for a record it cannot read, each version left out now has its
// unreadable row (CSV) or line (NDJSON), counted by the end mark, every
// row is marked damaged_store, and the export fails.
func TestAServerExportGivesEachVersionItCouldNotKeepAnUnreadableRowAndFails(t *testing.T) {
	t.Parallel()
	base, refused := serverRefusing(t, 2, 1)
	for _, format := range []string{"csv", "ndjson"} {
		out := filepath.Join(t.TempDir(), "server."+format)
		a := &app{settings: site.Settings{DB: filepath.Join(t.TempDir(), "qi.db")}}
		_, stderr, err := execute(a, (*app).exportCmd, "", "--server", base, "--format", format, "--identifiable", "-o", out)
		if err == nil {
			t.Errorf("%s: an export of the server that left out a record version exits 0:\n%s", format, stderr)
		}
		b, rerr := os.ReadFile(out)
		if rerr != nil {
			t.Fatalf("%s: no export written: %v\n%s", format, rerr, stderr)
		}
		id := refused[0].String()
		switch format {
		case "csv":
			rows, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			head := rows[0]
			col := func(name string) int {
				for i, h := range head {
					if h == name {
						return i
					}
				}
				t.Fatalf("csv: no %s column in %q", name, head)
				return -1
			}
			idc, st, dmg, end := col("id"), col("status"), col(report.DamagedColumn), col(report.EndMarkColumn)
			found := false
			for _, r := range rows[1 : len(rows)-1] {
				if r[idc] == id && r[st] == report.StatusUnreadable {
					found = true
				}
				if r[dmg] == "" {
					t.Errorf("csv: a row is not marked %s: %q", report.DamagedColumn, r)
				}
			}
			if !found {
				t.Errorf("csv: no unreadable row for the version left out (%s):\n%s", id, b)
			}
			if last := rows[len(rows)-1]; last[end] != "3" {
				t.Errorf("csv: the end mark counts %q rows, not the 3 versions on the server:\n%s", last[end], b)
			}
		case "ndjson":
			lines := strings.Split(strings.TrimSpace(string(b)), "\n")
			found := false
			for _, l := range lines {
				if strings.Contains(l, `"id":"`+id+`"`) && strings.Contains(l, `"status":"unreadable"`) {
					found = true
				}
				if !strings.Contains(l, `"`+report.DamagedColumn+`"`) {
					t.Errorf("ndjson: a line is not marked %s: %s", report.DamagedColumn, l)
				}
			}
			if !found {
				t.Errorf("ndjson: no unreadable line for the version left out (%s):\n%s", id, b)
			}
			if last := lines[len(lines)-1]; !strings.Contains(last, `"records":3`) {
				t.Errorf("ndjson: the end mark does not count the 3 versions on the server: %s", last)
			}
		}
		if _, serr, err := runStoreCmd(t, filepath.Join(t.TempDir(), "none.db"), (*app).summaryCmd, out); err == nil {
			t.Errorf("%s: a summary of the server's export counts it as whole:\n%s", format, serr)
		}
	}
}

// TestAServerSummaryThatLeftOutVersionsSaysSoInEveryFormatAndFails: a
// summary of a FHIR server whose cache refused some of its record versions
// counted the rest, exited 0, and said nothing of it in the published
// output (the HTML board said "Assessed 255" of 295), and with every
// version refused it printed an empty summary with exit 0. As for a store
// whose records cannot all be read, every format now carries the DAMAGED
// caveat naming what was left out, and the command fails.
func TestAServerSummaryThatLeftOutVersionsSaysSoInEveryFormatAndFails(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name          string
		good, refused int
	}{{"some refused", 2, 1}, {"every one refused", 0, 2}} {
		base, _ := serverRefusing(t, c.good, c.refused)
		for _, format := range []string{"csv", "json", "markdown", "html", "table"} {
			for _, exact := range []bool{true, false} {
				args := []string{"--server", base, "--format", format}
				// Published, the caveat names no input; exact, it says
				// what of the server was left out.
				want := []string{fmt.Sprintf("%d record version", c.refused), "could not be kept here"}
				if exact {
					args = append(args, "--exact", "--from", "2000-01-01")
				} else {
					want = []string{"found damaged", "may be incomplete"}
				}
				a := &app{settings: site.Settings{DB: filepath.Join(t.TempDir(), "qi.db")}}
				stdout, stderr, err := execute(a, (*app).summaryCmd, "", args...)
				if err == nil {
					t.Errorf("%s, %s, exact %v: a summary of a server that left out record versions exits 0:\n%s", c.name, format, exact, stderr)
				}
				flat := strings.Join(strings.Fields(stdout), " ")
				for _, w := range want {
					if !strings.Contains(flat, w) {
						t.Errorf("%s, %s, exact %v: the output does not say %q:\n%s", c.name, format, exact, w, stdout)
					}
				}
			}
		}
	}
}
