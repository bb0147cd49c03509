package app

import (
	"sort"
	"strconv"
	"strings"
	"sync"
)

// corpusCache remembers whether the quotes of a search scope say a word
// (inCorpus), each answer under the scope's epoch when it was asked.
type corpusCache struct {
	mu sync.Mutex
	m  map[corpusKey]corpusEntry
}

type corpusKey struct{ scope, word string }

type corpusEntry struct {
	epoch int64
	says  bool
}

// corpusCacheMax bounds the cache: past it, it starts again empty.
const corpusCacheMax = 20000

func (c *corpusCache) get(scope, word string, epoch int64) (says, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[corpusKey{scope, word}]
	return e.says, ok && e.epoch == epoch
}

func (c *corpusCache) put(scope, word string, epoch int64, says bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= corpusCacheMax {
		c.m = map[corpusKey]corpusEntry{}
	}
	c.m[corpusKey{scope, word}] = corpusEntry{epoch: epoch, says: says}
}

// corpusScope is a canonical text of search filters (keys and values
// sorted), naming what a search may find.
func corpusScope(filters map[string][]string) string {
	keys := make([]string, 0, len(filters))
	for k := range filters {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		vs := append([]string(nil), filters[k]...)
		sort.Strings(vs)
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(strings.Join(vs, ","))
		b.WriteByte(';')
	}
	return b.String()
}

// scopeEpoch is the version of what a search with filters may find: the
// sum of its studies' epochs (each only grows), or, with no study filter
// (every study), the count of every change to any study.
func (a *App) scopeEpoch(filters map[string][]string) int64 {
	ids, ok := filters["study"]
	if !ok {
		a.cache.mu.Lock()
		defer a.cache.mu.Unlock()
		return a.cache.any + a.cache.all
	}
	var sum int64
	for _, s := range ids {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil {
			sum += a.epochOf(id)
		}
	}
	return sum
}
