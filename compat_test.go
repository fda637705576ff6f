package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"digicheck/fhir"
	"digicheck/questionnaire"
	"digicheck/report"
)

// compatChild marks the child process TestStoresOfTheEarlierBuildReadTheSame
// runs itself in.
const compatChild = "DIGICHECK_COMPAT_CHILD"

// TestStoresOfTheEarlierBuildReadTheSame opens stores written by an earlier
// build (testdata/compat: a few real-looking assessments with a void, an
// amendment, a follow-up and a draft; and 300 synthetic ones) and checks,
// summarises and exports them: every count and every exported byte must be
// what that build printed (testdata/compat/make.sh), and none of it may
// write to the store.
//
// The expected outputs were written with TZ=UTC. Setting time.Local here
// would race with goroutines of tests running beside this one (the race
// detector caught one), so the test runs itself again in a child process
// whose zone is UTC from the start.
func TestStoresOfTheEarlierBuildReadTheSame(t *testing.T) {
	if os.Getenv(compatChild) == "" {
		t.Parallel()
		cmd := exec.Command(os.Args[0], "-test.run=^TestStoresOfTheEarlierBuildReadTheSame$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), compatChild+"=1", "TZ=UTC")
		out, err := cmd.CombinedOutput()
		if err != nil || !bytes.Contains(out, []byte("--- PASS: TestStoresOfTheEarlierBuildReadTheSame/synthetic-v1")) {
			t.Fatalf("the test in a process at TZ=UTC: %v\n%s", err, out)
		}
		return
	}
	if time.Local.String() != "UTC" {
		t.Fatalf("the child process runs in %s, not UTC", time.Local)
	}
	for _, name := range []string{"real-v1", "synthetic-v1"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			orig, err := os.ReadFile(filepath.Join("testdata", "compat", name+".db"))
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, name+".db")
			if err := os.WriteFile(path, orig, 0o600); err != nil {
				t.Fatal(err)
			}
			want := func(suffix string) string {
				t.Helper()
				b, err := os.ReadFile(filepath.Join("testdata", "compat", name+"."+suffix))
				if err != nil {
					t.Fatal(err)
				}
				return string(b)
			}
			same := func(what, got, want string) {
				t.Helper()
				if got == want {
					return
				}
				gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
				for i := range min(len(gl), len(wl)) {
					if gl[i] != wl[i] {
						t.Errorf("%s differs from the earlier build's at line %d:\n got %q\nwant %q", what, i+1, gl[i], wl[i])
						return
					}
				}
				t.Errorf("%s has %d lines, the earlier build's %d", what, len(gl), len(wl))
			}

			out, _, err := runStoreCmd(t, path, (*app).checkCmd)
			if err != nil {
				t.Fatalf("check: %v\n%s", err, out)
			}
			// The verdict is compared, not its wording: what check says
			// it looked at has grown since these stores were made.
			verdicts := func(out string) string {
				var kept []string
				for _, l := range strings.SplitAfter(out, "\n") {
					switch {
					case strings.HasPrefix(l, "Store:"):
					case strings.HasPrefix(l, "OK:"):
						kept = append(kept, "OK\n")
					default:
						kept = append(kept, l)
					}
				}
				return strings.Join(kept, "")
			}
			same("check", verdicts(out), verdicts(want("check.txt")))

			// Periods and dates in UTC, as they were written; the time_zone
			// column that says so came later, last in every row, and is
			// taken off here, as is period_partial before it.
			out, _, err = runStoreCmd(t, path, (*app).summaryCmd, "--exact", "--from", "2000-01-01", "--format", "csv", "--tz", "UTC")
			if err != nil {
				t.Fatalf("summary: %v", err)
			}
			// The breakdown by team was added after these stores were
			// made: its rows come last, and are left out here.
			var rows []string
			for _, l := range strings.SplitAfter(out, "\n") {
				if !strings.HasPrefix(l, "all,team,") {
					rows = append(rows, withoutPartial(t, withoutZone(t, withoutBaseOf(t, l))))
				}
			}
			same("summary --exact --format csv", strings.Join(rows, ""), want("summary.csv"))

			for _, format := range []string{"csv", "ndjson", "fhir"} {
				to := filepath.Join(dir, "export."+format)
				if _, _, err := runStoreCmd(t, path, (*app).exportCmd, "--format", format, "--identifiable", "-o", to, "--tz", "UTC"); err != nil {
					t.Fatalf("export --format %s: %v", format, err)
				}
				got, err := os.ReadFile(to)
				if err != nil {
					t.Fatal(err)
				}
				if format == "fhir" {
					got = responsesAsBefore(t, got)
				}
				if format == "csv" {
					sameCSV(t, string(got), want("export."+format))
					continue
				}
				if format == "ndjson" {
					// The lines of the end mark, first and last, are
					// this build's, and so is each record's row check,
					// last on its line; the records' lines are as before.
					lines := exportLines(string(got))
					for i, l := range lines {
						if lines[i] = ndjsonRowCheck.ReplaceAllString(l, "}"); lines[i] == l {
							t.Errorf("export --format ndjson line %d has no row check: %.200s", i+1, l)
						}
					}
					got = []byte(strings.Join(lines, "\n") + "\n")
				}
				same("export --format "+format, string(got), want("export."+format))
			}

			after, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(after, orig) {
				t.Error("checking, summarising or exporting wrote to the store")
			}
		})
	}
}

