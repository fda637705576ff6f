package store

import "syscall"

// usage is what the process has used so far, its threads together: CPU
// time in ns (user and kernel together: the kernel splits the two by
// sampling, too coarse for one operation), page faults served from memory
// (minor: among them a page of a fresh map of the store met for the first
// time) and from the disk (major), and context switches asked for
// (waiting, as in an fsync) and imposed (preempted). What a benchmark
// spent, told apart from what it waited for.
type usage struct {
	cpu, minflt, majflt, vcsw, ivcsw int64
}

// readUsage is the process's usage now; all 0 when it cannot be read.
// One system call.
func readUsage() usage {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return usage{}
	}
	return usage{ru.Utime.Nano() + ru.Stime.Nano(), ru.Minflt, ru.Majflt, ru.Nvcsw, ru.Nivcsw}
}

func (u usage) sub(v usage) usage {
	return usage{u.cpu - v.cpu, u.minflt - v.minflt, u.majflt - v.majflt, u.vcsw - v.vcsw, u.ivcsw - v.ivcsw}
}

func (u usage) add(v usage) usage {
	return usage{u.cpu + v.cpu, u.minflt + v.minflt, u.majflt + v.majflt, u.vcsw + v.vcsw, u.ivcsw + v.ivcsw}
}
