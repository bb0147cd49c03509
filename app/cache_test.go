package app

import (
	"context"
	"strings"
	"testing"
)

// TestPersonaPageCacheFollowsChanges: a cached persona page shows an edit
// at once, and a change in another study leaves it cached.
func TestPersonaPageCacheFollowsChanges(t *testing.T) {
	ctx := context.Background()
	a, st := demoApp(t)
	ps, err := a.store.Personas(ctx, st.ID)
	if err != nil || len(ps) == 0 {
		t.Fatalf("personas: %v %v", ps, err)
	}
	id := ps[0].ID
	before, err := a.CachedPersonaJSON(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := a.store.EnsureStudy(ctx, "Other")
	res := a.Ingest(ctx, other.ID, "call.txt", strings.NewReader("Interviewer: What happened?\nBuyer: The renewal price doubled and we had to look elsewhere.\n"))
	if res.Status != StatusOK {
		t.Fatalf("ingest: %s", res.Error)
	}
	again, _ := a.CachedPersonaJSON(ctx, id)
	if &again[0] != &before[0] {
		t.Error("an upload to another study rebuilt this study's cached page")
	}
	name := "Forecast fixers"
	if _, err := a.EditPersona(ctx, id, &name, nil); err != nil {
		t.Fatal(err)
	}
	after, _ := a.CachedPersonaJSON(ctx, id)
	if !strings.Contains(string(after), `"name":"Forecast fixers"`) {
		t.Error("the cached page does not show the persona's new name")
	}
}
