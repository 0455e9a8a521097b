package conversion

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cpanet/cpanet/ent"
	"github.com/cpanet/cpanet/ent/account"
	"github.com/cpanet/cpanet/ent/ledgerentry"
	"github.com/cpanet/cpanet/ent/withdrawal"
	"github.com/cpanet/cpanet/internal/auth"
	"github.com/cpanet/cpanet/internal/fault"
	"github.com/cpanet/cpanet/internal/money"
	"github.com/cpanet/cpanet/internal/rule"
	"github.com/cpanet/cpanet/internal/store"
	"github.com/cpanet/cpanet/internal/viewer"
)

// Balance is a user's money in one currency.
type Balance struct {
	Currency string
	// Credit is a publisher's available balance: approved payouts minus withdrawals and
	// reversals. For an advertiser, its approved revenue: what it owes the network.
	Credit money.Cents
	// PendingCredit is the payouts of a publisher's conversions that wait for approval. For
	// an advertiser, the revenue of its pending conversions.
	PendingCredit money.Cents
}

// Balances returns the viewer's balances, one per currency it has money in: a publisher's
// credit and pending credit, an advertiser's revenue and pending revenue. The admin has none.
func (s *Service) Balances(ctx context.Context) ([]Balance, error) {
	v, ok := viewer.FromContext(ctx)
	if !ok {
		return nil, fault.New(fault.Unauthenticated, "sign in first")
	}
	if v.System {
		return []Balance{}, nil
	}
	return s.balances(ctx, v.UserID, v.Role)
}

// BalancesOf returns u's balances as Balances does for u itself. Only the admin and u itself
// may read them; anyone else is FORBIDDEN.
func (s *Service) BalancesOf(ctx context.Context, u *ent.User) ([]Balance, error) {
	v, ok := viewer.FromContext(ctx)
	switch {
	case !ok:
		return nil, fault.New(fault.Unauthenticated, "sign in first")
	case !v.Admin() && v.UserID != u.ID:
		return nil, fault.New(fault.Forbidden, "only the admin and the user itself see its balances")
	}
	return s.balances(ctx, u.ID, auth.RoleOf(u.Role))
}

// balances reads a user's accounts of its role: credit and pending credit for a publisher,
// revenue and pending revenue for an advertiser, none for an admin.
func (s *Service) balances(ctx context.Context, userID int, role viewer.Role) ([]Balance, error) {
	var credit, pending account.Kind
	switch role {
	case viewer.RolePublisher:
		credit, pending = account.KindCredit, account.KindPendingCredit
	case viewer.RoleAdvertiser:
		credit, pending = account.KindRevenue, account.KindPendingRevenue
	default:
		return []Balance{}, nil
	}
	// Read as the viewer: its own accounts, or any for the admin (the Account policy).
	accts, err := s.db.Client.Account.Query().
		Where(account.UserID(userID), account.KindIn(credit, pending)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("balances: %w", err)
	}
	byCurrency := map[string]*Balance{}
	out := []Balance{}
	for _, a := range accts {
		b := byCurrency[a.Currency]
		if b == nil {
			b = &Balance{Currency: a.Currency}
			byCurrency[a.Currency] = b
		}
		if a.Kind == credit {
			b.Credit += a.Balance
		} else {
			b.PendingCredit += a.Balance
		}
	}
	for _, b := range byCurrency {
		out = append(out, *b)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Currency < out[j].Currency })
	return out, nil
}

// maxDetailsLen is the longest withdrawal details or admin comment.
const maxDetailsLen = 1000

// RequestWithdrawal asks, on behalf of the publisher in ctx, to be paid amount out of its
// credit in currency. The amount must be at least the network's minimum withdrawal and at
// most the credit; it leaves the credit at once (a ledger entry), and returns if the admin
// rejects the request.
func (s *Service) RequestWithdrawal(ctx context.Context, currency string, amount money.Cents, details string) (*ent.Withdrawal, error) {
	v, ok := viewer.FromContext(ctx)
	if !ok {
		return nil, fault.New(fault.Unauthenticated, "sign in first")
	}
	if err := rule.Can(v, rule.RequestWithdrawal, nil); err != nil {
		return nil, err
	}
	currency = strings.ToUpper(strings.TrimSpace(currency))
	if money.CheckCurrency(currency) != nil {
		return nil, invalid("currency %q is not an ISO 4217 code", clip(currency))
	}
	if amount <= 0 {
		return nil, invalid("the amount must be positive")
	}
	details, err := text("details", details, maxDetailsLen)
	if err != nil {
		return nil, err
	}
	// Can decided who may. Accounts, withdrawals and ledger entries are written by the
	// conversion domain alone (no viewer writes them directly), as the system.
	sys := viewer.SystemContext(ctx)
	minimum, err := s.minWithdrawal(sys)
	if err != nil {
		return nil, err
	}
	if amount < minimum {
		return nil, invalid("the minimum withdrawal is %s %s", minimum, currency)
	}
	var w *ent.Withdrawal
	err = store.WithTx(sys, s.db.Client, func(tx *ent.Tx) error {
		// The credit goes down only if it covers the amount: no read-modify-write.
		n, err := tx.Account.Update().
			Where(account.UserID(v.UserID), account.Currency(currency), account.KindEQ(account.KindCredit),
				account.BalanceGTE(amount)).
			AddBalance(-amount).Save(sys)
		if err != nil {
			return fmt.Errorf("withdraw: %w", err)
		}
		if n != 1 {
			return invalid("the amount is more than your credit of %s %s", s.credit(sys, v.UserID, currency), currency)
		}
		w, err = tx.Withdrawal.Create().
			SetPublisherID(v.UserID).SetCurrency(currency).SetAmount(amount).
			SetNillableDetails(nonEmpty(details)).
			SetCreatedAt(s.now().UTC()).SetUpdatedAt(s.now().UTC()).
			Save(sys)
		if err != nil {
			return fmt.Errorf("withdraw: %w", err)
		}
		return s.post(sys, tx, []entry{{account: ledgerentry.AccountCredit, userID: v.UserID, currency: currency,
			amount: -amount, reason: reasonWithdrawalRequested, withdrawalID: &w.ID, at: s.now().UTC()}}, false)
	})
	if err != nil {
		return nil, err
	}
	return w, nil
}

