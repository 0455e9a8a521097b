// Package network administers the affiliate network: users and sign-up, settings, offers and
// goals, flows, API tokens and postback keys. Authorization is the ent privacy policies': every
// function acts with the caller's context, and only steps the caller may not do itself but the
// network does on its behalf (sign-up, reading settings defaults) use the system context.
package network

import (
	"context"
	"crypto/rand"
	"errors"
	"math/big"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/goal"
	"github.com/cpanet/cpanet/ent/landing"
	"github.com/cpanet/cpanet/ent/offer"
	"github.com/cpanet/cpanet/ent/offeraccess"
	"github.com/cpanet/cpanet/ent/user"
	"github.com/cpanet/cpanet/internal/auth"
	"github.com/cpanet/cpanet/internal/email"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/notify/method"
	"github.com/cpanet/cpanet/internal/rule"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/viewer"
)

// Network is the administration service.
type Network struct {
	client *ent.Client
	auth   *auth.Authenticator
	// PostbackBase is the public base URL (CPANET_PUBLIC_URL, e.g. https://t.example.com) of the
	// postback endpoint and the tracking links;
	// empty: a relative /postback URL.
	PostbackBase string
}

// New returns the network service.
func New(client *ent.Client, a *auth.Authenticator) *Network {
	return &Network{client: client, auth: a}
}

// Client is the ent client the service works on.
func (n *Network) Client() *ent.Client { return n.client }

// caller returns the viewer in ctx or UNAUTHENTICATED.
func caller(ctx context.Context) (viewer.Viewer, error) {
	v, ok := viewer.FromContext(ctx)
	if !ok {
		return v, fault.New(fault.Unauthenticated, "sign in first")
	}
	return v, nil
}

// Settings returns the network settings, creating the row on first use.
func (n *Network) Settings(ctx context.Context) (*ent.Setting, error) {
	if _, err := caller(ctx); err != nil {
		return nil, err
	}
	return EnsureSettings(ctx, n.client)
}

// EnsureSettings returns the settings row, creating it with the defaults if there is none.
func EnsureSettings(ctx context.Context, client *ent.Client) (*ent.Setting, error) {
	sys := viewer.SystemContext(ctx)
	s, err := client.Setting.Query().Order(ent.Asc("id")).First(sys)
	if ent.IsNotFound(err) {
		return client.Setting.Create().Save(sys)
	}
	return s, err
}

// SettingsInput changes the settings; nil fields stay as they are.
type SettingsInput struct {
	HoldNewOffersByDefault   *bool
	DefaultTrafficbackURL    *string
	MinWithdrawal            *money.Cents
	RequirePublisherApproval *bool
	PostbackRawTransactionID *bool
	MaxPostbackAmount        *money.Decimal
}

// UpdateSettings changes the network settings (the admin only, by policy).
func (n *Network) UpdateSettings(ctx context.Context, in SettingsInput) (*ent.Setting, error) {
	s, err := n.Settings(ctx)
	if err != nil {
		return nil, err
	}
	u := n.client.Setting.UpdateOneID(s.ID)
	if in.HoldNewOffersByDefault != nil {
		u.SetHoldNewOffersByDefault(*in.HoldNewOffersByDefault)
	}
	if in.DefaultTrafficbackURL != nil {
		if *in.DefaultTrafficbackURL == "" {
			u.ClearDefaultTrafficbackURL()
		} else {
			u.SetDefaultTrafficbackURL(*in.DefaultTrafficbackURL)
		}
	}
	if in.MinWithdrawal != nil {
		u.SetMinWithdrawal(*in.MinWithdrawal) // checked by the model (ent/schema hooks)
	}
	if in.RequirePublisherApproval != nil {
		u.SetRequirePublisherApproval(*in.RequirePublisherApproval)
	}
	if in.PostbackRawTransactionID != nil {
		u.SetPostbackRawTransactionID(*in.PostbackRawTransactionID)
	}
	if in.MaxPostbackAmount != nil {
		u.SetMaxPostbackAmount(*in.MaxPostbackAmount) // checked by the model (ent/schema)
	}
	return u.Save(ctx)
}

// UserInput is a new user.
type UserInput struct {
	Email    string
	Password string
	Name     *string
	Role     user.Role
	Trusted  *bool
}

// CreateUser creates a user (the admin only, by policy). Advertisers get a postback key.
func (n *Network) CreateUser(ctx context.Context, in UserInput) (*ent.User, error) {
	return n.createUser(ctx, in, user.StatusActive)
}

