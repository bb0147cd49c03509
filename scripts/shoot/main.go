// Command shoot signs in to a running Verbatim server in headless Chromium
// and saves a full-page PNG of each page path given, so the pages can be
// read as their users see them (README screenshots, reviews of real sets).
//
//	go run ./scripts/shoot -base http://127.0.0.1:8080 -user ana -password … -out /tmp/shots /studies/1 /personas/3
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

func main() {
	base := flag.String("base", "http://127.0.0.1:8080", "server address")
	user := flag.String("user", "", "account name")
	password := flag.String("password", os.Getenv("VERBATIM_PASSWORD"), "password (env VERBATIM_PASSWORD)")
	out := flag.String("out", "shots", "folder for the PNGs")
	chromium := flag.String("chromium", "/usr/bin/chromium", "browser")
	width := flag.Int("width", 1280, "page width in pixels")
	maxHeight := flag.Int("max-height", 4000, "tallest screenshot in pixels")
	flag.Parse()
	if err := shoot(*base, *user, *password, *out, *chromium, *width, *maxHeight, flag.Args()); err != nil {
		slog.Error("shoot", "err", err)
		os.Exit(1)
	}
}

func shoot(base, user, password, out, chromium string, width, maxHeight int, paths []string) error {
	dir, err := os.MkdirTemp("", "shoot-profile-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("force-device-scale-factor", "1"),
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(width, 900),
	)
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer acancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Do(ctx); err != nil { // start the browser on the long-lived context
		return fmt.Errorf("start %s: %w", chromium, err)
	}
	step := func(a chromedp.Action[chromedp.Void]) error {
		c, cc := context.WithTimeout(ctx, 2*time.Minute)
		defer cc()
		_, err := chromedp.Run(c, a)
		return err
	}
	if user != "" {
		if err := step(chromedp.Steps(
			chromedp.Navigate(base+"/signin"),
			chromedp.SendKeys(chromedp.CSS("form#signin input[name=name]"), user),
			chromedp.SendKeys(chromedp.CSS("form#signin input[name=password]"), password),
			chromedp.Click(chromedp.CSS("form#signin button[type=submit]")),
			chromedp.Sleep(time.Second),
		)); err != nil {
			return fmt.Errorf("sign in: %w", err)
		}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for i, p := range paths {
		if err := step(chromedp.Steps(chromedp.Navigate(base+p), chromedp.Sleep(500*time.Millisecond))); err != nil {
			return fmt.Errorf("open %s: %w", p, err)
		}
		c, cc := context.WithTimeout(ctx, time.Minute)
		h, err := chromedp.Run(c, chromedp.Evaluate[float64](`Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)`))
		if err != nil {
			cc()
			return fmt.Errorf("measure %s: %w", p, err)
		}
		h = min(max(h, 600), float64(maxHeight))
		png, err := chromedp.Run(c, func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
			r, err := cdp.Call(ctx, t, page.CaptureScreenshot, page.CaptureScreenshotParams{
				Format:                page.CaptureScreenshotFormatPng,
				CaptureBeyondViewport: ptr(true),
				Clip:                  &page.Viewport{Width: float64(width), Height: h, Scale: 1},
			})
			return r.Data, err
		})
		cc()
		if err != nil {
			return fmt.Errorf("screenshot %s: %w", p, err)
		}
		name := fmt.Sprintf("%02d-%s.png", i+1, strings.Trim(strings.NewReplacer("/", "-", "?", "-", "=", "-", "&", "-").Replace(p), "-"))
		if err := os.WriteFile(filepath.Join(out, name), png, 0o644); err != nil {
			return err
		}
		slog.Info("saved", "page", p, "file", name)
	}
	return nil
}

func ptr[T any](v T) *T { return &v }
