package main

import (
	"io"

	"github.com/spf13/cobra"
)

// newApp makes digicheck's whole command tree, and the app its commands
// share, as run makes it for a command line that names a command.
func newApp(stdin io.Reader, stdout, stderr io.Writer) (*cobra.Command, *app) {
	root, a := newRootApp(stdin, stdout, stderr)
	a.addCommands(root)
	return root, a
}
