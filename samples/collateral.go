package samples

import "embed"

// Collateral holds two pieces of marketing collateral about the demo's
// product, written for Verbatim: one in the buyers' own words and one in
// vendor-speak, for the content-gap check. Kept apart from FS so the demo
// loader never takes them for transcripts.
//
//go:embed collateral
var Collateral embed.FS
