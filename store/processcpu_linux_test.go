package store

import "syscall"

// processCPU is the CPU time this process has used, in ns, its threads
// together (the collector's, and any goroutine a save starts, with the
// caller's): what a benchmark spent working, not waiting for a disk or for
// a CPU other programs hold. 0 where it cannot be read.
func processCPU() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
