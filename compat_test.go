package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestStoresOfTheEarlierBuildReadTheSame opens stores written by an earlier
// build (testdata/compat: a few real-looking assessments with a void, an
// amendment, a follow-up and a draft; and 300 synthetic ones) and checks,
// summarises and exports them: every count and every exported byte must be
// what that build printed (testdata/compat/make.sh), and none of it may
// write to the store.
func TestStoresOfTheEarlierBuildReadTheSame(t *testing.T) {
	defer func(l *time.Location) { time.Local = l }(time.Local)
	time.Local = time.UTC // the expected outputs were written with TZ=UTC
	for _, name := range []string{"real-v1", "synthetic-v1"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			orig, err := os.ReadFile(filepath.Join("testdata", "compat", name+".db"))
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, name+".db")
			if err := os.WriteFile(path, orig, 0o600); err != nil {
				t.Fatal(err)
			}
			want := func(suffix string) string {
				t.Helper()
				b, err := os.ReadFile(filepath.Join("testdata", "compat", name+"."+suffix))
				if err != nil {
					t.Fatal(err)
				}
				return string(b)
			}
			same := func(what, got, want string) {
				t.Helper()
				if got == want {
					return
				}
				gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
				for i := range min(len(gl), len(wl)) {
					if gl[i] != wl[i] {
						t.Errorf("%s differs from the earlier build's at line %d:\n got %q\nwant %q", what, i+1, gl[i], wl[i])
						return
					}
				}
				t.Errorf("%s has %d lines, the earlier build's %d", what, len(gl), len(wl))
			}

			out, _, err := runStoreCmd(t, path, (*app).checkCmd)
			if err != nil {
				t.Fatalf("check: %v\n%s", err, out)
			}
			var kept []string
			for _, l := range strings.SplitAfter(out, "\n") {
				if !strings.HasPrefix(l, "Store:") {
					kept = append(kept, l)
				}
			}
			same("check", strings.Join(kept, ""), want("check.txt"))

			out, _, err = runStoreCmd(t, path, (*app).summaryCmd, "--exact", "--format", "csv")
			if err != nil {
				t.Fatalf("summary: %v", err)
			}
			same("summary --exact --format csv", out, want("summary.csv"))

			for _, format := range []string{"csv", "ndjson", "fhir"} {
				to := filepath.Join(dir, "export."+format)
				if _, _, err := runStoreCmd(t, path, (*app).exportCmd, "--format", format, "--identifiable", "-o", to); err != nil {
					t.Fatalf("export --format %s: %v", format, err)
				}
				got, err := os.ReadFile(to)
				if err != nil {
					t.Fatal(err)
				}
				same("export --format "+format, string(got), want("export."+format))
			}

			after, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(after, orig) {
				t.Error("checking, summarising or exporting wrote to the store")
			}
		})
	}
}
