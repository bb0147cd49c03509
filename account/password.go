package account

import (
	"context"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/verbatimhq/verbatim/persona"
)

// argon2id parameters: the OWASP minimum (19 MiB, 2 passes, 1 lane).
// Stored hashes carry their own parameters, so raising these later only
// affects new hashes.
const (
	argonMemory  = 19 * 1024 // KiB
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16

	// MinPassword is the fewest characters a password may have; forms ask
	// for the same.
	MinPassword = 10
	maxPassword = 1024 // bytes
)

var b64 = base64.RawStdEncoding

// checkPassword enforces the length rules.
func checkPassword(pw string) error {
	if utf8.RuneCountInString(pw) < MinPassword || len(pw) > maxPassword {
		return problem(persona.ErrInvalid, fmt.Sprintf("A password needs at least %d characters (and at most %d bytes).", MinPassword, maxPassword), "password")
	}
	return nil
}

// hashPassword returns the PHC string
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash> for pw with a fresh salt.
func (s *Service) hashPassword(ctx context.Context, pw string) (string, error) {
	salt := randomBytes(argonSaltLen)
	key, err := s.argon(ctx, pw, salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version,
		argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// verifyPassword reports whether pw matches the PHC string, comparing in
// constant time. A malformed hash is an error, never a match.
func (s *Service) verifyPassword(ctx context.Context, phc, pw string) (bool, error) {
	p, err := parsePHC(phc)
	if err != nil {
		return false, err
	}
	key, err := s.argon(ctx, pw, p.salt, p.time, p.memory, p.threads, uint32(len(p.key)))
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare(key, p.key) == 1, nil
}

// argon runs argon2id once the hashing semaphore admits it.
func (s *Service) argon(ctx context.Context, pw string, salt []byte, t, m uint32, p uint8, n uint32) ([]byte, error) {
	select {
	case s.hashing <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("account: hash password: %w", ctx.Err())
	}
	defer func() { <-s.hashing }()
	return argon2.IDKey([]byte(pw), salt, t, m, p, n), nil
}

type phcParams struct {
	memory, time uint32
	threads      uint8
	salt, key    []byte
}

// parsePHC reads an argon2id PHC string, refusing parameters far outside
// what this package writes so a corrupt row cannot cost gigabytes.
func parsePHC(phc string) (phcParams, error) {
	var p phcParams
	bad := errors.New("account: malformed password hash")
	parts := strings.Split(phc, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, bad
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return p, bad
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil {
		return p, bad
	}
	if p.memory < 8 || p.memory > 1<<20 || p.time < 1 || p.time > 10 || p.threads < 1 || p.threads > 16 {
		return p, bad
	}
	var err1, err2 error
	p.salt, err1 = b64.DecodeString(parts[4])
	p.key, err2 = b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(p.salt) < 8 || len(p.key) < 16 || len(p.key) > 64 {
		return p, bad
	}
	return p, nil
}

// dummyHash is verified when a sign-in names no user, so a wrong name
// costs the same time as a wrong password. It has the current parameters
// and matches no password anyone would type.
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$jVVD8AfB+oM7dCwN90CmXA$mcFHxSKGzT9oIM9hjR/vEUQD1TZj5A9IR0GapYPN75o"
