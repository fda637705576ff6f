//go:build linux || darwin || freebsd

package store

import "syscall"

// freeSpace is the space in bytes an unprivileged program may still write
// on the disk holding dir; ok is false when it cannot be told.
func freeSpace(dir string) (n int64, ok bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, false
	}
	return int64(uint64(st.Bavail) * uint64(st.Bsize)), true
}
