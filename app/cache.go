package app

import (
	"context"
	"sync"
	"sync/atomic"
)

// pageCache keeps assembled persona pages until anything changes. Reads
// outnumber writes by far (sales reps and marketers read, researchers
// write), so every write bumps one epoch and invalidates all pages.
type pageCache struct {
	epoch atomic.Int64
	mu    sync.Mutex
	pages map[int64]cachedPage
}

type cachedPage struct {
	epoch int64
	page  PersonaPage
}

// changed invalidates cached pages; every mutation calls it.
func (a *App) changed() { a.cache.epoch.Add(1) }

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
	page, err := a.PersonaPage(ctx, id)
	if err != nil {
		return page, err
	}
	a.cache.mu.Lock()
	if a.cache.pages == nil || len(a.cache.pages) > 1000 {
		a.cache.pages = map[int64]cachedPage{}
	}
	a.cache.pages[id] = cachedPage{epoch: epoch, page: page}
	a.cache.mu.Unlock()
	return page, nil
}
