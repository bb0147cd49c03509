package main

import (
	"strings"
	"testing"
)

// TestShareCommand: a study ingested from the command line is shared with
// every role; the share command takes a role back, adds a user, and says
// so; bad requests fail.
func TestShareCommand(t *testing.T) {
	data := interviewSamples(t) // the interviews ingested into Demo by the CLI
	t.Setenv("VERBATIM_PASSWORD", "correct horse battery")
	if code, _, errs := runCLI(t, "user", "add", "--data", data, "mo", "--role", "marketer"); code != 0 {
		t.Fatalf("user add exit %d: %s", code, errs)
	}
	steps := []struct {
		args     []string
		code     int
		has, not []string
	}{
		{[]string{"--study", "Demo"}, 0, []string{"owned by nobody", "shared with every sales", "shared with every marketer", "shared with every researcher"}, nil},
		{[]string{"--study", "Demo", "--role", "sales", "--remove"}, 0, []string{"shared with every marketer"}, []string{"every sales"}},
		{[]string{"--study", "Demo", "--user", "mo"}, 0, []string{"shared with mo"}, nil},
		{[]string{"--study", "Demo", "--role", "admin"}, 1, nil, nil},
		{[]string{"--study", "Demo", "--user", "nobody"}, 1, nil, nil},
		{[]string{"--study", "Demo", "--remove"}, 1, nil, nil},
		{[]string{"--study", "Nope"}, 1, nil, nil},
	}
	for _, s := range steps {
		code, out, errs := runCLI(t, append([]string{"share", "--data", data}, s.args...)...)
		if code != s.code {
			t.Errorf("share %v: exit %d (%s); want %d", s.args, code, errs, s.code)
		}
		for _, h := range s.has {
			if !strings.Contains(out, h) {
				t.Errorf("share %v: output %q lacks %q", s.args, out, h)
			}
		}
		for _, n := range s.not {
			if strings.Contains(out, n) {
				t.Errorf("share %v: output %q still has %q", s.args, out, n)
			}
		}
	}
}
