package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A site file that is a folder, or over the size a site file may be,
// stopped even show and history ("config file: read dir.toml: is a
// directory"), though a site file with problems lets them read a saved
// note back. Both are site files with problems: history goes on with the
// store given, saying what is wrong with the file in words (a folder, not
// a file), and an assessment is refused saying whom to tell.
func TestASiteFileThatIsAFolderOrTooLargeIsABrokenSiteFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	if _, _, err := runCLI(t, map[string]string{"DIGICHECK_DB": db}, pipedAssessment); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "dir.toml")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	huge := filepath.Join(dir, "huge.toml")
	if err := os.WriteFile(huge, []byte(strings.Repeat("# padding\n", 200000)), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ cfg, what string }{{folder, "is a folder, not a file"}, {huge, "larger than the 1 MB"}} {
		env := map[string]string{"DIGICHECK_CONFIG": c.cfg, "DIGICHECK_DB": db}
		out, errOut, err := runCLI(t, env, "", "history", "9434765919")
		if err != nil || len(historyIDs(out)) != 1 {
			t.Errorf("history with the site file %s: %v\n%s%s", c.cfg, err, out, errOut)
		}
		flat := strings.Join(strings.Fields(errOut), " ")
		for _, w := range []string{"the site file " + c.cfg + " has problems", c.what, tellWhoLooksAfter(c.cfg)} {
			if !strings.Contains(flat, w) {
				t.Errorf("history with the site file %s does not say %q:\n%s", c.cfg, w, errOut)
			}
		}
		_, _, err = runCLI(t, env, pipedAssessment, "new")
		if err == nil || !strings.Contains(err.Error(), c.what) || !strings.Contains(err.Error(), tellWhoLooksAfter(c.cfg)) {
			t.Errorf("an assessment with the site file %s: %v", c.cfg, err)
		}
	}
}
