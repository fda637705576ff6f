//go:build !unix

package store

import "os"

// openFile opens the store's file for an operation (openfile_unix.go).
func openFile(name string, flag int, perm os.FileMode) (*os.File, error) {
	return os.OpenFile(name, flag, perm)
}
