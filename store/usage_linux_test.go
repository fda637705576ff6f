package store

import (
	"syscall"
	"testing"
)

// BenchmarkSaveOverBare tells a save's page faults from a bare
// transaction's by readUsage: a page of memory met for the first time
// must count as a fault. (Pages of a file are met in groups the kernel
// chooses, so fresh anonymous pages are counted here, one fault each.)
func TestReadUsageCountsPageFaults(t *testing.T) {
	const pages = 64
	size := pages * syscall.Getpagesize()
	m, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Munmap(m)
	if err := syscall.Madvise(m, syscall.MADV_NOHUGEPAGE); err != nil {
		t.Fatal(err)
	}
	before := readUsage()
	for i := 0; i < size; i += syscall.Getpagesize() {
		m[i] = 1
	}
	after := readUsage()
	if got := after.sub(before).minflt; got < pages {
		t.Errorf("writing to %d fresh pages counted %d faults; want at least %d", pages, got, pages)
	}
	if after.cpu < before.cpu || after.cpu <= 0 {
		t.Errorf("the CPU used went from %d ns to %d ns", before.cpu, after.cpu)
	}
}
