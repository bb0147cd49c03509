package api

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
)

// TestSearchHitsCarryCleanVerbatim: a search hit's JSON gives API clients
// the quote as the pages show it ("shown": no "um", no stutter), while
// "text" keeps every word said; a quote with nothing to clean has no
// "shown".
func TestSearchHitsCarryCleanVerbatim(t *testing.T) {
	r := newRig(t, true)
	transcript := "Interviewer: What made you look for a new tool?\n" +
		"Dana Reyes: So, um, the price was the problem for our zebrafinch team.\n" +
		"Interviewer: Anything else?\n" +
		"Dana Reyes: The zebrafinch exports were reliable and quick every single week.\n"
	ct, body := multipartBody(t, map[string]string{"reyes.txt": transcript})
	if status, b := r.do(account.RoleResearcher, "POST", fmt.Sprintf("/api/v1/studies/%d/sources", r.study), ct, body); status != http.StatusOK {
		t.Fatalf("upload = %d %s", status, b)
	}
	var res app.SearchResult
	if status := r.json(account.RoleResearcher, "GET", fmt.Sprintf("/api/v1/search?q=zebrafinch&study=%d", r.study), nil, &res); status != http.StatusOK {
		t.Fatalf("search = %d", status)
	}
	want := map[string]string{
		"So, um, the price was the problem for our zebrafinch team.":        "The price was the problem for our zebrafinch team.",
		"The zebrafinch exports were reliable and quick every single week.": "",
	}
	if len(res.Hits) != len(want) {
		t.Fatalf("hits = %+v; want the two zebrafinch quotes", res.Hits)
	}
	for _, h := range res.Hits {
		shown, ok := want[h.Text]
		if !ok {
			t.Errorf("unexpected hit %q", h.Text)
			continue
		}
		if h.Shown != shown {
			t.Errorf("hit %q: shown %q; want %q", h.Text, h.Shown, shown)
		}
	}
}
