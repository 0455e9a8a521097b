// Package auth signs users in and tells who is calling: bcrypt passwords, HS256 JWTs with a
// required expiry, hashed API tokens, and a limit on login attempts.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/crypto/bcrypt"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/apitoken"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/keys"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/viewer"
)

// TokenPrefix starts every API token, so that it is told apart from a JWT (and found by
// secret scanners).
const TokenPrefix = "cpn_"

// ErrBadCredentials is the one answer to a wrong email or password.
var ErrBadCredentials = fault.New(fault.Unauthenticated, "wrong email or password")

// ErrBadToken is the answer to an unknown, expired or revoked token.
var ErrBadToken = fault.New(fault.Unauthenticated, "invalid or expired token")

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 8

// Authenticator signs users in and resolves bearer tokens to viewers.
type Authenticator struct {
	client     *ent.Client
	keys       *keys.Ring
	ttl        time.Duration
	bcryptCost int
	// limiter limits wrong passwords per client address and per account (after the
	// address's first tries), sign-ups and password changes.
	limiter *Limiter
	// fresh limits the first tries at an account from addresses that did not fail on it
	// lately (pairs); devices limits a known device's attempts (see Login).
	fresh, devices, pairs *Limiter
	// shared keeps the limiters' budgets in the database (WithSharedLimits).
	shared *store.DB
	now    func() time.Time
}

// Option configures an Authenticator.
type Option func(*Authenticator)

// WithTTL sets how long a JWT lives (default 24 h).
func WithTTL(d time.Duration) Option { return func(a *Authenticator) { a.ttl = d } }

// WithBcryptCost sets the bcrypt cost (default bcrypt.DefaultCost; tests use bcrypt.MinCost).
func WithBcryptCost(c int) Option { return func(a *Authenticator) { a.bcryptCost = c } }

// WithKeys signs and verifies with the keys of ring (internal/keys) instead of New's secret.
func WithKeys(ring *keys.Ring) Option { return func(a *Authenticator) { a.keys = ring } }

// WithLimiter replaces the limiter of logins and sign-ups.
func WithLimiter(l *Limiter) Option { return func(a *Authenticator) { a.limiter = l } }

// New returns an Authenticator signing JWTs with secret (at least 32 bytes), as
// CPANET_JWT_SECRET does (kid "env"), or with the keys of WithKeys when secret is nil.
func New(client *ent.Client, secret []byte, opts ...Option) (*Authenticator, error) {
	a := &Authenticator{client: client, ttl: 24 * time.Hour, bcryptCost: bcrypt.DefaultCost,
		limiter: NewLimiter(10, time.Minute), now: time.Now}
	for _, o := range opts {
		o(a)
	}
	switch {
	case secret != nil && len(secret) < 32:
		return nil, errors.New("JWT secret must be at least 32 bytes")
	case secret != nil && a.keys == nil:
		a.keys = keys.Static(secret)
	case a.keys == nil:
		return nil, errors.New("auth: no JWT secret nor keys")
	}
	if a.shared != nil && a.limiter.every > 0 {
		a.limiter = a.limiter.sharedIn(a.shared)
	}
	l := a.limiter
	a.fresh = l.derive(firstTryFactor*l.burst, time.Duration(l.burst)*l.every)
	a.devices = l.derive(l.burst, time.Duration(l.burst)*l.every)
	a.pairs = l.derive(pairTries, pairPeriodFactor*time.Duration(l.burst)*l.every)
	return a, nil
}

// Login limits beside the limiter's own (docs/api.md "Signing in"): an account's budget of first
// tries is firstTryFactor times the limiter's burst; an address that failed on an account gets
// its first tries there back one every pairPeriodFactor periods / pairTries.
const (
	firstTryFactor   = 3
	pairTries        = 3
	pairPeriodFactor = 15
)

// HashPassword checks a password's length and returns its bcrypt hash.
func (a *Authenticator) HashPassword(password string) (string, error) {
	if len(password) < MinPasswordLen {
		return "", fault.Errorf(fault.Invalid, "password must be at least %d characters", MinPasswordLen)
	}
	if len(password) > 72 {
		return "", fault.New(fault.Invalid, "password must be at most 72 bytes")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(password), a.bcryptCost)
	return string(h), err
}

// CheckPassword reports whether password matches hash.
func CheckPassword(hash, password string) bool {
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) == nil
}

// dummyHash is compared against when the email is unknown, so that timing does not tell
// whether an account exists.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("cpanet-dummy-password"), bcrypt.DefaultCost)

