package store

import (
	"os"
	"slices"
	"syscall"
	"unsafe"
)

// resident reports whether every page of the length bytes of f at off is
// in the system's page cache (mincore on a map of just that range), so a
// summary of a store already in memory, as a second summary's is, does
// not copy its facts out of the cache once more only to throw them away.
// Any failure says no, and the range is read as before.
func resident(f *os.File, off, length int64) bool {
	ps := int64(os.Getpagesize())
	start := off &^ (ps - 1)
	length += off - start
	if length <= 0 {
		return false
	}
	m, err := syscall.Mmap(int(f.Fd()), start, int(length), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return false
	}
	defer syscall.Munmap(m)
	vec := make([]byte, (length+ps-1)/ps)
	if _, _, e := syscall.Syscall(syscall.SYS_MINCORE, uintptr(unsafe.Pointer(&m[0])), uintptr(length), uintptr(unsafe.Pointer(&vec[0]))); e != 0 {
		return false
	}
	return !slices.ContainsFunc(vec, func(v byte) bool { return v&1 == 0 })
}
