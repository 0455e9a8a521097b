// Package keys keeps the secrets every server must share — the key of session JWTs and
// device cookies, and the key of the transaction ID hashes publishers read — in the database:
// generated once, by whichever server starts first, and read back by all (docs/operations.md
// "Several servers"). Each purpose has numbered versions with a key ID (kid); the newest
// version not retired is the active one, older ones still verify until retired.
package keys

import (
	"context"
	"crypto/rand"
	stdsql "database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"

	"entgo.io/ent/dialect/sql"
	"golang.org/x/sync/singleflight"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/key"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/viewer"
)

// Purpose is what a key signs.
type Purpose = key.Purpose

// The purposes of keys.
const (
	// Session keys sign JWTs and device cookies.
	Session = key.PurposeSession
	// Transaction keys the hashes of advertisers' transaction IDs that publishers read.
	Transaction = key.PurposeTransaction
)

// Key IDs that are not the database's.
const (
	// EnvKID names CPANET_JWT_SECRET in the JWTs signed with it.
	EnvKID = "env"
	// LegacyKID is the session key imported from the data directory's jwt-secret file of an
	// earlier version. JWTs without a kid (signed before keys had IDs) verify with it, or with
	// CPANET_JWT_SECRET when that is set.
	LegacyKID = "legacy"
)

// secretLen is the length of generated keys.
const secretLen = 32

// Ensure gives purpose its first key when it has none: the secret first returns (with its
// kid), or a random one when first returns nil. Servers starting at once each try; the
// database keeps one (a unique purpose and version) and every server reads that one back.
// first is called only when the purpose has no key yet.
func Ensure(ctx context.Context, client *ent.Client, purpose Purpose, first func(context.Context) (secret []byte, kid string, err error)) error {
	sys := viewer.SystemContext(ctx)
	exists, err := client.Key.Query().Where(key.PurposeEQ(purpose)).Exist(sys)
	if err != nil || exists {
		return wrap(err)
	}
	var secret []byte
	var kid string
	if first != nil {
		if secret, kid, err = first(ctx); err != nil {
			return err
		}
	}
	return insert(sys, client, purpose, 1, secret, kid)
}

// insert adds version of purpose unless the database has it (another server was first).
func insert(ctx context.Context, client *ent.Client, purpose Purpose, version int, secret []byte, kid string) error {
	if secret == nil {
		secret = newSecret()
	}
	if kid == "" {
		kid = newKID(purpose)
	}
	err := client.Key.Create().SetPurpose(purpose).SetVersion(version).SetKid(kid).
		SetSecret(hex.EncodeToString(secret)).OnConflict(sql.DoNothing()).Exec(ctx)
	if errors.Is(err, stdsql.ErrNoRows) {
		err = nil // PostgreSQL returned no ID: another server's row is there
	}
	return wrap(err)
}

// Active is the active key of purpose: its newest version not retired.
func Active(ctx context.Context, client *ent.Client, purpose Purpose) (*ent.Key, error) {
	k, err := client.Key.Query().Where(key.PurposeEQ(purpose), key.RetiredAtIsNil()).
		Order(key.ByVersion(sql.OrderDesc())).First(viewer.SystemContext(ctx))
	if ent.IsNotFound(err) {
		return nil, fault.Errorf(fault.NotFound, "no %s key", purpose)
	}
	return k, wrap(err)
}

// Secret is k's secret.
func Secret(k *ent.Key) ([]byte, error) {
	b, err := hex.DecodeString(k.Secret)
	if err != nil || len(b) == 0 {
		return nil, fmt.Errorf("keys: key %s is not hex", k.Kid)
	}
	return b, nil
}

// Rotate makes a new random key the active one of purpose and returns it. The older ones keep
// verifying until retired (Retire): JWTs signed before still work until they expire. Servers
// sign with the new session key within Ring's refresh period (a minute), and verify it at
// once. A new transaction key changes the hashes publishers read, and servers take it at
// start: rotate it with every server stopped (the first to start hashes the stored transaction
// IDs again). Two rotations at once make one new key.
func Rotate(ctx context.Context, client *ent.Client, purpose Purpose) (*ent.Key, error) {
	version := 1
	cur, err := Active(ctx, client, purpose)
	switch {
	case err == nil:
		version = cur.Version + 1
	case !errors.Is(err, fault.NotFound):
		return nil, err
	}
	if err := insert(viewer.SystemContext(ctx), client, purpose, version, nil, ""); err != nil {
		return nil, err
	}
	return Active(ctx, client, purpose)
}

// Retire stops the key kid from verifying, on every server within Ring's refresh period. The
// active key of a purpose cannot be retired: rotate first.
func Retire(ctx context.Context, client *ent.Client, kid string) error {
	sys := viewer.SystemContext(ctx)
	k, err := client.Key.Query().Where(key.Kid(kid)).Only(sys)
	if ent.IsNotFound(err) {
		return fault.Errorf(fault.NotFound, "no key %q", kid)
	}
	if err != nil {
		return wrap(err)
	}
	active, err := Active(ctx, client, k.Purpose)
	if err != nil {
		return err
	}
	if active.ID == k.ID {
		return fault.Errorf(fault.Conflict, "key %q is the active %s key: rotate first", kid, k.Purpose)
	}
	return wrap(client.Key.Update().Where(key.ID(k.ID), key.RetiredAtIsNil()).SetRetiredAt(time.Now()).Exec(sys))
}

