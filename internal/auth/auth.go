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
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/crypto/bcrypt"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/apitoken"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/viewer"
)

// TokenPrefix starts every API token, so that it is told apart from a JWT (and found by
// secret scanners).
const TokenPrefix = "cpn_"

// ErrBadCredentials is the one answer to a wrong email or password.
var ErrBadCredentials = fmt.Errorf("%w: wrong email or password", fault.Unauthenticated)

// ErrBadToken is the answer to an unknown, expired or revoked token.
var ErrBadToken = fmt.Errorf("%w: invalid or expired token", fault.Unauthenticated)

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 8

// Authenticator signs users in and resolves bearer tokens to viewers.
type Authenticator struct {
	client     *ent.Client
	secret     []byte
	ttl        time.Duration
	bcryptCost int
	limiter    *Limiter
	now        func() time.Time
}

// Option configures an Authenticator.
type Option func(*Authenticator)

// WithTTL sets how long a JWT lives (default 24 h).
func WithTTL(d time.Duration) Option { return func(a *Authenticator) { a.ttl = d } }

// WithBcryptCost sets the bcrypt cost (default bcrypt.DefaultCost; tests use bcrypt.MinCost).
func WithBcryptCost(c int) Option { return func(a *Authenticator) { a.bcryptCost = c } }

// WithLimiter replaces the limiter of logins and sign-ups.
func WithLimiter(l *Limiter) Option { return func(a *Authenticator) { a.limiter = l } }

// New returns an Authenticator signing JWTs with secret (at least 32 bytes).
func New(client *ent.Client, secret []byte, opts ...Option) (*Authenticator, error) {
	if len(secret) < 32 {
		return nil, errors.New("JWT secret must be at least 32 bytes")
	}
	a := &Authenticator{client: client, secret: secret, ttl: 24 * time.Hour, bcryptCost: bcrypt.DefaultCost,
		limiter: NewLimiter(10, time.Minute), now: time.Now}
	for _, o := range opts {
		o(a)
	}
	return a, nil
}

// HashPassword checks a password's length and returns its bcrypt hash.
func (a *Authenticator) HashPassword(password string) (string, error) {
	if len(password) < MinPasswordLen {
		return "", fmt.Errorf("%w: password must be at least %d characters", fault.Invalid, MinPasswordLen)
	}
	if len(password) > 72 {
		return "", fmt.Errorf("%w: password must be at most 72 bytes", fault.Invalid)
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
// Wrong passwords are limited per email and per client address (the Limiter's burst, then one
// more per refill interval). Only a wrong password (or an unknown email) uses up an attempt: an
// attempt refused by the limit costs nothing, and a right password gives its attempt back and
// refills the email's budget. So a user who keeps retrying the right password gets in as soon
// as one attempt has refilled. A refused attempt is FORBIDDEN with the seconds to wait.
func (a *Authenticator) Login(ctx context.Context, email, password, clientAddr string) (string, *ent.User, error) {
	email = NormalizeEmail(email)
	keys := []string{"email:" + email, "addr:" + clientAddr}
	if wait, ok := a.limiter.Take(keys...); !ok {
		return "", nil, fmt.Errorf("%w: too many login attempts, retry in %d s", fault.Forbidden, retryIn(wait))
	}
	sys := viewer.SystemContext(ctx)
	u, err := a.client.User.Query().Where(user.Email(email)).Only(sys)
	if ent.IsNotFound(err) {
		_ = bcrypt.CompareHashAndPassword(dummyHash, []byte(password))
		return "", nil, ErrBadCredentials
	}
	if err != nil {
		a.limiter.Refund(keys...)
		return "", nil, err
	}
	if !CheckPassword(u.PasswordHash, password) {
		return "", nil, ErrBadCredentials
	}
	a.limiter.Refund(keys[1])
	a.limiter.Reset(keys[0])
	switch u.Status {
	case user.StatusPending:
		return "", nil, fmt.Errorf("%w: the account waits for the admin's approval", fault.Forbidden)
	case user.StatusBlocked:
		return "", nil, fmt.Errorf("%w: the account is blocked", fault.Forbidden)
	}
	markSignedIn(ctx, u.ID)
	tok, err := a.SignJWT(u)
	return tok, u, err
}

// AllowSignup takes one sign-up attempt for email and the caller's address (from ctx) from
// the same kind of budget as logins (each sign-up costs a bcrypt hash), kept apart from the
// login budget. Every attempt counts, successful or not; an attempt refused by the limit costs
// nothing and is FORBIDDEN with the seconds to wait.
func (a *Authenticator) AllowSignup(ctx context.Context, email string) error {
	wait, ok := a.limiter.Take("signup-email:"+NormalizeEmail(email), "signup-addr:"+ClientAddr(ctx))
	if !ok {
		return fmt.Errorf("%w: too many sign-up attempts, retry in %d s", fault.Forbidden, retryIn(wait))
	}
	return nil
}

// claims are a cpanet JWT's claims.
type claims struct {
	Role string `json:"role"`
	jwt.RegisteredClaims
}

// SignJWT issues a JWT for u.
func (a *Authenticator) SignJWT(u *ent.User) (string, error) {
	now := a.now()
	c := claims{Role: string(u.Role), RegisteredClaims: jwt.RegisteredClaims{
		Subject:   strconv.Itoa(u.ID),
		Issuer:    "cpanet",
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(a.ttl)),
	}}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(a.secret)
}

// Viewer resolves a bearer credential (a JWT or an API token) to the viewer it stands for.
// The user is read again, so a blocked user or a changed role takes effect at once. A
// credential that names nobody is ErrBadToken; a failure to look it up (the database) is
// returned as is, so that an outage is not mistaken for a revoked token.
func (a *Authenticator) Viewer(ctx context.Context, bearer string) (viewer.Viewer, error) {
	sys := viewer.SystemContext(ctx)
	var uid int
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
		_, err := jwt.ParseWithClaims(bearer, &c, func(*jwt.Token) (any, error) { return a.secret, nil },
			jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
			jwt.WithExpirationRequired(), jwt.WithIssuer("cpanet"), jwt.WithTimeFunc(a.now))
		if err != nil {
			return viewer.Viewer{}, ErrBadToken
		}
		if uid, err = strconv.Atoi(c.Subject); err != nil {
			return viewer.Viewer{}, ErrBadToken
		}
	}
	u, err := a.client.User.Get(sys, uid)
	if err != nil && !ent.IsNotFound(err) {
		return viewer.Viewer{}, err
	}
	if err != nil || u.Status != user.StatusActive {
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

// NewSecret returns 32 random bytes for signing JWTs.
func NewSecret() []byte {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return b
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
