package api

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/account"
)

// The themes page lists themes without their quotes (the demo's page was
// 1.2 MB with 1,462 controls); each theme's quotes come from
// /themes/:id/quotes when it is opened.
func TestThemesPageLoadsQuotesPerTheme(t *testing.T) {
	r := newRig(t, true)
	p := newPageClient(t, r)
	p.signIn(account.RoleResearcher)
	res, page := p.get(fmt.Sprintf("/studies/%d/themes", r.study))
	if res.StatusCode != 200 {
		t.Fatalf("themes page = %d", res.StatusCode)
	}
	themes, err := r.app.Themes(context.Background(), r.study)
	if err != nil {
		t.Fatal(err)
	}
	controls := len(regexp.MustCompile(`<(input|select|button|textarea)\b`).FindAllString(page, -1))
	// A checkbox, a label field and a button per theme, and the merge form.
	if limit := 3*len(themes) + 10; controls > limit {
		t.Errorf("themes page has %d controls for %d themes; want at most %d (no quote editors)", controls, len(themes), limit)
	}
	t.Logf("themes page: %d bytes, %d controls, %d themes", len(page), controls, len(themes))
	if n := strings.Count(page, `data-src="/themes/`); n != len(themes) {
		t.Errorf("%d themes load their quotes on demand; want %d", n, len(themes))
	}
	th := themes[0]
	res, frag := p.get(fmt.Sprintf("/themes/%d/quotes", th.ID))
	if res.StatusCode != 200 || strings.Contains(frag, "<html") {
		t.Fatalf("GET /themes/%d/quotes = %d; want 200 with a fragment", th.ID, res.StatusCode)
	}
	want := min(th.Quotes, themeQuotesShown)
	if n := strings.Count(frag, `<li class="tq`); n != want {
		t.Errorf("theme %d fragment lists %d quotes; want %d", th.ID, n, want)
	}
	if !strings.Contains(frag, fmt.Sprintf(`class="split-theme" data-theme="%d"`, th.ID)) {
		t.Error("fragment has no split form")
	}
	sales := newPageClient(t, r)
	sales.signIn(account.RoleSales)
	if res, _ := sales.get(fmt.Sprintf("/themes/%d/quotes", th.ID)); res.StatusCode != 403 {
		t.Errorf("theme quotes as sales = %d; want 403 like the themes page", res.StatusCode)
	}
}
