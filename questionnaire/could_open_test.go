package questionnaire

import (
	"slices"
	"testing"
)

// TestV2TheQuestionsThatCouldOpenMoreReferralsNameOnlyWhatTheRulesWouldGive:
// a patient with a basic mobile only, who said paying for data is never a
// problem and skipped the equity questions, was told the benefits question
// could open the National Databank and social tariffs, which the rules
// leave out for them whatever they answer. The list is worked out by
// running the rules again with the questions not asked answered each way,
// so it can never disagree with them. Each at its boundary: data cost
// "never" against "often" and "sometimes"; age and benefits both not asked,
// where the Databank waits on both (an adult on a low income); and the
// rules before, which named them.
func TestV2TheQuestionsThatCouldOpenMoreReferralsNameOnlyWhatTheRulesWouldGive(t *testing.T) {
	const databank, tariffs, bank = "national-databank", "social-tariffs", "national-device-bank"
	named := func(rec Recommendation, link string) []string {
		for _, ask := range rec.AskAbout {
			if ask.LinkID == link {
				return ask.ProgrammeIDs
			}
		}
		return nil
	}
	for _, tc := range []struct {
		name   string
		change Answers
		// want and not are what the benefits question must and must not
		// name; wantAge what the age question must name.
		want, not, wantAge []string
	}{
		{"a basic mobile, data never a problem, age known", Answers{LinkDevices: {DevBasicMob}, LinkInternet: {NetNone}, LinkAfford: {"never"},
			LinkAgeBand: {"35-44"}}, []string{bank}, []string{databank, tariffs}, nil},
		{"a basic mobile, data never a problem, age not asked", Answers{LinkDevices: {DevBasicMob}, LinkInternet: {NetNone}, LinkAfford: {"never"}},
			[]string{bank}, []string{databank, tariffs}, nil},
		{"a basic mobile, data often a problem, age known", Answers{LinkDevices: {DevBasicMob}, LinkInternet: {NetNone}, LinkAfford: {"often"},
			LinkAgeBand: {"35-44"}}, []string{bank, databank, tariffs}, nil, nil},
		{"a basic mobile, data sometimes a problem, age not asked", Answers{LinkDevices: {DevBasicMob}, LinkInternet: {NetNone}, LinkAfford: {"sometimes"}},
			[]string{bank, databank, tariffs}, nil, []string{databank}},
	} {
		a := withV2(merge(tc.change, Answers{LinkBenefits: nil}))
		if _, ok := tc.change[LinkAgeBand]; !ok {
			delete(a, LinkAgeBand)
		}
		rec := assessV2(t, a, Services{}).Recommendation
		got := named(rec, LinkBenefits)
		for _, id := range tc.want {
			if !slices.Contains(got, id) {
				t.Errorf("%s: the benefits question does not name %s: %v", tc.name, id, got)
			}
		}
		for _, id := range tc.not {
			if slices.Contains(got, id) {
				t.Errorf("%s: the benefits question names %s, which no answer to it opens: %v", tc.name, id, got)
			}
		}
		for _, id := range tc.wantAge {
			if !slices.Contains(named(rec, LinkAgeBand), id) {
				t.Errorf("%s: the age question does not name %s: %v", tc.name, id, named(rec, LinkAgeBand))
			}
		}
		// Every programme named is offered when the question is answered
		// some way, the others not asked answered some way too.
		for _, ask := range rec.AskAbout {
			for _, id := range ask.ProgrammeIDs {
				if !openedSomeWay(t, a, rec.AskAbout, id) {
					t.Errorf("%s: %s names %s, which no answers open", tc.name, ask.LinkID, id)
				}
			}
		}
		if len(tc.not) > 0 {
			before := rulesBefore(t, func(ins *Instrument) bool { return ins.beforeAskRerun })
			was, err := before.AssessWith(a, National, Services{})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(named(was.Recommendation, LinkBenefits), databank) {
				t.Errorf("%s: the rules before did not name the Databank, so this test shows nothing of them: %v", tc.name, was.Recommendation.AskAbout)
			}
		}
	}
}

// openedSomeWay reports whether the programme id is offered with the
// questions asks answered some way, each with one of its options.
func openedSomeWay(t *testing.T, a Answers, asks []Ask, id string) bool {
	t.Helper()
	if len(asks) == 0 {
		res, err := V2.AssessWith(a, National, Services{})
		if err != nil {
			t.Fatal(err)
		}
		return res.Recommendation.HasReferral(id)
	}
	it, _ := V2.Item(asks[0].LinkID)
	for _, o := range it.Options {
		if openedSomeWay(t, merge(a, Answers{asks[0].LinkID: {o.Code}}), asks[1:], id) {
			return true
		}
	}
	return false
}
