package fhir_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"digicheck/fhir"
	"digicheck/questionnaire"
)

func questionnaireText(t *testing.T, ins *questionnaire.Instrument) string {
	t.Helper()
	var b strings.Builder
	if err := fhir.QuestionnaireText(&b, ins); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestQuestionnaireTextHasEveryQuestion: every question appears numbered in
// the order asked, with its linkId, hint, condition and every answer code.
func TestQuestionnaireTextHasEveryQuestion(t *testing.T) {
	ins := questionnaire.V1
	out := questionnaireText(t, ins)
	for _, want := range []string{ins.Title, "Version " + ins.Version, ins.URL + "|" + ins.Version, "not a validated instrument"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q", want)
		}
	}
	flat := strings.Join(strings.Fields(out), " ") // wrapping aside
	rest := flat
	for n, it := range ins.Items() {
		num := fmt.Sprintf(" %d. %s", n+1, strings.Join(strings.Fields(it.Text), " "))
		i := strings.Index(rest, num)
		if i < 0 {
			t.Errorf("question %d (%s) is missing or out of order", n+1, it.LinkID)
			continue
		}
		rest = rest[i:]
		// This question's block runs to the next number.
		block := rest
		if j := strings.Index(rest[len(num):], fmt.Sprintf(" %d. ", n+2)); j >= 0 {
			block = rest[:len(num)+j]
		}
		if !strings.Contains(block, "linkId "+it.LinkID+";") {
			t.Errorf("%s: linkId missing", it.LinkID)
		}
		if it.Hint != "" && !strings.Contains(block, "Hint: "+strings.Join(strings.Fields(it.Hint), " ")) {
			t.Errorf("%s: hint missing", it.LinkID)
		}
		if c := it.EnableWhen; c != nil && !strings.Contains(block, "Asked only when the answer to "+c.LinkID+" includes "+c.Code) {
			t.Errorf("%s: condition missing", it.LinkID)
		}
		for _, o := range it.Options {
			line := o.Code + " " + o.Text
			if it.Domain != "" {
				line += fmt.Sprintf(" (score %d", o.Score)
			}
			if !strings.Contains(block, line) {
				t.Errorf("%s: option %q missing", it.LinkID, line)
			}
		}
	}
}

// TestQuestionnaireTextBands: each domain's bands are the instrument's
// thresholds as score ranges up to the highest score the domain can reach.
func TestQuestionnaireTextBands(t *testing.T) {
	ins := questionnaire.V1
	out := questionnaireText(t, ins)
	for _, d := range questionnaire.Domains {
		th := ins.Bands[d]
		top := bruteMax(ins, d)
		head := fmt.Sprintf("%s (score 0 to %d,", d.Title(), top)
		i := strings.Index(out, head)
		if i < 0 {
			t.Errorf("%s: no line %q", d, head)
			continue
		}
		block := strings.SplitN(out[i:], "\n\n", 2)[0]
		for band, want := range map[questionnaire.Band]string{
			questionnaire.NoBarrier:          rangeText(0, th.Some-1, top),
			questionnaire.SomeBarrier:        rangeText(th.Some, th.Significant-1, top),
			questionnaire.SignificantBarrier: rangeText(th.Significant, top, top),
		} {
			re := regexp.MustCompile(`(?m)^  ` + band.String() + ` +` + regexp.QuoteMeta(want) + `$`)
			if !re.MatchString(block) {
				t.Errorf("%s %s: want %q in\n%s", d, band, want, block)
			}
		}
	}
}

// rangeText is how the bands should read, worked out independently.
func rangeText(lo, hi, top int) string {
	if hi > top {
		hi = top
	}
	switch {
	case lo > hi:
		return "no score falls in this band"
	case lo == hi:
		return fmt.Sprintf("score %d", lo)
	case hi == top && lo > 0:
		return fmt.Sprintf("score %d or more (up to %d)", lo, top)
	}
	return fmt.Sprintf("score %d to %d", lo, hi)
}