// credit is a publisher's credit, for messages.
func (s *Service) credit(sys context.Context, userID int, currency string) money.Cents {
	a, err := s.db.Client.Account.Query().
		Where(account.UserID(userID), account.Currency(currency), account.KindEQ(account.KindCredit)).Only(sys)
	if err != nil {
		return 0
	}
	return a.Balance
}

// minWithdrawal is the network's minimum withdrawal.
func (s *Service) minWithdrawal(sys context.Context) (money.Cents, error) {
	st, err := s.db.Client.Setting.Query().First(sys)
	if ent.IsNotFound(err) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("settings: %w", err)
	}
	return st.MinWithdrawal, nil
}

// PayWithdrawal marks a requested withdrawal paid, on behalf of the admin in ctx. The money
// left the credit when it was requested.
func (s *Service) PayWithdrawal(ctx context.Context, id int, comment string) (*ent.Withdrawal, error) {
	return s.processWithdrawal(ctx, id, withdrawal.StatusPaid, comment)
}

// RejectWithdrawal rejects a requested withdrawal, on behalf of the admin in ctx: the amount
// returns to the publisher's credit, with a ledger entry.
func (s *Service) RejectWithdrawal(ctx context.Context, id int, comment string) (*ent.Withdrawal, error) {
	return s.processWithdrawal(ctx, id, withdrawal.StatusRejected, comment)
}

func (s *Service) processWithdrawal(ctx context.Context, id int, to withdrawal.Status, comment string) (*ent.Withdrawal, error) {
	v, ok := viewer.FromContext(ctx)
	if !ok {
		return nil, fault.New(fault.Unauthenticated, "sign in first")
	}
	comment, err := text("comment", comment, maxDetailsLen)
	if err != nil {
		return nil, err
	}
	w, err := s.db.Client.Withdrawal.Get(ctx, id)
	if err != nil {
		return nil, notFound(err, "withdrawal %d not found", id)
	}
	act := rule.PayWithdrawal
	if to == withdrawal.StatusRejected {
		act = rule.RejectWithdrawal
	}
	if err := rule.Can(v, act, w); err != nil {
		return nil, err
	}
	// Can decided who may (and that it is still requested; the update below is conditional on it
	// all the same). Withdrawals and ledger entries are written by the conversion domain alone.
	sys := viewer.SystemContext(ctx)
	err = store.WithTx(sys, s.db.Client, func(tx *ent.Tx) error {
		now := s.now().UTC()
		u := tx.Withdrawal.Update().
			Where(withdrawal.ID(id), withdrawal.StatusEQ(withdrawal.StatusRequested)).
			SetStatus(to).SetProcessedAt(now).SetNillableComment(nonEmpty(comment))
		if !v.System {
			u.SetProcessedByID(v.UserID)
		}
		n, err := u.Save(sys)
		if err != nil {
			return fmt.Errorf("withdrawal %d: %w", id, err)
		}
		if n != 1 {
			cur, err := tx.Withdrawal.Get(sys, id)
			if err != nil {
				return err
			}
			return fault.Errorf(fault.Conflict, "withdrawal %d is already %s", id, strings.ToLower(string(cur.Status)))
		}
		if to != withdrawal.StatusRejected {
			return nil
		}
		return s.post(sys, tx, []entry{{account: ledgerentry.AccountCredit, userID: w.PublisherID, currency: w.Currency,
			amount: w.Amount, reason: reasonWithdrawalRejected, withdrawalID: &w.ID, at: now}}, true)
	})
	if err != nil {
		return nil, err
	}
	return s.db.Client.Withdrawal.Get(sys, id)
}
