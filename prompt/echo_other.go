//go:build !linux && !darwin

package prompt

import "io"

// ownEcho is not done here: the terminal echoes, and an answer typed ahead
// is written again after its prompt (see prompter.line).
func ownEcho(fd int, out io.Writer) (r io.Reader, stop func(), ok bool) { return nil, nil, false }

// pendingInput and flushInput are not done here: only what the prompts
// have read and not yet taken as an answer can be dropped.
func pendingInput(fd int) int { return 0 }
func flushInput(fd int)       {}
