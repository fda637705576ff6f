package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A store's file name can come from elsewhere (an attachment, another
// team's USB stick) and hold control characters. What an export says of
// it on standard error shows them as escapes (\x1b), as check, summary and
// backup do: an escape sequence in a name never reaches the terminal (it
// set the window's title and turned the text after it red).
func TestAnExportNamesAStoreWithControlCharactersEscaped(t *testing.T) {
	t.Parallel()
	path := shortStore(t, 3)
	evil := filepath.Join(filepath.Dir(path), "evil\x1b]0;PWNED\a\x1b[31m.db")
	if err := os.Rename(path, evil); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"csv", "ndjson", "fhir"} {
		_, stderr, err := runStoreCmd(t, evil, (*app).exportCmd, "--format", format, "--identifiable")
		if err != nil {
			t.Fatalf("%s export: %v\n%s", format, err, stderr)
		}
		if strings.ContainsAny(stderr, "\x1b\a") {
			t.Errorf("%s export sent control characters to standard error:\n%q", format, stderr)
		}
		if !strings.Contains(stderr, `evil\x1b]0;PWNED\x07\x1b[31m.db`) {
			t.Errorf("%s export does not name the store with its control characters as escapes:\n%q", format, stderr)
		}
	}
}
