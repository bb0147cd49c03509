package frontend

import (
	"bytes"
	"strings"
	"testing"
)

// TestRenderNothingSetsApart: a persona holding every buyer of its study
// says why nothing sets it apart (there is no one to compare with); one
// among others with no trait says nothing stands out against them.
func TestRenderNothingSetsApart(t *testing.T) {
	p, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		size, of  int
		want, not string
	}{
		{36, 36, "All 36 buyers are one persona", "against the other personas"},
		{18, 36, "Nothing stands out against the other personas.", "are one persona"},
	} {
		var b bytes.Buffer
		if err := p.Render(&b, "persona", PersonaPage{Base: sampleBase(), ID: 1, Name: "P", Size: tt.size, Of: tt.of}); err != nil {
			t.Fatal(err)
		}
		if out := b.String(); !strings.Contains(out, tt.want) || strings.Contains(out, tt.not) {
			t.Errorf("%d of %d: want %q and no %q in the page", tt.size, tt.of, tt.want, tt.not)
		}
	}
}
