package app

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	"golang.org/x/sync/singleflight"

	"github.com/verbatimhq/verbatim/persona"
)

// pageCache keeps assembled persona pages until their study changes.
// Reads outnumber writes by far (sales reps and marketers read, researchers
// write), so every write to a study bumps that study's epoch and
// invalidates its pages and themes.
type pageCache struct {
	mu     sync.Mutex
	study  map[int64]int64 // per-study epochs, under mu
	all    int64           // bumped to invalidate every study, under mu
	any    int64           // bumped by every study's invalidation, under mu
	pages  map[int64]cachedPage
	flight singleflight.Group // one build per page at a time
}

type cachedPage struct {
	study int64
	epoch int64
	page  PersonaPage
	json  []byte // the page encoded, built once
}

// epochOf is the version of a study's cached data.
func (a *App) epochOf(studyID int64) int64 {
	a.cache.mu.Lock()
	defer a.cache.mu.Unlock()
	return a.cache.study[studyID] + a.cache.all // both only grow
}

// epochsNow is epochOf as it is now, for a read whose studies are known
// only once it is done: what it read is cached under the epoch from before
// the read, so a change made meanwhile makes it stale, not fresh.
func (a *App) epochsNow() func(studyID int64) int64 {
	a.cache.mu.Lock()
	defer a.cache.mu.Unlock()
	study, all := make(map[int64]int64, len(a.cache.study)), a.cache.all
	for id, e := range a.cache.study {
		study[id] = e
	}
	return func(studyID int64) int64 { return study[studyID] + all }
}

// CachedPersonaJSON is the persona page encoded as JSON, from the cache.
func (a *App) CachedPersonaJSON(ctx context.Context, id int64) ([]byte, error) {
	page, err := a.CachedPersonaPage(ctx, id)
	if err != nil {
		return nil, err
	}
	a.cache.mu.Lock()
	c := a.cache.pages[id]
	a.cache.mu.Unlock()
	if c.json != nil && c.page.Persona.ID == page.Persona.ID && c.epoch == a.epochOf(c.study) {
		return c.json, nil
	}
	body, err := json.Marshal(page)
	if err != nil {
		return nil, err
	}
	a.cache.mu.Lock()
	cur, ok := a.cache.pages[id]
	a.cache.mu.Unlock()
	if ok && cur.epoch == c.epoch && c.epoch == a.epochOf(c.study) {
		a.cache.mu.Lock()
		cur.json = body
		a.cache.pages[id] = cur
		a.cache.mu.Unlock()
	}
	return body, nil
}

// WarmPersonaPages builds every study's persona pages into the cache, as
// after an analysis, so that the first readers after a start do not wait
// for them (~0.3 s of CPU per persona of a million-quote study). It stops
// early when ctx is done.
func (a *App) WarmPersonaPages(ctx context.Context) error {
	studies, err := a.store.Studies(ctx)
	if err != nil {
		return err
	}
	for _, st := range studies {
		if err := ctx.Err(); err != nil {
			return err
		}
		a.warmPersonaPages(ctx, st.ID)
	}
	return nil
}

// warmPersonaPages builds the pages of a study's personas into the cache
// (after an analysis), so the first readers do not wait for them.
func (a *App) warmPersonaPages(ctx context.Context, studyID int64) {
	ps, err := a.store.Personas(ctx, studyID)
	if err != nil {
		return
	}
	for _, p := range ps {
		if ctx.Err() != nil {
			return
		}
		_, _ = a.CachedPersonaJSON(ctx, p.ID)
	}
}

// CachedPersonaPage is PersonaPage served from the cache when nothing
// changed since it was built. The result must not be modified.
func (a *App) CachedPersonaPage(ctx context.Context, id int64) (PersonaPage, error) {
	a.cache.mu.Lock()
	c, ok := a.cache.pages[id]
	a.cache.mu.Unlock()
	if ok && c.epoch == a.epochOf(c.study) {
		return c.page, nil
	}
	p, err := a.store.Persona(ctx, id)
	if err != nil {
		return PersonaPage{}, err
	}
	epoch := a.epochOf(p.StudyID)
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
	a.cache.pages[id] = cachedPage{study: p.StudyID, epoch: epoch, page: page}
	a.cache.mu.Unlock()
	return page, nil
}

