package app

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/singleflight"

	"github.com/verbatimhq/verbatim/persona"
)

// pageCache keeps assembled persona pages until anything changes. Reads
// outnumber writes by far (sales reps and marketers read, researchers
// write), so every write bumps one epoch and invalidates all pages.
type pageCache struct {
	epoch  atomic.Int64
	mu     sync.Mutex
	pages  map[int64]cachedPage
	flight singleflight.Group // one build per page at a time
}

type cachedPage struct {
	epoch int64
	page  PersonaPage
	json  []byte // the page encoded, built once
}

// changed invalidates cached pages; every mutation calls it.
func (a *App) changed() { a.cache.epoch.Add(1) }

// CachedPersonaJSON is the persona page encoded as JSON, from the cache.
func (a *App) CachedPersonaJSON(ctx context.Context, id int64) ([]byte, error) {
	page, err := a.CachedPersonaPage(ctx, id)
	if err != nil {
		return nil, err
	}
	a.cache.mu.Lock()
	c := a.cache.pages[id]
	a.cache.mu.Unlock()
	if c.json != nil && c.page.Persona.ID == page.Persona.ID && c.epoch == a.cache.epoch.Load() {
		return c.json, nil
	}
	body, err := json.Marshal(page)
	if err != nil {
		return nil, err
	}
	a.cache.mu.Lock()
	if cur, ok := a.cache.pages[id]; ok && cur.epoch == c.epoch && c.epoch == a.cache.epoch.Load() {
		cur.json = body
		a.cache.pages[id] = cur
	}
	a.cache.mu.Unlock()
	return body, nil
}

// warmPersonaPages builds the pages of a study's personas into the cache
// (after an analysis), so the first readers do not wait for them.
func (a *App) warmPersonaPages(ctx context.Context, studyID int64) {
	ps, err := a.Store.Personas(ctx, studyID)
	if err != nil {
		return
	}
	for _, p := range ps {
		_, _ = a.CachedPersonaPage(ctx, p.ID)
	}
}

// CachedPersonaPage is PersonaPage served from the cache when nothing
// changed since it was built. The result must not be modified.
func (a *App) CachedPersonaPage(ctx context.Context, id int64) (PersonaPage, error) {
	epoch := a.cache.epoch.Load()
	a.cache.mu.Lock()
	c, ok := a.cache.pages[id]
	a.cache.mu.Unlock()
	if ok && c.epoch == epoch {
		return c.page, nil
	}
	v, err, _ := a.cache.flight.Do(fmt.Sprintf("%d/%d", id, epoch), func() (any, error) {
		return a.PersonaPage(context.WithoutCancel(ctx), id)
	})
	if err != nil {
		return PersonaPage{}, err
	}
	page := v.(PersonaPage)
	a.cache.mu.Lock()
	if a.cache.pages == nil || len(a.cache.pages) > 1000 {
		a.cache.pages = map[int64]cachedPage{}
	}
	a.cache.pages[id] = cachedPage{epoch: epoch, page: page}
	a.cache.mu.Unlock()
	return page, nil
}

// themeCache keeps decoded themes for read paths (objections, persona
// pages): a theme row carries its member quote ids, which are costly to
// decode on every request in a large study.
type themeCache struct {
	mu     sync.Mutex
	epoch  int64
	themes map[int64]persona.Theme
}

// cachedTheme is Store.Theme through the cache. The result must not be
// modified in place (copy slices before changing them).
func (a *App) cachedTheme(ctx context.Context, id int64) (persona.Theme, error) {
	epoch := a.cache.epoch.Load()
	c := &a.themes
	c.mu.Lock()
	if c.epoch != epoch || c.themes == nil || len(c.themes) > 10000 {
		c.themes, c.epoch = map[int64]persona.Theme{}, epoch
	}
	t, ok := c.themes[id]
	c.mu.Unlock()
	if ok {
		return t, nil
	}
	t, err := a.Store.Theme(ctx, id)
	if err != nil {
		return t, err
	}
	c.mu.Lock()
	if c.epoch == epoch {
		c.themes[id] = t
	}
	c.mu.Unlock()
	return t, nil
}
