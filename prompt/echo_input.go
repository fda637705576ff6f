package prompt

import "digicheck/internal/ttyin"

// pendingInput is how much the terminal holds typed and not yet read.
func pendingInput(fd int) int { return ttyin.Pending(uintptr(fd)) }

// flushInput discards what the terminal holds typed and not yet read.
func flushInput(fd int) { ttyin.Flush(uintptr(fd)) }
