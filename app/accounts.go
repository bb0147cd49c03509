package app

import (
	"context"
	"path/filepath"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/persona/store"
)

// Accounts is the user, session and audit service on the app's database.
func (a *App) Accounts() *account.Service {
	return account.New(a.store.DB())
}

// OpenAccounts opens only the database of a data directory, for the
// account service (the user commands), without the search index. Call
// closeDB when done.
func OpenAccounts(ctx context.Context, dataDir string) (svc *account.Service, closeDB func() error, err error) {
	st, err := store.Open(ctx, filepath.Join(dataDir, dbFile))
	if err != nil {
		return nil, nil, err
	}
	return account.New(st.DB()), st.Close, nil
}
