//go:build race

package questionnaire

// raceOn is true when the tests were built with the race detector.
const raceOn = true