func (n *Network) createUser(ctx context.Context, in UserInput, status user.Status) (*ent.User, error) {
	addr := auth.NormalizeEmail(in.Email)
	if err := email.Check(addr); err != nil {
		return nil, fault.Errorf(fault.Invalid, "%w", err)
	}
	if err := user.RoleValidator(in.Role); err != nil {
		return nil, fault.Errorf(fault.Invalid, "unknown role %q", in.Role)
	}
	hash, err := n.auth.HashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	c := n.client.User.Create().SetEmail(addr).SetPasswordHash(hash).SetRole(in.Role).SetStatus(status)
	if in.Name != nil {
		c.SetName(strings.TrimSpace(*in.Name))
	}
	if in.Trusted != nil {
		c.SetTrusted(*in.Trusted)
	}
	if in.Role == user.RoleAdvertiser {
		c.SetPostbackKey(auth.NewPostbackKey())
	}
	u, err := c.Save(ctx)
	if ent.IsConstraintError(err) {
		return nil, fault.Errorf(fault.Conflict, "a user with email %s already exists", addr)
	}
	return u, err
}

// Signup lets a publisher register itself. When the network requires approval the account
// is PENDING until the admin activates it.
func (n *Network) Signup(ctx context.Context, email, password string, name *string) (*ent.User, error) {
	sys := viewer.SystemContext(ctx)
	s, err := EnsureSettings(ctx, n.client)
	if err != nil {
		return nil, err
	}
	status := user.StatusActive
	if s.RequirePublisherApproval {
		status = user.StatusPending
	}
	return n.createUser(sys, UserInput{Email: email, Password: password, Name: name, Role: user.RolePublisher}, status)
}

// UpdateUser changes a user (the admin only, by policy).
func (n *Network) UpdateUser(ctx context.Context, id int, in ent.UpdateUserInput) (*ent.User, error) {
	if in.Email != nil {
		e := auth.NormalizeEmail(*in.Email)
		if err := email.Check(e); err != nil {
			return nil, fault.Errorf(fault.Invalid, "%w", err)
		}
		in.Email = &e
	}
	u, err := n.client.User.UpdateOneID(id).SetInput(in).Save(ctx)
	if err != nil {
		return nil, err
	}
	if u.Role == user.RoleAdvertiser && u.PostbackKey == "" {
		return n.client.User.UpdateOneID(id).SetPostbackKey(auth.NewPostbackKey()).Save(ctx)
	}
	return u, nil
}

// SetTrusted marks a publisher trusted or not (the admin only, by policy).
func (n *Network) SetTrusted(ctx context.Context, id int, trusted bool) (*ent.User, error) {
	return n.client.User.UpdateOneID(id).SetTrusted(trusted).Save(ctx)
}

// ProfileInput is the viewer's own profile change.
type ProfileInput struct {
	Name                    *string
	DefaultPostbackURL      *string
	DefaultPostbackMethod   *method.Method
	DefaultPostbackStatuses []string
	DefaultPostbackGoals    []string
}

// UpdateProfile changes the viewer's own name or default postback URL.
func (n *Network) UpdateProfile(ctx context.Context, in ProfileInput) (*ent.User, error) {
	v, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	u := n.client.User.UpdateOneID(v.UserID)
	if in.Name != nil {
		u.SetName(strings.TrimSpace(*in.Name))
	}
	if in.DefaultPostbackURL != nil {
		if *in.DefaultPostbackURL == "" {
			u.ClearDefaultPostbackURL()
		} else {
			u.SetDefaultPostbackURL(*in.DefaultPostbackURL)
		}
	}
	if in.DefaultPostbackMethod != nil {
		u.SetDefaultPostbackMethod(*in.DefaultPostbackMethod)
	}
	if in.DefaultPostbackStatuses != nil {
		u.SetDefaultPostbackStatuses(in.DefaultPostbackStatuses) // checked by the model
	}
	if in.DefaultPostbackGoals != nil {
		u.SetDefaultPostbackGoals(in.DefaultPostbackGoals)
	}
	return u.Save(ctx)
}

// ChangePassword changes the viewer's own password after checking the old one. Attempts are
// rate-limited per user. The change ends every session of the user (its session version moves
// on); the cookie session that made it gets a fresh cookie.
func (n *Network) ChangePassword(ctx context.Context, oldPassword, newPassword string) error {
	v, err := caller(ctx)
	if err != nil {
		return err
	}
	if err := n.auth.AllowPasswordChange(v.UserID); err != nil {
		return err
	}
	u, err := n.client.User.Get(ctx, v.UserID)
	if err != nil {
		return err
	}
	if !auth.CheckPassword(u.PasswordHash, oldPassword) {
		return fault.New(fault.Invalid, "the current password is wrong")
	}
	hash, err := n.auth.HashPassword(newPassword)
	if err != nil {
		return err
	}
	if u, err = n.client.User.UpdateOneID(v.UserID).SetPasswordHash(hash).AddSessionVersion(1).Save(ctx); err != nil {
		return err
	}
	return n.auth.RenewCookieSession(ctx, u)
}

