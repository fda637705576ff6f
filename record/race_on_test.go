//go:build race

package record

// raceOn is true when the tests were built with the race detector.
const raceOn = true
