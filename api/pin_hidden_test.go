package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/persona"
)

// A hidden quote is not shown, so it cannot be made a theme's pinned
// example or a code's example either: the API refuses with a clear error,
// unless the same request unhides it. Promoting a theme leaves its hidden
// top quotes out of the code's examples.
func TestHiddenQuoteCannotBePinnedOrMadeAnExample(t *testing.T) {
	r := newRig(t, true)
	ctx := t.Context()
	themes, err := r.app.Themes(ctx, r.study)
	if err != nil || len(themes) < 2 {
		t.Fatalf("themes %d, %v", len(themes), err)
	}
	th := themes[0]
	var q persona.Quote
	for _, id := range th.TopQuoteIDs[1:] {
		if got, err := r.app.Quote(ctx, id); err == nil && !got.Quote.Hidden {
			q = got.Quote
			break
		}
	}
	if q.ID == 0 {
		t.Fatal("no shown top quote after the first; the test needs one")
	}
	path := fmt.Sprintf("/api/v1/quotes/%d", q.ID)
	if s := r.json(account.RoleResearcher, "PATCH", path, map[string]bool{"hidden": true}, nil); s != http.StatusOK {
		t.Fatalf("hide: %d", s)
	}
	tests := []struct {
		name   string
		method string
		path   string
		body   any
		status int
		has    string
	}{
		{"pin a hidden quote", "PATCH", path, map[string]bool{"pinned": true}, http.StatusBadRequest, "hidden"},
		{"pin while hiding it", "PATCH", path, map[string]bool{"pinned": true, "hidden": true}, http.StatusBadRequest, "hidden"},
		{"a hidden quote as a new code's example", "POST", fmt.Sprintf("/api/v1/studies/%d/codes", r.study),
			map[string]any{"name": "Hidden example", "example_quote_ids": []int64{q.ID}}, http.StatusBadRequest, "hidden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _ := json.Marshal(tt.body)
			status, body := r.do(account.RoleResearcher, tt.method, tt.path, "application/json", strings.NewReader(string(b)))
			if status != tt.status || !strings.Contains(string(body), tt.has) {
				t.Errorf("%s %s: %d %s; want %d saying %q", tt.method, tt.path, status, body, tt.status, tt.has)
			}
		})
	}
	if got, _ := r.app.Quote(ctx, q.ID); !got.Quote.Hidden {
		t.Error("a refused pin unhid the quote")
	}
	if now, _ := r.app.Theme(ctx, th.ID); len(now.TopQuoteIDs) > 0 && now.TopQuoteIDs[0] == q.ID {
		t.Error("a refused pin put the hidden quote first")
	}
	// Promoting the theme leaves the hidden quote out of the examples.
	var code persona.Code
	if s := r.json(account.RoleResearcher, "POST", fmt.Sprintf("/api/v1/themes/%d/promote", th.ID), nil, &code); s != http.StatusOK && s != http.StatusCreated {
		t.Fatalf("promote: %d", s)
	}
	for _, id := range code.ExampleQuoteIDs {
		if id == q.ID {
			t.Errorf("the promoted code %+v holds the hidden quote %d as an example", code, q.ID)
		}
	}
	// Unhiding it in the same request pins it.
	if s := r.json(account.RoleResearcher, "PATCH", path, map[string]bool{"pinned": true, "hidden": false}, nil); s != http.StatusOK {
		t.Fatalf("pin while unhiding: %d", s)
	}
	got, _ := r.app.Quote(ctx, q.ID)
	now, _ := r.app.Theme(ctx, th.ID)
	if got.Quote.Hidden || len(now.TopQuoteIDs) == 0 || now.TopQuoteIDs[0] != q.ID {
		t.Errorf("after pinning while unhiding: hidden %v, top quotes %v; want shown and first", got.Quote.Hidden, now.TopQuoteIDs)
	}
}