// RotatePostbackKey gives the advertiser viewer a new postback key.
func (n *Network) RotatePostbackKey(ctx context.Context) (string, error) {
	v, err := caller(ctx)
	if err != nil {
		return "", err
	}
	if !v.Advertiser() {
		return "", fault.New(fault.Forbidden, "only advertisers have a postback key")
	}
	key := auth.NewPostbackKey()
	if err := n.client.User.UpdateOneID(v.UserID).SetPostbackKey(key).Exec(ctx); err != nil {
		return "", err
	}
	return key, nil
}

// CanSeePostbackKey reports whether the viewer may see u's postback key: u itself or an admin.
func CanSeePostbackKey(ctx context.Context, u *ent.User) bool {
	if auth.SignedIn(ctx) == u.ID {
		return true
	}
	v, ok := viewer.FromContext(ctx)
	return ok && (v.Admin() || v.UserID == u.ID)
}

// originKey carries the origin a request came in on.
type originKey struct{}

// WithOrigin returns ctx carrying the scheme and host the caller reached cpanet on
// ("https://track.example.com"), for absolute URLs shown back to it.
func WithOrigin(ctx context.Context, origin string) context.Context {
	return context.WithValue(ctx, originKey{}, origin)
}

// PostbackURL is the advertiser's ready-made postback URL, always absolute: on the configured
// public URL (CPANET_PUBLIC_URL), else on the origin the caller reached us on (for display; the
// advertiser's server must be able to reach it). Only without either is it relative.
func (n *Network) PostbackURL(ctx context.Context, u *ent.User) string {
	if u.PostbackKey == "" {
		return ""
	}
	base := n.PostbackBase
	if base == "" {
		base, _ = ctx.Value(originKey{}).(string)
	}
	return base + "/postback?key=" + u.PostbackKey + PostbackURLParams
}

// TrackingURL is a flow's tracking link (/go/{code}), absolute like PostbackURL: on the
// configured public URL, else on the origin the caller reached us on.
func (n *Network) TrackingURL(ctx context.Context, code string) string {
	base := n.PostbackBase
	if base == "" {
		base, _ = ctx.Value(originKey{}).(string)
	}
	return base + "/go/" + url.PathEscape(code)
}

// PostbackURLParams are the placeholders of the ready-made postback URL after its key: the
// advertiser's system replaces each {…} with its own value (docs/postback.md).
const PostbackURLParams = "&clickid={clickid}&goal={goal}&status={status}&amount={amount}&transaction_id={transaction_id}"

// OfferInput is a new offer.
type OfferInput struct {
	Name                string
	Description         *string
	LandingURL          string
	Currency            *string
	Status              *offer.Status
	Visibility          *offer.Visibility
	AllowedCountries    []string
	MultipleConversions *bool
	Hold                *bool
	AutoApproveDays     *int
	TrafficbackURL      *string
	MaxAmount           *money.Decimal
	AdvertiserID        *int
}

var countryPattern = regexp.MustCompile(`^[A-Z]{2}$`)

// NormalizeCountries upper-cases country codes and checks them.
func NormalizeCountries(cs []string) ([]string, error) {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		c = strings.ToUpper(strings.TrimSpace(c))
		if !countryPattern.MatchString(c) {
			return nil, fault.Errorf(fault.Invalid, "%q is not an ISO 3166-1 alpha-2 country code", c)
		}
		out = append(out, c)
	}
	return out, nil
}