// responsesAsBefore is a FHIR export with what later builds add to it taken
// out: the resources derived from each response (Observations, Flags,
// ServiceRequests) and, in each response, its author (contained) and the
// record it carries whole (extension). Everything the earlier build wrote
// must be as it wrote it, byte for byte; the ethnic category alone moved to
// UK Core's code system (same codes), so it is written back in the
// instrument's own system to compare.
func responsesAsBefore(t *testing.T, export []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	for _, line := range bytes.SplitAfter(export, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var head struct{ ResourceType string }
		if err := json.Unmarshal(line, &head); err != nil {
			t.Fatalf("export line is not JSON: %v", err)
		}
		if head.ResourceType != "QuestionnaireResponse" {
			continue
		}
		for _, re := range []*regexp.Regexp{
			regexp.MustCompile(`"contained":\[\{"resourceType":"PractitionerRole","id":"author".*?\}\}\],`),
			regexp.MustCompile(`"extension":\[\{"url":"[^"]*/StructureDefinition/digicheck-record","valueString":"(?:[^"\\]|\\.)*"\}\],`),
			regexp.MustCompile(`,"author":\{"reference":"#author","type":"PractitionerRole"\}`),
		} {
			line = re.ReplaceAll(line, nil)
		}
		line = ethnicAsBefore.ReplaceAllFunc(line, func(m []byte) []byte {
			code := ethnicAsBefore.FindSubmatch(m)[1]
			o, _ := questionnaire.V1.Item(questionnaire.LinkEthnicity)
			opt, _ := o.Option(string(code))
			b, _ := json.Marshal(opt.Text)
			return []byte(`{"system":"` + fhir.OptionSystem(questionnaire.V1, questionnaire.LinkEthnicity) + `","code":"` + string(code) + `","display":` + string(b) + `}`)
		})
		out.Write(line)
	}
	return out.Bytes()
}

var ethnicAsBefore = regexp.MustCompile(`\{"system":"https://fhir\.hl7\.org\.uk/CodeSystem/UKCore-EthnicCategoryEngland","code":"([A-Z0-9]+)","display":"[^"]*"\}`)

// sameCSV checks a CSV export of an earlier build's store against that
// build's export: the same columns and values, and after them only the
// columns later instrument versions added, empty for every earlier record
// (CSV columns are only ever added at the end).
func sameCSV(t *testing.T, got, want string) {
	t.Helper()
	read := func(s string) [][]string {
		rows, err := csv.NewReader(strings.NewReader(s)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	// The end mark, the last row and its column, is this build's.
	g, w := withoutEndRow(read(got)), read(want)
	if len(g) != len(w) {
		t.Fatalf("export --format csv has %d rows, the earlier build's %d", len(g), len(w))
	}
	for i := range w {
		n := len(w[i])
		if len(g[i]) < n || !slices.Equal(g[i][:n], w[i]) {
			t.Errorf("export --format csv row %d differs from the earlier build's:\n got %q\nwant %q", i+1, g[i], w[i])
			continue
		}
		for j, v := range g[i][n:] {
			switch {
			case i == 0 && !strings.Contains(v, "_") && v != "fingerprint":
				t.Errorf("added column %d is %q, not a question's", n+j+1, v)
			case i > 0 && g[0][n+j] == "time_zone":
				if v != "UTC" {
					t.Errorf("row %d: time_zone %q, want UTC (--tz UTC)", i+1, v)
				}
			case i > 0 && g[0][n+j] == report.RowCheckColumn:
				if !rowCheck.MatchString(v) {
					t.Errorf("row %d: row_check %q, not the row's check (16 letters a to p)", i+1, v)
				}
			case i > 0 && v != "":
				t.Errorf("row %d: column %s added since holds %q for an earlier record", i+1, g[0][n+j], v)
			}
		}
	}
}

// withoutZone takes the time_zone column, added after the earlier build,
// off the end of a CSV line: its heading, or UTC.
// withoutPartial takes off the period_partial column of a summary CSV
// line (added later, just before time_zone) once withoutZone has taken
// the zone off.
func withoutPartial(t *testing.T, line string) string {
	t.Helper()
	if line == "" {
		return line
	}
	body := strings.TrimSuffix(line, "\r\n")
	for _, end := range []string{",period_partial", ",yes", ","} {
		if strings.HasSuffix(body, end) {
			return strings.TrimSuffix(body, end) + "\r\n"
		}
	}
	t.Fatalf("a summary CSV line does not end with its period_partial column: %q", line)
	return ""
}

// withoutBaseOf is a summary CSV line without its last column, base_of,
// added after the time zone.
func withoutBaseOf(t *testing.T, line string) string {
	t.Helper()
	if line == "" {
		return line
	}
	body := strings.TrimSuffix(line, "\r\n")
	i := strings.LastIndexByte(body, ',')
	if i < 0 || !strings.HasSuffix(line, "\r\n") || strings.ContainsRune(body[i:], '"') {
		t.Fatalf("a summary CSV line does not end with its base_of column: %q", line)
	}
	return body[:i] + "\r\n"
}

func withoutZone(t *testing.T, line string) string {
	t.Helper()
	if line == "" {
		return line
	}
	for _, end := range []string{",time_zone\r\n", ",UTC\r\n"} {
		if strings.HasSuffix(line, end) {
			return strings.TrimSuffix(line, end) + "\r\n"
		}
	}
	t.Fatalf("a CSV line does not end with its time zone: %q", line)
	return ""
}

// rowCheck is a row check as a CSV export writes it (report.RowCheckColumn),
// and ndjsonRowCheck the field an NDJSON line ends with.
var (
	rowCheck       = regexp.MustCompile(`^[a-p]{16}$`)
	ndjsonRowCheck = regexp.MustCompile(`,"` + report.RowCheckColumn + `":"[a-p]{16}"}$`)
)
