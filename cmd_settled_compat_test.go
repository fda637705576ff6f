package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStoresSettledByTheBuildBeforeOpenCheckAndSummariseAsThen: a store
// settled by the build at 21a8c10 took the server's version in on this
// machine's own (its reason rewritten), where a settle now takes it in as
// the server holds it and sets this machine's versions aside. Such a store,
// one per kind of settle as that build made it, still checks sound with the
// same counts and summarises with the same counts as it did then
// (testdata/compat/settled-21a8c10-*: its check and the summary's whole-
// period rows as that build printed them).
func TestStoresSettledByTheBuildBeforeOpenCheckAndSummariseAsThen(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"keep-server", "keep-mine", "keep-mine-undo-void", "keep-mine-void-server-version"} {
		t.Run(name, func(t *testing.T) {
			base := filepath.Join("testdata", "compat", "settled-21a8c10-"+name)
			db := filepath.Join(t.TempDir(), "laptop.db")
			copyTestFile(t, base+".db", db)
			out, errs, err := runStoreCmd(t, db, (*app).checkCmd)
			if err != nil {
				t.Fatalf("check: %v\n%s%s", err, out, errs)
			}
			want, err := os.ReadFile(base + ".check.txt")
			if err != nil {
				t.Fatal(err)
			}
			if _, got, _ := strings.Cut(out, "\n"); got != string(want) {
				t.Errorf("check says\n%s\nwant, as then,\n%s", got, want)
			}
			out, errs, err = runStoreCmd(t, db, (*app).summaryCmd, "--exact", "--from", "2000-01-01", "--format", "csv")
			if err != nil {
				t.Fatalf("summary: %v\n%s", err, errs)
			}
			var rows []string
			for _, l := range strings.Split(out, "\n") {
				if strings.HasPrefix(l, "period,") || strings.HasPrefix(l, "all,all,") {
					// Without base_of, the last column, added since.
					cr := strings.HasSuffix(l, "\r")
					l = l[:strings.LastIndexByte(l, ',')]
					if cr {
						l += "\r"
					}
					rows = append(rows, l)
				}
			}
			if want, err = os.ReadFile(base + ".summary.csv"); err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(rows, "\n") + "\n"; got != string(want) {
				t.Errorf("the summary counts\n%s\nwant, as then,\n%s", got, want)
			}
			if _, errs, err := runStoreCmd(t, db, (*app).historyCmd, "943 476 5919"); err != nil {
				t.Errorf("history: %v\n%s", err, errs)
			}
		})
	}
}
