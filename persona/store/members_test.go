package store

import (
	"context"
	"errors"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/verbatimhq/verbatim/internal/sqldb"
	"github.com/verbatimhq/verbatim/persona"
)

// TestStudyMembers checks the membership methods on both drivers: owner,
// grants to a user and to a role, idempotent grants, removal, and which
// studies each user sees (admins are decided in app, not here).
func TestStudyMembers(t *testing.T) {
	forEachDriver(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a, err := s.CreateStudy(ctx, "A")
		if err != nil {
			t.Fatal(err)
		}
		b, err := s.CreateStudy(ctx, "B")
		if err != nil {
			t.Fatal(err)
		}
		c, err := s.CreateStudy(ctx, "C")
		if err != nil {
			t.Fatal(err)
		}
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(s.SetStudyOwner(ctx, a.ID, 7))
		must(s.AddStudyMember(ctx, persona.StudyMember{StudyID: b.ID, UserID: 8, UserName: "sam"}))
		must(s.AddStudyMember(ctx, persona.StudyMember{StudyID: b.ID, UserID: 8, UserName: "sam"})) // again: no error
		must(s.AddStudyMember(ctx, persona.StudyMember{StudyID: c.ID, Role: "sales"}))
		if err := s.AddStudyMember(ctx, persona.StudyMember{StudyID: c.ID, UserID: 8, Role: "sales"}); !errors.Is(err, persona.ErrInvalid) {
			t.Errorf("grant naming a user and a role: %v; want ErrInvalid", err)
		}
		if err := s.AddStudyMember(ctx, persona.StudyMember{StudyID: 424242, Role: "sales"}); !errors.Is(err, persona.ErrNotFound) {
			t.Errorf("grant on a missing study: %v; want ErrNotFound", err)
		}
		if err := s.SetStudyOwner(ctx, 424242, 7); !errors.Is(err, persona.ErrNotFound) {
			t.Errorf("owner of a missing study: %v; want ErrNotFound", err)
		}
		if st, _ := s.Study(ctx, a.ID); st.OwnerID != 7 {
			t.Errorf("owner of A = %d; want 7", st.OwnerID)
		}
		tests := []struct {
			name    string
			user    int64
			role    string
			visible []int64
		}{
			{"owner", 7, "researcher", []int64{a.ID}},
			{"user granted by name", 8, "marketer", []int64{b.ID}},
			{"user granted by name who is a sales rep", 8, "sales", []int64{b.ID, c.ID}},
			{"sales rep by role", 9, "sales", []int64{c.ID}},
			{"nobody's", 10, "marketer", nil},
			{"user 0 and no role see nothing", 0, "", nil},
		}
		for _, tc := range tests {
			got, err := s.VisibleStudyIDs(ctx, tc.user, tc.role)
			must(err)
			ids := slices.Sorted(maps.Keys(got))
			if !slices.Equal(ids, tc.visible) {
				t.Errorf("%s: visible %v; want %v", tc.name, ids, tc.visible)
			}
		}
		members, err := s.StudyMembers(ctx, b.ID)
		must(err)
		if len(members) != 1 || members[0].UserID != 8 || members[0].UserName != "sam" || members[0].CreatedAt.IsZero() {
			t.Errorf("members of B = %+v; want sam once", members)
		}
		must(s.RemoveStudyMember(ctx, b.ID, 8, ""))
		if err := s.RemoveStudyMember(ctx, b.ID, 8, ""); !errors.Is(err, persona.ErrNotFound) {
			t.Errorf("removing twice: %v; want ErrNotFound", err)
		}
		if got, _ := s.VisibleStudyIDs(ctx, 8, "marketer"); len(got) != 0 {
			t.Errorf("after removal user 8 sees %v; want nothing", got)
		}
		must(s.DeleteStudy(ctx, c.ID))
		if got, _ := s.VisibleStudyIDs(ctx, 9, "sales"); len(got) != 0 {
			t.Errorf("after deleting C, sales sees %v; want nothing (grants go with the study)", got)
		}
	})
}

// TestMigration11SharesExistingStudies: a database at version 10 with
// studies, upgraded, has each of them shared with every role and owned by
// nobody, so nothing disappears for current users.
func TestMigration11SharesExistingStudies(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, url string) {
		ctx := context.Background()
		old, err := sqldb.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		if err := old.Migrate(ctx, migrationTable, migrations[:11]); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"Old one", "Old two"} {
			if err := old.Gorm.Exec(`INSERT INTO studies (name, created_at) VALUES (?, ?)`, name, sqldb.Time(time.Now())).Error; err != nil {
				t.Fatal(err)
			}
		}
		old.Close()
		s, err := Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		studies, err := s.Studies(ctx)
		if err != nil || len(studies) != 2 {
			t.Fatalf("studies after upgrade = %v, %v", studies, err)
		}
		for _, role := range persona.SharedRoles {
			got, err := s.VisibleStudyIDs(ctx, 99, role)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 2 {
				t.Errorf("after upgrade a %s sees %v; want both studies", role, got)
			}
		}
		for _, st := range studies {
			if st.OwnerID != 0 {
				t.Errorf("study %q owner = %d after upgrade; want 0", st.Name, st.OwnerID)
			}
		}
	})
}
