package main

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"digicheck/internal/shellword"
	"digicheck/questionnaire"
	"digicheck/store"
)

// backupFileName is how a backup into a folder is named
// (store.backupName): one beside the store's path is a sign a store was
// kept there.
// Compiled when first used, not as every command starts.
var backupFileName = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^digicheck-([0-9]{8}T[0-9]{6}Z)(?:-[0-9]+)?\.db$`)
})

// How much of the folders beside the store storeTraces reads for backups
// (digicheck backup backups/, the layout README's restore steps describe):
// it runs as the first screen is drawn, and a store kept in a home folder
// has many folders beside it, some large.
const (
	traceFolders = 32  // direct sub-folders of the store's folder looked in
	traceNames   = 512 // names read from each of them
)

// storeTraces names the files beside path, where no store with anything
// in it is, that show one was kept there before: its damage note, answers
// kept in a file when it could not save them, a backup of it (in the
// store's own folder, or in a folder in it such as backups/), or a file
// named as it was with something added (s.db.moved, s.db.old). A file
// made since the store at path was made (since; zero when there is none)
// is no sign of an earlier one: a backup of this store, its damage note.
// Empty when there are none.
func storeTraces(path string, since time.Time) []string {
	dir, found, folders := besideStore(path, since)
	// Folders named for backups first, should there be more than are
	// looked in.
	slices.SortStableFunc(folders, func(a, b string) int {
		return boolOrder(!strings.Contains(strings.ToLower(a), "backup"), !strings.Contains(strings.ToLower(b), "backup"))
	})
	for _, sub := range folders[:min(len(folders), traceFolders)] {
		for _, n := range backupsIn(filepath.Join(dir, sub)) {
			if backupBefore(n, since) {
				found = append(found, filepath.Join(sub, n))
			}
		}
	}
	slices.Sort(found)
	return found
}

// besideStore reads the folder of the store at path, dir, alone: the
// traces found in it (storeTraces), and the folders in it that may hold
// backups.
func besideStore(path string, since time.Time) (dir string, found, folders []string) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return dir, nil, nil
	}
	for _, e := range entries {
		n := e.Name()
		switch {
		case strings.HasPrefix(n, "."):
		case strings.HasPrefix(n, "digicheck-not-saved-") && strings.HasSuffix(n, ".txt"):
			if !madeSince(e, since) && !ofAnotherStore(dir, n, path) {
				found = append(found, n)
			}
		case base != "" && strings.HasPrefix(n, base+"."):
			if !madeSince(e, since) {
				found = append(found, n)
			}
		case backupFileName().MatchString(n):
			if backupBefore(n, since) {
				found = append(found, n)
			}
		case e.IsDir() || e.Type()&fs.ModeSymlink != 0 && isDir(filepath.Join(dir, n)):
			folders = append(folders, n)
		}
	}
	return dir, found, folders
}

// ofAnotherStore reports whether the file name in dir, answers a store did
// not save, is another store's, there beside the store at path, untouched:
// the store the file says it was not saved in is another file in dir.
// Taken as a trace, a store made beside it (a --db mistyped) was said to
// replace one "moved or deleted". The file is kept beside its store, so
// the store it names is the file of that name in dir, however the path
// was written (relative to where digicheck was run, through a link to the
// folder). A file that names no store (one of the store in force with no
// --db) is taken as a trace, as is one whose store is no longer there.
// What it says past its first notSavedHead bytes (the data for IT) is not
// read.
func ofAnotherStore(dir, name, path string) bool {
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, notSavedHead)
	n, _ := io.ReadFull(f, head)
	named, ok := storeNamed(string(head[:n]))
	if !ok {
		return false
	}
	own := filepath.Base(named)
	if own == filepath.Base(path) || caseFolded() && strings.EqualFold(own, filepath.Base(path)) {
		return false
	}
	fi, err := os.Stat(filepath.Join(dir, own))
	return err == nil && fi.Mode().IsRegular()
}

// storeNamed is the store a not-saved file (keepUnkept's, keepRefused's)
// says it was not saved in: the path its first line gives ("... not saved
// in the store PATH: ..."), else the --db of the command that enters the
// answers again, as it was typed, in the words of a shell. ok is false
// when it names none.
func storeNamed(text string) (named string, ok bool) {
	first, _, _ := strings.Cut(text, "\n")
	if _, rest, found := strings.Cut(first, " not saved in the store "); found {
		if i := strings.LastIndex(rest, ": "); i > 0 {
			return rest[:i], true
		}
	}
	for line := range strings.Lines(text) {
		if !strings.HasPrefix(line, "To enter them again:") {
			continue
		}
		if _, word, found := strings.Cut(line, " --db "); found {
			return shellword.Read(word)
		}
		return "", false
	}
	return "", false
}

// caseFolded reports whether file names that differ only in case are the
// same file, as they are on Windows and macOS as set up.
func caseFolded() bool { return runtime.GOOS == "windows" || runtime.GOOS == "darwin" }

// notSavedHead is how much of a not-saved file ofAnotherStore reads: its
// note, answers and how to enter them again, ahead of the data for IT.
const notSavedHead = 64 << 10

// backupsIn are the backups among the first traceNames names in folder.
func backupsIn(folder string) []string {
	f, err := os.Open(folder)
	if err != nil {
		return nil
	}
	defer f.Close()
	names, _ := f.Readdirnames(traceNames)
	var out []string
	for _, n := range names {
		if backupFileName().MatchString(n) {
			out = append(out, n)
		}
	}
	return out
}

// backupBefore reports whether the backup named name was made before
// since (always, when since is zero), by the time its name holds, to the
// second as since is: one made within that second is taken as before it.
func backupBefore(name string, since time.Time) bool {
	if since.IsZero() {
		return true
	}
	m := backupFileName().FindStringSubmatch(name)
	at, err := time.Parse("20060102T150405Z", m[1])
	return err != nil || at.Before(since.Add(time.Second))
}

// madeSince reports whether e was last changed after since (never, when
// since is zero). since is to the second, as a store's creation time is
// kept: a file changed within that second is taken as made before it.
func madeSince(e fs.DirEntry, since time.Time) bool {
	if since.IsZero() {
		return false
	}
	fi, err := e.Info()
	return err == nil && !fi.ModTime().Before(since.Add(time.Second))
}

// boolOrder orders false before true.
func boolOrder(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// namedTraces is traces as said: the first three, and "and others".
func namedTraces(traces []string) string {
	named := make([]string, 0, 3)
	for _, t := range traces[:min(len(traces), 3)] {
		named = append(named, questionnaire.Printable(t))
	}
	s := strings.Join(named, ", ")
	if len(traces) > 3 {
		s += " and others"
	}
	return s
}

// newStoreWords is what a run that made a new, empty store at path (no
// file was there; made) says before its first question, in the plain
// prompts: a store moved or deleted was replaced by an empty one without a
// word until the run ended, and a nurse saw a patient's earlier
// assessments, drafts and reviews due as never made. traces are the files
// that show a store was kept there (storeTraces). A later start on that
// store while it holds nothing (not made) says it again, where there are
// traces: a nurse who missed it, or a colleague later, would go on into
// the empty store unwarned.
func newStoreWords(path string, traces []string, made bool) string {
	// What to do first, as the full screen's box says it: "Stop" came
	// after some sixty words of the path and the files found.
	path = questionnaire.Printable(path)
	if len(traces) == 0 {
		return "Stop if digicheck was used on this computer before: this store is new and empty. " +
			"Ask IT to find the store or restore it from a backup. " +
			"Started a new store: " + path + " (there was no store there). Patients' earlier assessments, " +
			"unfinished drafts and reviews due are not in it."
	}
	stop := "Stop: this store is new and empty. "
	what := "A new store was started at " + path + ", as there was no store there, "
	if !made {
		stop = "Stop: this store is still new and empty. "
		what = "The store at " + path + " was made where there was no store, "
	}
	return stop + "Ask IT to put the store back, or restore it from a backup, before you assess here. " +
		what + "but files beside it show one was kept there before (" + namedTraces(traces) +
		"): it has been moved, renamed or deleted. Patients' earlier assessments, unfinished drafts " +
		"and reviews due are not in this new store."
}

// newStoreNotice is newStoreWords for the full screen's box, which shows
// its first two lines at 60x20 and the rest a pgdn away: what to do comes
// first, then why, naming the files found.
func newStoreNotice(path string, traces []string, made bool) string {
	path = questionnaire.Printable(path)
	if len(traces) == 0 {
		return "Stop if digicheck was used on this computer before: this store is new and empty. " +
			"Ask IT to find the old one or restore it from a backup.\n" +
			"A new store was made at " + path + ": there was no store there. Earlier assessments, " +
			"drafts and reviews due are not in it."
	}
	stop := "Stop: this store is new and empty."
	if !made {
		stop = "Stop: this store is still new and empty."
	}
	return stop + " Ask IT to put the old one back, or restore it from a backup, before you assess here.\n" +
		"Files beside it show one was kept there: " + namedTraces(traces) + ". It was moved or deleted: " +
		"earlier assessments, drafts and reviews due are not in the new store at " + path + "."
}

// stillNewSize is the largest store file stillNewTraces is asked of: a new
// store is a few pages, and one with a single assessment in it little more,
// so a start on any store in use reads nothing more for it.
const stillNewSize = 256 << 10

// stillNewTraces are the files beside st, a store that holds nothing (no
// assessment, no draft), that show a store was kept there before it was
// made (storeTraces): a store made where one was kept, whose warning a
// nurse missed, or which a colleague starts on later. Nil when st holds
// something, or there are none: once anything is saved in it, someone has
// gone on with it, and the warning is not given again.
//
// It is asked at every start on a small store, most of them in use, whose
// folder is often a home folder with many folders in it, on a network
// drive: the store's own folder is read first, alone, and the store is
// read only when that folder holds a trace or a folder that may hold
// backups; the folders in it only when the store holds nothing.
func stillNewTraces(st *store.Store) []string {
	if _, found, folders := besideStore(st.Path(), time.Time{}); len(found) == 0 && len(folders) == 0 {
		// Nothing beside the store (a new store's own folder): the
		// store is not read (a lock, a map and an unmap of the file
		// before the first frame).
		return nil
	}
	if empty, err := st.HoldsNothing(); err != nil || !empty {
		return nil
	}
	made, err := st.Created()
	if err != nil {
		return nil
	}
	return storeTraces(st.Path(), made)
}
