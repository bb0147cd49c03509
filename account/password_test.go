package account

import (
	"context"
	"regexp"
	"testing"
)

func TestPasswordHash(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newService(nil)
	h1, err := s.hashPassword(ctx, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	phc := regexp.MustCompile(`^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)
	if !phc.MatchString(h1) {
		t.Errorf("hash %q is not an argon2id PHC string with the OWASP parameters", h1)
	}
	h2, _ := s.hashPassword(ctx, "correct horse battery")
	if h1 == h2 {
		t.Error("two hashes of one password are equal; salt not random")
	}
	for _, tt := range []struct {
		pw   string
		want bool
	}{
		{"correct horse battery", true},
		{"correct horse batterY", false},
		{"", false},
	} {
		got, err := s.verifyPassword(ctx, h1, tt.pw)
		if err != nil || got != tt.want {
			t.Errorf("verifyPassword(%q) = %v, %v; want %v", tt.pw, got, err, tt.want)
		}
	}
	if ok, err := s.verifyPassword(ctx, dummyHash, "dummy password, never matches"); err != nil || !ok {
		t.Errorf("dummyHash does not verify: %v, %v", ok, err)
	}
}

func TestParsePHCRejects(t *testing.T) {
	t.Parallel()
	for _, h := range []string{
		"",
		"plaintext",
		"$argon2i$v=19$m=19456,t=2,p=1$jVVD8AfB+oM7dCwN90CmXA$mcFHxSKGzT9oIM9hjR/vEUQD1TZj5A9IR0GapYPN75o",
		"$argon2id$v=16$m=19456,t=2,p=1$jVVD8AfB+oM7dCwN90CmXA$mcFHxSKGzT9oIM9hjR/vEUQD1TZj5A9IR0GapYPN75o",
		"$argon2id$v=19$m=99999999,t=2,p=1$jVVD8AfB+oM7dCwN90CmXA$mcFHxSKGzT9oIM9hjR/vEUQD1TZj5A9IR0GapYPN75o",
		"$argon2id$v=19$m=19456,t=2,p=1$!!$mcFHxSKGzT9oIM9hjR/vEUQD1TZj5A9IR0GapYPN75o",
		"$argon2id$v=19$m=19456,t=2,p=1$jVVD8AfB+oM7dCwN90CmXA$c2hvcnQ",
	} {
		if _, err := parsePHC(h); err == nil {
			t.Errorf("parsePHC(%q) accepted a malformed hash", h)
		}
	}
}

func TestPasswordHashCancelled(t *testing.T) {
	t.Parallel()
	s := newService(nil)
	for range cap(s.hashing) {
		s.hashing <- struct{}{} // every slot busy
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.hashPassword(ctx, "correct horse battery"); err == nil {
		t.Error("hashPassword waited past a cancelled context")
	}
}
