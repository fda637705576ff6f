package ttyin

import "golang.org/x/sys/windows"

// Pending is how many input events the console holds not yet read. It
// counts every event, not only keys: a window resized or focused counts
// too, which the console gives no way to tell apart without reading it.
func Pending(fd uintptr) int {
	var n uint32
	if windows.GetNumberOfConsoleInputEvents(windows.Handle(fd), &n) != nil {
		return 0
	}
	return int(n)
}

// Flush discards what the console holds typed and not yet read.
func Flush(fd uintptr) { _ = windows.FlushConsoleInputBuffer(windows.Handle(fd)) }
