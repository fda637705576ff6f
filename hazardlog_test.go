package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestHazardLogNamesOnlyTestsThatExist: every test and fuzz target the
// hazard log cites as proof of a control is defined in a _test.go file, so
// a renamed or deleted test cannot leave a control claimed but unproved.
func TestHazardLogNamesOnlyTestsThatExist(t *testing.T) {
	t.Parallel()
	log, err := os.ReadFile("docs/clinical-safety.md")
	if err != nil {
		t.Fatal(err)
	}
	defined := map[string]bool{}
	def := regexp.MustCompile(`(?m)^func ((?:Test|Fuzz)[A-Za-z0-9_]*)\(`)
	err = filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range def.FindAllSubmatch(b, -1) {
			defined[string(m[1])] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	cited := map[string]bool{}
	for _, m := range regexp.MustCompile(`\b(?:Test|Fuzz)[A-Z][A-Za-z0-9_]*`).FindAll(log, -1) {
		cited[string(m)] = true
	}
	if len(cited) < 20 {
		t.Fatalf("only %d test names found in the hazard log: is it still there?", len(cited))
	}
	var missing []string
	for name := range cited {
		if !defined[name] {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("the hazard log cites tests that do not exist: %s", strings.Join(missing, ", "))
	}
}