// bruteMax finds a domain's highest score by scoring every valid answer to
// each of its items.
func bruteMax(ins *questionnaire.Instrument, d questionnaire.Domain) int {
	total := 0
	for _, it := range ins.Items() {
		if it.Domain != d {
			continue
		}
		best := 0
		n := len(it.Options)
		for mask := 1; mask < 1<<n; mask++ {
			var vals []string
			for i := range n {
				if mask&(1<<i) != 0 {
					vals = append(vals, it.Options[i].Code)
				}
			}
			if ins.ValidateItem(it, vals) != nil {
				continue
			}
			best = max(best, questionnaire.ItemScore(it, vals))
		}
		total += best
	}
	return total
}

func TestQuestionnaireTextBandBoundaries(t *testing.T) {
	ins := tinyInstrument()
	ins.Sections[0].Items[0].Domain = questionnaire.Access
	ins.Sections[0].Items[0].Options[1].Score = 7
	ins.Bands = map[questionnaire.Domain]questionnaire.Thresholds{
		questionnaire.Access:     {Some: 2, Significant: 5},
		questionnaire.Skills:     {Some: 1, Significant: 1},
		questionnaire.Motivation: {Some: 0, Significant: 1},
		questionnaire.Trust:      {Some: 1, Significant: 3},
	}
	out := questionnaireText(t, ins)
	for _, want := range []string{
		"Access (score 0 to 7, from a.one)",
		"  no barrier           score 0 to 1\n",
		"  some barrier         score 2 to 4\n",
		"  significant barrier  score 5 or more (up to 7)\n",
		// Skills has no items: everything is no barrier.
		"Skills (score 0 to 0, from )\n  no barrier           score 0\n  some barrier         no score falls in this band\n  significant barrier  no score falls in this band\n",
		// Motivation banded from 0: no score is "no barrier".
		"Motivation (score 0 to 0, from )\n  no barrier           no score falls in this band\n  some barrier         score 0\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out[strings.Index(out, "BANDS"):])
		}
	}
	ins.Bands[questionnaire.Access] = questionnaire.Thresholds{Some: 8, Significant: 9}
	out = questionnaireText(t, ins)
	for _, want := range []string{
		"  no barrier           score 0 to 7\n",
		"  some barrier         no score falls in this band\n",
		"  significant barrier  no score falls in this band\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out[strings.Index(out, "BANDS"):])
		}
	}
	delete(ins.Bands, questionnaire.Trust)
	if err := fhir.QuestionnaireText(&strings.Builder{}, ins); err == nil {
		t.Error("an instrument without thresholds for a domain is written without complaint")
	}
}

// TestQuestionnaireTextClaimsHold: the text tells the QI team what the
// bands do; these are the claims it makes, checked against the assessment.
func TestQuestionnaireTextClaimsHold(t *testing.T) {
	out := strings.Join(strings.Fields(questionnaireText(t, questionnaire.V1)), " ")
	for _, claim := range []string{
		"No barrier: nothing in the answers stands in the way in this domain, and no support is offered for it.",
		"a significant trust barrier rules out the NHS App",
		"a significant motivation barrier puts non-digital routes first",
	} {
		if !strings.Contains(out, claim) {
			t.Fatalf("the text no longer says %q; update this test with it", claim)
		}
	}
	assess := func(change questionnaire.Answers) questionnaire.Result {
		t.Helper()
		res, err := questionnaire.V1.Assess(samplesIncluded(change), questionnaire.National)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if res := assess(nil); len(res.Recommendation.Referrals) != 0 {
		t.Errorf("no barrier anywhere, yet referrals %v", res.Recommendation.Referrals)
	}
	res := assess(questionnaire.Answers{questionnaire.LinkWorry: {"very"}})
	if res.Bands.Trust != questionnaire.SignificantBarrier {
		t.Fatalf("trust band %s", res.Bands.Trust)
	}
	for _, c := range res.Recommendation.Checks {
		if c.Route == questionnaire.RouteApp && c.Possible {
			t.Error("significant trust barrier, yet the NHS App is possible")
		}
	}
	res = assess(questionnaire.Answers{questionnaire.LinkWant: {questionnaire.No}})
	if res.Bands.Motivation != questionnaire.SignificantBarrier || res.Recommendation.Primary.Digital() {
		t.Errorf("significant motivation barrier (%s), yet primary route %s", res.Bands.Motivation, res.Recommendation.Primary)
	}
}
