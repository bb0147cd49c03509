// Package e2e holds Verbatim's browser tests: they build the binary, run
// `verbatim serve` on a loopback port with a temporary data directory and the
// demo study, and drive Debian's chromium through chromedp along the journeys
// of a researcher, a marketer and a sales rep.
//
// Run them with `go test ./e2e`. Without chromium they skip, except when
// CI=true, where they fail. Set VERBATIM_SCREENSHOTS=1 to write a PNG of
// every page to e2e/screenshots, VERBATIM_CHROMIUM to use another browser
// binary, and VERBATIM_BIN to test a binary built beforehand.
package e2e
