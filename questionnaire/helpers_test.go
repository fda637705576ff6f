package questionnaire

import (
	"slices"
	"strings"
	"testing"
)

// included is a patient with no barrier in any domain, no communication
// needs and no preference: the answers every test case starts from.
func included() Answers {
	return Answers{
		LinkDevices:       {DevSmartphone},
		LinkInternet:      {NetHome},
		LinkAfford:        {"never"},
		LinkTasks:         {TaskText, TaskEmail, TaskApp, TaskLogin, TaskForm, TaskVideo},
		LinkHelp:          {HelpNone},
		LinkWant:          {Yes},
		LinkWorry:         {"not"},
		LinkBadExperience: {No},
		LinkCommNeeds:     {NeedNone},
		LinkReadingHelp:   {ReadNever},
		LinkChoice:        {ChoiceNone},
	}
}

// with returns the included patient with some answers replaced; a nil
// value removes the answer.
func with(change Answers) Answers {
	a := included()
	for k, v := range change {
		if v == nil {
			delete(a, k)
			continue
		}
		a[k] = v
	}
	return a
}

// tasksExcept lists the six everyday tasks without the given ones.
func tasksExcept(not ...string) []string {
	var out []string
	for _, t := range []string{TaskText, TaskEmail, TaskApp, TaskLogin, TaskForm, TaskVideo} {
		if !slices.Contains(not, t) {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return []string{TaskNone}
	}
	return out
}

// assess runs V1 with the national directory and fails the test on an
// invalid answer set, so every case is a real, valid assessment.
func assess(t *testing.T, a Answers) Result {
	t.Helper()
	return assessWith(t, a, National)
}

func assessWith(t *testing.T, a Answers, dir Directory) Result {
	t.Helper()
	res, err := V1.Assess(a, dir)
	if err != nil {
		t.Fatalf("answers do not validate: %v\nanswers: %v", err, a)
	}
	return res
}

func routeCheck(t *testing.T, rec Recommendation, r Route) RouteCheck {
	t.Helper()
	for _, c := range rec.Checks {
		if c.Route == r {
			return c
		}
	}
	t.Fatalf("no check for route %s in %+v", r, rec.Checks)
	return RouteCheck{}
}

func adjustment(rec Recommendation, code string) (Adjustment, bool) {
	for _, a := range rec.Adjustments {
		if a.Code == code {
			return a, true
		}
	}
	return Adjustment{}, false
}

func mustItem(t *testing.T, linkID string) *Item {
	t.Helper()
	it, ok := V1.Item(linkID)
	if !ok {
		t.Fatalf("V1 has no item %q", linkID)
	}
	return it
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}
