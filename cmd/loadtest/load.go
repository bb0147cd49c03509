package main

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

type load struct {
	base, token string
	// targets, when set, are the servers the load goes to, in turn (the
	// replicas of one database); base is then unused.
	targets     []string
	next        atomic.Uint64
	study       int64
	uploadStudy int64
	personas    []int64
	uploads     atomic.Int64
}

type phase struct {
	name    string
	clients int
	do      func(c *http.Client, rng *rand.Rand) (string, error)
}

type result struct {
	name      string
	clients   int
	latencies map[string][]time.Duration
	errors    int
	elapsed   time.Duration
	// cpu is this process's CPU time over the phase (server and load
	// clients); others is the CPU time every other process on the
	// machine used meanwhile, which stretches latencies on a shared host.
	cpu, others time.Duration
}

var words = []string{"expensive", "price", "security review", "integration", "migration", "procurement", "forecast", "renewal", "budget", "onboarding", "residency", "support", "data", "time", "problem"}

// run drives one phase: clients loop until the duration is over (bounded
// in time; every request also has a client timeout).
func (l *load) run(ph phase, d time.Duration) result {
	res := result{name: ph.name, clients: ph.clients, latencies: map[string][]time.Duration{}}
	var mu sync.Mutex
	var wg sync.WaitGroup
	deadline := time.Now().Add(d)
	start := time.Now()
	cpu0, host0 := processCPU(), hostBusy()
	for i := 0; i < ph.clients; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A 64 KB read buffer takes a ~50 KB persona page in one or two
			// reads instead of seven: the clients share the server's two
			// cores, so what they spend is taken from it.
			c := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 4, ReadBufferSize: 64 << 10}}
			rng := rand.New(rand.NewPCG(uint64(i), 9))
			for time.Now().Before(deadline) {
				t := time.Now()
				kind, err := ph.do(c, rng)
				took := time.Since(t)
				mu.Lock()
				if err != nil {
					res.errors++
				} else {
					res.latencies[kind] = append(res.latencies[kind], took)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	res.cpu = processCPU() - cpu0
	res.others = max(0, hostBusy()-host0-res.cpu)
	return res
}

func (r result) print() {
	kinds := make([]string, 0, len(r.latencies))
	for k := range r.latencies {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		lat := r.latencies[k]
		slices.Sort(lat)
		name := r.name
		if len(kinds) > 1 {
			name = r.name + ": " + k
		}
		fmt.Printf("%-46s %8d %8d %9.1f %9s %9s %6d\n", trunc(name, 46), r.clients, len(lat), float64(len(lat))/r.elapsed.Seconds(),
			pct(lat, 0.50), pct(lat, 0.99), r.errors)
	}
	n := 0
	for _, lat := range r.latencies {
		n += len(lat)
	}
	if n > 0 {
		fmt.Printf("%-46s cpu %.0f%% of %d cores, %.3f ms per request; other processes %.0f%%\n", "", 100*r.cpu.Seconds()/r.elapsed.Seconds()/float64(runtime.NumCPU()),
			runtime.NumCPU(), float64(r.cpu.Microseconds())/1000/float64(n), 100*r.others.Seconds()/r.elapsed.Seconds()/float64(runtime.NumCPU()))
	}
}

func trunc(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func pct(lat []time.Duration, p float64) string {
	if len(lat) == 0 {
		return "-"
	}
	d := lat[min(len(lat)-1, int(float64(len(lat))*p))]
	return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000)
}

// server is where the next request goes: the one server, or the targets
// in turn.
func (l *load) server() string {
	if len(l.targets) == 0 {
		return l.base
	}
	return l.targets[l.next.Add(1)%uint64(len(l.targets))]
}

func (l *load) get(c *http.Client, path string) error {
	req, _ := http.NewRequest("GET", l.server()+path, nil)
	req.Header.Set("Authorization", "Bearer "+l.token)
	res, err := c.Do(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != 200 {
		return fmt.Errorf("GET %s: %d", path, res.StatusCode)
	}
	return nil
}

func (l *load) search(c *http.Client, rng *rand.Rand) (string, error) {
	q := url.QueryEscape(words[rng.IntN(len(words))])
	return "search", l.get(c, fmt.Sprintf("/api/v1/search?q=%s&study=%d&size=10", q, l.study))
}

func (l *load) facetedSearch(c *http.Client, rng *rand.Rand) (string, error) {
	q := url.QueryEscape(words[rng.IntN(len(words))])
	return "faceted search", l.get(c, fmt.Sprintf("/api/v1/search?q=%s&study=%d&ring=perceived_barriers&attr.Role=IT+%%2F+Security&facet=attr.Company+size&size=10", q, l.study))
}

func (l *load) objections(c *http.Client, rng *rand.Rand) (string, error) {
	q := url.QueryEscape(words[rng.IntN(len(words))])
	return "objections", l.get(c, fmt.Sprintf("/api/v1/objections?q=%s&study=%d", q, l.study))
}

func (l *load) persona(c *http.Client, rng *rand.Rand) (string, error) {
	if len(l.personas) == 0 {
		return "persona", fmt.Errorf("no personas")
	}
	return "persona", l.get(c, fmt.Sprintf("/api/v1/personas/%d", l.personas[rng.IntN(len(l.personas))]))
}

func (l *load) upload(c *http.Client, rng *rand.Rand) (string, error) {
	n := l.uploads.Add(1)
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fw, _ := w.CreateFormFile("files", fmt.Sprintf("upload-%d.vtt", n))
	fmt.Fprintf(fw, "WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\n<v Maya>What concerns did you have?</v>\n\n2\n00:00:04.000 --> 00:00:09.000\n<v Buyer %d>Upload %d: honestly the %s was the main blocker for our team this quarter.</v>\n",
		n, n, words[rng.IntN(len(words))])
	w.Close()
	req, _ := http.NewRequest("POST", fmt.Sprintf("%s/api/v1/studies/%d/sources", l.server(), l.uploadStudy), &body)
	req.Header.Set("Authorization", "Bearer "+l.token)
	req.Header.Set("Content-Type", w.FormDataContentType())
	res, err := c.Do(req)
	if err != nil {
		return "upload", err
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != 200 {
		return "upload", fmt.Errorf("upload: %d", res.StatusCode)
	}
	return "upload", nil
}

// mixed is 45% search, 25% objections, 29% persona pages, 1% uploads.
func (l *load) mixed(c *http.Client, rng *rand.Rand) (string, error) {
	switch r := rng.IntN(100); {
	case r < 45:
		return l.search(c, rng)
	case r < 70:
		return l.objections(c, rng)
	case r < 99:
		return l.persona(c, rng)
	default:
		return l.upload(c, rng)
	}
}

// hostBusy is the CPU time every process on the machine used so far
// (Linux /proc/stat; 0 elsewhere).
func hostBusy() time.Duration {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	var user, nice, sys, idle, iowait, irq, softirq, steal uint64
	if _, err := fmt.Sscanf(string(b), "cpu %d %d %d %d %d %d %d %d", &user, &nice, &sys, &idle, &iowait, &irq, &softirq, &steal); err != nil {
		return 0
	}
	ticks := user + nice + sys + irq + softirq
	return time.Duration(ticks) * 10 * time.Millisecond // USER_HZ is 100 on Linux
}
