package keys_test

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/ent/key"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/keys"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
	"github.com/cpanet/cpanet/internal/viewer"
)

// TestServersStartingAtOnceShareOneKey: servers starting together on an empty database each
// try to create the first key of a purpose; one is kept and every one reads that one.
func TestServersStartingAtOnceShareOneKey(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		const servers = 6
		var wg sync.WaitGroup
		errs := make([]error, servers)
		kids := make([]string, servers)
		for i := range servers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if errs[i] = keys.Ensure(ctx, db.Client, keys.Session, nil); errs[i] != nil {
					return
				}
				r, err := keys.NewRing(ctx, db.Client, nil)
				if errs[i] = err; err == nil {
					kids[i], _ = r.Signing(ctx)
				}
			}()
		}
		wg.Wait()
		for i := range servers {
			require.NoError(t, errs[i])
			require.Equal(t, kids[0], kids[i])
		}
		n, err := db.Client.Key.Query().Where(key.PurposeEQ(keys.Session)).Count(viewer.SystemContext(ctx))
		require.NoError(t, err)
		require.Equal(t, 1, n)

		// Purposes have keys of their own.
		require.NoError(t, keys.Ensure(ctx, db.Client, keys.Transaction, nil))
		s, err := keys.Active(ctx, db.Client, keys.Session)
		require.NoError(t, err)
		tx, err := keys.Active(ctx, db.Client, keys.Transaction)
		require.NoError(t, err)
		require.NotEqual(t, s.Secret, tx.Secret)
		require.NotEqual(t, s.Kid, tx.Kid)

		// A first key given (an imported one) is kept only when the purpose has none.
		imported := []byte("an imported secret of 32 bytes!!")
		require.NoError(t, keys.Ensure(ctx, db.Client, keys.Session, func(context.Context) ([]byte, string, error) {
			return imported, keys.LegacyKID, nil
		}))
		again, err := keys.Active(ctx, db.Client, keys.Session)
		require.NoError(t, err)
		require.Equal(t, s.Kid, again.Kid)
	})
}

// TestRotateAndRetire: a rotation makes a new active key; the old one verifies until
// retired; another server's ring verifies the new key at once and signs with it after its
// refresh; the active key cannot be retired.
func TestRotateAndRetire(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		imported := []byte("an imported secret of 32 bytes!!")
		require.NoError(t, keys.Ensure(ctx, db.Client, keys.Session, func(context.Context) ([]byte, string, error) {
			return imported, keys.LegacyKID, nil
		}))
		a, err := keys.NewRing(ctx, db.Client, nil)
		require.NoError(t, err)
		kid, secret := a.Signing(ctx)
		require.Equal(t, keys.LegacyKID, kid)
		require.Equal(t, imported, secret)
		b, ok := a.Verifying(ctx, "")
		require.True(t, ok, "JWTs without a kid verify with the legacy key")
		require.Equal(t, imported, b)

		var err2 error
		_, err2 = keys.Rotate(ctx, db.Client, keys.Session)
		require.NoError(t, err2)
		rotated, err := keys.Active(ctx, db.Client, keys.Session)
		require.NoError(t, err)
		require.Equal(t, 2, rotated.Version)
		require.NotEqual(t, keys.LegacyKID, rotated.Kid)

		// Ring a read the keys before the rotation: the new kid verifies at once.
		got, ok := a.Verifying(ctx, rotated.Kid)
		require.True(t, ok)
		want, err := keys.Secret(rotated)
		require.NoError(t, err)
		require.Equal(t, want, got)
		kid, _ = a.Signing(ctx)
		require.Equal(t, rotated.Kid, kid, "the reload for the unknown kid also moved signing on")

		// A new server signs with the new key; the old one still verifies.
		c, err := keys.NewRing(ctx, db.Client, nil)
		require.NoError(t, err)
		kid, _ = c.Signing(ctx)
		require.Equal(t, rotated.Kid, kid)
		_, ok = c.Verifying(ctx, keys.LegacyKID)
		require.True(t, ok)
		require.Len(t, c.All(ctx), 2)

		err = keys.Retire(ctx, db.Client, rotated.Kid)
		require.ErrorIs(t, err, fault.Conflict, "the active key stays")
		require.ErrorIs(t, keys.Retire(ctx, db.Client, "nope"), fault.NotFound)
		require.NoError(t, keys.Retire(ctx, db.Client, keys.LegacyKID))
		d, err := keys.NewRing(ctx, db.Client, nil)
		require.NoError(t, err)
		_, ok = d.Verifying(ctx, keys.LegacyKID)
		require.False(t, ok, "a retired key no longer verifies")
		_, ok = d.Verifying(ctx, "")
		require.False(t, ok)
		require.Len(t, d.All(ctx), 1)

		// Rotations at once make one new key.
		var wg sync.WaitGroup
		for range 4 {
			wg.Add(1)
			go func() { defer wg.Done(); _, _ = keys.Rotate(ctx, db.Client, keys.Session) }()
		}
		wg.Wait()
		n, err := db.Client.Key.Query().Where(key.PurposeEQ(keys.Session)).Count(viewer.SystemContext(ctx))
		require.NoError(t, err)
		require.LessOrEqual(t, n, 2+4)
		top, err := keys.Active(ctx, db.Client, keys.Session)
		require.NoError(t, err)
		require.Equal(t, n, top.Version, "versions have no gaps and no repeats")
	})
}

// TestEnvSecretSigns: CPANET_JWT_SECRET signs (kid "env") and verifies JWTs without a kid;
// the database's keys still verify.
func TestEnvSecretSigns(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		require.NoError(t, keys.Ensure(ctx, db.Client, keys.Session, nil))
		env := []byte("the operator's secret, 32 bytes+")
		r, err := keys.NewRing(ctx, db.Client, env)
		require.NoError(t, err)
		kid, secret := r.Signing(ctx)
		require.Equal(t, keys.EnvKID, kid)
		require.Equal(t, env, secret)
		b, ok := r.Verifying(ctx, "")
		require.True(t, ok)
		require.Equal(t, env, b)
		active, err := keys.Active(ctx, db.Client, keys.Session)
		require.NoError(t, err)
		_, ok = r.Verifying(ctx, active.Kid)
		require.True(t, ok)
	})
}
