package questionnaire

import (
	"strings"
	"testing"
)

// TestBandReasonNamesTheAnswersBehindTheBand: each band's reason names
// every answer that added to its score, with the score and the threshold
// crossed, at the boundaries of the access and skills bands.
func TestBandReasonNamesTheAnswersBehindTheBand(t *testing.T) {
	base := Answers{
		LinkDevices:  {DevSmartphone},
		LinkInternet: {NetHome},
		LinkAfford:   {"never"},
		LinkTasks:    {TaskText, TaskEmail, TaskApp, TaskLogin, TaskForm, TaskVideo},
	}
	with := func(k string, v ...string) Answers {
		a := base.Clone()
		a[k] = v
		return a
	}
	cases := []struct {
		name string
		a    Answers
		d    Domain
		want string
	}{
		{"no barrier names no answers", base, Access, "score 0 (some barrier from 1)"},
		{"one below some", base, Skills, "score 0 (some barrier from 1)"},
		{"at some", with(LinkAfford, "sometimes"), Access, "Sometimes (score 1; some barrier from 1)"},
		{"one below significant", with(LinkDevices, DevShared, DevBasicMob), Access, "A shared or borrowed device (score 2; some barrier from 1)"},
		{"at significant", with(LinkDevices, DevLandline), Access, "A landline phone only (score 4; significant barrier from 4)"},
		{"skills: tasks not done", with(LinkTasks, TaskText, TaskEmail, TaskApp, TaskLogin), Skills,
			"cannot: fill in a form online, join a video call (score 2; some barrier from 1)"},
		{"skills: no task", with(LinkTasks, TaskNone), Skills, "can do none of the 6 on their own (score 6; significant barrier from 3)"},
	}
	for _, c := range cases {
		got := V1.BandReason(c.a, c.d)
		if got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
		// The short form is the answers alone, the same ones.
		if short := strings.Join(V1.BandAnswers(c.a, c.d), "; "); !strings.HasPrefix(got, short) {
			t.Errorf("%s: answers %q are not those of the reason %q", c.name, short, got)
		}
	}
}
