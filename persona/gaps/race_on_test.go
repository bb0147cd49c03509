//go:build race

package gaps

// raceEnabled is true under the race detector; the real-data evaluation
// skips then (see the Makefile's second test line).
const raceEnabled = true
