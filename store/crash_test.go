package store

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/assess"
	"digicheck/internal/testkit"
	"digicheck/record"
)

// The crash test. A child process (this test binary, run with crashEnv
// set) saves assessments, drafts, amendments, voids and follow-ups as
// fast as it can, and says on stdout what it is about to do and what
// finished:
//
//	begin          a save is about to start
//	saved ID       Save (or Amend, Void) returned nil: the record is durable
//	draft ID       SaveDraft returned nil
//	discarding ID  DiscardDraft is about to start: the draft may go
//	discarded ID   DiscardDraft returned nil
//
// The parent kills it with SIGKILL after a random delay, many times, and
// after every kill checks that the store passes Check and that every
// record reported saved is there, and every draft reported saved is there
// or has become its record. A kill is a process crash: the kernel keeps
// what was written, so this shows bbolt's commit is all-or-nothing and
// our indexes are written in the same transaction; surviving a power cut
// rests on the fsync that Save waits for, which a kill cannot test.

const (
	crashEnv     = "DIGICHECK_STORE_TEST_CRASH"      // store path, in the child
	crashSeedEnv = "DIGICHECK_STORE_TEST_CRASH_SEED" // the child's random seed
	// crashKillsEnv asks for more kills than the default, for a longer run:
	// DIGICHECK_CRASH_KILLS=1000 go test -run TestSavesSurviveSIGKILL ./store/
	crashKillsEnv = "DIGICHECK_CRASH_KILLS"
	// crashEpoch is how many kills share one store before a fresh one, so
	// the check after each kill stays quick however many kills are asked.
	crashEpoch = 25
)

var crashPatients = []string{"CRASH-1", "CRASH-2", "CRASH-3", "943 476 5919", "401 023 2137"}

// TestCrashChild is the child's side of TestSavesSurviveSIGKILL; run on
// its own it does nothing.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("the child process of TestSavesSurviveSIGKILL")
	}
	seed, _ := strconv.ParseUint(os.Getenv(crashSeedEnv), 10, 64)
	rng := rand.New(rand.NewPCG(seed, seed))
	s, err := Open(path, Options{Timeout: 10 * time.Second})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	say := func(format string, args ...any) {
		// One write per line: a line cut short by the kill has no
		// newline, and the parent ignores it.
		if _, err := os.Stdout.WriteString(fmt.Sprintf(format, args...) + "\n"); err != nil {
			os.Exit(3)
		}
	}
	fail := func(what string, err error) {
		fmt.Fprintf(os.Stderr, "%s: %v\n", what, err)
		os.Exit(4)
	}
	for {
		patient := crashPatients[rng.IntN(len(crashPatients))]
		pid, _ := record.ParsePatientID(patient)
		latest, err := s.Latest(pid)
		if err != nil && !errors.Is(err, ErrNotFound) {
			fail("Latest", err)
		}
		have := err == nil
		switch op := rng.IntN(10); {
		case op < 4 || !have: // a new assessment, by way of its draft
			d := Draft{Draft: assess.Draft{Patient: pid, Clinician: "crash test", Answers: testkit.Full(nil), Section: "choice"}}
			say("begin")
			if err := s.SaveDraft(&d); err != nil {
				fail("SaveDraft", err)
			}
			say("draft %s", d.ID)
			r := assessed(t, patient)
			r.ID = d.ID
			say("begin")
			if err := s.Save(&r); err != nil {
				fail("Save", err)
			}
			say("saved %s", r.ID)
		case op < 6:
			r := reassessed(t, latest, testkit.Full(nil))
			r.Amends, r.FollowsUp = latest.ID, latest.FollowsUp
			say("begin")
			if err := s.Amend(&r); err != nil {
				fail("Amend", err)
			}
			say("saved %s", r.ID)
		case op < 7:
			say("begin")
			v, err := s.Void(latest.ID, Voiding{Reason: "crash test", Clinician: "crash test"})
			if err != nil {
				fail("Void", err)
			}
			say("saved %s", v.ID)
		case op < 9:
			r := reassessed(t, latest, confidentAnswers())
			r.FollowsUp = latest.ID
			if refs := latest.Recommendation.Referrals; len(refs) > 0 {
				r.Outcomes = []record.ReferralOutcome{{ProgrammeID: refs[0].ProgrammeID, Outcome: record.OutcomeHelped}}
			}
			say("begin")
			if err := s.Save(&r); err != nil {
				fail("follow-up Save", err)
			}
			say("saved %s", r.ID)
		default: // a draft left unfinished, sometimes discarded
			d := Draft{Draft: assess.Draft{Patient: pid, Clinician: "crash test", Section: "skills"}}
			say("begin")
			if err := s.SaveDraft(&d); err != nil {
				fail("SaveDraft", err)
			}
			say("draft %s", d.ID)
			if rng.IntN(2) == 0 {
				say("discarding %s", d.ID)
				if err := s.DiscardDraft(d.ID); err != nil {
					fail("DiscardDraft", err)
				}
				say("discarded %s", d.ID)
			}
		}
	}
}

