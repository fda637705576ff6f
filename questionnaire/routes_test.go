package questionnaire

import (
	"strings"
	"testing"
)

// routeCase is one answer set and whether a route is possible for it.
type routeCase struct {
	name     string
	change   Answers
	possible bool
}

func checkRouteCases(t *testing.T, r Route, tests []routeCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := assess(t, with(tt.change)).Recommendation
			c := routeCheck(t, rec, r)
			if c.Possible != tt.possible {
				t.Errorf("%s possible = %v, want %v (reason %q)", r, c.Possible, tt.possible, c.Reason)
			}
			if strings.TrimSpace(c.Reason) == "" {
				t.Errorf("%s check has no reason", r)
			}
			if !c.Possible && rec.Primary == r {
				t.Errorf("primary is %s, which is not possible", r)
			}
		})
	}
}

func TestNoSMSWithoutMobile(t *testing.T) {
	checkRouteCases(t, RouteSMS, []routeCase{
		{"own smartphone", Answers{LinkDevices: {DevSmartphone}}, true},
		{"basic mobile counts", Answers{LinkDevices: {DevBasicMob}, LinkInternet: {NetNone}}, true},
		{"basic mobile and landline", Answers{LinkDevices: {DevBasicMob, DevLandline}, LinkInternet: {NetNone}}, true},
		{"landline only", Answers{LinkDevices: {DevLandline}, LinkInternet: {NetNone}}, false},
		{"shared device only", Answers{LinkDevices: {DevShared}}, false},
		{"shared device and landline", Answers{LinkDevices: {DevShared, DevLandline}}, false},
		{"computer only", Answers{LinkDevices: {DevComputer}}, false},
		{"no device", Answers{LinkDevices: {DevNone}, LinkInternet: {NetNone}}, false},
	})
}

func TestNoSMSWithoutTextSkill(t *testing.T) {
	checkRouteCases(t, RouteSMS, []routeCase{
		{"all tasks", nil, true},
		{"only texts", Answers{LinkTasks: {TaskText}}, true},
		{"everything but texts", Answers{LinkTasks: tasksExcept(TaskText)}, false},
		{"no tasks on their own", Answers{LinkTasks: {TaskNone}}, false},
		{"basic mobile, cannot text", Answers{LinkDevices: {DevBasicMob}, LinkTasks: {TaskNone}}, false},
	})
}

func TestNoNHSAppWithoutOwnSmartphoneOrComputer(t *testing.T) {
	checkRouteCases(t, RouteApp, []routeCase{
		{"own smartphone", Answers{LinkDevices: {DevSmartphone}}, true},
		{"own tablet or computer", Answers{LinkDevices: {DevComputer}}, true},
		{"smartphone and landline", Answers{LinkDevices: {DevSmartphone, DevLandline}}, true},
		{"shared or borrowed device", Answers{LinkDevices: {DevShared}}, false},
		{"basic mobile", Answers{LinkDevices: {DevBasicMob}}, false},
		{"shared device and basic mobile", Answers{LinkDevices: {DevShared, DevBasicMob}}, false},
		{"landline only", Answers{LinkDevices: {DevLandline}}, false},
		{"no device", Answers{LinkDevices: {DevNone}}, false},
	})
}

func TestNoNHSAppWithoutHomeInternetOrMobileData(t *testing.T) {
	checkRouteCases(t, RouteApp, []routeCase{
		{"home internet", Answers{LinkInternet: {NetHome}}, true},
		{"mobile data", Answers{LinkInternet: {NetMobile}}, true},
		{"public wifi and mobile data", Answers{LinkInternet: {NetPublic, NetMobile}}, true},
		{"public wifi only is not enough", Answers{LinkInternet: {NetPublic}}, false},
		{"not online", Answers{LinkInternet: {NetNone}}, false},
	})
}

func TestNoNHSAppWithoutLoginWithCode(t *testing.T) {
	checkRouteCases(t, RouteApp, []routeCase{
		{"all tasks", nil, true},
		{"login only", Answers{LinkTasks: {TaskLogin}}, true},
		{"everything but login", Answers{LinkTasks: tasksExcept(TaskLogin)}, false},
		{"no tasks", Answers{LinkTasks: {TaskNone}}, false},
	})
}

