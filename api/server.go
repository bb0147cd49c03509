// Package api serves Verbatim over HTTP with gin: the JSON API under
// /api/v1 and the server-rendered pages. Every route is in routes.go.
package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/klauspost/compress/gzhttp"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/frontend"
)

// Config tunes the server.
type Config struct {
	Addr string
	// MaxUploadSize caps one uploaded file; a request may carry up to
	// MaxUploadFiles files.
	MaxUploadSize  int64
	MaxUploadFiles int
	// SecureCookies marks the session cookie Secure (behind TLS).
	SecureCookies bool
	// SearchConcurrency bounds concurrent searches (0 = number of CPUs).
	SearchConcurrency int
	// SearchTimeout is the most one search may take, waiting for a slot
	// included (0 = DefaultSearchTimeout).
	SearchTimeout time.Duration
	// TrustedProxies are the CIDRs or IPs of reverse proxies whose
	// X-Forwarded-For / X-Real-IP name the client. None by default: the
	// client is the connection's address, which a header cannot change.
	TrustedProxies []string
}

// DefaultSearchTimeout bounds a search when Config.SearchTimeout is 0.
const DefaultSearchTimeout = 10 * time.Second

// DefaultConfig listens on loopback port 8080 with 50 MB files.
func DefaultConfig() Config {
	return Config{Addr: "127.0.0.1:8080", MaxUploadSize: 50 << 20, MaxUploadFiles: 50}
}

// Server is the HTTP server.
type Server struct {
	cfg      Config
	app      *app.App
	accounts *account.Service
	pages    *frontend.Pages
	log      *slog.Logger
	signins  *account.Limiter
	searches chan struct{}
	handler  http.Handler
	doc      map[string]any
}

// New builds the server and its routes.
func New(cfg Config, a *app.App, accounts *account.Service, pages *frontend.Pages, log *slog.Logger) *Server {
	if cfg.MaxUploadSize <= 0 {
		cfg.MaxUploadSize = DefaultConfig().MaxUploadSize
	}
	if cfg.MaxUploadFiles <= 0 {
		cfg.MaxUploadFiles = DefaultConfig().MaxUploadFiles
	}
	if cfg.SearchConcurrency <= 0 {
		cfg.SearchConcurrency = max(2, runtimeCPUs())
	}
	if cfg.SearchTimeout <= 0 {
		cfg.SearchTimeout = DefaultSearchTimeout
	}
	s := &Server{cfg: cfg, app: a, accounts: accounts, pages: pages, log: log,
		signins: account.NewLimiter(10, time.Minute), searches: make(chan struct{}, cfg.SearchConcurrency)}
	s.doc = OpenAPI()
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.ContextWithFallback = true
	if err := r.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		// serve checks the flag first (CheckProxies); trust none rather
		// than all.
		log.Error("trusted proxies ignored", slog.String("error", err.Error()))
		_ = r.SetTrustedProxies(nil)
	}
	r.Use(s.requestID, apiHeaders, s.recover, s.accessLog, limitBody, s.authenticate)
	s.routes(r)
	protect := http.NewCrossOriginProtection()
	s.handler = protect.Handler(compressPages(r))
	return s
}

// CheckProxies reports the first entry of proxies that is neither an IP
// nor a CIDR.
func CheckProxies(proxies []string) error {
	for _, p := range proxies {
		if _, _, err := net.ParseCIDR(p); err == nil {
			continue
		}
		if net.ParseIP(p) == nil {
			return fmt.Errorf("trusted proxy %q is not an IP address or CIDR (e.g. 10.0.0.0/8)", p)
		}
	}
	return nil
}

// compressPages gzips (or zstd-encodes) pages and static files for
// browsers that accept it: the themes page of the demo study is 963 KB of
// HTML and 75 KB gzipped (TestPagesCompressedAPINot logs the sizes). The JSON API is left alone: its hottest
// response, the persona page, is served pre-encoded from a cache in ~0.1
// ms, which compressing on every request would multiply; put a reverse
// proxy in front to compress it for remote clients.
func compressPages(h http.Handler) http.Handler {
	wrap, err := gzhttp.NewWrapper(gzhttp.MinSize(1024))
	if err != nil {
		panic(err) // the options are fixed: a programming error
	}
	gz := wrap(h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			h.ServeHTTP(w, r)
			return
		}
		gz.ServeHTTP(w, r)
	})
}

// Handler is the server's http.Handler (for tests with httptest).
func (s *Server) Handler() http.Handler { return s.handler }

// ListenAndServe serves on cfg.Addr until ctx is done, then shuts down
// gracefully, letting in-flight requests (uploads) finish. ready, if not
// nil, receives the bound address.
func (s *Server) ListenAndServe(ctx context.Context, ready func(addr string)) error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute, // large uploads on slow links
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    1 << 20,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	s.Wait()
	return nil
}

// Wait waits for background analyses to finish.
func (s *Server) Wait() { s.app.WaitAnalyses() }
