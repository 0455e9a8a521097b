package auth

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/viewer"
)

// Names of the dashboard's cookies and of the header that cookie-authenticated requests must
// send (docs/api.md "The dashboard's session").
const (
	// SessionCookie holds the dashboard's JWT: HttpOnly, SameSite=Strict, Secure over https.
	SessionCookie = "cpanet_session"
	// DeviceCookie holds a device token: proof that this browser signed in to an account
	// before (see Login).
	DeviceCookie = "cpanet_device"
	// CSRFHeader must accompany every request authenticated by SessionCookie. A page of
	// another origin cannot send it: browsers ask first (CORS), and cpanet does not allow it.
	CSRFHeader = "X-Cpanet-CSRF"
)

// Web is the browser side of a request, put into its context by the HTTP layer: the device
// cookie it sent, whether its viewer came from the session cookie, and how to set cookies in
// the answer. Outside HTTP (or where cookies cannot be set) the setters are nil.
type Web struct {
	// Device is the device cookie the browser sent, or "".
	Device string
	// ByCookie reports that the request's viewer came from the session cookie.
	ByCookie bool
	// SetSession sets the session cookie to a JWT that expires at exp.
	SetSession func(token string, exp time.Time)
	// ClearSession removes the session cookie.
	ClearSession func()
	// SetDevice sets the device cookie.
	SetDevice func(token string)
}

type webKey struct{}

// WithWeb returns ctx carrying w.
func WithWeb(ctx context.Context, w *Web) context.Context {
	return context.WithValue(ctx, webKey{}, w)
}

// webOf is the request's Web, or an empty one.
func webOf(ctx context.Context) *Web {
	if w, ok := ctx.Value(webKey{}).(*Web); ok {
		return w
	}
	return &Web{}
}

// StartCookieSession puts token, a JWT from Login, into the session cookie of the answer.
func (a *Authenticator) StartCookieSession(ctx context.Context, token string) error {
	w := webOf(ctx)
	if w.SetSession == nil {
		return fault.New(fault.Invalid, "a cookie session needs a browser request over HTTP")
	}
	w.SetSession(token, a.now().Add(a.ttl))
	return nil
}

// EndCookieSession clears the session cookie of the answer, if any.
func EndCookieSession(ctx context.Context) {
	if w := webOf(ctx); w.ClearSession != nil {
		w.ClearSession()
	}
}

// RevokeSessions ends every session (JWT) of user uid (nil: the viewer), on every server: its
// session version moves on, and Viewer refuses JWTs signed at an earlier one. The viewer may
// revoke its own; the admin anyone's (the privacy policy decides). Ending its own sessions
// from a cookie session clears the cookie too.
func (a *Authenticator) RevokeSessions(ctx context.Context, uid *int) error {
	v, ok := viewer.FromContext(ctx)
	if !ok {
		return fault.New(fault.Unauthenticated, "sign in first")
	}
	id := v.UserID
	if uid != nil {
		id = *uid
	}
	if err := a.client.User.UpdateOneID(id).AddSessionVersion(1).Exec(ctx); err != nil {
		return err
	}
	if id == v.UserID {
		EndCookieSession(ctx)
	}
	return nil
}

// AllowPasswordChange takes one password change attempt of user uid from the same kind of
// budget as logins (each costs bcrypt hashes): every attempt counts, successful or not. A
// refused attempt costs nothing and is FORBIDDEN with the seconds to wait.
func (a *Authenticator) AllowPasswordChange(uid int) error {
	if wait, ok := a.limiter.Take(fmt.Sprintf("password:%d", uid)); !ok {
		return fault.Errorf(fault.Forbidden, "too many password changes, retry in %d s", retryIn(wait))
	}
	return nil
}

// RenewCookieSession gives the request's cookie session, if it is one, a fresh JWT of u (after
// u's session version moved on), so that the browser that changed the password stays signed in.
func (a *Authenticator) RenewCookieSession(ctx context.Context, u *ent.User) error {
	w := webOf(ctx)
	if !w.ByCookie || w.SetSession == nil {
		return nil
	}
	tok, err := a.SignJWT(u)
	if err != nil {
		return err
	}
	w.SetSession(tok, a.now().Add(a.ttl))
	return nil
}

// newDevice returns a device token for the account email: random, signed with the active
// session key.
func (a *Authenticator) newDevice(ctx context.Context, email string) string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	id := base64.RawURLEncoding.EncodeToString(b[:])
	_, secret := a.keys.Signing(ctx)
	return id + "." + deviceMAC(secret, id, email)
}

// knownDevice reports whether token is a device token of the account email, signed with any
// session key that still verifies, and its ID.
func (a *Authenticator) knownDevice(ctx context.Context, token, email string) (string, bool) {
	id, mac, ok := strings.Cut(token, ".")
	if !ok || id == "" {
		return "", false
	}
	for _, secret := range a.keys.All(ctx) {
		if hmac.Equal([]byte(mac), []byte(deviceMAC(secret, id, email))) {
			return id, true
		}
	}
	return "", false
}

func deviceMAC(secret []byte, id, email string) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("cpanet-device\x00" + id + "\x00" + email))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}
