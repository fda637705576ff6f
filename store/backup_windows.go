//go:build windows

package store

import (
	"errors"
	"syscall"
)

// processRunning reports whether a process with this PID is running: it
// can be opened and has not exited, or it exists but may not be opened.
func processRunning(pid int) bool {
	if pid <= 0 {
		return false
	}
	const queryLimitedInformation = 0x1000 // PROCESS_QUERY_LIMITED_INFORMATION
	h, err := syscall.OpenProcess(queryLimitedInformation, false, uint32(pid))
	if err != nil {
		return errors.Is(err, syscall.ERROR_ACCESS_DENIED)
	}
	defer syscall.CloseHandle(h)
	var code uint32
	if err := syscall.GetExitCodeProcess(h, &code); err != nil {
		return true // unknown: keep the file
	}
	const stillActive = 259 // STILL_ACTIVE
	return code == stillActive
}
