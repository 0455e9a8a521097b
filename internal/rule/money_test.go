package rule

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cpanet/cpanet/internal/viewer"
)

// TestMoneyByRole is SPEC §6's table: payouts for the admin and publishers, revenue for the
// admin and advertisers, profit for the admin only.
func TestMoneyByRole(t *testing.T) {
	admin := viewer.Viewer{UserID: 1, Role: viewer.RoleAdmin}
	adv := viewer.Viewer{UserID: 2, Role: viewer.RoleAdvertiser}
	pub := viewer.Viewer{UserID: 3, Role: viewer.RolePublisher}
	system := viewer.Viewer{System: true}
	want := map[Money][]viewer.Viewer{
		NotMoney: {admin, adv, pub, system},
		Payout:   {admin, pub, system},
		Revenue:  {admin, adv, system},
		Profit:   {admin, system},
	}
	for m, who := range want {
		for _, v := range []viewer.Viewer{admin, adv, pub, system} {
			require.Equal(t, contains(who, v), Sees(v, m), "%+v sees money %d", v, m)
		}
	}
	for _, c := range []struct {
		typ, field string
		m          Money
	}{
		{"Goal", "payout", Payout}, {"Goal", "payoutType", Payout}, {"Goal", "revenue", Revenue},
		{"Goal", "revenueType", Revenue}, {"Goal", "code", NotMoney},
		{"Conversion", "payout", Payout}, {"Conversion", "revenue", Revenue}, {"Conversion", "amount", NotMoney},
		{"PayoutOverride", "payout", Payout},
		{"StatRow", "epc", Payout}, {"StatRow", "pendingPayout", Payout}, {"StatRow", "profit", Profit},
	} {
		require.Equal(t, c.m, FieldMoney(c.typ, c.field), "%s.%s", c.typ, c.field)
	}
	require.Equal(t, Payout, OrderMoney("StatRow", "PENDING_PAYOUT"))
	require.Equal(t, Payout, OrderMoney("Conversion", "PAYOUT"))
	require.Equal(t, NotMoney, OrderMoney("Conversion", "AMOUNT"))
	require.Equal(t, Revenue, filterMoney("Goal", "revenueTypeIn"))
	require.Equal(t, Payout, filterMoney("Conversion", "payoutGTE"))
	require.Equal(t, NotMoney, filterMoney("Conversion", "amountGT"))
	require.False(t, mayFilter(pub, "Goal", "payoutGT"), "a goal's stored payout is not the publisher's rate")
	require.True(t, mayFilter(pub, "PayoutOverride", "payoutGT"))
	require.True(t, mayFilter(admin, "Goal", "payoutGT"))
	require.False(t, mayFilter(adv, "Conversion", "payoutIn"))
	require.True(t, mayFilter(adv, "Conversion", "revenueIn"))
	require.True(t, NullWhenHidden("StatRow"))
	require.False(t, NullWhenHidden("Goal"))
}

func contains(list []viewer.Viewer, v viewer.Viewer) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
