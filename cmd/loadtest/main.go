// Command loadtest generates a large synthetic study and runs a bounded,
// mixed load against Verbatim's HTTP API on loopback, reporting throughput
// and p50/p99 latency per endpoint. See docs/PERFORMANCE.md.
//
//	go run ./cmd/loadtest -data /tmp/vb-load -quotes 1000000 -duration 30s
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/verbatimhq/verbatim/api"
	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/frontend"
	"github.com/verbatimhq/verbatim/internal/gctune"
	"github.com/verbatimhq/verbatim/internal/logbuf"
)

func main() {
	data := flag.String("data", "/tmp/verbatim-load", "data directory (generated when empty)")
	quotes := flag.Int("quotes", 1_000_000, "quotes to generate")
	duration := flag.Duration("duration", 30*time.Second, "length of each load phase")
	flag.StringVar(&corpusDir, "corpus", "", "build quotes from the real sentences of the transcripts and survey answers under this folder (e.g. ../shared/data) instead of the small synthetic vocabulary")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the load phases")
	memprofile := flag.String("memprofile", "", "write an allocation profile at the end")
	flag.StringVar(&only, "phases", "", "run only these phases, comma-separated: search, faceted, objections, persona, mixed")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil {
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}
	if err := run(*data, *quotes, *duration); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
	if *memprofile != "" {
		if f, err := os.Create(*memprofile); err == nil {
			pprof.Lookup("allocs").WriteTo(f, 0)
			f.Close()
		}
	}
}

var only string

func run(dir string, quotes int, duration time.Duration) error {
	ctx := context.Background()
	defer gctune.Start(gctune.DefaultHeadroom)() // as verbatim serve does
	start := time.Now()
	a, err := app.Open(ctx, app.Config{DataDir: dir}, nil)
	if err != nil {
		return err
	}
	fmt.Printf("opened %s in %v\n", dir, time.Since(start).Round(time.Millisecond))
	study, err := ensureGenerated(ctx, a, quotes)
	if err != nil {
		return err
	}
	// As verbatim serve does in the background after a start.
	wstart := time.Now()
	if err := a.WarmPersonaPages(ctx); err != nil {
		return err
	}
	fmt.Printf("warmed persona pages in %v\n", time.Since(wstart).Round(time.Millisecond))
	accounts := a.Accounts()
	token, err := loadToken(ctx, accounts)
	if err != nil {
		return err
	}
	pages, err := frontend.New(nil)
	if err != nil {
		return err
	}
	cfg := api.DefaultConfig()
	cfg.Addr = "127.0.0.1:0"
	// The server logs as verbatim serve does (one line per request), to a
	// file rather than the terminal.
	logFile, err := os.CreateTemp("", "verbatim-loadtest-*.log")
	if err != nil {
		return err
	}
	defer os.Remove(logFile.Name())
	defer logFile.Close()
	logOut := logbuf.New(logFile, 200*time.Millisecond)
	defer logOut.Close()
	srv := api.New(cfg, a, accounts, pages, slog.New(slog.NewTextHandler(logOut, &slog.HandlerOptions{Level: slog.LevelInfo})))
	ready := make(chan string, 1)
	sctx, stop := context.WithCancel(ctx)
	go srv.ListenAndServe(sctx, func(addr string) { ready <- addr })
	base := "http://" + <-ready
	defer func() { stop(); a.Close() }()
	personas, err := a.Personas(ctx, study)
	if err != nil {
		return err
	}
	uploads, err := a.EnsureStudy(ctx, "Load uploads")
	if err != nil {
		return err
	}
	l := &load{base: base, token: token, study: study, uploadStudy: uploads.ID}
	for _, p := range personas {
		l.personas = append(l.personas, p.ID)
	}
	phases := []phase{
		{"search + highlights", 8, l.search},
		{"faceted search", 8, l.facetedSearch},
		{"objections", 8, l.objections},
		{"persona page", 64, l.persona},
		{"mixed (search, objections, persona, upload)", 16, l.mixed},
	}
	fmt.Printf("\n%-46s %8s %8s %9s %9s %9s %6s\n", "endpoint", "clients", "requests", "req/s", "p50", "p99", "5xx")
	failed := false
	for _, ph := range phases {
		if only != "" && !slices.Contains(strings.Split(only, ","), strings.Fields(ph.name)[0]) {
			continue
		}
		r := l.run(ph, duration)
		r.print()
		failed = failed || r.errors > 0
	}
	hits, misses := accounts.TokenCacheStats()
	fmt.Printf("\nAPI token cache: %d hits, %d misses (%.3f%% hits)\n", hits, misses, 100*float64(hits)/float64(max(1, hits+misses)))
	if failed {
		return fmt.Errorf("some requests failed with 5xx or transport errors")
	}
	return nil
}
