package account

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/verbatimhq/verbatim/persona"
)

func TestTokens(t *testing.T) {
	t.Parallel()
	forEachDriver(t, func(t *testing.T, s *Service, c *clock) {
		ctx := context.Background()
		ana := mustUser(t, s, "ana", RoleSales)
		bo := mustUser(t, s, "bo", RoleAdmin)
		created := c.Stored()

		id, tok, err := s.CreateToken(ctx, ana.ID, " crm sync ")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(tok, "vbt_") || len(tok) != 4+43 {
			t.Errorf("token %q: want vbt_ and 43 base64url characters", tok)
		}
		var leaked int64
		s.db.Raw("SELECT COUNT(*) FROM api_tokens WHERE hash = ? OR hash = ?", tok, strings.TrimPrefix(tok, "vbt_")).Scan(&leaked)
		if leaked != 0 {
			t.Error("token stored in clear")
		}
		bid, _, _ := s.CreateToken(ctx, bo.ID, "")

		c.Add(10 * time.Second)
		used := c.Stored()
		if u, err := s.TokenUser(ctx, tok); err != nil || u != ana {
			t.Errorf("TokenUser = %v, %v; want %v", u, err, ana)
		}
		c.Add(30 * time.Second) // within a minute: last_used_at stays
		s.TokenUser(ctx, tok)

		want := []Token{
			{ID: id, UserID: ana.ID, UserName: "ana", Name: "crm sync", CreatedAt: created, LastUsedAt: &used},
			{ID: bid, UserID: bo.ID, UserName: "bo", CreatedAt: created},
		}
		all, err := s.Tokens(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, all); diff != "" {
			t.Errorf("Tokens(0) (-want +got):\n%s", diff)
		}
		mine, _ := s.Tokens(ctx, ana.ID)
		if diff := cmp.Diff(want[:1], mine); diff != "" {
			t.Errorf("Tokens(ana) (-want +got):\n%s", diff)
		}

		c.Add(time.Minute) // a minute later it is written again
		s.TokenUser(ctx, tok)
		got, _ := s.Token(ctx, id)
		if got.LastUsedAt == nil || !got.LastUsedAt.Equal(c.Stored()) {
			t.Errorf("last_used_at = %v; want %v", got.LastUsedAt, c.Now())
		}

		if err := s.RevokeToken(ctx, id); err != nil {
			t.Fatal(err)
		}
		if err := s.RevokeToken(ctx, id); err != nil {
			t.Errorf("revoking twice: %v", err)
		}
		wantErr(t, "RevokeToken(999)", s.RevokeToken(ctx, 999), persona.ErrNotFound)
		got, _ = s.Token(ctx, id)
		if got.RevokedAt == nil || !got.RevokedAt.Equal(c.Stored()) {
			t.Errorf("revoked_at = %v; want %v", got.RevokedAt, c.Now())
		}
		for _, bad := range []string{tok, "", "vbt_nope", strings.TrimPrefix(tok, "vbt_")} {
			_, err := s.TokenUser(ctx, bad)
			wantErr(t, "TokenUser("+bad+")", err, persona.ErrForbidden)
		}

		_, _, err = s.CreateToken(ctx, 999, "x")
		wantErr(t, "token for no user", err, persona.ErrNotFound)
		_, _, err = s.CreateToken(ctx, ana.ID, strings.Repeat("x", 101))
		wantErr(t, "long token name", err, persona.ErrInvalid)
	})
}

func TestTokenCache(t *testing.T) {
	t.Parallel()
	forEachDriver(t, func(t *testing.T, s *Service, c *clock) {
		ctx := context.Background()
		ana := mustUser(t, s, "ana", RoleSales)
		mustUser(t, s, "bo", RoleAdmin)
		id, tok, err := s.CreateToken(ctx, ana.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			if u, err := s.TokenUser(ctx, tok); err != nil || u != ana {
				t.Fatalf("TokenUser = %v, %v; want %v", u, err, ana)
			}
		}
		if hits, misses := s.TokenCacheStats(); hits != 2 || misses != 1 {
			t.Errorf("cache hits, misses = %d, %d; want 2, 1", hits, misses)
		}

		// Changes through the Service apply at once.
		if _, err := s.SetRole(ctx, ana.ID, RoleMarketer); err != nil {
			t.Fatal(err)
		}
		if u, err := s.TokenUser(ctx, tok); err != nil || u.Role != RoleMarketer {
			t.Errorf("after SetRole: TokenUser = %v, %v; want the marketer role", u, err)
		}
		if err := s.RevokeToken(ctx, id); err != nil {
			t.Fatal(err)
		}
		_, err = s.TokenUser(ctx, tok)
		wantErr(t, "revoked token, same second", err, persona.ErrForbidden)

		_, tok2, _ := s.CreateToken(ctx, ana.ID, "")
		s.TokenUser(ctx, tok2)
		if err := s.DeleteUser(ctx, ana.ID); err != nil {
			t.Fatal(err)
		}
		_, err = s.TokenUser(ctx, tok2)
		wantErr(t, "token of a deleted user, same second", err, persona.ErrForbidden)

		// A revoke by another process (the CLI) applies within TokenCacheTTL.
		cy := mustUser(t, s, "cy", RoleSales)
		id3, tok3, _ := s.CreateToken(ctx, cy.ID, "")
		s.TokenUser(ctx, tok3)
		if err := s.db.Exec("UPDATE api_tokens SET revoked_at = ? WHERE id = ?", c.Now(), id3).Error; err != nil {
			t.Fatal(err)
		}
		if _, err := s.TokenUser(ctx, tok3); err != nil {
			t.Errorf("revoked elsewhere, within the TTL: %v; want the cached answer", err)
		}
		c.Add(TokenCacheTTL)
		_, err = s.TokenUser(ctx, tok3)
		wantErr(t, "revoked elsewhere, after the TTL", err, persona.ErrForbidden)
	})
}
