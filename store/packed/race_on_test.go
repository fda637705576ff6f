//go:build race

package packed

// raceOn is true when the tests were built with the race detector.
const raceOn = true
