//go:build !linux && !darwin && !freebsd && !windows

package store

// freeSpace cannot be told here.
func freeSpace(string) (int64, bool) { return 0, false }
