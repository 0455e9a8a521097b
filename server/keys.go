package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cpanet/cpanet/internal/conversion"
	"github.com/cpanet/cpanet/internal/keys"
	"github.com/cpanet/cpanet/internal/store"
)

// legacySecretFile is where versions before the keys table kept the generated JWT secret,
// under CPANET_DATA_DIR.
const legacySecretFile = "jwt-secret"

// sharedKeys makes sure the database has the keys every server shares (internal/keys) and
// returns the session keys and the transaction ID key.
//
// An existing installation keeps its keys: a data directory's jwt-secret file becomes the
// first session key (kid "legacy", which verifies JWTs signed before keys had IDs), and the
// secret the transaction ID hashes publishers read were made with — CPANET_JWT_SECRET, else
// that file — the first transaction key, so that no hash a publisher read changes. CPANET_JWT_SECRET, when
// set, signs the sessions (docs/operations.md "Several servers").
func sharedKeys(ctx context.Context, cfg config, db *store.DB) (*keys.Ring, []byte, error) {
	var env []byte
	if cfg.JWTSecret != "" {
		if len(cfg.JWTSecret) < 32 {
			return nil, nil, errors.New("CPANET_JWT_SECRET must be at least 32 bytes")
		}
		env = []byte(cfg.JWTSecret)
	}
	legacy, err := legacySecret(cfg.DataDir)
	if err != nil {
		return nil, nil, err
	}
	if err := keys.Ensure(ctx, db.Client, keys.Session, func(context.Context) ([]byte, string, error) {
		if legacy != nil {
			return legacy, keys.LegacyKID, nil
		}
		return nil, "", nil
	}); err != nil {
		return nil, nil, err
	}
	if err := keys.Ensure(ctx, db.Client, keys.Transaction, func(ctx context.Context) ([]byte, string, error) {
		// Earlier versions keyed the hashes publishers read (postbacks, the API) with the JWT
		// secret: CPANET_JWT_SECRET, else the file. The stored hashes are no guide: they are
		// made again after start, in the background, whenever they do not match (the demo stored them keyed with
		// nothing).
		old := env
		if old == nil {
			old = legacy
		}
		if old == nil {
			return nil, "", nil
		}
		if seen, err := conversion.HasTransactionIDs(ctx, db); err != nil || !seen {
			return nil, "", err
		}
		return old, "", nil
	}); err != nil {
		return nil, nil, err
	}
	ring, err := keys.NewRing(ctx, db.Client, env)
	if err != nil {
		return nil, nil, err
	}
	k, err := keys.Active(ctx, db.Client, keys.Transaction)
	if err != nil {
		return nil, nil, err
	}
	tx, err := keys.Secret(k)
	if err != nil {
		return nil, nil, err
	}
	return ring, tx, nil
}

// legacySecret is the JWT secret an earlier version generated into the data directory, or nil.
func legacySecret(dir string) ([]byte, error) {
	b, err := os.ReadFile(filepath.Join(dir, legacySecretFile))
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("read the data directory's JWT secret: %w", err)
	case len(b) < 32:
		return nil, nil // as before: too short to have been made by cpanet
	}
	return b, nil
}
