//go:build race

package testkit

// Race is true when the tests were built with the race detector.
const Race = true
