package e2e

import (
	"strings"
	"testing"
	"time"
)

// The browser helper notices what it must fail the other tests for: a
// console error, an uncaught exception, a failed request, a dialog (which it
// also closes so the page goes on), and an injected element.
func TestHarnessCatchesPageErrors(t *testing.T) {
	b := newBrowser(t)
	b.open("/signin")
	eval[int](b, `(() => {
		console.error("e2e probe");
		setTimeout(() => { throw new Error("e2e probe") }, 0);
		const img = new Image(); img.src = "/e2e-probe-missing.png"; document.body.append(img);
		setTimeout(() => alert("e2e probe"), 0);
		return 1 })()`)
	want := []string{"console.error: e2e probe", "uncaught exception", "browser log (network)", "JavaScript alert dialog opened"}
	var got []string
	for deadline := time.Now().Add(stepTimeout); ; time.Sleep(100 * time.Millisecond) {
		got = append(got, b.rec.take()...)
		if len(missing(got, want)) == 0 || time.Now().After(deadline) {
			break
		}
	}
	if m := missing(got, want); len(m) > 0 {
		t.Errorf("the recorder missed %q; it has %q", m, got)
	}
	eval[int](b, `document.body.insertAdjacentHTML("beforeend", '<img src="x" alt="">'); 1`) // hangs if the alert is still open
	if p := b.inertProblems(false); len(p) == 0 {
		t.Error("inertProblems found no injected img[src=x]")
	}
	// Forget the 404 of src=x once it came, so this test ends clean.
	for deadline := time.Now().Add(stepTimeout); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if len(missing(b.rec.take(), []string{"browser log (network)"})) == 0 {
			break
		}
	}
}

// missing lists the wants that no line of got contains.
func missing(got, want []string) []string {
	var out []string
	for _, w := range want {
		found := false
		for _, g := range got {
			found = found || strings.Contains(g, w)
		}
		if !found {
			out = append(out, w)
		}
	}
	return out
}
