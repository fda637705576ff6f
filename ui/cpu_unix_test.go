//go:build unix

package ui

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used. Benchmarks report it per
// operation beside wall time, because wall time on a shared machine says as
// much about the neighbours as about the code.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
