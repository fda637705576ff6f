//go:build unix

package site

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used, its threads together (the
// garbage collector's too); 0 when it cannot be read. A timing test
// compares it, not wall time, because wall time on a shared machine also
// counts the time the process waited for a processor: it says as much
// about the neighbours as about the code.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
