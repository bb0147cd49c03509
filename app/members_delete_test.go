package app

import (
	"context"
	"testing"

	"github.com/verbatimhq/verbatim/account"
)

// Deleting a user removes their study grants and ownership: the store
// keeps no row naming them, and a new account, even of the same name,
// sees nothing of what was shared with the old one.
func TestDeletedUserLosesTheirGrants(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if _, _, _, err := a.Accounts().EnsureAdmin(ctx); err != nil {
		t.Fatal(err)
	}
	mo, err := a.Accounts().CreateUser(ctx, "mo", account.RoleSales, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	shared, err := a.CreateStudy(ctx, "shared with mo")
	if err != nil {
		t.Fatal(err)
	}
	owned, err := a.CreateStudy(ctx, "owned by mo")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{shared.ID, owned.ID} { // studies made by the system are shared with every role
		for _, role := range []string{"researcher", "marketer", "sales"} {
			_, _ = a.UnshareStudy(ctx, id, Share{Role: role})
		}
		if err := a.CanSeeStudy(WithViewer(ctx, Viewer{UserID: 999, Role: account.RoleSales}), id); err == nil {
			t.Fatalf("study %d is still shared with every sales rep", id)
		}
	}
	if _, err := a.ShareStudy(ctx, shared.ID, Share{User: "mo"}); err != nil {
		t.Fatal(err)
	}
	if err := a.store.SetStudyOwner(ctx, owned.ID, mo.ID); err != nil {
		t.Fatal(err)
	}
	asMo := WithViewer(ctx, Viewer{UserID: mo.ID, Name: "mo", Role: account.RoleSales})
	for _, id := range []int64{shared.ID, owned.ID} {
		if err := a.CanSeeStudy(asMo, id); err != nil {
			t.Fatalf("mo does not see study %d before: %v", id, err)
		}
	}
	if err := a.DeleteUser(ctx, mo.ID); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{shared.ID, owned.ID} {
		if err := a.CanSeeStudy(asMo, id); err == nil {
			t.Errorf("the deleted user's id still sees study %d", id)
		}
		acc, err := a.StudyAccess(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range acc.Members {
			if m.UserID == mo.ID {
				t.Errorf("study %d still lists the deleted user: %+v", id, m)
			}
		}
		if acc.OwnerID == mo.ID {
			t.Errorf("study %d is still owned by the deleted user", id)
		}
	}
	again, err := a.Accounts().CreateUser(ctx, "mo", account.RoleSales, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	asNew := WithViewer(ctx, Viewer{UserID: again.ID, Name: "mo", Role: account.RoleSales})
	for _, id := range []int64{shared.ID, owned.ID} {
		if err := a.CanSeeStudy(asNew, id); err == nil {
			t.Errorf("a new account named mo sees study %d", id)
		}
	}
}
