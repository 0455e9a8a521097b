package schema

import (
	"entgo.io/ent"

	"github.com/cpanet/cpanet/internal/rule"
	"github.com/cpanet/cpanet/internal/viewer"
)

// Every entity's privacy policy, in one place. The admin and the system pass every rule;
// everyone else reads through the entity's named scope in internal/rule (the same scope that
// filters by edges and statistics use) and writes only where a Write allows it.

const (
	advertiser = viewer.RoleAdvertiser
	publisher  = viewer.RolePublisher
)

// Policy of User: a user sees and edits only itself (name, password, its postback settings).
func (User) Policy() ent.Policy {
	return rule.Policy(rule.UserScope,
		rule.SelfUpdate("name", "password_hash", "default_postback_url", "postback_key", "currency", "updated_at",
			"default_postback_method", "default_postback_statuses", "default_postback_goals", "postback_secret", "session_version"))
}

// Policy of APIToken: a user's own tokens.
func (APIToken) Policy() ent.Policy {
	return rule.Policy(rule.APITokenScope, rule.OwnRows("user_id"))
}

// Policy of Setting: everyone signed in reads the settings; only the admin changes them.
func (Setting) Policy() ent.Policy {
	return rule.Policy(rule.SettingScope, rule.Only(rule.UpdateSettings))
}

// Policy of Offer: an advertiser owns its offers (they start as drafts; the admin activates
// them); a publisher sees the catalog and its offers.
func (Offer) Policy() ent.Policy {
	return rule.Policy(rule.OfferScope, rule.AdvertiserOffers("advertiser_id"))
}

// Policy of Goal: like its offer; the offer's advertiser writes all but the payout, and the
// revenue only while the offer is a draft; the admin sets payouts.
func (Goal) Policy() ent.Policy {
	return rule.Policy(rule.GoalScope, rule.AdvertiserGoals("offer_id"))
}

// Policy of Landing: like its offer; only the offer's advertiser writes.
func (Landing) Policy() ent.Policy {
	return rule.Policy(rule.LandingScope, rule.OwnOfferRows("offer_id"))
}

// Policy of PayoutOverride: a publisher sees its own; only the admin writes.
func (PayoutOverride) Policy() ent.Policy {
	return rule.Policy(rule.PayoutOverrideScope, rule.Only(rule.SetPayout))
}

// Policy of OfferAccess: a publisher's own requests, for the publisher and the admin; a publisher asks,
// the admin decides and opens private offers.
func (OfferAccess) Policy() ent.Policy {
	return rule.Policy(rule.OfferAccessScope, rule.AccessRequests)
}

// Policy of Flow: a publisher owns its flows; an advertiser sees its offers' flows.
func (Flow) Policy() ent.Policy {
	return rule.Policy(rule.FlowScope, rule.OwnRows("publisher_id", publisher))
}

// Policy of Click: a publisher's own clicks, an advertiser's offers' clicks; only the system writes.
func (Click) Policy() ent.Policy {
	return rule.Policy(rule.ClickScope, nil)
}

// Policy of Sequence: the system's only.
func (Sequence) Policy() ent.Policy { return rule.Policy(rule.SystemScope, nil) }

// Policy of Key: the system's only.
func (Key) Policy() ent.Policy { return rule.Policy(rule.SystemScope, nil) }

// Policy of RateLimit: the system's only.
func (RateLimit) Policy() ent.Policy { return rule.Policy(rule.SystemScope, nil) }

// Policy of JobLease: the system's only.
func (JobLease) Policy() ent.Policy { return rule.Policy(rule.SystemScope, nil) }

// Policy of Conversion: a publisher's own, an advertiser's offers'; money moves only through
// the conversion domain acting as the system.
func (Conversion) Policy() ent.Policy {
	return rule.Policy(rule.ConversionScope, nil)
}

// Policy of VisitorContact: personal data, for the admin and the offer's advertiser only.
func (VisitorContact) Policy() ent.Policy {
	return rule.Policy(rule.VisitorContactScope, nil)
}

// Policy of ConversionEvent: visible with its conversion.
func (ConversionEvent) Policy() ent.Policy {
	return rule.Policy(rule.ConversionEventScope, nil)
}

// Policy of LedgerEntry: a user's own accounts.
func (LedgerEntry) Policy() ent.Policy { return rule.Policy(rule.LedgerEntryScope, nil) }

// Policy of Account: a user's own balances.
func (Account) Policy() ent.Policy { return rule.Policy(rule.AccountScope, nil) }

// Policy of Withdrawal: a publisher's own; the conversion domain writes them as the system.
func (Withdrawal) Policy() ent.Policy {
	return rule.Policy(rule.WithdrawalScope, nil)
}

// Policy of PostbackLog: an advertiser's own postbacks.
func (PostbackLog) Policy() ent.Policy {
	return rule.Policy(rule.PostbackLogScope, nil)
}

// Policy of PostbackDelivery: a publisher's own postbacks; only the system writes them.
func (PostbackDelivery) Policy() ent.Policy {
	return rule.Policy(rule.PostbackDeliveryScope, nil)
}

// Policy of PostbackAttempt: the delivery log of a publisher's own postbacks; only the system writes it.
func (PostbackAttempt) Policy() ent.Policy {
	return rule.Policy(rule.PostbackAttemptScope, nil)
}
