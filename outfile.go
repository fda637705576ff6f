package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"digicheck/store"
)

// outFile is a command's -o FILE, written as export -o writes: never over
// an existing file, under a temporary name beside it (readable by the
// owner only), and put in place only when whole, so that a failed or cut
// write (a full disk) leaves nothing at the destination.
type outFile struct {
	name, what string
	f          *os.File
}

// createOutFile refuses a name already taken and makes the temporary.
// what names the output in messages ("summary").
func createOutFile(name, what string) (*outFile, error) {
	if _, err := os.Lstat(name); err == nil {
		return nil, fmt.Errorf("%s already exists; write the %s to a new file name (a %s never replaces a file)", name, what, what)
	}
	dir := filepath.Dir(name)
	store.SweepTemporaries(dir)
	f, err := store.CreateTemp(dir, "export")
	if err != nil {
		return nil, cannotWriteTo(what, name, err)
	}
	if err := f.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &outFile{name: name, what: what, f: f}, nil
}

// done ends the write: with err nil, the file is synced and put in place
// (by a link, which fails if the name was taken meanwhile, so nothing is
// ever replaced); the temporary is removed either way. It returns err, or
// why the file could not be put in place, naming the destination only.
func (o *outFile) done(err error) error {
	tmp := o.f.Name()
	defer os.Remove(tmp)
	if err == nil {
		err = o.f.Sync()
	}
	if cerr := o.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return store.HideTemporaries(fmt.Errorf("nothing was written to %s: %w", o.name, err), o.name, tmp)
	}
	if err := os.Link(tmp, o.name); err != nil {
		// Some drives (FAT USB sticks) have no hard links: rename
		// instead, the name having been free just now.
		if _, serr := os.Lstat(o.name); serr != nil {
			err = os.Rename(tmp, o.name)
		}
		if err != nil {
			return store.HideTemporaries(fmt.Errorf("cannot put the %s at %s: %w", o.what, o.name, err), o.name, tmp)
		}
	}
	return nil
}

// cannotWriteTo is why the what (an "export", a "summary") could not be
// begun at name, where err is the failure to make its temporary beside
// it. A folder that does not exist, or cannot be written, is said so in
// words, with what to do: the system's "open nodir/x.csv: no such file
// or directory" did not say it was the folder that was missing.
func cannotWriteTo(what, name string, err error) error {
	dir := filepath.Dir(name)
	switch fi, serr := os.Stat(dir); {
	case errors.Is(serr, fs.ErrNotExist):
		return fmt.Errorf("cannot write the %s to %s: the folder %s does not exist; make it first, or give -o a file in a folder that exists", what, name, dir)
	case serr == nil && !fi.IsDir():
		return fmt.Errorf("cannot write the %s to %s: %s is a file, not a folder; give -o a file in a folder", what, name, dir)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("cannot write the %s to %s: you cannot make files in the folder %s; give -o a file in a folder you can write in", what, name, dir)
	}
	return fmt.Errorf("cannot write the %s to %s: %w", what, name, store.HideTemporaries(err, name))
}
