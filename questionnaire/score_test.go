package questionnaire

import (
	"testing"
)

func TestV1HasSaneThresholdsForEveryDomain(t *testing.T) {
	for _, d := range Domains {
		th, ok := V1.Bands[d]
		if !ok {
			t.Errorf("%s: no thresholds (a zero Thresholds bands every score as significant)", d)
			continue
		}
		if th.Some < 1 || th.Significant <= th.Some {
			t.Errorf("%s: thresholds %+v: want 1 <= Some < Significant", d, th)
		}
	}
}

// TestBandThresholdsAtEveryBoundary pins the banding of each domain at
// Some-1, Some, Significant-1 and Significant, read from the instrument data.
func TestBandThresholdsAtEveryBoundary(t *testing.T) {
	for _, d := range Domains {
		th := V1.Bands[d]
		tests := []struct {
			score int
			want  Band
		}{
			{0, NoBarrier},
			{th.Some - 1, NoBarrier},
			{th.Some, SomeBarrier},
			{th.Significant - 1, SomeBarrier},
			{th.Significant, SignificantBarrier},
			{th.Significant + 10, SignificantBarrier},
		}
		for _, tt := range tests {
			if got := th.Band(tt.score); got != tt.want {
				t.Errorf("%s %+v: Band(%d) = %s, want %s", d, th, tt.score, got, tt.want)
			}
		}
	}
}

// TestV1ThresholdValues fixes the published thresholds: changing one is a
// change to the instrument and needs a new version.
func TestV1ThresholdValues(t *testing.T) {
	want := map[Domain]Thresholds{
		Access:     {Some: 1, Significant: 4},
		Skills:     {Some: 1, Significant: 3},
		Motivation: {Some: 1, Significant: 2},
		Trust:      {Some: 1, Significant: 3},
	}
	for d, th := range want {
		if V1.Bands[d] != th {
			t.Errorf("%s thresholds = %+v, want %+v", d, V1.Bands[d], th)
		}
	}
}

// TestBandBoundariesFromRealAnswers reaches each boundary score of each
// domain with a real, valid answer set and checks Instrument.Score.
func TestBandBoundariesFromRealAnswers(t *testing.T) {
	tests := []struct {
		name   string
		domain Domain
		change Answers
		score  int
		want   Band
	}{
		// Access: Some 1, Significant 4.
		{"access 0: own smartphone, home internet, never short", Access, nil, 0, NoBarrier},
		{"access 1: runs out of data sometimes", Access, Answers{LinkAfford: {"sometimes"}}, 1, SomeBarrier},
		{"access 2: runs out of data often", Access, Answers{LinkAfford: {"often"}}, 2, SomeBarrier},
		{"access 2: shared device", Access, Answers{LinkDevices: {DevShared}}, 2, SomeBarrier},
		{"access 3: shared device, short sometimes", Access, Answers{LinkDevices: {DevShared}, LinkAfford: {"sometimes"}}, 3, SomeBarrier},
		{"access 3: basic mobile with home internet", Access, Answers{LinkDevices: {DevBasicMob}}, 3, SomeBarrier},
		{"access 4: shared device on public wifi", Access, Answers{LinkDevices: {DevShared}, LinkInternet: {NetPublic}}, 4, SignificantBarrier},
		{"access 4: landline only", Access, Answers{LinkDevices: {DevLandline}}, 4, SignificantBarrier},
		{"access 4: no device", Access, Answers{LinkDevices: {DevNone}}, 4, SignificantBarrier},
		{"access 6: basic mobile, not online", Access, Answers{LinkDevices: {DevBasicMob}, LinkInternet: {NetNone}}, 6, SignificantBarrier},
		{"access 9: no device, not online, often short", Access, Answers{LinkDevices: {DevNone}, LinkInternet: {NetNone}, LinkAfford: {"often"}}, 9, SignificantBarrier},

		// Skills: Some 1, Significant 3; the score is the tasks not done.
		{"skills 0: all six tasks", Skills, nil, 0, NoBarrier},
		{"skills 1: no video call", Skills, Answers{LinkTasks: tasksExcept(TaskVideo)}, 1, SomeBarrier},
		{"skills 2: no video, no form", Skills, Answers{LinkTasks: tasksExcept(TaskVideo, TaskForm)}, 2, SomeBarrier},
		{"skills 3: three tasks not done", Skills, Answers{LinkTasks: tasksExcept(TaskVideo, TaskForm, TaskLogin)}, 3, SignificantBarrier},
		{"skills 6: none on their own", Skills, Answers{LinkTasks: {TaskNone}}, 6, SignificantBarrier},
		{"skills 0: help never changes the band", Skills, Answers{LinkHelp: {HelpCarer}}, 0, NoBarrier},

		// Motivation: Some 1, Significant 2.
		{"motivation 0: yes", Motivation, nil, 0, NoBarrier},
		{"motivation 1: yes with help", Motivation, Answers{LinkWant: {"with-help"}}, 1, SomeBarrier},
		{"motivation 2: no", Motivation, Answers{LinkWant: {No}}, 2, SignificantBarrier},

		// Trust: Some 1, Significant 3.
		{"trust 0: not worried, nothing bad", Trust, nil, 0, NoBarrier},
		{"trust 1: a little worried", Trust, Answers{LinkWorry: {"a-little"}}, 1, SomeBarrier},
		{"trust 1: bad experience, not put off", Trust, Answers{LinkBadExperience: {"not-put-off"}}, 1, SomeBarrier},
		{"trust 2: a little worried and not put off", Trust, Answers{LinkWorry: {"a-little"}, LinkBadExperience: {"not-put-off"}}, 2, SomeBarrier},
		{"trust 3: very worried", Trust, Answers{LinkWorry: {"very"}}, 3, SignificantBarrier},
		{"trust 3: put off by a bad experience", Trust, Answers{LinkBadExperience: {"put-off"}}, 3, SignificantBarrier},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := with(tt.change)
			if err := V1.Validate(a); err != nil {
				t.Fatalf("answers do not validate: %v", err)
			}
			if got := V1.Scores(a)[tt.domain]; got != tt.score {
				t.Errorf("%s score = %d, want %d", tt.domain, got, tt.score)
			}
			if got := V1.Score(a).Get(tt.domain); got != tt.want {
				t.Errorf("%s band = %s, want %s", tt.domain, got, tt.want)
			}
			// The other domains keep the included patient's bands.
			for _, d := range Domains {
				if d != tt.domain && V1.Score(a).Get(d) != NoBarrier {
					t.Errorf("%s band = %s, want %s (only %s was changed)", d, V1.Score(a).Get(d), NoBarrier, tt.domain)
				}
			}
		})
	}
}

