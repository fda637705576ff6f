package report

import (
	"bytes"
	"regexp"
	"strconv"
	"testing"
	"time"

	"digicheck/questionnaire"
	"digicheck/site"
)

// TestEveryOutputStatesTheRuleInForce: a site may make disclosure control
// stricter ([disclosure] round_to, max_suppressed), and then every
// statement of the rule in a summary's outputs (the board report's
// disclosure note, glossary, chart note and charts' hidden points, the
// terminal table, Markdown, JSON and the terminal charts) states that
// rule, never the default's figures: a board paper that said "*" is 0 to
// 9 beside a note saying counts below 20 are hidden told its readers two
// rules.
func TestEveryOutputStatesTheRuleInForce(t *testing.T) {
	for _, tc := range []struct {
		name       string
		disclosure site.Disclosure
		hiddenTop  int // the largest count "*" may stand for
		shareBase  int // the smallest base, as shown, a share is worked out of
		roundTo    int
	}{
		{"default", site.Disclosure{}, 9, 20, 5},
		{"round to 10, hide 12 or less", site.Disclosure{RoundTo: 10, MaxSuppressed: 12}, 19, 40, 10},
		{"round to 5, hide 12 or less", site.Disclosure{RoundTo: 5, MaxSuppressed: 12}, 14, 20, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := summarise(t, datasetOf(t, boardFixture(t)), Options{By: Week, Disclosure: tc.disclosure})
			outputs := map[string]string{}
			var b bytes.Buffer
			if err := s.WriteHTML(&b, HTMLOptions{SiteName: "Trust", Produced: time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC),
				ToolVersion: "v1.4.0", Names: names}); err != nil {
				t.Fatal(err)
			}
			outputs["html"] = b.String()
			b.Reset()
			if err := s.WriteTableWidth(&b, names, 100); err != nil {
				t.Fatal(err)
			}
			outputs["table"] = b.String()
			b.Reset()
			if err := s.WriteMarkdown(&b, names); err != nil {
				t.Fatal(err)
			}
			outputs["markdown"] = b.String()
			b.Reset()
			if err := s.WriteJSON(&b); err != nil {
				t.Fatal(err)
			}
			outputs["json"] = b.String()
			for _, m := range []string{MeasureBand(questionnaire.Access) + "/significant", MeasureAssessed} {
				ch, err := s.Chart(m, ChartOptions{})
				if err != nil {
					t.Fatal(err)
				}
				b.Reset()
				if err := ch.Write(&b, 100); err != nil {
					t.Fatal(err)
				}
				outputs["run chart of "+m] = b.String()
			}

			// What the page must say: the range "*" stands for, in the
			// glossary, the charts' note and each hidden point.
			hiddenPoints := regexp.MustCompile(`<title>[^<]*: hidden \(([^)]*)\)</title>`).FindAllStringSubmatch(outputs["html"], -1)
			if len(hiddenPoints) == 0 {
				t.Fatal("the fixture gives no hidden point on the board report's charts: the test proves nothing")
			}
			for _, p := range hiddenPoints {
				if !regexp.MustCompile(`\b0 to ` + strconv.Itoa(tc.hiddenTop) + `\b`).MatchString(p[1]) {
					t.Errorf("html: a hidden point says %q, not 0 to %d", p[0], tc.hiddenTop)
				}
			}
			for _, want := range []string{
				"any count from 0 to " + strconv.Itoa(tc.hiddenTop) + ".",
				"disclosure control hides (a count from 0 to " + strconv.Itoa(tc.hiddenTop) + ";",
				"counts below " + strconv.Itoa(tc.hiddenTop+1) + ", zero included, are shown as *",
			} {
				if !bytes.Contains([]byte(outputs["html"]), []byte(want)) {
					t.Errorf("html: no %q", want)
				}
			}

			// What no output may say: any other range for "*", threshold
			// or rounding.
			checks := []struct {
				re   *regexp.Regexp
				want int
			}{
				{regexp.MustCompile(`\b0 to (\d+)\b`), tc.hiddenTop},
				{regexp.MustCompile(`counts? (?:below|under|less than) (\d+)`), tc.hiddenTop + 1},
				{regexp.MustCompile(`multiple of (\d+)`), tc.roundTo},
				{regexp.MustCompile(`within (\d+) of the exact`), tc.roundTo - 1},
				{regexp.MustCompile(`base is shown as less than (\d+)`), tc.shareBase},
			}
			for name, out := range outputs {
				for _, c := range checks {
					for _, m := range c.re.FindAllStringSubmatch(out, -1) {
						if n, _ := strconv.Atoi(m[1]); n != c.want {
							t.Errorf("%s says %q: the rule in force gives %d", name, m[0], c.want)
						}
					}
				}
			}
		})
	}
}