// CreateOffer creates an offer: an advertiser's own, or for advertiserID when the admin asks.
// Hold left out takes the network's "hold new offers by default".
func (n *Network) CreateOffer(ctx context.Context, in OfferInput) (*ent.Offer, error) {
	v, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	target := &ent.Offer{}
	if in.AdvertiserID != nil {
		target.AdvertiserID = *in.AdvertiserID
	}
	if err := rule.Can(v, rule.CreateOffer, target); err != nil {
		return nil, err
	}
	owner := v.UserID
	if v.Admin() {
		if in.AdvertiserID == nil {
			return nil, fault.New(fault.Invalid, "advertiserID is required")
		}
		adv, err := n.client.User.Get(ctx, *in.AdvertiserID)
		if err != nil {
			return nil, err
		}
		if adv.Role != user.RoleAdvertiser {
			return nil, fault.Errorf(fault.Invalid, "user %d is not an advertiser", adv.ID)
		}
		owner = adv.ID
	}
	c := n.client.Offer.Create().SetName(strings.TrimSpace(in.Name)).SetLandingURL(in.LandingURL).SetAdvertiserID(owner).
		SetNillableDescription(in.Description).SetNillableStatus(in.Status).SetNillableVisibility(in.Visibility).
		SetNillableMultipleConversions(in.MultipleConversions).SetNillableAutoApproveDays(in.AutoApproveDays).
		SetNillableTrafficbackURL(in.TrafficbackURL).SetNillableMaxAmount(in.MaxAmount)
	if in.Currency != nil {
		cur := strings.ToUpper(strings.TrimSpace(*in.Currency))
		if err := money.CheckCurrency(cur); err != nil { // the model checks it too; this says it without ent's prefix
			return nil, fault.Errorf(fault.Invalid, "currency: %w", err)
		}
		c.SetCurrency(cur)
	}
	if len(in.AllowedCountries) > 0 {
		cs, err := NormalizeCountries(in.AllowedCountries)
		if err != nil {
			return nil, err
		}
		c.SetAllowedCountries(cs)
	}
	hold := in.Hold
	if hold == nil {
		s, err := EnsureSettings(ctx, n.client)
		if err != nil {
			return nil, err
		}
		hold = &s.HoldNewOffersByDefault
	}
	c.SetHold(*hold)
	return c.Save(ctx)
}

// UpdateOffer changes an offer (its advertiser or the admin, by policy).
func (n *Network) UpdateOffer(ctx context.Context, id int, in ent.UpdateOfferInput) (*ent.Offer, error) {
	if in.AllowedCountries != nil {
		cs, err := NormalizeCountries(in.AllowedCountries)
		if err != nil {
			return nil, err
		}
		in.AllowedCountries = cs
	}
	if in.AppendAllowedCountries != nil {
		cs, err := NormalizeCountries(in.AppendAllowedCountries)
		if err != nil {
			return nil, err
		}
		in.AppendAllowedCountries = cs
	}
	return n.client.Offer.UpdateOneID(id).SetInput(in).Save(ctx)
}

