//go:build !unix

package main

// closedStdoutFails does nothing where Go's runtime leaves a closed
// standard output closed: a write to it fails already.
func closedStdoutFails() {}