// Login checks credentials and returns a signed JWT and the user.
//
// Wrong passwords are limited so that guessing is slow while the owner still gets in
// (docs/api.md "Login limits"). Each attempt draws on budgets chosen by who asks:
//
//   - a browser with a device cookie of this account (left by an earlier sign-in, see
//     Web.Device) draws on that device's budget only: an attack on the account from elsewhere
//     never shuts out a device that signed in before;
//   - otherwise the client address's budget, and the account's: an address that has not
//     failed on this account lately (pairs) draws on the account's large first-try budget
//     (fresh), one that has draws on its small one (accounts). A distributed attack uses up
//     the small one; its addresses get one first try each per pair refill, far below the large
//     one, so the owner signing in from a new address still gets in.
//
// Only a wrong password (or an unknown email) uses up an attempt: an attempt refused by the
// limit costs nothing, and a right password gives its attempt back and makes the address's
// next tries first tries again (the account's small budget is not refilled: the owner signing
// in must not hand an attacker new guesses). A refused attempt is FORBIDDEN with the seconds
// to wait.
func (a *Authenticator) Login(ctx context.Context, email, password, clientAddr string) (string, *ent.User, error) {
	email = NormalizeEmail(email)
	web := webOf(ctx)
	pair := "pair:" + email + "|" + clientAddr
	var budgets []budget
	device, known := a.knownDevice(ctx, web.Device, email)
	switch {
	case known:
		budgets = []budget{{a.devices, []string{"device:" + device}}}
	case a.pairs.Untouched(pair):
		budgets = []budget{{a.limiter, []string{"addr:" + clientAddr}}, {a.fresh, []string{"fresh:" + email}}}
	default:
		budgets = []budget{{a.limiter, []string{"addr:" + clientAddr, "email:" + email}}}
	}
	if wait, ok := take(budgets); !ok {
		return "", nil, fault.Errorf(fault.Forbidden, "too many login attempts, retry in %d s", retryIn(wait))
	}
	failed := func() {
		a.pairs.Take(pair) // this address has failed on this account: first tries are over
	}
	sys := viewer.SystemContext(ctx)
	u, err := a.client.User.Query().Where(user.Email(email)).Only(sys)
	if ent.IsNotFound(err) {
		_ = bcrypt.CompareHashAndPassword(dummyHash, []byte(password))
		failed()
		return "", nil, ErrBadCredentials
	}
	if err != nil {
		refund(budgets)
		return "", nil, err
	}
	if !CheckPassword(u.PasswordHash, password) {
		failed()
		return "", nil, ErrBadCredentials
	}
	refund(budgets)
	if !known {
		a.pairs.Reset(pair)
	}
	switch u.Status {
	case user.StatusPending:
		return "", nil, fault.New(fault.Forbidden, "the account waits for the admin's approval")
	case user.StatusBlocked:
		return "", nil, fault.New(fault.Forbidden, "the account is blocked")
	}
	if web.SetDevice != nil {
		web.SetDevice(a.newDevice(ctx, email))
	}
	markSignedIn(ctx, u.ID)
	tok, err := a.SignJWT(u)
	return tok, u, err
}

// budget is keys of one limiter that an attempt draws on.
type budget struct {
	lim  *Limiter
	keys []string
}

// take takes an attempt from every budget, or from none (then it says how long to wait).
func take(budgets []budget) (time.Duration, bool) {
	for i, b := range budgets {
		if wait, ok := b.lim.Take(b.keys...); !ok {
			refund(budgets[:i])
			return wait, false
		}
	}
	return 0, true
}

// refund gives the attempt back to every budget.
func refund(budgets []budget) {
	for _, b := range budgets {
		b.lim.Refund(b.keys...)
	}
}

// AllowSignup takes one sign-up attempt for email and the caller's address (from ctx) from
// the same kind of budget as logins (each sign-up costs a bcrypt hash), kept apart from the
// login budget. Every attempt counts, successful or not; an attempt refused by the limit costs
// nothing and is FORBIDDEN with the seconds to wait.
func (a *Authenticator) AllowSignup(ctx context.Context, email string) error {
	wait, ok := a.limiter.Take("signup-email:"+NormalizeEmail(email), "signup-addr:"+ClientAddr(ctx))
	if !ok {
		return fault.Errorf(fault.Forbidden, "too many sign-up attempts, retry in %d s", retryIn(wait))
	}
	return nil
}

// claims are a cpanet JWT's claims.
type claims struct {
	Role string `json:"role"`
	// SessionVersion is the user's session version when the JWT was signed; the JWT is valid
	// while it is still the user's (see RevokeSessions).
	SessionVersion int `json:"sv,omitempty"`
	jwt.RegisteredClaims
}

// SignJWT issues a JWT for u, signed with the active session key, which its kid header names.
func (a *Authenticator) SignJWT(u *ent.User) (string, error) {
	now := a.now()
	c := claims{Role: string(u.Role), SessionVersion: u.SessionVersion, RegisteredClaims: jwt.RegisteredClaims{
		Subject:   strconv.Itoa(u.ID),
		Issuer:    "cpanet",
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(a.ttl)),
	}}
	kid, secret := a.keys.Signing(context.Background())
	t := jwt.NewWithClaims(jwt.SigningMethodHS256, c)
	t.Header["kid"] = kid
	return t.SignedString(secret)
}

