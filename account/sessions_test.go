package account

import (
	"context"
	"encoding/base64"
	"testing"
	"time"

	"github.com/verbatimhq/verbatim/persona"
)

func TestSessions(t *testing.T) {
	t.Parallel()
	forEachDriver(t, func(t *testing.T, s *Service, c *clock) {
		ctx := context.Background()
		ana := mustUser(t, s, "ana", RoleResearcher)

		tok, err := s.CreateSession(ctx, ana.ID)
		if err != nil {
			t.Fatal(err)
		}
		if b, err := base64.RawURLEncoding.DecodeString(tok); err != nil || len(b) != 32 {
			t.Errorf("session token %q is not 32 bytes of base64url", tok)
		}
		var stored int64
		s.db.Raw("SELECT COUNT(*) FROM sessions WHERE id = ?", digest(tok)).Scan(&stored)
		if stored != 1 {
			t.Errorf("session stored under sha256 hex: %d rows; want 1", stored)
		}
		if u, err := s.SessionUser(ctx, tok); err != nil || u != ana {
			t.Errorf("SessionUser = %v, %v; want %v", u, err, ana)
		}
		for _, bad := range []string{"", "nope", tok + "x"} {
			_, err := s.SessionUser(ctx, bad)
			wantErr(t, "SessionUser("+bad+")", err, persona.ErrForbidden)
		}

		c.Add(SessionTTL - time.Second)
		if _, err := s.SessionUser(ctx, tok); err != nil {
			t.Errorf("session a second before expiry: %v", err)
		}
		c.Add(time.Second)
		_, err = s.SessionUser(ctx, tok)
		wantErr(t, "expired session", err, persona.ErrForbidden)

		tok2, _ := s.CreateSession(ctx, ana.ID)
		if err := s.DeleteSession(ctx, tok2); err != nil {
			t.Fatal(err)
		}
		_, err = s.SessionUser(ctx, tok2)
		wantErr(t, "signed-out session", err, persona.ErrForbidden)
		_, err = s.CreateSession(ctx, 999)
		wantErr(t, "session for no user", err, persona.ErrNotFound)
	})
}

func TestSessionsPrunedAndEndedByPassword(t *testing.T) {
	t.Parallel()
	forEachDriver(t, func(t *testing.T, s *Service, c *clock) {
		ctx := context.Background()
		ana := mustUser(t, s, "ana", RoleSales)
		for range 3 {
			s.CreateSession(ctx, ana.ID)
		}
		c.Add(SessionTTL + pruneEvery)
		live, _ := s.CreateSession(ctx, ana.ID) // prunes the three
		var n int64
		s.db.Raw("SELECT COUNT(*) FROM sessions").Scan(&n)
		if n != 1 {
			t.Errorf("%d sessions after pruning; want 1", n)
		}
		if err := s.SetPassword(ctx, ana.ID, "another good password"); err != nil {
			t.Fatal(err)
		}
		_, err := s.SessionUser(ctx, live)
		wantErr(t, "session after password change", err, persona.ErrForbidden)
	})
}
