//go:build race

package analysis

// raceEnabled is true when built with the race detector; the heavy
// evaluations on real data skip then.
const raceEnabled = true