// Viewer resolves a bearer credential (a JWT or an API token) to the viewer it stands for.
// The user is read again, so a blocked user, a changed role or revoked sessions (the user's
// session version moved past the JWT's) take effect at once, on every server. A
// credential that names nobody is ErrBadToken; a failure to look it up (the database) is
// returned as is, so that an outage is not mistaken for a revoked token.
func (a *Authenticator) Viewer(ctx context.Context, bearer string) (viewer.Viewer, error) {
	sys := viewer.SystemContext(ctx)
	var uid int
	session := -1 // the session version a JWT carries; -1: an API token
	if strings.HasPrefix(bearer, TokenPrefix) {
		t, err := a.client.APIToken.Query().Where(apitoken.TokenHash(HashToken(bearer))).Only(sys)
		if ent.IsNotFound(err) {
			return viewer.Viewer{}, ErrBadToken
		}
		if err != nil {
			return viewer.Viewer{}, err
		}
		// The lookup is by hash; compare again in constant time for good measure.
		if subtle.ConstantTimeCompare([]byte(t.TokenHash), []byte(HashToken(bearer))) != 1 ||
			t.RevokedAt != nil || t.ExpiresAt != nil && a.now().After(*t.ExpiresAt) {
			return viewer.Viewer{}, ErrBadToken
		}
		if t.LastUsedAt == nil || a.now().Sub(*t.LastUsedAt) > time.Minute {
			_ = a.client.APIToken.UpdateOneID(t.ID).SetLastUsedAt(a.now()).Exec(sys)
		}
		uid = t.UserID
	} else {
		var c claims
		_, err := jwt.ParseWithClaims(bearer, &c, func(t *jwt.Token) (any, error) {
			kid, _ := t.Header["kid"].(string)
			if secret, ok := a.keys.Verifying(ctx, kid); ok {
				return secret, nil
			}
			return nil, ErrBadToken
		},
			jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
			jwt.WithExpirationRequired(), jwt.WithIssuer("cpanet"), jwt.WithTimeFunc(a.now))
		if err != nil {
			return viewer.Viewer{}, ErrBadToken
		}
		if uid, err = strconv.Atoi(c.Subject); err != nil {
			return viewer.Viewer{}, ErrBadToken
		}
		session = c.SessionVersion
	}
	u, err := a.client.User.Get(sys, uid)
	if err != nil && !ent.IsNotFound(err) {
		return viewer.Viewer{}, err
	}
	if err != nil || u.Status != user.StatusActive || session >= 0 && session != u.SessionVersion {
		return viewer.Viewer{}, ErrBadToken
	}
	return ViewerOf(u), nil
}

// ViewerOf is the viewer acting as u.
func ViewerOf(u *ent.User) viewer.Viewer {
	return viewer.Viewer{UserID: u.ID, Role: RoleOf(u.Role)}
}

// RoleOf maps the stored role to the viewer's.
func RoleOf(r user.Role) viewer.Role {
	switch r {
	case user.RoleAdmin:
		return viewer.RoleAdmin
	case user.RoleAdvertiser:
		return viewer.RoleAdvertiser
	}
	return viewer.RolePublisher
}

// NewToken returns a new random API token and its hash.
func NewToken() (token, hash string) {
	var b [20]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	token = TokenPrefix + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
	return token, HashToken(token)
}

// HashToken is the stored form of an API token.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// NewPostbackKey returns a new random advertiser postback key.
func NewPostbackKey() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b[:])
}

// NormalizeEmail trims and lower-cases an email address.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

type addrKey struct{}

// WithClientAddr returns ctx carrying the caller's network address (for login limits).
func WithClientAddr(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, addrKey{}, addr)
}

// ClientAddr is the caller's network address carried by ctx, or "".
func ClientAddr(ctx context.Context) string {
	s, _ := ctx.Value(addrKey{}).(string)
	return s
}

type signedInKey struct{}

// WithSignIn returns ctx with a slot that Login fills, so that the fields of a login answer
// (the user's own postback key) are resolved as the user who just signed in.
func WithSignIn(ctx context.Context) context.Context {
	return context.WithValue(ctx, signedInKey{}, new(int))
}

// SignedIn is the user who signed in during this request, or 0.
func SignedIn(ctx context.Context) int {
	if p, ok := ctx.Value(signedInKey{}).(*int); ok {
		return *p
	}
	return 0
}

func markSignedIn(ctx context.Context, uid int) {
	if p, ok := ctx.Value(signedInKey{}).(*int); ok {
		*p = uid
	}
}
