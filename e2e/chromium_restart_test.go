package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// A shared Chromium that dies (killed, crashed) is started again for the
// next test instead of failing every test after it.
func TestSharedChromiumIsRestartedAfterItDies(t *testing.T) {
	b := newBrowser(t)
	b.open("/signin")
	shared, err := sharedChromium()
	if err != nil {
		t.Fatal(err)
	}
	proc := chromedp.FromContext(shared).Browser.Process()
	if proc == nil {
		t.Fatal("no Chromium process to kill")
	}
	if err := proc.Kill(); err != nil {
		t.Fatal(err)
	}
	_, _ = proc.Wait()
	again := newBrowser(t)
	again.open("/signin")
	again.expect("form input[name=password]")
	if now, _ := sharedChromium(); now == shared {
		t.Error("the dead Chromium is still the shared one")
	}
}
