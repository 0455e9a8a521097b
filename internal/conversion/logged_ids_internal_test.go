package conversion

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// TestLoggedIDs: the click ID and transaction ID the log keeps in columns of their own.
func TestLoggedIDs(t *testing.T) {
	s := func(v string) *string { return &v }
	for _, c := range []struct {
		want *string
		in   string
	}{
		{in: "", want: nil},
		{in: "  ", want: nil},
		{in: "8589934593", want: s("8589934593")},
		{in: " 0042 ", want: s("42")},
		{in: "abc-XYZ", want: s("abc-XYZ")},
		{in: "0", want: s("0")}, // not a click ID: kept as sent
		{in: strings.Repeat("9", 30), want: s(strings.Repeat("9", 30))},
		{in: strings.Repeat("é", 100), want: s(strings.Repeat("é", 30) + "…")},
		{in: "a\x00b\xff", want: s("a\uFFFDb\uFFFD")},
	} {
		got := loggedClickID(&Postback{ClickID: c.in})
		require.Equal(t, c.want, got, "%q", c.in)
		if got != nil {
			require.LessOrEqual(t, len(*got), maxLoggedClickIDLen)
		}
	}
	require.Nil(t, loggedTransactionID(&Postback{TransactionID: " "}))
	require.Equal(t, "T-1", *loggedTransactionID(&Postback{TransactionID: " T-1 "}))
	for _, in := range []string{strings.Repeat("x", 1000), strings.Repeat("ж", 200), strings.Repeat("😀", 100)} {
		got := *loggedTransactionID(&Postback{TransactionID: in})
		require.LessOrEqual(t, len(got), maxTransactionIDLen, in)
		require.True(t, utf8.ValidString(got))
		require.True(t, strings.HasSuffix(got, "…"))
	}
}
