package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"digicheck/questionnaire"
)

// hostileNames are team names as an export edited in a warehouse or a
// spreadsheet may hold them: an escape sequence that sets a terminal's
// title and clears its screen, then a right-to-left override; a line
// break; the other C0 controls, DEL, C1 controls (U+009B is a one-byte
// CSI to some terminals), bidi embeddings, overrides and isolates, and
// line and paragraph separators.
var hostileNames = []string{
	"Evil\x1b]0;pwned\x07\x1b[2J\u202eTeam",
	"Line\nBreak",
	"Nul\x00Tab\tCr\rTeam",
	"Del\x7fTeam",
	"Csi\u009b2JNel\u0085Team",
	"Lre\u202aRle\u202bPdf\u202cLro\u202dTeam",
	"Lri\u2066Rli\u2067Fsi\u2068Pdi\u2069Team",
	"Ls\u2028Ps\u2029Team",
}

// rawControl is a rune no output may hold as it is, but for the line
// feeds that end its lines: what a terminal runs, or what makes a
// browser or a terminal show text in another order than it was typed.
func rawControl(r rune) bool {
	return r < 0x20 && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f ||
		r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x2028 || r == 0x2029
}

// firstRawControl is where out holds a raw control, and which, or "".
func firstRawControl(out string) string {
	for i, r := range out {
		if rawControl(r) {
			return fmt.Sprintf("U+%04X at byte %d, in %q", r, i, out[max(0, i-40):min(len(out), i+40)])
		}
	}
	return ""
}

// hostileSummary counts one assessment of each hostile team, with
// exact counts (so every team's row is shown), and names the teams with
// --team so that the heading lists them too.
func hostileSummary(t *testing.T) *Summary {
	t.Helper()
	var fs []fixture
	for i, name := range hostileNames {
		fs = append(fs, fixture{n: i + 1, day: fmt.Sprintf("2026-01-%02d", i+5), team: name})
	}
	return summarise(t, datasetOf(t, records(t, fs)), Options{By: Month, Exact: true, Teams: hostileNames})
}

// wantEscaped checks that out holds no raw control and shows every
// hostile name as questionnaire.Printable does (ESC as \x1b, U+202E as
// \u202e, a line feed as \x0a), as the Markdown and the CSV do.
func wantEscaped(t *testing.T, format, out string) {
	t.Helper()
	if where := firstRawControl(out); where != "" {
		t.Errorf("the %s holds a raw control character: %s", format, where)
	}
	for _, name := range hostileNames {
		if !strings.Contains(out, questionnaire.Printable(name)) {
			t.Errorf("the %s does not show the team %q as %s", format, name, questionnaire.Printable(name))
		}
	}
}

func TestATeamNamedWithControlCharactersIsShownEscapedInTheTable(t *testing.T) {
	s := hostileSummary(t)
	// Wide enough that no table is narrowed: each name on one line.
	var b bytes.Buffer
	if err := s.WriteTableWidth(&b, nil, 400); err != nil {
		t.Fatal(err)
	}
	wantEscaped(t, "table", b.String())
	for _, l := range strings.Split(b.String(), "\n") {
		if strings.TrimSpace(l) == "Break" || strings.HasPrefix(strings.TrimSpace(l), "Break ") {
			t.Errorf("a name's line feed broke a row of the table: %q", l)
		}
	}
	// At 80 columns, narrowed and wrapped, still nothing raw.
	b.Reset()
	if err := s.WriteTableWidth(&b, nil, 80); err != nil {
		t.Fatal(err)
	}
	if where := firstRawControl(b.String()); where != "" {
		t.Errorf("the table at 80 columns holds a raw control character: %s", where)
	}
}