func TestSavesSurviveSIGKILL(t *testing.T) {
	testkit.EndToEnd(t)
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL is a Unix signal; on Windows Process.Kill is TerminateProcess, which this test has not been validated with")
	}
	kills := 50
	if testing.Short() {
		kills = 10
	}
	if n, err := strconv.Atoi(os.Getenv(crashKillsEnv)); err == nil && n > 0 {
		kills = n
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))

	var (
		path     string
		s        *Store
		reported map[string]bool // records reported saved
		drafts   map[string]bool // drafts reported saved and not discarded
		stores   int

		totalSaved, midSave, committedUnreported int
		lost                                     = map[string]bool{}
	)
	for kill := range kills {
		if kill%crashEpoch == 0 {
			stores++
			path = filepath.Join(t.TempDir(), "digicheck.db")
			var err error
			if s, err = Open(path, Options{Timeout: 10 * time.Second}); err != nil {
				t.Fatal(err)
			}
			reported, drafts = map[string]bool{}, map[string]bool{}
		}

		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
		cmd.Env = append(os.Environ(), crashEnv+"="+path, crashSeedEnv+"="+strconv.FormatUint(rng.Uint64(), 10))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan []string)
		go func() {
			var ls []string
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				ls = append(ls, sc.Text())
			}
			lines <- ls
		}()
		// Kills at start-up, early in the run and well into it.
		var delay time.Duration
		switch rng.IntN(3) {
		case 0:
			delay = time.Duration(rng.IntN(30)) * time.Millisecond
		case 1:
			delay = time.Duration(30+rng.IntN(100)) * time.Millisecond
		default:
			delay = time.Duration(130+rng.IntN(300)) * time.Millisecond
		}
		time.Sleep(delay)
		if err := cmd.Process.Kill(); err != nil {
			t.Fatalf("kill: %v", err)
		}
		ls := <-lines
		werr := cmd.Wait()
		var ee *exec.ExitError
		if !errors.As(werr, &ee) || ee.ExitCode() != -1 {
			t.Fatalf("kill %d: the child ended by itself (%v) before the kill:\n%s", kill, werr, stderr.String())
		}

		for _, l := range ls {
			what, id, _ := strings.Cut(l, " ")
			switch what {
			case "saved":
				reported[id] = true
				totalSaved++
			case "draft":
				drafts[id] = true
			case "discarding", "discarded":
				delete(drafts, id) // asked to go: gone or not, nothing is lost
			}
		}

		rep, err := s.Check()
		if err != nil || !rep.OK() {
			t.Fatalf("kill %d after %v: the store fails its check: %v\n%s", kill, delay, err, rep)
		}
		present := map[string]bool{}
		draftsPresent := map[string]bool{}
		err = s.view(func(tx *bolt.Tx) error {
			_ = tx.Bucket(bucketRecords).ForEach(func(k, _ []byte) error { present[string(k)] = true; return nil })
			if b := tx.Bucket(bucketDrafts); b != nil {
				_ = b.ForEach(func(k, _ []byte) error { draftsPresent[string(k)] = true; return nil })
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for id := range reported {
			if !present[id] {
				lost[id] = true
				t.Errorf("kill %d: record %s was reported saved and is gone", kill, id)
			}
		}
		for id := range drafts {
			if !draftsPresent[id] && !present[id] {
				lost[id] = true
				t.Errorf("kill %d: draft %s was reported saved and is gone, and no record took its place", kill, id)
			}
			if present[id] {
				delete(drafts, id) // it became its record
			}
		}
		for id := range present {
			if !reported[id] {
				committedUnreported++
				reported[id] = true // durable now, whoever knew it
			}
		}
		if len(ls) > 0 && (ls[len(ls)-1] == "begin" || strings.HasPrefix(ls[len(ls)-1], "discarding ")) {
			midSave++
		}
	}
	t.Logf("%d kills (SIGKILL) over %d stores: %d records reported saved, %d records or drafts lost; %d kills in the middle of a write (record, draft or discard), %d records committed but not yet reported when killed; every store passed Check after every kill",
		kills, stores, totalSaved, len(lost), midSave, committedUnreported)
}
