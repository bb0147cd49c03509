// Package searchbench holds the benchmarks that compare the search
// backends on one corpus of real short texts from ../shared/data (see
// docs/SEARCH_BACKENDS.md); it has no code of its own.
package searchbench