// CreateGoal creates a goal of an offer. The offer's first goal, or one created as default,
// becomes the offer's only default goal. Who may set which price and the money limits are the
// model's (ent/schema policy and hooks).
func (n *Network) CreateGoal(ctx context.Context, in ent.CreateGoalInput) (*ent.Goal, error) {
	var g *ent.Goal
	err := store.WithTx(ctx, n.client, func(tx *ent.Tx) error {
		hasDefault, err := tx.Goal.Query().Where(goal.OfferID(in.OfferID), goal.IsDefault(true)).Exist(ctx)
		if err != nil {
			return err
		}
		makeDefault := !hasDefault || in.IsDefault != nil && *in.IsDefault
		if makeDefault && hasDefault {
			if err := tx.Goal.Update().Where(goal.OfferID(in.OfferID), goal.IsDefault(true)).SetIsDefault(false).Exec(ctx); err != nil {
				return err
			}
		}
		in.IsDefault = &makeDefault
		g, err = tx.Goal.Create().SetInput(in).Save(ctx)
		if ent.IsConstraintError(err) {
			return fault.Errorf(fault.Conflict, "the offer already has a goal %q", in.Code)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return g.Unwrap(), nil
}

// UpdateGoal changes a goal; making it the default clears the offer's other default. The
// money is checked by the model on the goal's final state (a payout alone on a PERCENT goal is
// a percent).
func (n *Network) UpdateGoal(ctx context.Context, id int, in ent.UpdateGoalInput) (*ent.Goal, error) {
	var g *ent.Goal
	err := store.WithTx(ctx, n.client, func(tx *ent.Tx) error {
		cur, err := tx.Goal.Get(ctx, id)
		if err != nil {
			return err
		}
		if in.IsDefault != nil && *in.IsDefault {
			if err := tx.Goal.Update().Where(goal.OfferID(cur.OfferID), goal.IsDefault(true), goal.IDNEQ(id)).SetIsDefault(false).Exec(ctx); err != nil {
				return err
			}
		}
		g, err = tx.Goal.UpdateOneID(id).SetInput(in).Save(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	return g.Unwrap(), nil
}

// FlowInput is a new flow.
type FlowInput struct {
	OfferID        int
	Name           *string
	LandingIDs     []int
	PostbackURL    *string
	TrafficbackURL *string
	PublisherID    *int
}

// CreateFlow creates a publisher's flow with a generated code. The offer must be one the
// publisher may run: active, and public or granted.
func (n *Network) CreateFlow(ctx context.Context, in FlowInput) (*ent.Flow, error) {
	v, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	pub := v.UserID
	if v.Admin() {
		if in.PublisherID == nil {
			return nil, fault.New(fault.Invalid, "publisherID is required")
		}
		pub = *in.PublisherID
	}
	// CREATE_FLOW: first who may create flows for whom, then on the offer as the flow's
	// publisher sees it.
	if err := rule.Can(v, rule.CreateFlow, rule.PublisherOffer{PublisherID: pub}); err != nil {
		return nil, err
	}
	p, err := n.client.User.Get(ctx, pub)
	if err != nil || p.Role != user.RolePublisher {
		return nil, fault.Errorf(fault.Invalid, "user %d is not a publisher", pub)
	}
	// What the publisher itself may see decides which offers it may run.
	pubCtx := viewer.NewContext(ctx, auth.ViewerOf(p))
	o, err := n.client.Offer.Query().Where(offer.ID(in.OfferID)).Only(pubCtx)
	if err != nil {
		return nil, fault.Errorf(fault.NotFound, "offer %d", in.OfferID)
	}
	acc, err := o.QueryAccesses().Where(offeraccess.PublisherID(pub)).Only(pubCtx)
	if err != nil && !ent.IsNotFound(err) {
		return nil, err
	}
	if err := rule.Can(v, rule.CreateFlow, rule.PublisherOffer{Offer: o, Access: acc, PublisherID: pub}); err != nil {
		return nil, err
	}
	if len(in.LandingIDs) > 0 {
		cnt, err := n.client.Landing.Query().Where(landing.IDIn(in.LandingIDs...), landing.OfferID(o.ID)).Count(pubCtx)
		if err != nil {
			return nil, err
		}
		if cnt != len(in.LandingIDs) {
			return nil, fault.Errorf(fault.Invalid, "landings must belong to offer %d", o.ID)
		}
	}
	for attempt := 0; ; attempt++ {
		c := n.client.Flow.Create().SetCode(NewFlowCode()).SetOfferID(o.ID).SetPublisherID(pub).
			SetNillablePostbackURL(in.PostbackURL).SetNillableTrafficbackURL(in.TrafficbackURL).AddLandingIDs(in.LandingIDs...)
		if in.Name != nil {
			c.SetName(strings.TrimSpace(*in.Name))
		}
		f, err := c.Save(ctx)
		if ent.IsConstraintError(err) && attempt < 5 {
			continue // the code collided: draw another
		}
		return f, err
	}
}

const codeAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// NewFlowCode draws a random 8-character flow code.
func NewFlowCode() string {
	b := make([]byte, 8)
	for i := range b {
		k, err := rand.Int(rand.Reader, big.NewInt(int64(len(codeAlphabet))))
		if err != nil {
			panic(err)
		}
		b[i] = codeAlphabet[k.Int64()]
	}
	return string(b)
}

// CreateAPIToken creates an API token for the viewer and returns the secret once.
func (n *Network) CreateAPIToken(ctx context.Context, in ent.CreateAPITokenInput) (string, *ent.APIToken, error) {
	v, err := caller(ctx)
	if err != nil {
		return "", nil, err
	}
	if v.System {
		return "", nil, errors.New("the system has no API tokens")
	}
	if in.ExpiresAt != nil && in.ExpiresAt.Before(time.Now()) {
		return "", nil, fault.New(fault.Invalid, "expiresAt is in the past")
	}
	tok, hash := auth.NewToken()
	t, err := n.client.APIToken.Create().SetInput(in).SetUserID(v.UserID).SetTokenHash(hash).
		SetPrefix(tok[:len(auth.TokenPrefix)+4]).Save(ctx)
	if err != nil {
		return "", nil, err
	}
	return tok, t, nil
}

// RevokeAPIToken revokes one of the viewer's tokens (any token for the admin).
func (n *Network) RevokeAPIToken(ctx context.Context, id int) (*ent.APIToken, error) {
	t, err := n.client.APIToken.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if t.RevokedAt != nil {
		return t, nil
	}
	return n.client.APIToken.UpdateOneID(id).SetRevokedAt(time.Now()).Save(ctx)
}
