package store

import (
	"syscall"
	"unsafe"
)

// hugePages asks Linux to back the 2 MB-aligned runs of b's memory with
// huge pages where it can, before b is first written: a buffer of a few
// megabytes a summary fills once is then paged in a few faults, not one
// for every 4 kB page (each a cost of its own, tens of microseconds on a
// virtual machine). A hint: the memory is Go's as before, and without
// huge pages (transparent_hugepage set to never) nothing changes.
func hugePages(b []byte) {
	b = b[:cap(b)]
	if len(b) < hugePage {
		return
	}
	addr := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	from := int((hugePage - addr%hugePage) % hugePage)
	to := from + (len(b)-from)/hugePage*hugePage
	if to > from {
		_ = syscall.Madvise(b[from:to], syscall.MADV_HUGEPAGE)
	}
}

// hugePage is the size of a huge page.
const hugePage = 2 << 20
