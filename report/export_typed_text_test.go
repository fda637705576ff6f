package report

import (
	"strings"
	"testing"
)

// TestATeamNameNoDigicheckSavesIsRefusedInAnExportAtItsLine: a team name
// edited into a CSV or NDJSON export with a control character, a NUL or
// a right-to-left override (none of which digicheck saves: the store
// refuses them, as capture does) was counted as a team of its own without
// a word, and under disclosure control its patients went out of the
// totals as too few. The file is now refused at that line, naming the
// team as it is shown and what is wrong with it, as an unknown band is.
func TestATeamNameNoDigicheckSavesIsRefusedInAnExportAtItsLine(t *testing.T) {
	for _, c := range []struct{ team, shown, why string }{
		{"Ward\x07 7", `Ward\x07 7`, "character 5 is a control character (U+0007)"},
		{"Ward\x00 7", `Ward\x00 7`, "character 5 is a control character (U+0000)"},
		{"Ward 7\r", `Ward 7\x0d`, "character 7 is a line break"},
		{"Ward 7\x1b[31m", `Ward 7\x1b[31m`, "character 7 is an escape character (ESC)"},
		{"\u202eWard 7", `\u202eWard 7`, "character 1 is a right-to-left override (U+202E)"},
		{"Ward\t7", `Ward\x097`, "character 5 is a tab"},
	} {
		for _, format := range []string{FormatCSV, FormatNDJSON} {
			d := &Inputs{}
			var err error
			if format == FormatCSV {
				good := csvRowOf(fixtureID(1).String(), "2026-01-05T11:00:00Z")
				bad := strings.Replace(csvRowOf(fixtureID(2).String(), "2026-01-06T11:00:00Z"), ",Ward 7,", `,"`+c.team+`",`, 1)
				err = d.AddCSV(strings.NewReader(csvHeaderLine()+good+bad), "edited.csv")
			} else {
				rs := records(t, []fixture{{n: 1, day: "2026-01-05", team: "Ward 7"}, {n: 2, day: "2026-01-06", team: c.team}})
				err = d.AddNDJSON(strings.NewReader(ndjsonOf(t, rs)), "edited.ndjson")
			}
			if err == nil {
				_, err = d.Summarise(Options{By: Month, Exact: true})
			}
			if err == nil {
				t.Errorf("%s: the team %q is counted", format, c.team)
				continue
			}
			msg := err.Error()
			for _, want := range []string{"edited." + format + ":3:", "team \"" + c.shown + "\"", c.why, "changed since it was exported"} {
				if format == FormatNDJSON && want == "edited.ndjson:3:" {
					want = "edited.ndjson:2:"
				}
				if !strings.Contains(msg, want) {
					t.Errorf("%s, team %q: the error does not say %q: %s", format, c.team, want, msg)
				}
			}
			if strings.ContainsAny(msg, "\x00\x07\x1b\r\t\u202e") {
				t.Errorf("%s: the error holds the team's raw characters: %q", format, msg)
			}
		}
	}
}

// TestAPatientIdentifierNoDigicheckSavesIsRefusedInAnExportWithoutShowingIt:
// a NUL in a patient's pseudonym was read as another patient. It is
// refused at its line, and the error does not repeat the identifier (in an
// identifiable export, an NHS number).
func TestAPatientIdentifierNoDigicheckSavesIsRefusedInAnExportWithoutShowingIt(t *testing.T) {
	for _, format := range []string{FormatCSV, FormatNDJSON} {
		d := &Inputs{}
		var err error
		if format == FormatCSV {
			bad := strings.Replace(csvRowOf(fixtureID(2).String(), "2026-01-06T11:00:00Z"), ",RX1,", ",\"RX\x001\",", 1)
			err = d.AddCSV(strings.NewReader(csvHeaderLine()+bad), "edited.csv")
		} else {
			rs := records(t, []fixture{{n: 2, day: "2026-01-06", team: "Ward 7", patient: "RX\x001"}})
			err = d.AddNDJSON(strings.NewReader(ndjsonOf(t, rs)), "edited.ndjson")
		}
		if err == nil {
			_, err = d.Summarise(Options{By: Month, Exact: true})
		}
		if err == nil {
			t.Errorf("%s: a patient identifier with a NUL is counted", format)
			continue
		}
		at := map[string]string{FormatCSV: "edited.csv:2:", FormatNDJSON: "edited.ndjson:1:"}[format]
		if msg := err.Error(); !strings.Contains(msg, at+" patient identifier: character 3 is a control character (U+0000)") || strings.Contains(msg, "RX") {
			t.Errorf("%s: %s", format, msg)
		}
	}
}