// themeCache keeps decoded themes for read paths (objections, persona
// pages): a theme row carries its member quote ids, which are costly to
// decode on every request in a large study.
type themeCache struct {
	mu     sync.Mutex
	themes map[int64]cachedTheme
}

type cachedTheme struct {
	epoch int64
	theme persona.Theme
}

// cachedTheme is Store.Theme through the cache. The result must not be
// modified in place (copy slices before changing them).
func (a *App) cachedTheme(ctx context.Context, id int64) (persona.Theme, error) {
	c := &a.themes
	c.mu.Lock()
	e, ok := c.themes[id]
	c.mu.Unlock()
	if ok && e.epoch == a.epochOf(e.theme.StudyID) {
		return e.theme, nil
	}
	epochBefore := a.epochsNow()
	t, err := a.store.Theme(ctx, id)
	if err != nil {
		return t, err
	}
	epoch := epochBefore(t.StudyID)
	c.mu.Lock()
	if c.themes == nil || len(c.themes) > 10000 {
		c.themes = map[int64]cachedTheme{}
	}
	c.themes[id] = cachedTheme{epoch: epoch, theme: t}
	c.mu.Unlock()
	return t, nil
}

// cachedThemes is cachedTheme for several themes: those not cached (or
// stale) are read in one query. Missing themes are absent from the map.
// The results must not be modified in place.
func (a *App) cachedThemes(ctx context.Context, ids []int64) (map[int64]persona.Theme, error) {
	c := &a.themes
	have := make(map[int64]cachedTheme, len(ids))
	c.mu.Lock()
	for _, id := range ids {
		if e, ok := c.themes[id]; ok {
			have[id] = e
		}
	}
	c.mu.Unlock()
	out := make(map[int64]persona.Theme, len(ids))
	var missing []int64
	for _, id := range ids {
		if e, ok := have[id]; ok && e.epoch == a.epochOf(e.theme.StudyID) {
			out[id] = e.theme
		} else if !slices.Contains(missing, id) {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	epochBefore := a.epochsNow()
	got, err := a.store.ThemesByID(ctx, missing)
	if err != nil {
		return nil, err
	}
	fresh := make(map[int64]cachedTheme, len(got))
	for id, t := range got {
		out[id] = t
		fresh[id] = cachedTheme{epoch: epochBefore(t.StudyID), theme: t}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.themes == nil || len(c.themes)+len(fresh) > 10000 {
		c.themes = map[int64]cachedTheme{}
	}
	for id, e := range fresh {
		c.themes[id] = e
	}
	return out, nil
}

// personaCache keeps each study's personas, and what each values (its top
// decision criteria and success factors with a quote each), for the
// objection answers: every objection search used to read them from the
// database again (up to 50 queries, a sixth of its CPU).
type personaCache struct {
	mu      sync.Mutex
	studies map[int64]cachedPersonas
}

type cachedPersonas struct {
	epoch    int64
	personas []persona.Profile
	values   map[int64]PersonaValues // by persona id, filled as asked
}

// cachedPersonas is a study's personas through the cache. The result must
// not be modified.
func (a *App) cachedPersonas(ctx context.Context, studyID int64) ([]persona.Profile, error) {
	c := &a.personas
	epoch := a.epochOf(studyID)
	c.mu.Lock()
	e, ok := c.studies[studyID]
	c.mu.Unlock()
	if ok && e.epoch == epoch {
		return e.personas, nil
	}
	ps, err := a.store.Personas(ctx, studyID)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.studies == nil || len(c.studies) > 1000 {
		c.studies = map[int64]cachedPersonas{}
	}
	c.studies[studyID] = cachedPersonas{epoch: epoch, personas: ps, values: map[int64]PersonaValues{}}
	return ps, nil
}

// cachedPersonaValues is personaValues through the cache.
func (a *App) cachedPersonaValues(ctx context.Context, p persona.Profile) (PersonaValues, error) {
	c := &a.personas
	epoch := a.epochOf(p.StudyID)
	c.mu.Lock()
	e, ok := c.studies[p.StudyID]
	var v PersonaValues
	if ok && e.epoch == epoch {
		v, ok = e.values[p.ID]
	} else {
		ok = false
	}
	c.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := a.personaValues(ctx, p)
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	if e, ok := c.studies[p.StudyID]; ok && e.epoch == epoch {
		e.values[p.ID] = v
	}
	c.mu.Unlock()
	return v, nil
}
