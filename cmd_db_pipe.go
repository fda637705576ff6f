package main

import (
	"fmt"
	"io/fs"
	"os"

	"digicheck/questionnaire"
	"digicheck/store"
)

// storeNotAPipe refuses, before the store's own refusal, a store path
// that is a pipe, a socket or a device (--db <(cat team.db)): the
// store's words, "ask IT to restore the store from a backup", are for a
// damaged store, and nothing is wrong with this one. nil for anything
// else, a path not there, a folder and a regular file included, which
// store.Open says of as before.
func storeNotAPipe(path string) error {
	fi, err := os.Stat(path)
	if err != nil || fi.Mode()&(fs.ModeNamedPipe|fs.ModeSocket|fs.ModeCharDevice) == 0 {
		return nil
	}
	return &store.Error{Kind: store.ErrNotStore, Msg: fmt.Sprintf("%s is not a regular file but a pipe or a device, not a store's file; it was left untouched. A store is read (and written) where it is kept, never from a pipe: give --db (or DIGICHECK_DB) the store's own path, or a copy of it saved as a file", questionnaire.Printable(path))}
}
