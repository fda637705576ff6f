package main

import (
	"fmt"
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
		return nil, fmt.Errorf("cannot write the %s to %s: %w", what, name, store.HideTemporaries(err, name))
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
