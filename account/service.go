package account

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"runtime"
	"sync"
	"time"

	"gorm.io/gorm"

	"github.com/verbatimhq/verbatim/internal/sqldb"
)

// SessionTTL is how long a sign-in session lasts.
var SessionTTL = 7 * 24 * time.Hour

// Service manages accounts in their own tables (account_migrations) of the
// database persona/store opened, on SQLite or PostgreSQL.
// It is safe for concurrent use.
type Service struct {
	// Now is the clock; nil means time.Now. Tests set it before use.
	Now func() time.Time

	db *gorm.DB
	// hashing bounds concurrent argon2id runs (19 MiB each) so a burst of
	// sign-ins cannot exhaust memory.
	hashing chan struct{}

	pruneMu   sync.Mutex
	lastPrune time.Time

	tokCache tokenCache
}

// Open migrates account's tables in db (typically (*store.Store).DB())
// and returns a Service over them.
func Open(ctx context.Context, db *sqldb.DB) (*Service, error) {
	if err := migrate(ctx, db); err != nil {
		return nil, err
	}
	return newService(db.Gorm), nil
}

func newService(db *gorm.DB) *Service {
	return &Service{db: db, hashing: make(chan struct{}, runtime.GOMAXPROCS(0))}
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return sqldb.Time(s.Now())
	}
	return sqldb.Time(time.Now())
}

// randomBytes returns n bytes from crypto/rand (which never fails on
// supported platforms).
func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

// digest is how session ids and API tokens are stored: sha256, hex. The
// secrets are 256 random bits, so a fast hash is enough.
func digest(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

func isUnique(err error) bool { return sqldb.IsUnique(err) }

// withDB returns the handle bound to ctx.
func (s *Service) withDB(ctx context.Context) *gorm.DB { return s.db.WithContext(ctx) }
