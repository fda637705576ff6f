//go:build !linux

package store

// releasingMapped does nothing here: the pages a check maps stay counted
// as its memory until it ends, for the system to take back under memory
// pressure, as it can any page of a file's cache.
func releasingMapped(string) (stop func()) { return func() {} }

// releaseMapped does nothing here, as releasingMapped.
func releaseMapped(string) {}

// listMap does nothing here, as releasingMapped.
func listMap(string, uintptr, int64) (unlist func()) { return func() {} }
