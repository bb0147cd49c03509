//go:build race

package ingest

// raceEnabled is true under the race detector, where the real-data
// parse tests (named RealData) skip: they parse and read every real file
// on one goroutine (persona/ingest starts none), so the detector has
// nothing to find there, and make test's second line runs them on every
// file without it.
const raceEnabled = true