// TestBestDeviceCounts: a patient with a good device and a poor one is as
// well off as with the good one alone.
func TestBestDeviceCounts(t *testing.T) {
	devices := mustItem(t, LinkDevices)
	internet := mustItem(t, LinkInternet)
	tests := []struct {
		item   *Item
		values []string
		want   int
	}{
		{devices, []string{DevSmartphone}, 0},
		{devices, []string{DevLandline, DevSmartphone}, 0},
		{devices, []string{DevBasicMob, DevLandline}, 3},
		{devices, []string{DevShared, DevBasicMob, DevLandline}, 2},
		{devices, []string{DevComputer, DevShared}, 0},
		{devices, []string{DevNone}, 4},
		{internet, []string{NetPublic, NetMobile}, 0},
		{internet, []string{NetPublic}, 2},
		{internet, []string{NetNone}, 3},
		{devices, nil, 0},
	}
	for _, tt := range tests {
		if got := ItemScore(tt.item, tt.values); got != tt.want {
			t.Errorf("ItemScore(%s, %v) = %d, want %d", tt.item.LinkID, tt.values, got, tt.want)
		}
	}
}

// TestTasksNotDoneAreScored: the skills item scores the tasks a patient
// cannot do, so ticking more tasks never raises the score.
func TestTasksNotDoneAreScored(t *testing.T) {
	tasks := mustItem(t, LinkTasks)
	tests := []struct {
		values []string
		want   int
	}{
		{tasksExcept(), 0},
		{tasksExcept(TaskVideo), 1},
		{tasksExcept(TaskVideo, TaskForm), 2},
		{[]string{TaskText}, 5},
		{[]string{TaskNone}, 6},
	}
	for _, tt := range tests {
		if got := ItemScore(tasks, tt.values); got != tt.want {
			t.Errorf("ItemScore(tasks, %v) = %d, want %d", tt.values, got, tt.want)
		}
	}
}

func TestUnscoredItemsScoreZero(t *testing.T) {
	tests := []struct {
		linkID string
		values []string
	}{
		{LinkCommNeeds, []string{NeedBSL, NeedCarer}},
		{LinkReadingHelp, []string{ReadAlways}},
		{LinkChoice, []string{string(RouteLetter)}},
		{LinkAgeBand, []string{"75+"}},
	}
	for _, tt := range tests {
		if got := ItemScore(mustItem(t, tt.linkID), tt.values); got != 0 {
			t.Errorf("ItemScore(%s, %v) = %d, want 0 (unscored item)", tt.linkID, tt.values, got)
		}
	}
}

func TestBandTextRoundTrip(t *testing.T) {
	for _, b := range []Band{NoBarrier, SomeBarrier, SignificantBarrier} {
		p, err := b.MarshalText()
		if err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		var got Band
		if err := got.UnmarshalText(p); err != nil || got != b {
			t.Errorf("round trip of %s via %q = %s, %v", b, p, got, err)
		}
	}
	if _, err := Band(7).MarshalText(); err == nil {
		t.Error("MarshalText of an invalid band succeeded")
	}
	var b Band
	if err := b.UnmarshalText([]byte("severe")); err == nil {
		t.Error("UnmarshalText of an unknown code succeeded")
	}
}
