// Package viewer carries who is acting — a user, or the system itself — through a context.
// The ent privacy policies read it; the HTTP edge and system jobs put it there.
package viewer

import "context"

// Role is a user's role in the network.
type Role string

// The roles of SPEC §1.
const (
	RoleAdmin      Role = "admin"
	RoleAdvertiser Role = "advertiser"
	RolePublisher  Role = "publisher"
)

// Viewer is the acting party of a request or job.
type Viewer struct {
	// UserID is the acting user's ID; zero for the system.
	UserID int
	// Role is the acting user's role.
	Role Role
	// System marks cpanet's own jobs (demo seeding, auto-approve, postbacks): they see everything.
	System bool
}

// Admin reports whether v may see and change everything.
func (v Viewer) Admin() bool { return v.System || v.Role == RoleAdmin }

// Advertiser reports whether v is an advertiser.
func (v Viewer) Advertiser() bool { return !v.System && v.Role == RoleAdvertiser }

// Publisher reports whether v is a publisher.
func (v Viewer) Publisher() bool { return !v.System && v.Role == RolePublisher }

type ctxKey struct{}

// NewContext returns ctx carrying v.
func NewContext(ctx context.Context, v Viewer) context.Context {
	return context.WithValue(ctx, ctxKey{}, v)
}

// FromContext returns the viewer in ctx, if any.
func FromContext(ctx context.Context) (Viewer, bool) {
	v, ok := ctx.Value(ctxKey{}).(Viewer)
	return v, ok
}

// SystemContext returns ctx acting as the system.
func SystemContext(ctx context.Context) context.Context {
	return NewContext(ctx, Viewer{System: true})
}
