//go:build !linux && !darwin

package prompt

import (
	"io"
	"os"
)

// ownEcho is not done here: the terminal echoes, and an answer typed ahead
// is written again after its prompt (see prompter.line).
func ownEcho(fd int, out io.Writer, stopped func(os.Signal)) (r io.Reader, stop func(), ok bool) {
	return nil, nil, false
}