// TestNoNHSAppWithSignificantTrustBarrier sits on the trust boundary: some
// barrier (scores 1 and 2) still allows the app, significant (3) does not.
func TestNoNHSAppWithSignificantTrustBarrier(t *testing.T) {
	tests := []struct {
		name     string
		change   Answers
		band     Band
		possible bool
	}{
		{"no trust barrier", nil, NoBarrier, true},
		{"a little worried (1)", Answers{LinkWorry: {"a-little"}}, SomeBarrier, true},
		{"a little worried, not put off (2)", Answers{LinkWorry: {"a-little"}, LinkBadExperience: {"not-put-off"}}, SomeBarrier, true},
		{"very worried (3)", Answers{LinkWorry: {"very"}}, SignificantBarrier, false},
		{"put off by a bad experience (3)", Answers{LinkBadExperience: {"put-off"}}, SignificantBarrier, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := assess(t, with(tt.change))
			if res.Bands.Trust != tt.band {
				t.Fatalf("trust band = %s, want %s", res.Bands.Trust, tt.band)
			}
			c := routeCheck(t, res.Recommendation, RouteApp)
			if c.Possible != tt.possible {
				t.Errorf("NHS App possible = %v, want %v (%s)", c.Possible, tt.possible, c.Reason)
			}
		})
	}
}

func TestEmailNeedsDeviceInternetAndSkill(t *testing.T) {
	checkRouteCases(t, RouteEmail, []routeCase{
		{"included", nil, true},
		{"own computer", Answers{LinkDevices: {DevComputer}}, true},
		{"shared device is enough", Answers{LinkDevices: {DevShared}}, true},
		{"public wifi is enough", Answers{LinkInternet: {NetPublic}}, true},
		{"only emails", Answers{LinkTasks: {TaskEmail}}, true},
		{"basic mobile only", Answers{LinkDevices: {DevBasicMob}}, false},
		{"landline only", Answers{LinkDevices: {DevLandline}}, false},
		{"no device", Answers{LinkDevices: {DevNone}}, false},
		{"not online", Answers{LinkInternet: {NetNone}}, false},
		{"cannot open an email", Answers{LinkTasks: tasksExcept(TaskEmail)}, false},
	})
}

func TestPhoneNeedsAPhone(t *testing.T) {
	checkRouteCases(t, RoutePhone, []routeCase{
		{"smartphone", nil, true},
		{"basic mobile", Answers{LinkDevices: {DevBasicMob}}, true},
		{"landline", Answers{LinkDevices: {DevLandline}}, true},
		{"computer only", Answers{LinkDevices: {DevComputer}}, false},
		{"shared device only", Answers{LinkDevices: {DevShared}}, false},
		{"no device", Answers{LinkDevices: {DevNone}, LinkInternet: {NetNone}}, false},
	})
}

func TestBSLWithoutTextRelayExcludesPhone(t *testing.T) {
	checkRouteCases(t, RoutePhone, []routeCase{
		{"BSL only", Answers{LinkCommNeeds: {NeedBSL}}, false},
		{"BSL and large print", Answers{LinkCommNeeds: {NeedBSL, NeedLargePrint}}, false},
		{"BSL with text relay", Answers{LinkCommNeeds: {NeedBSL, NeedTextRelay}}, true},
		{"text relay alone", Answers{LinkCommNeeds: {NeedTextRelay}}, true},
		{"BSL with text relay but no phone", Answers{LinkCommNeeds: {NeedBSL, NeedTextRelay}, LinkDevices: {DevComputer}}, false},
	})
}

func TestLetterAlwaysPossible(t *testing.T) {
	checkRouteCases(t, RouteLetter, []routeCase{
		{"included", nil, true},
		{"nothing at all", Answers{LinkDevices: {DevNone}, LinkInternet: {NetNone}, LinkTasks: {TaskNone}, LinkWant: {No}}, true},
		{"needs reading help always", Answers{LinkReadingHelp: {ReadAlways}}, true},
		{"BSL, no phone", Answers{LinkCommNeeds: {NeedBSL}, LinkDevices: {DevComputer}}, true},
		{"contact via carer", Answers{LinkCommNeeds: {NeedCarer}}, true},
	})
}

