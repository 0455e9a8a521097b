package notify

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestValidateURL(t *testing.T) {
	all := "https://tracker.example/pb?" + func() string {
		var q []string
		for _, m := range Macros {
			q = append(q, m+"={"+m+"}")
		}
		return strings.Join(q, "&")
	}()
	for _, tc := range []struct {
		name, url string
		err       error
		msg       string
	}{
		{"every known macro", all, nil, ""},
		{"macros in the path", "https://t.example/pb/{click_id}/{status}", nil, ""},
		{"macro in the fragment", "https://t.example/pb#c={click_id}", nil, ""},
		{"no macro", "http://t.example:8080/", nil, ""},
		{"unknown macros are named", "https://t.example/?a={clickid}&b={click_id}&c={foo}&d={foo}", ErrUnknownMacro, "{clickid}, {foo}"},
		{"macro names are case-sensitive", "https://t.example/?a={CLICK_ID}", ErrUnknownMacro, "{CLICK_ID}"},
		{"a stray brace", "https://t.example/?a={click_id", ErrInvalidURL, "brace"},
		{"double braces", "https://t.example/?a={{click_id}}", ErrInvalidURL, "brace"},
		{"macro in the host", "https://{site}/pb", ErrInvalidURL, "only in the path"},
		{"macro in a host label", "https://x{sub1}.t.example/pb", ErrInvalidURL, "only in the path"},
		{"macro in the port", "https://t.example:{sub1}/pb", ErrInvalidURL, "only in the path"},
		{"macro in user info", "https://{sub1}@t.example/pb", ErrInvalidURL, "only in the path"},
		{"empty", "", ErrInvalidURL, "empty"},
		{"relative", "/pb?c={click_id}", ErrInvalidURL, "scheme"},
		{"other scheme", "ftp://t.example/pb", ErrInvalidURL, "scheme"},
		{"javascript", "javascript:alert(1)", ErrInvalidURL, "scheme"},
		{"no host", "https:///pb", ErrInvalidURL, "no host"},
		{"port only", "https://:80/pb", ErrInvalidURL, "no host"},
		{"space", "https://t.example/p b", ErrInvalidURL, "spaces"},
		{"too long", "https://t.example/?a=" + strings.Repeat("x", MaxURLLength), ErrInvalidURL, "longer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateURL(tc.url)
			if tc.err == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.err)
			require.Contains(t, err.Error(), tc.msg)
		})
	}
}

func TestExpandEscapesValues(t *testing.T) {
	nasty := []string{"a&b=c", "x#y", "p/q", "with space", "plus+sign", "юникод ✓", "?x=1", "%41", "100%"}
	for _, val := range nasty {
		t.Run(val, func(t *testing.T) {
			tmpl := "https://t.example/pb/{sub1}/end?c={sub1}&s={status}#f={sub1}"
			got := Expand(tmpl, Values{"sub1": val, "status": "approved"})
			u, err := url.Parse(got)
			require.NoError(t, err)
			require.Equal(t, "t.example", u.Host)

			// The structure is the template's: one path segment, two parameters, one fragment.
			segs := strings.Split(u.EscapedPath(), "/")
			require.Len(t, segs, 4, got)
			seg, err := url.PathUnescape(segs[2])
			require.NoError(t, err)
			require.Equal(t, val, seg)
			require.Equal(t, "end", segs[3])

			q, err := url.ParseQuery(u.RawQuery)
			require.NoError(t, err)
			require.Equal(t, url.Values{"c": {val}, "s": {"approved"}}, q)

			require.Equal(t, "f="+val, u.Fragment)
		})
	}
}

func TestExpand(t *testing.T) {
	for _, tc := range []struct{ name, tmpl, want string }{
		{"missing values are empty", "https://t.example/?c={click_id}&g={goal}", "https://t.example/?c=abc&g="},
		{"space is + in the query and %20 in the path", "https://t.example/{sub2}?s={sub2}", "https://t.example/a%20b?s=a+b"},
		{"a ? inside the fragment is not a query", "https://t.example/{sub2}#x?y={sub2}", "https://t.example/a%20b#x?y=a%20b"},
		{"a macro used twice", "https://t.example/?a={click_id}&b={click_id}", "https://t.example/?a=abc&b=abc"},
		{"unknown names are left", "https://t.example/?a={nope}", "https://t.example/?a={nope}"},
		{"payout is the decimal string", "https://t.example/?p={payout}&c={currency}", "https://t.example/?p=12.50&c=EUR"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := Values{"click_id": "abc", "sub2": "a b", "payout": "12.50", "currency": "EUR"}
			require.Equal(t, tc.want, Expand(tc.tmpl, v))
		})
	}
}

func TestFieldsValues(t *testing.T) {
	ct := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	v := Fields{
		ClickID: "c1", ConversionID: "7", TransactionID: "tx", Status: "approved", Goal: "lead",
		Payout: "12.50", Currency: "USD", OfferID: "3", FlowID: "4",
		Sub:       [5]string{"s1", "", "", "", "s5"},
		UTMSource: "fb", UTMTerm: "shoes", Site: "example.org", Country: "DE",
		ClickTime: ct, ConversionTime: ct.Add(90 * time.Second),
	}.Values()
	require.Len(t, v, len(Macros), "every macro has a value")
	for _, m := range Macros {
		_, ok := v[m]
		require.True(t, ok, m)
	}
	require.Equal(t, "s1", v["sub1"])
	require.Equal(t, "s5", v["sub5"])
	require.Equal(t, "12.50", v["payout"])
	require.Equal(t, "1767323045", v["click_time"])
	require.Equal(t, "1767323135", v["conversion_time"])
	require.Empty(t, Fields{}.Values()["click_time"], "a zero time is empty, not 1970")
	require.Len(t, Sample(ct), len(Macros))
}

func TestHashTransactionID(t *testing.T) {
	a := HashTransactionID([]byte("k1"), "TX-1")
	require.Len(t, a, 32)
	require.Regexp(t, "^[0-9a-f]{32}$", a)
	require.Equal(t, a, HashTransactionID([]byte("k1"), "TX-1"), "stable")
	require.NotEqual(t, a, HashTransactionID([]byte("k2"), "TX-1"), "keyed")
	require.NotEqual(t, a, HashTransactionID([]byte("k1"), "TX-2"))
	require.NotContains(t, a, "TX")
	require.Empty(t, HashTransactionID([]byte("k1"), ""))
}
