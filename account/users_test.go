package account

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/verbatimhq/verbatim/persona"
)

func TestCreateAndAuthenticate(t *testing.T) {
	t.Parallel()
	forEachDriver(t, func(t *testing.T, s *Service, c *clock) {
		ctx := context.Background()
		u, err := s.CreateUser(ctx, "ana.lima@acme", RoleResearcher, "correct horse battery")
		if err != nil {
			t.Fatal(err)
		}
		want := User{ID: u.ID, Name: "ana.lima@acme", Role: RoleResearcher, CreatedAt: c.Stored()}
		if diff := cmp.Diff(want, u); diff != "" {
			t.Errorf("CreateUser (-want +got):\n%s", diff)
		}
		got, err := s.Authenticate(ctx, "ana.lima@acme", "correct horse battery")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Authenticate (-want +got):\n%s", diff)
		}

		_, errPw := s.Authenticate(ctx, "ana.lima@acme", "wrong horse battery")
		_, errName := s.Authenticate(ctx, "nobody", "correct horse battery")
		wantErr(t, "wrong password", errPw, persona.ErrForbidden)
		wantErr(t, "unknown name", errName, persona.ErrForbidden)
		if errPw == nil || errName == nil || errPw.Error() != errName.Error() {
			t.Errorf("wrong password says %v, unknown name says %v; want the same", errPw, errName)
		}

		var hash string
		s.db.Raw("SELECT password_hash FROM users WHERE id = ?", u.ID).Scan(&hash)
		if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
			t.Errorf("stored hash %q is not argon2id", hash)
		}
	})
}

func TestCreateUserInvalid(t *testing.T) {
	t.Parallel()
	forEachDriver(t, func(t *testing.T, s *Service, _ *clock) {
		ctx := context.Background()
		mustUser(t, s, "ana", RoleSales)
		tests := []struct {
			name, pw string
			role     Role
			err      error
		}{
			{"", "correct horse battery", RoleSales, persona.ErrInvalid},
			{strings.Repeat("a", 65), "correct horse battery", RoleSales, persona.ErrInvalid},
			{"ana lima", "correct horse battery", RoleSales, persona.ErrInvalid},
			{"ana/..", "correct horse battery", RoleSales, persona.ErrInvalid},
			{"bo", "short", RoleSales, persona.ErrInvalid},
			{"bo", "123456789", RoleSales, persona.ErrInvalid},
			{"bo", "correct horse battery", "root", persona.ErrInvalid},
			{"ana", "correct horse battery", RoleAdmin, persona.ErrConflict},
			{"ANA", "correct horse battery", RoleAdmin, persona.ErrConflict},
		}
		for _, tt := range tests {
			_, err := s.CreateUser(ctx, tt.name, tt.role, tt.pw)
			wantErr(t, "CreateUser("+tt.name+")", err, tt.err)
		}
		if _, err := s.CreateUser(ctx, strings.Repeat("a", 64), RoleSales, "ünïcødé pw"); err != nil {
			t.Errorf("64-char name, 10-rune password: %v", err)
		}
	})
}

func TestUserLookupsAndChanges(t *testing.T) {
	t.Parallel()
	forEachDriver(t, func(t *testing.T, s *Service, _ *clock) {
		ctx := context.Background()
		admin := mustUser(t, s, "root", RoleAdmin)
		ana := mustUser(t, s, "ana", RoleSales)

		users, err := s.Users(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]User{admin, ana}, users); diff != "" {
			t.Errorf("Users (-want +got):\n%s", diff)
		}
		if got, err := s.UserByName(ctx, "ana"); err != nil || got != ana {
			t.Errorf("UserByName(ana) = %v, %v; want %v", got, err, ana)
		}
		_, err = s.User(ctx, 999)
		wantErr(t, "User(999)", err, persona.ErrNotFound)

		ana.Role = RoleMarketer
		if got, err := s.SetRole(ctx, ana.ID, RoleMarketer); err != nil || got != ana {
			t.Errorf("SetRole = %v, %v; want %v", got, err, ana)
		}
		_, err = s.SetRole(ctx, admin.ID, RoleSales)
		wantErr(t, "demote last admin", err, persona.ErrConflict)
		wantErr(t, "delete last admin", s.DeleteUser(ctx, admin.ID), persona.ErrConflict)
		_, err = s.SetRole(ctx, 999, RoleSales)
		wantErr(t, "SetRole(999)", err, persona.ErrNotFound)

		if err := s.SetPassword(ctx, ana.ID, "new password here"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Authenticate(ctx, "ana", "new password here"); err != nil {
			t.Errorf("sign in with new password: %v", err)
		}
		wantErr(t, "SetPassword short", s.SetPassword(ctx, ana.ID, "short"), persona.ErrInvalid)
		wantErr(t, "SetPassword(999)", s.SetPassword(ctx, 999, "new password here"), persona.ErrNotFound)

		if err := s.DeleteUser(ctx, ana.ID); err != nil {
			t.Fatal(err)
		}
		wantErr(t, "DeleteUser twice", s.DeleteUser(ctx, ana.ID), persona.ErrNotFound)
	})
}

func TestEnsureAdmin(t *testing.T) {
	t.Parallel()
	forEachDriver(t, func(t *testing.T, s *Service, _ *clock) {
		ctx := context.Background()
		name, pw, created, err := s.EnsureAdmin(ctx)
		if err != nil || !created || name != "admin" || len(pw) < 20 {
			t.Fatalf("EnsureAdmin = %q, %q, %v, %v; want admin, a 20+ char password, true", name, pw, created, err)
		}
		u, err := s.Authenticate(ctx, name, pw)
		if err != nil || u.Role != RoleAdmin {
			t.Errorf("sign in as first admin = %v, %v", u, err)
		}
		name, pw, created, err = s.EnsureAdmin(ctx)
		if err != nil || created || name != "" || pw != "" {
			t.Errorf("second EnsureAdmin = %q, %q, %v, %v; want nothing", name, pw, created, err)
		}
	})
}
