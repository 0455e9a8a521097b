package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"

	entconversion "github.com/cpanet/cpanet/ent/conversion"
	"github.com/cpanet/cpanet/internal/conversion"
	"github.com/cpanet/cpanet/internal/keys"
	"github.com/cpanet/cpanet/internal/lifecycle"
	"github.com/cpanet/cpanet/internal/notify"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/store/storetest"
)

// TestServersShareKeys: two servers on one database without CPANET_JWT_SECRET (each with a
// data directory of its own) accept each other's sessions and hash transaction IDs alike.
func TestServersShareKeys(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, db *store.DB) {
		a := newTestServer(t, db)
		b := newTestServer(t, db)
		tok := a.login("root@test.cpanet", "root-password")
		b.ok(tok, `{me{id}}`, nil)
		a.ok(b.login("root@test.cpanet", "root-password"), `{me{id}}`, nil)
		require.Equal(t, a.app.txSecret, b.app.txSecret)
		kid, _ := a.app.keys.Signing(systemCtx())
		parsed, _, err := jwt.NewParser().ParseUnverified(tok, jwt.MapClaims{})
		require.NoError(t, err)
		require.Equal(t, kid, parsed.Header["kid"], "JWTs name their key")

		// A rotation on one server: the other verifies the new key's JWTs at once.
		_, err = keys.Rotate(systemCtx(), db.Client, keys.Session)
		require.NoError(t, err)
		c := newTestServer(t, db) // signs with the new key
		fresh := c.login("root@test.cpanet", "root-password")
		a.ok(fresh, `{me{id}}`, nil)
		b.ok(tok, `{me{id}}`, nil) // the old key still verifies
	})
}

// TestUpgradeKeepsSessionsAndHashes: a database and data directory from before the keys table
// — a jwt-secret file that signed JWTs without a kid and keyed the stored transaction ID hashes
// — start on this version with every JWT still valid and every stored hash unchanged; so does
// one whose secret was CPANET_JWT_SECRET.
func TestUpgradeKeepsSessionsAndHashes(t *testing.T) {
	for _, from := range []string{"data directory", "CPANET_JWT_SECRET", "demo"} {
		t.Run(from, func(t *testing.T) {
			storetest.Dialects(t, func(t *testing.T, db *store.DB) {
				s := newTestServer(t, db)
				w := buildWorld(t, s)
				c := s.app.db.Client
				cl, err := c.Click.Create().SetID(8589934592 + 60).SetCreatedAt(time.Now()).SetCode("x").
					SetFlowID(id(w.flowP)).SetOfferID(id(w.offerA)).SetPublisherID(id(w.pubPID)).SetAdvertiserID(id(w.advAID)).
					SetIP("192.0.2.1").Save(systemCtx())
				require.NoError(t, err)
				_, err = c.Conversion.Create().SetStatus(lifecycle.Pending).SetPayout(200).SetRevenue(300).SetCurrency("USD").
					SetTransactionID("OLD-1").SetClickID(cl.ID).SetOfferID(id(w.offerA)).SetGoalID(id(w.goalA)).
					SetPublisherID(id(w.pubPID)).SetAdvertiserID(id(w.advAID)).SetClickAt(time.Now()).Save(systemCtx())
				require.NoError(t, err)

				// The database as an earlier version left it: no keys, hashes keyed with its secret.
				old := []byte("0123456789abcdef0123456789abcdef-old")
				_, err = c.Key.Delete().Exec(systemCtx())
				require.NoError(t, err)
				stored := old
				if from == "demo" {
					stored = nil // the demo stored them keyed with nothing; publishers read old's
				}
				_, err = conversion.HashTransactionIDs(systemCtx(), db, stored)
				require.NoError(t, err)
				hashes := func() []string {
					cs, err := c.Conversion.Query().Where(entconversion.TransactionIDNotNil()).
						Order(entconversion.ByID()).All(systemCtx())
					require.NoError(t, err)
					var h []string
					for _, cv := range cs {
						if cv.TransactionHash == nil { // the background backfill has not reached it yet
							h = append(h, "")
							continue
						}
						h = append(h, *cv.TransactionHash)
					}
					return h
				}
				// What publishers read: the hashes keyed with the old secret.
				cs, err := c.Conversion.Query().Where(entconversion.TransactionIDNotNil()).
					Order(entconversion.ByID()).All(systemCtx())
				require.NoError(t, err)
				var read []string
				for _, cv := range cs {
					read = append(read, notify.PublisherTransactionID(old, cv.PublisherID, *cv.TransactionID))
				}
				require.NotEmpty(t, read)
				if from != "demo" {
					require.Equal(t, read, hashes())
				}
				adminID := dig(s.ok(w.admin, `{me{id}}`, nil), "me", "id").(string)
				legacyJWT, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": adminID, "iss": "cpanet",
					"exp": time.Now().Add(time.Hour).Unix()}).SignedString(old)
				require.NoError(t, err)

				up := newTestServer(t, db, func(cfg *config) {
					if from == "CPANET_JWT_SECRET" {
						cfg.JWTSecret = string(old)
						return
					}
					require.NoError(t, os.WriteFile(filepath.Join(cfg.DataDir, legacySecretFile), old, 0o600))
				})
				require.Equal(t, old, up.app.txSecret, "the transaction key is the secret the hashes were made with")
				// The backfill runs in the background after start (never in the start path).
				require.Eventually(t, func() bool { return slices.Equal(read, hashes()) }, 10*time.Second, 20*time.Millisecond,
					"every stored hash is the one publishers read")
				require.Equal(t, adminID, dig(up.ok(legacyJWT, `{me{id}}`, nil), "me", "id"), "a JWT without a kid still works")
				kid, _ := up.app.keys.Signing(systemCtx())
				if from == "CPANET_JWT_SECRET" {
					require.Equal(t, keys.EnvKID, kid)
				} else {
					require.Equal(t, keys.LegacyKID, kid, "the file became the first session key")
				}
				// A second server without the file or the variable agrees on the transaction key.
				other := newTestServer(t, db)
				require.Equal(t, old, other.app.txSecret)
				if from != "CPANET_JWT_SECRET" {
					require.Equal(t, adminID, dig(other.ok(legacyJWT, `{me{id}}`, nil), "me", "id"))
				}
			})
		})
	}
}