func TestCarerRouteOnlyWithCarer(t *testing.T) {
	checkRouteCases(t, RouteCarer, []routeCase{
		{"no carer", nil, false},
		{"sometimes helped", Answers{LinkHelp: {HelpSome}}, false},
		{"no skills, no carer", Answers{LinkTasks: {TaskNone}, LinkHelp: {HelpSome}}, false},
		{"someone does most things", Answers{LinkHelp: {HelpCarer}}, true},
		{"asked for contact via carer", Answers{LinkCommNeeds: {NeedCarer}}, true},
		{"carer need, no help online", Answers{LinkCommNeeds: {NeedCarer}, LinkHelp: {HelpNone}}, true},
	})
}

// TestEveryRouteIsChecked: the recommendation shows a check, with a reason,
// for every route, so the clinician sees why each was or was not offered.
func TestEveryRouteIsChecked(t *testing.T) {
	for _, a := range sampleAnswerSets() {
		rec := assess(t, a.answers).Recommendation
		if len(rec.Checks) != len(Routes) {
			t.Errorf("%s: %d checks, want one for each of %d routes", a.name, len(rec.Checks), len(Routes))
		}
		for i, r := range Routes {
			if i < len(rec.Checks) && rec.Checks[i].Route != r {
				t.Errorf("%s: check %d is %s, want %s", a.name, i, rec.Checks[i].Route, r)
			}
		}
	}
}

// TestRouteReasonsNameTheAnswers: a route that is not possible says which
// answers rule it out, in the words of the options.
func TestRouteReasonsNameTheAnswers(t *testing.T) {
	tests := []struct {
		name   string
		change Answers
		route  Route
		want   []string
	}{
		{"SMS and the device list", Answers{LinkDevices: {DevLandline, DevShared}}, RouteSMS, []string{"landline phone only", "shared or borrowed device"}},
		{"NHS App and the device list", Answers{LinkDevices: {DevBasicMob}}, RouteApp, []string{"basic mobile"}},
		{"NHS App and public wifi", Answers{LinkInternet: {NetPublic}}, RouteApp, []string{"only public wifi"}},
		{"NHS App and login", Answers{LinkTasks: tasksExcept(TaskLogin)}, RouteApp, []string{"log in"}},
		{"NHS App and worry", Answers{LinkWorry: {"very"}}, RouteApp, []string{"trust", "very worried"}},
		{"NHS App and a bad experience", Answers{LinkBadExperience: {"put-off"}}, RouteApp, []string{"trust", "put me off"}},
		{"email and no device", Answers{LinkDevices: {DevNone}}, RouteEmail, []string{"none of these"}},
		{"email and not online", Answers{LinkInternet: {NetNone}}, RouteEmail, []string{"do not get online"}},
		{"email and skill", Answers{LinkTasks: {TaskText}}, RouteEmail, []string{"email"}},
		{"SMS and skill", Answers{LinkTasks: {TaskEmail}}, RouteSMS, []string{"text"}},
		{"phone and the device list", Answers{LinkDevices: {DevComputer}}, RoutePhone, []string{"own tablet or computer"}},
		{"phone and BSL", Answers{LinkCommNeeds: {NeedBSL}}, RoutePhone, []string{"British Sign Language", "text relay"}},
		{"carer", nil, RouteCarer, []string{"carer"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := routeCheck(t, assess(t, with(tt.change)).Recommendation, tt.route)
			if c.Possible {
				t.Fatalf("%s is possible; the case needs it ruled out", tt.route)
			}
			for _, w := range tt.want {
				if !containsFold(c.Reason, w) {
					t.Errorf("%s reason %q does not mention %q", tt.route, c.Reason, w)
				}
			}
		})
	}
}

// TestReasonTextsReadAsWritten: option texts quoted inside a reason keep
// their meaning ("I", not "i").
func TestReasonTextsReadAsWritten(t *testing.T) {
	c := routeCheck(t, assess(t, with(Answers{LinkInternet: {NetNone}})).Recommendation, RouteApp)
	if strings.Contains(c.Reason, " i do") {
		t.Errorf("reason %q lower-cases the pronoun I", c.Reason)
	}
}
