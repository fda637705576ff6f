package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	"digicheck/questionnaire"
)

// backupFileName is how a backup into a folder is named
// (store.backupName): one beside the store's path is a sign a store was
// kept there.
// Compiled when first used, not as every command starts.
var backupFileName = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^digicheck-[0-9]{8}T[0-9]{6}Z(?:-[0-9]+)?\.db$`)
})

// storeTraces names the files beside path, where no store file is, that
// show one was kept there before: its damage note, answers kept in a file
// when it could not save them, a backup of it, or a file named as it was
// with something added (s.db.moved, s.db.old). Empty when there are none.
func storeTraces(path string) []string {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var found []string
	for _, e := range entries {
		n := e.Name()
		switch {
		case strings.HasPrefix(n, "digicheck-not-saved-") && strings.HasSuffix(n, ".txt"),
			backupFileName().MatchString(n),
			base != "" && strings.HasPrefix(n, base+".") && !strings.HasPrefix(n, "."):
			found = append(found, n)
		}
	}
	slices.Sort(found)
	return found
}

// newStoreWords is what a run that made a new, empty store at path (no
// file was there) says before its first question, in the plain prompts
// and in the full screen's box: a store moved or deleted was replaced by
// an empty one without a word until the run ended, and a nurse saw a
// patient's earlier assessments, drafts and reviews due as never made.
// traces are the files that show a store was kept there (storeTraces).
func newStoreWords(path string, traces []string) string {
	path = questionnaire.Printable(path)
	traces = slices.Clone(traces)
	for i := range traces {
		traces[i] = questionnaire.Printable(traces[i])
	}
	if len(traces) == 0 {
		return "Started a new store: " + path + ". It is empty: there was no store there. " +
			"If digicheck has been used on this computer before, patients' earlier assessments, " +
			"unfinished drafts and reviews due are not in it: stop, and ask IT to find the store " +
			"or restore it from a backup."
	}
	named := traces
	more := ""
	if len(named) > 3 {
		named, more = named[:3], " and others"
	}
	return "Warning: started a new, empty store at " + path + ", as there was no store there, " +
		"but files beside it show one was kept there before (" + strings.Join(named, ", ") + more +
		"): it has been moved, renamed or deleted. Patients' earlier assessments, unfinished drafts " +
		"and reviews due are not in this new store. Stop, and ask IT to put the store back or " +
		"restore it from a backup before you assess here."
}

// newStoreNotice is newStoreWords short enough to be read whole in the
// full screen's box at 80x24, with a long path: the files are not named
// there (they are in what was printed, read once the screen closes).
func newStoreNotice(path string, traces []string) string {
	path = questionnaire.Printable(path)
	if len(traces) == 0 {
		return "A new, empty store was made at " + path + ": there was no store there. " +
			"If digicheck was used on this computer before, earlier assessments, drafts and " +
			"reviews due are not in it: stop, and ask IT to find the store or restore it from a backup."
	}
	return "Warning: a new, empty store was made at " + path + ", but files beside it show a " +
		"store was kept there: it was moved or deleted. Earlier assessments, drafts and reviews " +
		"due are not in it. Stop, and ask IT to put it back or restore it from a backup."
}
