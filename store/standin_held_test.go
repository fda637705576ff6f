package store

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A store held by another process past the time Open waits for it was
// refused a stand-in (ErrLocked stood), and no new assessment could start
// on that machine while the other program held it. It gets one: a blank
// store whose writes are refused as in use (ErrLocked), never as damaged,
// which marks nothing damaged, neither itself nor the store; the store is
// left as it was, and once let go it opens and saves as before.
func TestAStoreHeldByAnotherProcessIsStoodInForAsInUseNotDamaged(t *testing.T) {
	s := openTemp(t)
	before, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
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
	if line, err := bufio.NewReader(stdout).ReadString('\n'); err != nil || line != "holding\n" {
		t.Fatalf("child did not take the store: %q, %v", line, err)
	}
	_, openErr := Open(s.Path(), Options{Timeout: 100 * time.Millisecond})
	if !errors.Is(openErr, ErrLocked) {
		t.Fatalf("Open of a held store = %v, want ErrLocked", openErr)
	}
	st, c, ok, err := OpenStandIn(s.Path(), openErr)
	if !ok || err != nil {
		t.Fatalf("OpenStandIn of a held store = ok %v, %v; want a stand-in", ok, err)
	}
	defer c.Close()
	r := assessed(t, nhsPatient)
	err = st.Save(&r)
	if !errors.Is(err, ErrLocked) || errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "in use by another program") || !strings.Contains(err.Error(), "not damaged") || !strings.Contains(err.Error(), s.Path()) {
		t.Errorf("a save on the stand-in of a held store = %v; want it refused as the store %s in use, not damaged", err, s.Path())
	}
	if err := st.Refused(); !errors.Is(err, ErrLocked) || errors.Is(err, ErrDamaged) || strings.Contains(err.Error(), "finds it sound") {
		t.Errorf("the stand-in's refusal = %v; want in use, not damaged, and no check asked for", err)
	}
	for _, p := range []string{DamageNote(s.Path()), DamageNote(c.Temp())} {
		if _, err := os.Lstat(p); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("a damage note %s was left (%v)", p, err)
		}
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	if after, err := os.ReadFile(s.Path()); err != nil || string(after) != string(before) {
		t.Errorf("the held store was changed: %v", err)
	}
	if err := c.Close(); err != nil {
		t.Errorf("the blank store was not removed: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(s.Path()), ".digicheck-*")); len(left) > 0 {
		t.Errorf("temporaries left: %v", left)
	}
	again, err := Open(s.Path(), Options{})
	if err != nil {
		t.Fatalf("the store let go does not open: %v", err)
	}
	if err := again.Save(&r); err != nil {
		t.Errorf("a save in the store let go: %v", err)
	}
}