func TestATeamNamedWithControlCharactersIsShownEscapedInTheBoardReport(t *testing.T) {
	s := hostileSummary(t)
	var b bytes.Buffer
	if err := s.WriteHTML(&b, HTMLOptions{Produced: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), SiteName: "Site\x1b[2J\u202eName"}); err != nil {
		t.Fatal(err)
	}
	wantEscaped(t, "board report", b.String())
	if !strings.Contains(b.String(), `<th scope="row">`+questionnaire.Printable(hostileNames[0])+`</th>`) {
		t.Errorf("the team's row in the board report is not named %s", questionnaire.Printable(hostileNames[0]))
	}
	if !strings.Contains(b.String(), `Site\x1b[2J\u202eName`) {
		t.Error("the board report does not show the site's name escaped")
	}
}

func TestATeamNamedWithControlCharactersIsShownEscapedInTheMarkdown(t *testing.T) {
	var b bytes.Buffer
	if err := hostileSummary(t).WriteMarkdown(&b, nil); err != nil {
		t.Fatal(err)
	}
	// Its markup characters escaped too: "\x1b\]0;" renders as "\x1b]0;".
	wantEscaped(t, "Markdown", strings.NewReplacer(`\[`, "[", `\]`, "]").Replace(b.String()))
}

func TestATeamNamedWithControlCharactersIsShownEscapedInTheSummaryCSV(t *testing.T) {
	var b bytes.Buffer
	if err := hostileSummary(t).WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	// The CSV ends its rows with CRLF; a CR anywhere else is raw.
	out := strings.ReplaceAll(b.String(), "\r\n", "\n")
	wantEscaped(t, "summary CSV", out)
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	groups := map[string]bool{}
	for _, r := range rows[1:] {
		if r[1] == BreakdownTeam {
			groups[r[2]] = true
		}
	}
	for _, name := range hostileNames {
		if !groups[questionnaire.Printable(name)] {
			t.Errorf("no team row %s in the CSV", questionnaire.Printable(name))
		}
	}
}

// TestATeamNamedWithControlCharactersIsEscapedInTheJSONAndReadsBackExact:
// the JSON keeps a name exact for a warehouse, every control in it as a
// JSON \u escape: the C0 controls (as encoding/json does), and DEL, the
// C1 controls, the bidi controls and marks (U+200E, U+200F) and the line
// and paragraph separators, which a JSON string may hold raw but which
// a terminal runs or a browser reorders text by.
func TestATeamNamedWithControlCharactersIsEscapedInTheJSONAndReadsBackExact(t *testing.T) {
	names := append([]string{"Lrm\u200eRlm\u200fTeam"}, hostileNames...)
	var fs []fixture
	for i, name := range names {
		fs = append(fs, fixture{n: i + 1, day: fmt.Sprintf("2026-01-%02d", i+5), team: name})
	}
	s := summarise(t, datasetOf(t, records(t, fs)), Options{By: Month, Exact: true, Teams: names})
	var b bytes.Buffer
	if err := s.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if where := firstRawControl(out); where != "" {
		t.Errorf("the JSON holds a raw control character: %s", where)
	}
	for _, r := range []rune{0x200e, 0x200f} {
		if strings.ContainsRune(out, r) {
			t.Errorf("the JSON holds U+%04X raw", r)
		}
	}
	for _, want := range []string{`\u001b]0;pwned\u0007\u001b[2J\u202eTeam`, `Del\u007fTeam`, `Csi\u009b2JNel\u0085Team`, `Lrm\u200eRlm\u200fTeam`,
		`Lri\u2066Rli\u2067Fsi\u2068Pdi\u2069Team`, `Ls\u2028Ps\u2029Team`, `Line\nBreak`} {
		if !strings.Contains(out, want) {
			t.Errorf("the JSON does not hold %s", want)
		}
	}
	var back struct {
		Teams []string `json:"teams"`
		Cells []struct {
			Breakdown, Group string
		} `json:"cells"`
	}
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	groups := map[string]bool{}
	for _, c := range back.Cells {
		if c.Breakdown == BreakdownTeam {
			groups[c.Group] = true
		}
	}
	for i, name := range names {
		if !groups[name] {
			t.Errorf("no team %q in the JSON's cells, read back", name)
		}
		if i >= len(back.Teams) || back.Teams[i] != name {
			t.Errorf("the JSON's teams, read back, are %q, not as given", back.Teams)
		}
	}
}
