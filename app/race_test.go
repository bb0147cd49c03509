//go:build race

package app

// raceEnabled is true under the race detector; the real-data objection
// evaluation skips then (too slow), and runs in the Makefile's second line.
const raceEnabled = true
