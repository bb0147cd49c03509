package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// stepTimeout bounds one browser step: a navigation, a wait for an element
// or for the analysis. It is generous on purpose; no test measures speed.
const stepTimeout = 60 * time.Second

// screenshotWidth and screenshotMaxHeight keep the committed PNGs small.
const (
	screenshotWidth     = 1280
	screenshotMaxHeight = 1800
)

// browser is one tab of the package's shared headless chromium, in a
// browser context of its own (cookies, storage, cache apart), recording every console
// error, uncaught exception, error log entry and JavaScript dialog; the test
// fails at the end if there was any.
type browser struct {
	t     *testing.T
	ctx   context.Context
	rec   *recorder
	marks int // the number markPage last set
}

// recorder collects what the pages logged; chromedp's read loop writes it.
type recorder struct {
	mu       sync.Mutex
	page     string // URL of the main frame
	problems []string
	dialogs  chan string
}

// in returns the same browser failing t instead, for subtests.
func (b *browser) in(t *testing.T) *browser {
	return &browser{t: t, ctx: b.ctx, rec: b.rec, marks: b.marks}
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	needServer(t)
	shared, err := sharedChromium()
	if err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	b := &browser{t: t, rec: &recorder{dialogs: make(chan string, 16)}}
	// A browser context of its own: no cookie, storage or cache of another
	// test's, as a fresh profile had; closed (with its tab) at cleanup.
	ctx, cancel := chromedp.NewContext(shared, chromedp.WithNewBrowserContext(), chromedp.WithListener(b.rec.listen))
	if err := chromedp.Do(ctx); err != nil { // opens the tab, no timeout
		// The shared Chromium may have died with an earlier test: start
		// a new one once rather than fail every test after it.
		cancel()
		t.Logf("open a tab in chromium: %v; starting a new chromium", err)
		if shared, err = restartChromium(shared); err != nil {
			t.Fatalf("restart chromium: %v", err)
		}
		ctx, cancel = chromedp.NewContext(shared, chromedp.WithNewBrowserContext(), chromedp.WithListener(b.rec.listen))
		if err := chromedp.Do(ctx); err != nil {
			cancel()
			t.Fatalf("open a tab in chromium: %v", err)
		}
	}
	b.ctx = ctx
	t.Cleanup(cancel)
	go b.dismissDialogs()
	t.Cleanup(b.report) // runs before the tab closes
	return b
}

// chromium is the one headless Chromium the package's tests share: each
// browser is a tab in a browser context of its own (cookies, storage and
// cache apart, like the incognito window), which costs a tab instead of a
// browser start (a Chromium with its GPU, network and zygote processes
// for each of ~30 browsers before). A Chromium that died is started again
// (restartChromium).
var chromium struct {
	mu     sync.Mutex
	ctx    context.Context
	err    error
	cancel func()
}

// sharedChromium starts the shared Chromium on first use.
func sharedChromium() (context.Context, error) {
	chromium.mu.Lock()
	defer chromium.mu.Unlock()
	if chromium.ctx == nil && chromium.err == nil {
		startChromium()
	}
	return chromium.ctx, chromium.err
}

// restartChromium stops the shared Chromium if it is still dead (the one
// a test failed to open a tab in) and starts another; a test that
// got there first has already replaced it.
func restartChromium(dead context.Context) (context.Context, error) {
	chromium.mu.Lock()
	defer chromium.mu.Unlock()
	if chromium.ctx == dead {
		if chromium.cancel != nil {
			chromium.cancel()
		}
		startChromium()
	}
	return chromium.ctx, chromium.err
}

