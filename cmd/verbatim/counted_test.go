package main

import "testing"

// The analyze summary says "1 participant", never "1 participants".
func TestCounted(t *testing.T) {
	for _, c := range []struct {
		n     int
		thing string
		want  string
	}{
		{0, "theme", "0 themes"},
		{1, "participant", "1 participant"},
		{4, "participant", "4 participants"},
		{1, "quote", "1 quote"},
	} {
		if got := counted(c.n, c.thing); got != c.want {
			t.Errorf("counted(%d, %q) = %q; want %q", c.n, c.thing, got, c.want)
		}
	}
}
