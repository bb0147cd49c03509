package app

import (
	"context"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/persona/store"
)

// Accounts is the user, session and audit service on the app's database
// (account's tables, migrated when the app opened).
func (a *App) Accounts() *account.Service { return a.accounts }

// OpenAccounts opens only the database cfg names (Config.DatabaseURL), for
// the account service (the user commands), without the search index.
// Call closeDB when done.
func OpenAccounts(ctx context.Context, cfg Config) (svc *account.Service, closeDB func() error, err error) {
	st, err := store.Open(ctx, cfg.DatabaseURL())
	if err != nil {
		return nil, nil, err
	}
	svc, err = account.Open(ctx, st.DB())
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return svc, st.Close, nil
}

// DeleteUser deletes an account (with its sessions and tokens) and every
// study grant to it: its named memberships go, and studies it owned are
// owned by nobody (admins and the remaining members still see them), so
// an account created later, even under the same name, inherits nothing.
func (a *App) DeleteUser(ctx context.Context, id int64) error {
	if err := a.accounts.DeleteUser(ctx, id); err != nil {
		return err
	}
	studies, err := a.store.ForgetUser(ctx, id)
	for _, st := range studies {
		a.changed(st, ChangeStudy)
	}
	return err
}