// startChromium starts a Chromium with a fresh profile; chromium.mu held.
func startChromium() {
	dir, err := os.MkdirTemp("", "verbatim-e2e-chromium-")
	if err != nil {
		chromium.ctx, chromium.err, chromium.cancel = nil, err, nil
		return
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(env.chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("force-device-scale-factor", "1"),
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(screenshotWidth, 900),
	)
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	chromium.ctx = ctx
	chromium.cancel = func() { cancel(); acancel(); os.RemoveAll(dir) }
	chromium.err = chromedp.Do(ctx) // starts the browser, no timeout
}

// stopChromium stops the shared Chromium, if a test started it.
func stopChromium() {
	chromium.mu.Lock()
	defer chromium.mu.Unlock()
	if chromium.cancel != nil {
		chromium.cancel()
	}
}

// listen runs in chromedp's read loop: record, never block.
func (r *recorder) listen(ev any) {
	switch ev := ev.(type) {
	case *page.EventFrameNavigated:
		if ev.Frame != nil && ev.Frame.ParentID == "" {
			r.mu.Lock()
			r.page = ev.Frame.URL
			r.mu.Unlock()
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			r.problem("console.%s: %s", ev.Type, consoleArgs(ev.Args))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + strings.SplitN(d.Exception.Description, "\n", 2)[0]
		}
		r.problem("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, text)
	case *log.EventEntryAdded:
		if e := ev.Entry; e.Level == log.EntryLevelError {
			r.problem("browser log (%s) %s: %s", e.Source, e.URL, e.Text)
		}
	case *page.EventJavascriptDialogOpening:
		r.problem("JavaScript %s dialog opened: %q", ev.Type, ev.Message)
		select {
		case r.dialogs <- ev.Message:
		default:
		}
	}
}

func consoleArgs(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		switch {
		case len(a.Value) > 0:
			var s string
			if json.Unmarshal(a.Value, &s) == nil {
				parts = append(parts, s)
			} else {
				parts = append(parts, string(a.Value))
			}
		case a.Description != "":
			parts = append(parts, a.Description)
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

func (r *recorder) problem(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.problems = append(r.problems, fmt.Sprintf(format, args...)+" (page "+r.page+")")
}

// take returns the problems recorded so far and forgets them.
func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	p := r.problems
	r.problems = nil
	return p
}

// dismissDialogs closes each dialog (an XSS alert) so the page goes on.
func (b *browser) dismissDialogs() {
	for {
		select {
		case <-b.ctx.Done():
			return
		case <-b.rec.dialogs:
			ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
			cancel()
		}
	}
}

// report fails the test for every error a page logged and every dialog
// since the last report.
func (b *browser) report() {
	for _, p := range b.rec.take() {
		b.t.Errorf("page error: %s", p)
	}
}

// do runs steps with the step timeout, failing the test with what and the
// current URL.
func (b *browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if _, err := run(b, chromedp.Steps(steps...)); err != nil {
		b.t.Fatalf("%s on %s: %v", what, b.location(), err)
	}
}

// run runs one action with the step timeout.
func run[T any](b *browser, a chromedp.Action[T]) (T, error) {
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	return chromedp.Run(ctx, a)
}

// eval evaluates a JavaScript expression (awaiting a promise) and fails the
// test if it throws.
func eval[T any](b *browser, expr string) T {
	b.t.Helper()
	v, err := run(b, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("evaluate %s on %s: %v", expr, b.location(), err)
	}
	return v
}

func (b *browser) location() string {
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "(unknown page)"
	}
	return loc
}

// open navigates to path and checks the page answered 200.
func (b *browser) open(path string) {
	b.t.Helper()
	resp, err := run(b, chromedp.NavigateResponse(env.base+path))
	if err != nil {
		b.t.Fatalf("open %s: %v", path, err)
	}
	if resp != nil && resp.Status != 200 {
		b.t.Fatalf("open %s: HTTP %d %s", path, resp.Status, resp.StatusText)
	}
}

// expect fails unless the loaded page has an element matching sel.
func (b *browser) expect(sel string) {
	b.t.Helper()
	if b.count(sel) == 0 {
		b.t.Fatalf("missing %s on %s", sel, b.location())
	}
}

// count is how many elements match sel now.
func (b *browser) count(sel string) int {
	b.t.Helper()
	return eval[int](b, fmt.Sprintf(`document.querySelectorAll(%s).length`, jsString(sel)))
}

// waitVisible waits (up to the step timeout) until sel is visible.
func (b *browser) waitVisible(sel string) {
	b.t.Helper()
	b.do("wait for "+sel+" to be visible", chromedp.WaitVisible(chromedp.CSS(sel)))
}

// waitFor waits until the JavaScript expression is truthy.
func (b *browser) waitFor(what, expr string) {
	b.t.Helper()
	if _, err := poll[bool](b, expr, stepTimeout); err != nil {
		b.t.Fatalf("wait for %s on %s: %v", what, b.location(), err)
	}
}

// poll evaluates expr every 100ms until it is truthy, and decodes that value
// into T (bool reads any truthy value as true). A navigation while polling is
// not an error: the next evaluation runs in the new page.
func poll[T any](b *browser, expr string, timeout time.Duration) (T, error) {
	var v T
	deadline := time.Now().Add(timeout)
	for {
		raw, err := run(b, chromedp.Evaluate[[]byte](expr))
		if err == nil && truthy(raw) {
			if _, ok := any(v).(bool); ok {
				return any(true).(T), nil
			}
			return v, json.Unmarshal(raw, &v)
		}
		if time.Now().After(deadline) {
			if err == nil {
				err = fmt.Errorf("still %s after %v", raw, timeout)
			}
			return v, err
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func truthy(raw []byte) bool {
	switch strings.TrimSpace(string(raw)) {
	case "", "false", "null", "0", `""`:
		return false
	}
	return true
}

// markPage tags the current document so waitNewPage can tell a navigation,
// also back to a page the browser kept in its back/forward cache.
func (b *browser) markPage() {
	b.t.Helper()
	b.marks++
	eval[chromedp.Void](b, fmt.Sprintf(`window.__e2eMark = %d`, b.marks))
}

// waitNewPage waits for a document other than the marked one at path, fully
// loaded.
func (b *browser) waitNewPage(path string) {
	b.t.Helper()
	b.waitFor("a new page at "+path, fmt.Sprintf(`window.__e2eMark !== %d && location.pathname === %s && document.readyState === "complete"`,
		b.marks, jsString(path)))
}

// attr reads an attribute of the first element matching sel.
func (b *browser) attr(sel, name string) string {
	b.t.Helper()
	v := eval[*string](b, fmt.Sprintf(`(() => { const e = document.querySelector(%s); return e ? e.getAttribute(%s) : null })()`,
		jsString(sel), jsString(name)))
	if v == nil {
		b.t.Fatalf("no %s with a %s attribute on %s", sel, name, b.location())
	}
	return *v
}

// signIn signs in through the form and waits for the dashboard.
func (b *browser) signIn(u user) {
	b.t.Helper()
	b.open("/signin")
	for _, sel := range []string{"form#signin", "form#signin input[name=name]", "form#signin input[name=password]", "form#signin button[type=submit]"} {
		b.expect(sel)
	}
	b.markPage()
	b.do("fill in the sign-in form",
		chromedp.SendKeys(chromedp.CSS("form#signin input[name=name]"), u.name),
		chromedp.SendKeys(chromedp.CSS("form#signin input[name=password]"), u.password),
		chromedp.Click(chromedp.CSS("form#signin button[type=submit]")),
	)
	b.waitNewPage("/")
}

// shot saves a PNG of the page, 1280px wide and at most 1800px tall, to
// e2e/screenshots/NAME.png when VERBATIM_SCREENSHOTS=1.
func (b *browser) shot(name string) {
	b.t.Helper()
	if os.Getenv("VERBATIM_SCREENSHOTS") != "1" {
		return
	}
	h := eval[float64](b, `Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)`)
	h = min(max(h, 600), screenshotMaxHeight)
	png, err := run(b, func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		r, err := cdp.Call(ctx, t, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format:                page.CaptureScreenshotFormatPng,
			CaptureBeyondViewport: ptr(true),
			Clip:                  &page.Viewport{Width: screenshotWidth, Height: h, Scale: 1},
		})
		return r.Data, err
	})
	if err != nil {
		b.t.Errorf("screenshot %s: %v", name, err)
		return
	}
	dir := "screenshots"
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

func ptr[T any](v T) *T { return &v }

// cssString quotes s as a CSS string, for attribute selectors.
func cssString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\a `).Replace(s) + `"`
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
