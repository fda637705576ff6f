package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// Synthetic stores are made once a process and copied to each test that
// asks for the same one: made by a seed, they are the same store each
// time, and making one of 1,500 records took 5-15 s a test under the race
// detector, ten tests over.
var (
	madeMu  sync.Mutex
	made    = map[string]*madeStore{}
	madeDir string
)

type madeStore struct {
	once sync.Once
	path string
	err  error
}

// madeOnce returns a copy, in t's own folder, of the store that build
// writes at the path it is given; make runs once a process for each key.
func madeOnce(t *testing.T, key, name string, build func(path string) error) string {
	t.Helper()
	madeMu.Lock()
	if madeDir == "" {
		d, err := os.MkdirTemp("", "digicheck-made-")
		if err != nil {
			madeMu.Unlock()
			t.Fatal(err)
		}
		madeDir = d
	}
	m := made[key]
	if m == nil {
		m = &madeStore{path: filepath.Join(madeDir, fmt.Sprintf("%d.db", len(made)))}
		made[key] = m
	}
	madeMu.Unlock()
	m.once.Do(func() { m.err = build(m.path) })
	if m.err != nil {
		t.Fatalf("making the store %s: %v", key, m.err)
	}
	dst := filepath.Join(t.TempDir(), name)
	if err := copyWhole(m.path, dst); err != nil {
		t.Fatal(err)
	}
	return dst
}

func copyWhole(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// removeMade removes the stores madeOnce made, once the tests are over.
func removeMade() {
	if madeDir != "" {
		os.RemoveAll(madeDir)
	}
}

// synthetic4200 is a copy of the store `digicheck synthetic --count 4200
// --seed seed` makes: more records than a block of facts holds (4,096), so
// the first records' facts are sealed in one. Like runCLI, it cannot be
// called from a parallel test.
func synthetic4200(t *testing.T, seed int) string {
	t.Helper()
	return madeOnce(t, fmt.Sprintf("synthetic 4200 %d", seed), "digicheck.db", func(path string) error {
		if _, stderr, err := runCLI(t, nil, "", "--db", path, "synthetic", "--count", "4200", "--seed", fmt.Sprint(seed)); err != nil {
			return fmt.Errorf("synthetic: %v\n%s", err, stderr)
		}
		return nil
	})
}
