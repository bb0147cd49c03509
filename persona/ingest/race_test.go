//go:build race

package ingest

// raceEnabled is true under the race detector, where the real-data
// parse tests take a sample of the files.
const raceEnabled = true
