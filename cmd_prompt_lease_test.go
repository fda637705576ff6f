package main

import (
	"bytes"
	"io"
	"path/filepath"
	"testing"
	"time"

	"digicheck/site"
	"digicheck/store"
)

// TestPlainPromptsKeepHoldingTheirDraftWhileAQuestionWaits: the plain
// prompts keep the draft after each answer, but a clinician may sit on one
// question longer than a hold lasts; the window renews its hold meanwhile,
// so a second window does not take over an assessment still in progress.
func TestPlainPromptsKeepHoldingTheirDraftWhileAQuestionWaits(t *testing.T) {
	defer func(d time.Duration) { store.LeaseTTL = d }(store.LeaseTTL)
	store.LeaseTTL = 300 * time.Millisecond
	path := filepath.Join(t.TempDir(), "s.db")
	in, typing := io.Pipe()
	a := &app{settings: site.Settings{DB: path, Team: "Ward 7", Accessible: true}}
	c := a.newCmd()
	var out bytes.Buffer
	c.SetIn(in)
	c.SetOut(&out)
	c.SetErr(&out)
	c.SetArgs(nil)
	c.SilenceUsage, c.SilenceErrors = true, true
	done := make(chan error, 1)
	go func() { done <- c.Execute() }()
	// The patient, the clinician and team as offered, the first answer;
	// then the clinician waits on the next question.
	if _, err := io.WriteString(typing, "1\n9434765919\nDr Wait\n\n1\n"); err != nil {
		t.Fatal(err)
	}
	other, err := store.Open(path, store.Options{}) // another window
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		ds, err := other.ListDrafts(0)
		if err == nil && len(ds) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no draft kept after the first answer: %v %v\n%s", ds, err, out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(4 * store.LeaseTTL) // well past one hold with no answer given
	ds, err := other.ListDrafts(0)
	if err != nil || len(ds) != 1 || !ds[0].HeldElsewhere {
		t.Errorf("after %v on one question the draft is not held by its window: %+v, %v", 4*store.LeaseTTL, ds, err)
	}
	typing.Close() // the input ends: the draft is kept, the window lets go
	<-done
	ds, err = other.ListDrafts(0)
	if err != nil || len(ds) != 1 || ds[0].HeldElsewhere {
		t.Errorf("after the window closed the draft is still held: %+v, %v", ds, err)
	}
}
