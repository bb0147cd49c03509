package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/verbatimhq/verbatim/api"
	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/frontend"
	"github.com/verbatimhq/verbatim/internal/gctune"
	"github.com/verbatimhq/verbatim/internal/logbuf"
	"github.com/verbatimhq/verbatim/samples"
)

// serveOptions are serve's flags.
type serveOptions struct {
	api       api.Config
	data      dataFlags
	noDemo    bool
	recurring int
	dev       string
}

func parseServe(e env, args []string) (serveOptions, error) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := dataFlag(fs)
	o := serveOptions{api: api.DefaultConfig()}
	cfg := &o.api
	fs.StringVar(&cfg.Addr, "addr", envOr("VERBATIM_ADDR", cfg.Addr), "listen address (env VERBATIM_ADDR)")
	fs.Int64Var(&cfg.MaxUploadSize, "max-upload", cfg.MaxUploadSize, "largest uploaded file in bytes")
	fs.BoolVar(&cfg.SecureCookies, "secure-cookies", false, "mark cookies Secure (when served over TLS)")
	fs.Var((*listFlag)(&cfg.TrustedProxies), "trusted-proxy", "CIDR or IP of a reverse proxy whose X-Forwarded-For names the client (repeatable or comma-separated; default none)")
	noDemo := fs.Bool("no-demo", false, "do not load the demo study on first run")
	recurring := recurringFlag(fs)
	dev := fs.String("dev-templates", "", "serve templates and static files from this frontend/ folder (edit without rebuilding)")
	if _, err := parseInterspersed(fs, args); err != nil {
		return o, errUsage
	}
	if cfg.MaxUploadSize <= 0 {
		return o, fmt.Errorf("--max-upload %d: want a size in bytes, above 0", cfg.MaxUploadSize)
	}
	if err := api.CheckProxies(cfg.TrustedProxies); err != nil {
		return o, err
	}
	switch data.search {
	case "", app.SearchBleve:
	case app.SearchPostgres:
		if data.searchURL == "" && !data.config().OnPostgres() {
			return o, fmt.Errorf("--search postgres needs --search-url postgres://… or a postgres:// --db")
		}
	default:
		return o, fmt.Errorf("--search %q: want bleve or postgres", data.search)
	}
	o.data, o.noDemo, o.recurring, o.dev = *data, *noDemo, *recurring, *dev
	return o, nil
}

// appConfig applies the options the app enforces: --max-upload is the
// per-file limit the ingest checks and the upload page advertises.
func (o serveOptions) appConfig(c *app.Config) {
	c.MaxFileSize = o.api.MaxUploadSize
}

func cmdServe(ctx context.Context, e env, args []string) error {
	o, err := parseServe(e, args)
	if err != nil {
		return err
	}
	cfg := o.api
	// Log lines (one per request) are buffered and written out at least
	// every 200 ms (see logbuf), and all of them when serve returns.
	logOut := logbuf.New(e.stderr, 200*time.Millisecond)
	defer logOut.Close()
	log := slog.New(slog.NewTextHandler(logOut, &slog.HandlerOptions{Level: slog.LevelInfo}))
	e.log = log
	// Fewer collections while the live heap is small (see gctune).
	defer gctune.Start(gctune.DefaultHeadroom)()
	setRecurring, err := withRecurring(o.recurring)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, e, o.data, setRecurring, o.appConfig)
	if err != nil {
		return err
	}
	defer a.Close()
	accounts := a.Accounts()
	name, password, created, err := accounts.EnsureAdmin(ctx)
	if err != nil {
		return err
	}
	if !o.noDemo {
		fmt.Fprintln(e.stderr, "loading the demo study on first run…")
		if loaded, err := a.LoadDemo(ctx, samples.FS, samples.StudyName); err != nil {
			return fmt.Errorf("load demo: %w", err)
		} else if loaded {
			if err := a.LoadDemoCollateral(ctx, samples.Collateral, samples.StudyName); err != nil {
				return fmt.Errorf("load demo collateral: %w", err)
			}
			fmt.Fprintf(e.stderr, "loaded %q\n", samples.StudyName)
		}
	}
	var pages *frontend.Pages
	if o.dev != "" {
		pages, err = frontend.New(os.DirFS(o.dev))
	} else {
		pages, err = frontend.New(nil)
	}
	if err != nil {
		return err
	}
	srv := api.New(cfg, a, accounts, pages, log)
	if due, err := srv.ResumeAnalyses(ctx); err != nil {
		log.Warn("resume analyses", slog.String("error", err.Error()))
	} else if len(due) > 0 {
		log.Info("resuming analyses a crash cut short", slog.Int("studies", len(due)))
	}
	if resumed, err := a.ResumeRedactPasses(ctx); err != nil {
		log.Warn("resume redaction passes", slog.String("error", err.Error()))
	} else if len(resumed) > 0 {
		log.Info("resuming redaction passes a stop cut short", slog.Int("studies", len(resumed)))
	}
	warmed := make(chan struct{})
	go func() {
		defer close(warmed)
		if err := a.WarmPersonaPages(ctx); err != nil && ctx.Err() == nil {
			log.Warn("warm persona pages", slog.String("error", err.Error()))
		}
	}()
	defer func() { <-warmed }() // before a.Close
	return srv.ListenAndServe(ctx, func(addr string) {
		fmt.Fprintf(e.stdout, "Verbatim is running at http://%s/\n", addr)
		if created {
			fmt.Fprintf(e.stdout, "Sign in as %q with the one-time password: %s\n(it is not shown again: change it at http://%s/account)\n", name, password, addr)
		} else {
			fmt.Fprintln(e.stdout, "Sign in with your account (create one with: verbatim user add NAME --role admin).")
		}
	})
}

// listFlag collects a repeatable, comma-separated flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
