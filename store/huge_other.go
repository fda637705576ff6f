//go:build !linux

package store

// hugePages does nothing here: huge pages are asked for on Linux only
// (huge_linux.go).
func hugePages([]byte) {}