func wrap(err error) error {
	if err != nil {
		return fmt.Errorf("keys: %w", err)
	}
	return nil
}

func newSecret() []byte {
	b := make([]byte, secretLen)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return b
}

func newKID(p Purpose) string {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	return string(p)[:1] + "-" + hex.EncodeToString(b[:])
}

// Ring holds the session keys for signing and verifying, read from the database and read
// again every refresh period (so that rotations and retirements reach every server), and at
// once (at most once a second) when a JWT names a key it does not know.
type Ring struct {
	client *ent.Client
	// env is CPANET_JWT_SECRET: when set, it signs, and JWTs without a kid verify with it.
	env     []byte
	refresh time.Duration

	mu     sync.RWMutex
	keys   map[string][]byte // session keys not retired, by kid
	active string
	loaded time.Time
	missed time.Time // the last read again for an unknown kid
	group  singleflight.Group
	now    func() time.Time
}

// NewRing reads the session keys; env (CPANET_JWT_SECRET, may be nil) signs when set.
func NewRing(ctx context.Context, client *ent.Client, env []byte) (*Ring, error) {
	r := &Ring{client: client, env: env, refresh: time.Minute, now: time.Now}
	if err := r.load(ctx); err != nil {
		return nil, err
	}
	return r, nil
}

// Static is a ring of one secret that signs and verifies as CPANET_JWT_SECRET does, without a
// database.
func Static(secret []byte) *Ring {
	return &Ring{env: secret, keys: map[string][]byte{}, refresh: -1, now: time.Now}
}

// load reads the session keys not retired.
func (r *Ring) load(ctx context.Context) error {
	ks, err := r.client.Key.Query().Where(key.PurposeEQ(Session), key.RetiredAtIsNil()).
		Order(key.ByVersion(sql.OrderDesc())).All(viewer.SystemContext(context.WithoutCancel(ctx)))
	if err != nil {
		return wrap(err)
	}
	m := make(map[string][]byte, len(ks))
	active := ""
	for _, k := range ks {
		b, err := Secret(k)
		if err != nil {
			return err
		}
		m[k.Kid] = b
		if active == "" {
			active = k.Kid
		}
	}
	if active == "" && r.env == nil {
		return errors.New("keys: no session key (keys.Ensure first)")
	}
	r.mu.Lock()
	r.keys, r.active, r.loaded = m, active, r.now()
	r.mu.Unlock()
	return nil
}

// reload reads the keys again unless they were read less than minAge ago; one read at a time.
func (r *Ring) reload(ctx context.Context, minAge time.Duration) {
	if r.client == nil {
		return
	}
	r.mu.RLock()
	fresh := r.now().Sub(r.loaded) < minAge
	r.mu.RUnlock()
	if fresh {
		return
	}
	_, _, _ = r.group.Do("load", func() (any, error) { return nil, r.load(ctx) })
}

// Signing is the key new JWTs and device cookies are signed with, and its kid.
func (r *Ring) Signing(ctx context.Context) (string, []byte) {
	if r.env != nil {
		return EnvKID, r.env
	}
	r.reload(ctx, r.refresh)
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.active, r.keys[r.active]
}

// Verifying is the key of kid, if it verifies: "" names CPANET_JWT_SECRET when set, else the
// legacy key.
func (r *Ring) Verifying(ctx context.Context, kid string) ([]byte, bool) {
	switch {
	case kid == EnvKID || kid == "" && r.env != nil:
		return r.env, r.env != nil
	case kid == "":
		kid = LegacyKID
	}
	r.reload(ctx, r.refresh)
	if b, ok := r.get(kid); ok {
		return b, true
	}
	// A key rotated in on another server: read again, at most once a second, so that JWTs
	// with made-up kids cost no more than that.
	r.mu.Lock()
	now := r.now()
	miss := now.Sub(r.missed) >= time.Second
	if miss {
		r.missed = now
	}
	r.mu.Unlock()
	if miss && r.client != nil {
		_, _, _ = r.group.Do("load", func() (any, error) { return nil, r.load(ctx) })
	}
	return r.get(kid)
}

func (r *Ring) get(kid string) ([]byte, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	b, ok := r.keys[kid]
	return b, ok
}

// All is every key that verifies: CPANET_JWT_SECRET when set, and the session keys.
func (r *Ring) All(ctx context.Context) [][]byte {
	r.reload(ctx, r.refresh)
	r.mu.RLock()
	defer r.mu.RUnlock()
	var out [][]byte
	if r.env != nil {
		out = append(out, r.env)
	}
	for _, b := range r.keys {
		out = append(out, b)
	}
	return out
}
