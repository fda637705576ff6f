package store

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"digicheck/record"
)

// holdEnv makes the test binary, run as a child, hold a store open the way
// another digicheck window or a backup tool would.
const holdEnv = "DIGICHECK_STORE_TEST_HOLD"

func TestMain(m *testing.M) {
	if path := os.Getenv(holdEnv); path != "" {
		os.Exit(hold(path))
	}
	os.Exit(m.Run())
}

// hold opens path with bbolt for writing, says so on stdout, and keeps it
// until stdin is closed (also when the parent dies).
func hold(path string) int {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 10 * time.Second})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer db.Close()
	fmt.Println("holding")
	_, _ = io.Copy(io.Discard, os.Stdin)
	return 0
}

// every operation, named, on a store.
func operations(s *Store) map[string]func() error {
	pid, _ := record.ParsePatientID(nhsPatient)
	return map[string]func() error{
		"Save": func() error {
			r := record.Record{Patient: pid}
			return s.Save(&r)
		},
		"Get": func() error {
			_, err := s.Find("00000000-0000")
			return err
		},
		"History": func() error {
			_, err := s.History(pid)
			return err
		},
		"Each": func() error { return s.Each(func(record.Record) error { return nil }, nil) },
	}
}

// failsLocked checks every operation gives up with ErrLocked, a message that
// says what to do, and no hang.
func failsLocked(t *testing.T, s *Store) {
	t.Helper()
	for name, op := range operations(s) {
		start := time.Now()
		err := op()
		took := time.Since(start)
		if !errors.Is(err, ErrLocked) {
			t.Errorf("%s on a held store = %v, want ErrLocked", name, err)
			continue
		}
		if !strings.Contains(err.Error(), s.Path()) || !strings.Contains(err.Error(), "in use by another digicheck window or program; try again, or close it") {
			t.Errorf("%s: message %q should name the file and say what to do", name, err)
		}
		if took > 5*time.Second {
			t.Errorf("%s took %v to give up with a 200ms timeout", name, took)
		}
	}
}

func TestHeldStoreFailsWithErrLocked(t *testing.T) {
	s := openTemp(t)
	saved := save(t, s, assessed(t, nhsPatient))

	other, err := bolt.Open(s.Path(), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	failsLocked(t, s)
	if _, err := Open(s.Path(), Options{Timeout: 200 * time.Millisecond}); !errors.Is(err, ErrLocked) {
		t.Errorf("Open on a held store = %v, want ErrLocked", err)
	}
	if err := other.Close(); err != nil {
		t.Fatal(err)
	}

	// Released: everything works again, and the failed save left nothing.
	r := assessed(t, nhsPatient)
	if err := s.Save(&r); err != nil {
		t.Errorf("Save after release: %v", err)
	}
	hist, err := s.History(saved.Patient)
	if err != nil || len(hist) != 2 {
		t.Errorf("History after release = %d records, %v; want 2", len(hist), err)
	}
}

func TestStoreHeldByAnotherProcessFailsWithErrLocked(t *testing.T) {
	s := openTemp(t)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), holdEnv+"="+s.Path())
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer stdin.Close()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "holding\n" {
		t.Fatalf("child did not take the store: %q, %v", line, err)
	}

	failsLocked(t, s)

	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	r := assessed(t, nhsPatient)
	if err := s.Save(&r); err != nil {
		t.Errorf("Save after the other process let go: %v", err)
	}
}

// A QI summary or a backup reading the store does not stop a clinician
// looking up a record; only a save waits for it.
func TestReadersShareTheStore(t *testing.T) {
	s := openTemp(t)
	saved := save(t, s, assessed(t, nhsPatient))
	reader, err := bolt.Open(s.Path(), 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	if _, err := s.Get(saved.ID); err != nil {
		t.Errorf("Get beside another reader: %v", err)
	}
	r := assessed(t, nhsPatient)
	if err := s.Save(&r); !errors.Is(err, ErrLocked) {
		t.Errorf("Save beside a reader = %v, want ErrLocked", err)
	}
}

func TestZeroTimeoutMeansTwoSeconds(t *testing.T) {
	s := openTemp(t)
	s2, err := Open(s.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s2.timeout != 2*time.Second {
		t.Errorf("timeout = %v, want 2s", s2.timeout)
	}
}

// A record that is not valid is refused as such, whatever else stops the
// save: the clinician is told what to put right, not to wait and try again.
// (Save checks the record while it opens the file, so the two answers
// arrive together; the record's comes first.)
func TestAnInvalidRecordIsRefusedAsInvalidEvenWhileTheStoreIsHeld(t *testing.T) {
	s := openTemp(t)
	other, err := bolt.Open(s.Path(), 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	r := assessed(t, nhsPatient)
	r.Answers = r.Answers.Clone()
	r.Answers["no.such.question"] = []string{"yes"}
	err = s.Save(&r)
	if !errors.Is(err, ErrInvalidRecord) || errors.Is(err, ErrLocked) {
		t.Fatalf("Save of an invalid record to a held store = %v; want ErrInvalidRecord alone", err)
	}
}
