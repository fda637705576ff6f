// Package ttyin drops what was typed at a terminal and not yet read: keys
// typed before a question could be seen, which must answer nothing. The
// plain prompts and the full screen use it alike.
package ttyin

// Drop discards what the terminal on fd holds typed and not yet read, and
// reports whether it held anything. It does nothing where fd is not a
// terminal, or where the system gives no way to do it.
func Drop(fd uintptr) bool {
	had := Pending(fd) > 0
	Flush(fd)
	return had
}
