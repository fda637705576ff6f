package questionnaire

import (
	"errors"
	"testing"
)

// Validate runs on every assessment worked out (Assess), and a save works
// a record's answers out again to check its result (record.Verify): sound
// answers are checked without a map of the instrument's questions, a list
// of its items or a set of each question's chosen codes made each time.
func TestValidatingSoundAnswersAllocatesNothing(t *testing.T) {
	for _, c := range []struct {
		name string
		ins  *Instrument
		a    Answers
	}{
		{"v1, no barrier", V1, included()},
		{"v1, several answers chosen", V1, with(Answers{LinkTasks: {TaskText, TaskEmail}, LinkDevices: {DevSmartphone, DevComputer}})},
		{"v2, no barrier", V2, includedV2()},
	} {
		if err := c.ins.Validate(c.a); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if n := testing.AllocsPerRun(100, func() { _ = c.ins.Validate(c.a) }); n != 0 {
			t.Errorf("%s: Validate of sound answers made %.0f allocations; want none", c.name, n)
		}
	}
}

// Found without a map, a question the instrument does not have is still
// named, after every question it has is checked.
func TestAnAnswerToNoQuestionIsStillRefused(t *testing.T) {
	a := included()
	a["not-a-question"] = []string{"x"}
	err := V1.Validate(a)
	var ae *AnswerError
	if !errors.As(err, &ae) || ae.LinkID != "not-a-question" {
		t.Fatalf("Validate = %v; want the answer to no question named", err)
	}
	b := included()
	b[LinkTasks] = []string{TaskText, TaskText}
	if err := V1.Validate(b); err == nil {
		t.Fatal("a code given twice was taken")
	}
}

// The version of no directory, kept once, is what working it out gives;
// an empty list of programmes is not no directory, and has its own.
func TestNoDirectoryHasTheVersionItsContentGives(t *testing.T) {
	if got, want := (Directory{}).Version(), (Directory{}).version(); got != want {
		t.Errorf("Version of no directory = %q; want %q", got, want)
	}
	if got, want := (Directory{Programmes: []Programme{}}).Version(), (Directory{Programmes: []Programme{}}).version(); got != want {
		t.Errorf("Version of an empty directory = %q; want %q", got, want)
	}
	if (Directory{}).Version() == (Directory{Programmes: []Programme{}}).Version() {
		t.Error("no directory and an empty one have the same version; their content differs")
	}
}

// Score, run on every assessment worked out and on every save's check of
// a record's result, bands the domains without a map of their scores made
// each time, and bands them as the scores Scores gives do.
func TestScoringAllocatesNothingAndBandsAsScoresDo(t *testing.T) {
	for _, c := range []struct {
		name string
		ins  *Instrument
		a    Answers
	}{
		{"v1, no barrier", V1, included()},
		{"v1, barriers", V1, with(Answers{LinkDevices: {DevNone}, LinkInternet: nil, LinkTasks: nil, LinkWant: {No}})},
		{"v2, no barrier", V2, includedV2()},
	} {
		var want Bands
		for d, s := range c.ins.Scores(c.a) {
			want.set(d, c.ins.Bands[d].Band(s))
		}
		if got := c.ins.Score(c.a); got != want {
			t.Errorf("%s: Score = %+v; the scores give %+v", c.name, got, want)
		}
		if n := testing.AllocsPerRun(100, func() { _ = c.ins.Score(c.a) }); n != 0 {
			t.Errorf("%s: Score made %.0f allocations; want none", c.name, n)
		}
	}
}
