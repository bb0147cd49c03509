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
