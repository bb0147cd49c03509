package pdftext

import (
	"math"
	"regexp"
	"strings"
)

// edgeLines is how many lines at the top and at the bottom of a page can be
// a running header or footer.
const edgeLines = 3

// pageNumberRE matches a line that is only a page number: "3", "- 3 -",
// "Page 3", "Page 3 of 12", "3 / 12", "3 of 12", "p. 3".
var pageNumberRE = regexp.MustCompile(`(?i)^[-–—\s]*(?:(?:page|p\.|pg\.?|seite|página|pagina)\s*)?\d{1,4}(?:\s*(?:/|of|von|de|sur)\s*\d{1,4})?[-–—\s]*$`)

// dropRunning removes running headers and footers: a line among the first
// or last few of a page that recurs, digits aside, at the same height on at
// least half the pages (and on two or more); and a page number alone on a
// line at a page's top or bottom.
func dropRunning(pages [][]line) [][]line {
	type key struct {
		text string
		y    int
	}
	seen := map[key]int{}
	for _, p := range pages {
		onPage := map[key]bool{}
		for i, ln := range p {
			if isEdge(i, len(p)) {
				onPage[key{shape(ln.text), band(ln.y)}] = true
			}
		}
		for k := range onPage {
			seen[k]++
		}
	}
	need := int(math.Ceil(float64(len(pages)) / 2))
	if need < 2 {
		need = 2
	}
	out := make([][]line, len(pages))
	for pi, p := range pages {
		kept := make([]line, 0, len(p))
		for i, ln := range p {
			if isEdge(i, len(p)) {
				if pageNumberRE.MatchString(ln.text) {
					continue
				}
				k := key{shape(ln.text), band(ln.y)}
				if seen[k] >= need {
					continue
				}
			}
			kept = append(kept, ln)
		}
		out[pi] = kept
	}
	return out
}

func isEdge(i, n int) bool { return i < edgeLines || i >= n-edgeLines }

// band puts a baseline into a 3-point band, so a header drawn a hair lower
// on one page still matches.
func band(y float64) int { return int(math.Round(y / 3)) }

// pageRefRE matches a page reference inside a running line ("Page 3 of
// 12", "p. 3", "3/12") and a page number set off at either end of it.
var pageRefRE = regexp.MustCompile(`(?i)(?:\b(?:page|p\.|pg\.?|seite|página|pagina)\s*\d{1,4}(?:\s*(?:/|of|von|de|sur)\s*\d{1,4})?)|(?:^\d{1,4}\s+)|(?:\s+\d{1,4}$)|(?:\b\d{1,4}\s*(?:/|of)\s*\d{1,4}\b)`)

// shape is a line with its page reference folded, so "Acme - Page 3 of
// 12" and "Acme - Page 4 of 12" compare equal, while "Maria  00:01:02"
// and "Maria  00:04:10" (turn headers) stay apart.
func shape(s string) string {
	return strings.ToLower(pageRefRE.ReplaceAllString(strings.TrimSpace(s), "#"))
}
